"""Seed of the reports app (DESIGN §7): Kết luận 249's reporting schedule and periods; for demos, a past period
with an accepted report of Sở Nội vụ and a report of Công an tỉnh submitted on time and awaiting review.

Every step is a get-or-create, so loading twice adds nothing and keeps what users changed.
"""

import json
from datetime import date, timedelta

from django.db import transaction

from agencies.models import Agency, Signer, User
from directives.calendar import WorkingCalendar
from directives.models import Directive
from tasks.models import Assignment, ProgressUpdate
from tasks.seed.loader import DIRECTIVE_FILE
from tasks.timeliness import Status

from .models import AgencyReport, AgencyReportVersion, ReportPeriod, ReportSchedule
from .periods import periods_from, start_of_day
from .services.agency_reports import agency_report_accept, agency_report_submit
from .services.periods import report_period_get_or_create, report_periods_generate

HistoricalAssignment = Assignment.history.model

DEMO_REPORTS = {
    "so-noi-vu": {
        "submitter": "quanly.snv",
        "accepted": True,
        "results": (
            "Tham mưu Ủy ban nhân dân tỉnh kiện toàn Hội đồng Giáo dục quốc phòng và an ninh tỉnh; "
            "phối hợp tổ chức bồi dưỡng kiến thức quốc phòng và an ninh cho đối tượng 3, đối tượng 4."
        ),
        "limitations": "Việc bố trí thời gian cho cán bộ tham gia bồi dưỡng còn khó khăn do trùng lịch công tác.",
        "tasks_ahead": (
            "Tiếp tục rà soát, tham mưu bố trí biên chế cho lực lượng quân sự cấp xã theo Luật Dân quân tự vệ."
        ),
        "proposals": "Đề nghị Bộ Chỉ huy quân sự tỉnh thống nhất kế hoạch mở lớp bồi dưỡng từ đầu năm.",
    },
    "cong-an": {
        "submitter": None,
        "accepted": False,
        "results": "Triển khai các phương án bảo đảm an ninh, trật tự; phối hợp diễn tập khu vực phòng thủ.",
        "limitations": "Một số địa bàn vùng sâu, vùng xa còn thiếu lực lượng.",
        "tasks_ahead": "Tăng cường nắm tình hình, chủ động phòng ngừa từ sớm, từ xa.",
        "proposals": "",
    },
}
DEMO_UPDATES = [
    ("2.1", "so-noi-vu", 20, "Đã xây dựng dự thảo kế hoạch bồi dưỡng kiến thức quốc phòng và an ninh.", "", ""),
    (
        "1.3",
        "so-noi-vu",
        30,
        "Đã quán triệt Kết luận đến toàn thể cán bộ, công chức của Sở.",
        "Kinh phí tổ chức hội nghị còn hạn chế.",
        "Đề nghị bổ sung kinh phí tuyên truyền.",
    ),
]


def _directive() -> Directive:
    spec = json.loads(DIRECTIVE_FILE.read_text(encoding="utf-8"))["directive"]
    return Directive.objects.get(kind=spec["kind"], number=spec["number"], issuer=spec["issuer"])


def _past_period(schedule: ReportSchedule, today: date) -> ReportPeriod:
    """The latest period of the schedule (by cutoff) whose agency reports were due before today.

    The due date is the one the period gets (N working days after the cutoff, holidays skipped), so the choice
    agrees with the period's own agency_due_on on every day of the year, Tết and year ends included.
    """
    calendar = WorkingCalendar()
    offset = max(1, schedule.agency_due_working_days)
    candidates = []
    for kind in schedule.cadences:
        for dates in periods_from(kind, today.year - 2):
            if calendar.add_working_days(dates.cutoff_on, offset) >= today:
                break
            candidates.append(dates)
    latest = max(candidates, key=lambda dates: (dates.cutoff_on, dates.kind))
    period, _created = report_period_get_or_create(
        schedule=schedule, kind=latest.kind, year=latest.year, index=latest.index, calendar=calendar
    )
    return period


@transaction.atomic
def seed_reports(*, today: date, demo: bool) -> dict[str, int]:
    created: dict[str, int] = {}
    directive = _directive()
    schedule, schedule_created = ReportSchedule.objects.get_or_create(directive=directive)
    created["report schedules"] = int(schedule_created)
    created["report periods"] = len(report_periods_generate(schedule=schedule, today=today))
    if demo:
        period = _past_period(schedule, today)
        if schedule_created:
            # The demo pretends the directive's assignments were registered when the past period began, so
            # its statistics at the cutoff have something to count (their later demo states stay after it).
            HistoricalAssignment.objects.filter(
                task__group__directive=directive,
                history_type="+",
                history_date__gt=start_of_day(period.starts_on),
            ).update(history_date=start_of_day(period.starts_on))
        created["demo signers"] = _demo_signers()
        created["demo updates"] = _demo_updates(directive, period)
        created["demo reports"] = _demo_reports(period, today)
    return created


DEMO_SIGNERS = [
    ("bchqs", "Đại tá Bùi Văn Hùng", "Chỉ huy trưởng", True),
    ("bchqs", "Thượng tá Nguyễn Văn Minh", "Phó Chỉ huy trưởng", False),
    ("so-noi-vu", "Nguyễn Thị Lan", "Giám đốc", True),
    ("so-noi-vu", "Trần Văn Bình", "Phó Giám đốc", False),
]


def _demo_signers() -> int:
    """The head and a deputy of the coordinator and of Sở Nội vụ (made-up names), as their managers keep them."""
    agencies = {agency.code: agency for agency in Agency.objects.filter(code__in={row[0] for row in DEMO_SIGNERS})}
    count = 0
    for code, name, title, is_head in DEMO_SIGNERS:
        if code in agencies:
            _signer, made = Signer.objects.get_or_create(
                agency=agencies[code], name=name, defaults={"title": title, "is_head": is_head}
            )
            count += made
    return count


def _record_percent(assignment: Assignment, *, percent: int, moment) -> None:
    """The assignment's recorded state says what its report says, from the report's moment on: an annex that
    shows a report of 20% beside the assignment's 0% is one a clerk sends back."""
    before = (
        HistoricalAssignment.objects.filter(id=assignment.pk, history_date__lt=moment)
        .order_by("-history_date", "-history_id")
        .first()
    )
    if before is None or before.percent >= percent:
        return
    before.history_id = None
    before.history_date = moment
    before.history_type = "~"
    before.percent = percent
    if before.status == Status.NOT_STARTED:
        before.status = Status.IN_PROGRESS
    before.save()


def _demo_updates(directive: Directive, period: ReportPeriod) -> int:
    author = User.objects.filter(username="chuyenvien.snv").first()
    if author is None:
        return 0
    count = 0
    moment = start_of_day(period.cutoff_on) - timedelta(days=20) + timedelta(hours=9)
    for code, agency_code, percent, results, difficulties, proposals in DEMO_UPDATES:
        group_number, task_number = code.split(".")
        assignment = Assignment.objects.filter(
            task__group__directive=directive,
            task__group__number=group_number,
            task__number=task_number,
            agency__code=agency_code,
        ).first()
        if assignment is None or assignment.updates.filter(created_at__lt=start_of_day(period.cutoff_on)).exists():
            continue
        ProgressUpdate.objects.create(
            assignment=assignment,
            author=author,
            created_at=moment,
            percent=percent,
            results=results,
            difficulties=difficulties,
            proposals=proposals,
        )
        _record_percent(assignment, percent=percent, moment=moment)
        count += 1
    return count


def _demo_reports(period: ReportPeriod, today: date) -> int:
    coordinator = User.objects.filter(username="bchqs").first()
    count = 0
    for agency_code, spec in DEMO_REPORTS.items():
        agency = Agency.objects.filter(code=agency_code).first()
        if agency is None or AgencyReport.objects.filter(period=period, agency=agency).exists():
            continue
        submitter = (
            User.objects.filter(username=spec["submitter"]).first()
            if spec["submitter"]
            else User.objects.filter(agency=agency).order_by("-role", "pk").first()
        )
        if submitter is None or coordinator is None:
            continue
        report = agency_report_submit(
            period=period,
            agency=agency,
            user=submitter,
            expected_version=None,
            today=today,
            results=spec["results"],
            limitations=spec["limitations"],
            tasks_ahead=spec["tasks_ahead"],
            proposals=spec["proposals"],
        )
        # The demo's past period was reported on time: the morning after the cutoff.
        submitted_at = start_of_day(period.cutoff_on + timedelta(days=1)) + timedelta(hours=9)
        AgencyReport.objects.filter(pk=report.pk).update(submitted_at=submitted_at, first_submitted_at=submitted_at)
        AgencyReportVersion.objects.filter(report=report).update(submitted_at=submitted_at)
        if spec["accepted"]:
            report.refresh_from_db()
            agency_report_accept(report=report, user=coordinator, expected_version=None, comment="Đạt yêu cầu.")
            reviewed_at = submitted_at + timedelta(days=1)
            AgencyReport.objects.filter(pk=report.pk).update(reviewed_at=reviewed_at)
            AgencyReportVersion.objects.filter(report=report).update(reviewed_at=reviewed_at)
        count += 1
    return count
