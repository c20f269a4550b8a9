"""A .docx turned into PDF by LibreOffice headless: one profile folder per conversion, killed past a time-out."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings


class PdfError(Exception):
    """Why no PDF came out: `code` is one of unavailable, failed, timeout."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


def soffice_path() -> str | None:
    return shutil.which(getattr(settings, "DONDOC_SOFFICE", "soffice"))


def pdf_available() -> bool:
    return soffice_path() is not None


def docx_to_pdf(data: bytes, *, timeout: float | None = None) -> bytes:
    """The PDF of a .docx; raises PdfError. A hanging soffice is killed with its whole process group."""
    program = soffice_path()
    if program is None:
        raise PdfError("unavailable")
    timeout = timeout or getattr(settings, "DONDOC_PDF_TIMEOUT", 60)
    with tempfile.TemporaryDirectory(prefix="dondoc-pdf-") as folder:
        work = Path(folder)
        source = work / "report.docx"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation=file://{work / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        # LibreOffice needs a writable HOME; the conversion's own folder is one.
        env = os.environ | {"HOME": str(work)}
        process = subprocess.Popen(  # noqa: S603 - a fixed program and arguments, no shell
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
        )
        try:
            _out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as expired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfError("timeout") from expired
        result = work / "report.pdf"
        if process.returncode != 0 or not result.is_file():
            raise PdfError("failed", err.decode(errors="replace")[-300:])
        return result.read_bytes()
