"""Pages of the directives app: the list of directives."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .permissions import user_can_import_directive
from .selectors import directive_list as select_directives


@login_required
def directive_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(select_directives(query=query), 25).get_page(request.GET.get("page"))
    context = {"page_obj": page, "query": query, "can_import": user_can_import_directive(request.user)}
    return render(request, "directives/directive_list.html", context)
