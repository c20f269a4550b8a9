"""manage.py send_reminders: --dry-run prints and writes nothing; without it, it runs the daily job."""

from io import StringIO

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command

from agencies.models import Notification
from tasks.models import DigestLedger, ReminderLedger


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_per_user_and_writes_nothing(reminder_world):
    output = run("--dry-run", "--date", "16/12/2026")
    assert "16/12/2026" in output
    assert "cv.snv <cv.snv@dondoc.test> (digest on): 1" in output
    assert "Nhiệm vụ 5.2 của Kết luận 249-KL/TU quá hạn 1 ngày" in output
    assert "bchqs.ql" in output
    assert "2 reminders would be sent, as 4 notifications to 4 users." in output
    assert not Notification.objects.exists()
    assert not ReminderLedger.objects.exists()
    assert not DigestLedger.objects.exists()
    assert not mail.outbox


def test_dry_run_after_the_real_run_has_nothing_left(reminder_world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = run("--date", "16/12/2026")
    assert "2 reminders, 4 notifications, 4 digest e-mails queued" in output
    assert len(mail.outbox) == 4
    assert "0 reminders would be sent" in run("--dry-run", "--date", "16/12/2026")


def test_bad_date_is_refused(reminder_world):
    with pytest.raises(CommandError, match="dd/mm/yyyy"):
        run("--dry-run", "--date", "2026-12-16")


def test_beat_runs_the_daily_job_at_the_configured_local_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["daily-reminders"]
    assert entry["task"] == "tasks.jobs.daily_reminders"
    assert entry["schedule"] == crontab(hour=settings.DONDOC_REMINDER_HOUR, minute=0)
    assert settings.CELERY_TIMEZONE == "Asia/Ho_Chi_Minh"
    from config.celery_app import app

    assert "tasks.jobs.daily_reminders" in app.tasks
    assert "tasks.jobs.send_digest" in app.tasks
