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

Beside the curated files, `ontology/gazetteer/petrarch/` holds data generated
from the PETRARCH-2/Phoenix dictionaries by `graph.knowledge.petrarch`: people
with date-ranged roles (`graph.dated`), "<surname> administration" forms, armed
groups of one country and agent nouns with their sector. Their surface forms are matched without regard
to case and may not repeat a curated form in any case (the loader refuses, as
for curated clashes: re-run the converter after adding a curated entry).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

from graph.cache import cached
from graph.dated import DatedPeople, DatedPerson, Holding
from graph.model import Entity
from graph.ontology import ONTOLOGY_PATH, sectors
from graph.resources import data_path

DEFAULT_DIRECTORY = data_path("gazetteer")
PETRARCH = "petrarch"
"""The subfolder of generated PETRARCH-2 data (graph.knowledge.petrarch writes it)."""
ROLES = ("leaderOf", "officialOf")
OWNER_MARKS = frozenset({"organization", "abroad"})
"""Values of roles.toml [title_owners] that are no entity id (see Title.default_owner)."""
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
    """A lower-case title phrase, the affiliation it gives its bearer, and their sector."""

    words: str
    role: str
    sector: str = "GOV"
    default_owner: str | None = None
    """Whose title it is when the text does not say: a country id, "organization" for the
    organisation last named ("Secretary-General" after "NATO"), or "abroad" for a title held
    away from home, which the place a story is filed from never owns ("Special Envoy X")."""


@dataclass(frozen=True)
class BodyKind:
    """A kind of body or sector group, named by a head phrase next to a country word."""

    words: str
    slug: str
    label: str
    actor: bool
    speaks_for_state: bool
    sector: str | None = None
    type: str = "Organization"


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
                 non_actors: frozenset[str], state_media: frozenset[str],
                 dated: dict[str, str] | None = None,
                 forms: dict[str, tuple[str, ...]] | None = None, agents: list[BodyKind] | None = None):
        self.entities = entities
        self.names = names
        self.titles = titles
        self.bodies = bodies
        self.persons = persons
        self.non_actors = non_actors
        self.state_media = state_media
        self.people = DatedPeople(dated or {})
        """People whose country and office depend on the date (graph.dated), by id."""
        self.forms = forms or {}
        """Generated surface forms, lower-case, and the ids they may name (several only for
        people the date tells apart); matched without regard to case."""
        self.agents = agents or []
        """Agent nouns ("soldiers", "militants") and the sector body of a country they name."""
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
        found = self.entities.get(entity_id)
        if found is None and entity_id in self.people:
            found = self.people.entity(entity_id, None)[0]
        return found

    def written_forms(self) -> dict[str, str]:
        """Each generated form as the data writes it, by its lower-case key ("President Bush")."""
        texts: dict[str, str] = {}
        for entity_id in self.people:
            for text in self.people.forms(entity_id):
                texts.setdefault(text.lower(), text)
        for ids in self.forms.values():
            if len(ids) == 1 and ids[0] in self.entities:
                for alias in self.entities[ids[0]].aliases:
                    texts.setdefault(alias.lower(), alias)
        return texts

    def is_dated(self, entity_id: str) -> bool:
        return entity_id in self.people

    def dated(self, entity_id: str) -> DatedPerson:
        """A person with date-ranged roles (graph.dated); KeyError for anyone else."""
        return self.people.person(entity_id)

    def dated_entity(self, entity_id: str, day: date | None) -> tuple[Entity, Holding]:
        """A dated person as they were on `day`: their country and sector then, and their office."""
        return self.people.entity(entity_id, day)

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
        made = Entity(entity_id, f"{country.label} {kind.label}", kind.type, country_id,
                      parent=country_id, sector=kind.sector)
        self._made[entity_id] = made
        return made

    def person(self, name: str, country: str | None, day: date | None = None,
               sector: str | None = None) -> Entity:
        """A known person by any name, alias or distinctive surname, else a new Person.

        Known people keep their curated nationality whatever `country` says; people
        with dated roles are who they were on `day` (graph.dated); a new person gets
        id slugify(name), the given country and, with it, the sector of their title.
        """
        known = self._person_ids.get(name) or self._person_ids.get(slugify(name))
        if known is not None:
            return self.entities[known]
        found = self.named(name, day)
        if found is not None and found.type == "Person" and self.could_be(found.id, country):
            return found
        return Entity(slugify(name), name, "Person", country, sector=sector if country else None)

    def could_be(self, entity_id: str, country: str | None) -> bool:
        """Whether a dated person may be the one the text places in `country`: "Sudanese General
        Ahmed Osman" is not the Moroccan official of that name. Curated people always may."""
        if country is None or not self.is_dated(entity_id):
            return True
        return any(role.country == country for role in self.dated(entity_id).roles)

    def named(self, form: str, day: date | None = None) -> Entity | None:
        """The entity a generated form names on `day` (case does not matter), or None."""
        ids = self.forms.get(form.lower())
        if not ids:
            return None
        if len(ids) > 1:
            ids = (min(ids, key=lambda i: self.dated(i).fit(day)),)
        return self.dated_entity(ids[0], day)[0] if self.is_dated(ids[0]) else self.entities.get(ids[0])

    def members_of(self, org_id: str) -> tuple[str, ...]:
        entity = self.entities.get(org_id)
        return entity.members if entity else ()

    def memberships(self, entity_id: str) -> tuple[str, ...]:
        """Ids of the organizations whose member lists name this entity."""
        return self._memberships.get(entity_id, ())


@cache
def load_gazetteer(directory: Path | None = None, curated_only: bool = False) -> Gazetteer:
    """Read and check the gazetteer once per process; `curated_only` leaves out the generated data.

    The checked result is kept in the compiled cache (graph.cache) until a data
    file, the ontology or this code changes: building it takes half a second.
    """
    directory = (directory or DEFAULT_DIRECTORY).resolve()
    name = f"gazetteer-{hashlib.sha1(str(directory).encode()).hexdigest()[:8]}{'-curated' if curated_only else ''}"
    return cached(name, gazetteer_inputs(directory),
                  lambda: _Builder(directory, not curated_only).build())


def gazetteer_inputs(directory: Path) -> list[Path]:
    """Every file a gazetteer is built from: its data, the ontology (sectors) and the code that reads them."""
    code = [Path(__file__), *(Path(__file__).with_name(name) for name in ("dated.py", "model.py", "cache.py"))]
    return [*directory.glob("*.toml"), *(directory / PETRARCH).glob("*.tsv"), ONTOLOGY_PATH, *code]


class _Builder:
    """Collects entities and names from the data files, then checks and freezes them."""

    def __init__(self, directory: Path, generated: bool = True):
        self.data = {path.stem: tomllib.loads(path.read_text(encoding="utf-8"))
                     for path in sorted(directory.glob("*.toml"))}
        self.generated = directory / PETRARCH if generated and (directory / PETRARCH).is_dir() else None
        self.records: dict[str, dict[str, Any]] = {}
        self.names: list[Name] = []
        self.claimed: dict[str, str] = {}
        self.generated_aliases: dict[str, list[str]] = {}

    def build(self) -> Gazetteer:
        self._countries(self.data["countries"])
        self._organizations(self.data["organizations"]["org"], "Organization")
        self._organizations(self.data["groups"]["group"], "Group")
        media = self.data["media"]
        self._organizations(media["press"], "Organization")
        self._organizations(media["state_media"], "Organization")
        roles = self.data["roles"]
        bodies = _bodies(roles["body"])
        self._named_bodies(roles["named_body"], {b.slug: b for b in bodies})
        persons = self._persons(self.data["persons"]["person"])
        self._locations(self.data["locations"]["location"])
        titles = _titles(roles["titles"], roles.get("title_sectors", {}), roles.get("title_owners", {}))
        unknown = {o for o in roles.get("title_owners", {}).values() if o not in OWNER_MARKS} - set(self.records)
        if unknown:
            raise ValueError(f"roles.toml [title_owners] names unknown entities: {sorted(unknown)}")
        dated, forms, agents = {}, {}, []
        if self.generated is not None:
            dated, forms = self._generated_people(self.generated / "persons.tsv")
            self._administrations(self.generated / "bodies.tsv", bodies, forms)
            self._generated_groups(self.generated / "groups.tsv", forms)
            agents = _agents(self.generated / "agents.tsv", roles["sector_body"], bodies, titles)
        self._check_references()
        aliases: dict[str, list[str]] = {}
        for name in self.names:
            if name.text != self.records[name.entity_id]["label"]:
                aliases.setdefault(name.entity_id, []).append(name.text)
        for entity_id, texts in self.generated_aliases.items():
            aliases.setdefault(entity_id, []).extend(texts)
        entities = {eid: Entity(eid, r["label"], r["type"], r.get("country"),
                                tuple(aliases.get(eid, r.get("aliases", ()))), r.get("wikidata"),
                                tuple(r.get("members", ())), r.get("parent"), r.get("sector"))
                    for eid, r in self.records.items()}
        return Gazetteer(entities, self.names, titles, bodies, persons,
                         frozenset(media["press"]), frozenset(media["state_media"]), dated, forms, agents)

    def _generated_people(self, path: Path) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
        """persons.tsv: dated people (kept as text until one is needed: there are many), and
        forms for curated people; every form is checked against the curated ones."""
        curated = {text.lower(): owner for text, owner in self.claimed.items()}
        dated: dict[str, str] = {}
        forms: dict[str, tuple[str, ...]] = {}
        shared: set[str] = set()
        for line in _rows(path):
            entity_id, label, texts, roles = line.split("\t")
            if label:
                if entity_id in self.records or entity_id in dated:
                    raise ValueError(f"entity id {entity_id!r} is defined twice ({path.name})")
                dated[entity_id] = line
            elif self.records.get(entity_id, {}).get("type") == "Person":
                self.generated_aliases.setdefault(entity_id, []).extend(texts.split("|"))
            else:
                raise ValueError(f"{path.name}: {entity_id!r} is not a curated person; re-run the converter")
            for text in texts.split("|"):
                key = text.lower()
                if key in curated:
                    raise ValueError(f"surface form {text!r} names both {curated[key]!r} and {entity_id!r} "
                                     f"({path.name}: re-run `python -m graph.knowledge.petrarch`)")
                known = forms.get(key)
                if known is None:
                    forms[key] = (entity_id,)
                elif entity_id not in known:
                    forms[key] = (*known, entity_id)
                    shared.add(key)
        for key in shared:
            if not all(i in dated for i in forms[key]):
                raise ValueError(f"surface form {key!r} names {', '.join(forms[key])}")
        return dated, forms

    def _generated_groups(self, path: Path, forms: dict[str, tuple[str, ...]]) -> None:
        """groups.tsv: armed groups of one country; names in any case, acronyms as written."""
        claimed = {text.lower() for text in self.claimed}
        for line in _rows(path):
            entity_id, label, names, acronyms, country, sector = line.split("\t")
            self._entity(entity_id, label, "Group", named=False, country=country, sector=_sector(sector, entity_id))
            for text in names.split("|"):
                if text.lower() in claimed or text.lower() in forms:
                    raise ValueError(f"surface form {text!r} of {entity_id!r} ({path.name}) is already a form of "
                                     f"another entity: re-run `python -m graph.knowledge.petrarch`")
                forms[text.lower()] = (entity_id,)
                self.generated_aliases.setdefault(entity_id, []).append(text)
            for text in filter(None, acronyms.split("|")):
                self._name(text, entity_id, "short")

    def _administrations(self, path: Path, bodies: list[BodyKind], forms: dict[str, tuple[str, ...]]) -> None:
        """bodies.tsv: "<surname> administration" → that country's government."""
        kind = next(b for b in bodies if b.slug == "government")
        claimed = {text.lower() for text in self.claimed}
        for line in _rows(path):
            text, country = line.split("\t")
            entity_id = f"{country.lower()}-{kind.slug}"
            if entity_id not in self.records:
                label = f"{self.records[country]['label']} {kind.label}"
                self._entity(entity_id, label, kind.type, named=False, country=country, parent=country,
                             sector=kind.sector)
            if text.lower() in claimed or text.lower() in forms:
                raise ValueError(f"surface form {text!r} of {path.name} is already a form of another entity")
            self.generated_aliases.setdefault(entity_id, []).append(text)
            forms[text.lower()] = (entity_id,)

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

    def _named_bodies(self, tables: list[dict[str, Any]], kinds: dict[str, BodyKind]) -> None:
        for info in tables:
            country = info["country"]
            entity_id = f"{country.lower()}-{info['slug']}"
            kind = kinds.get(info["slug"])
            sector = _sector(info.get("sector") or (kind.sector if kind else None), entity_id)
            self._entity(entity_id, info["label"], kind.type if kind else "Organization", country=country,
                         parent=country, sector=sector)
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
            sector = _sector(row.get("sector", "GOV" if country else None), entity_id)
            self._entity(entity_id, row["name"], "Person", country=country,
                         wikidata=row.get("wikidata"), parent=row["of"], sector=sector)
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


def _titles(data: dict[str, list[str]], sectors_of: dict[str, list[str]], owners: dict[str, str]) -> list[Title]:
    sector_of = {words: _sector(code, words) for code, phrases in sectors_of.items() for words in phrases}
    owner_of = dict(owners)
    titles = [Title(words, role, sector_of.pop(words, "GOV"), owner_of.pop(words, None))
              for role in ROLES for words in data[role]]
    if sector_of:
        raise ValueError(f"title_sectors name phrases that are no title: {sorted(sector_of)}")
    if owner_of:
        raise ValueError(f"title_owners name phrases that are no title: {sorted(owner_of)}")
    _unique(t.words for t in titles)
    return titles


def _bodies(tables: list[dict[str, Any]]) -> list[BodyKind]:
    bodies = [BodyKind(words, t["slug"], t["label"], t["actor"], t["speaks_for_state"],
                       _sector(t["sector"], t["slug"]), _body_type(t))
              for t in tables for words in t["words"]]
    _unique(b.words for b in bodies)
    return bodies


def _agents(path: Path, sector_bodies: list[dict[str, Any]], bodies: list[BodyKind],
            titles: list[Title]) -> list[BodyKind]:
    """agents.tsv: agent nouns, each the sector body of its sector; curated phrases are left to the curated kinds."""
    kinds = {b.slug: b for b in bodies}
    per_sector = {}
    for row in sector_bodies:
        kind = kinds.get(row["slug"])
        per_sector[_sector(row["sector"], row["slug"])] = kind or BodyKind(
            "", row["slug"], row["label"], True, False, row["sector"], _body_type(row))
    taken = {b.words for b in bodies} | {t.words for t in titles}
    agents = []
    for line in _rows(path):
        words, sector = line.split("\t")
        kind = per_sector.get(sector)
        if kind is not None and words not in taken:
            agents.append(replace(kind, words=words, sector=sector))
    return agents


def _body_type(table: dict[str, Any]) -> str:
    type_ = table.get("type", "Organization")
    if type_ not in ("Organization", "Group"):
        raise ValueError(f"{table.get('slug')}: type must be Organization or Group, not {type_!r}")
    return type_


def _sector(code: str | None, where: str) -> str | None:
    """A sector code, checked against the ontology's vocabulary."""
    if code is not None and code not in _sector_codes():
        raise ValueError(f"{where}: {code!r} is not a sector of the ontology (geokg:Sector)")
    return code


@cache
def _sector_codes() -> frozenset[str]:
    return frozenset(sectors())


def _rows(path: Path) -> list[str]:
    """The data lines of a generated file (comments and blank lines skipped); none if it is missing."""
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def _unique(phrases: Iterable[str]) -> None:
    seen: set[str] = set()
    for phrase in phrases:
        if phrase in seen or phrase != phrase.lower():
            raise ValueError(f"phrase {phrase!r} is repeated or not lower-case")
        seen.add(phrase)
