"""Benchmark of the web pages under gunicorn: the seven main pages at province scale (DESIGN §10, issue 11).

Run: `.venv/bin/python bench/web.py [--assignments N] [--updates N] [--provinces N] [--duration S] [--workers N]
[--worker-class sync|gthread] [--threads N] [--runs kept,changing,computed]`; national scale (issue 11):
`--provinces 34 --assignments 1000000 --updates 1000000` on PostgreSQL. It loads the seed (`seed --demo`) into a
throw-away SQLite file, or, when DATABASE_URL names a PostgreSQL server, into a throw-away `bench_web_<pid>`
database on it (created and dropped here); adds province-scale data (60 agencies, 1,000 users, ~20,000 assignments,
~100,000 progress updates; Sở Nội vụ gets a few hundred assignments, so its /work/ paginates); collects the static
files into a temporary folder; starts gunicorn with the production settings on a free loopback port; signs in as
chuyenvien.snv; then prints, per page, the queries and CPU time of one request in-process, computed and kept, and,
under gunicorn, a serial p50/p99, a concurrent run (wrk when installed, else a thread-pool client on http.client)
with req/s, p50, p99 and errors (any non-200), and the workers' resident memory; in three runs (`--runs`): pages
kept (agencies.page_cache: asked again with nothing written since), kept with an assignment written every second,
and every page computed (DONDOC_PAGES_CACHE=off). Pages: /work/, the assignment page, the directive page of the
largest directive, /dashboard/, /reports/, the coordinator's assignment list and /notifications/. Targets (issue
11): ≥ 165 req/s at 10 connections, p99 ≤ 80 ms, serial p50 ≤ 12 ms, worker ≤ 120 MB, page ≤ 100 KB. `--json FILE`
also writes the figures for bench/versus_redmine.py. Everything it started or created is stopped and removed at the
end.
"""

import argparse
import http.client
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = tempfile.TemporaryDirectory(prefix="dondoc-bench-web-")
USER_DATABASE_URL = os.environ.get("DATABASE_URL", "")
POSTGRES = USER_DATABASE_URL.startswith(("postgres://", "postgresql://", "pgsql://"))
BENCH_DATABASE = f"bench_web_{os.getpid()}"
if POSTGRES:
    parts = urlsplit(USER_DATABASE_URL)
    DATABASE_URL = urlunsplit((parts.scheme, parts.netloc, f"/{BENCH_DATABASE}", parts.query, ""))
    ADMIN_DATABASE_URL = urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
else:
    DATABASE_URL = f"sqlite:///{TMP.name}/bench.sqlite3"
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "bench-web-not-a-secret-" + "x" * 40,
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DONDOC_VAR_DIR": TMP.name,
    "DJANGO_LOG_LEVEL": "WARNING",
}
os.environ.update(SERVER_ENV)

USERNAME = "chuyenvien.snv"
PASSWORD = "dondoc-demo"  # noqa: S105  (the demo seed's published password)
EXTRA_AGENCIES_UP_TO = 60
USERS = 1000
DIRECTIVES = 12
GROUPS_PER_DIRECTIVE = 8
AGENCIES_PER_TASK = 20
TARGETS = {"rps": 165, "p99": 80.0, "serial_p50": 12.0, "rss": 120.0, "kb": 100}


def create_postgres_database() -> None:
    import psycopg2

    connection = psycopg2.connect(ADMIN_DATABASE_URL)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}"')
        cursor.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    connection.close()


def drop_postgres_database() -> None:
    import psycopg2

    connection = psycopg2.connect(ADMIN_DATABASE_URL)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
    connection.close()


def generate(*, assignments: int, updates: int, provinces: int = 1) -> None:
    """Province-scale rows on top of the seed, with bulk_create (search_text folded here, as save() would).

    `provinces` > 1 makes that many provinces' worth in one database (national scale): as many times the agencies,
    users and directives, each directive assigned among its own province's agencies."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history

    from agencies.models import Agency
    from agencies.text import fold
    from directives.models import Directive, TaskGroup
    from tasks.models import Assignment, ProgressUpdate, Task

    User = get_user_model()
    rng = random.Random(9)
    today = timezone.localdate()
    now = timezone.now()
    existing = Agency.objects.count()
    new_agencies = []
    for index in range(max(0, EXTRA_AGENCIES_UP_TO * provinces - existing)):
        name, short = f"Cơ quan thử nghiệm {index}", f"CQ {index}"
        new_agencies.append(
            Agency(
                code=f"bench-{index}",
                name=name,
                short_name=short,
                sort_order=1000 + index,
                search_text=fold(f"{name} {short}"),
            )
        )
    Agency.objects.bulk_create(new_agencies)
    agencies = list(Agency.objects.filter(is_active=True).order_by("pk"))
    existing_users = User.objects.count()
    User.objects.bulk_create(
        User(
            username=f"bench{index}",
            password="!",  # noqa: S106  (unusable password)
            full_name=f"Người dùng {index}",
            email=f"bench{index}@dondoc.test",
            agency=agencies[index % len(agencies)],
            role=User.Role.MANAGER if index < 2 * len(agencies) else User.Role.STAFF,
        )
        for index in range(max(0, USERS * provinces - existing_users))
    )
    authors = defaultdict(list)
    for pk, agency_id in User.objects.exclude(agency=None).values_list("pk", "agency_id"):
        authors[agency_id].append(pk)

    # Province p's agencies: every provinces-th one from p (all of them for one province).
    pools = [agencies[p::provinces] for p in range(provinces)]
    directives = []
    for index in range(DIRECTIVES * provinces):
        number, issuer = f"{index + 1}/KH-UBND", "UBND tỉnh"
        subject = f"Kế hoạch thực hiện chương trình công tác năm {today.year - index % 5} số {index + 1}"
        directives.append(
            Directive(
                kind=Directive.Kind.PLAN,
                number=number,
                issuer=issuer,
                issued_on=today - timedelta(days=120 * index + 30),
                subject=subject,
                coordinating_agency=pools[index % provinces][index // provinces % 5],
                search_text=fold(f"Kế hoạch {number} {issuer} {subject}"),
            )
        )
    directives = Directive.objects.bulk_create(directives)
    groups = TaskGroup.objects.bulk_create(
        TaskGroup(directive=directive, number=number, title=f"Nhóm nhiệm vụ {number}")
        for directive in directives
        for number in range(1, GROUPS_PER_DIRECTIVE + 1)
    )
    tasks_per_group = -(-assignments // (len(groups) * AGENCIES_PER_TASK))
    task_text = "Tổ chức triển khai, kiểm tra, đôn đốc việc thực hiện nhiệm vụ số {n} của nhóm {g}; báo cáo kết quả. "
    tasks = []
    for group in groups:
        for number in range(1, tasks_per_group + 1):
            text = task_text.format(n=number, g=group.number) * 2
            tasks.append(Task(group=group, number=number, text=text, search_text=fold(text)))
    tasks = Task.objects.bulk_create(tasks, batch_size=2000)
    statuses = [
        (Assignment.Status.NOT_STARTED, 20),
        (Assignment.Status.IN_PROGRESS, 40),
        (Assignment.Status.AWAITING_CONFIRMATION, 5),
        (Assignment.Status.DONE, 27),
        (Assignment.Status.PAUSED, 4),
        (Assignment.Status.CANCELLED, 4),
    ]
    names, weights = zip(*statuses, strict=True)
    rows = []
    province_of = {directive.pk: index % provinces for index, directive in enumerate(directives)}
    for task in tasks:
        pool = pools[province_of[task.group.directive_id]]
        for position, agency in enumerate(rng.sample(pool, AGENCIES_PER_TASK)):
            if len(rows) == assignments:
                break
            status = rng.choices(names, weights)[0]
            deadline = None if rng.random() < 0.1 else today + timedelta(days=rng.randint(-365, 180))
            done = status == Assignment.Status.DONE
            rows.append(
                Assignment(
                    task=task,
                    agency=agency,
                    role=Assignment.Role.LEAD if position == 0 else Assignment.Role.COOPERATING,
                    deadline=deadline,
                    status=status,
                    percent=100 if done else rng.randint(0, 90),
                    completed_on=(deadline or today) - timedelta(days=rng.randint(-20, 20)) if done else None,
                )
            )
    bulk_create_with_history(rows, Assignment, batch_size=2000)
    Assignment.objects.update(created_at=now - timedelta(days=400))
    ids = list(Assignment.objects.values_list("pk", "agency_id"))
    # About `updates` rows: each assignment gets 0 to 2×average updates, spread over the last two years.
    average = updates / max(1, len(ids))
    batch = []
    for assignment_id, agency_id in ids:
        people = authors.get(agency_id)
        if not people:
            continue
        for step in range(rng.randint(0, round(2 * average))):
            batch.append(
                ProgressUpdate(
                    assignment_id=assignment_id,
                    author_id=rng.choice(people),
                    created_at=now - timedelta(days=rng.randint(1, 700), minutes=step),
                    percent=min(100, 10 * step),
                    results="Đã ban hành văn bản hướng dẫn, tổ chức hội nghị quán triệt và kiểm tra tại cơ sở. " * 2,
                    difficulties="Kinh phí còn hạn chế." if step % 3 == 0 else "",
                    proposals="Đề nghị bổ sung biên chế." if step % 4 == 0 else "",
                )
            )
        if len(batch) >= 10_000:
            ProgressUpdate.objects.bulk_create(batch)
            batch = []
    ProgressUpdate.objects.bulk_create(batch)
    # A bulk load leaves PostgreSQL's planner the statistics of an empty database, and autovacuum the whole load to
    # visit while the pages are measured; a live one has had both done (VACUUM: its p99 at 1,000,000 assignments).
    # (Not on SQLite: nothing runs ANALYZE there in use, and its statistics change its plans.)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def pick_assignment() -> tuple[int, int]:
    """The generated Sở Nội vụ assignment with the most updates (the heaviest typical page), and its update count."""
    from django.db.models import Count

    from tasks.models import Assignment

    row = (
        Assignment.objects.filter(agency__code="so-noi-vu", task__group__directive__number__endswith="/KH-UBND")
        .annotate(n=Count("updates"))
        .order_by("-n", "pk")
        .values_list("pk", "n")
        .first()
    )
    return row


def pick_pages(assignment_id: int) -> dict[str, str]:
    """Name → path of the seven main pages: the largest directive, and the one Sở Nội vụ coordinates with most rows."""
    from django.db.models import Count

    from directives.models import Directive

    by_size = Directive.objects.annotate(n=Count("groups__tasks__assignments")).order_by("-n", "pk")
    largest = by_size.values_list("pk", flat=True).first()
    coordinated = by_size.filter(coordinating_agency__code="so-noi-vu").values_list("pk", flat=True).first()
    return {
        "work": "/work/",
        "assignment": f"/assignments/{assignment_id}/",
        "directive": f"/directives/{largest}/",
        "dashboard": "/dashboard/",
        "reports": "/reports/",
        "coordinator": f"/directives/{coordinated}/assignments/",
        "notifications": "/notifications/",
    }


def query_counts(paths: list[str]) -> dict[str, tuple[int, float, int, float]]:
    """Per page, in this process: the queries of one request and its CPU time (ms, mean of 20), computed (the
    pages' version changed before each request, as after a write) and kept (agencies.page_cache)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from agencies.page_cache import bump_page_version

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=USERNAME))
    client.get("/")  # the CSRF cookie, as a browser has it after signing in
    counts = {}
    for path in paths:
        figures = []
        for computed in (True, False):
            client.get(path)  # warm the caches once, as a running worker would be
            if computed:
                bump_page_version()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            count = len(queries)  # read now: the next request resets the connection's query log
            cpu = 0.0
            for _ in range(20):
                if computed:
                    bump_page_version()
                started = time.process_time()
                client.get(path)
                cpu += time.process_time() - started
            figures += [count if response.status_code == 200 else -response.status_code, cpu / 20 * 1000]
        counts[path] = tuple(figures)
    return counts


class Writer(threading.Thread):
    """A progress write every `every` seconds while the pages are measured, through the ORM as a service writes:
    each one changes the data versions, so the next request of every page computes it again."""

    def __init__(self, every: float):
        super().__init__(daemon=True)
        self.every, self.stop, self.writes = every, threading.Event(), 0

    def run(self):
        from django.db import connection
        from django.db.models import F

        from tasks.models import Assignment

        ids = list(Assignment.objects.order_by("pk").values_list("pk", flat=True)[:200])
        while not self.stop.wait(self.every):
            Assignment.objects.filter(pk=ids[self.writes % len(ids)]).update(version=F("version") + 1)
            self.writes += 1
        connection.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, options) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(options.workers),
        "--worker-class",
        options.worker_class,
        "--error-logfile",
        str(Path(TMP.name) / "gunicorn.log"),
    ]
    if options.worker_class == "gthread":
        command += ["--threads", str(options.threads)]
    env = {**os.environ, **SERVER_ENV}
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}; see {TMP.name}/gunicorn.log")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                if len(worker_pids(server.pid)) == options.workers:
                    return server
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start within 60 s")


def stop_gunicorn(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                pids.append(int(entry.name))
    return sorted(pids)


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Session:
    """One keep-alive HTTP connection that reconnects when the server closes it (sync workers do, every time)."""

    def __init__(self, port: int, cookie: str = ""):
        self.port, self.cookie, self.connection = port, cookie, None

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        headers = {"Host": "127.0.0.1", **({"Cookie": self.cookie} if self.cookie else {}), **(headers or {})}
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt:
                    raise
                continue
            if response.will_close:
                self.close()
            return response, data
        raise RuntimeError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def cookies_from(response) -> dict[str, str]:
    found = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            found[name.strip()] = rest.split(";", 1)[0]
    return found


def sign_in(port: int) -> str:
    """Log in through the real form; the Secure cookies come back over plain http and are sent by hand."""
    session = Session(port)
    response, body = session.request("GET", "/login/")
    cookies = cookies_from(response)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    session.cookie = f"csrftoken={cookies['csrftoken']}"
    form = f"username={USERNAME}&password={PASSWORD}&csrfmiddlewaretoken={token}"
    response, _ = session.request(
        "POST",
        "/login/",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{port}/login/"},
    )
    cookies.update(cookies_from(response))
    session.close()
    if response.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"sign-in failed: HTTP {response.status}")
    return f"sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def serial(port: int, cookie: str, path: str, count: int) -> dict:
    session = Session(port, cookie)
    for _ in range(10):
        session.request("GET", path)  # warm-up, both workers' first requests
    latencies, errors, size = [], 0, 0
    for _ in range(count):
        started = time.perf_counter()
        response, body = session.request("GET", path)
        latencies.append((time.perf_counter() - started) * 1000)
        errors += response.status != 200
        size = len(body)
    session.close()
    return {"p50": statistics.median(latencies), "p99": percentile(latencies, 0.99), "errors": errors, "bytes": size}


WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non200 = 0 end
function response(status, headers, body) if status ~= 200 then non200 = non200 + 1 end end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non200") end
  local e = summary.errors
  io.write(string.format("BENCH %d %d %f %f %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad,
    e.connect + e.read + e.write + e.timeout))
end
"""


def concurrent_wrk(
    wrk: str, port: int, cookie: str, path: str, connections: int, duration: int, header: str = ""
) -> dict:
    """wrk's req/s, p50, p99 and errors; `header` replaces the session cookie (an API token, say)."""
    script = Path(TMP.name) / "count.lua"
    script.write_text(WRK_SCRIPT)
    command = [wrk, "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", str(script)]
    command += ["-H", header or f"Cookie: {cookie}", f"http://127.0.0.1:{port}{path}"]
    output = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=True).stdout  # noqa: S603
    fields = next(line for line in output.splitlines() if line.startswith("BENCH ")).split()[1:]
    requests, micros, p50, p99, bad, socket_errors = (
        int(fields[0]),
        int(fields[1]),
        *map(float, fields[2:4]),
        *map(int, fields[4:6]),
    )
    return {"rps": requests / (micros / 1e6), "p50": p50, "p99": p99, "errors": bad + socket_errors, "n": requests}


def concurrent_threads(port: int, cookie: str, path: str, connections: int, duration: int) -> dict:
    latencies, errors, lock = [], [0], threading.Lock()
    stop_at = time.perf_counter() + duration

    def client():
        session, mine, bad = Session(port, cookie), [], 0
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                response, _ = session.request("GET", path)
                bad += response.status != 200
            except (http.client.HTTPException, OSError):
                bad += 1
            mine.append((time.perf_counter() - started) * 1000)
        session.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=duration + 60)
    elapsed = time.perf_counter() - started
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p99": percentile(latencies, 0.99),
        "errors": errors[0],
        "n": len(latencies),
    }


def write_json(filename: str, pages: dict, runs: dict, counts: dict) -> None:
    """The figures of each run ({label: (results, peak, kept)}); "pages" are the first run's, for
    bench/versus_redmine.py; "queries" are those of a kept page in a run that keeps them."""
    import json

    def run_figures(results: dict, peak: dict, kept: bool) -> dict:
        return {
            "rss_mb": max(peak.values(), default=0.0),
            "pages": {
                name: {
                    "path": path,
                    "serial_p50": results[path][0]["p50"],
                    "bytes": results[path][0]["bytes"],
                    "rps": results[path][1]["rps"],
                    "p99": results[path][1]["p99"],
                    "errors": results[path][0]["errors"] + results[path][1]["errors"],
                    "queries": counts[path][2 if kept else 0],
                }
                for name, path in pages.items()
            },
        }

    figures = {label: run_figures(*run) for label, run in runs.items()}
    first = next(iter(figures.values()))
    document = {
        "database": os.environ.get("DATABASE_URL", "").split(":", 1)[0],
        "load": os.getloadavg()[0],
        **first,
        "runs": figures,
    }
    Path(filename).write_text(json.dumps(document, indent=1))


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


# Three runs, as people meet the pages: asked again with nothing written since (kept, agencies.page_cache); with
# an assignment written every second, each write making every page computed again; every page computed
# (DONDOC_PAGES_CACHE=off), the pages' own cost.
RUNS = (
    ("kept", "kept", "on", None),
    ("changing", "kept, one write per second", "on", 1.0),
    ("computed", "computed", "off", None),
)


def measure_run(server, port: int, options, paths: list[str], label: str, write_every: float | None):
    """One run: per page a serial p50/p99 and the concurrent figures; prints them against the targets."""
    wrk = None if options.no_wrk else shutil.which("wrk")
    kind = options.worker_class + (f", {options.threads} threads each" if options.worker_class == "gthread" else "")
    print(
        f"== run: pages {label}. gunicorn: {options.workers} workers ({kind}), production settings, "
        f"127.0.0.1:{port}; client: {'wrk' if wrk else 'Python threads (http.client)'}; "
        f"load before: {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    cookie = sign_in(port)
    writer = Writer(write_every) if write_every else None
    if writer:
        writer.start()
    peak, results = defaultdict(float), {}
    for path in paths:
        one = serial(port, cookie, path, options.serial)
        if wrk:
            many = concurrent_wrk(wrk, port, cookie, path, options.connections, options.duration)
        else:
            many = concurrent_threads(port, cookie, path, options.connections, options.duration)
        for pid in worker_pids(server.pid):
            peak[pid] = max(peak[pid], rss_mb(pid))
        results[path] = (one, many)
        print(
            f"{path} ({one['bytes'] / 1024:.0f} KB): serial p50 {one['p50']:.1f} ms, p99 {one['p99']:.1f} ms "
            f"({options.serial} requests, {one['errors']} errors); {options.connections} connections × "
            f"{options.duration} s: {many['rps']:.0f} req/s, p50 {many['p50']:.1f} ms, p99 {many['p99']:.1f} ms, "
            f"{many['errors']} errors of {many['n']}",
            flush=True,
        )
    if writer:
        writer.stop.set()
        writer.join()
        print(f"{writer.writes} assignments written during the run")
    workers_rss = ", ".join(f"{pid}: {mb:.0f} MB" for pid, mb in sorted(peak.items()))
    print(f"worker RSS (peak seen): {workers_rss}; load after: {os.getloadavg()[0]:.2f}")
    print(f"targets (issue 11), pages {label}:")
    for path, (one, many) in results.items():
        print(
            f"  {path}: ≥ {TARGETS['rps']} req/s {verdict(many['rps'] >= TARGETS['rps'])}, "
            f"p99 ≤ {TARGETS['p99']:.0f} ms {verdict(many['p99'] <= TARGETS['p99'])}, "
            f"serial p50 ≤ {TARGETS['serial_p50']:.0f} ms {verdict(one['p50'] <= TARGETS['serial_p50'])}, "
            f"no errors {verdict(one['errors'] + many['errors'] == 0)}, "
            f"≤ {TARGETS['kb']} KB {verdict(one['bytes'] <= TARGETS['kb'] * 1024)}"
        )
    print(f"  worker ≤ {TARGETS['rss']:.0f} MB {verdict(max(peak.values(), default=0) <= TARGETS['rss'])}", flush=True)
    return results, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignments", type=int, default=20_000)
    parser.add_argument("--updates", type=int, default=100_000)
    parser.add_argument(
        "--provinces", type=int, default=1, help="provinces' worth of agencies, users and directives (34: national)"
    )
    parser.add_argument("--serial", type=int, default=200, help="requests per page, one at a time")
    parser.add_argument("--duration", type=int, default=10, help="seconds of the concurrent run per page")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (gthread only)")
    parser.add_argument("--no-wrk", action="store_true", help="use the Python client even when wrk is installed")
    parser.add_argument("--json", help="also write the figures to this file (for bench/versus_redmine.py)")
    parser.add_argument(
        "--runs", default="kept,changing,computed", help="which runs, of kept, changing (one write a second), computed"
    )
    options = parser.parse_args()

    server = None
    created = False
    try:
        if POSTGRES:
            create_postgres_database()
            created = True
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.db import connection

        from agencies.models import Agency
        from tasks.models import Assignment, ProgressUpdate

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("seed", demo=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        generate(assignments=options.assignments, updates=options.updates, provinces=options.provinces)
        call_command("collectstatic", interactive=False, verbosity=0)
        snv = Assignment.objects.filter(agency__code="so-noi-vu").count()
        assignment_id, assignment_updates = pick_assignment()
        user_model = get_user_model()
        print(
            f"database: {connection.vendor} ({connection.settings_dict['NAME']}); set up in "
            f"{time.perf_counter() - started:.0f} s: {Agency.objects.count()} agencies, "
            f"{user_model.objects.count()} users, {Assignment.objects.count()} assignments "
            f"({snv} of Sở Nội vụ: {-(-snv // 25)} pages of 25), {ProgressUpdate.objects.count()} updates",
            flush=True,
        )
        pages = pick_pages(assignment_id)
        paths = list(pages.values())
        counts = query_counts(paths)
        connection.close()
        print(f"page {paths[1]}: {assignment_updates} progress updates on it")
        print("pages: " + ", ".join(f"{name} {path}" for name, path in pages.items()))
        print(
            "in-process, warm (Django test client, no gunicorn), computed / kept: "
            + "; ".join(
                f"{p} {n} queries, {cpu:.1f} ms CPU / {kept_n} queries, {kept_cpu:.1f} ms CPU"
                for p, (n, cpu, kept_n, kept_cpu) in counts.items()
            ),
            flush=True,
        )
        runs = {}
        for name, label, cache, write_every in RUNS:
            if name not in options.runs.split(","):
                continue
            SERVER_ENV["DONDOC_PAGES_CACHE"] = cache
            server = start_gunicorn(port := free_port(), options)
            runs[label] = (*measure_run(server, port, options, paths, label, write_every), cache == "on")
            stop_gunicorn(server)
            server = None
        if options.json:
            write_json(options.json, pages, runs, counts)
    finally:
        if server is not None:
            stop_gunicorn(server)
        if POSTGRES and created:
            from django.db import connections

            connections.close_all()
            drop_postgres_database()
        TMP.cleanup()


if __name__ == "__main__":
    main()
