"""Mentions: which tokens name which canonical entity.

Two spaCy components live here:

* `geokg_names` (graph.extract.names) marks the gazetteer's names before the
  statistical NER, so countries, capitals, demonyms and organisations are found
  by list and the model's labels are only a fallback (it calls "DPRK" an ORG
  and "Kyiv" a PERSON);
* `geokg_linker` turns entity spans into `Mention`s of canonical `Entity`s,
  adds government bodies and unnamed officials ("the Serbian defence ministry",
  "Iran's foreign minister"), and links people to the country or organisation
  their title names ("Russian President Vladimir Putin" → leaderOf RUS). A later
  "Blinken" or "Kim" in the same document is the same person. People whose
  office depends on the date ("President Bush") are resolved against the
  document's publication date (`doc.user_data["geokg_published"]`, see
  graph.dated); a known person named without a title gets the office they held
  then, once per document. Bodies, unnamed officials and agent nouns ("Israeli
  police", "Palestinian militants", "a Zambian government official") keep
  their sector on the entity (`Entity.sector`) and roll up to their country.

Results are stored on `doc._.mentions` (token index → Mention) and
`doc._.affiliations`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from graph.extract.names import GENERATED
from graph.gazetteer import Gazetteer, load_gazetteer, slugify
from graph.model import Entity

ACTOR_TYPES = frozenset({"Country", "Organization", "Group", "Person"})
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
NON_STATE_QUALIFIERS = {
    "rebel": "REB", "militia": "REB", "guerrilla": "REB", "separatist": "REB", "insurgent": "REB",
    "militant": "REB", "resistance": "REB", "opposition": "OPP", "dissident": "OPP", "underground": "OPP"}
"""A word before a title that makes its holder no state's ("rebel leader", "opposition leader"),
and the sector it puts them in."""
NOT_ORGANIZATIONS = re.compile(r"^[^A-Za-z]*$")
"""Model ORG spans without a letter in them are tokenisation debris, never organisations."""
MODEL_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,4}-\d+[A-Za-z]?$")
"""Weapon models ("MiG-29", "F-15", "S-400", "T-72", "J-10C"): never organisations, and the
"fighters" they name are jets, not combatants."""

LEADING_PARTICIPLES = frozenset({"lead", "led", "base", "based", "command", "commanded", "run", "flag", "flagged",
                                 "own", "owned", "operate", "operated", "register", "registered"})
"""Participles that make their hyphenated country the noun's owner: "Saudi-led warplanes",
"a Greek-flagged tanker", "a Chinese-owned port" act for it; X-backed or X-made ones do not."""


@dataclass(frozen=True)
class Mention:
    """A span of tokens that names an entity."""

    entity: Entity
    start: int
    end: int
    kind: str
    """name, demonym, capital, body, role, person, organization (from the model), pronoun."""
    confidence: float = 1.0

    @property
    def is_actor(self) -> bool:
        return self.entity.type in ACTOR_TYPES


@dataclass(frozen=True)
class Affiliation:
    """A person's role, read from a title: "US Secretary of State Antony Blinken"."""

    person: Entity
    role: str
    of: Entity
    start: int
    end: int
    confidence: float = 0.9


class TitleFound(NamedTuple):
    """A title next to a name: the role it gives, the entity that owns it (if said), where it starts,
    and the sector it puts its bearer in ("general" → MIL)."""

    role: str | None
    """None for a leader of no state ("opposition leader")."""
    owner: Entity | None
    start: int
    sector: str
    words: str = ""
    """The title phrase itself, lower-case ("secretary of state")."""


def _register_extensions() -> None:
    for name, default in (("mentions", None), ("affiliations", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


class Linker:
    """Entity spans → Mentions of canonical entities; bodies, roles and titled people."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.bodies = _index_by_head([(b.words, b) for b in gazetteer.bodies if b.actor])
        self.agents = _index_by_head([(b.words, b) for b in gazetteer.agents])
        self.roles = _index_by_head([(t.words, t) for t in gazetteer.titles])
        self.title_phrases = sorted((t.words.split() for t in gazetteer.titles), key=len, reverse=True)
        self.title_roles = {t.words: t.role for t in gazetteer.titles}
        self.title_sectors = {t.words: t.sector for t in gazetteer.titles}
        self.title_owners = {t.words: t.default_owner for t in gazetteer.titles if t.default_owner}

    def __call__(self, doc: Doc) -> Doc:
        mentions: dict[int, Mention] = {}
        people: list[Span] = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                ent = self._without_title(ent)  # "King Hussein", "Prime Minister Rabin" as one span
                if ent.ent_id_ or any(t.pos_ == "PROPN" for t in ent):
                    people.append(ent)
                continue
            mention = self._link(ent)
            if mention:
                for i in range(mention.start, mention.end):
                    mentions[i] = mention
        doc._.affiliations = self._link_people(people, mentions, doc.user_data.get("geokg_published"))
        self._add_bodies_and_roles(doc, mentions)
        doc._.mentions = mentions
        return doc

    def _link_people(self, spans: list[Span], mentions: dict[int, Mention], day: date | None) -> list[Affiliation]:
        """Person mentions, resolved within the document, and the affiliations their titles state."""
        people = _People(self.gaz, day)
        for ent in spans:
            if not ent.ent_id_:
                people.add_full(_clean_name(ent))
            else:  # "President Reagan ... Reagan said": the surname points back to the known person
                known = self._known_person(ent.ent_id_, day)
                if known is not None and known.type == "Person":
                    people.add_known(known)
        affiliations: list[Affiliation] = []
        known_roles_given: set[str] = set()
        for ent in spans:
            title = self._title_before(ent, mentions) or self._title_in_apposition(ent, mentions)
            confidence = 0.9
            known = self._known_person(ent.ent_id_, day) if ent.ent_id_ else None
            titled_country = title.owner.id if title and title.owner and title.owner.type == "Country" else None
            if known is not None and not self.gaz.could_be(known.id, titled_country):
                known = None  # a namesake: the title places this person elsewhere
            if known is None and not ent.ent_id_ and title and title.role and (title.owner is None or titled_country):
                known = self._office_holder(_clean_name(ent), title, day)
                if known is not None and title.owner is None:
                    title = title._replace(owner=self.gaz.get(known.country))
            if title is not None and title.owner is None and title.role:
                default = self._default_owner(title, ent, mentions)
                if default is not None:
                    title = title._replace(owner=default)
                elif known is not None and known.country and self.gaz.get(known.country) is not None:
                    # "Prime Minister Nawaz Sharif said": the title says the office, the
                    # person's country whose
                    title = title._replace(owner=self.gaz.get(known.country))
            if known is not None:
                person = known
            elif ent.ent_id_ and not titled_country:
                continue
            else:
                if title and title.owner is None and title.role and self.title_owners.get(title.words) != "abroad":
                    # "BELGRADE, Yugoslavia (AP) -- ... President X": the country the story is
                    # filed from; else, "Poland is not threatening anyone, Defence Minister X
                    # said": the sentence's own country, when it names exactly one.
                    filed = dateline_country(ent.doc, mentions, ent.start_char)
                    owner = filed.entity if filed else _sole_country(ent, mentions)
                    title = title._replace(owner=owner) if owner else None
                    confidence = 0.7
                owner = title.owner if title else None
                person = people.resolve(_clean_name(ent), owner.country if owner else None,
                                        title.sector if owner is not None and owner.type == "Country" else None)
            mention = Mention(person, ent.start, ent.end, "person", 1.0 if known is not None else 0.9)
            for i in range(ent.start, ent.end):
                mentions[i] = mention
            if title and title.owner is not None and title.role:
                affiliations.append(Affiliation(person, title.role, title.owner, title.start, ent.end, confidence))
            elif person.id not in known_roles_given:
                # A known office-holder named without a title: say it once per document.
                role, of = self._office(person, day)
                if role and of:
                    known_roles_given.add(person.id)
                    affiliations.append(Affiliation(person, role, of, ent.start, ent.end))
        return affiliations

    def _office_holder(self, name: str, title: TitleFound, day: date | None) -> Entity | None:
        """ "President Chirac", "King Hassan": the one dated person of that surname who held the
        title's office on the document's date (graph.dated), or None."""
        if " " in name:
            return None
        country = title.owner.id if title.owner is not None else None
        found = self.gaz.people.titled(name, title.role, country, day)
        return self.gaz.dated_entity(found, day)[0] if found else None

    def _known_person(self, entity_id: str, day: date | None) -> Entity | None:
        """The person a gazetteer name stands for; a generated form is resolved on the document's date."""
        if entity_id.startswith(GENERATED):
            return self.gaz.named(entity_id[len(GENERATED):], day)
        return self.gaz.get(entity_id)

    def _office(self, person: Entity, day: date | None) -> tuple[str | None, Entity | None]:
        """The office a known person holds on the document's date: curated, or from their dated roles."""
        if self.gaz.is_dated(person.id):
            holding = self.gaz.dated_entity(person.id, day)[1]
            return holding.role, self.gaz.get(holding.country) if holding.role else None
        known = self.gaz.persons.get(person.id)
        return (known.role, self.gaz.get(known.of)) if known else (None, None)

    def _link(self, ent: Span) -> Mention | None:
        if ent.ent_id_:
            entity = self.gaz.get(ent.ent_id_)
            if entity is None:
                return None
            kind = "demonym" if ent.label_ == "NORP" else "name"
            return Mention(entity, ent.start, ent.end, kind)
        if ent.label_ == "ORG":
            text = _clean_name(ent)
            if NOT_ORGANIZATIONS.match(text) or MODEL_DESIGNATION.match(text) or \
                    not any(t.pos_ == "PROPN" for t in ent):
                return None
            entity = Entity(slugify(text), text, "Organization", None)
            return Mention(entity, ent.start, ent.end, "organization", 0.7)
        return None

    def _title_before(self, ent: Span, mentions: dict[int, Mention]) -> TitleFound | None:
        """A title right before a name, and the country/organisation before the title (or None).

        "North Korean leader Kim Jong Un", "US Secretary of State Antony Blinken",
        "Iran's President Masoud Pezeshkian", "NATO Secretary-General Mark Rutte".
        """
        doc = ent.doc
        start = ent.start
        found = self._title_ending(doc, max(ent.sent.start, start - 8), start)
        if found is None:
            return None
        phrase, title_start = found
        role: str | None = self._role(phrase, ent)
        sector = self.title_sectors[phrase]
        qualifier = doc[title_start - 1].lemma_.lower() if title_start > ent.sent.start else ""
        if qualifier in NON_STATE_QUALIFIERS:
            # "Syrian opposition leader Ahmad Jarba", "Kurdish rebel leader Abdullah Ocalan": of
            # that nation, in that sector, but holding no office of its state
            role, sector, title_start = None, NON_STATE_QUALIFIERS[qualifier], title_start - 1
        before = title_start - 1
        while before >= ent.sent.start and doc[before].lower_ in {"'s", "the", "'"}:
            before -= 1
        owner = mentions.get(before)
        if owner is None or owner.entity.type not in {"Country", "Organization", "Group"}:
            after = self._owner_after(ent, mentions)  # "King Hussein of Jordan"
            return TitleFound(role, after, title_start, sector, phrase)
        return TitleFound(role, owner.entity, owner.start, sector, phrase)

    def _title_ending(self, doc: Doc, first: int, end: int) -> tuple[str, int] | None:
        """The longest title phrase ending right before token `end` ("Secretary-General", "Prime
        Minister"), and where it starts; hyphens may be tokens of their own."""
        words = [t.lower_ for t in doc[first:end]]
        for size in range(len(words), 0, -1):
            phrase = _hyphen_join(words[-size:])
            if phrase in self.title_roles:
                return phrase, end - size
        return None

    def _without_title(self, ent: Span) -> Span:
        """A person span that starts with its title ("King Hussein"): the name alone."""
        doc = ent.doc
        for size in range(len(ent) - 1, 0, -1):
            if _hyphen_join([t.lower_ for t in doc[ent.start:ent.start + size]]) in self.title_roles:
                return Span(doc, ent.start + size, ent.end, label=ent.label, kb_id=ent.kb_id)
        return ent

    def _owner_after(self, ent: Span, mentions: dict[int, Mention]) -> Entity | None:
        """ "King Hussein of Jordan", "President Franjo Tudjman of Croatia": the country after the name."""
        doc = ent.doc
        if ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of":
            owner = mentions.get(ent.end + 1)
            if owner is not None and owner.entity.type in {"Country", "Organization", "Group"}:
                return owner.entity
        return None

    def _default_owner(self, title: TitleFound, ent: Span, mentions: dict[int, Mention]) -> Entity | None:
        """Whose a title is when the text does not say ("Secretary of State Rex Tillerson" is
        American; "Secretary-General Javier Solana" after NATO is NATO's): roles.toml [title_owners]."""
        default = self.title_owners.get(title.words)
        if default is None or default == "abroad":
            return None
        if default != "organization":
            return self.gaz.get(default)
        doc = ent.doc
        first = ent.sent.start
        if first > 0:
            first = doc[first - 1].sent.start  # the sentence before may name the organisation
        named = [m.entity for i, m in sorted(mentions.items()) if first <= i < title.start
                 and m.entity.type == "Organization" and m.entity.country is None
                 and m.entity.id not in self.gaz.non_actors]  # "UNITED NATIONS (AP) --": not the AP's
        return named[-1] if named else None

    def _title_in_apposition(self, ent: Span, mentions: dict[int, Mention]) -> TitleFound | None:
        """ "Abbas Araghchi, Iran's foreign minister," or "Iran's foreign minister, Abbas Araghchi,"."""
        root = ent.root
        candidates = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            candidates.append(root.head)
        for noun in candidates:
            title = _match_head(noun, self.roles)
            owner = self._owner_country(noun, mentions, person=True) if title else None
            if owner is None and title:
                owner = self._owner_any(noun, mentions)
            if title and owner:
                return TitleFound(self._role(title.words, ent), owner, min(noun.i, ent.start), title.sector)
        return None

    def _role(self, title: str, ent: Span) -> str:
        """A title's role; "his Italian counterpart X" holds the role of the person met."""
        if title.split()[-1] != "counterpart":
            return self.title_roles[title]
        doc = ent.doc
        for start in range(ent.start - 1, ent.sent.start - 1, -1):
            words = [t.lower_ for t in doc[max(ent.sent.start, start - 3):start + 1]]
            for phrase in self.title_phrases:
                if phrase[-1] != "counterpart" and words[-len(phrase):] == phrase:
                    return self.title_roles[" ".join(phrase)]
        return self.title_roles[title]

    def _owner_any(self, token: Token, mentions: dict[int, Mention]) -> Entity | None:
        """An organisation owning a title: "the EU's foreign policy chief"."""
        for child in token.children:
            owner = mentions.get(child.i)
            if child.dep_ in MODIFIER_DEPS and owner and owner.entity.type == "Organization":
                return owner.entity
        return None

    def _add_bodies_and_roles(self, doc: Doc, mentions: dict[int, Mention]) -> None:
        """Heads like "ministry", "forces", "minister" with a country modifier become mentions."""
        for token in doc:
            known = mentions.get(token.i)
            if token.pos_ not in {"NOUN", "PROPN"} or (known and known.kind != "organization" and not (
                    known.entity.parent and known.entity.type == "Organization")):
                continue  # a named body may still be another state's: "Pakistan's Foreign Office"
            body = _match_head(token, self.bodies)
            role = None if body else _match_head(token, self.roles)
            body = body or (None if role else _match_head(token, self.agents))
            if not (body or role):
                continue
            if body and body.sector != "MIL" and any(MODEL_DESIGNATION.match(c.text) for c in token.children):
                continue  # "72 F-15 fighters" are an armed force's jets, not "fighters" of a militia
            country = self._owner_country(token, mentions, person=role is not None)
            if country is None and body and body.words.startswith("state "):
                # "..., state media said": the state the sentence is about
                country = _subject_country(token.sent, mentions, self.gaz)
            if country is None or (known and known.kind != "organization" and country.id == known.entity.country):
                continue
            if body:
                entity = self.gaz.body(country.id, body)
                kind = "body"
            else:
                entity = Entity(f"{country.id.lower()}-{slugify(role.words)}",
                                f"{country.label} {role.words}", "Person", country.id,
                                parent=country.id, sector=role.sector)
                kind = "role"
            left = min([token.i] + [c.i for c in token.lefts if c.dep_ in MODIFIER_DEPS | {"det"}])
            mention = Mention(entity, left, token.i + 1, kind, 0.9)
            for i in range(left, token.i + 1):
                if i not in mentions or mentions[i].kind == "organization" or mentions[i] is known:
                    mentions[i] = mention

    def _owner_country(self, token: Token, mentions: dict[int, Mention], person: bool = False) -> Entity | None:
        """The one country a body or role belongs to; None when several share it
        ("the foreign ministers of Chile and Peru" are two people, left to the argument walk).
        A body may be named by where it sits ("the defence ministry in Yerevan"), a person's
        title is not ("the KGB's station chief in London" is no British chief)."""
        owners = [c for c in token.children if c.dep_ in MODIFIER_DEPS]
        # "U.S.-led forces in Iraq" are the leader's, not the place's
        owners += [g for c in token.children if c.dep_ == "amod" and c.lemma_.lower() in LEADING_PARTICIPLES
                   for g in c.children]
        # "the foreign minister of Iran", "the defence ministry in Yerevan"
        inner = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ({"of"} if person else {"of", "in"})
                 for g in c.children if g.dep_ == "pobj"]
        # "the commander of Iraq's elite division": the owner of what the title is of
        owners += inner + [p for g in inner for p in g.children if p.dep_ == "poss"]
        for owner_token in owners:
            owner = mentions.get(owner_token.i)
            if owner and owner.entity.type == "Country":
                shared = any(c.i in mentions for c in owner_token.conjuncts)
                return None if shared else owner.entity
        return None


def dateline_country(doc: Doc, mentions: dict[int, Mention], offset: int) -> Mention | None:
    """The country named by the wire dateline that the story at character `offset` is filed
    under ("TRIPOLI, Libya (Reuters) -" → Libya's mention); none without a dateline or when it
    names two ("ARAVA CROSSING, Israel-Jordan border")."""
    filed = [(news, line) for news, line in doc.user_data.get("geokg_datelines", {}).items() if news <= offset]
    if not filed:
        return None
    news, line = max(filed)
    countries = {m.entity.id: m for i, m in mentions.items()
                 if line <= doc[i].idx < news and m.entity.type == "Country"}
    return next(iter(countries.values())) if len(countries) == 1 else None


def _sole_country(person: Span, mentions: dict[int, Mention]) -> Entity | None:
    """The one country the person's sentence names, unless the person acts on it: "Poland is not
    threatening anyone, Defence Minister X said" is Polish; "Foreign Minister X lashed out at Peru"
    is not Peruvian (what the person's own verb reports is still theirs: "X said Peru would ...")."""
    sent = person.sent
    found = {i: m.entity for i, m in mentions.items()
             if sent.start <= i < sent.end and m.entity.type == "Country" and m.kind != "demonym"}
    if len({e.id for e in found.values()}) != 1:
        return None
    verb = person.root.head if person.root.dep_ in {"nsubj", "nsubjpass"} else None
    if verb is not None and any(_acted_on(sent.doc[i], verb) for i in found):
        return None
    return next(iter(found.values()))


def _acted_on(token: Token, verb: Token) -> bool:
    """Whether `token` hangs on `verb` as what it acts on, not inside a clause it reports."""
    while token.i != verb.i:
        if token.dep_ in {"ccomp", "xcomp", "advcl"} or token.head.i == token.i:
            return False
        token = token.head
    return True


def _subject_country(sent: Span, mentions: dict[int, Mention], gaz: Gazetteer) -> Entity | None:
    """The country of the first subject in the sentence that names an actor."""
    for token in sent:
        mention = mentions.get(token.i)
        if token.dep_ in {"nsubj", "nsubjpass"} and mention is None:
            mention = next((mentions[c.i] for c in token.children if c.i in mentions), None)
        if token.dep_ in {"nsubj", "nsubjpass"} and mention and mention.entity.country:
            return gaz.get(mention.entity.country)
    return None


class _People:
    """The people named in one document: full names first, then surnames that point back."""

    def __init__(self, gazetteer: Gazetteer, day: date | None):
        self.gaz = gazetteer
        self.day = day
        self.full: dict[str, Entity] = {}
        self.by_part: dict[str, set[str]] = {}

    def add_full(self, name: str) -> None:
        parts = name.split()
        if len(parts) < 2:
            return
        self.full.setdefault(name, self.gaz.person(name, None, self.day))
        for part in (parts[0], parts[-1]):
            self.by_part.setdefault(part, set()).add(name)

    def add_known(self, person: Entity) -> None:
        """A gazetteer person named in the document, by the first and last word of their label."""
        parts = person.label.split()
        if len(parts) < 2:
            return
        self.full.setdefault(person.label, person)
        for part in (parts[0], parts[-1]):
            self.by_part.setdefault(part, set()).add(person.label)

    def resolve(self, name: str, country: str | None, sector: str | None = None) -> Entity:
        """The person `name` means here; a new one gets the country (and sector) of their title."""
        parts = name.split()
        if len(parts) == 1 and len(self.by_part.get(name, ())) == 1:
            name = next(iter(self.by_part[name]))
        known = self.full.get(name)
        if known is not None and (known.country or not country) and self.gaz.could_be(known.id, country):
            return known
        person = self.gaz.person(name, country, self.day, sector)
        if person.country is None and country:
            person = Entity(person.id, person.label, "Person", country, person.aliases, sector=sector)
        self.full[name] = person
        return person


def _clean_name(span: Span) -> str:
    text = span.text
    for suffix in ("'s", "’s", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return " ".join(text.split())


def _hyphen_join(words: list[str]) -> str:
    return " ".join(words).replace(" - ", "-")


def _index_by_head(items: list[tuple[str, object]]) -> dict[str, list[tuple[frozenset[str], object]]]:
    """'defence ministry' → {'ministry': [({'defence'}, kind)]}; longest modifier sets first."""
    index: dict[str, list[tuple[frozenset[str], object]]] = {}
    for words, item in items:
        parts = words.replace("-", " ").split()
        if "of" in parts:  # "ministry of defence": head first
            head, modifiers = parts[0], [p for p in parts[1:] if p not in {"of", "the"}]
        else:
            head, modifiers = parts[-1], parts[:-1]
        index.setdefault(head, []).append((frozenset(modifiers), item))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def _match_head(token: Token, index: dict) -> object | None:
    entries = index.get(token.lower_) or index.get(token.lemma_.lower())
    if not entries:
        return None
    words = {c.lower_ for c in token.children if c.dep_ in {"amod", "compound"}}
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            words |= {c.lower_ for c in prep.children}
    for modifiers, item in entries:
        if modifiers <= words:
            return item
    return None


@Language.factory("geokg_linker")
def make_linker(nlp: Language, name: str) -> Linker:
    _register_extensions()
    return Linker(load_gazetteer())
