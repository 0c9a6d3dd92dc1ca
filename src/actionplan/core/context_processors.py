from django.conf import settings

from actionplan.core.asat import PARAMETER


def service(request):
    """What the layout needs on every page: the as-at date and the service's owner."""
    as_at = getattr(request, "as_at", None)
    today = getattr(request, "today", None)
    error = getattr(request, "as_at_error", None)
    return {
        "as_at_error": str(error) if error else "",
        "as_at_value": error.value if error else "",
        "as_at": as_at,
        "as_at_is_today": as_at == today,
        # The plan's own opening date (the demo's), when the page is shown as at it.
        "as_at_default": getattr(request, "as_at_default", None),
        "today": today,
        "as_at_parameter": PARAMETER,
        "default_council_name": settings.COUNCIL_NAME,
    }
