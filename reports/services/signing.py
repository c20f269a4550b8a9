"""Who signs a report: one of the issuing agency's signers, with the authority they sign under.

The same rule serves the coordinator's consolidated report (on issue) and an agency's report (on submission): the
signer is a person kept on the agency's signers page, never a user's display name.
"""

from dataclasses import asdict

from django.core.exceptions import ValidationError

from agencies.models import Signer as AgencySigner

from ..documents.signature import WITH_OWN_TITLE, Signer, signer_line_fits
from ..errors import Errors
from ..models import ConsolidatedReport, SignerAuthority

# An agency that keeps no signers yet: its report is left for its head to sign by hand.
UNNAMED_HEAD = Signer(name="", title="THỦ TRƯỞNG ĐƠN VỊ")


def signature_of(*, signer: AgencySigner, agency_id: int, authority: str, head_title: str) -> Signer:
    """The signature block of `signer`, signing as the head (no authority) or for the head (`head_title`)."""
    if signer.agency_id != agency_id or not signer.is_active:
        raise ValidationError({"signer": Errors.SIGNER_NOT_OF_AGENCY}, code="signer_agency")
    if authority not in SignerAuthority.values:
        raise ValidationError({"authority": Errors.SIGNER_AUTHORITY}, code="signer_authority")
    if not authority:
        return Signer(name=signer.name.strip(), title=signer.title.strip().upper())
    head_title = head_title.strip().upper()
    if not head_title:
        raise ValidationError({"head_title": Errors.HEAD_TITLE_REQUIRED}, code="head_title_required")
    own_title = signer.title.strip().upper() if authority in WITH_OWN_TITLE else ""
    return Signer(name=signer.name.strip(), title=head_title, authority=authority, own_title=own_title)


def check_signature(signature: Signer) -> None:
    """A name, the titles the authority needs, each line fitting the signature block on one line."""
    if not signature.name.strip():
        raise ValidationError({"signer": Errors.SIGNER_REQUIRED}, code="signer_required")
    if not signature.title.strip():
        raise ValidationError({"head_title": Errors.HEAD_TITLE_REQUIRED}, code="head_title_required")
    if signature.authority == SignerAuthority.KT and not signature.own_title.strip():
        raise ValidationError({"signer": Errors.DEPUTY_TITLE_REQUIRED}, code="deputy_title_required")
    for line in signature.lines():
        if not signer_line_fits(line):
            raise ValidationError({"head_title": Errors.SIGNER_LINE_TOO_LONG % {"line": line}}, code="signer_line")


def signature_as_json(signature: Signer) -> dict[str, str]:
    return asdict(signature)


def signature_from_json(data: dict | None) -> Signer | None:
    if not data:
        return None
    return Signer(**{key: str(data.get(key) or "") for key in ("name", "title", "authority", "own_title")})


def apply_signer(report: ConsolidatedReport, *, signer: AgencySigner, authority: str, head_title: str) -> None:
    """Set the consolidated report's signature block from the chosen signer."""
    signature = signature_of(
        signer=signer, agency_id=report.issuing_agency_id, authority=authority, head_title=head_title
    )
    report.signer_name = signature.name
    report.signer_title = signature.title
    report.signer_authority = signature.authority
    report.signer_own_title = signature.own_title


def check_signer(report: ConsolidatedReport) -> None:
    check_signature(
        Signer(
            name=report.signer_name,
            title=report.signer_title,
            authority=report.signer_authority,
            own_title=report.signer_own_title,
        )
    )
