from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from actionplan.notifications.forms import PreferencesForm
from actionplan.notifications.listeners import choices_of
from actionplan.notifications.models import Kind, Preference


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def preferences(request):
    """Which e-mails you get, and when: per kind, immediately, in a daily digest, or never."""
    current = {kind: choices_of([request.user.pk], kind)[request.user.pk] for kind in Kind}
    form = PreferencesForm(request.POST or None, initial_choices=current)
    if request.method == "POST" and form.is_valid():
        for kind in Kind:
            Preference.objects.update_or_create(
                user=request.user, kind=kind, defaults={"choice": form.cleaned_data[kind]}
            )
        messages.success(request, "Your e-mail notification choices are saved")
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"page_title": "E-mail notifications", "form": form, "email": request.user.email},
    )
