"""The eleven lists of Ofsted's Annex A (ILACS child-level data), as laid out from January 2024.

Each column has a key (its name in the measures' SQL), the header Ofsted's template gives
it, the other headers councils write for it, and a kind that says how its cells are read
(see cells.py). Identifiers and dates of birth are marked private: their values never
appear in problems, logs or the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    ID = "id"  # compared as trimmed text
    DATE = "date"  # an Excel date or D/M/YYYY text
    ANSWER = "answer"  # yes / no, or what was written
    COUNT = "count"  # a whole number
    NUMBER = "number"
    CODE = "code"  # "a) Male": the "a) " is dropped
    TEXT = "text"


@dataclass(frozen=True)
class Field:
    key: str
    header: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    private: bool = False


@dataclass(frozen=True)
class ListSpec:
    number: int
    title: str
    fields: tuple[Field, ...]
    # (start, end) pairs whose end should not come before their start
    spans: tuple[tuple[str, str], ...] = ()
    has_children: bool = True
    by_key: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_key", {f.key: f for f in self.fields})

    @property
    def name(self) -> str:
        return f"List {self.number}"


def _f(key: str, header: str, kind: Kind, *aliases: str, private: bool = False) -> Field:
    return Field(key, header, kind, aliases, private)


CHILD_ID = _f("child_id", "Child Unique ID", Kind.ID, "Child ID", "Unique Child ID", private=True)
GENDER = _f("gender", "Gender", Kind.CODE)
ETHNICITY = _f("ethnicity", "Ethnicity", Kind.CODE)
DATE_OF_BIRTH = _f("date_of_birth", "Date of Birth", Kind.DATE, "DOB", private=True)
AGE = _f("age", "Age of Child (Years)", Kind.NUMBER, "Age")
DISABILITY = _f("disability", "Does the Child have a Disability", Kind.ANSWER, "Disability")
TEAM = _f("allocated_team", "Allocated Team", Kind.TEXT, "Team")
WORKER = _f("allocated_worker", "Allocated Worker", Kind.TEXT, "Worker")
FAMILY_ID = _f("family_id", "Family identifier", Kind.ID, "Family ID", private=True)
CHILD = (CHILD_ID, GENDER, ETHNICITY, DATE_OF_BIRTH, AGE)

LISTS: dict[int, ListSpec] = {
    spec.number: spec
    for spec in (
        ListSpec(
            1,
            "Contacts",
            (
                *CHILD,
                _f("contact_date", "Date of Contact", Kind.DATE),
                _f("contact_source", "Contact Source", Kind.CODE),
            ),
        ),
        ListSpec(
            2,
            "Early help assessments",
            (
                *CHILD,
                _f("assessment_start_date", "Assessment start date", Kind.DATE),
                _f("assessment_completion_date", "Assessment completion date", Kind.DATE),
                _f("assessment_organisation", "Organisation completing assessment", Kind.TEXT),
            ),
            spans=(("assessment_start_date", "assessment_completion_date"),),
        ),
        ListSpec(
            3,
            "Referrals",
            (
                *CHILD,
                _f("referral_date", "Date of Referral", Kind.DATE),
                _f("referral_source", "Referral Source", Kind.CODE),
                _f("referral_nfa", "Referral NFA", Kind.ANSWER),
                _f("referrals_last_12_months", "Number of Referrals in Last 12 Months", Kind.COUNT),
                TEAM,
                WORKER,
            ),
        ),
        ListSpec(
            4,
            "Assessments",
            (
                *CHILD,
                DISABILITY,
                _f("assessment_start_date", "Continuous Assessment Start Date", Kind.DATE),
                _f("child_seen", "Child Seen During Continuous Assessment", Kind.ANSWER),
                _f(
                    "assessment_authorised_date",
                    "Continuous Assessment Date of Authorisation",
                    Kind.DATE,
                ),
                _f(
                    "needs_support",
                    "Was the child assessed as requiring LA children's social care support",
                    Kind.CODE,
                ),
                TEAM,
                WORKER,
            ),
            spans=(("assessment_start_date", "assessment_authorised_date"),),
        ),
        ListSpec(
            5,
            "Section 47 enquiries and ICPCs",
            (
                *CHILD,
                DISABILITY,
                _f(
                    "strategy_discussion_date",
                    "Strategy discussion initiating Section 47 Enquiry Start Date",
                    Kind.DATE,
                ),
                _f(
                    "icpc_unnecessary",
                    "Was an Initial Child Protection Conference deemed unnecessary",
                    Kind.ANSWER,
                ),
                _f("icpc_date", "Date of Initial Child Protection Conference", Kind.DATE),
                _f(
                    "icpc_resulted_in_plan",
                    "Did the Initial Child Protection Conference Result in a Child Protection Plan",
                    Kind.ANSWER,
                ),
                _f(
                    "s47_enquiries_last_12_months",
                    "Number of Section 47 Enquiries in the last 12 months",
                    Kind.COUNT,
                ),
                _f("icpcs_last_12_months", "Number of ICPCs in the last 12 months", Kind.COUNT),
                TEAM,
                WORKER,
            ),
            spans=(("strategy_discussion_date", "icpc_date"),),
        ),
        ListSpec(
            6,
            "Children in need",
            (
                *CHILD,
                DISABILITY,
                _f("cin_start_date", "CIN Start Date", Kind.DATE),
                _f("primary_need", "Primary Need Code", Kind.CODE),
                _f("last_seen_date", "Date Child Was Last Seen", Kind.DATE),
                _f("cin_closure_date", "CIN Closure Date", Kind.DATE),
                _f("closure_reason", "Reason for Closure", Kind.CODE),
                _f("case_status", "Case Status", Kind.CODE),
                TEAM,
                WORKER,
            ),
            spans=(("cin_start_date", "cin_closure_date"),),
        ),
        ListSpec(
            7,
            "Child protection plans",
            (
                *CHILD,
                DISABILITY,
                _f("cp_plan_start_date", "Child Protection Plan Start Date", Kind.DATE),
                _f("initial_abuse_category", "Initial Category of Abuse", Kind.CODE),
                _f("latest_abuse_category", "Latest Category of Abuse", Kind.CODE),
                _f("last_visit_date", "Date of the Last Statutory Visit", Kind.DATE),
                _f("seen_alone", "Was the Child Seen Alone", Kind.ANSWER),
                _f("latest_review_date", "Date of latest review conference", Kind.DATE),
                _f("cp_plan_end_date", "Child Protection Plan End Date", Kind.DATE),
                _f(
                    "emergency_protection",
                    "Subject to Emergency Protection Order or Protected Under Police Powers "
                    "in Last Six Months (Y/N)",
                    Kind.ANSWER,
                ),
                _f("previous_cp_plans", "Number of Previous Child Protection Plans", Kind.COUNT),
                TEAM,
                WORKER,
            ),
            spans=(("cp_plan_start_date", "cp_plan_end_date"),),
        ),
        ListSpec(
            8,
            "Children in care",
            (
                *CHILD,
                _f(
                    "uasc",
                    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
                    Kind.ANSWER,
                    # Ofsted's own template has the stray bracket.
                    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))",
                ),
                DISABILITY,
                _f("care_start_date", "Date Started to be Looked After", Kind.DATE),
                _f("category_of_need", "Child's Category of Need", Kind.CODE),
                _f(
                    "second_period_in_care",
                    "Is this a second or subsequent period of being a Looked After Child "
                    "within the last 12 months (Y/N)",
                    Kind.ANSWER,
                ),
                _f("legal_status_start_date", "Start date of current legal status", Kind.DATE),
                _f("legal_status", "Child's Legal Status", Kind.CODE),
                _f("latest_review_date", "Date of Latest Statutory Review", Kind.DATE),
                _f("last_visit_date", "Date of Last Social Work Visit", Kind.DATE),
                _f("permanence_plan", "What is the permanence plan for this child", Kind.CODE),
                _f(
                    "last_iro_contact_date",
                    "Date of Last IRO Visit / Contact to the Child",
                    Kind.DATE,
                ),
                _f("last_health_assessment_date", "Date of Last Health Assessment", Kind.DATE),
                _f("last_dental_check_date", "Date of Last Dental Check", Kind.DATE),
                _f(
                    "placements_last_12_months",
                    "Number of Placements in the Last 12 months",
                    Kind.COUNT,
                ),
                _f("care_end_date", "Date Ceased to be Looked After", Kind.DATE),
                _f("reason_ceased", "Reason Ceased to be Looked After", Kind.CODE),
                _f("placement_start_date", "Start Date of Most Recent Placement", Kind.DATE),
                _f("placement_type", "Placement Type", Kind.CODE),
                _f("placement_provider", "Placement Provider", Kind.CODE),
                _f("placement_postcode", "Placement postcode", Kind.TEXT),
                _f("placement_urn", "URN of Placement", Kind.TEXT),
                _f("placement_location", "Placement Location", Kind.TEXT),
                _f("placement_la", "LA of Placement", Kind.TEXT),
                _f(
                    "missing_episodes_last_12_months",
                    "Number of Episodes the Child has been 'Missing' from their Placement "
                    "in the last 12 months",
                    Kind.COUNT,
                ),
                _f(
                    "absent_episodes_last_12_months",
                    "Number of Episodes the Child has been 'Absent' from their Placement "
                    "in the last 12 months",
                    Kind.COUNT,
                ),
                _f(
                    "return_interview_offered",
                    "Was the child offered a Return Interview after their last missing "
                    "episode (Y/N)",
                    Kind.ANSWER,
                ),
                _f(
                    "return_interview_accepted",
                    "Did the child accept a Return Interview after their last missing "
                    "episode (Y/N)",
                    Kind.ANSWER,
                ),
                TEAM,
                WORKER,
            ),
            spans=(("care_start_date", "care_end_date"),),
        ),
        ListSpec(
            9,
            "Care leavers",
            (
                *CHILD,
                _f(
                    "uasc",
                    "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or "
                    "over (Y/N)",
                    Kind.ANSWER,
                ),
                DISABILITY,
                TEAM,
                WORKER,
                _f(
                    "personal_adviser",
                    "Allocated Personal Advisor",
                    Kind.TEXT,
                    "Allocated Personal Adviser",
                ),
                _f("eligibility", "Eligibility Category", Kind.CODE),
                _f("pathway_plan_review_date", "Latest Pathway Plan Review Date", Kind.DATE),
                _f("in_touch", "LA in Touch", Kind.CODE),
                _f("latest_contact_date", "Latest Date of Contact", Kind.DATE),
                _f("accommodation_type", "Type of Accommodation", Kind.CODE),
                _f("accommodation_suitable", "Suitability of Accommodation", Kind.CODE),
                _f("activity", "Activity Status", Kind.CODE),
            ),
        ),
        ListSpec(
            10,
            "Adoption",
            (
                CHILD_ID,
                FAMILY_ID,
                *CHILD[1:],
                DISABILITY,
                _f("care_start_date", "Date the Child Entered Care", Kind.DATE),
                _f(
                    "adoption_decision_date",
                    "Date of Decision that Child Should be Placed for Adoption",
                    Kind.DATE,
                ),
                _f("placement_order_date", "Date of Placement Order", Kind.DATE),
                _f("matching_date", "Date of Matching Child and Prospective Adopters", Kind.DATE),
                _f("placed_for_adoption_date", "Date Placed for Adoption", Kind.DATE),
                _f("adoption_order_date", "Date of Adoption Order", Kind.DATE),
                _f(
                    "no_longer_adoption_date",
                    "Date of Decision that Child Should No Longer be Placed for Adoption",
                    Kind.DATE,
                ),
                _f(
                    "no_longer_adoption_reason",
                    "Reason Why Child No Longer Placed for Adoption",
                    Kind.CODE,
                ),
                _f(
                    "ffa_placement_date",
                    "Date the child was placed for fostering in FFA or concurrent planning "
                    "placement",
                    Kind.DATE,
                ),
            ),
        ),
        ListSpec(
            11,
            "Adopters",
            (
                _f("adopter_id", "Individual adopter identifier", Kind.ID, private=True),
                FAMILY_ID,
                GENDER,
                ETHNICITY,
                _f("disability", "Disability", Kind.ANSWER),
                _f(
                    "fostering_for_adoption",
                    "Is the (prospective) adopter fostering for adoption",
                    Kind.ANSWER,
                ),
                _f("enquiry_date", "Date enquiry received", Kind.DATE),
                _f("stage_1_start_date", "Date Stage 1 started", Kind.DATE),
                _f("stage_1_end_date", "Date Stage 1 ended", Kind.DATE),
                _f("stage_2_start_date", "Date Stage 2 started", Kind.DATE),
                _f("stage_2_end_date", "Date Stage 2 ended", Kind.DATE),
                _f("application_date", "Date application submitted", Kind.DATE),
                _f("approval_date", "Date application approved", Kind.DATE),
                _f("matched_date", "Date adopter matched with child(ren)", Kind.DATE),
                _f("placed_date", "Date child/children placed with adopter(s)", Kind.DATE),
                _f("children_placed", "No. of children placed", Kind.COUNT),
                _f("adoption_order_date", "Date of Adoption Order", Kind.DATE),
                _f("left_process_date", "Date of leaving adoption process", Kind.DATE),
                _f("left_process_reason", "Reason for leaving adoption process", Kind.CODE),
            ),
            spans=(
                ("stage_1_start_date", "stage_1_end_date"),
                ("stage_2_start_date", "stage_2_end_date"),
            ),
            has_children=False,
        ),
    )
}
