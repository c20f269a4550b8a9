"""Celery jobs of the directives app: a scanned directive read by OCR for the import."""

from celery import shared_task


@shared_task
def read_directive_scan(scan_id: int) -> str | None:
    """Tesseract reads the scan page by page; idempotent (a scan already read is not read again)."""
    from .scans import directive_scan_read

    scan = directive_scan_read(scan_id=scan_id)
    return scan.status if scan else None
