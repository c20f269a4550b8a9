"""Calendar feeds (RFC 5545, the icalendar library): a user's agency's open deadlines and report due dates.

The address carries a secret: the feed is read by calendar programs that send no cookie and no token. Only its
digest is stored; rotating makes a new one and the old address answers 404. UIDs are stable (assignment-<id>,
period-<id>-…), so a changed deadline replaces its event; SEQUENCE follows the assignment's version.
"""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

import icalendar
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import User
from reports.models import ConsolidatedReport
from reports.selectors.tracker import TrackerState
from tasks.models import Assignment
from tasks.workflow import REMINDED_STATUSES

from .models import CalendarFeed
from .tokens import token_digest

TIME_ZONE = "Asia/Ho_Chi_Minh"


@transaction.atomic
def calendar_feed_rotate(*, user: User) -> str:
    """A new secret for the user's feed (the first, or in place of the old one); returned once."""
    secret = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"digest": token_digest(secret), "created_at": timezone.now()}
    )
    return secret


def calendar_feed_user(*, secret: str) -> User | None:
    feed = CalendarFeed.objects.select_related("user__agency").filter(digest=token_digest(secret)).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def open_deadlines(assignments):
    """The open assignments that have a deadline: one event each."""
    return assignments.filter(status__in=REMINDED_STATUSES, deadline__isnull=False)


@dataclass(frozen=True)
class DueDate:
    uid: str
    day: date
    summary: str
    url: str


def _event(uid: str, day: date, summary: str, url: str, *, stamp, sequence: int = 0) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{uid}@dondoc")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("url", url)
    event.add("sequence", sequence)
    event.add("transp", "TRANSPARENT")
    return event


def assignment_event(assignment: Assignment) -> icalendar.Event:
    directive = assignment.task.group.directive
    summary = _("Deadline: %(directive)s, item %(group)s.%(task)s — %(agency)s") % {
        "directive": directive.number,
        "group": assignment.task.group.number,
        "task": assignment.task.number,
        "agency": assignment.agency.short_name or assignment.agency.name,
    }
    event = _event(
        f"assignment-{assignment.pk}",
        assignment.deadline,
        summary,
        settings.SITE_URL + assignment.get_absolute_url(),
        stamp=assignment.updated_at,
        sequence=assignment.version,
    )
    event.add("description", assignment.task.text[:500])
    return event


def calendar(*, name: str, assignments, due_dates: list[DueDate]) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Đôn đốc//vi")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TIME_ZONE)
    cal.add_component(icalendar.Timezone.from_tzid(TIME_ZONE))
    for assignment in assignments:
        cal.add_component(assignment_event(assignment))
    now = timezone.now()
    for due in due_dates:
        cal.add_component(_event(due.uid, due.day, due.summary, due.url, stamp=now))
    return cal.to_ical()


def report_due_dates(items, *, agency_id: int | None, directive_id: int | None = None) -> list[DueDate]:
    """From the reports page's rows: the agency's report not yet submitted, the consolidated report not issued."""
    dates = []
    for item in items:
        period = item.period
        if directive_id is not None and period.directive_id != directive_id:
            continue
        if item.own_state == TrackerState.NOT_SUBMITTED and agency_id is not None:
            dates.append(
                DueDate(
                    uid=f"period-{period.pk}-agency-{agency_id}",
                    day=period.agency_due_on,
                    summary=_("Report due: %(period)s") % {"period": period.label},
                    url=settings.SITE_URL + reverse("reports:agency_report", args=[period.pk, agency_id]),
                )
            )
        if item.may_track and (
            item.consolidated is None or item.consolidated.status != ConsolidatedReport.Status.ISSUED
        ):
            dates.append(
                DueDate(
                    uid=f"period-{period.pk}-consolidated",
                    day=period.consolidated_due_on,
                    summary=_("Consolidated report due: %(period)s") % {"period": period.label},
                    url=settings.SITE_URL + period.get_absolute_url(),
                )
            )
    return dates
