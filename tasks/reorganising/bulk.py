"""Reorganising from a CSV mapping (the management command and the upload page share it), all rows or none.

Columns: old agency code, new agency (an existing code, or the name of a new agency), kind of change, decision
number, decision date, issuer, effective date, and optionally the kind of a new agency. Rows of one decision
with the same kind and the same new agency (a merge) or the same old agency (a split) form one change.
Dates are dd/mm/yyyy (or yyyy-mm-dd). A bad row stops the whole file, naming its line; a dry run performs
everything inside the transaction and rolls it back, so it shows exactly what the file would do.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency, AgencyChange, User

from .forms import new_agency_code
from .plan import Kind, Reorganisation
from .services import agencies_reorganise

COLUMNS = ("old_code", "new_agency", "kind", "decision_number", "decision_date", "issuer", "effective_on")
KIND_WORDS = {
    "merge": Kind.MERGE,
    "sáp nhập": Kind.MERGE,
    "hợp nhất": Kind.MERGE,
    "split": Kind.SPLIT,
    "chia tách": Kind.SPLIT,
    "rename": Kind.RENAME,
    "đổi tên": Kind.RENAME,
    "dissolve": Kind.DISSOLVE,
    "giải thể": Kind.DISSOLVE,
}
LINE_ERROR = gettext_lazy("Line %(line)s: %(message)s")
BAD_HEADER = gettext_lazy("The first line must name the columns: %(columns)s.")
BAD_KIND = gettext_lazy("unknown kind of change “%(value)s” (merge, split, rename or dissolve).")
BAD_DATE = gettext_lazy("“%(value)s” is not a date (dd/mm/yyyy).")
NO_AGENCY = gettext_lazy("no agency has the code “%(code)s”.")
MISSING = gettext_lazy("the column %(column)s is empty.")
NOT_UTF8 = gettext_lazy("The file is not UTF-8 text (save it from the spreadsheet as CSV UTF-8).")


@dataclass
class Row:
    line: int
    old: Agency
    new_value: str
    kind: str
    decision: dict
    new_kind: str = ""


@dataclass
class BulkResult:
    lines: list[str] = field(default_factory=list)
    changes: int = 0


def _line_error(line: int, message) -> ValidationError:
    return ValidationError(str(LINE_ERROR) % {"line": line, "message": message})


def _date(value: str, line: int) -> date:
    text = value.strip()
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise _line_error(line, BAD_DATE % {"value": value}) from None


def _row(values: dict, line: int, agencies: dict[str, Agency]) -> Row:
    for column in COLUMNS:
        if column not in ("new_agency",) and not (values.get(column) or "").strip():
            raise _line_error(line, MISSING % {"column": column})
    kind = KIND_WORDS.get(values["kind"].strip().lower())
    if kind is None:
        raise _line_error(line, BAD_KIND % {"value": values["kind"]})
    old = agencies.get(values["old_code"].strip())
    if old is None:
        raise _line_error(line, NO_AGENCY % {"code": values["old_code"].strip()})
    decision = {
        "decision_number": values["decision_number"].strip(),
        "decision_date": _date(values["decision_date"], line),
        "issuer": values["issuer"].strip(),
        "effective_on": _date(values["effective_on"], line),
    }
    new_kind = (values.get("new_kind") or "").strip()
    return Row(line, old, (values.get("new_agency") or "").strip(), kind, decision, new_kind)


def read_rows(text: str) -> list[Row]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or any(column not in reader.fieldnames for column in COLUMNS):
        raise ValidationError(str(BAD_HEADER) % {"columns": ", ".join(COLUMNS)})
    agencies = {agency.code: agency for agency in Agency.objects.all()}
    return [
        _row(values, reader.line_num, agencies) for values in reader if any((v or "").strip() for v in values.values())
    ]


def _group(rows: list[Row]) -> list[list[Row]]:
    """One change per decision, kind and shared side, in the order of the file's first line of each."""
    groups: dict[tuple, list[Row]] = {}
    for row in rows:
        shared = row.new_value if row.kind == Kind.MERGE else row.old.code
        groups.setdefault((row.decision["decision_number"], row.kind, shared), []).append(row)
    return list(groups.values())


def _successor(row: Row) -> Agency | None:
    """An existing agency by its code, else a new one by the name (created inside the file's transaction)."""
    if not row.new_value:
        return None
    existing = Agency.objects.filter(Q(code=row.new_value) | Q(name=row.new_value)).first()
    if existing is not None:
        return existing
    code = new_agency_code(row.new_value)
    kind = row.new_kind if row.new_kind in Agency.Kind.values else Agency.Kind.OTHER
    agency, _created = Agency.objects.get_or_create(
        code=code, defaults={"name": row.new_value, "kind": kind, "valid_from": row.decision["effective_on"]}
    )
    return agency


def _request(group: list[Row]) -> Reorganisation:
    first = group[0]
    if first.kind == Kind.RENAME:
        return Reorganisation(
            kind=first.kind,
            predecessors=[first.old],
            new_name=first.new_value,
            new_code=new_agency_code(first.new_value) if first.new_value else "",
            **first.decision,
        )
    successors = [agency for agency in dict.fromkeys(_successor(row) for row in group) if agency is not None]
    predecessors = list(dict.fromkeys(row.old for row in group))
    return Reorganisation(kind=first.kind, predecessors=predecessors, successors=successors, **first.decision)


def _describe(change: AgencyChange, line: int) -> str:
    before = ", ".join(agency.name for agency in change.predecessors.all())
    after = ", ".join(agency.name for agency in change.successors.all()) or "—"
    moved = _("%(moved)s open assignment(s) move, %(joined)s joined, %(kept)s closed stay, %(users)s user(s)") % {
        "moved": change.summary.get("moved", 0),
        "joined": change.summary.get("joined", 0),
        "kept": change.summary.get("closed_kept", 0),
        "users": change.summary.get("users", 0),
    }
    return f"{line}: {change.get_kind_display()} {before} → {after} ({change.decision_number}): {moved}"


def agencies_reorganise_from_csv(*, text: str, user: User | None, dry_run: bool) -> BulkResult:
    """Perform every change of the file in one transaction; a dry run rolls it back after describing it."""
    result = BulkResult()
    with transaction.atomic():
        for group in _group(read_rows(text)):
            line = group[0].line
            try:
                request = _request(group)
                request.move_users = True
                change = agencies_reorganise(request=request, user=user)
            except ValidationError as error:
                raise _line_error(line, " ".join(error.messages)) from error
            result.changes += 1
            result.lines.append(_describe(change, line))
        if dry_run:
            transaction.set_rollback(True)
    return result
