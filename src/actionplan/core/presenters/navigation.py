"""The service navigation and the breadcrumbs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from actionplan.core.asat import PARAMETER, as_at_query

# The plan pages in the service navigation, in order: (label, URL name, the URL names or
# namespaces ("app:") of the pages under it, which mark it as current).
PLAN_PAGES = (
    ("Dashboard", "plans:dashboard", ()),
    ("Actions", "plans:actions", ("plans:bulk_change",)),
    ("My actions", "plans:my_actions", ()),
    ("Overdue and due soon", "plans:due", ()),
    ("Indicators", "indicators:list", ("indicators:",)),
    ("Audits", "audits:programme", ("audits:",)),
    ("Voice", "voice:overview", ("voice:",)),
    ("Forward plan", "governance:forward_plan", ("governance:",)),
    ("Papers", "reports:papers", ("reports:",)),
    ("People", "plans:people", ()),
    ("Bodies", "plans:bodies", ()),
)


def _nobody(user: object) -> bool:
    return False


# Whether a user may import a plan, for the Import link. Core imports no app: accounts, which
# decides who may do what, sets this in its AppConfig.ready().
may_import: Callable[[object], bool] = _nobody


def _nothing(request, plan) -> int:
    return 0


# How many things wait for the signed-in user in the plan, for the Dashboard link ("To do"
# is at the top of the dashboard). Monitoring, which owns the to-do list, sets this in its
# AppConfig.ready().
to_do_count: Callable[[object, object], int] = _nothing


def _is_current(here: str, name: str, under: tuple[str, ...]) -> bool:
    return here == name or any(here.startswith(u) if u.endswith(":") else here == u for u in under)


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool = False
    count: int | None = None  # things to do, said in words after the text


def _query(request) -> str:
    as_at, today = getattr(request, "as_at", None), getattr(request, "today", None)
    if as_at and getattr(request, "as_at_default", None):
        # The plan opens on a date of its own: a link keeps whichever date is shown, today too.
        return f"?{PARAMETER}={as_at.isoformat()}"
    return as_at_query(as_at, today=today) if as_at and today else ""


def plan_url(request, name: str, *args) -> str:
    """A URL of a plan page that keeps the page's as-at date."""
    return reverse(name, args=args) + _query(request)


def service_items(request, plan) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    match = getattr(request, "resolver_match", None)
    here = match.view_name if match else ""
    sign_out = NavItem(
        "Sign out", reverse("accounts:sign_out"), current=here == "accounts:sign_out"
    )
    if getattr(request, "second_factor_pending", False):
        # Signed in with a password only: nothing opens until the security code is given.
        return [sign_out]
    items = []
    if plan is not None:
        items += [
            NavItem(text, plan_url(request, name, plan.pk), current=_is_current(here, name, under))
            for text, name, under in PLAN_PAGES
        ]
        items[0] = dataclasses.replace(items[0], count=to_do_count(request, plan))
    else:
        items.append(NavItem("Plans", reverse("home"), current=here in ("home", "plans:list")))
    if may_import(user):
        items.append(
            NavItem("Import", reverse("plans:import"), current=here.startswith("plans:import"))
        )
    items.append(
        NavItem("Your account", reverse("accounts:account"), current=here == "accounts:account")
    )
    items.append(sign_out)
    return items


@dataclass(frozen=True)
class Crumb:
    text: str
    href: str


def plan_breadcrumbs(request, plan, *more: tuple[Any, ...]) -> list[Crumb]:
    """Plans › the plan's dashboard › each of `more`: (text, URL name, extra URL args...)."""
    crumbs = [
        Crumb("Plans", reverse("plans:list")),
        Crumb(plan.title, plan_url(request, "plans:dashboard", plan.pk)),
    ]
    for text, name, *args in more:
        crumbs.append(Crumb(text, plan_url(request, name, plan.pk, *args)))
    return crumbs
