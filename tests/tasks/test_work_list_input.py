"""The work lists' filters as drawn by fast_field, and bad input: the nearest sensible list and a Vietnamese message."""

from django.urls import reverse


def test_a_chosen_filter_value_is_selected_in_its_field(client, world):
    client.force_login(world.users["staff"])
    html = client.get(reverse("tasks:work"), {"status": "done", "q": "quốc <b>"}).content.decode()
    assert '<option value="done" selected>' in html
    assert '<option value="" selected>' in html  # the other selects keep their empty choice
    assert 'value="quốc &lt;b&gt;"' in html  # escaped
    assert '<label for="id_status" class="form-label">' in html


def test_an_unknown_filter_value_is_ignored_with_a_vietnamese_message(client, world):
    client.force_login(world.users["staff"])
    everything = client.get(reverse("tasks:work")).context["page_obj"].paginator.count
    response = client.get(reverse("tasks:work"), {"status": "nonsense", "directive": "999999", "role": "x"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == everything
    html = response.content.decode()
    assert "is-invalid" in html  # a field with an error is drawn by crispy, with its feedback
    assert "lựa chọn hợp lệ" in html


def test_a_page_past_the_end_shows_the_last_page_with_a_message(client, world):
    client.force_login(world.users["staff"])
    for asked in ("999", "0", "abc"):
        response = client.get(reverse("tasks:work"), {"page": asked})
        assert response.status_code == 200
        assert f"Không có trang {asked}" in response.content.decode()
    assert "Không có trang" not in client.get(reverse("tasks:work"), {"page": "1"}).content.decode()
