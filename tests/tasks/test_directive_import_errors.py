"""The directive import's review refuses what it must, beside the field, and a failure while confirming saves
nothing (the flow: test_directive_import.py)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tasks.importing.confirm import directive_import_confirm
from tasks.importing.review import ReviewedDirective, ReviewedGroup
from tests.tasks.test_directive_import import URL, agency, counts, form_data, one, review

# ------------------------------------------------------------------- review errors


def test_review_errors_are_shown_beside_the_fields_and_nothing_is_saved(admin_client, reference_text):
    data = review(admin_client, reference_text)
    data.update(
        {
            "kind": ["plan"],
            "number": [""],
            "issued_on": ["31/02/2019"],
            "groups-1-number": ["1"],
            "groups-2-deadline": ["hôm qua"],
        }
    )
    before = counts()
    response = admin_client.post(URL, data)
    assert response.status_code == 200
    assert counts() == before
    html = response.content.decode()
    assert 'id="review-errors"' in html
    assert html.count("is-invalid") >= 3
    assert "Nhập một ngày hợp lệ" in html or "Nhập ngày hợp lệ" in html
    kept = form_data(html)
    assert one(kept, "issued_on") == "31/02/2019"
    assert one(kept, "groups-2-deadline") == "hôm qua"
    assert one(kept, "groups-4-text") == one(data, "groups-4-text")


def test_repeated_item_numbers_are_refused(admin_client, reference_text):
    data = review(admin_client, reference_text)
    data.update({"kind": ["plan"], "number": ["151/KH-UBND"], "groups-1-number": ["1"]})
    before = counts()
    html = admin_client.post(URL, data).content.decode()
    assert "Các số mục phải khác nhau; bị trùng: 1." in html
    assert counts() == before


def test_deleting_every_item_is_refused(admin_client):
    data = review(admin_client, "Yêu cầu:\n1. Làm việc A.\n2. Làm việc B./.")
    data.update({"kind": ["plan"], "number": ["152/KH-UBND"], "groups-0-DELETE": ["on"], "groups-1-DELETE": ["on"]})
    before = counts()
    html = admin_client.post(URL, data).content.decode()
    assert "Phải giữ ít nhất một mục" in html
    assert counts() == before


def test_deadline_before_the_directive_date_is_refused(admin_client, reference_text):
    data = review(admin_client, reference_text)
    data.update({"kind": ["plan"], "number": ["153/KH-UBND"], "groups-2-deadline": ["01/01/2019"]})
    before = counts()
    html = admin_client.post(URL, data).content.decode()
    assert "Mục 3: thời hạn không được trước ngày ban hành văn bản." in html
    assert counts() == before


def test_unknown_agency_id_posted_is_refused_and_saves_nothing(admin_client, reference_text):
    data = review(admin_client, reference_text)
    data.update({"kind": ["plan"], "number": ["154/KH-UBND"], "groups-6-agencies": ["999999"]})
    before = counts()
    response = admin_client.post(URL, data)
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert counts() == before


def test_a_failure_midway_through_confirm_saves_nothing(seeded, demo_user):
    gone = agency("so-tu-phap")
    gone.is_active = False
    gone.save()
    proposal = ReviewedDirective(
        kind="plan",
        number="155/KH-UBND",
        issuer="Ủy ban nhân dân tỉnh Hòa Bình",
        issued_on=date(2026, 1, 5),
        subject="",
        body="",
        coordinating_agency=agency("bchqs"),
        groups=[
            ReviewedGroup(number=1, title="", text="Làm việc A.", tasks=["Làm việc A."], agencies=[agency("bchqs")]),
            ReviewedGroup(number=2, title="", text="Làm việc B.", tasks=["Làm việc B."], all_agencies=True),
            # Deactivated after the review page was shown: found only when item 3 is being saved.
            ReviewedGroup(number=3, title="", text="Làm việc C.", tasks=["Làm việc C."], agencies=[gone]),
        ],
        citations=[],
    )
    before = counts()
    with pytest.raises(ValidationError, match="Mục 3"):
        directive_import_confirm(proposal=proposal, user=demo_user("admin"))
    assert counts() == before


def test_a_database_error_during_confirm_rolls_everything_back(admin_client, reference_text, monkeypatch):
    data = review(admin_client, reference_text)
    data.update({"kind": ["plan"], "number": ["156/KH-UBND"]})
    calls = []

    def failing_bulk_create(objs, model, **kwargs):
        calls.append(model)
        if len(calls) == 5:
            raise RuntimeError("disk full")
        return []

    monkeypatch.setattr("tasks.importing.confirm.bulk_create_with_history", failing_bulk_create)
    before = counts()
    with pytest.raises(RuntimeError):
        admin_client.post(URL, data)
    assert counts() == before
