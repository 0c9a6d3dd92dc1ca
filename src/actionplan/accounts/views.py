import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access, audit, invitations, presenters, secondfactor
from actionplan.accounts.forms import (
    ChangePasswordForm,
    CodeForm,
    InviteForm,
    NameForm,
    NewAccountForm,
    NewPasswordForm,
    ResetPasswordForm,
    SignInForm,
)
from actionplan.accounts.middleware import KEPT_FORM, second_factor_step, with_next
from actionplan.accounts.models import AuditEvent
from actionplan.core.presenters.navigation import Crumb, plan_breadcrumbs
from actionplan.core.views import plan_qs, posted
from actionplan.core.wording import plural
from actionplan.plans.models import Plan

Kind = AuditEvent.Kind
AUDIT_EVENTS_PER_PAGE = 50


def _next_url(request) -> str:
    """Where to go after a sign-in step: the `next` of the request when it is ours."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse(settings.LOGIN_REDIRECT_URL)


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True
    extra_context = {"page_title": "Sign in"}

    def form_valid(self, form):
        response = super().form_valid(form)
        # Signed in with the password; the second factor, if any, comes next.
        step = second_factor_step(form.get_user())
        return redirect(with_next(step, response.url)) if step else response


def locked_out(request, credentials=None, *args, **kwargs):
    """What axes shows after too many failed sign-ins: the same for any username, so it does
    not tell whether an account exists."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"page_title": "You cannot sign in yet", "wait": plural(minutes, "minute")},
        status=429,
    )


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
        audit.record(Kind.PASSWORD_CHANGED, request=self.request, user=self.request.user)
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.INVITE_USER, url_kwarg="plan_id")
def invite(request, plan):
    form = InviteForm(request.POST if request.method == "POST" else None, plan=plan)
    if request.method == "POST" and form.is_valid():
        invitation = invitations.invite(
            plan=plan,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            role=form.cleaned_data["role"],
            party=form.cleaned_data["party"],
            invited_by=request.user,
            request=request,
            accept_url=lambda token: request.build_absolute_uri(
                reverse("accounts:accept_invitation", args=[token])
            ),
        )
        messages.success(
            request, f"Invitation sent to {invitation.full_name} at {invitation.email}"
        )
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
        user = invitations.existing_user(invitation)
    except invitations.InvitationError as e:
        return _unusable(request, e)
    context = {"page_title": "Accept your invitation", "invitation": invitation}
    if user is not None:
        # An existing account accepts by signing in as itself: the link alone is not enough
        # to take an account over.
        if request.user != user:
            return render(request, "accounts/invitation_sign_in.html", context)
        if request.method == "POST":
            try:
                invitations.accept(invitation, user=user, request=request)
            except invitations.InvitationError as e:
                return _unusable(request, e)
            return redirect("plans:dashboard", plan_id=invitation.plan_id)
        return render(request, "accounts/invitation_accept.html", context)

    form = NewAccountForm(
        invitations.new_user(invitation),
        request.POST if request.method == "POST" else None,
        initial={"full_name": invitation.full_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(
                invitation,
                password=form.cleaned_data["new_password1"],
                full_name=form.cleaned_data["full_name"],
                request=request,
            )
        except invitations.InvitationError as e:
            return _unusable(request, e)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your account is ready")
        return redirect("plans:dashboard", plan_id=invitation.plan_id)
    return render(request, "accounts/invitation_password.html", {**context, "form": form})


# --- password reset: Django's views, our pages and e-mail ----------------------------------


class ResetPasswordView(auth_views.PasswordResetView):
    """Asks for an e-mail address and always says the same, so nobody learns which addresses
    have accounts; the e-mail goes only to an account's own address."""

    form_class = ResetPasswordForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_sent")
    extra_context = {"page_title": "Reset your password"}

    def form_valid(self, form):
        users = list(form.get_users(form.cleaned_data["email"]))
        for user in users:
            audit.record(Kind.PASSWORD_RESET_REQUESTED, request=self.request, user=user)
        if not users:
            audit.record(
                Kind.PASSWORD_RESET_REQUESTED,
                request=self.request,
                detail="no account that can sign in has that address",
            )
        hours = settings.PASSWORD_RESET_TIMEOUT // 3600
        self.extra_email_context = {"valid_for": plural(hours, "hour")}
        return super().form_valid(form)


class ResetPasswordSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"
    extra_context = {"page_title": "Check your e-mail"}


class ResetPasswordConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = (
            "Choose a new password" if context["validlink"] else "You cannot use this link"
        )
        return context

    def form_valid(self, form):
        audit.record(Kind.PASSWORD_RESET, request=self.request, user=form.user)
        return super().form_valid(form)


class ResetPasswordDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_done.html"
    extra_context = {"page_title": "Your password has been reset"}


# --- the second factor ---------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def verify(request):
    """The second step of signing in: a code from the app, or a backup code."""
    user, next_url = request.user, _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not secondfactor.has_second_factor(user):
        step = second_factor_step(user)
        return redirect(with_next(step, next_url) if step else next_url)
    form = CodeForm(
        *posted(request),
        hint="The 6-digit code your authenticator app shows now, or one of your backup codes",
    )
    if request.method == "POST" and form.is_valid():
        result = secondfactor.verify(user, form.cleaned_data["code"], now=timezone.now())
        if result.device is not None:
            django_otp.login(request, result.device)
            if result.backup_code:
                left = secondfactor.backup_codes_left(user)
                audit.record(Kind.BACKUP_CODE_USED, request=request, user=user)
                messages.success(
                    request,
                    f"You signed in with a backup code. You have {plural(left, 'code')} left: "
                    "make new ones from your account page when you run low.",
                )
            return redirect(next_url)
        if result.wait_seconds:
            form.add_error(
                "code",
                "You have entered too many wrong codes. "
                f"Wait {plural(result.wait_seconds, 'second')}, then try again",
            )
        else:
            audit.record(Kind.CODE_FAILED, request=request, user=user)
            form.add_error(
                "code",
                "The security code is not right. Enter the code your app shows now, "
                "or one of your backup codes",
            )
    return render(
        request,
        "accounts/verify.html",
        {"page_title": "Enter your security code", "form": form, "next": next_url},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def set_up(request):
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a code."""
    user, next_url = request.user, _next_url(request)
    if not user.is_verified() and secondfactor.has_second_factor(user):
        # Only the holder of the current second factor may replace it.
        return redirect(with_next("accounts:verify", next_url))
    device = secondfactor.pending_app(user)
    form = CodeForm(*posted(request), hint="The 6-digit code the app shows after you add it")
    if request.method == "POST" and form.is_valid():
        codes = secondfactor.confirm_app(device, form.cleaned_data["code"])
        if codes is not None:
            django_otp.login(request, device)
            audit.record(Kind.SECOND_FACTOR_SET_UP, request=request, user=user)
            return _show_backup_codes(request, codes, next_url, "Your app is set up")
        audit.record(Kind.CODE_FAILED, request=request, user=user, detail="setting up an app")
        form.add_error(
            "code",
            "The code is not right. Check the app shows actionplan, and enter the code it "
            "shows now",
        )
    return render(
        request,
        "accounts/set_up.html",
        {
            "page_title": "Set up an authenticator app",
            "form": form,
            "next": next_url,
            "secret": secondfactor.secret_text(device),
            "required": access.needs_second_factor(user),
        },
    )


def _show_backup_codes(request, codes, next_url, title):
    # Rendered in answer to the POST that made them, never stored for a later page: they
    # are shown this once.
    return render(
        request,
        "accounts/backup_codes.html",
        {"page_title": title, "codes": codes, "next": next_url},
    )


@never_cache
@require_http_methods(["GET"])
@login_required
def set_up_qr(request):
    """The QR code of the app being set up, as an image (our CSP allows no inline style)."""
    user = request.user
    if not user.is_verified() and secondfactor.has_second_factor(user):
        raise Http404("no app is being set up")
    svg = secondfactor.qr_svg(secondfactor.pending_app(user))
    return HttpResponse(svg, content_type="image/svg+xml")


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def name(request):
    """Your name as the service shows it to others: one "Full name" field (ADR 0027)."""
    user = request.user
    form = NameForm(*posted(request), initial={"full_name": user.get_full_name()})
    if request.method == "POST" and form.is_valid():
        user.first_name = " ".join(form.cleaned_data["full_name"].split())
        user.last_name = ""  # a name split in two by an older account is now whole
        user.save(update_fields=["first_name", "last_name"])
        messages.success(request, "Your name has been changed")
        return redirect("accounts:account")
    return render(
        request,
        "accounts/name.html",
        {
            "page_title": "Your name",
            "form": form,
            "breadcrumbs": [Crumb("Your account", reverse("accounts:account"))],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def account(request):
    """Your account: the second factor (set up, new backup codes, turn off), the password."""
    user = request.user
    required = access.needs_second_factor(user)
    app = secondfactor.app(user)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "backup_codes" and app is not None:
        codes = secondfactor.new_backup_codes(user)
        audit.record(Kind.BACKUP_CODES_MADE, request=request, user=user)
        return _show_backup_codes(request, codes, reverse("accounts:account"), "New backup codes")
    if action == "turn_off" and not required and secondfactor.has_second_factor(user):
        secondfactor.remove(user)
        audit.record(Kind.SECOND_FACTOR_REMOVED, request=request, user=user)
        messages.success(request, "You no longer need a security code to sign in")
        return redirect("accounts:account")
    return render(
        request,
        "accounts/account.html",
        {
            "page_title": "Your account",
            "required": required,
            "app": app,
            "codes_left": secondfactor.backup_codes_left(user),
        },
    )


# --- the audit log -------------------------------------------------------------------------


@require_http_methods(["GET"])
@access.with_object(Plan, access.VIEW_AUDIT_LOG, url_kwarg="plan_id", queryset=plan_qs)
def audit_log(request, plan):
    paginator = Paginator(audit.for_plan(plan), AUDIT_EVENTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/audit_log.html",
        {
            "page_title": "Sign-in and access log",
            "plan": plan,
            "page": page,
            "rows": [presenters.audit_row(e) for e in page.object_list],
            "breadcrumbs": plan_breadcrumbs(request, plan, ("People", "plans:people")),
        },
    )


@never_cache
@require_http_methods(["GET"])
@login_required
def resubmit(request):
    """After a session expired under a form: send what was entered to where it was going."""
    kept = request.session.get(KEPT_FORM)
    if not kept or kept.get("user") != request.user.pk:
        return redirect("home")
    return render(
        request,
        "accounts/resubmit.html",
        {
            "page_title": "Send what you entered",
            "action": kept["path"],
            "fields": kept["fields"],
            "had_files": kept["files"],
        },
    )


@require_http_methods(["POST"])
@access.with_object(Plan, access.INVITE_USER, url_kwarg="plan_id")
def withdraw_invitation(request, plan, invitation_id):
    invitation = plan.invitations.filter(pk=invitation_id, accepted_at__isnull=True).first()
    if invitation is None:
        raise Http404("no invitation waiting with that id in this plan")
    invitations.withdraw(invitation, by=request.user, request=request)
    messages.success(request, f"The invitation to {invitation.email} has been withdrawn")
    back = "plans:members" if request.POST.get("back") == "members" else "plans:people"
    return redirect(back, plan_id=plan.pk)
