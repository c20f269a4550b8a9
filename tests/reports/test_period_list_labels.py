"""The reports list says what its link does ("Lập / xem báo cáo"), and reads as cards on a phone."""

from django.urls import reverse

from tests.conftest import travel_to


def test_the_reports_list_says_write_or_read(client, world, after_cutoff):
    client.force_login(world.staff)
    with travel_to(after_cutoff):
        html = client.get(reverse("reports:period_list")).content.decode()
    assert "Lập / xem báo cáo" in html
    assert ">Mở<" not in html
    # Each cell names its column, so the table stacks into cards on a narrow screen (app.css).
    assert 'class="table table-hover align-middle table-stack"' in html
    assert 'data-label="Báo cáo của đơn vị bạn"' in html
