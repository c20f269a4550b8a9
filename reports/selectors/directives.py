"""Which tracked directives a user deals with in the reports app: on the period list and on the dashboard."""

from django.db.models import Q, QuerySet

from agencies.models import User
from agencies.permissions import user_sees_everything
from directives.models import Directive
from tasks.models import Assignment


def visible_directives(user: User) -> QuerySet[Directive]:
    """Directives whose reports the user deals with: all for leaders and admins, else coordinated or assigned ones."""
    directives = Directive.objects.filter(is_tracked=True).select_related("coordinating_agency")
    if user_sees_everything(user):
        return directives
    # A unit holding only delegated shares reports to the agency that passed them down, not on the directive.
    own = Assignment.objects.filter(agency_id=user.agency_id, parent__isnull=True)
    coordinated = Q(coordinating_agency_id=user.agency_id)
    return directives.filter(coordinated | Q(pk__in=own.values("task__group__directive_id")))


def dashboard_directives(user: User) -> QuerySet[Directive]:
    """Directives on the dashboard: every tracked one for leaders and admins, the coordinated ones otherwise."""
    directives = Directive.objects.filter(is_tracked=True).order_by("-issued_on", "number")
    if user_sees_everything(user):
        return directives
    return directives.filter(coordinating_agency_id=user.agency_id) if user.agency_id else directives.none()
