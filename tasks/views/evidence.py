"""Evidence download: the file of a progress update, as an attachment, to whoever may see its assignment."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from ..models import Evidence
from ..policy import assignment_access
from ..selectors import evidence_get


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    try:
        evidence = evidence_get(evidence_id=pk)
    except Evidence.DoesNotExist as missing:
        raise Http404 from missing
    if not assignment_access(request.user, evidence.update.assignment).may_download_evidence:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    # FileResponse writes filename*=UTF-8''... (RFC 5987) for Vietnamese names.
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
