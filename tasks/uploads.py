"""Evidence uploads: a size cap while the request streams in, and the file type checked by its content."""

import io
import os

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _

from agencies.text import nfc

# Detected type -> (content type we store and serve, file-name extensions that may carry it).
ACCEPTED_TYPES = {
    "pdf": ("application/pdf", {"pdf"}),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {"docx"}),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {"xlsx"}),
    "doc": ("application/msword", {"doc"}),
    "xls": ("application/vnd.ms-excel", {"xls"}),
    "png": ("image/png", {"png"}),
    "jpg": ("image/jpeg", {"jpg", "jpeg"}),
}
ACCEPT_ATTRIBUTE = ".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names in an OLE2 directory (UTF-16LE) that tell Word 97–2003 from Excel 97–2003.
OLE2_STREAMS = {"doc": "WordDocument".encode("utf-16-le"), "xls": "Workbook".encode("utf-16-le")}


class OversizedUpload(UploadedFile):
    """Stands in for a file that passed the size limit while streaming: its size, none of its bytes."""

    def __init__(self, *, name: str, content_type: str, size: int):
        super().__init__(file=io.BytesIO(), name=name, content_type=content_type, size=size)
        self.oversized = True


class SizeLimitUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: stops passing a file's bytes on once it is larger than allowed."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.DONDOC_MAX_UPLOAD_BYTES:
            return None
        return raw_data

    def file_complete(self, file_size):
        if self.received > settings.DONDOC_MAX_UPLOAD_BYTES:
            return OversizedUpload(name=self.file_name, content_type=self.content_type, size=self.received)
        return None


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def clean_file_name(name: str) -> str:
    """The user's file name, kept as data only: no directories, NFC, at most 255 characters."""
    base = os.path.basename(nfc(name or "").replace("\\", "/")).strip()
    return (base or "file")[-255:]


def _ole2_kind(file) -> str | None:
    file.seek(0)
    content = file.read()
    file.seek(0)
    for kind, marker in OLE2_STREAMS.items():
        if marker in content:
            return kind
    return None


def evidence_content_type(file) -> str:
    """The content type of an acceptable evidence file, or a ValidationError saying what is wrong.

    The answer is kept on the upload, so the form and the service that both check it read its bytes once.
    """
    checked = getattr(file, "dondoc_content_type", None)
    if checked is not None:
        return checked
    file.dondoc_content_type = _sniffed_content_type(file)
    return file.dondoc_content_type


def _sniffed_content_type(file) -> str:
    name = clean_file_name(getattr(file, "name", ""))
    limit = settings.DONDOC_MAX_UPLOAD_BYTES
    if getattr(file, "oversized", False) or file.size > limit:
        raise ValidationError(
            _("The file “%(name)s” is larger than %(limit)s MB.") % {"name": name, "limit": megabytes(limit)},
            code="file_too_large",
        )
    if not file.size:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": name}, code="file_empty")
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    kind = filetype.guess(head)
    detected = kind.extension if kind else None
    if detected is None and head.startswith(OLE2_MAGIC):
        # filetype knows Word and Excel 97–2003 files only by a few fixed offsets; look for their streams.
        detected = _ole2_kind(file)
    if detected not in ACCEPTED_TYPES:
        raise ValidationError(
            _("The file “%(name)s” is not an accepted type: attach PDF, Word, Excel, PNG or JPEG files.")
            % {"name": name},
            code="file_type",
        )
    content_type, extensions = ACCEPTED_TYPES[detected]
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension not in extensions:
        raise ValidationError(
            _("The content of “%(name)s” is a %(kind)s file, which does not match its name.")
            % {"name": name, "kind": detected.upper()},
            code="file_extension",
        )
    return content_type
