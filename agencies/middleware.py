"""Vietnamese first (the language comes from the user's explicit choice, never from the browser); a per-view
limit on the number of form fields."""

from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import QueryDict
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.deprecation import MiddlewareMixin


class ChosenLanguageMiddleware(MiddlewareMixin):
    """Replaces LocaleMiddleware: an English-language browser still gets Vietnamese until the user switches.

    Civil servants' machines are often set up in English; the product's default must not follow them.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def allow_post_fields(limit: int):
    """Let one view receive up to `limit` urlencoded form fields, past DATA_UPLOAD_MAX_NUMBER_FIELDS.

    For a page whose own form is that large by design (the review of a long imported directive); the
    site-wide limit stays for every other view, and the size limit (DATA_UPLOAD_MAX_MEMORY_SIZE) for all.
    """

    def mark(view):
        view.max_post_fields = limit
        return view

    return mark


class ViewPostFieldLimitMiddleware(MiddlewareMixin):
    """Reads the urlencoded POST of a view marked by allow_post_fields with that view's own field limit.

    It must come before CsrfViewMiddleware, which is the first to read request.POST. Multipart posts (file
    uploads) are left to Django, with the site-wide limit.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        limit = getattr(view_func, "max_post_fields", None)
        if limit is None or request.method != "POST" or hasattr(request, "_post"):
            return None
        if request.content_type != "application/x-www-form-urlencoded":
            return None
        encoding = request.encoding or settings.DEFAULT_CHARSET
        body = request.body.decode(encoding, errors="replace")  # RequestDataTooBig past the size limit
        try:
            pairs = parse_qsl(body, keep_blank_values=True, max_num_fields=limit)
        except ValueError as error:
            raise TooManyFieldsSent(f"More than {limit} fields were sent to this page.") from error
        post = QueryDict(mutable=True, encoding=encoding)
        for key, value in pairs:
            post.appendlist(key, value)
        post._mutable = False
        request._post, request._files = post, MultiValueDict()
        return None
