"""The import's confirm step: save a reviewed proposal (directive, links, groups, tasks, lead assignments) or nothing.

It lives in tasks/ because confirming creates tasks and assignments; the parser it reviews is in directives/.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies.models import Agency, User
from agencies.text import nfc
from directives.models import Directive, DirectiveLink, TaskGroup
from directives.permissions import user_can_import_directive
from directives.selectors import directives_by_kind_and_number
from directives.validators import validate_deadline

from ..models import Assignment, Task
from .review import ReviewedCitation, ReviewedDirective, ReviewedGroup, ReviewedTask, propose_title


def check_item_numbers(numbers: list[int]) -> None:
    """A directive keeps at least one item, each with its own number (the review form and the service agree)."""
    if not numbers:
        raise ValidationError(_("Keep at least one item: a directive without items has nothing to assign."))
    repeated = sorted({number for number in numbers if numbers.count(number) > 1})
    if repeated:
        raise ValidationError(
            _("Item numbers must be different; used more than once: %(numbers)s.")
            % {"numbers": ", ".join(map(str, repeated))}
        )


def _duplicate_message(directive: Directive) -> str:
    return _(
        "%(document)s of %(issuer)s is already registered; open it from the list of directives instead of "
        "importing it again."
    ) % {"document": directive, "issuer": directive.issuer}


def _registered_directive(*, proposal: ReviewedDirective, kind: str, number: str, issuer: str) -> Directive:
    """The new directive, or a cited-only record of the same document promoted to a tracked one."""
    fields = {
        "issued_on": proposal.issued_on,
        "subject": nfc(proposal.subject.strip()),
        "body": nfc(proposal.body.strip()),
        "coordinating_agency": proposal.coordinating_agency,
        "is_tracked": True,
    }
    existing = Directive.objects.filter(kind=kind, number=number, issuer=issuer).first()
    if existing is not None:
        # A document first registered only because another one cited it becomes tracked when its
        # own text is imported; anything else with this type, number and issuer is a duplicate.
        if existing.is_tracked or existing.groups.exists():
            raise ValidationError({"number": _duplicate_message(existing)})
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save()
        return existing
    directive = Directive(kind=kind, number=number, issuer=issuer, **fields)
    try:
        # A savepoint, so a concurrent import of the same document surfaces as a clear error.
        with transaction.atomic():
            directive.save()
    except IntegrityError as race:
        raise ValidationError({"number": _duplicate_message(directive)}) from race
    return directive


def _link_citations(*, directive: Directive, citations: list[ReviewedCitation]) -> None:
    wanted: dict[tuple[str, str], ReviewedCitation] = {}
    for citation in citations:
        key = (citation.kind, nfc(citation.number.strip()))
        if key != (directive.kind, directive.number):
            wanted.setdefault(key, citation)
    existing = directives_by_kind_and_number(wanted)
    for key, citation in wanted.items():
        target = existing.get(key)
        if target is None:
            target = Directive.objects.create(
                kind=key[0],
                number=key[1],
                issuer=nfc(citation.issuer.strip()),
                issued_on=citation.issued_on,
                is_tracked=False,
            )
        if target.pk == directive.pk:
            continue
        DirectiveLink.objects.get_or_create(source=directive, target=target, defaults={"relation": citation.relation})


def _lead_agencies(group: ReviewedGroup) -> list[Agency]:
    chosen = {agency.pk for agency in group.agencies}
    active = Agency.objects.filter(is_active=True)
    if group.all_agencies:
        agencies = list(active.exclude(kind=Agency.Kind.PEOPLES_COMMITTEE) | active.filter(pk__in=chosen))
    else:
        agencies = list(active.filter(pk__in=chosen))
    missing = chosen - {agency.pk for agency in agencies}
    if missing:
        raise ValidationError(
            _("Item %(number)s: an agency chosen for it no longer exists or is inactive; choose again.")
            % {"number": group.number}
        )
    return agencies


@transaction.atomic
def directive_import_confirm(*, proposal: ReviewedDirective, user: User) -> Directive:
    """Save a reviewed import: the directive, its links, groups, tasks and lead assignments, or nothing."""
    if not user_can_import_directive(user):
        raise PermissionDenied
    kind, number, issuer = proposal.kind, nfc(proposal.number.strip()), nfc(proposal.issuer.strip())
    if kind not in Directive.Kind.values:
        raise ValidationError({"kind": _("Choose the type of the document.")})
    if not number or not issuer:
        raise ValidationError(_("Enter the number and the issuer of the document."))
    check_item_numbers([group.number for group in proposal.groups])
    for group in proposal.groups:
        deadlines = [group.deadline, *(row.deadline for row in group.task_rows or [])]
        try:
            for deadline in deadlines:
                validate_deadline(deadline, issued_on=proposal.issued_on)
        except ValidationError as error:
            raise ValidationError(
                _("Item %(number)s: the deadline cannot be before the directive's date.") % {"number": group.number}
            ) from error

    directive = _registered_directive(proposal=proposal, kind=kind, number=number, issuer=issuer)
    _link_citations(directive=directive, citations=proposal.citations)
    for group in sorted(proposal.groups, key=lambda g: g.number):
        task_group = TaskGroup.objects.create(
            directive=directive,
            number=group.number,
            title=group.title.strip() or propose_title(group.text),
            text=group.text.strip(),
        )
        if group.task_rows is not None:
            assignments = _tasks_row_by_row(task_group, group)
        else:
            assignments = _tasks_as_a_whole(task_group, group)
        bulk_create_with_history(assignments, Assignment, batch_size=500, default_user=user)
    return directive


def _tasks_as_a_whole(task_group: TaskGroup, group: ReviewedGroup) -> list[Assignment]:
    """Every task of the item with the item's lead agencies and deadline."""
    tasks = []
    for index, text in enumerate(group.tasks, start=1):
        task = Task(group=task_group, number=index, text=text, deadline=group.deadline)
        task.save()
        tasks.append(task)
    agencies = _lead_agencies(group)
    return [
        Assignment(task=task, agency=agency, role=Assignment.Role.LEAD, deadline=group.deadline)
        for task in tasks
        for agency in agencies
    ]


def _row_agencies(row: ReviewedTask, group: ReviewedGroup) -> tuple[list[Agency], list[Agency]]:
    """A task's lead and cooperating agencies; a task with no lead of its own has the item's."""
    active = {agency.pk for agency in Agency.objects.filter(is_active=True)}
    chosen = [*row.lead, *row.cooperating]
    if any(agency.pk not in active for agency in chosen):
        raise ValidationError(
            _("Item %(number)s: an agency chosen for it no longer exists or is inactive; choose again.")
            % {"number": group.number}
        )
    lead = row.lead or _lead_agencies(group)
    lead_ids = {agency.pk for agency in lead}
    return lead, [agency for agency in dict.fromkeys(row.cooperating) if agency.pk not in lead_ids]


def _tasks_row_by_row(task_group: TaskGroup, group: ReviewedGroup) -> list[Assignment]:
    """Each task with its own lead and cooperating agencies and its own deadline (else the item's)."""
    assignments = []
    for index, row in enumerate(group.task_rows or [], start=1):
        deadline = row.deadline or group.deadline
        task = Task(group=task_group, number=index, text=row.text, deadline=deadline)
        task.save()
        lead, cooperating = _row_agencies(row, group)
        assignments.extend(
            Assignment(task=task, agency=agency, role=role, deadline=deadline)
            for agencies, role in ((lead, Assignment.Role.LEAD), (cooperating, Assignment.Role.COOPERATING))
            for agency in dict.fromkeys(agencies)
        )
    return assignments
