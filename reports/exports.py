"""Reports as files: the consolidated report and agency reports as NĐ 30/2020 .docx, the annex as .xlsx.

An official document is Vietnamese whatever the reader's interface language, so the fixed phrases of the
national format are written here in Vietnamese and the rest is rendered under translation.override("vi").
"""

from datetime import date

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify

from agencies.selectors import head_signer
from tasks.models import Assignment
from tasks.timeliness import Status, Timeliness

from .documents.docx import OfficialDocument, Section, build_docx
from .documents.signature import Signer
from .documents.xlsx import Sheet, build_workbook
from .models import NARRATIVE_FIELDS, AgencyReport, AgencyReportVersion, ConsolidatedReport, ReportPeriod
from .report_text import (
    AGENCY_TABLE_HEADER,
    SUMMARY_KEYS,
    agency_summary,
    agency_table,
    agency_table_note,
    day_text,
    overdue_sentences,
    statistics_sentences,
)
from .selectors.agency_reports import agency_report_prefill
from .services.signing import UNNAMED_HEAD, signature_from_json
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


def directive_reference(period: ReportPeriod) -> str:
    directive = period.directive
    dated = f" ngày {day_text(directive.issued_on)}" if directive.issued_on else ""
    return f"{directive.get_kind_display()} số {directive.number}{dated} của {directive.issuer}"


def subject_line(period: ReportPeriod) -> str:
    return f"Kết quả thực hiện {period.directive.get_kind_display()} số {period.directive.number} {period.label}"


def consolidated_document(report: ConsolidatedReport) -> OfficialDocument:
    period = report.period
    agency = report.issuing_agency
    stats = report.statistics or {}
    with translation.override("vi"):
        table = agency_table(stats) if stats.get("agencies") else None
        sections = [
            Section(
                HEADINGS["results"],
                statistics_sentences(stats),
                table=table,
                after_table=agency_table_note(stats) + paragraphs(report.results),
            ),
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
            signer=consolidated_signer(report),
            recipients=paragraphs(report.recipients),
            archive=f"VT, {agency.document_code}" if agency.document_code else "VT",
            draft=report.status != ConsolidatedReport.Status.ISSUED,
        )


def consolidated_signer(report: ConsolidatedReport) -> Signer:
    return Signer(
        name=report.signer_name,
        title=report.signer_title,
        authority=report.signer_authority,
        own_title=report.signer_own_title,
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


SUMMARY_COLUMNS = [*AGENCY_TABLE_HEADER[:8], "Tỷ lệ đúng hạn (%)", "Xếp hạng"]


def consolidated_xlsx(report: ConsolidatedReport) -> bytes:
    """The annex: a summary by agency (the .docx's table, from the same frozen figures) and every assignment."""
    period, day = report.period, consolidated_annex_day(report)
    with translation.override("vi"):
        summary = [
            (number, row["name"], *(row[key] for key in SUMMARY_KEYS), row["rate"], row["rank"])
            for number, row in enumerate(agency_summary(report.statistics or {}), start=1)
        ]
        return build_workbook(
            [
                Sheet(
                    title=f"PHỤ LỤC I: TỔNG HỢP THEO CƠ QUAN, ĐƠN VỊ – {str(period.label).upper()}",
                    subtitle=f"{subject_line(period)}; số liệu tính đến ngày {day_text(day)}",
                    columns=SUMMARY_COLUMNS,
                    rows=summary,
                    sheet_name="Tổng hợp",
                ),
                Sheet(
                    title=f"PHỤ LỤC II: CHI TIẾT THEO NHIỆM VỤ – {str(period.label).upper()}",
                    subtitle=f"{subject_line(period)}; số liệu tính đến ngày {day_text(day)}",
                    columns=ANNEX_COLUMNS,
                    rows=_detail_rows(period=period, day=day),
                    sheet_name="Chi tiết",
                ),
            ]
        )


def _detail_rows(*, period: ReportPeriod, day: date):
    """Every assignment as of the day, by agency and state (one query)."""
    # Labels translated once, not once per row (50,000 rows at province scale).
    roles = {code: str(label) for code, label in Assignment.Role.choices}
    statuses = {code: str(label) for code, label in Status.choices}
    timeliness = {code: str(label) for code, label in Timeliness.choices}
    return (
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


def agency_report_document(*, report: AgencyReport, content: dict, signer: Signer) -> OfficialDocument:
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
                line += f" (hạn {day_text(row['deadline'])})"
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
            signer=signer,
            recipients=[f"{coordinator.name} (t/h)" if coordinator else "Như trên"],
            archive=f"VT, {agency.document_code}" if agency.document_code else "VT",
            draft=report.status == AgencyReport.Status.DRAFT,
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
    """The agency's report as .docx, signed as submitted; a working copy by the agency's head as kept in its signers
    (else left for the head to sign)."""
    content = agency_report_content(report=report, submitted_version=submitted_version)
    signer = signature_from_json(content.get("signer"))
    if signer is None and report.status in (AgencyReport.Status.SUBMITTED, AgencyReport.Status.ACCEPTED):
        # The agency's own copy of what it sent: signed as it was sent.
        sent = report.versions.order_by("-number").first()
        signer = signature_from_json(sent.content.get("signer")) if sent else None
    if signer is None:
        head = head_signer(agency_id=report.agency_id)
        signer = Signer(name=head.name, title=head.title.upper()) if head else UNNAMED_HEAD
    return build_docx(agency_report_document(report=report, content=content, signer=signer))


def agency_report_filename(report: AgencyReport) -> str:
    period = report.period
    return f"bao-cao-{slugify(report.agency.code)}-{period.year}-{period.kind}-{period.index}.docx"
