"""Faults through Celery and Redis, with real processes: a worker killed in the middle of the digests, Redis
restarted in the middle of the reminder scan. Afterwards every e-mail went out exactly once and the ledgers
agree with what the SMTP server accepted.

Needs PostgreSQL, Redis (redis-server on PATH for the restart) and aiosmtpd: skipped on a laptop without them,
failed in CI. The PostgreSQL connection-drop faults are in test_faults.py.
"""

import email
import time
from datetime import timedelta

import psycopg2
import pytest

from agencies.models import Notification
from tasks.jobs import daily_reminders
from tasks.models import DigestLedger, ReminderLedger
from tests.tasks.celery_harness import RedisServer, wait_until, worker_database_url

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

RECIPIENTS = {"cv.snv@dondoc.test", "ql.snv@dondoc.test", "bchqs.ql@dondoc.test", "bchqs.cv@dondoc.test"}
# Short broker timeouts for the worker, so a lost message comes back within the test (production: an hour).
QUICK_REDELIVERY = {
    "CELERY_VISIBILITY_TIMEOUT": "3",
    "CELERY_UNACKED_RESTORE_INTERVAL": "1",
}


def recipients(messages: list[bytes]) -> list[str]:
    return sorted(email.message_from_bytes(raw)["To"] for raw in messages)


def assert_ledgers_agree(messages: list[bytes], day) -> None:
    """Each accepted mail is one sent DigestLedger row carrying that user's notifications, and nothing else."""
    assert recipients(messages) == sorted(RECIPIENTS)  # each once: none missing, none twice
    sent = DigestLedger.objects.filter(day=day, sent_at__isnull=False)
    assert sorted(sent.values_list("user__email", flat=True)) == sorted(RECIPIENTS)
    assert not DigestLedger.objects.filter(day=day, sent_at__isnull=True).exists()
    for ledger in sent:
        assert ledger.item_count == Notification.objects.filter(user=ledger.user, emailed_at=ledger.sent_at).count()
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert sum(sent.values_list("item_count", flat=True)) == Notification.objects.count() == 4
    # The scan's ledger: one row per reminder, and one notification per row and recipient, none twice.
    assert ReminderLedger.objects.count() == 2
    keys = list(Notification.objects.values_list("user_id", "kind", "url"))
    assert len(keys) == len(set(keys))


def test_a_worker_killed_in_the_middle_of_the_digests_leaves_no_mail_lost_or_sent_twice(
    reminder_world, celery_workers, smtp_server, redis_url
):
    day = (reminder_world.deadline + timedelta(days=1)).isoformat()
    workers = celery_workers(redis_url, **QUICK_REDELIVERY)
    first = workers.start()
    smtp_server.hold_after(1)  # the first digest is accepted, the second waits for the server's reply

    daily_reminders.delay(day)
    wait_until(lambda: smtp_server.held == 1, what="the second digest to reach the SMTP server")
    first.kill()  # SIGKILL while the worker waits in the middle of sending
    smtp_server.drop_held()  # the server never accepted that one
    assert len(smtp_server.messages) == 1
    assert DigestLedger.objects.filter(sent_at__isnull=False).count() == 1

    second = workers.start()
    messages = smtp_server.wait_for(4)
    time.sleep(5)  # past the visibility timeout: anything redelivered twice would be here by now
    assert len(smtp_server.messages) == 4, second.output()[-3000:]
    assert_ledgers_agree(smtp_server.messages, day=day)

    again = daily_reminders.delay(day)
    assert "'digests': 0" in second.succeeded(again.id)
    time.sleep(2)
    assert len(smtp_server.messages) == len(messages) == 4


def scan_waits(cursor) -> bool:
    cursor.execute("SELECT pg_stat_clear_snapshot()")  # the view is read once per transaction otherwise
    cursor.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%reminderledger%'"
    )
    return cursor.fetchone()[0] > 0


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def test_redis_restarted_during_the_reminder_scan_leaves_no_notice_or_mail_lost_or_sent_twice(
    reminder_world, celery_workers, smtp_server, own_redis
):
    day = (reminder_world.deadline + timedelta(days=1)).isoformat()
    # The production visibility timeout (an hour): the digests must go out now, not when a lost job comes back.
    worker = celery_workers(own_redis.url).start()
    blocker = psycopg2.connect(worker_database_url())
    try:
        cursor = blocker.cursor()
        # Hold the scan at its first ledger insert (reads pass), so Redis goes away while the scan runs.
        cursor.execute("LOCK TABLE tasks_reminderledger IN SHARE MODE")
        job = daily_reminders.delay(day)
        wait_until(lambda: scan_waits(cursor), what="the scan to reach the ledger")
        own_redis.stop()
        blocker.commit()  # the scan goes on and queues the digests while Redis is down
    finally:
        blocker.close()
    time.sleep(2)
    own_redis.start()

    worker.succeeded(job.id)
    messages = smtp_server.wait_for(4)
    time.sleep(3)
    assert len(smtp_server.messages) == 4, worker.output()[-3000:]
    assert_ledgers_agree(messages, day=day)

    again = daily_reminders.delay(day)
    assert "'digests': 0" in worker.succeeded(again.id)
    time.sleep(2)
    assert len(smtp_server.messages) == 4
