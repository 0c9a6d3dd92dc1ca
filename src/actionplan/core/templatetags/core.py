from django import template

from actionplan.core.presenters import navigation
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


@register.inclusion_tag("core/tag.html")
def tag(tag):
    return {"tag": tag}


@register.inclusion_tag("core/tag.html")
def rag(value, key: RagKey):
    """A RAG tag. It needs the key it is read by: the page must show that key too."""
    return {"tag": rag_tag(value, key)}


@register.inclusion_tag("core/rag_key.html")
def rag_key(key: RagKey, heading_level=2):
    return {"key": key, "heading_level": heading_level}
