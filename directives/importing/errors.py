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


class DirectiveImportError(ValueError):
    """Raised with a message in the user's language (Vietnamese by default) that can be shown as is."""

    def __init__(self, message: str) -> None:
        # Translate when raised, so the error carries text rather than a lazy proxy.
        super().__init__(str(message))


def vn_int(value: int) -> str:
    # Vietnamese groups thousands with "." (500.000), not ",".
    return f"{value:,}".replace(",", ".")


def too_long(size: int) -> str:
    return MSG_TOO_LONG.format(size=vn_int(size), limit=vn_int(MAX_TEXT_CHARS))
