"""Who signs a consolidated report: one of the issuing agency's signers, with the authority they sign under."""

from django.core.exceptions import ValidationError

from agencies.models import Signer

from ..documents.signature import WITH_OWN_TITLE, signer_line_fits
from ..errors import Errors
from ..models import ConsolidatedReport, SignerAuthority


def apply_signer(report: ConsolidatedReport, *, signer: Signer, authority: str, head_title: str) -> None:
    """Set the signature block from the chosen signer: signing as the head, or for the head (`head_title`)."""
    if signer.agency_id != report.issuing_agency_id or not signer.is_active:
        raise ValidationError({"signer": Errors.SIGNER_NOT_OF_AGENCY}, code="signer_agency")
    if authority not in SignerAuthority.values:
        raise ValidationError({"authority": Errors.SIGNER_AUTHORITY}, code="signer_authority")
    report.signer_authority = authority
    report.signer_name = signer.name.strip()
    if not authority:
        report.signer_title = signer.title.strip().upper()
        report.signer_own_title = ""
        return
    head_title = head_title.strip().upper()
    if not head_title:
        raise ValidationError({"head_title": Errors.HEAD_TITLE_REQUIRED}, code="head_title_required")
    report.signer_title = head_title
    report.signer_own_title = signer.title.strip().upper() if authority in WITH_OWN_TITLE else ""


def check_signer(report: ConsolidatedReport) -> None:
    """A name, the titles the authority needs, each line fitting the signature block on one line."""
    if not report.signer_name.strip():
        raise ValidationError({"signer": Errors.SIGNER_REQUIRED}, code="signer_required")
    if not report.signer_title.strip():
        raise ValidationError({"head_title": Errors.HEAD_TITLE_REQUIRED}, code="head_title_required")
    if report.signer_authority == SignerAuthority.KT and not report.signer_own_title.strip():
        raise ValidationError({"signer": Errors.DEPUTY_TITLE_REQUIRED}, code="deputy_title_required")
    lines = [f"{report.signer_authority} {report.signer_title}".strip(), report.signer_own_title]
    for line in lines:
        if line and not signer_line_fits(line):
            raise ValidationError({"head_title": Errors.SIGNER_LINE_TOO_LONG % {"line": line}}, code="signer_line")
