from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access, invitations
from actionplan.accounts.forms import ChangePasswordForm, InviteForm, NewPasswordForm, SignInForm
from actionplan.core.presenters.navigation import plan_breadcrumbs
from actionplan.plans.models import Plan


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True
    extra_context = {"page_title": "Sign in"}


@require_http_methods(["GET", "POST"])
def sign_out(request):
    """GET asks; POST signs out (a link must never sign anyone out)."""
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out")
        return redirect("accounts:sign_in")
    return render(request, "accounts/sign_out.html", {"page_title": "Sign out"})


class ChangePasswordView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")
    extra_context = {"page_title": "Change your password"}

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed")
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.INVITE_USER, url_kwarg="plan_id")
def invite(request, plan):
    form = InviteForm(request.POST if request.method == "POST" else None, plan=plan)
    if request.method == "POST" and form.is_valid():
        invitation = invitations.invite(
            plan=plan,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            party=form.cleaned_data["party"],
            invited_by=request.user,
            accept_url=lambda token: request.build_absolute_uri(
                reverse("accounts:accept_invitation", args=[token])
            ),
        )
        messages.success(request, f"Invitation sent to {invitation.email}")
        return redirect("plans:people", plan_id=plan.pk)
    return render(
        request,
        "accounts/invite.html",
        {
            "page_title": "Invite someone to the plan",
            "plan": plan,
            "form": form,
            "breadcrumbs": plan_breadcrumbs(request, plan, ("People", "plans:people")),
        },
    )


def _unusable(request, error: invitations.InvitationError):
    return render(
        request,
        "accounts/invitation_unusable.html",
        {"page_title": "You cannot use this invitation", "problem": str(error)},
        status=410,
    )


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    try:
        invitation = invitations.invitation_from_token(token)
    except invitations.InvitationError as e:
        return _unusable(request, e)
    user = invitations.existing_user(invitation)
    context = {"page_title": "Accept your invitation", "invitation": invitation}
    if user is not None:
        # An existing account accepts by signing in as itself: the link alone is not enough
        # to take an account over.
        if request.user != user:
            return render(request, "accounts/invitation_sign_in.html", context)
        if request.method == "POST":
            try:
                invitations.accept(invitation, user=user)
            except invitations.InvitationError as e:
                return _unusable(request, e)
            return redirect("plans:dashboard", plan_id=invitation.plan_id)
        return render(request, "accounts/invitation_accept.html", context)

    form = NewPasswordForm(
        invitations.new_user(invitation), request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(invitation, password=form.cleaned_data["new_password1"])
        except invitations.InvitationError as e:
            return _unusable(request, e)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your account is ready")
        return redirect("plans:dashboard", plan_id=invitation.plan_id)
    return render(request, "accounts/invitation_password.html", {**context, "form": form})
