"""Reading a PDF that has a text layer (exported from Word or LibreOffice, or a portal's PDF) as plain text.

A scanned PDF has no text layer: the reader raises ScannedPdf, which the import page hands to OCR (ocr.py)
where it is installed.
"""

import io
import logging

from .errors import (
    MAX_PDF_BYTES,
    MAX_PDF_PAGES,
    MSG_PDF_CORRUPT,
    MSG_PDF_ENCRYPTED,
    MSG_PDF_NO_TEXT,
    MSG_PDF_TOO_LARGE,
    MSG_PDF_TOO_MANY_PAGES,
    DirectiveImportError,
    ScannedPdf,
    vn_int,
)


def read_pdf_text(data: bytes, *, max_bytes: int = MAX_PDF_BYTES) -> str:
    """The text of each page of a PDF, in order; DirectiveImportError (in Vietnamese) for any unusable file."""
    if len(data) > max_bytes:
        raise DirectiveImportError(MSG_PDF_TOO_LARGE.format(size=vn_int(len(data)), limit=vn_int(max_bytes)))
    if not data.lstrip()[:5] == b"%PDF-":
        raise DirectiveImportError(MSG_PDF_CORRUPT)
    # Imported here so the rest of the importer works where pypdf is absent.
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs every repaired cross-reference of a damaged file; the user gets one message instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DirectiveImportError(MSG_PDF_ENCRYPTED)
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DirectiveImportError(MSG_PDF_TOO_MANY_PAGES.format(pages=len(reader.pages), limit=MAX_PDF_PAGES))
        pages = [page.extract_text() or "" for page in reader.pages]
    except DirectiveImportError:
        raise
    # A damaged file surfaces as pypdf's own errors or as assorted ValueError/KeyError from its parser.
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, NotImplementedError) as exc:
        raise DirectiveImportError(MSG_PDF_CORRUPT) from exc
    text = "\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise ScannedPdf(MSG_PDF_NO_TEXT, pages=len(pages))
    return text
