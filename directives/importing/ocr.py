"""Reading a scan (an image, or a PDF without a text layer) with Tesseract and its Vietnamese data.

pdftoppm (poppler-utils) turns each PDF page into a 300 dpi greyscale image; tesseract reads each image with
its Vietnamese model (Debian: tesseract-ocr, tesseract-ocr-vie). Both are called as programs, page by page and
each with a time-out, so that a job can report its progress and a hanging page cannot hold a worker. Where
either program or the Vietnamese data is missing, ocr_available() is False and the import page says so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from django.conf import settings

OCR_DPI = 300
OCR_LANGUAGE = "vie"
# Tesseract puts a blank line between the blocks it sees, and reads specks at a line's ends as | or _.
_EDGE_SPECKS = re.compile(r"^[|_¬]+\s+|\s+[|_¬]+$", re.MULTILINE)


class OcrError(Exception):
    """Why no text came out of a scan: `code` is one of unavailable, unreadable, no_text, timeout."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


def tesseract_path() -> str | None:
    return shutil.which(getattr(settings, "DONDOC_TESSERACT", "tesseract"))


def pdftoppm_path() -> str | None:
    return shutil.which(getattr(settings, "DONDOC_PDFTOPPM", "pdftoppm"))


@lru_cache(maxsize=4)
def _has_language(program: str, language: str) -> bool:
    try:
        listed = subprocess.run(  # noqa: S603 - a fixed program and arguments, no shell
            [program, "--list-langs"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return language in (listed.stdout + listed.stderr).decode(errors="replace").split()


def ocr_available() -> bool:
    """Whether scans can be read here: tesseract with its Vietnamese data, and pdftoppm for PDFs."""
    program = tesseract_path()
    return program is not None and pdftoppm_path() is not None and _has_language(program, OCR_LANGUAGE)


def _timeout() -> float:
    return float(getattr(settings, "DONDOC_OCR_TIMEOUT", 120))


def _run(command: list[str]) -> subprocess.CompletedProcess:
    # One thread per tesseract: the machine's cores are shared with the web and the other workers.
    env = os.environ | {"OMP_THREAD_LIMIT": "1"}
    try:
        return subprocess.run(  # noqa: S603 - a fixed program and arguments, no shell
            command, capture_output=True, timeout=_timeout(), check=False, env=env
        )
    except subprocess.TimeoutExpired as expired:  # run() has killed the program
        raise OcrError("timeout") from expired
    except OSError as error:
        raise OcrError("unavailable", str(error)) from error


def _rasterise(pdf: Path, page: int, folder: Path) -> Path:
    stem = folder / f"page-{page}"
    done = _run(
        [
            pdftoppm_path() or "pdftoppm",
            "-r",
            str(OCR_DPI),
            "-gray",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ]
    )
    image = stem.with_suffix(".png")
    if done.returncode != 0 or not image.is_file():
        raise OcrError("unreadable", done.stderr.decode(errors="replace")[-300:])
    return image


def _recognise(image: Path) -> str:
    done = _run([tesseract_path() or "tesseract", str(image), "stdout", "-l", OCR_LANGUAGE])
    if done.returncode != 0:
        raise OcrError("unreadable", done.stderr.decode(errors="replace")[-300:])
    return done.stdout.decode("utf-8", errors="replace")


def tidy_ocr_text(text: str) -> str:
    """The text as the page's lines: no blank lines between blocks, no specks read at the ends of lines."""
    lines = (_EDGE_SPECKS.sub("", line).rstrip() for line in text.splitlines())
    return "\n".join(line for line in lines if line.strip(" |_¬\f"))


def read_scan(data: bytes, *, is_pdf: bool, pages: int = 1, on_page: Callable[[int, int], None] | None = None) -> str:
    """The text of a scanned PDF of `pages` pages, or of one image, page by page; raises OcrError.

    `on_page(done, total)` is called after each page, for the job to show its progress.
    """
    if tesseract_path() is None or (is_pdf and pdftoppm_path() is None):
        raise OcrError("unavailable")
    texts = []
    with tempfile.TemporaryDirectory(prefix="dondoc-ocr-") as folder:
        work = Path(folder)
        source = work / ("scan.pdf" if is_pdf else "scan.image")
        source.write_bytes(data)
        for page in range(1, (pages if is_pdf else 1) + 1):
            image = _rasterise(source, page, work) if is_pdf else source
            texts.append(_recognise(image).strip("\n\f "))
            if is_pdf:
                image.unlink()
            if on_page:
                on_page(page, pages if is_pdf else 1)
    text = tidy_ocr_text("\n".join(texts))
    if not text.strip():
        raise OcrError("no_text")
    return text
