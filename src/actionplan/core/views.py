"""Small helpers every app's views share (the views themselves live in each app)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from actionplan.core.errors import UserError
from actionplan.core.forms import show_refusal


def plan_qs(qs):
    """The queryset `access.with_object(Plan, ...)` loads a plan from: with its organisation,
    which every plan page names."""
    return qs.select_related("organisation")


def posted(request, files=False):
    """A form's data: the POST (even an empty one) on a POST, else None (unbound); with
    files=True, (data, files)."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def saved(request, form, write, *, done, to):
    """On a valid POST, `write()`; then the success message `done` and a redirect to `to`
    (either may be a function of what `write` returned). A service's refusal (UserError) is
    shown on the form instead, and None returned, so the page shows again with everything
    the user typed."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = write()
    except UserError as e:
        show_refusal(form, e)
        return None
    messages.success(request, done(result) if callable(done) else done)
    return redirect(to(result) if callable(to) else to)


def _about_page(template: str, title: str):
    """A page about the service itself, the same for everyone, signed in or not."""

    def view(request):
        return render(
            request,
            template,
            {
                "page_title": title,
                "help_email": settings.HELP_EMAIL,
                "council": settings.COUNCIL_NAME or "the council that runs this service",
            },
        )

    return require_GET(view)


accessibility = _about_page("core/about/accessibility.html", "Accessibility statement")
privacy = _about_page("core/about/privacy.html", "Privacy notice")
help_page = _about_page("core/about/help.html", "Help and contact")
