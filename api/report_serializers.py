"""What the API shows of reporting periods, agency reports and consolidated reports, and what a submission sends."""

from rest_framework import serializers

from reports.models import ReportPeriod

from .serializers import StrictSerializer


class PeriodSerializer(serializers.ModelSerializer):
    directive = serializers.SerializerMethodField()
    label = serializers.CharField()

    class Meta:
        model = ReportPeriod
        fields = ["id", "directive", "kind", "year", "index", "label", "starts_on", "cutoff_on"]
        fields += ["agency_due_on", "consolidated_due_on"]

    def get_directive(self, period) -> dict:
        return {"id": period.directive_id, "number": period.directive.number}


class PeriodListItemSerializer(serializers.Serializer):
    """A row of the reports page: the period, and for an agency's user the state of their agency's report."""

    period = PeriodSerializer()
    may_track = serializers.BooleanField()
    own_state = serializers.CharField(allow_null=True)
    consolidated_status = serializers.CharField(source="consolidated.status", allow_null=True, default=None)


class AgencyReportSerializer(serializers.Serializer):
    """The agency's working text for its own users; the latest submitted version for everyone else."""

    period = serializers.IntegerField(source="period.pk")
    agency = serializers.IntegerField(source="agency_id")
    status = serializers.CharField(allow_null=True)
    version = serializers.IntegerField(allow_null=True, help_text="Send it back with a submission.")
    submitted_version = serializers.IntegerField(allow_null=True)
    results = serializers.CharField()
    limitations = serializers.CharField()
    tasks_ahead = serializers.CharField()
    proposals = serializers.CharField()
    review_comment = serializers.CharField()
    may_submit = serializers.BooleanField()
    docx = serializers.CharField(allow_null=True, help_text="Where to download it as .docx, when allowed.")


class ConsolidatedReportSerializer(serializers.Serializer):
    period = serializers.IntegerField(source="period_id")
    status = serializers.CharField()
    number = serializers.IntegerField(allow_null=True)
    year = serializers.IntegerField(allow_null=True)
    issued_on = serializers.DateField(allow_null=True)
    results = serializers.CharField()
    limitations = serializers.CharField()
    tasks_ahead = serializers.CharField()
    proposals = serializers.CharField()
    statistics = serializers.JSONField()
    docx = serializers.CharField()
    xlsx = serializers.CharField()


class AgencyReportSubmitInput(StrictSerializer):
    version = serializers.IntegerField(min_value=0, help_text="The report's version as read (0 before any draft).")
    results = serializers.CharField(allow_blank=True)
    limitations = serializers.CharField(allow_blank=True, required=False, default="")
    tasks_ahead = serializers.CharField(allow_blank=True, required=False, default="")
    proposals = serializers.CharField(allow_blank=True, required=False, default="")
