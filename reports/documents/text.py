"""What the .docx and .xlsx writers share: the national-format font and text made safe for XML."""

import re

FONT_NAME = "Times New Roman"

# Characters XML 1.0 forbids; lxml refuses them, so one user-typed control
# character would otherwise break the whole .docx export (XlsxWriter would show
# them as _x0000_ codes in the .xlsx).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Vertical tab and form feed come from Word's manual line/page breaks pasted
# into form fields; they separate words, so keep a space rather than gluing them.
_XML_ILLEGAL_SPACES = re.compile("[\x0b\x0c]")


def clean_text(value: object) -> str:
    text = "" if value is None else str(value)
    return _XML_ILLEGAL.sub("", _XML_ILLEGAL_SPACES.sub(" ", text))
