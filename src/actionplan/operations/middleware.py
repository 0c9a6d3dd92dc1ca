"""GET /healthz: is the service working? JSON, 200 when healthy and 503 when not.

It answers before the middleware that checks the Host header and redirects to HTTPS:
monitors and load balancers ask a service on its own address, over plain HTTP, and the
answer holds no plan data, no secrets and builds no links. No sign-in, no session, no
cookie.
"""

from __future__ import annotations

from django.http import JsonResponse

from actionplan.operations import health

PATH = "/healthz"


class HealthzMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") != PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"error": "use GET"}, status=405)
            response["Allow"] = "GET, HEAD"
            return response
        healthy, body = health.report()
        response = JsonResponse(body, status=200 if healthy else 503)
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
