"""Real processes for the integration tests: a Celery worker on Redis, an SMTP sink on loopback, a Redis server.

The test process publishes to the same broker and queue as the worker, for real (no eager execution); the
worker reads the test's committed data in the same PostgreSQL test database. Fixtures wrapping these are in
tests/tasks/conftest.py.
"""

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from config.celery_app import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("DONDOC_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
SITE_URL = "http://dondoc.test"
WAIT_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, *, timeout: float = WAIT_SECONDS, what: str = "a condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s for {what}")
        time.sleep(0.1)


class MailSink:
    """aiosmtpd handler keeping every message it accepted, as bytes.

    `hold_after(n)` makes it accept n more messages and then hold the next one unanswered (the client waits
    for the server's reply, as on a slow server) until `drop_held()`: a held message is never accepted.
    """

    def __init__(self):
        self.messages: list[bytes] = []
        self.held = 0
        self._accept_left: int | None = None
        self._release: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def hold_after(self, count: int) -> None:
        self._accept_left = count

    def drop_held(self) -> None:
        self._accept_left = None
        if self._loop is not None and self._release is not None:
            self._loop.call_soon_threadsafe(self._release.set)

    async def handle_DATA(self, server, session, envelope):
        if self._accept_left is not None:
            if self._accept_left == 0:
                self._loop = asyncio.get_running_loop()
                self._release = asyncio.Event()
                self.held += 1
                await self._release.wait()
                return "451 Requested action aborted"
            self._accept_left -= 1
        self.messages.append(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = WAIT_SECONDS) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        return list(self.messages)


class Worker:
    def __init__(self, process: subprocess.Popen, log: Path):
        self.process = process
        self.log = log

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, text: str, timeout: float = WAIT_SECONDS, count: int = 1) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            output = self.output()
            if output.count(text) >= count:
                return output
            if self.process.poll() is not None:
                pytest.fail(f"the Celery worker exited ({self.process.returncode}):\n{output[-3000:]}")
            time.sleep(0.2)
        pytest.fail(f"waited {timeout} s for {text!r} in the worker log:\n{self.output()[-3000:]}")

    def succeeded(self, task_id: str) -> str:
        """The worker's log line saying the task succeeded, with its return value."""
        output = self.wait_for(f"[{task_id}] succeeded")
        return next(line for line in output.splitlines() if f"[{task_id}] succeeded" in line)

    def kill(self) -> None:
        """SIGKILL: the worker gets no chance to ack, requeue or close anything."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def worker_database_url() -> str:
    settings = connection.settings_dict
    user = quote(settings["USER"] or "")
    password = f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(settings['NAME'])}"


class Workers:
    """Starts Celery workers on one broker and a queue of their own; `stop_all` ends those still running."""

    def __init__(self, *, broker_url: str, smtp_port: int, log_dir: Path, extra_env: dict[str, str] | None = None):
        self.broker_url = broker_url
        self.queue = f"dondoc-it-{uuid.uuid4().hex[:10]}"
        self.started: list[Worker] = []
        self.log_dir = log_dir
        self.environment = {
            key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_"))
        }
        self.environment.update(
            DJANGO_SETTINGS_MODULE="config.settings.integration",
            DATABASE_URL=worker_database_url(),
            CELERY_BROKER_URL=broker_url,
            CELERY_TASK_DEFAULT_QUEUE=self.queue,
            DJANGO_EMAIL_HOST="127.0.0.1",
            DJANGO_EMAIL_PORT=str(smtp_port),
            DONDOC_SITE_URL=SITE_URL,
            **(extra_env or {}),
        )
        self._saved = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url", "task_default_queue")}
        celery_app.conf.update(task_always_eager=False, broker_url=broker_url, task_default_queue=self.queue)
        reset_celery_connections()

    def start(self) -> Worker:
        log = self.log_dir / f"worker-{len(self.started) + 1}.log"
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO"]
        command += ["--queues", self.queue, "--hostname", f"{self.queue}-{len(self.started) + 1}@localhost"]
        command += ["--without-gossip", "--without-mingle"]
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                command, cwd=ROOT, env=self.environment, stdout=log_file, stderr=subprocess.STDOUT
            )
        worker = Worker(process, log)
        self.started.append(worker)
        worker.wait_for("ready.")
        return worker

    def stop_all(self) -> None:
        for worker in self.started:
            worker.stop()
        celery_app.conf.update(self._saved)
        reset_celery_connections()


def reset_celery_connections() -> None:
    # Connection and producer pools (kombu keeps them globally) and routing tables are built once from the
    # configuration: drop them all after a change, so the next publish builds them from the new one.
    from kombu import pools

    pools.reset()
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)


class RedisServer:
    """A redis-server of the test's own on a free port (never the shared one), keeping its data across restarts
    as a packaged Redis does (an RDB snapshot written on shutdown, read on start)."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            from tests.conftest import skip_or_fail

            skip_or_fail("redis-server is not installed")
        command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory)]
        command += ["--save", "3600 1", "--appendonly", "no", "--logfile", str(self.directory / "redis.log")]
        self.process = subprocess.Popen(command, cwd=self.directory)
        import redis

        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False

        wait_until(answers, timeout=20, what=f"redis-server on port {self.port}")

    def stop(self) -> None:
        """SIGTERM, as `systemctl restart redis` does: Redis saves its snapshot and exits."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
