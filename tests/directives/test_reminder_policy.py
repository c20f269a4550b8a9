"""Per-directive reminder settings: validated, normalised, edited in the directive's admin page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directives.models import ReminderPolicy, parse_reminder_days
from tests.factories import DirectiveFactory, UserFactory


@pytest.mark.parametrize(
    ("text", "days"), [("7,3,1", [7, 3, 1]), (" 1, 7 ,3,3", [7, 3, 1]), ("14", [14]), ("", []), ("5;2", [5, 2])]
)
def test_days_are_parsed_largest_first(text, days):
    assert parse_reminder_days(text) == days


@pytest.mark.parametrize("text", ["0", "-1", "7,a", "3.5", "400"])
def test_bad_days_are_refused_in_vietnamese(text):
    with pytest.raises(ValidationError, match="số nguyên từ 1 đến 365"):
        parse_reminder_days(text)


@pytest.mark.django_db
def test_defaults_and_normalised_on_clean():
    policy = ReminderPolicy(directive=DirectiveFactory())
    assert (policy.days_before, policy.on_due_day, policy.overdue_every_days, policy.escalate_when_overdue) == (
        "7,3,1",
        True,
        7,
        True,
    )
    policy.days_before = "1, 7,3"
    policy.full_clean()
    assert policy.days_before == "7,3,1"


@pytest.mark.django_db
def test_admin_edits_the_policy_inline(client):
    admin = UserFactory(role="admin", is_superuser=True, agency=None)
    directive = DirectiveFactory()
    client.force_login(admin)
    page = client.get(reverse("admin:directives_directive_change", args=[directive.pk]))
    assert page.status_code == 200
    assert "reminder_policy-0-days_before" in page.content.decode()
