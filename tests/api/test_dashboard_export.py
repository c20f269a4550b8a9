"""The dashboard's agency table as CSV and .xlsx (issue 14: "the agency ranking and the dashboard's tables"): the
same agencies and figures as the page's heatmap, ranked as the consolidated report ranks them."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.models import User
from directives.models import Directive
from reports.statistics import on_time_rate
from tests.conftest import travel_to

from .test_exports import read_csv, read_xlsx


@pytest.fixture
def demo(db, seed_today, clock):
    with travel_to(seed_today):
        call_command("seed", "--demo", verbosity=0)
    return Directive.objects.get(number="249-KL/TU")


def url(directive, fmt):
    return reverse("api:export_dashboard", kwargs={"pk": directive.pk, "fmt": fmt})


def test_the_export_is_the_dashboards_heatmap_ranked(client, demo):
    client.force_login(User.objects.get(username="lanhdao"))
    page = client.get(reverse("reports:dashboard"), {"directive": demo.pk})
    heatmap = page.context["data"].heatmap
    assert url(demo, "csv") in page.content.decode() and url(demo, "xlsx") in page.content.decode()
    rows = read_csv(client.get(url(demo, "csv")))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Hạng", "Đơn vị", "Lượt nhiệm vụ"]
    assert "Tỷ lệ đúng hạn (%)" in header
    assert any(column.startswith("Nhóm 5: ") for column in header)
    assert {row[1]: int(row[2]) for row in body} == {row.agency.name: row.total for row in heatmap}
    # Ranked: those with something due first, by on-time rate, numbered 1, 2, ...; the others unranked, after.
    rate_column = header.index("Tỷ lệ đúng hạn (%)")
    ranked = [row for row in body if row[0]]
    assert [int(row[0]) for row in ranked] == list(range(1, len(ranked) + 1))
    rates = [float(row[rate_column]) for row in ranked]
    assert rates == sorted(rates, reverse=True) and len(ranked) >= 3
    assert all(not row[rate_column] for row in body[len(ranked) :])
    # One agency's figures, recomputed from the page's cells.
    first = next(row for row in heatmap if row.agency.name == ranked[0][1])
    counts = sum(
        (cell.by_timeliness for _group, cell in first.cells if cell), start=__import__("collections").Counter()
    )
    assert float(ranked[0][rate_column]) == on_time_rate(counts)
    xlsx = read_xlsx(client.get(url(demo, "xlsx")))

    def same(cell) -> str:
        text = str(cell)
        try:
            return str(float(text))
        except ValueError:
            return text

    assert [[same(cell) for cell in row] for row in xlsx] == [[same(cell) for cell in row] for row in rows]


def test_the_export_follows_the_dashboards_access(client, demo):
    client.force_login(User.objects.get(username="chuyenvien.snv"))
    assert client.get(url(demo, "csv")).status_code == 403
    client.force_login(User.objects.get(username="bchqs"))
    assert client.get(url(demo, "csv")).status_code == 200
    other = Directive.objects.exclude(pk=demo.pk).first()
    assert client.get(url(other, "csv")).status_code == 404
