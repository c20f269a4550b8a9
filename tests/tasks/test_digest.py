"""The daily digest: one Vietnamese e-mail per user per day, sent once, never marked sent when SMTP failed."""

import smtplib
from datetime import UTC, datetime, timedelta

import psycopg2
import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection

from agencies.models import Notification
from tasks.jobs import daily_reminders, reminder_daily_run, send_digest
from tasks.models import Assignment, DigestLedger
from tasks.reminders.digest import digest_pending_user_ids, digest_send
from tasks.reminders.scan import reminder_scan_run
from tests.conftest import skip_or_fail
from tests.factories import AssignmentFactory, TaskFactory
from tests.tasks.celery_harness import worker_database_url


class FailingBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("connection closed")


class FlakyBackend(EmailBackend):
    """Fails the first attempt, then delivers like locmem."""

    attempts = 0

    def send_messages(self, messages):
        FlakyBackend.attempts += 1
        if FlakyBackend.attempts == 1:
            raise ConnectionRefusedError("SMTP server down")
        return super().send_messages(messages)


def run_day(world, offset, callbacks):
    with callbacks(execute=True):
        return reminder_daily_run(today=world.deadline + timedelta(days=offset))


def test_one_digest_per_user_listing_overdue_and_new_work(reminder_world, django_capture_on_commit_callbacks):
    today = reminder_world.deadline + timedelta(days=1)
    fresh = AssignmentFactory(
        task=TaskFactory(group=reminder_world.task.group, number=9, text="Tổ chức diễn tập."),
        agency=reminder_world.agency,
        deadline=reminder_world.deadline + timedelta(days=60),
    )
    Assignment.objects.filter(pk=fresh.pk).update(created_at=datetime(2026, 12, 15, 2, tzinfo=UTC))
    summary = run_day(reminder_world, 1, django_capture_on_commit_callbacks)
    assert summary["digests"] == 4
    by_user = {message.to[0]: message for message in mail.outbox}
    assert set(by_user) == {"cv.snv@dondoc.test", "ql.snv@dondoc.test", "bchqs.ql@dondoc.test", "bchqs.cv@dondoc.test"}
    staff = by_user["cv.snv@dondoc.test"]
    assert staff.subject == "[Đôn đốc] Nhắc việc ngày 16/12/2026: 1 quá hạn, 1 mới được giao"
    assert "QUÁ HẠN (1)" in staff.body
    assert "MỚI ĐƯỢC GIAO (1)" in staff.body
    assert "Nhiệm vụ 5.2 của Kết luận 249-KL/TU quá hạn 1 ngày" in staff.body
    assert "Nhiệm vụ mới được giao: nhiệm vụ 5.9 của Kết luận 249-KL/TU" in staff.body
    link = Notification.objects.filter(user=reminder_world.staff, kind="overdue").get().url
    assert f"http://127.0.0.1:8000{link}" in staff.body
    html, mimetype = staff.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://127.0.0.1:8000{link}"' in html
    assert "Kính gửi đồng chí Nguyễn Văn Chuyên," in html
    coordinator = by_user["bchqs.ql@dondoc.test"]
    assert coordinator.subject == "[Đôn đốc] Nhắc việc ngày 16/12/2026: 1 quá hạn"
    assert "Sở Nội vụ quá hạn 1 ngày" in coordinator.body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert DigestLedger.objects.filter(day=today, sent_at__isnull=False).count() == 4


def test_running_the_day_again_sends_nothing(reminder_world, django_capture_on_commit_callbacks):
    run_day(reminder_world, -3, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    again = run_day(reminder_world, -3, django_capture_on_commit_callbacks)
    assert again == {"reminders": 0, "notifications": 0, "digests": 0, "list_order_repaired": 0}
    # A duplicate or retried digest job for the same day is a no-op too.
    day = (reminder_world.deadline - timedelta(days=3)).isoformat()
    assert send_digest.delay(reminder_world.staff.pk, day).get() == 0
    assert len(mail.outbox) == 2


def test_next_day_digest_carries_only_the_new_items(reminder_world, django_capture_on_commit_callbacks):
    run_day(reminder_world, -1, django_capture_on_commit_callbacks)
    run_day(reminder_world, 0, django_capture_on_commit_callbacks)
    staff_mail = [message for message in mail.outbox if message.to == ["cv.snv@dondoc.test"]]
    assert len(staff_mail) == 2
    assert "còn 1 ngày đến hạn" in staff_mail[0].body
    assert "đến hạn hôm nay" in staff_mail[1].body
    assert "còn 1 ngày" not in staff_mail[1].body


def test_digest_off_still_mails_overdue_items_only(reminder_world, django_capture_on_commit_callbacks):
    reminder_world.staff.receives_daily_digest = False
    reminder_world.staff.save()
    run_day(reminder_world, -3, django_capture_on_commit_callbacks)
    assert "cv.snv@dondoc.test" not in [message.to[0] for message in mail.outbox]
    # The in-app notice is there all the same.
    assert Notification.objects.filter(user=reminder_world.staff, kind="reminder").exists()
    mail.outbox.clear()
    run_day(reminder_world, 1, django_capture_on_commit_callbacks)
    staff = next(message for message in mail.outbox if message.to == ["cv.snv@dondoc.test"])
    assert staff.subject == "[Đôn đốc] Nhắc việc ngày 16/12/2026: 1 quá hạn"
    assert "chỉ liệt kê các nhiệm vụ quá hạn" in staff.body
    assert "còn 3 ngày" not in staff.body


def test_inactive_users_and_users_without_email_get_no_digest(reminder_world, django_capture_on_commit_callbacks):
    reminder_world.manager.email = ""
    reminder_world.manager.save()
    run_day(reminder_world, 1, django_capture_on_commit_callbacks)
    assert {message.to[0] for message in mail.outbox} == {
        "cv.snv@dondoc.test",
        "bchqs.ql@dondoc.test",
        "bchqs.cv@dondoc.test",
    }
    assert digest_send(user_id=reminder_world.inactive.pk, day=reminder_world.deadline) == 0


def test_smtp_failure_marks_nothing_sent_and_a_retry_sends_it(reminder_world, settings):
    today = reminder_world.deadline + timedelta(days=1)
    reminder_scan_run(today=today)
    settings.EMAIL_BACKEND = "tests.tasks.test_digest.FailingBackend"
    with pytest.raises(smtplib.SMTPServerDisconnected):
        digest_send(user_id=reminder_world.staff.pk, day=today)
    ledger = DigestLedger.objects.get(user=reminder_world.staff, day=today)
    assert ledger.sent_at is None
    assert ledger.claimed_at is None  # released, so the retry may claim it
    assert not Notification.objects.filter(user=reminder_world.staff, emailed_at__isnull=False).exists()
    assert reminder_world.staff.pk in digest_pending_user_ids(day=today)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert digest_send(user_id=reminder_world.staff.pk, day=today) == 1
    assert len(mail.outbox) == 1
    ledger.refresh_from_db()
    assert ledger.sent_at is not None
    assert ledger.item_count == 1
    assert digest_send(user_id=reminder_world.staff.pk, day=today) == 0
    assert len(mail.outbox) == 1


def test_the_job_retries_after_an_smtp_error(reminder_world, settings):
    today = reminder_world.deadline + timedelta(days=1)
    reminder_scan_run(today=today)
    FlakyBackend.attempts = 0
    settings.EMAIL_BACKEND = "tests.tasks.test_digest.FlakyBackend"
    # As a worker runs it (eager tests re-raise instead of retrying unless told not to throw).
    result = send_digest.apply(args=[reminder_world.staff.pk, today.isoformat()], throw=False)
    assert result.get() == 1
    assert FlakyBackend.attempts == 2
    assert len(mail.outbox) == 1
    assert send_digest.retry_backoff and send_digest.max_retries == 8


@pytest.mark.django_db(transaction=True)
def test_a_digest_another_worker_is_sending_is_left_to_it(reminder_world):
    if connection.vendor != "postgresql":
        skip_or_fail("row locks need PostgreSQL: set DATABASE_URL=postgres://...")
    today = reminder_world.deadline + timedelta(days=1)
    reminder_scan_run(today=today)
    ledger = DigestLedger.objects.create(user=reminder_world.staff, day=today)
    other_worker = psycopg2.connect(worker_database_url())
    try:
        cursor = other_worker.cursor()
        cursor.execute("SELECT id FROM tasks_digestledger WHERE id = %s FOR UPDATE", [ledger.pk])
        assert digest_send(user_id=reminder_world.staff.pk, day=today) == 0
        assert not mail.outbox
    finally:
        other_worker.close()  # as a worker killed in the middle: its lock goes with its connection
    assert digest_send(user_id=reminder_world.staff.pk, day=today) == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_daily_job_enqueues_digests_on_commit(reminder_world):
    result = daily_reminders.delay((reminder_world.deadline + timedelta(days=1)).isoformat()).get()
    assert result == {"reminders": 2, "notifications": 4, "digests": 4, "list_order_repaired": 0}
    assert len(mail.outbox) == 4
