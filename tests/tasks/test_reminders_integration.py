"""End to end: the daily job through a real Celery worker on Redis, delivered by a real SMTP server on loopback.

Needs PostgreSQL (the worker is a separate process and must see the test's committed data in the same
test database) and Redis; without them the test is skipped on a laptop and fails in CI.
"""

import email
import time
from datetime import timedelta
from email.header import decode_header, make_header

import pytest

from agencies.models import Notification
from tasks.jobs import daily_reminders, send_digest
from tasks.models import DigestLedger
from tests.tasks.celery_harness import SITE_URL

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def decoded(raw: bytes) -> tuple[str, str, str, str]:
    """(recipient, subject, plain text, html) of a delivered message."""
    message = email.message_from_bytes(raw)
    subject = str(make_header(decode_header(message["Subject"]))).replace("\n", "").strip()
    parts = {}
    for part in message.walk():
        if part.get_content_maintype() == "text":
            parts[part.get_content_subtype()] = part.get_payload(decode=True).decode(part.get_content_charset())
    return message["To"], subject, parts["plain"], parts["html"]


def test_daily_job_through_a_redis_worker_reaches_the_smtp_server_once(
    reminder_world, celery_worker_process, smtp_server, client
):
    day = (reminder_world.deadline + timedelta(days=1)).isoformat()

    first = daily_reminders.delay(day)
    line = celery_worker_process.succeeded(first.id)
    assert "'reminders': 2" in line
    assert "'digests': 4" in line
    messages = smtp_server.wait_for(4)
    assert len(messages) == 4, celery_worker_process.output()[-3000:]

    by_recipient = {recipient: rest for recipient, *rest in map(decoded, messages)}
    assert set(by_recipient) == {
        "cv.snv@dondoc.test",
        "ql.snv@dondoc.test",
        "bchqs.ql@dondoc.test",
        "bchqs.cv@dondoc.test",
    }
    subject, text, html = by_recipient["cv.snv@dondoc.test"]
    assert subject == "[Đôn đốc] Nhắc việc ngày 16/12/2026: 1 quá hạn"
    assert "Kính gửi đồng chí Nguyễn Văn Chuyên," in text
    assert "Nhiệm vụ 5.2 của Kết luận 249-KL/TU quá hạn 1 ngày" in text
    assert "Xây dựng khu vực phòng thủ tỉnh." in text
    link = reminder_world.assignment.get_absolute_url()
    assert f"{SITE_URL}{link}" in text
    assert f'href="{SITE_URL}{link}"' in html
    assert f"{SITE_URL}/notifications/settings/" in text
    # The link opens the assignment's page for the person it was sent to.
    client.force_login(reminder_world.staff)
    page = client.get(link.split("#")[0])
    assert page.status_code == 200
    assert "Xây dựng khu vực phòng thủ tỉnh." in page.content.decode()
    if "#" in link:
        assert f'id="{link.split("#")[1]}"' in page.content.decode()
    subject, text, _html = by_recipient["bchqs.ql@dondoc.test"]
    assert "Sở Nội vụ quá hạn 1 ngày với nhiệm vụ 5.2 của Kết luận 249-KL/TU" in text
    # The worker marked everything it sent, in the same database.
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert DigestLedger.objects.filter(sent_at__isnull=False).count() == 4

    # The same day again, and a duplicated digest job: nothing new reaches the SMTP server.
    again = daily_reminders.delay(day)
    line = celery_worker_process.succeeded(again.id)
    assert "'notifications': 0" in line
    assert "'digests': 0" in line
    duplicate = send_digest.delay(reminder_world.staff.pk, day)
    assert celery_worker_process.succeeded(duplicate.id).rstrip().endswith(": 0")
    time.sleep(2)
    assert len(smtp_server.messages) == 4
