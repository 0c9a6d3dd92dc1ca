"""What the importer knows before it reads a plan: bodies, roles, organisations, and the
words that mark a phrase as a role, a group or an organisation. Loaded from
data/catalogue.json so councils can extend it without touching the parser."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class KnownBody:
    abbreviation: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None  # abbreviations that mean this body, e.g. NYSCB


@dataclass(frozen=True)
class KnownName:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    bodies: tuple[KnownBody, ...]
    roles: tuple[KnownName, ...]
    organisations: tuple[KnownName, ...]
    service_prefixes: frozenset[str]
    organisation_words: frozenset[str]
    group_words: frozenset[str]
    role_words: frozenset[str]
    not_names: frozenset[str]
    rag_colours: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    honorifics: frozenset[str] = frozenset()  # "DI Sarah Penrose", "Cllr Jo Bloggs"
    lead_column_nouns: dict[str, str] = field(default_factory=dict, compare=False)  # -> kind
    _role_index: dict[str, str] = field(default_factory=dict, compare=False)
    _org_index: dict[str, str] = field(default_factory=dict, compare=False)

    def role(self, text: str) -> str | None:
        """The canonical role a phrase names ('HOS' -> 'Head of Service'), if any."""
        return self._role_index.get(_fold(text))

    def organisation(self, text: str) -> str | None:
        return self._org_index.get(_fold(text))


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().casefold()


@cache
def load() -> Catalogue:
    raw = json.loads(
        resources.files("actionplan.importing").joinpath("data/catalogue.json").read_text()
    )
    roles = tuple(KnownName(r["name"], tuple(r["aliases"])) for r in raw["roles"])
    orgs = tuple(KnownName(o["name"], tuple(o["aliases"])) for o in raw["organisations"])
    role_index = {_fold(a): r.name for r in roles for a in (r.name, *r.aliases)}
    org_index = {_fold(a): o.name for o in orgs for a in (o.name, *o.aliases)}
    return Catalogue(
        bodies=tuple(
            KnownBody(
                abbreviation=b["abbreviation"],
                name=b["name"],
                kind=b["kind"],
                aliases=tuple(b["aliases"]),
                pattern=re.compile(b["pattern"]) if b.get("pattern") else None,
            )
            for b in raw["bodies"]
        ),
        roles=roles,
        organisations=orgs,
        service_prefixes=frozenset(raw["service_prefixes"]),
        organisation_words=frozenset(raw["organisation_words"]),
        group_words=frozenset(raw["group_words"]),
        role_words=frozenset(raw["role_words"]),
        not_names=frozenset(raw["not_names"]),
        honorifics=frozenset(raw.get("honorifics", ())),
        lead_column_nouns={
            noun: kind
            for noun, kind in raw.get("lead_column_nouns", {}).items()
            if not noun.startswith("_")
        },
        rag_colours={
            rag: tuple(swatches)
            for rag, swatches in raw.get("rag_colours", {}).items()
            if not rag.startswith("_")
        },
        _role_index=role_index,
        _org_index=org_index,
    )
