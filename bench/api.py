"""Benchmark of the REST API and the exports at bench/web.py's scale (issue 14's speed goals).

Run: `.venv/bin/python bench/api.py [--assignments N] [--updates N] [--duration S] [--workers N]`. It builds the
same throw-away province as bench/web.py (its helpers: seed, 60 agencies, 1,000 users, ~20,000 assignments, ~100,000
updates), makes a personal API token for a leader (who sees every agency's work), starts gunicorn with the
production settings on a free loopback port and prints, for `/api/v1/assignments/?page_size=100`, a serial p50/p99
and req/s, p50, p99 and errors at 10 connections (wrk where installed, else a Python client; the token in the
Authorization header), three times: with the lists' cache on (a page asked again with nothing written since is kept,
api.list_cache), on with an assignment written every second, and off (DONDOC_LISTS_CACHE=off: every page computed,
as right after a write); and, in-process (first), the time and the peak Python memory (tracemalloc) of the work-list
export as CSV and .xlsx at 10,000 rows and at all rows, to show memory does not grow with the rows. Targets: ≥ 100
req/s; an export of 10,000 rows in < 3 s. Everything it started or created is stopped and removed at the end.
"""

import argparse
import os
import shutil
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import web  # bench/web.py: the province, gunicorn and the HTTP clients

# The throttle is a per-token budget for real clients; the benchmark measures the endpoint, not the budget.
os.environ["DONDOC_API_RATE"] = "10000000/min"
web.SERVER_ENV["DONDOC_API_RATE"] = os.environ["DONDOC_API_RATE"]
TARGETS = {"rps": 100, "export_seconds": 3.0}
PATH = "/api/v1/assignments/?page_size=100"


class TokenSession(web.Session):
    token = ""

    def request(self, method, path, body=None, headers=None):
        return super().request(method, path, body, {"Authorization": f"Bearer {self.token}", **(headers or {})})


def _export(client, fmt: str, params: dict) -> int:
    response = client.get(f"/api/v1/exports/assignments.{fmt}", params)
    assert response.status_code == 200, response.status_code
    return sum(len(chunk) for chunk in response.streaming_content)


def export_run(client, fmt: str, params: dict) -> tuple[float, float, int]:
    """Seconds (untraced), peak MB of Python allocations (a second, traced run), bytes: one export."""
    started = time.perf_counter()
    size = _export(client, fmt, params)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    _export(client, fmt, params)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak, size


def exports(leader) -> None:
    from rest_framework.test import APIClient

    from tasks.models import Assignment

    client = APIClient(HTTP_HOST="127.0.0.1")
    client.force_authenticate(leader)
    sizes = [
        ({"role": "lead"}, Assignment.objects.filter(role="lead").count()),
        ({}, Assignment.objects.count()),
    ]
    print("exports of the work list (in-process, a leader's: every agency), at two sizes:")
    for fmt in ("csv", "xlsx"):
        for params, rows in sizes:
            seconds, peak, size = export_run(client, fmt, params)
            rate = rows / seconds
            print(
                f"  .{fmt}: {rows} rows in {seconds:.2f} s ({rate:.0f} rows/s; 10,000 rows ≈ {10_000 / rate:.2f} s "
                f"{web.verdict(10_000 / rate < TARGETS['export_seconds'])}), {size // 1024} KB, "
                f"peak Python memory {peak:.1f} MB"
            )


def measure(port: int, options, label: str, write_every: float | None = None) -> None:
    writer = web.Writer(write_every) if write_every else None
    if writer:
        writer.start()
    one = web.serial(port, "", PATH, options.serial)
    wrk = None if options.no_wrk else shutil.which("wrk")
    if wrk:
        header = f"Authorization: Bearer {TokenSession.token}"
        many = web.concurrent_wrk(wrk, port, "", PATH, options.connections, options.duration, header)
    else:
        many = web.concurrent_threads(port, "", PATH, options.connections, options.duration)
    if writer:
        writer.stop.set()
        writer.join()
        label += f" ({writer.writes} writes, one every {write_every:g} s)"
    database, client = "PostgreSQL" if web.POSTGRES else "SQLite", "wrk" if wrk else "Python threads"
    print(
        f"{database}, client {client}, {label}; {PATH} as lanhdao with a token "
        f"({one['bytes'] // 1024} KB): serial p50 {one['p50']:.1f} ms, "
        f"p99 {one['p99']:.1f} ms, {one['errors']} errors; {options.connections} connections × "
        f"{options.duration} s: {many['rps']:.0f} req/s {web.verdict(many['rps'] >= TARGETS['rps'])}, "
        f"p50 {many['p50']:.1f} ms, p99 {many['p99']:.1f} ms, {many['errors']} errors of {many['n']}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignments", type=int, default=20_000)
    parser.add_argument("--updates", type=int, default=100_000)
    parser.add_argument("--serial", type=int, default=100)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-wrk", action="store_true", help="use the Python client even when wrk is installed")
    options = parser.parse_args()
    options.worker_class, options.threads = "sync", 1
    server = None
    created = False
    try:
        if web.POSTGRES:  # DATABASE_URL names PostgreSQL: a throw-away database beside it, as bench/web.py does
            web.create_postgres_database()
            created = True
        import django

        django.setup()
        from django.core.management import call_command

        from agencies.models import User
        from api.tokens import api_token_create

        call_command("migrate", verbosity=0)
        call_command("seed", demo=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        web.generate(assignments=options.assignments, updates=options.updates)
        call_command("collectstatic", interactive=False, verbosity=0)
        leader = User.objects.get(username="lanhdao")
        TokenSession.token = api_token_create(user=leader, name="bench").raw
        exports(leader)
        from django.db import connection

        connection.close()
        web.Session = TokenSession  # the helpers' client now sends the token
        # Three times: as clients meet it with nothing written (a page asked again is kept, api.list_cache); with a
        # write every second (each one makes every page computed again); with every page computed
        # (DONDOC_LISTS_CACHE=off), the list's own cost.
        runs = (
            ("pages kept", "on", None),
            ("pages kept, data changing", "on", 1.0),
            ("every page computed", "off", None),
        )
        for label, cache, write_every in runs:
            web.SERVER_ENV["DONDOC_LISTS_CACHE"] = cache
            port = web.free_port()
            server = web.start_gunicorn(port, options)
            measure(port, options, label, write_every)
            web.stop_gunicorn(server)
            server = None
    finally:
        if server is not None:
            web.stop_gunicorn(server)
        if created:
            from django.db import connections

            connections.close_all()
            web.drop_postgres_database()
        web.TMP.cleanup()


if __name__ == "__main__":
    main()
