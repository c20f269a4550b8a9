"""Why the reports app refuses something: each message defined once, so the services, pages and tests say the same."""

from django.utils.translation import gettext_lazy as _


class Errors:
    STALE = _("Someone changed this report after you opened it. Reload the page, check the changes and try again.")
    ALREADY_SUBMITTED = _(
        "This report has already been submitted and is awaiting review; it cannot be submitted again."
    )
    ACCEPTED_LOCKED = _("This report has been accepted and can no longer be edited or submitted.")
    SUBMITTED_LOCKED = _(
        "This report is awaiting the coordinator's review and cannot be edited; "
        "it can be edited again if it is returned."
    )
    NOT_SUBMITTED = _("This report has not been submitted yet, so there is nothing to review.")
    RETURNED_NEEDS_RESUBMIT = _(
        "This report was returned to the agency; it can be accepted only after the agency resubmits it."
    )
    ALREADY_ACCEPTED = _("This report has already been accepted.")
    RESULTS_REQUIRED = _("Describe the results achieved before submitting.")
    COMMENT_REQUIRED = _("Say what the agency must change: a returned report needs a comment.")
    ALREADY_COMPILED = _("The consolidated report of this period has already been compiled.")
    ISSUED_LOCKED = _("This report has been issued and can no longer be changed.")
    NUMBER_TAKEN = _("Number %(number)02d is already used in %(year)d by this agency.")
    SIGNER_REQUIRED = _("Choose the person who signs the report; a signer without a name cannot sign.")
    SIGNER_NOT_OF_AGENCY = _("Choose one of the issuing agency's signers.")
    SIGNER_AUTHORITY = _("Choose how the report is signed: the head, TM., KT., Q., TL. or TUQ.")
    HEAD_TITLE_REQUIRED = _("Enter the head's title the report is signed for, e.g. CHỈ HUY TRƯỞNG.")
    DEPUTY_TITLE_REQUIRED = _("A report signed KT. needs the deputy's own title, e.g. PHÓ CHỈ HUY TRƯỞNG.")
    SIGNER_LINE_TOO_LONG = _("“%(line)s” does not fit on one line of the signature block; shorten it.")
    PDF_UNAVAILABLE = _("LibreOffice is not installed on the server, so the PDF cannot be made; the .docx still works.")
    PDF_FAILED = _("LibreOffice could not turn the report into PDF; the .docx still works. Try again later.")
    PDF_TIMEOUT = _("LibreOffice took too long to make the PDF and was stopped; the .docx still works.")
    NO_COORDINATOR = _("This directive has no coordinating agency, so nobody can compile its report.")
