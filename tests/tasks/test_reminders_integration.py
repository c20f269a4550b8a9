"""End to end: the daily job through a real Celery worker on Redis, delivered by a real SMTP server on loopback.

Needs PostgreSQL (the worker is a separate process and must see the test's committed data in the same
test database) and Redis; without them the test is skipped on a laptop and fails in CI.
"""

import email
import os
import socket
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from email.header import decode_header, make_header
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from agencies.models import Notification
from config.celery_app import app as celery_app
from tasks.jobs import daily_reminders, send_digest
from tasks.models import DigestLedger
from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("DONDOC_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
SITE_URL = "http://dondoc.test"
WAIT_SECONDS = 60

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailSink:
    """aiosmtpd handler keeping every message it receives, as bytes."""

    def __init__(self):
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = WAIT_SECONDS) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        return list(self.messages)


@pytest.fixture
def smtp_server():
    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        skip_or_fail("aiosmtpd is not installed")
    sink = MailSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    try:
        controller.start()
    except (OSError, RuntimeError) as error:
        skip_or_fail(f"cannot start an SMTP server on 127.0.0.1:{port}: {error}")
    sink.port = port
    yield sink
    controller.stop()


@pytest.fixture
def redis_url() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis is not available at {REDIS_URL}: {error}")
    return REDIS_URL


def worker_database_url() -> str:
    settings = connection.settings_dict
    user = quote(settings["USER"] or "")
    password = f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(settings['NAME'])}"


class Worker:
    def __init__(self, process: subprocess.Popen, log: Path):
        self.process = process
        self.log = log

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, text: str, timeout: float = WAIT_SECONDS) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            output = self.output()
            if text in output:
                return output
            if self.process.poll() is not None:
                pytest.fail(f"the Celery worker exited ({self.process.returncode}):\n{output[-3000:]}")
            time.sleep(0.2)
        pytest.fail(f"waited {timeout} s for {text!r} in the worker log:\n{self.output()[-3000:]}")

    def succeeded(self, task_id: str) -> str:
        """The worker's log line saying the task succeeded, with its return value."""
        output = self.wait_for(f"[{task_id}] succeeded")
        return next(line for line in output.splitlines() if f"[{task_id}] succeeded" in line)


@pytest.fixture
def celery_worker_process(transactional_db, smtp_server, redis_url, tmp_path):
    if connection.vendor != "postgresql":
        skip_or_fail("the integration test needs PostgreSQL: set DATABASE_URL=postgres://...")
    queue = f"dondoc-it-{uuid.uuid4().hex[:10]}"
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.integration",
        DATABASE_URL=worker_database_url(),
        CELERY_BROKER_URL=redis_url,
        CELERY_TASK_DEFAULT_QUEUE=queue,
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(smtp_server.port),
        DONDOC_SITE_URL=SITE_URL,
    )
    log = tmp_path / "worker.log"
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO"]
    command += ["--queues", queue, "--hostname", f"{queue}@localhost", "--without-gossip", "--without-mingle"]
    # The test process publishes to the same broker and queue, for real (no eager execution).
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url", "task_default_queue")}
    with log.open("wb") as log_file:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log_file, stderr=subprocess.STDOUT)
    worker = Worker(process, log)
    try:
        celery_app.conf.update(task_always_eager=False, broker_url=redis_url, task_default_queue=queue)
        _reset_celery_connections()
        worker.wait_for("ready.")
        yield worker
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        celery_app.conf.update(saved)
        _reset_celery_connections()
        import redis

        redis.Redis.from_url(redis_url).delete(queue)


def _reset_celery_connections() -> None:
    # Connection and producer pools (kombu keeps them globally) and routing tables are built once from the
    # configuration: drop them all after a change, so the next publish builds them from the new one.
    from kombu import pools

    pools.reset()
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)


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
