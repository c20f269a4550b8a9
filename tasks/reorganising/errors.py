"""What a reorganisation refuses, each message written once (the page, the file import and the tests share them)."""

from django.utils.translation import gettext_lazy as _

NO_PREDECESSOR = _("Choose the agency or agencies the change applies to.")
ONE_PREDECESSOR = _("A split, a rename or a dissolution applies to exactly one agency.")
PREDECESSOR_GONE = _("%(agency)s no longer exists (until %(date)s): it cannot be changed again.")
NO_SUCCESSOR = _("A merge needs the agency it results in: choose one or give the name of a new one.")
ONE_SUCCESSOR = _("A merge or a dissolution has at most one successor.")
TWO_SUCCESSORS = _("A split needs at least two successor agencies.")
INTO_ITSELF = _("%(agency)s cannot be merged, split or dissolved into itself.")
SUCCESSOR_GONE = _("%(agency)s was dissolved (until %(date)s): nothing can be merged into it.")
CYCLE = _("%(successor)s came from %(agency)s: this change would make a cycle of successors.")
NO_DESTINATION = _("Open assignment %(task)s (%(agency)s) has no destination: choose the agency that takes it.")
BAD_DESTINATION = _("The destination of assignment %(task)s must be one of the successor agencies.")
OPEN_WORK_NO_SUCCESSOR = _(
    "%(agency)s still has %(count)s open assignment(s): choose the successor that takes them, or close them first."
)
MAIN_SUCCESSOR = _("The main successor must be one of the successor agencies.")
NEW_NAME_NEEDED = _("A rename needs the new name.")
NAME_TAKEN = _("Another agency is already called %(name)s.")
CODE_TAKEN = _("Another agency already has the code %(code)s.")
DATES_ORDER = _("The change cannot take effect before the decision was made.")
