"""The people of issue 3, as users with memberships of the seed plan."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from actionplan.accounts.models import Membership, Role
from actionplan.plans.models import Action, ActionParty, Party, Plan
from actionplan.plans.services import store_plan


@dataclass
class Personas:
    plan: Plan
    improvement_lead: object
    lead_officer: object
    partner: object
    member: object
    inspector: object
    outsider: object
    outsider_plan: Plan
    lead_party: Party
    partner_party: Party

    def all(self) -> dict[str, object]:
        return {
            "improvement_lead": self.improvement_lead,
            "lead_officer": self.lead_officer,
            "partner": self.partner,
            "member": self.member,
            "inspector": self.inspector,
            "outsider": self.outsider,
        }

    def led_action(self) -> Action:
        return Action.objects.filter(
            recommendation__plan=self.plan,
            action_parties__party=self.lead_party,
            action_parties__role=ActionParty.Role.LEAD,
        ).first()

    def partnered_action(self) -> Action:
        return Action.objects.filter(
            recommendation__plan=self.plan,
            action_parties__party=self.partner_party,
            action_parties__role=ActionParty.Role.PARTNER,
        ).first()

    def action_of_neither(self) -> Action:
        return (
            Action.objects.filter(recommendation__plan=self.plan)
            .exclude(action_parties__party__in=[self.lead_party, self.partner_party])
            .first()
        )


def _party_with_most(plan: Plan, role: str, kinds: list[str]) -> Party:
    return (
        Party.objects.filter(kind__in=kinds, action_roles__action__recommendation__plan=plan)
        .annotate(n=Count("action_roles", filter=Q(action_roles__role=role)))
        .filter(n__gt=0)
        .order_by("-n", "name", "pk")
        .first()
    )


def make_personas(plan: Plan, password: str, outsider_doc) -> Personas:
    users = get_user_model().objects

    def user(username: str, role: str | None, party: Party | None = None, on: Plan = plan):
        u = users.create_user(username, f"{username}@example.gov.uk", password)
        if role:
            Membership.objects.create(user=u, plan=on, role=role, party=party)
        return u

    lead_party = _party_with_most(plan, ActionParty.Role.LEAD, [Party.Kind.PERSON])
    partner_party = _party_with_most(
        plan, ActionParty.Role.PARTNER, [Party.Kind.ORGANISATION, Party.Kind.PERSON]
    )
    outsider_plan = store_plan(outsider_doc, organisation_name="Anyshire Council").plan
    return Personas(
        plan=plan,
        improvement_lead=user("ilead", Role.IMPROVEMENT_LEAD),
        lead_officer=user("officer", Role.LEAD_OFFICER, lead_party),
        partner=user("partner", Role.PARTNER, partner_party),
        member=user("member", Role.MEMBER),
        inspector=user("inspector", Role.INSPECTOR),
        outsider=user("outsider", Role.IMPROVEMENT_LEAD, on=outsider_plan),
        outsider_plan=outsider_plan,
        lead_party=lead_party,
        partner_party=partner_party,
    )
