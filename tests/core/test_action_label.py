"""One action label (core.wording.action_label), as the dashboard, the action's page and the
papers show it: its ref, else its number as written, else its place."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template import Context, Template

from actionplan.core.wording import action_label


@pytest.mark.parametrize(
    ("ref", "number", "order", "label"),
    [
        ("2a", "2 (a)", 4, "2a"),  # the ref, unique within its recommendation, comes first
        ("1.2", "1.2", 1, "1.2"),
        ("", "2 (a)", 4, "2 (a)"),
        (None, None, 3, "#3"),
        ("", "", None, ""),
    ],
)
def test_action_label(ref, number, order, label):
    assert action_label(ref, number, order) == label


def test_the_template_filter_gives_the_same_label():
    action = SimpleNamespace(ref="2a", number="2 (a)", order=4)
    rendered = Template("{% load core %}{{ a|action_label }}").render(Context({"a": action}))
    assert rendered == "2a"
