"""The dashboard's agency table as a file: one row per agency, ranked as the consolidated report ranks them, with
its counts by timeliness and, per task group, what the heatmap's cell shows (its most urgent state and count)."""

from collections import Counter

from django.utils.translation import gettext as _

from reports.selectors.dashboard import Dashboard
from reports.statistics import on_time_rate
from tasks.selectors import TIMELINESS_ORDER
from tasks.timeliness import Timeliness

from .exports import Table


def _rank_key(name: str, counts: Counter):
    """Best on-time rate first; ties go to more done on time, then the name; agencies with nothing due last."""
    rate = on_time_rate(counts)
    return (rate is None, -(rate or 0), -counts.get(Timeliness.DONE_ON_TIME, 0), name)


def dashboard_table(data: Dashboard) -> Table:
    labels = {value: str(label) for value, label in Timeliness.choices}
    groups = [cell_group for cell_group, _cell in data.heatmap[0].cells] if data.heatmap else []
    header = [
        _("Rank"),
        _("Agency"),
        _("Assignments"),
        *(labels[code] for code in TIMELINESS_ORDER),
        _("On-time rate (%)"),
        *(_("Group %(number)s: %(title)s") % {"number": group.number, "title": group.title} for group in groups),
    ]
    rows = []
    for row in data.heatmap:
        counts = Counter()
        for _group, cell in row.cells:
            if cell is not None:
                counts.update(cell.by_timeliness)
        cells = [f"{labels[cell.worst]} ({cell.total})" if cell and cell.worst else "" for _group, cell in row.cells]
        rows.append((row.agency.name, counts, row.total, cells))
    rows.sort(key=lambda item: _rank_key(item[0], item[1]))
    table_rows = []
    rank = 0
    for name, counts, total, cells in rows:
        rate = on_time_rate(counts)
        rank += rate is not None
        table_rows.append(
            [
                rank if rate is not None else None,
                name,
                total,
                *(counts.get(code, 0) for code in TIMELINESS_ORDER),
                rate,
                *cells,
            ]
        )
    return Table(f"tong-quan-{data.directive.pk}", header, table_rows)
