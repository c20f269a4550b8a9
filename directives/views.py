"""Pages of the directives app: the list of directives."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import directive_list as select_directives


@login_required
def directive_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(select_directives(query=query), 25).get_page(request.GET.get("page"))
    return render(request, "directives/directive_list.html", {"page_obj": page, "query": query})
