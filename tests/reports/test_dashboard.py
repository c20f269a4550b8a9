"""The dashboard: headline figures, heatmap with text, chart data for Chart.js, overdue list and tracker."""

import json
import re
from datetime import date

from django.urls import reverse

from reports.selectors.dashboard import dashboard
from reports.services.agency_reports import agency_report_submit
from reports.services.consolidated import consolidated_compile
from reports.services.periods import report_period_get_or_create
from tests.reports.conftest import local, narrative, save_at


def test_dashboard_figures(world):
    save_at(
        world.assignments["home_due_march"],
        local(date(2026, 3, 20)),
        status="done",
        percent=100,
        completed_on=date(2026, 3, 20),
    )
    schedule = world.directive.report_schedule
    q1, _ = report_period_get_or_create(schedule=schedule, kind="quarter", year=2026, index=1)
    consolidated_compile(period=world.period, user=world.coordinator, today=date(2026, 6, 20))
    data = dashboard(directive=world.directive, today=date(2026, 6, 20))
    assert (data.total, data.done, data.overdue_count) == (5, 1, 2)
    assert data.on_time_rate == 33.3
    # Q1 (cutoff 14/03) is computed at its cutoff; the first 6 months come from the frozen report.
    assert data.chart["labels"] == ["quý I năm 2026", "6 tháng đầu năm 2026"]
    assert data.chart["rates"] == [None, 33.3]
    assert data.chart["urls"] == [q1.get_absolute_url(), world.period.get_absolute_url()]
    home = next(row for row in data.heatmap if row.agency == world.agency)
    worst = [cell.worst if cell else None for _group, cell in home.cells]
    assert worst == ["standing", "overdue"]


def test_dashboard_page(client, world):
    agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )
    client.force_login(world.coordinator)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    # The heatmap never relies on colour alone: every coloured cell says its state in words.
    cells = re.findall(r'<td class="text-center heat-([\w-]+)"><a class="heatmap-link" href="([^"]+)">([^<]+)<', html)
    assert cells
    for _colour, href, label in cells:
        assert label.strip()
        assert href.startswith(world.directive.get_absolute_url())
    # Colour by urgency, with a legend; the column headers carry the groups' short titles.
    assert {colour for colour, _, _ in cells} <= {"overdue", "soon", "within", "done", "done-late", "grey"}
    assert '<span class="heat-swatch heat-overdue">Quá hạn</span>' in html
    assert ">1. Lãnh đạo</a></th>" in html and ">2. Giáo dục quốc phòng</a></th>" in html
    assert 'id="ontime-data"' in html
    chart = json.loads(re.search(r'<script id="ontime-data" type="application/json">(.*?)</script>', html).group(1))
    assert chart["labels"]
    assert "/static/js/dashboard.js" in html
    # CSP: no inline script apart from the JSON data block.
    assert not re.search(r"<script>(?!\s*</script>)", html)
    assert f'href="{reverse("reports:period_detail", args=[world.period.pk])}"' in html


def test_dashboard_directive_choice(client, world):
    client.force_login(world.leader)
    assert client.get(reverse("reports:dashboard"), {"directive": world.directive.pk}).status_code == 200
    assert client.get(reverse("reports:dashboard"), {"directive": 999999}).status_code == 404
    client.force_login(world.other_coordinator)
    # A coordinator sees only the directives their agency coordinates.
    assert client.get(reverse("reports:dashboard"), {"directive": world.directive.pk}).status_code == 404
