"""Shared fixtures: a realistic plan document, built by hand in the interchange model."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import settings

from actionplan import interchange as ix

# Property tests run the same examples on every run (a seed from each test), so that a run
# fails because the code changed, not because the search was luckier this time;
# HYPOTHESIS_PROFILE=explore searches new examples (docs: README, "Tests").
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

D = dt.date


def person(name: str, text: str = "") -> ix.Party:
    return ix.Party(name=name, kind=ix.PartyKind.PERSON, text=text)


def realistic_document() -> ix.PlanDocument:
    """A plan shaped like the North Yorkshire one: every feature the interchange has."""
    judith, julie = person("Judith Hay"), person("Julie Firth", text="JF")
    smt = ix.Party(name="CSC SMT/ DCS Managers", kind=ix.PartyKind.GROUP)
    hos = ix.Party(name="Head of Safeguarding", kind=ix.PartyKind.ROLE)
    nyas = ix.Party(name="NYAS", kind=ix.PartyKind.ORGANISATION)
    return ix.PlanDocument(
        source=ix.Source(file="plan.txt", format="text"),
        plan=ix.PlanInfo(
            title="Post Inspection Action Plan",
            organisation="North Yorkshire County Council",
            lead_body="NYCC - CYPS",
            period=ix.Period(start=D(2012, 12, 1), end=D(2013, 6, 30)),
            timescales=[
                ix.Timescale(
                    key="immediate",
                    label="Immediate",
                    due=D(2012, 12, 31),
                    text="Completed by end of December 2012",
                ),
                ix.Timescale(key="short", label="Short Term", due=D(2013, 3, 31)),
                ix.Timescale(key="medium", label="Medium Term", due=D(2013, 6, 30)),
            ],
            inspection="Inspection of local authority arrangements for the protection of children",
            inspectorate="Ofsted",
            cover=ix.Cover(
                title="COVERING REPORT Post Inspection Action Plan",
                committee="Young Peoples Overview & Scrutiny Committee",
                date=D(2013, 1, 25),
                author="Stephanie Bratcher",
                author_role="Corporate Development Officer",
                recommendations=["ensure that children's views are detailed", "ensure scrutiny"],
            ),
        ),
        people=[
            ix.Person(name="Judith Hay", aliases=["JH", "Judith"], role="Assistant Director"),
            ix.Person(name="Julie Firth", aliases=["JF"], organisation="NYCC"),
            ix.Person(name="Alan Tucker", aliases=["Alan T"]),
        ],
        bodies=[
            ix.Body(
                abbreviation="CYPLT",
                name="Children and Young People's Leadership Team",
                aliases=["CYLPT"],
                kind="management team",
            ),
            ix.Body(
                abbreviation="LSCB",
                name="North Yorkshire Safeguarding Children Board",
                aliases=["NYSCB"],
                kind="board",
            ),
            ix.Body(abbreviation="SMT", name="CSC senior management team"),
        ],
        recommendations=[
            ix.Recommendation(
                number="1.0",
                title="Ensure that children's views are explicitly detailed in case files",
                timescale="immediate",
                overall_responsibility=[judith],
                where="line 66",
                actions=[
                    ix.Action(
                        ref="1",
                        text="CSC SMT to determine practice model (Alan T to draft standards)",
                        resources="Existing",
                        leads=[smt],
                        mentions=[person("Alan Tucker", text="Alan T")],
                        milestones=[
                            ix.Milestone(
                                text="Minuted agreement November 2012.",
                                due=D(2012, 11, 30),
                                start=D(2012, 11, 1),
                                precision="month",
                            )
                        ],
                        reporting=[
                            ix.Reporting(
                                text="SMT December 2012",
                                body="SMT",
                                due=D(2012, 12, 31),
                                precision="month",
                            )
                        ],
                        lead_text="CSC SMT/ DCS Managers",
                        milestones_text="Minuted agreement November 2012.",
                        reporting_text="SMT December 2012",
                        ref_inferred=True,
                        where="line 71",
                        extra={"Ofsted Para No": "12", "Success measures": "100% of files"},
                        progress=[
                            ix.Progress(as_at=D(2013, 1, 31), status="Complete", rag="blue"),
                        ],
                    ),
                    ix.Action(
                        ref="4",
                        number="4.",
                        text="Instructions issued to all relevant staff",
                        leads=[judith],
                        due=D(2012, 11, 30),
                    ),
                    ix.Action(
                        ref="4a",
                        parent_ref="4",
                        number="4a",
                        text="Ensure compliance through staff supervision",
                        leads=[judith],
                        milestones=[
                            ix.Milestone(text="Audit of supervision – May 2013", due=D(2013, 5, 31))
                        ],
                        reporting=[
                            ix.Reporting(
                                text="Report to SMT July2012", body="SMT", due=D(2012, 7, 31)
                            )
                        ],
                        warnings=["a report due before the plan starts: 'Report to SMT July2012'"],
                        progress=[
                            ix.Progress(
                                as_at=D(2013, 2, 28),
                                status="On track",
                                rag="amber",
                                percent_complete=40,
                                text="Audit scheduled",
                            ),
                            ix.Progress(as_at=D(2013, 3, 31), rag="green", text="Audit done"),
                        ],
                    ),
                    ix.Action(
                        ref="5",
                        text="Audit for compliance for reporting to DCS, CYPLT, Members and LSCB.",
                        leads=[julie],
                        partners=[nyas, hos],
                        reporting=[
                            ix.Reporting(
                                text="Report to CYPLT, Exec Members, LSCB – June 2013",
                                body="CYPLT",
                                due=D(2013, 6, 30),
                            ),
                            ix.Reporting(
                                text="Report to CYPLT, Exec Members, LSCB – June 2013",
                                body="LSCB",
                                due=D(2013, 6, 30),
                            ),
                            ix.Reporting(
                                text="Bi-annual ViewPoint findings report",
                                body="Performance Board",
                                frequency="twice a year",
                            ),
                        ],
                    ),
                ],
            ),
            ix.Recommendation(
                number="4.0",
                title="Ensure all children in need have outcome focused plans",
                timescale="short",
                overall_responsibility=[judith, hos],
                overview=["Two parts to this work:- (A) Immediate (B) Developmental"],
                actions=[
                    ix.Action(ref="A.1", part="A", text="Ensure compliance", leads=[hos]),
                    ix.Action(ref="A.1a", parent_ref="A.1", part="A", text="Monitoring"),
                    ix.Action(ref="B.2", part="B", text="Consult partners", partners=[nyas]),
                    ix.Action(ref="B.2", part="B", text="Consult partners again"),
                    ix.Action(
                        ref=None,
                        part="B",
                        text="Roll out training",
                        cross_references=[ix.CrossReference(recommendation="1.0", text="As (1)")],
                    ),
                ],
            ),
            ix.Recommendation(
                number="10.0",
                title="Ensure that elected members routinely scrutinise child protection",
                timescale=None,
                cross_references=[
                    ix.CrossReference(recommendation="4.0", text="See Recommendation 4.0"),
                    ix.CrossReference(recommendation="11.0", text="See Recommendation 11.0"),
                ],
                actions=[
                    ix.Action(
                        ref="1",
                        phase="Phase 1",
                        text="Revise current CYPS Performance Reporting Cycle",
                        leads=[person("Judith Hay", text="JH")],
                    ),
                    ix.Action(ref="2", phase="Phase 2", text="Extend the reach", progress=[]),
                ],
            ),
            ix.Recommendation(number="11.0", title="A recommendation with no actions yet"),
        ],
        warnings=[
            ix.Warning(
                where="Recommendation 1.0, action 4a",
                message="a report due before the plan starts",
                recommendation="1.0",
                action="4a",
                text="Report to SMT July2012",
            ),
            ix.Warning(where="line 200", message="CYLPT read as CYPLT", text="CYLPT"),
        ],
    )


@pytest.fixture
def plan_doc() -> ix.PlanDocument:
    return realistic_document()


# --- web: fast passwords, the seed plan, and the personas of issue 3 ----------------------


@pytest.fixture
def client():
    """Django's test client, whose force_login also gives the second factor to those who
    need it (support/secondfactor.py)."""
    from support.secondfactor import VerifyingClient

    return VerifyingClient()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Argon2 is slow by design; tests hash with MD5."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves entries keyed by ids
    (and write versions) that the next test's rows may have again (monitoring/cached.py)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def seed_doc() -> ix.PlanDocument:
    """The real North Yorkshire plan, parsed once per test run."""
    from actionplan.importing.pipeline import parse_file
    from support.seed import SEED

    return parse_file(SEED)


@pytest.fixture
def seed_plan(db, seed_doc):
    from actionplan.plans.services import store_plan

    return store_plan(seed_doc.model_copy(deep=True)).plan


PASSWORD = "correct horse battery staple"


@pytest.fixture
def personas(db, seed_plan):
    """One user per role of issue 3 on the seed plan, and an outsider who runs a plan of
    another council. Each has the password PASSWORD."""
    from support.personas import make_personas

    return make_personas(seed_plan, PASSWORD, realistic_document())
