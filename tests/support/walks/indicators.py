"""The indicators app's URLs in the URL walk (tests/web/test_url_walk.py merges them).

EXPECTED: URL name -> {persona: status}, "*" for every persona not named.
ids(personas): URL name -> the args to reverse it with, on personas.plan.
guessed(personas): URLs with another council's ids in them; every reader must get 404.
"""

from __future__ import annotations

from django.urls import reverse

from actionplan.indicators.models import Indicator, ValuesImport

_READERS = {"improvement_lead", "lead_officer", "partner", "member", "inspector"}
_PAGE = {**dict.fromkeys(_READERS, 200), "outsider": 404, "anonymous": 302}
_MANAGE = {"*": 403, "improvement_lead": 200, "outsider": 404, "anonymous": 302}

EXPECTED: dict[str, dict[str, int]] = {
    "indicators:list": _PAGE,
    "indicators:indicator": _PAGE,
    "indicators:add": _MANAGE,
    "indicators:edit": _MANAGE,
    "indicators:import_values": _MANAGE,
    "indicators:values_import": _MANAGE,
    "indicators:compute": _MANAGE,
    # The walk's indicator is owned by the lead officer's party: they may record its values.
    "indicators:record_value": {**_MANAGE, "lead_officer": 200},
}


def _indicator(plan, owner=None) -> Indicator:
    indicator, _ = Indicator.objects.get_or_create(
        plan=plan, name="Walked indicator", defaults={"owner": owner, "target": 80}
    )
    return indicator


def _values_import(plan) -> ValuesImport:
    job, _ = ValuesImport.objects.get_or_create(
        plan=plan, filename="walked.csv", defaults={"data": b"", "today": "2013-03-31"}
    )
    return job


def ids(personas) -> dict[str, list]:
    plan = personas.plan
    on = [plan.pk, _indicator(plan, personas.lead_party).pk]
    return {
        "indicators:list": [plan.pk],
        "indicators:indicator": on,
        "indicators:add": [plan.pk],
        "indicators:edit": on,
        "indicators:import_values": [plan.pk],
        "indicators:values_import": [plan.pk, _values_import(plan).pk],
        "indicators:compute": [plan.pk],
        "indicators:record_value": on,
    }


def guessed(personas) -> list[str]:
    mine, theirs = personas.plan, personas.outsider_plan
    their = _indicator(theirs)
    urls = [
        reverse(f"indicators:{name}", args=[theirs.pk])
        for name in ("list", "add", "import_values", "compute")
    ]
    for name in ("indicator", "edit", "record_value"):
        urls += [
            reverse(f"indicators:{name}", args=[theirs.pk, their.pk]),
            # Their indicator under my plan's URL: still not mine.
            reverse(f"indicators:{name}", args=[mine.pk, their.pk]),
        ]
    theirs_import = _values_import(theirs).pk
    urls += [
        reverse("indicators:values_import", args=[theirs.pk, theirs_import]),
        reverse("indicators:values_import", args=[mine.pk, theirs_import]),
    ]
    urls.append(reverse("indicators:indicator", args=[mine.pk, 999_999]))
    return urls
