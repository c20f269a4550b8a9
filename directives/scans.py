"""Scans read by OCR for an import: the upload is kept while a Celery job reads it page by page.

The view creates the scan (the job is enqueued once it is committed); the job reads it, counting the pages
done, and keeps the text or the reason it failed. The scanned file is deleted once read either way, and the
scan itself a day later (when another is uploaded).
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .importing.ocr import OcrError, read_scan
from .models import DirectiveScan

# A scan is one step of an import: a day later it is gone, with its file if no job ever read it.
SCANS_KEPT_FOR = timedelta(days=1)


def _forget_old_scans() -> None:
    for scan in DirectiveScan.objects.filter(created_at__lt=timezone.now() - SCANS_KEPT_FOR):
        if scan.file:
            scan.file.delete(save=False)
        scan.delete()


@transaction.atomic
def directive_scan_create(*, user, name: str, data: bytes, is_pdf: bool, pages: int, group_level: int) -> DirectiveScan:
    from .jobs import read_directive_scan

    _forget_old_scans()
    scan = DirectiveScan(created_by=user, name=name[:255], is_pdf=is_pdf, pages_total=pages, group_level=group_level)
    scan.file.save(f"scan.{'pdf' if is_pdf else 'image'}", ContentFile(data), save=False)
    scan.save()
    transaction.on_commit(lambda: read_directive_scan.delay(scan.pk))
    return scan


def _progress(scan_id: int):
    def on_page(done: int, total: int) -> None:
        DirectiveScan.objects.filter(pk=scan_id).update(pages_done=done, pages_total=total)

    return on_page


def directive_scan_read(*, scan_id: int, read=read_scan) -> DirectiveScan | None:
    """The job's half: read a pending scan and keep its text; a scan already read (or gone) is left as it is."""
    scan = DirectiveScan.objects.filter(pk=scan_id).first()
    if scan is None or scan.status != DirectiveScan.Status.PENDING or not scan.file:
        return scan
    with scan.file.open("rb") as handle:
        data = handle.read()
    try:
        text = read(data, is_pdf=scan.is_pdf, pages=scan.pages_total, on_page=_progress(scan.pk))
    except OcrError as error:
        scan.status, scan.error = DirectiveScan.Status.FAILED, error.code
    else:
        scan.status, scan.text = DirectiveScan.Status.DONE, text
    scan.refresh_from_db(fields=["pages_done", "pages_total"])
    scan.file.delete(save=False)
    scan.save()
    return scan
