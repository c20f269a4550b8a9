"""The first draft of a consolidated report's narrative: per task group, naming the agencies, from the frozen
figures and the accepted agency reports; the coordinator edits it before issuing.

Each paragraph is a whole sentence whatever the data (no agency, no report, nothing due).
"""

from tasks.timeliness import Timeliness

from ..models import AgencyReport

# What each agency did in a task group, in the order a report names them.
OUTCOMES = (
    ((Timeliness.DONE_ON_TIME,), "hoàn thành đúng hạn"),
    ((Timeliness.DONE_LATE,), "hoàn thành nhưng chậm so với thời hạn"),
    ((Timeliness.WITHIN_DEADLINE, Timeliness.DUE_SOON), "đang triển khai trong hạn"),
    ((Timeliness.STANDING,), "thực hiện thường xuyên"),
    ((Timeliness.OVERDUE,), "còn quá hạn chưa hoàn thành"),
)


# Past this many, a sentence counts the agencies instead of naming them (the annex names each one).
NAMED_AGENCIES = 6


def _names(names: list[str]) -> str:
    if len(names) > NAMED_AGENCIES:
        return f"{len(names)} cơ quan, đơn vị (chi tiết tại Phụ lục kèm theo)"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


def _group_sentence(group: dict, cells: list[dict], agency_names: dict[int, str]) -> str | None:
    parts = []
    for codes, words in OUTCOMES:
        names = [
            agency_names[cell["agency_id"]]
            for cell in cells
            if cell["agency_id"] in agency_names and any(cell["by_timeliness"].get(code) for code in codes)
        ]
        if names:
            parts.append(f"{_names(names)} {words}")
    if not parts:
        return None
    return f"Đối với nhóm nhiệm vụ {group['number']} ({group['title']}): " + "; ".join(parts) + "."


def _report_sentences(reports: list[AgencyReport], field: str, verb: str) -> list[str]:
    """One paragraph per agency that wrote something, its lines joined into one sentence that names it."""
    sentences = []
    for report in reports:
        lines = [line.strip().rstrip(".;") for line in getattr(report, field).splitlines() if line.strip()]
        if lines:
            sentences.append(f"{report.agency.name} {verb}: " + "; ".join(lines) + ".")
    return sentences


def draft_results(stats: dict, reports: list[AgencyReport]) -> str:
    agency_names = {row["id"]: row["name"] for row in stats.get("agencies", [])}
    paragraphs = []
    for group in stats.get("groups", []):
        cells = [cell for cell in stats.get("cells", []) if cell["group_id"] == group.get("id")]
        sentence = _group_sentence(group, cells, agency_names)
        if sentence:
            paragraphs.append(sentence)
    paragraphs += _report_sentences(reports, "results", "báo cáo")
    return "\n".join(paragraphs)


def draft_limitations(stats: dict, reports: list[AgencyReport]) -> str:
    late = [
        f"{row['name']} ({row['by_timeliness'].get(Timeliness.OVERDUE)})"
        for row in stats.get("agencies", [])
        if row.get("by_timeliness", {}).get(Timeliness.OVERDUE)
    ]
    paragraphs = []
    if late:
        paragraphs.append(f"Một số cơ quan, đơn vị còn nhiệm vụ quá hạn chưa hoàn thành: {', '.join(late)}.")
    paragraphs += _report_sentences(reports, "limitations", "nêu khó khăn, vướng mắc")
    return "\n".join(paragraphs)


def draft_narrative(stats: dict, reports: list[AgencyReport]) -> dict[str, str]:
    return {
        "results": draft_results(stats, reports),
        "limitations": draft_limitations(stats, reports),
        "tasks_ahead": "\n".join(_report_sentences(reports, "tasks_ahead", "đề ra nhiệm vụ thời gian tới")),
        "proposals": "\n".join(_report_sentences(reports, "proposals", "đề xuất, kiến nghị")),
    }
