"""The daily reminder scan: every reminder due by today that the ledger does not hold yet, sent once."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import translation

from agencies.services import notification_bulk_create

from ..models import ReminderLedger
from .rules import Candidate, Notice, ReminderSource, reminder_sources


@dataclass
class ReminderScanResult:
    run_id: uuid.UUID
    today: date
    reminders: int = 0  # ledger rows this scan inserted (or, in a dry run, would insert)
    notifications: int = 0
    # In a dry run: user id → the notices that user would get.
    preview: dict[int, list[Notice]] = field(default_factory=lambda: defaultdict(list))


def reminder_scan_run(*, today: date, dry_run: bool = False) -> ReminderScanResult:
    """Send every reminder due by today that the ledger does not hold yet, once, whoever else is scanning.

    Per chunk of a source: one read of the chunk, one read of the ledger, then (only when something is
    new) one transaction that inserts the ledger rows with ON CONFLICT DO NOTHING, re-reads which of them
    carry this run's id — a racing scan's rows do not — and creates the notifications of those alone.
    """
    result = ReminderScanResult(run_id=uuid.uuid4(), today=today)
    with translation.override(settings.LANGUAGE_CODE):
        for source in reminder_sources():
            for candidates in source.chunks(today=today):
                _reminder_chunk_process(source=source, candidates=candidates, result=result, dry_run=dry_run)
    return result


def _reminder_chunk_process(
    *, source: ReminderSource, candidates: list[Candidate], result: ReminderScanResult, dry_run: bool
) -> None:
    if not candidates:
        return
    low = min(candidate.object_id for candidate in candidates)
    high = max(candidate.object_id for candidate in candidates)
    in_chunk = ReminderLedger.objects.filter(source=source.name, object_id__gte=low, object_id__lte=high)
    sent = set(
        in_chunk.filter(due_on__gte=min(candidate.due_on for candidate in candidates)).values_list(
            "object_id", "kind", "due_on"
        )
    )
    new = [candidate for candidate in candidates if (candidate.object_id, candidate.kind, candidate.due_on) not in sent]
    if not new:
        return
    if dry_run:
        result.reminders += len(new)
        for notice in source.notices(candidates=new, today=result.today):
            for user_id in notice.user_ids:
                result.preview[user_id].append(notice)
            result.notifications += len(notice.user_ids)
        return
    with transaction.atomic():
        ReminderLedger.objects.bulk_create(
            [
                ReminderLedger(
                    source=source.name,
                    object_id=candidate.object_id,
                    kind=candidate.kind,
                    due_on=candidate.due_on,
                    run_id=result.run_id,
                )
                for candidate in new
            ],
            ignore_conflicts=True,
        )
        mine = set(in_chunk.filter(run_id=result.run_id).values_list("object_id", "kind", "due_on"))
        won = [candidate for candidate in new if (candidate.object_id, candidate.kind, candidate.due_on) in mine]
        notices = source.notices(candidates=won, today=result.today) if won else []
        result.reminders += len(won)
        result.notifications += notification_bulk_create(
            notices=((notice.user_ids, notice.kind, notice.title, notice.body, notice.url) for notice in notices)
        )
