"""Issue 16, point 7 in a real browser: the improvement lead re-imports the plan with one
action reworded, reads what will change (axe clean, no sideways scroll at 375 px), and only
then updates it."""

from __future__ import annotations

from django.urls import reverse

from actionplan.plans.models import Action
from support.browser import axe_violations, sign_in
from support.seed import SEED


def fits(page) -> bool:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return width[0] <= width[1]


def test_a_reimport_shows_the_difference_before_it_updates(page, live_server, personas, tmp_path):
    plan = personas.plan
    action = Action.objects.filter(recommendation__plan=plan).order_by("pk").first()
    words = " ".join(action.text.split()[:6]).encode()
    changed = tmp_path / "north_yorkshire.txt"
    changed.write_bytes(SEED.read_bytes().replace(words, b"Reworded in the browser:", 1))
    page.set_viewport_size({"width": 375, "height": 800})

    sign_in(page, live_server, personas.improvement_lead.username)
    page.goto(live_server.url + reverse("plans:import"))
    page.get_by_label("Upload a plan file").set_input_files(str(changed))
    page.get_by_role("button", name="Upload and check").click()
    page.get_by_role("button", name="Check what will change").click()

    page.get_by_role("heading", name=f"Check what will change in {plan.title}").wait_for()
    assert page.get_by_text("Nothing has changed yet").is_visible()
    assert page.locator("#changed").is_visible()
    assert page.get_by_role("cell", name="Reworded in the browser:", exact=False).first.is_visible()
    assert axe_violations(page) == []
    assert fits(page)
    action.refresh_from_db()
    assert not action.text.startswith("Reworded")

    page.get_by_role("button", name="Update the plan").click()
    page.get_by_text("The plan has been imported").wait_for()
    action.refresh_from_db()
    assert action.text.startswith("Reworded in the browser:")
