"""People whose office depends on the date: who "President Bush" is in 1991 and in 2005.

The generated gazetteer file `ontology/gazetteer/petrarch/persons.tsv` (see
`graph.knowledge.petrarch`) gives each person date-ranged roles: a country, a
sector and a kind (leaderOf, officialOf, or national only). Which role holds is
decided against the document's publication date:

* with a date: the roles that cover it, a leader's before an official's before a
  national's; when none covers it, the person still rolls up to the country of
  the role nearest in time, but holds no office and has no sector then;
* without a date: the most recent role, and an office only if that role is
  still open (PETRARCH's `>date`): a past leader is not stated as leader of
  anything when the text does not say when it was written.

A surface form several people share ("President Bush") picks the person whose
office covers the date, else the one whose any role does, else the one nearest
in time; without a date, the one with the latest role.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from graph.model import Entity

KINDS = {"L": "leaderOf", "O": "officialOf", "N": None}
ROMAN_NUMERALS = frozenset({"II", "III", "IV", "VI", "VII", "VIII"})
RANK = {"leaderOf": 0, "officialOf": 1, None: 2}


@dataclass(frozen=True)
class DatedRole:
    """One period of a person's life: `USA:GOV:L:19890120:19930120`."""

    country: str
    sector: str | None
    kind: str | None
    """leaderOf, officialOf, or None (a national of the country, in that sector)."""
    start: date | None
    end: date | None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, day: date) -> bool:
        return self.dated and (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def distance(self, day: date) -> int:
        if self.start is not None and day < self.start:
            return (self.start - day).days
        if self.end is not None and day > self.end:
            return (day - self.end).days
        return 0


@dataclass(frozen=True)
class Holding:
    """What a person is on a given day: their country, sector and office (if any)."""

    country: str
    sector: str | None
    role: str | None


@dataclass(frozen=True)
class DatedPerson:
    entity_id: str
    label: str
    roles: tuple[DatedRole, ...]

    def at(self, day: date | None) -> Holding:
        """The person's country, sector and office on `day` (None: the document has no date)."""
        dated = [r for r in self.roles if r.dated]
        if day is None:
            latest = max(dated, key=_recency)
            open_ended = latest.start is not None and latest.end is None
            return Holding(latest.country, latest.sector, latest.kind if open_ended else None)
        covering = [r for r in dated if r.covers(day)]
        if covering:
            best = min(covering, key=lambda r: RANK[r.kind])
            return Holding(best.country, best.sector, best.kind)
        nearest = min(dated, key=lambda r: r.distance(day))
        return Holding(nearest.country, None, None)

    def fit(self, day: date | None) -> tuple:
        """Sort key among people sharing a name: lower is the better reading of the name on `day`."""
        dated = [r for r in self.roles if r.dated]
        if day is None:
            return (-max(_recency(r).toordinal() for r in dated),)
        office = any(r.covers(day) and r.kind for r in dated)
        any_role = any(r.covers(day) for r in dated)
        return (not office, not any_role, min(r.distance(day) for r in dated))

    @property
    def latest(self) -> DatedRole:
        return max((r for r in self.roles if r.dated), key=_recency)


def _recency(role: DatedRole) -> date:
    return role.start or role.end or date.min


def parse_roles(text: str) -> tuple[DatedRole, ...]:
    """`USA:GOV:L:19890120:19930120 USA:ELI:N::` → roles (the file format of persons.tsv)."""
    roles = []
    for item in text.split():
        country, sector, kind, start, end = item.split(":")
        roles.append(DatedRole(country, sector or None, KINDS[kind], _day(start), _day(end)))
    return tuple(roles)


def _day(text: str) -> date | None:
    return date(int(text[:4]), int(text[4:6]), int(text[6:8])) if text else None


class DatedPeople:
    """The dated people of persons.tsv by id, each kept as its data line until first asked for:
    there are many, and a document names few of them."""

    def __init__(self, rows: dict[str, str]):
        self._rows = rows
        self._people: dict[str, DatedPerson] = {}
        self._entities: dict[tuple, Entity] = {}
        self._by_surname: dict[str, list[str]] | None = None

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def person(self, entity_id: str) -> DatedPerson:
        """KeyError for anyone who is not a dated person."""
        person = self._people.get(entity_id)
        if person is None:
            _, label, _, roles = self._rows[entity_id].split("\t")
            person = self._people[entity_id] = DatedPerson(entity_id, label, parse_roles(roles))
        return person

    def forms(self, entity_id: str) -> list[str]:
        return self._rows[entity_id].split("\t")[2].split("|")

    def entity(self, entity_id: str, day: date | None) -> tuple[Entity, Holding]:
        """The person as they were on `day`: their country and sector then, and their office."""
        person = self.person(entity_id)
        holding = person.at(day)
        key = (entity_id, holding.country, holding.sector)
        entity = self._entities.get(key)
        if entity is None:
            aliases = tuple(text for text in self.forms(entity_id) if text != person.label)
            entity = Entity(entity_id, person.label, "Person", holding.country, aliases, sector=holding.sector)
            self._entities[key] = entity
        return entity, holding

    def titled(self, surname: str, role: str, country: str | None, day: date | None) -> str | None:
        """The one person called `surname` whose office on `day` is `role` (of `country`, if given):
        "President Chirac" in 1998. Without a date, the one who ever held such an office.
        None unless exactly one fits: a bare surname is too weak to choose between people."""
        if self._by_surname is None:
            index: dict[str, list[str]] = {}
            for entity_id, row in self._rows.items():
                words = row.split("\t")[1].split()
                key = words[0] if words[-1] in ROMAN_NUMERALS else words[-1]  # "Hassan II" is King Hassan
                index.setdefault(key.lower(), []).append(entity_id)
            self._by_surname = index
        fits = []
        for entity_id in self._by_surname.get(surname.lower(), ()):
            person = self.person(entity_id)
            if day is not None:
                holding = person.at(day)
                fit = holding.role == role and country in (None, holding.country)
            else:
                fit = any(r.kind == role and country in (None, r.country) for r in person.roles)
            if fit:
                fits.append(entity_id)
        return fits[0] if len(fits) == 1 else None
