"""What every request goes through: its size, an id for its log lines (`request.id`), the
date its plan is shown as at (`request.as_at`), no caching of what it returns, and a busy
database."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from actionplan.core import logs
from actionplan.core.asat import PARAMETER, AsAtError, parse_as_at
from actionplan.core.db import database_busy
from actionplan.core.uploads import largest_upload_mb

logger = logging.getLogger(__name__)


class RequestIdMiddleware:
    """Takes the proxy's X-Request-ID if it is well formed, else makes one; every log line
    of the request carries it, and so does the response, so a user's "it went wrong at
    10:02" can be found in the logs of nginx and of the service alike. First in MIDDLEWARE:
    a redirect or an error from any later one carries it too."""

    HEADER = "X-Request-ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = logs.accepted_request_id(request.headers.get(self.HEADER))
        # Cleared when the response is finished (CoreConfig.ready), not here: Django logs
        # a 4xx response after the last middleware has returned.
        logs.request_id.set(request.id)
        response = self.get_response(request)
        response[self.HEADER] = request.id
        return response


class AsAtMiddleware:
    """Reads `?as_at=`. A date it cannot take is shown as today, and the page says so: a page
    (GET) is answered by its view as usual, with the error above it and in the as-at box, so
    the plan's header and navigation stay; anything else, and any answer that is not a page
    (a download), gets only the page saying what to enter. Either way the status is 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.today = timezone.localdate()
        request.as_at_error = None
        request.as_at_default = None  # a plan's own opening date (accounts.access), if any
        try:
            request.as_at = parse_as_at(request.GET.get(PARAMETER), today=request.today)
        except AsAtError as e:
            request.as_at = request.today
            request.as_at_error = e
            if request.method in ("GET", "HEAD"):
                response = self.get_response(request)
                page = response.get("Content-Type", "").startswith("text/html")
                if response.status_code == 200 and page:
                    response.status_code = 400
                    return response
            return render(
                request,
                "core/as_at_error.html",
                {"page_title": "Date not recognised", "as_at_box": True},
                status=400,
            )
        return self.get_response(request)


class RequestLimitMiddleware:
    """Refuses a request whose body is larger than REQUEST_MAX_BYTES (the largest upload and
    the form around it) with 413, from its Content-Length, before anything reads the body.

    Django's own DATA_UPLOAD_MAX_MEMORY_SIZE counts the form's fields but not its files, which
    it spools to disk whatever their size, and the CSRF check reads them before any view, for
    anyone, signed in or not. A body with no Content-Length is read as empty."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            page = render_to_string(
                "core/request_too_large.html",
                {"page_title": "The file is too large", "limit": largest_upload_mb()},
            )
            # The body is never read, so the connection cannot be reused for another request.
            response = HttpResponse(page, status=413)
            response["Connection"] = "close"
            add_never_cache_headers(response)
            return response
        return self.get_response(request)


class NoStoreMiddleware:
    """Every page, export and download holds plan data (children's services, named officers):
    no browser, proxy or shared computer's cache may keep a copy. Static files are served
    before this, by WhiteNoise, and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class DatabaseBusyMiddleware:
    """A write the database refused because it stayed busy (SQLite's lock held longer than its
    timeout, PostgreSQL's lock timeout, deadlock or serialization failure) gets a page that
    says nothing was saved and keeps what was sent, to send again, instead of a 500. Forms
    that can show the refusal on themselves do so first (monitoring.views.changes._saved)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_busy(exception):
            return None
        logger.warning("database busy: %s %s not saved", request.method, request.path)
        sent = []
        if request.method == "POST":
            sent = [
                (name, value)
                for name, values in request.POST.lists()
                if name != "csrfmiddlewaretoken" and "password" not in name
                for value in values
            ]
        response = render(
            request,
            "core/busy.html",
            {
                "page_title": "Your changes have not been saved",
                "sent": sent,
                "shown": [value for _, value in sent if len(value) > 20 or "\n" in value],
                "had_files": bool(request.method == "POST" and request.FILES),
            },
            status=503,
        )
        response["Retry-After"] = "5"
        return response
