"""Seed of the reports app (DESIGN §7): Kết luận 249's reporting schedule and periods; for demos, the three latest
past periods with the agency reports of several agencies in every state (accepted, submitted on time and late,
returned and resubmitted, returned and waiting), an issued consolidated report for each, and a draft for the
current period.

The agency reports and consolidated reports are made through the services and then dated as the story says
(relative to each period's cutoff and due dates), so their figures are the history's at each cutoff (see
tasks/seed/story.py, which dates the assignments' history). Every step is a get-or-create, so loading twice adds
nothing and keeps what users changed.
"""

import json
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Signer, User
from directives.calendar import WorkingCalendar
from directives.models import Directive
from tasks.seed.loader import DIRECTIVE_FILE

from .models import AgencyReport, AgencyReportVersion, ConsolidatedReport, ReportPeriod, ReportSchedule
from .periods import periods_from, start_of_day
from .services.agency_reports import (
    agency_report_accept,
    agency_report_return,
    agency_report_save,
    agency_report_submit,
)
from .services.consolidated import consolidated_compile, consolidated_issue
from .services.periods import report_period_get_or_create, report_periods_generate

DEMO_PERIODS = 3
# What each agency did in each of the demo's past periods, oldest first: "accepted" (submitted the morning after
# the cutoff, accepted the next day), "late" (submitted three days after the due date, accepted), "pending" (on
# time, awaiting review), "late_pending", "resubmitted" (returned, corrected, accepted), "returned" (returned and
# not yet corrected).
DEMO_PLAN = {
    "so-noi-vu": ["accepted", "accepted", "accepted"],
    "bchqs": ["accepted", "accepted", "accepted"],
    "cong-an": ["accepted", "late", "pending"],
    "mttq": ["accepted", "resubmitted", "returned"],
    "so-kh-dt": ["late", "accepted", "late_pending"],
}
DEMO_TEXT = {
    "so-noi-vu": {
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
    "bchqs": {
        "results": "Chỉ đạo diễn tập khu vực phòng thủ; hoàn thành tuyển quân; tham mưu điều chỉnh thế trận quân sự.",
        "limitations": "Công trình phòng thủ chậm tiến độ do chờ phê duyệt chủ trương đầu tư.",
        "tasks_ahead": "Tiếp tục đôn đốc các cơ quan, địa phương thực hiện Kết luận số 249-KL/TU.",
        "proposals": "",
    },
    "cong-an": {
        "results": "Triển khai các phương án bảo đảm an ninh, trật tự; phối hợp diễn tập khu vực phòng thủ.",
        "limitations": "Một số địa bàn vùng sâu, vùng xa còn thiếu lực lượng.",
        "tasks_ahead": "Tăng cường nắm tình hình, chủ động phòng ngừa từ sớm, từ xa.",
        "proposals": "",
    },
    "mttq": {
        "results": "Phát động phong trào toàn dân bảo vệ an ninh Tổ quốc gắn với xây dựng nông thôn mới.",
        "limitations": "Kinh phí hoạt động ở khu dân cư còn hạn chế.",
        "tasks_ahead": "Sơ kết phong trào toàn dân bảo vệ an ninh Tổ quốc.",
        "proposals": "Đề nghị bổ sung kinh phí cho Ban công tác Mặt trận ở khu dân cư.",
    },
    "so-kh-dt": {
        "results": "Lồng ghép nhiệm vụ quốc phòng, an ninh vào kế hoạch phát triển kinh tế - xã hội và đầu tư công.",
        "limitations": "Việc lấy ý kiến các cơ quan quân sự, công an về dự án còn chậm.",
        "tasks_ahead": "Rà soát danh mục công trình lưỡng dụng giai đoạn tiếp theo.",
        "proposals": "",
    },
}
RETURN_COMMENT = "Báo cáo chưa nêu số liệu cụ thể theo từng nhiệm vụ; đề nghị bổ sung và gửi lại."


def _directive() -> Directive:
    spec = json.loads(DIRECTIVE_FILE.read_text(encoding="utf-8"))["directive"]
    return Directive.objects.get(kind=spec["kind"], number=spec["number"], issuer=spec["issuer"])


def _past_periods(schedule: ReportSchedule, today: date, count: int = DEMO_PERIODS) -> list[ReportPeriod]:
    """The latest `count` periods of the schedule (by cutoff) whose agency reports were due before today, oldest first.

    The due date is the one the period gets (N working days after the cutoff, holidays skipped), so the choice
    agrees with the period's own agency_due_on on every day of the year, Tết and year ends included.
    """
    calendar = WorkingCalendar()
    offset = max(1, schedule.agency_due_working_days)
    candidates = []
    for kind in schedule.cadences:
        for dates in periods_from(kind, today.year - 3):
            if calendar.add_working_days(dates.cutoff_on, offset) >= today:
                break
            candidates.append(dates)
    latest = sorted(candidates, key=lambda dates: (dates.cutoff_on, dates.kind))[-count:]
    return [
        report_period_get_or_create(
            schedule=schedule, kind=dates.kind, year=dates.year, index=dates.index, calendar=calendar
        )[0]
        for dates in latest
    ]


def _current_period(schedule: ReportSchedule, today: date) -> ReportPeriod | None:
    """The period whose agency reports are due next (created ahead by report_periods_generate)."""
    return (
        ReportPeriod.objects.filter(directive=schedule.directive, agency_due_on__gte=today)
        .order_by("agency_due_on", "kind")
        .first()
    )


@transaction.atomic
def seed_reports(*, today: date, demo: bool) -> dict[str, int]:
    created: dict[str, int] = {}
    directive = _directive()
    schedule, schedule_created = ReportSchedule.objects.get_or_create(directive=directive)
    created["report schedules"] = int(schedule_created)
    created["report periods"] = len(report_periods_generate(schedule=schedule, today=today))
    if demo:
        created["demo signers"] = _demo_signers()
        periods = _past_periods(schedule, today)
        created["demo reports"] = sum(_demo_reports(period, position, today) for position, period in enumerate(periods))
        created["demo consolidated reports"] = sum(_demo_consolidated(period, today) for period in periods)
        created["demo drafts"] = _demo_draft(_current_period(schedule, today))
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


class _Dating:
    """Moves what a service just stamped with the present to the story's moment (never later than now)."""

    def __init__(self):
        self.now = timezone.now()

    def at(self, day: date, hour: int) -> datetime:
        return min(start_of_day(day) + timedelta(hours=hour), self.now - timedelta(minutes=1))

    def submitted(self, report: AgencyReport, moment: datetime, *, first: bool) -> None:
        fields = {"submitted_at": moment, **({"first_submitted_at": moment} if first else {})}
        AgencyReport.objects.filter(pk=report.pk).update(**fields)
        AgencyReportVersion.objects.filter(report=report, number=report.versions.count()).update(submitted_at=moment)

    def reviewed(self, report: AgencyReport, moment: datetime) -> None:
        AgencyReport.objects.filter(pk=report.pk).update(reviewed_at=moment)
        AgencyReportVersion.objects.filter(report=report, number=report.versions.count()).update(reviewed_at=moment)


def _submitter(agency: Agency) -> User | None:
    return User.objects.filter(agency=agency, is_active=True).order_by("-role", "pk").first()


def _demo_reports(period: ReportPeriod, position: int, today: date) -> int:
    coordinator = User.objects.filter(username="bchqs").first()
    agencies = {agency.code: agency for agency in Agency.objects.filter(code__in=DEMO_PLAN)}
    count = 0
    for code, plan in DEMO_PLAN.items():
        agency = agencies.get(code)
        if agency is None or AgencyReport.objects.filter(period=period, agency=agency).exists():
            continue
        submitter = _submitter(agency)
        if submitter is None or coordinator is None:
            continue
        _play_report(period, agency, plan[position], submitter=submitter, coordinator=coordinator, today=today)
        count += 1
    return count


def _play_report(period, agency, plan: str, *, submitter: User, coordinator: User, today: date) -> None:
    dating = _Dating()
    late = plan.startswith("late")
    day = period.agency_due_on + timedelta(days=3) if late else period.cutoff_on + timedelta(days=1)
    submitted_at = dating.at(day, 9)
    text = DEMO_TEXT[agency.code]
    report = agency_report_submit(
        period=period, agency=agency, user=submitter, expected_version=None, today=today, **text
    )
    dating.submitted(report, submitted_at, first=True)
    if plan in ("pending", "late_pending"):
        return
    reviewed_at = dating.at(submitted_at.date() + timedelta(days=1), 14)
    if plan in ("returned", "resubmitted"):
        report = agency_report_return(report=report, user=coordinator, expected_version=None, comment=RETURN_COMMENT)
        dating.reviewed(report, reviewed_at)
        if plan == "returned":
            return
        resubmitted_at = dating.at(reviewed_at.date() + timedelta(days=2), 9)
        text = {**text, "results": text["results"] + " Đã bổ sung số liệu theo từng nhiệm vụ."}
        report = agency_report_submit(
            period=period, agency=agency, user=submitter, expected_version=None, today=today, **text
        )
        dating.submitted(report, resubmitted_at, first=False)
        reviewed_at = dating.at(resubmitted_at.date() + timedelta(days=1), 14)
    report = agency_report_accept(report=report, user=coordinator, expected_version=None, comment="Đạt yêu cầu.")
    dating.reviewed(report, reviewed_at)


def _demo_consolidated(period: ReportPeriod, today: date) -> int:
    """The coordinator's consolidated report of the period, issued on its due date (or today, if that is earlier)."""
    coordinator = User.objects.filter(username="bchqs").first()
    if coordinator is None or ConsolidatedReport.objects.filter(period=period).exists():
        return 0
    issued_on = min(period.consolidated_due_on, today)
    dating = _Dating()
    report = consolidated_compile(period=period, user=coordinator, today=today)
    report = consolidated_issue(
        report=report, user=coordinator, expected_version=report.version, issued_on=issued_on, today=today
    )
    ConsolidatedReport.objects.filter(pk=report.pk).update(
        compiled_at=dating.at(issued_on, 8), issued_at=dating.at(issued_on, 10)
    )
    return 1


def _demo_draft(period: ReportPeriod | None) -> int:
    """Sở Nội vụ has started its report for the current period: a draft, not yet submitted."""
    agency = Agency.objects.filter(code="so-noi-vu").first()
    user = User.objects.filter(username="chuyenvien.snv").first()
    if period is None or agency is None or user is None:
        return 0
    if AgencyReport.objects.filter(period=period, agency=agency).exists():
        return 0
    agency_report_save(
        period=period,
        agency=agency,
        user=user,
        expected_version=None,
        results="Tiếp tục tuyên truyền, quán triệt Kết luận số 249-KL/TU; hoàn thiện phương án sắp xếp bộ máy cấp xã.",
    )
    return 1
