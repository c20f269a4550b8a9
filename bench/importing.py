"""Benchmark: the directive parser on the corpus of real directives, and on a 30-page text.

    .venv/bin/python bench/importing.py [--pages 30]

Prints, per fixture of tests/fixtures/directives/ and in all, the share of expected fields the parser gets
right and the time it takes; then the time to parse a hard-wrapped text of about 30 pages (3 000 characters
a page) built from the corpus' own sentences; then, where Tesseract is installed, OCR of the scanned fixture
(time per page, and the share of its text's fields right). Target: every fixture 100 %, the long text under
2 s, OCR under 10 s a page on 2 cores.
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

from directives.importing import parse_directive_text, read_pdf_text  # noqa: E402
from directives.importing.errors import ScannedPdf  # noqa: E402
from directives.importing.ocr import ocr_available, read_scan  # noqa: E402
from tests.directives.corpus import CORPUS, catalogue, fixture_names, long_text, score_fixture  # noqa: E402

SCANS = {"01-langson-kh07-2020-scan.pdf": "01-langson-kh07-2020"}


def bench_ocr() -> bool:
    """OCR of each scanned fixture: seconds per page, and the parse of what it read against the text's fixture."""
    if not ocr_available():
        print("OCR: Tesseract with its Vietnamese data is not installed here; not measured")
        return True
    ok = True
    for scan, name in SCANS.items():
        data = (CORPUS / scan).read_bytes()
        try:
            read_pdf_text(data)
        except ScannedPdf as scanned:
            pages = scanned.pages
        start = time.perf_counter()
        text = read_scan(data, is_pdf=True, pages=pages)
        per_page = (time.perf_counter() - start) / pages
        score = score_fixture(name, text)
        print(
            f"OCR {scan}: {pages} pages, {per_page:.1f}s a page (target < 10 s), "
            f"{score.right}/{score.total} fields right"
        )
        for wrong in score.wrong:
            print(f"    wrong: {wrong}")
        ok = ok and per_page < 10 and not score.wrong
    return ok


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
    ocr_ok = bench_ocr()
    return 0 if right == total and elapsed < 2 and ocr_ok else 1


if __name__ == "__main__":
    sys.exit(main())
