"""Redmine and Đôn đốc side by side, in one run, one after the other (issue 11); prints the ratio per page pair.

Run: `.venv/bin/python bench/versus_redmine.py [web.py options]` (`make bench` runs it). First the Redmine peer
(`../shared/peers/redmine/bench.sh`, or REDMINE_PEER=DIR; set it up once with its `setup.sh`, as root), then
bench/web.py with the options given here. Redmine's issue list is the yardstick of every page (the target is ten
times its req/s); the assignment page is also set against Redmine's issue page. Where the peer is not installed it
says so and prints ours alone.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEER = Path(os.environ.get("REDMINE_PEER", ROOT.parent / "shared" / "peers" / "redmine"))
if not PEER.exists():
    PEER = Path("/work/shared/peers/redmine")
STATE = Path("/var/lib/redmine-peer")
PAIRS = {
    "work": "issues_html",
    "assignment": "issue_html",
    "directive": "issues_html",
    "dashboard": "issues_html",
    "reports": "issues_html",
    "coordinator": "issues_html",
    "notifications": "issues_html",
}


def load() -> str:
    return f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"


def run_redmine() -> dict | None:
    """Redmine's figures per endpoint: {'issues_html': {'rps', 'p50', 'p99', 'serial_p50', ...}}, or None."""
    bench = PEER / "bench.sh"
    if not bench.exists() or not (STATE / "admin_api_key").exists() or not os.access("/usr/share/redmine", os.R_OK):
        print(f"Redmine peer not installed ({bench}; run its setup.sh as root): printing Đôn đốc alone")
        return None
    print(f"== Redmine peer ({bench}), {load()}", flush=True)
    # Not our DATABASE_URL: Rails reads it too, and would leave Redmine's own SQLite database for our PostgreSQL.
    ours = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    env = {**ours, "SKIP_REMINDERS": "1", "DURATION": os.environ.get("REDMINE_DURATION", "20s")}
    done = subprocess.run(["bash", str(bench)], cwd=PEER, env=env, capture_output=True, text=True, check=False)  # noqa: S603, S607
    print(done.stdout[-4000:], flush=True)
    if done.returncode:
        print(f"Redmine bench failed ({done.returncode}): {done.stderr[-2000:]}; printing Đôn đốc alone")
        return None
    return parse_redmine(done.stdout)


def parse_redmine(text: str) -> dict:
    figures, section = {}, ""
    for line in text.splitlines():
        if line.startswith("## "):
            section = "serial" if "serial" in line else "load"
        fields = line.split()
        if len(fields) == 9 and re.fullmatch(r"[\d.]+", fields[2]) and section:
            row = figures.setdefault(fields[0], {})
            if section == "load":
                row.update(rps=float(fields[2]), p50=float(fields[3]), p99=float(fields[4]), rss=int(fields[8]))
            else:
                row.update(serial_p50=float(fields[3]))
    peak = re.search(r"peak RSS \(VmHWM\).*?: (\d+) MiB", text)
    figures["peak_rss"] = int(peak.group(1)) if peak else 0
    return figures


def run_ours(arguments: list[str]) -> dict:
    with tempfile.TemporaryDirectory(prefix="dondoc-versus-") as folder:
        out = Path(folder) / "web.json"
        print(f"== Đôn đốc (bench/web.py {' '.join(arguments)}), {load()}", flush=True)
        command = [sys.executable, str(ROOT / "bench" / "web.py"), "--json", str(out), *arguments]
        subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603
        return json.loads(out.read_text())


def print_table(database: str, label: str, ours: dict, redmine: dict | None) -> None:
    print(f"\n== side by side, our pages {label} ({database}; {load()} at the end)")
    header = f"{'page':<14}{'serial p50':>11}{'req/s':>8}{'p99':>8}{'KB':>6}{'q':>4}"
    if redmine:
        header += f" | {'Redmine':<12}{'serial p50':>11}{'req/s':>8}{'p99':>8} | {'req/s ×':>8}{'p50 ×':>7}"
    print(header)
    for name, page in ours["pages"].items():
        line = (
            f"{name:<14}{page['serial_p50']:>9.1f}ms{page['rps']:>8.0f}{page['p99']:>6.0f}ms"
            f"{page['bytes'] / 1024:>6.0f}{page['queries']:>4}"
        )
        peer = (redmine or {}).get(PAIRS[name])
        if peer:
            speed = page["rps"] / peer["rps"] if peer.get("rps") else float("nan")
            service = peer.get("serial_p50", float("nan")) / page["serial_p50"]
            line += (
                f" | {PAIRS[name]:<12}{peer.get('serial_p50', float('nan')):>9.1f}ms{peer['rps']:>8.1f}"
                f"{peer['p99']:>6.0f}ms | {speed:>7.1f}×{service:>6.1f}×"
            )
        print(line)
    rss = f"worker RSS {ours['rss_mb']:.0f} MB"
    if redmine:
        rss += f"; Redmine's puma peak {redmine['peak_rss']} MiB"
    print(rss)
    print("req/s × = ours / Redmine's at 10 connections (target ≥ 10); p50 × = Redmine's serial p50 / ours")


def main() -> int:
    redmine = run_redmine()
    ours = run_ours(sys.argv[1:])
    for label, run in ours["runs"].items():
        print_table(ours["database"], label, run, redmine)
    return 0


if __name__ == "__main__":
    sys.exit(main())
