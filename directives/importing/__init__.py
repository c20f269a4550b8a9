"""Parse a Vietnamese directive (văn bản chỉ đạo), pasted or read from a .docx, into a proposal for review.

The parser knows nothing of the database; tasks.importing turns its proposal into records.
"""

from .agencies import AgencyName
from .citations import CitedDocument, detect_cited_documents
from .errors import MAX_DOCX_BYTES, MAX_PDF_BYTES, MAX_TEXT_CHARS, MSG_DOCX_TOO_LARGE, DirectiveImportError
from .parser import DirectiveProposal, parse_directive_text
from .pdf import read_pdf_text
from .text import normalize_text
from .word import read_docx_text

__all__ = [
    "MAX_DOCX_BYTES",
    "MAX_PDF_BYTES",
    "MAX_TEXT_CHARS",
    "MSG_DOCX_TOO_LARGE",
    "AgencyName",
    "CitedDocument",
    "DirectiveImportError",
    "DirectiveProposal",
    "detect_cited_documents",
    "normalize_text",
    "parse_directive_text",
    "read_docx_text",
    "read_pdf_text",
]
