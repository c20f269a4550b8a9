"""Benchmark: the directive parser on the corpus of real directives, and on a 30-page text.

    .venv/bin/python bench/importing.py [--pages 30]

Prints, per fixture of tests/fixtures/directives/ and in all, the share of expected fields the parser gets
right and the time it takes; then the time to parse a hard-wrapped text of about 30 pages (3 000 characters
a page) built from the corpus' own sentences. Target: every fixture 100 %, the long text under 2 s.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from directives.importing import parse_directive_text  # noqa: E402
from tests.directives.corpus import catalogue, fixture_names, long_text, score_fixture  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=30)
    args = parser.parse_args()
    total = right = 0
    print(f"{'fixture':32} {'fields':>7} {'right':>6} {'share':>7} {'time':>9}")
    for name in fixture_names():
        start = time.perf_counter()
        score = score_fixture(name)
        elapsed = time.perf_counter() - start
        total, right = total + score.total, right + score.right
        print(f"{name:32} {score.total:7} {score.right:6} {score.right / score.total:7.1%} {elapsed * 1000:7.1f}ms")
        for wrong in score.wrong:
            print(f"    wrong: {wrong}")
    print(f"{'all':32} {total:7} {right:6} {right / total:7.1%}")
    text = long_text(args.pages)
    agencies = catalogue()
    start = time.perf_counter()
    proposal = parse_directive_text(text, agencies=agencies)
    elapsed = time.perf_counter() - start
    print(
        f"{args.pages} pages ({len(text):,} characters, {len(proposal.groups)} items, "
        f"{sum(len(g.tasks) for g in proposal.groups)} tasks): {elapsed:.2f}s (target < 2 s)"
    )
    return 0 if right == total and elapsed < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
