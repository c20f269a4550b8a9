"""What the API shows of each object (read) and what it accepts (write). The rules stay in the services."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from directives.models import Directive, TaskGroup
from tasks.models import Assignment, Evidence, ExtensionRequest, ProgressUpdate

from .models import ApiToken

UNKNOWN_FIELD = _("Unknown field: %(field)s.")


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, so a typo is an error and not silently ignored."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: [UNKNOWN_FIELD % {"field": name}] for name in unknown})
        return super().to_internal_value(data)


class AgencySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()


class DirectiveSerializer(serializers.ModelSerializer):
    coordinating_agency = AgencySerializer(allow_null=True)

    class Meta:
        model = Directive
        fields = ["id", "kind", "number", "issuer", "issued_on", "subject", "is_tracked", "coordinating_agency"]


class DirectiveRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Directive
        fields = ["id", "kind", "number", "issued_on", "subject"]


class TaskGroupSerializer(serializers.ModelSerializer):
    tasks = serializers.SerializerMethodField()

    class Meta:
        model = TaskGroup
        fields = ["id", "number", "title", "text", "tasks"]

    def get_tasks(self, group) -> list[dict]:
        return [
            {"id": task.pk, "number": task.number, "text": task.text, "deadline": task.deadline}
            for task in group.tasks.all()
        ]


class DirectiveDetailSerializer(serializers.Serializer):
    """A directive overview (tasks.selectors.directive_overview): the directive, its links and its groups."""

    directive = DirectiveSerializer()
    body = serializers.CharField(source="directive.body")
    implements = DirectiveRefSerializer(many=True)
    cites = DirectiveRefSerializer(many=True)
    cited_by = DirectiveRefSerializer(many=True)
    groups = serializers.SerializerMethodField()

    def get_groups(self, overview) -> list[dict]:
        return TaskGroupSerializer([summary.group for summary in overview.groups], many=True).data


class AssignmentSerializer(serializers.ModelSerializer):
    directive = serializers.SerializerMethodField()
    task = serializers.SerializerMethodField()
    agency = AgencySerializer()
    timeliness = serializers.CharField(source="timeliness_code")

    class Meta:
        model = Assignment
        fields = [
            "id",
            "directive",
            "task",
            "agency",
            "role",
            "status",
            "timeliness",
            "deadline",
            "percent",
            "completed_on",
            "version",
            "updated_at",
        ]

    def get_directive(self, assignment) -> dict:
        directive = assignment.task.group.directive
        return {"id": directive.pk, "kind": directive.kind, "number": directive.number}

    def get_task(self, assignment) -> dict:
        task = assignment.task
        return {"id": task.pk, "group": task.group.number, "number": task.number, "text": task.text}


# The list's rows, read as plain values: the same JSON as AssignmentSerializer (tests/api/test_parity.py holds them
# equal) without building five model instances and a serializer per row, which was most of a page's time.
ROW_VALUES = (
    "id",
    "task__group__directive_id",
    "task__group__directive__kind",
    "task__group__directive__number",
    "task_id",
    "task__group__number",
    "task__number",
    "task__text",
    "agency_id",
    "agency__code",
    "agency__name",
    "agency__short_name",
    "role",
    "status",
    "timeliness_code",
    "deadline",
    "percent",
    "completed_on",
    "version",
    "updated_at",
)
_DAY = serializers.DateField()
_MOMENT = serializers.DateTimeField()


def _day(value):
    return None if value is None else _DAY.to_representation(value)


def assignment_rows(values) -> list[dict]:
    """AssignmentSerializer's JSON for rows of `queryset.values(*ROW_VALUES)`."""
    return [
        {
            "id": row["id"],
            "directive": {
                "id": row["task__group__directive_id"],
                "kind": row["task__group__directive__kind"],
                "number": row["task__group__directive__number"],
            },
            "task": {
                "id": row["task_id"],
                "group": row["task__group__number"],
                "number": row["task__number"],
                "text": row["task__text"],
            },
            "agency": {
                "id": row["agency_id"],
                "code": row["agency__code"],
                "name": row["agency__name"],
                "short_name": row["agency__short_name"],
            },
            "role": row["role"],
            "status": row["status"],
            "timeliness": row["timeliness_code"],
            "deadline": _day(row["deadline"]),
            "percent": row["percent"],
            "completed_on": _day(row["completed_on"]),
            "version": row["version"],
            "updated_at": _MOMENT.to_representation(row["updated_at"]),
        }
        for row in values
    ]


class AssignmentDetailSerializer(AssignmentSerializer):
    actions = serializers.SerializerMethodField(help_text="What the token's user may do with it now.")

    class Meta(AssignmentSerializer.Meta):
        fields = [*AssignmentSerializer.Meta.fields, "status_note", "actions"]

    def get_actions(self, assignment) -> list[str]:
        access = self.context["access"]
        return sorted(action.value for action in access.actions)


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "original_name", "content_type", "size", "uploaded_at"]


class ProgressUpdateSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.__str__", allow_null=True)
    evidence = EvidenceSerializer(many=True)

    class Meta:
        model = ProgressUpdate
        fields = ["id", "created_at", "author", "percent", "results", "difficulties", "proposals", "declares_done"]
        fields += ["evidence"]


class ExtensionRequestSerializer(serializers.ModelSerializer):
    requested_by = serializers.CharField(source="requested_by.__str__", allow_null=True)
    decided_by = serializers.CharField(source="decided_by.__str__", allow_null=True, default=None)

    class Meta:
        model = ExtensionRequest
        fields = ["id", "requested_at", "requested_by", "current_deadline", "new_deadline", "reason", "decision"]
        fields += ["decided_by", "decided_at", "decision_note"]


class TokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]


class NewTokenSerializer(TokenSerializer):
    token = serializers.CharField(help_text="Shown once: only its hash is kept.")

    class Meta(TokenSerializer.Meta):
        fields = [*TokenSerializer.Meta.fields, "token"]


# --- What the writes accept: the fields of the page's forms, with the assignment's version where it has one.


class TokenInput(StrictSerializer):
    name = serializers.CharField(max_length=100)
    days = serializers.IntegerField(min_value=1, max_value=366, default=90)


class ProgressUpdateInput(StrictSerializer):
    percent = serializers.IntegerField()
    results = serializers.CharField(required=False, allow_blank=True, default="")
    difficulties = serializers.CharField(required=False, allow_blank=True, default="")
    proposals = serializers.CharField(required=False, allow_blank=True, default="")
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class VersionInput(StrictSerializer):
    version = serializers.IntegerField(min_value=1)


class DeclareDoneInput(VersionInput):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReturnInput(VersionInput):
    comment = serializers.CharField(allow_blank=True)


class DelegateInput(VersionInput):
    units = serializers.ListField(
        child=serializers.IntegerField(min_value=1), help_text=_("Ids of the units or communes that take a share.")
    )
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ShareSerializer(serializers.ModelSerializer):
    """A delegated share just passed down (its full view: GET /assignments/{id}/)."""

    agency = AgencySerializer()

    class Meta:
        model = Assignment
        fields = ["id", "parent", "agency", "role", "deadline", "status", "percent", "version"]


class ExtensionRequestInput(VersionInput):
    new_deadline = serializers.DateField()
    reason = serializers.CharField(allow_blank=True)
