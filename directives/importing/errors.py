"""What the importer refuses to read, and the messages that tell the user why."""

from django.utils.translation import gettext_lazy as _

MAX_TEXT_CHARS = 500_000
MAX_DOCX_BYTES = 10 * 1024 * 1024
# A .docx is a zip: a tiny upload can inflate to gigabytes, so the unpacked size is
# capped relative to the upload limit before python-docx reads it into memory.
MAX_DOCX_INFLATION = 10

MSG_EMPTY = _("The text is empty: there is nothing to import.")
MSG_NO_ITEMS = _("No numbered items (1., 2., ... or I., II., ...) were found in the text.")
# {size} and {limit} (brace style: callers outside the importer fill them with str.format).
MSG_TOO_LONG = _("The text is too long ({size} characters); the limit is {limit} characters.")
MSG_DOCX_TOO_LARGE = _("The .docx file is too large ({size} bytes); the limit is {limit} bytes.")
MSG_DOCX_CORRUPT = _(
    "The file is not a valid Word .docx file (it may be an old .doc file or a damaged file). "
    "Open it in Word, save it as .docx and try again."
)
MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 200
MSG_PDF_TOO_LARGE = _("The PDF file is too large ({size} bytes); the limit is {limit} bytes.")
MSG_PDF_TOO_MANY_PAGES = _("The PDF file has {pages} pages; at most {limit} pages can be imported.")
MSG_PDF_CORRUPT = _(
    "The file is not a readable PDF file (it may be damaged). Open it, save it again as PDF or .docx, and try again."
)
MSG_PDF_ENCRYPTED = _(
    "The PDF file is protected by a password; remove the protection or save it as .docx and try again."
)
MSG_PDF_NO_TEXT = _(
    "The PDF file has no text layer: it is probably a scanned image. Reading scans (OCR) is not available here; "
    "paste the text, or upload a PDF exported from Word or a .docx file."
)
MSG_DOCX_BOMB = _("The .docx file is too large once unpacked; the file may be damaged.")

# Scans, read by OCR in a background job (ocr.py); at 300 dpi a page takes some seconds.
MAX_SCAN_PAGES = 50
MSG_IMAGE_TOO_LARGE = _("The image is too large ({size} bytes); the limit is {limit} bytes.")
MSG_SCAN_TOO_MANY_PAGES = _("The scan has {pages} pages; at most {limit} scanned pages can be read at once.")
MSG_OCR_UNAVAILABLE = _(
    "Reading scans (OCR) is not installed on this server (Tesseract with its Vietnamese data). "
    "Paste the text, or upload a .docx file or a PDF exported from Word."
)
OCR_MESSAGES = {
    "unavailable": MSG_OCR_UNAVAILABLE,
    "unreadable": _("The scan could not be read: the file is not an image or a PDF that can be opened."),
    "no_text": _(
        "No text was found in the scan: the image may be blank, a photo, or too blurred. "
        "Scan the document again (at least 200 dpi) or paste its text."
    ),
    "timeout": _("Reading the scan took too long and was stopped. Try fewer pages, or paste the text."),
}


class DirectiveImportError(ValueError):
    """Raised with a message in the user's language (Vietnamese by default) that can be shown as is."""

    def __init__(self, message: str) -> None:
        # Translate when raised, so the error carries text rather than a lazy proxy.
        super().__init__(str(message))


class ScannedPdf(DirectiveImportError):
    """A PDF without a text layer: OCR can read it where it is installed; `pages` is its page count."""

    def __init__(self, message: str, pages: int) -> None:
        super().__init__(message)
        self.pages = pages


def vn_int(value: int) -> str:
    # Vietnamese groups thousands with "." (500.000), not ",".
    return f"{value:,}".replace(",", ".")


def too_long(size: int) -> str:
    return MSG_TOO_LONG.format(size=vn_int(size), limit=vn_int(MAX_TEXT_CHARS))
