"""Benchmark: build the .xlsx annex alone (no database), with rows shaped like the consolidated annex.

    .venv/bin/python bench/xlsx.py [--rows 3000 50000] [--columns 8] [--memory]

Prints the time and the file size for each row count; with --memory, a second build under tracemalloc
(which slows it down several times) gives the peak Python memory.
"""

import argparse
import datetime as dt
import random
import sys
import time
import tracemalloc
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reports.documents.xlsx import build_xlsx

TEXT = "thực hiện nhiệm vụ quốc phòng an ninh kế hoạch triển khai cơ quan đơn vị tỉnh huyện xã"
WORDS = TEXT.split()
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
STATUSES = ["Chưa thực hiện", "Đang thực hiện", "Chờ xác nhận hoàn thành", "Đã hoàn thành", "Tạm dừng"]


def make_rows(count: int, columns: int, seed: int = 249):
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    for number in range(1, count + 1):
        row = [
            number,
            f"Sở thử nghiệm {number % 60}",
            f"{number % 7 + 1}.{number // 60 + 1}",
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40))),
            start + dt.timedelta(days=rng.randint(0, 700)) if rng.random() > 0.2 else "Thường xuyên",
            rng.choice(STATUSES),
            rng.randint(0, 100),
            dt.datetime(2026, 3, 1, 8, 30, tzinfo=TZ) + dt.timedelta(hours=rng.randint(0, 3000)),
        ]
        while len(row) < columns:
            row.append(rng.choice(STATUSES))
        yield row[:columns]


def build(columns: list[str], count: int) -> bytes:
    return build_xlsx(
        title="PHỤ LỤC: THỬ NGHIỆM",
        subtitle="Số liệu thử",
        columns=columns,
        rows=make_rows(count, len(columns)),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[3000, 50_000])
    parser.add_argument("--columns", type=int, default=8)
    parser.add_argument("--memory", action="store_true", help="Also measure the peak memory (slow).")
    options = parser.parse_args()
    columns = [f"Cột {n}" for n in range(1, options.columns + 1)]
    for count in options.rows:
        started = time.perf_counter()
        data = build(columns, count)
        elapsed = time.perf_counter() - started
        cells = count * len(columns)
        line = (
            f"{count} rows x {len(columns)} columns: {elapsed:.2f} s ({elapsed / cells * 1e6:.1f} µs per cell), "
            f".xlsx {len(data) // 1024} KB"
        )
        if options.memory:
            tracemalloc.start()
            build(columns, count)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            line += f", peak {peak / 2**20:.0f} MiB"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
