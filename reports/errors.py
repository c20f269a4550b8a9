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
    SIGNER_REQUIRED = _("Enter the name of the person who signs the report.")
    NO_COORDINATOR = _("This directive has no coordinating agency, so nobody can compile its report.")
