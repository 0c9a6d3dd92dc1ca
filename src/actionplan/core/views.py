"""Small helpers every app's views share (the views themselves live in each app)."""

from __future__ import annotations


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
