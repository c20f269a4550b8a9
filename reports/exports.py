"""Reports as files: the consolidated report and agency reports as NĐ 30/2020 .docx, the annex as .xlsx.

An official document is Vietnamese whatever the reader's interface language, so the fixed phrases of the
national format are written here in Vietnamese and the rest is rendered under translation.override("vi").
"""

from datetime import date

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify

from tasks.models import Assignment
from tasks.timeliness import Status, Timeliness

from .documents.docx import OfficialDocument, Section, build_docx
from .documents.xlsx import build_xlsx
from .models import NARRATIVE_FIELDS, AgencyReport, AgencyReportVersion, ConsolidatedReport, ReportPeriod
from .selectors.agency_reports import agency_report_prefill
from .statistics import annex_rows

RECIPIENT = "Ủy ban nhân dân tỉnh."
HEADINGS = {
    "results": "I. KẾT QUẢ ĐẠT ĐƯỢC",
    "limitations": "II. HẠN CHẾ, NGUYÊN NHÂN",
    "tasks_ahead": "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
    "proposals": "IV. ĐỀ XUẤT, KIẾN NGHỊ",
}


def place_name() -> str:
    return getattr(settings, "DONDOC_PLACE_NAME", "Hòa Bình")


def paragraphs(text: str) -> list[str]:
    """One paragraph per non-empty line: people type the sections as lines or as blank-line-separated blocks."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _day(value: str | date | None) -> str:
    if not value:
        return ""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d/%m/%Y")


def _percent(value: float | None) -> str:
    if value is None:
        return "chưa có nhiệm vụ đến hạn"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def directive_reference(period: ReportPeriod) -> str:
    directive = period.directive
    dated = f" ngày {_day(directive.issued_on)}" if directive.issued_on else ""
    return f"{directive.get_kind_display()} số {directive.number}{dated} của {directive.issuer}"


def subject_line(period: ReportPeriod) -> str:
    return f"Kết quả thực hiện {period.directive.get_kind_display()} số {period.directive.number} {period.label}"


def statistics_sentences(stats: dict) -> list[str]:
    """Section I's figures, in the sentences such reports use."""
    timeliness = stats.get("by_timeliness", {})
    status = stats.get("by_status", {})

    def t(code):
        return timeliness.get(code, 0)

    done = status.get(Status.DONE, 0)
    sentences = [
        f"Tính đến ngày {_day(stats.get('as_of'))} (thời điểm chốt số liệu), tổng số lượt nhiệm vụ được phân công "
        f"cho các cơ quan, đơn vị là {stats.get('total', 0)}, trong đó: đã hoàn thành {done} "
        f"(đúng hạn {t(Timeliness.DONE_ON_TIME)}, quá hạn {t(Timeliness.DONE_LATE)}); "
        f"chờ xác nhận hoàn thành {status.get(Status.AWAITING_CONFIRMATION, 0)}; "
        f"đang thực hiện trong hạn {t(Timeliness.WITHIN_DEADLINE) + t(Timeliness.DUE_SOON)} "
        f"(sắp đến hạn {t(Timeliness.DUE_SOON)}); quá hạn chưa hoàn thành {t(Timeliness.OVERDUE)}; "
        f"nhiệm vụ thường xuyên {t(Timeliness.STANDING)}; tạm dừng hoặc hủy {t(Timeliness.NOT_APPLICABLE)}.",
        f"Tỷ lệ hoàn thành đúng hạn (số hoàn thành đúng hạn trên tổng số đã hoàn thành và quá hạn) đạt "
        f"{_percent(stats.get('on_time_rate'))}.",
    ]
    for group in stats.get("groups", []):
        if not group.get("total"):
            continue
        counts = group.get("by_timeliness", {})
        sentences.append(
            f"Nhóm nhiệm vụ {group['number']} ({group['title']}): {group['total']} lượt nhiệm vụ, hoàn thành "
            f"{counts.get(Timeliness.DONE_ON_TIME, 0) + counts.get(Timeliness.DONE_LATE, 0)}, "
            f"quá hạn {counts.get(Timeliness.OVERDUE, 0)}."
        )
    ranking = stats.get("ranking", [])[:5]
    if ranking:
        leaders = "; ".join(f"{row['name']} ({_percent(row['on_time_rate'])})" for row in ranking)
        sentences.append(f"Các cơ quan, đơn vị có tỷ lệ hoàn thành đúng hạn cao: {leaders}.")
    return sentences


def overdue_sentences(stats: dict) -> list[str]:
    count = stats.get("overdue_count", 0)
    if not count:
        return ["Đến thời điểm chốt số liệu, không có nhiệm vụ quá hạn chưa hoàn thành."]
    lines = [f"Còn {count} lượt nhiệm vụ quá hạn chưa hoàn thành, gồm:"]
    for row in stats.get("overdue", [])[:30]:
        lines.append(
            f"- Nhiệm vụ {row['task_code']} ({row['agency']}), hạn {_day(row['deadline'])}, "
            f"quá hạn {row['days_overdue']} ngày, đạt {row['percent']}%;"
        )
    if count > 30:
        lines.append(f"- Và {count - 30} lượt nhiệm vụ khác (chi tiết tại Phụ lục kèm theo).")
    return lines


def consolidated_document(report: ConsolidatedReport) -> OfficialDocument:
    period = report.period
    agency = report.issuing_agency
    stats = report.statistics or {}
    with translation.override("vi"):
        sections = [
            Section(HEADINGS["results"], statistics_sentences(stats) + paragraphs(report.results)),
            Section(HEADINGS["limitations"], overdue_sentences(stats) + paragraphs(report.limitations)),
            Section(HEADINGS["tasks_ahead"], paragraphs(report.tasks_ahead)),
            Section(HEADINGS["proposals"], paragraphs(report.proposals)),
        ]
        return OfficialDocument(
            parent_body=agency.parent_body,
            issuing_body=agency.name.upper(),
            number=report.document_number,
            place=place_name(),
            issued_on=report.issued_on or timezone.localdate(),
            doc_type="BÁO CÁO",
            subject=subject_line(period),
            recipient=RECIPIENT,
            intro=[
                f"Thực hiện {directive_reference(period)}, {agency.name} báo cáo kết quả thực hiện "
                f"{period.label} như sau:"
            ],
            sections=sections,
            signer_authority=report.signer_title or "THỦ TRƯỞNG CƠ QUAN",
            signer_name=report.signer_name,
            recipients=paragraphs(report.recipients),
            archive=f"VT, {agency.document_code}" if agency.document_code else "VT",
        )


def consolidated_docx(report: ConsolidatedReport) -> bytes:
    return build_docx(consolidated_document(report))


def consolidated_file_stem(report: ConsolidatedReport) -> str:
    """'bao-cao-07-2026-half_year-1'; a draft is 'bao-cao-du-thao-...'."""
    period = report.period
    number = f"{report.number:02d}-" if report.number else "du-thao-"
    return f"bao-cao-{number}{period.year}-{period.kind}-{period.index}"


def consolidated_annex_day(report: ConsolidatedReport) -> date:
    """The annex shows the same day as the frozen statistics (else the cutoff, or the issue day if earlier)."""
    if report.statistics.get("as_of"):
        return date.fromisoformat(report.statistics["as_of"])
    return min(report.period.cutoff_on, report.issued_on or timezone.localdate())


ANNEX_COLUMNS = [
    "STT",
    "Cơ quan, đơn vị",
    "Nhiệm vụ",
    "Nội dung",
    "Vai trò",
    "Thời hạn",
    "Trạng thái",
    "Tiến độ (%)",
    "Tình hình thời hạn",
    "Ngày hoàn thành",
    "Báo cáo gần nhất",
]


def consolidated_xlsx(*, period: ReportPeriod, day: date) -> bytes:
    """The annex: every assignment as of the day, by agency and state (one query)."""
    with translation.override("vi"):
        # Labels translated once, not once per row (50,000 rows at province scale).
        roles = {code: str(label) for code, label in Assignment.Role.choices}
        statuses = {code: str(label) for code, label in Status.choices}
        timeliness = {code: str(label) for code, label in Timeliness.choices}
        rows = (
            (
                number,
                row["agency_name"],
                f"{row['group_number']}.{row['task_number']}",
                row["task_text"],
                roles.get(row["role"], row["role"]),
                row["deadline"] or "Thường xuyên",
                statuses.get(row["status"], row["status"]),
                row["percent"],
                timeliness.get(row["timeliness_code"], row["timeliness_code"]),
                row["completed_on"],
                timezone.localtime(row["last_update_at"]) if row["last_update_at"] else None,
            )
            for number, row in enumerate(annex_rows(period=period, day=day), start=1)
        )
        return build_xlsx(
            title=f"PHỤ LỤC: TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN, ĐƠN VỊ – {str(period.label).upper()}",
            subtitle=f"{subject_line(period)}; số liệu tính đến ngày {_day(day)}",
            columns=ANNEX_COLUMNS,
            rows=rows,
        )


def agency_report_document(
    *, report: AgencyReport, content: dict, signer_name: str, signer_title: str
) -> OfficialDocument:
    period = report.period
    agency = report.agency
    coordinator = period.directive.coordinating_agency
    with translation.override("vi"):
        statuses = dict(Status.choices)
        timeliness = dict(Timeliness.choices)
        detail = []
        for row in content.get("assignments", []):
            line = (
                f"- Nhiệm vụ {row['task_code']}: {statuses.get(row['status'], row['status'])}, "
                f"{str(timeliness.get(row['timeliness_code'], '')).lower()}, đạt {row['percent']}%"
            )
            if row.get("deadline"):
                line += f" (hạn {_day(row['deadline'])})"
            detail.append(line + ".")
        results = paragraphs(content.get("results", ""))
        if detail:
            results += ["Tình hình thực hiện từng nhiệm vụ tại thời điểm chốt số liệu:", *detail]
        return OfficialDocument(
            parent_body=agency.parent_body,
            issuing_body=agency.name.upper(),
            number=f"     /BC-{agency.document_code}" if agency.document_code else "     /BC",
            place=place_name(),
            issued_on=timezone.localdate(report.submitted_at) if report.submitted_at else timezone.localdate(),
            doc_type="BÁO CÁO",
            subject=subject_line(period),
            recipient=f"{coordinator.name}." if coordinator else RECIPIENT,
            intro=[f"Thực hiện {directive_reference(period)}, {agency.name} báo cáo {period.label} như sau:"],
            sections=[
                Section(HEADINGS["results"], results),
                Section(HEADINGS["limitations"], paragraphs(content.get("limitations", ""))),
                Section(HEADINGS["tasks_ahead"], paragraphs(content.get("tasks_ahead", ""))),
                Section(HEADINGS["proposals"], paragraphs(content.get("proposals", ""))),
            ],
            signer_authority=signer_title or "THỦ TRƯỞNG ĐƠN VỊ",
            signer_name=signer_name,
            recipients=[f"{coordinator.name} (t/h)" if coordinator else "Như trên"],
            archive="VT",
        )


def agency_report_content(*, report: AgencyReport, submitted_version: AgencyReportVersion | None) -> dict:
    """The text and table the file shows: a submitted version as it was frozen, or (None) the agency's working
    copy, with its assignments as of now."""
    if submitted_version is not None:
        return submitted_version.content
    content = {name: getattr(report, name) for name in NARRATIVE_FIELDS}
    rows = agency_report_prefill(period=report.period, agency_id=report.agency_id)
    return content | {"assignments": [row.as_json() for row in rows]}


def agency_report_docx(*, report: AgencyReport, submitted_version: AgencyReportVersion | None) -> bytes:
    """The agency's report as .docx, signed by whoever last submitted it."""
    signer = report.submitted_by
    document = agency_report_document(
        report=report,
        content=agency_report_content(report=report, submitted_version=submitted_version),
        signer_name=signer.get_full_name() if signer else "",
        signer_title=(signer.job_title if signer else "").upper(),
    )
    return build_docx(document)


def agency_report_filename(report: AgencyReport) -> str:
    period = report.period
    return f"bao-cao-{slugify(report.agency.code)}-{period.year}-{period.kind}-{period.index}.docx"
