"""What the report views share: the period from the URL, file responses and service errors put on forms."""

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpResponse

from ..models import ReportPeriod
from ..selectors.periods import period_get

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def period_or_404(pk: int) -> ReportPeriod:
    try:
        return period_get(period_id=pk)
    except ReportPeriod.DoesNotExist as missing:
        raise Http404 from missing


def file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def add_errors(form: Form, error: ValidationError) -> None:
    """A service's refusal next to the field it is about, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def expected_version(form: Form) -> int | None:
    return form.cleaned_data.get("version")
