"""From a directive's text to a proposal for review: groups, tasks, metadata, citations, agencies."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .agencies import AgencyName, find_coordinator, find_mentions, unique_names
from .citations import CitedDocument, detect_cited_documents
from .errors import MAX_TEXT_CHARS, MSG_EMPTY, MSG_NO_ITEMS, DirectiveImportError, too_long
from .header import read_metadata
from .structure import split_items, split_tasks
from .text import normalize_text, split_paragraphs


@dataclass
class ProposedGroup:
    number: int
    text: str
    tasks: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)


@dataclass
class DirectiveProposal:
    kind: str | None
    number: str | None
    issuer: str | None
    issued_on: date | None
    subject: str | None
    preamble: str
    groups: list[ProposedGroup]
    cited: list[CitedDocument]
    coordinator: str | None
    warnings: list[str]


def parse_directive_text(text: str, *, agencies: Sequence[AgencyName] = ()) -> DirectiveProposal:
    """Split a directive into preamble, numbered groups and tasks, and read its metadata."""
    # The raw check is a cheap guard before normalising; the real limit applies to
    # the NFC text so NFD and NFC copies of one document are treated alike.
    if len(text) > 2 * MAX_TEXT_CHARS:
        raise DirectiveImportError(too_long(len(text)))
    text = normalize_text(text)
    if len(text) > MAX_TEXT_CHARS:
        raise DirectiveImportError(too_long(len(text)))
    if not text:
        raise DirectiveImportError(MSG_EMPTY)
    warnings: list[str] = []
    preamble, items = split_items(split_paragraphs(text), warnings)
    if not items:
        raise DirectiveImportError(MSG_NO_ITEMS)

    groups: list[ProposedGroup] = []
    for number, item_paragraphs in items:
        item_paragraphs = [re.sub(r"\s*\.?/\.$", ".", p) for p in item_paragraphs]
        item_text = "\n\n".join(item_paragraphs)
        groups.append(
            ProposedGroup(
                number=number,
                text=item_text,
                tasks=split_tasks(item_paragraphs),
                agencies=unique_names(find_mentions(item_text, agencies)),
            )
        )

    meta = read_metadata(preamble)
    body = "\n\n".join([*preamble, *(g.text for g in groups)])
    cited = [c for c in detect_cited_documents(body) if c.number != meta.number]
    coordinator = find_coordinator([g.text for g in groups], agencies) if agencies else None

    if meta.kind is None:
        warnings.append("Không xác định được loại văn bản (chỉ thị, kế hoạch, ...); người duyệt cần chọn.")
    if meta.number is None:
        warnings.append("Không tìm thấy số, ký hiệu của văn bản (dòng “Số: ...”); người duyệt cần điền.")
    if meta.issued_on is None:
        warnings.append("Không tìm thấy ngày ban hành; người duyệt cần điền.")
    elif meta.date_from_lead:
        warnings.append(
            f"Ngày ban hành {meta.issued_on:%d/%m/%Y} được lấy từ câu mở đầu “Ngày ...”; đó có thể là "
            "ngày của văn bản được trích dẫn, người duyệt cần kiểm tra lại."
        )
    if meta.subject is None:
        warnings.append("Không tìm thấy trích yếu (“Về việc ...”); người duyệt cần điền.")
    if meta.issuer is None:
        warnings.append("Không xác định được cơ quan ban hành; người duyệt cần điền.")
    if agencies:
        if coordinator is None:
            warnings.append("Không xác định được cơ quan chủ trì, theo dõi, tổng hợp; người duyệt cần chọn.")
        for group in groups:
            if not group.agencies:
                warnings.append(
                    f"Mục {group.number}: không nhận diện được cơ quan nào trong danh mục; "
                    "người duyệt cần chỉ định cơ quan thực hiện."
                )

    return DirectiveProposal(
        kind=meta.kind,
        number=meta.number,
        issuer=meta.issuer,
        issued_on=meta.issued_on,
        subject=meta.subject,
        preamble="\n\n".join(preamble),
        groups=groups,
        cited=cited,
        coordinator=coordinator,
        warnings=warnings,
    )
