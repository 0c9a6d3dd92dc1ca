import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html

from actionplan.core import wording
from actionplan.core.presenters import navigation
from actionplan.core.presenters.people import display_name
from actionplan.core.presenters.tags import RagKey, rag_tag

register = template.Library()


@register.inclusion_tag("core/service_navigation.html", takes_context=True)
def service_navigation(context):
    request = context.get("request")
    items = navigation.service_items(request, context.get("plan")) if request else []
    return {"items": items}


@register.simple_tag(takes_context=True)
def plan_url(context, name, *args):
    """`{% plan_url "plans:action" plan.pk action.pk %}`: the URL, keeping ?as_at=."""
    return navigation.plan_url(context["request"], name, *args)


def _tag_html(tag) -> str:
    # core/tag.html's markup, without a template: a table of rows shows hundreds of tags,
    # and an inclusion tag renders a template (and copies the context) for each.
    return format_html('<strong class="govuk-tag {}">{}</strong>\n', tag.classes, tag.text)


@register.simple_tag
def tag(tag):
    return _tag_html(tag)


@register.inclusion_tag("core/status.html")
def status(tag):
    """A delivery status as words: RAG has the colours, so status never adds a second set."""
    return {"tag": tag}


@register.simple_tag
def rag(value, key: RagKey):
    """A RAG tag. It needs the key it is read by: the page must show that key too."""
    return _tag_html(rag_tag(value, key))


@register.inclusion_tag("core/rag_key.html")
def rag_key(key: RagKey, heading_level=2):
    return {"key": key, "heading_level": heading_level}


@register.filter
def long_date(value: object) -> str:
    """`{{ action.due|long_date }}`: '5 March 2013', the one long date of pages, papers and
    e-mails (core.wording.long_date). A time is shown on the local day, as `|date` does;
    anything that is not a date shows nothing, as `|date` shows it."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return wording.long_date(value.date())
    return wording.long_date(value) if isinstance(value, dt.date) else ""


@register.filter
def action_label(action) -> str:
    """`{{ action|action_label }}`: '1.2', as core.wording.action_label gives it."""
    return wording.action_label(action.ref, action.number, action.order)


@register.filter
def person(user) -> str:
    """`{{ user|person }}`: the person's name, else their e-mail address (ADR 0027)."""
    return display_name(user)
