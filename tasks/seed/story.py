"""The demo's story (tasks/seed/demo_story.json): each storied assignment's past, played into the records.

Every event is written as the application records it, at the event's own moment: the progress update (with its
evidence), the extension request and its decision, and a row of the assignment's history carrying the state the
event left. So the history agrees with the progress updates on every day, and the statistics of a past
reporting period, read from the history at its cutoff, count what the story says was done by then.

Only a fresh assignment (never changed, no update) gets its story: a second load must not undo what users did.
"""

import json
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from agencies.models import Agency, User
from tasks.models import Assignment, Evidence, ExtensionRequest, ProgressUpdate, Task
from tasks.timeliness import Status
from tasks.workflow.services import save_change

from .pdf import demo_pdf

STORY_FILE = settings.BASE_DIR / "tasks" / "seed" / "demo_story.json"
# The demo pretends the directive's assignments were registered this many days before it is loaded: before the
# data window of every reporting period the demo fills (the three latest past ones begin at most ~740 days back).
REGISTERED_DAYS_AGO = 760

HistoricalAssignment = Assignment.history.model


def moment(today: date, days: int, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour, 0)))


def load_story() -> dict:
    return json.loads(STORY_FILE.read_text(encoding="utf-8"))


def story_users(agencies: dict[str, Agency]) -> list[dict]:
    return [spec for spec in load_story()["users"] if spec["agency"] in agencies]


def backdate_registration(assignments: QuerySet, today: date) -> None:
    """The creation rows of the assignments this load made, moved to the day the demo says they were registered."""
    HistoricalAssignment.objects.filter(id__in=assignments.values("pk"), history_type="+").update(
        history_date=moment(today, -REGISTERED_DAYS_AGO, hour=8)
    )


class StoryPlayer:
    def __init__(self, *, today: date, tasks: dict[str, Task], agencies: dict[str, Agency]):
        self.today = today
        self.tasks = tasks
        self.agencies = agencies
        self.users = {user.username: user for user in User.objects.all()}
        self.played = 0

    def play(self, story: dict, *, fresh: set[int]) -> int:
        """Play each storied assignment that is still as it was created; one with no event (only its own deadline)
        only when this load created it, so a later load never moves a deadline a user may have relied on."""
        for spec in story["assignments"]:
            assignment = Assignment.objects.filter(
                task=self.tasks[spec["task"]], agency=self.agencies[spec["agency"]]
            ).first()
            if assignment is None or assignment.version != 1 or assignment.updates.exists():
                continue
            if not spec["events"] and assignment.pk not in fresh:
                continue
            self._play_assignment(assignment, spec)
            self.played += 1
        return self.played

    def _play_assignment(self, assignment: Assignment, spec: dict) -> None:
        if "deadline" in spec:
            # Assigned with its own deadline from the start: the creation row says so too.
            assignment.deadline = self.today + timedelta(days=spec["deadline"])
            Assignment.objects.filter(pk=assignment.pk).update(deadline=assignment.deadline)
            HistoricalAssignment.objects.filter(id=assignment.pk, history_type="+").update(deadline=assignment.deadline)
        for event in sorted(spec["events"], key=lambda event: event["day"]):
            self._event(assignment, event)

    def _event(self, assignment: Assignment, event: dict) -> None:
        at = moment(self.today, event["day"])
        user = self.users[event["by"]]
        assignment._history_date = at
        if "report" in event or event.get("done"):
            self._report(assignment, event, at=at, user=user)
        elif event.get("confirm"):
            assignment.status = Status.DONE
            save_change(assignment, user=user, reason=gettext_lazy("Confirmed by the coordinator"), fields=["status"])
        elif "return" in event:
            assignment.status = Status.IN_PROGRESS
            assignment.completed_on = None
            assignment.percent = self._percent_before_done(assignment)
            assignment.status_note = event["return"]
            save_change(
                assignment,
                user=user,
                reason=event["return"],
                fields=["status", "completed_on", "percent", "status_note"],
            )
        elif "pause" in event or "cancel" in event:
            assignment.status = Status.PAUSED if "pause" in event else Status.CANCELLED
            assignment.status_note = event.get("pause") or event["cancel"]
            save_change(assignment, user=user, reason=assignment.status_note, fields=["status", "status_note"])
        elif "extension" in event:
            ExtensionRequest.objects.create(
                assignment=assignment,
                requested_by=user,
                requested_at=at.replace(hour=15),
                current_deadline=assignment.deadline,
                new_deadline=assignment.deadline + timedelta(days=event["extension"]),
                reason=event["reason"],
            )
        elif "decide" in event:
            self._decide(assignment, event, at=at, user=user)
        del assignment._history_date

    def _report(self, assignment: Assignment, event: dict, *, at: datetime, user: User) -> None:
        done = bool(event.get("done"))
        percent = 100 if done else event["report"]
        update = ProgressUpdate.objects.create(
            assignment=assignment,
            author=user,
            created_at=at,
            percent=percent,
            results=event.get("results", ""),
            difficulties=event.get("difficulties", ""),
            proposals=event.get("proposals", ""),
            declares_done=done,
        )
        if "evidence" in event:
            content = demo_pdf(f"{assignment.task.code} - {assignment.agency.code}")
            Evidence.objects.create(
                update=update,
                file=ContentFile(content, name="evidence.pdf"),
                original_name=event["evidence"],
                content_type="application/pdf",
                size=len(content),
            )
        assignment.percent = percent
        fields = ["percent", "status"]
        if done:
            assignment.status = Status.AWAITING_CONFIRMATION
            assignment.completed_on = at.date()
            fields.append("completed_on")
            reason = gettext_lazy("Declared done")
        else:
            assignment.status = Status.IN_PROGRESS
            reason = gettext_lazy("Progress update")
        save_change(assignment, user=user, reason=reason, fields=fields)

    def _percent_before_done(self, assignment: Assignment) -> int:
        last = assignment.updates.filter(declares_done=False).order_by("-created_at").first()
        return last.percent if last else 0

    def _decide(self, assignment: Assignment, event: dict, *, at: datetime, user: User) -> None:
        request = assignment.extension_requests.get(decision=ExtensionRequest.Decision.PENDING)
        request.decision = event["decide"]
        request.decided_by = user
        request.decided_at = at
        request.decision_note = event.get("note", "")
        request.save()
        if request.decision == ExtensionRequest.Decision.APPROVED:
            assignment.deadline = request.new_deadline
            save_change(assignment, user=user, reason=gettext_lazy("Deadline extension approved"), fields=["deadline"])
