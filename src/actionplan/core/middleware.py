"""Every request carries an id for its log lines (`request.id`) and the date its plan is
shown as at (`request.as_at`)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from actionplan.core import logs
from actionplan.core.asat import PARAMETER, AsAtError, parse_as_at


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
    """Reads `?as_at=`; a bad date gets a page saying what to enter (400), no view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.today = timezone.localdate()
        try:
            request.as_at = parse_as_at(request.GET.get(PARAMETER), today=request.today)
        except AsAtError as e:
            request.as_at = request.today
            return render(
                request,
                "core/as_at_error.html",
                {
                    "page_title": "Date not recognised",
                    "has_errors": True,
                    "as_at_error": str(e),
                    "as_at_value": e.value,
                },
                status=400,
            )
        return self.get_response(request)
