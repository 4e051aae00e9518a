"""The gazetteer: every entity geokg knows by name, and the words around them.

Extraction can only link what it can name, so this is where "DPRK", "Pyongyang"
and "North Korean" become PRK, "Kremlin" becomes RUS and "Blinken" becomes
antony-blinken. The knowledge is hand-curated data in `ontology/gazetteer/*.toml`
(each file documents its choices); the ISO 3166 list itself comes from
`pycountry` at load time so that it is never retyped and never goes stale.

Loading validates the data rather than trusting it: a surface form claimed by
two entities, a member or affiliation that names no entity, or a curated code
that is not ISO and not declared a territory is an error, so a typo in a data
file fails the tests instead of silently linking the wrong actor.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

from graph.model import Entity
from graph.resources import data_path

DEFAULT_DIRECTORY = data_path("gazetteer")
ROLES = ("leaderOf", "officialOf")
NAME_KINDS = ("name", "short", "demonym", "people", "capital", "metonym", "alias", "surname")

# Letters that Unicode decomposition leaves alone but names use ("Radosław", "Løkke").
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                       "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "þ": "th"})


@dataclass(frozen=True)
class Name:
    """One exact, case-sensitive surface form of an entity ("DPRK" → PRK, kind "short")."""

    text: str
    entity_id: str
    kind: str


@dataclass(frozen=True)
class Title:
    """A lower-case title phrase and the affiliation it gives its bearer."""

    words: str
    role: str


@dataclass(frozen=True)
class BodyKind:
    """A kind of government body, named by a head phrase next to a country word."""

    words: str
    slug: str
    label: str
    actor: bool
    speaks_for_state: bool


@dataclass(frozen=True)
class PersonInfo:
    """What a known person is: leader or official, and of which entity."""

    entity_id: str
    role: str
    of: str


def slugify(text: str) -> str:
    """A stable id from a name: "Kim Jong Un" → "kim-jong-un", accents and apostrophes dropped."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


class Gazetteer:
    """Entities, their surface forms, titles and body kinds, with the lookups extraction needs."""

    def __init__(self, entities: dict[str, Entity], names: list[Name], titles: list[Title],
                 bodies: list[BodyKind], persons: dict[str, PersonInfo],
                 non_actors: frozenset[str], state_media: frozenset[str]):
        self.entities = entities
        self.names = names
        self.titles = titles
        self.bodies = bodies
        self.persons = persons
        self.non_actors = non_actors
        self.state_media = state_media
        self._memberships: dict[str, tuple[str, ...]] = {}
        for org in entities.values():
            for member in org.members:
                self._memberships[member] = (*self._memberships.get(member, ()), org.id)
        self._person_ids: dict[str, str] = {}
        for name in names:
            if name.entity_id in persons:
                self._person_ids[name.text] = name.entity_id
                self._person_ids[slugify(name.text)] = name.entity_id
        self._made: dict[str, Entity] = {}

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def body(self, country_id: str, kind: BodyKind) -> Entity:
        """The body of a country: "Serbian defence ministry" → srb-defence-ministry.

        A named body ("Pentagon" is usa-defence-ministry) is returned as curated,
        so that "the US defense department" and "the Pentagon" are one entity.
        """
        entity_id = f"{country_id.lower()}-{kind.slug}"
        known = self.entities.get(entity_id) or self._made.get(entity_id)
        if known is not None:
            return known
        country = self.entities.get(country_id)
        if country is None or country.type != "Country":
            raise KeyError(f"body({country_id!r}): not a country id of the gazetteer")
        made = Entity(entity_id, f"{country.label} {kind.label}", "Organization", country_id,
                      parent=country_id)
        self._made[entity_id] = made
        return made

    def person(self, name: str, country: str | None) -> Entity:
        """A known person by any name, alias or distinctive surname, else a new Person.

        Known people keep their curated nationality whatever `country` says; a new
        person gets id slugify(name) and the given country.
        """
        known = self._person_ids.get(name) or self._person_ids.get(slugify(name))
        if known is not None:
            return self.entities[known]
        return Entity(slugify(name), name, "Person", country)

    def members_of(self, org_id: str) -> tuple[str, ...]:
        entity = self.entities.get(org_id)
        return entity.members if entity else ()

    def memberships(self, entity_id: str) -> tuple[str, ...]:
        """Ids of the organizations whose member lists name this entity."""
        return self._memberships.get(entity_id, ())


@cache
def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """Read and check the gazetteer once per process (about 0.05 s on this machine)."""
    return _Builder(directory or DEFAULT_DIRECTORY).build()


class _Builder:
    """Collects entities and names from the data files, then checks and freezes them."""

    def __init__(self, directory: Path):
        self.data = {path.stem: tomllib.loads(path.read_text(encoding="utf-8"))
                     for path in sorted(directory.glob("*.toml"))}
        self.records: dict[str, dict[str, Any]] = {}
        self.names: list[Name] = []
        self.claimed: dict[str, str] = {}

    def build(self) -> Gazetteer:
        self._countries(self.data["countries"])
        self._organizations(self.data["organizations"]["org"], "Organization")
        self._organizations(self.data["groups"]["group"], "Group")
        media = self.data["media"]
        self._organizations(media["press"], "Organization")
        self._organizations(media["state_media"], "Organization")
        roles = self.data["roles"]
        self._named_bodies(roles["named_body"])
        persons = self._persons(self.data["persons"]["person"])
        self._locations(self.data["locations"]["location"])
        self._check_references()
        aliases: dict[str, list[str]] = {}
        for name in self.names:
            if name.text != self.records[name.entity_id]["label"]:
                aliases.setdefault(name.entity_id, []).append(name.text)
        entities = {eid: Entity(eid, r["label"], r["type"], r.get("country"),
                                tuple(aliases.get(eid, ())), r.get("wikidata"),
                                tuple(r.get("members", ())), r.get("parent"))
                    for eid, r in self.records.items()}
        return Gazetteer(entities, self.names, _titles(roles["titles"]), _bodies(roles["body"]),
                         persons, frozenset(media["press"]), frozenset(media["state_media"]))

    def _entity(self, entity_id: str, label: str, type_: str, named: bool = True,
                **fields: Any) -> None:
        """Record an entity; its label is also a surface form unless `named` is false."""
        if entity_id in self.records:
            raise ValueError(f"entity id {entity_id!r} is defined twice")
        wikidata = fields.get("wikidata")
        if wikidata is not None and not re.fullmatch(r"Q[1-9]\d*", wikidata):
            raise ValueError(f"{entity_id}: bad Wikidata id {wikidata!r}")
        self.records[entity_id] = {"label": label, "type": type_, **fields}
        if named:
            self._name(label, entity_id, "name")

    def _name(self, text: str, entity_id: str, kind: str) -> None:
        """Claim a surface form; the first kind given for an entity's form wins."""
        owner = self.claimed.get(text)
        if owner == entity_id:
            return
        if owner is not None:
            raise ValueError(f"surface form {text!r} names both {owner!r} and {entity_id!r}")
        self.claimed[text] = entity_id
        self.names.append(Name(text, entity_id, kind))

    def _names(self, entity_id: str, table: dict[str, Any], kinds: dict[str, str]) -> None:
        for key, kind in kinds.items():
            for text in table.get(key, ()):
                self._name(text, entity_id, kind)

    def _countries(self, data: dict[str, Any]) -> None:
        curated: dict[str, dict[str, Any]] = data["country"]
        sovereign = {code: s for s, codes in data["dependencies"].items() for code in codes}
        iso = {c.alpha_3: c for c in pycountry.countries}
        for code, info in curated.items():
            if code not in iso and not info.get("territory"):
                raise ValueError(f"countries.toml: {code} is not ISO 3166 and not marked territory")
        for code in [*iso, *(c for c in curated if c not in iso)]:
            info = curated.get(code, {})
            record = iso.get(code)
            official = [getattr(record, k, None) for k in ("common_name", "name", "official_name")]
            label = info.get("label") or next(n for n in official if n)
            excluded = set(info.get("exclude", ()))
            self._entity(code, label, "Country", named=label not in excluded, country=code,
                         wikidata=info.get("wikidata"), parent=sovereign.get(code))
            for text in official:
                text = re.sub(r"^the ", "", text or "")
                if text and text not in excluded and not re.search(r"[,(]", text):
                    self._name(text, code, "name")
            self._names(code, info, {"names": "name", "short": "short", "demonyms": "demonym",
                                     "people": "people", "capitals": "capital",
                                     "metonyms": "metonym"})

    def _organizations(self, tables: dict[str, dict[str, Any]], type_: str) -> None:
        for entity_id, info in tables.items():
            self._entity(entity_id, info["label"], type_, country=info.get("country"),
                         wikidata=info.get("wikidata"), members=info.get("members", ()),
                         parent=info.get("parent"))
            self._names(entity_id, info, {"names": "name", "short": "short"})

    def _named_bodies(self, tables: list[dict[str, Any]]) -> None:
        for info in tables:
            country = info["country"]
            entity_id = f"{country.lower()}-{info['slug']}"
            self._entity(entity_id, info["label"], "Organization", country=country, parent=country)
            self._names(entity_id, info, {"names": "name"})

    def _persons(self, rows: list[dict[str, Any]]) -> dict[str, PersonInfo]:
        persons = {}
        for row in rows:
            entity_id = slugify(row["name"])
            if row["role"] not in ROLES:
                raise ValueError(f"{entity_id}: role must be one of {ROLES}")
            # Someone who leads or serves an organisation acts for it, not for their
            # nationality: the UN Secretary-General's words are not Portugal's.
            serves = self.records.get(row["of"], {})
            country = row["country"] if serves.get("type") == "Country" else None
            self._entity(entity_id, row["name"], "Person", country=country,
                         wikidata=row.get("wikidata"), parent=row["of"])
            self._names(entity_id, row, {"aliases": "alias", "surnames": "surname"})
            persons[entity_id] = PersonInfo(entity_id, row["role"], row["of"])
        return persons

    def _locations(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            entity_id = row.get("id") or slugify(row["name"])
            self._entity(entity_id, row["name"], "Location", country=row.get("country"))
            self._names(entity_id, row, {"aliases": "alias", "demonyms": "demonym",
                                         "people": "people"})

    def _check_references(self) -> None:
        for entity_id, record in self.records.items():
            refs = [record.get("country"), record.get("parent"), *record.get("members", ())]
            for ref in refs:
                if ref is not None and ref not in self.records:
                    raise ValueError(f"{entity_id}: refers to unknown entity {ref!r}")


def _titles(data: dict[str, list[str]]) -> list[Title]:
    titles = [Title(words, role) for role in ROLES for words in data[role]]
    _unique(t.words for t in titles)
    return titles


def _bodies(tables: list[dict[str, Any]]) -> list[BodyKind]:
    bodies = [BodyKind(words, t["slug"], t["label"], t["actor"], t["speaks_for_state"])
              for t in tables for words in t["words"]]
    _unique(b.words for b in bodies)
    return bodies


def _unique(phrases: Iterable[str]) -> None:
    seen: set[str] = set()
    for phrase in phrases:
        if phrase in seen or phrase != phrase.lower():
            raise ValueError(f"phrase {phrase!r} is repeated or not lower-case")
        seen.add(phrase)
