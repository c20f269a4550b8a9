"""What the importer refuses to read, and the messages that tell the user why."""

MAX_TEXT_CHARS = 500_000
MAX_DOCX_BYTES = 10 * 1024 * 1024
# A .docx is a zip: a tiny upload can inflate to gigabytes, so the unpacked size is
# capped relative to the upload limit before python-docx reads it into memory.
MAX_DOCX_INFLATION = 10

MSG_EMPTY = "Văn bản trống: không có nội dung để nhập."
MSG_NO_ITEMS = "Không tìm thấy mục đánh số nào (1., 2., ... hoặc I., II., ...) trong văn bản."
MSG_TOO_LONG = "Văn bản quá dài ({size} ký tự); giới hạn là {limit} ký tự."
MSG_DOCX_TOO_LARGE = "Tệp .docx quá lớn ({size} byte); giới hạn là {limit} byte."
MSG_DOCX_CORRUPT = (
    "Tệp không phải định dạng Word .docx hợp lệ (có thể là tệp .doc cũ hoặc tệp bị "
    "hỏng). Hãy mở bằng Word, lưu lại dưới dạng .docx rồi thử lại."
)
MSG_DOCX_BOMB = "Tệp .docx khi giải nén quá lớn; tệp có thể bị hỏng."


class DirectiveImportError(ValueError):
    """Raised with a Vietnamese message that can be shown to the user as is."""


def vn_int(value: int) -> str:
    # Vietnamese groups thousands with "." (500.000), not ",".
    return f"{value:,}".replace(",", ".")


def too_long(size: int) -> str:
    return MSG_TOO_LONG.format(size=vn_int(size), limit=vn_int(MAX_TEXT_CHARS))
