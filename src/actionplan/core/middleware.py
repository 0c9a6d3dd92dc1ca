"""Every request carries the date its plan is shown as at: `request.as_at`."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from actionplan.core.asat import PARAMETER, AsAtError, parse_as_at


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
