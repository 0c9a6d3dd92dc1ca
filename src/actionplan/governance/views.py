"""The governance pages: meetings, the forward plan, calendars and reminders.

Each view: the plan from the access layer, the governance service (meetings.py, agenda.py,
calendars.py, tasks.py) for the work, a presenter (presenters.py) for the words, a template.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access
from actionplan.accounts.models import Role
from actionplan.core.errors import UserError
from actionplan.core.presenters.navigation import plan_breadcrumbs, plan_url
from actionplan.core.uploads import reading
from actionplan.core.views import plan_qs, posted, saved
from actionplan.core.wording import day, long_date, plural
from actionplan.governance import calendars, policy
from actionplan.governance import forms as gforms
from actionplan.governance import meetings as service
from actionplan.governance import presenters as pages
from actionplan.governance.agenda import forward_plan as build_forward_plan
from actionplan.governance.models import Meeting, Reminder
from actionplan.governance.reminders import policy_for
from actionplan.governance.tasks import queue_plan_run
from actionplan.plans.models import Body, Party, Plan

REMINDERS_PER_PAGE = 50


def _body_of(plan: Plan, body_id: int, bodies: list[pages.BodyChoice] | None = None) -> Body:
    """One of the plan's bodies, or 404."""
    ids = {b.id for b in (bodies if bodies is not None else pages.plan_bodies(plan))}
    if body_id not in ids:
        raise Http404("no such body in this plan")
    return Body.objects.get(pk=body_id)


def _meetings_url(plan: Plan, body_id: int | None = None) -> str:
    url = reverse("governance:meetings", args=[plan.pk])
    return f"{url}?body={body_id}" if body_id else url


def _related(request, plan: Plan, here: str) -> list[tuple[str, str]]:
    """Links to the other governance pages this user may see."""
    links = [
        ("Meetings", "governance:meetings"),
        ("Forward plan", "governance:forward_plan"),
    ]
    if access.can(request.user, access.VIEW_REMINDERS, plan):
        links.append(("Reminders", "governance:reminders"))
    return [(text, plan_url(request, name, plan.pk)) for text, name in links if name != here]


def _my_party(request, plan: Plan) -> Party | None:
    """A lead officer's or partner's own party, when it leads actions in the plan: theirs
    is the 'my calendar' link."""
    member = getattr(request, "membership", None)
    if member is None or member.role not in (Role.LEAD_OFFICER, Role.PARTNER):
        return None
    return pages.lead_party(plan, member.party_id)


# --- meetings ------------------------------------------------------------------------------


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def meeting_list(request, plan):
    bodies = pages.plan_bodies(plan)
    chosen, filter_error = None, ""
    wanted = request.GET.get("body", "").strip()
    if wanted:
        chosen = next((b for b in bodies if str(b.id) == wanted), None)
        if chosen is None:
            filter_error = "Select one of the plan’s bodies"
    shown = [chosen] if chosen else bodies
    return render(
        request,
        "governance/meetings.html",
        {
            "page_title": f"Meetings: {chosen.label}" if chosen else "Meetings",
            "plan": plan,
            "bodies": bodies,
            "chosen": chosen,
            "filter_error": filter_error,
            "has_errors": bool(filter_error),
            "entries": pages.meetings_page(plan, shown),
            "can_manage": access.can(request.user, access.MANAGE_MEETINGS, plan),
            "related": _related(request, plan, "governance:meetings"),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


def _form_page(request, plan, form, *, title, button, intro="", multipart=False, back=None):
    return render(
        request,
        "governance/meeting_form.html",
        {
            "page_title": title,
            "title": title,
            "plan": plan,
            "form": form,
            "button": button,
            "intro": intro,
            "multipart": multipart,
            "back_url": back or _meetings_url(plan),
            "breadcrumbs": plan_breadcrumbs(request, plan, ("Meetings", "governance:meetings")),
        },
    )


def _initial_body(request, bodies) -> dict:
    """The body the query names (?body=<id>), when it is one of the plan's; compared as
    text, as the meetings filter does, so '²' or a huge number is simply no body."""
    wanted = request.GET.get("body", "").strip()
    chosen = next((b for b in bodies if str(b.id) == wanted), None)
    return {"body": chosen.id} if chosen else {}


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_MEETINGS, url_kwarg="plan_id", queryset=plan_qs)
def add_meeting(request, plan):
    bodies = pages.plan_bodies(plan)
    form = gforms.MeetingForm(
        *posted(request), bodies=bodies, initial=_initial_body(request, bodies)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        body = _body_of(plan, data["body"], bodies)
        meeting, created = service.add_meeting(
            body,
            data["date"],
            time=data["time"],
            end_time=data["end_time"],
            location=data["location"],
            notes=data["notes"],
        )
        done = "Added" if created else "Updated"
        messages.success(
            request,
            f"{done} the {body.abbreviation or body.name} meeting on {day(meeting.date)}",
        )
        return redirect(_meetings_url(plan, body.pk))
    return _form_page(
        request,
        plan,
        form,
        title="Add a meeting",
        button="Add meeting",
        intro="A body meets at most once a day: a meeting on a day it already meets "
        "replaces that meeting’s details (a time, place or note left empty is cleared). "
        "The plan’s reporting lines are linked to their meetings again as soon "
        "as it is saved.",
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_MEETINGS, url_kwarg="plan_id", queryset=plan_qs)
def generate_meetings(request, plan):
    bodies = pages.plan_bodies(plan)
    start, end = service.plan_range(plan)
    form = gforms.RuleForm(
        *posted(request),
        bodies=bodies,
        initial={"start": start, "end": end, **_initial_body(request, bodies)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        body = _body_of(plan, data["body"], bodies)
        result = service.generate_meetings(
            body, form.parsed_rule, data["start"], data["end"], location=data["location"]
        )
        label = body.abbreviation or body.name
        added = plural(len(result.created), "meeting")
        there = (
            f"; {len(result.existing)} on those days already kept as they were"
            if (result.existing)
            else ""
        )
        messages.success(
            request,
            f"{label}: {added} added from {long_date(data['start'])} to "
            f"{long_date(data['end'])}{there}",
        )
        return redirect(_meetings_url(plan, body.pk))
    return _form_page(
        request,
        plan,
        form,
        title="Add meetings from a rule",
        button="Add meetings",
        intro=f"Say in words when the body meets. The dates start as the plan’s: "
        f"{long_date(start)} to {long_date(end)} (its period, to the last date "
        "a reporting line names). Days the body meets already are kept as they are, so "
        "adding the same rule again adds nothing.",
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_MEETINGS, url_kwarg="plan_id", queryset=plan_qs)
def import_meetings(request, plan):
    form = gforms.ImportForm(*posted(request, files=True))
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            with reading(f.name, "a CSV file of meetings"):
                result = service.import_meetings_csv(plan.organisation, f.read(), name=f.name)
        except UserError as e:
            for problem in pages.file_problems(str(e)):
                form.add_error("file", problem)
        else:
            messages.success(
                request,
                f"{f.name}: {plural(result.created, 'meeting')} added, "
                f"{result.updated} updated, {result.unchanged} unchanged",
            )
            return redirect(_meetings_url(plan))
    return _form_page(
        request,
        plan,
        form,
        title="Import meetings from a CSV file",
        button="Import meetings",
        intro="The file is checked whole before anything is stored: if any row is wrong, "
        "nothing is stored and every problem is listed by row and column. Importing the same "
        "file again changes nothing; a row with new details updates that meeting.",
        multipart=True,
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_MEETINGS, url_kwarg="plan_id", queryset=plan_qs)
def remove_meeting(request, plan, meeting_id):
    bodies = pages.plan_bodies(plan)
    meeting = _meeting_of(plan, meeting_id)
    body = meeting.body
    label = body.abbreviation or body.name
    form = gforms.RemoveForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        service.remove_meetings(body, [meeting.date])
        messages.success(request, f"Removed the {label} meeting on {day(meeting.date)}")
        return redirect(_meetings_url(plan, body.pk))
    row = pages.meetings_page(plan, [next(b for b in bodies if b.id == body.pk)])[0]
    return render(
        request,
        "governance/remove_meeting.html",
        {
            "page_title": f"Remove the {label} meeting on {day(meeting.date)}",
            "plan": plan,
            "form": form,
            "label": label,
            "meeting": next(r for r in row.rows if r.id == meeting.pk),
            "back_url": _meetings_url(plan, body.pk),
            "breadcrumbs": plan_breadcrumbs(request, plan, ("Meetings", "governance:meetings")),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_MEETINGS, url_kwarg="plan_id", queryset=plan_qs)
def edit_meeting(request, plan, meeting_id):
    meeting = _meeting_of(plan, meeting_id)
    label = meeting.body.abbreviation or meeting.body.name
    form = gforms.EditMeetingForm(
        *posted(request),
        initial={
            name: getattr(meeting, name)
            for name in ("date", "time", "end_time", "location", "notes", "papers_due")
        },
    )
    back = _meetings_url(plan, meeting.body_id)
    done = saved(
        request,
        form,
        lambda: service.edit_meeting(meeting, plan=plan, user=request.user, **form.cleaned_data),
        done=lambda m: f"The {label} meeting on {day(m.date)} has been changed",
        to=back,
    )
    return done or _form_page(
        request,
        plan,
        form,
        title=f"Change the {label} meeting on {day(meeting.date)}",
        button="Save changes",
        intro="The plan’s reporting lines are linked to their meetings again as soon as it "
        "is saved.",
        back=back,
    )


def _meeting_of(plan: Plan, meeting_id: int) -> Meeting:
    bodies = pages.plan_bodies(plan)
    meeting = (
        Meeting.objects.filter(pk=meeting_id, body_id__in=[b.id for b in bodies])
        .select_related("body")
        .first()
    )
    if meeting is None:
        raise Http404("no such meeting of this plan's bodies")
    return meeting


# --- the forward plan ----------------------------------------------------------------------


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def forward_plan(request, plan):
    """The body most of the plan reports to, of those with meetings; the page lists the
    others."""
    bodies = pages.plan_bodies(plan)
    return _forward_plan_page(request, plan, bodies, pages.busiest(bodies))


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def forward_plan_body(request, plan, body_id):
    bodies = pages.plan_bodies(plan)
    chosen = next((b for b in bodies if b.id == body_id), None)
    if chosen is None:
        raise Http404("no such body in this plan")
    return _forward_plan_page(request, plan, bodies, chosen)


def _forward_plan_page(request, plan, bodies, chosen):
    agenda = None
    if chosen is not None:
        body = Body.objects.get(pk=chosen.id)
        fp = build_forward_plan(plan, bodies=[body], as_at=request.as_at)
        agenda = pages.forward_plan_view(fp, body.pk)
    me = _my_party(request, plan)
    return render(
        request,
        "governance/forward_plan.html",
        {
            "page_title": f"Forward plan: {chosen.label}" if chosen else "Forward plan",
            "plan": plan,
            "bodies": bodies,
            "chosen": chosen,
            "agenda": agenda,
            "my_party": me,
            "people": pages.plan_leads(plan),
            "can_manage": access.can(request.user, access.MANAGE_MEETINGS, plan),
            "related": _related(request, plan, "governance:forward_plan"),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


# --- calendars -----------------------------------------------------------------------------


def _ics(cal, filename: str) -> HttpResponse:
    data = calendars.to_ics(cal)
    calendars.check_ics(data)  # as the calendar command does: never serve a broken file
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def plan_calendar(request, plan):
    """Every body's meetings, with what is due at each."""
    cal = calendars.body_calendar(plan, as_at=request.as_at)
    return _ics(cal, pages.calendar_filename(plan.title, "meetings"))


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def body_calendar(request, plan, body_id):
    body = _body_of(plan, body_id)
    cal = calendars.body_calendar(plan, [body], as_at=request.as_at)
    return _ics(cal, pages.calendar_filename(body.abbreviation or body.name, plan.title))


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def person_calendar(request, plan, party_id):
    party = pages.lead_party(plan, party_id)
    if party is None:
        raise Http404("no one of that number leads an action in this plan")
    cal = calendars.person_calendar(plan, party, as_at=request.as_at)
    return _ics(cal, pages.calendar_filename(party.name, plan.title))


# --- reminders -----------------------------------------------------------------------------

STATUS_FILTERS = {
    "": "All",
    Reminder.Status.PENDING: "Pending",
    Reminder.Status.SENT: "Sent",
    Reminder.Status.FAILED: "Failed",
}


@access.with_object(Plan, access.VIEW_REMINDERS, url_kwarg="plan_id", queryset=plan_qs)
def reminder_list(request, plan):
    status = request.GET.get("status", "")
    if status not in STATUS_FILTERS:
        status = ""
    rows = (
        access.visible(request.user, Reminder)
        .filter(plan=plan)
        .select_related("recipient", "action__recommendation", "body")
        .order_by("-created_at", "-pk")
    )
    if status:
        rows = rows.filter(status=status)
    paginator = Paginator(rows, REMINDERS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "governance/reminders.html",
        {
            "page_title": "Reminders",
            "plan": plan,
            "policy": pages.policy_rows(policy_for(plan)),
            "own_policy": hasattr(plan, "reminder_policy"),
            "counts": pages.reminder_counts(plan),
            "status": status,
            "filters": [
                (value, text, f"?status={value}" if value else "?")
                for value, text in STATUS_FILTERS.items()
            ],
            "page": page,
            "rows": [pages.reminder_row(r) for r in page.object_list],
            "can_run": access.can(request.user, access.MANAGE_MEETINGS, plan),
            "related": _related(request, plan, "governance:reminders"),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_MEETINGS, url_kwarg="plan_id", queryset=plan_qs)
def reminder_policy(request, plan):
    form = gforms.ReminderPolicyForm(
        *posted(request), initial=gforms.ReminderPolicyForm.initial_from(policy.current(plan))
    )
    back = reverse("governance:reminders", args=[plan.pk])

    def write():
        values = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        return policy.set_policy(
            plan, values, user=request.user, reason=form.cleaned_data["reason"]
        )

    done = saved(request, form, write, done="The reminder settings have been changed", to=back)
    return done or render(
        request,
        "core/form_page.html",
        {
            "page_title": "Change the reminder settings",
            "title": "Change the reminder settings",
            "caption": "Reminders",
            "plan": plan,
            "form": form,
            "button": "Save settings",
            "back_url": back,
            "breadcrumbs": plan_breadcrumbs(request, plan, ("Reminders", "governance:reminders")),
        },
    )


@require_http_methods(["POST"])
@access.with_object(Plan, access.MANAGE_MEETINGS, url_kwarg="plan_id")
def run_reminders(request, plan):
    """Queue one run of the reminder job for this plan alone (not the whole service's, as
    `actionplan remind` queues), unless one is queued already; a worker sends."""
    _, queued = queue_plan_run(plan.pk)
    if queued:
        messages.success(
            request,
            "The reminders for this plan due today will be worked out and sent when the "
            "service's background worker next runs, usually within a minute. Refresh this page "
            "then to see what was sent.",
        )
    else:
        messages.info(
            request,
            "The reminders for this plan are already waiting to be sent, so nothing more "
            "was asked for. Refresh this page in a minute to see what was sent.",
        )
    return redirect("governance:reminders", plan_id=plan.pk)
