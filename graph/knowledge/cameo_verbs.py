"""Import the CAMEO verb dictionary of PETRARCH-2 as trigger data for the lexicon.

    python -m graph.knowledge.cameo_verbs PETRARCH2_DIR [-o ontology/imported/cameo-verbs.toml]

`CAMEO.2.0.txt` (MIT, Open Event Data Alliance) groups verbs into synonym
blocks and gives each block, each verb and each verb pattern a CAMEO event
code. Decades of wire copy went into it, which is what our own lexicon lacks:
breadth. We keep what maps onto our predicates (`graph.ontology.cameo_predicate`,
read from the ontology's `geokg:cameoCovers`) and what our trigger grammar can
say: a bare verb, a verb with its particle or preposition, and a light verb
with its object noun ("stage a protest", "give a reception"). Patterns that
constrain the subject or the object of a preposition, mark source and target
positions, or need a modifier on the noun are PETRARCH's pattern engine and
are left out rather than loosened into something the pattern never said.

The output is data, merged by `graph/extract/lexicon.py` under the curated
lexicon: a verb the curated lexicon knows keeps its curated meaning, and the
curated `[imports]` table can exclude any imported trigger.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.extract.lexicon import PARTICLES, PREPOSITIONS
from graph.knowledge.imported import IMPORTED_DIRECTORY, toml_list, write_generated
from graph.ontology import cameo_predicate

SOURCE_FILE = "CAMEO.2.0.txt"
OUTPUT = IMPORTED_DIRECTORY / "cameo-verbs.toml"
MARKERS = frozenset("$+%^")
"""Source/target/skip markers of PETRARCH patterns: position rules we do not reproduce."""
TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")


@dataclass(frozen=True)
class Verb:
    """One verb of a synonym block: its lemma, particle or preposition, and own code if any."""

    lemma: str
    tail: str | None
    code: str | None


@dataclass
class Block:
    """A synonym block: verbs sharing a default code and a list of (pattern, code) lines."""

    name: str
    code: str | None
    verbs: list[Verb]
    patterns: list[tuple[str, str | None, str]]
    """(pattern, code, comment): the comment names the verbs the pattern was found with."""


@dataclass(frozen=True)
class Trigger:
    """An imported trigger in the lexicon's verb grammar, with the CAMEO code it came from."""

    predicate: str
    text: str
    code: str


def read_dictionary(path: Path) -> tuple[dict[str, list[list[str]]], list[Block]]:
    """The synonym sets (`&NAME` → phrases as word lists) and the verb blocks of the file."""
    synsets: dict[str, list[list[str]]] = {}
    blocks: list[Block] = []
    in_verbs = False
    current_set: list[list[str]] | None = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        if "VERB PATTERNS" in raw and raw.startswith("#"):
            in_verbs = True
            continue
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if not in_verbs:
            if line.startswith("&"):
                current_set = synsets.setdefault(line.rstrip("_"), [])
            elif line.startswith("+") and current_set is not None:
                current_set.append(_words(line[1:]))
            continue
        header = re.fullmatch(r"---\s+(\S+)\s+\[([^\]]*)\].*", line)
        if header:
            blocks.append(Block(header.group(1), _code(header.group(2)), [], []))
        elif not blocks:
            continue
        elif line.startswith("-"):
            pattern = re.fullmatch(r"-\s*(.*?)\s*\[([^\]]*)\]\s*\S*", line)
            comment = raw.split("#", 1)[1] if "#" in raw else ""
            if pattern:
                blocks[-1].patterns.append((pattern.group(1), _code(pattern.group(2)), comment))
        else:
            verb = _verb(line)
            if verb:
                blocks[-1].verbs.append(verb)
    return synsets, blocks


def _code(text: str) -> str | None:
    """The source-side code of "042:043"; None for the null code "---" or a target-only code."""
    code = text.split(":", 1)[0].strip()
    return code if code and code.isdigit() else None


def _words(phrase: str) -> list[str]:
    return [w.lower() for w in phrase.replace("_", " ").split() if w]


def _verb(line: str) -> Verb | None:
    """ "SUPPLY {forms}", "+ASK_FOR {forms} [020]", "+BEEF_UP"; None for pre-compounds ("WIRE_+TAP")."""
    word = line.split()[0]
    code_match = re.search(r"\[([^\]]*)\]", line)
    code = _code(code_match.group(1)) if code_match else None
    parts = word.split("_")
    if len(parts) == 1:
        return Verb(word.lower(), None, code)
    if not parts[0].startswith("+") or len(parts) != 2:
        return None
    lemma, tail = parts[0][1:].lower(), parts[1].lower()
    if lemma.endswith("ed") or tail not in PARTICLES | PREPOSITIONS:
        return None  # "+ANGERED_BY": a participle, not a verb's base form
    return Verb(lemma, tail, code)


def block_triggers(block: Block, synsets: dict[str, list[list[str]]]) -> Iterator[Trigger]:
    """Bare verbs with their (or their block's) code, then each usable pattern with its verbs.

    A bare verb shares its block's code: the dictionary groups synonyms for that.
    A pattern is taken only with the verbs its comment says it was found with
    ("# GIVE , PROVIDE"): "give a reception" is a meeting, but the block's
    "accord a reception" or "bequeath a reception" were never seen.
    """
    for verb in block.verbs:
        code = verb.code or block.code
        predicate = cameo_predicate(code) if code else None
        if predicate:
            yield Trigger(predicate, _join(verb.lemma, verb.tail), code)
    for pattern, code, comment in block.patterns:
        predicate = cameo_predicate(code) if code else None
        if not predicate:
            continue
        for frame in pattern_frames(pattern, synsets):
            for lemma in _found_with(block, comment):
                yield Trigger(predicate, _join(lemma, frame), code)


def _found_with(block: Block, comment: str) -> list[str]:
    """The block's simple verbs named in a pattern's comment, else the block's own head verb."""
    simple = [v.lemma for v in block.verbs if v.tail is None]
    named = [w.lower() for w in re.split(r"[\s,;/]+", comment) if w.lower() in simple]
    if named:
        return list(dict.fromkeys(named))
    head = block.name.split("_")[0].lower()
    return [head] if head in simple else []


def pattern_frames(pattern: str, synsets: dict[str, list[list[str]]]) -> list[str]:
    """What follows the verb in our grammar ("out view", "protest", "to"), or [] when unsayable.

    "* (TO)" → ["to"]; "* &CEASEFIRE" → ["truce", "armistice", ...]; "* OFF (FROM ^)" → [].
    """
    pre, star, post = pattern.partition("*")
    if not star or pre.strip():
        return []  # no verb slot, or a condition on the subject side
    tokens = TOKEN.findall(post)
    if any(ch in MARKERS for tok in tokens for ch in tok.replace("&", "")):
        return []
    particle = None
    if tokens and tokens[0].lower() in PARTICLES:
        particle = tokens.pop(0).lower()
    groups = [t for t in tokens if t.startswith("(")]
    nouns = [t for t in tokens if not t.startswith("(")]
    if len(groups) > 1 or len(nouns) > 1:
        return []
    prep = None
    if groups:
        inside = groups[0][1:-1].split()
        if len(inside) != 1 or inside[0].lower() not in PREPOSITIONS:
            return []  # "(TO BORDER)": a condition on the prepositional object
        prep = inside[0].lower()
    heads = [None]
    if nouns:
        heads = _heads(nouns[0], synsets)
    return [_join(particle, head, prep) for head in heads if head != ""]


def _heads(element: str, synsets: dict[str, list[list[str]]]) -> list[str]:
    """Single-word nouns an element stands for, singular; "" marks an unusable element."""
    if element.startswith("{"):
        return [""]  # a noun with required modifiers ("{MOCK ATTACK}") cannot be said in our grammar
    if element.startswith("&"):
        members = synsets.get(element.rstrip("_"), [])
        return sorted({singular(words[0]) for words in members if len(words) == 1})
    word = element.lower().rstrip("_")
    return [singular(word)] if word.isalpha() or "-" in word else [""]


def singular(word: str) -> str:
    """The dictionary writes some nouns plural ("EXERCISES"); spaCy lemmatises them singular."""
    irregular = {"talks": "talk", "arms": "arm", "ties": "tie", "relations": "relation",
                 "forces": "force", "troops": "troop", "news": "news", "series": "series"}
    if word in irregular:
        return irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _join(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def import_triggers(directory: Path) -> dict[str, list[Trigger]]:
    """Every usable trigger of the dictionary, by predicate, without repeats."""
    synsets, blocks = read_dictionary(directory / SOURCE_FILE)
    found: dict[str, dict[str, Trigger]] = defaultdict(dict)
    claimed: dict[str, str] = {}
    for block in blocks:
        for trigger in block_triggers(block, synsets):
            owner = claimed.setdefault(trigger.text, trigger.predicate)
            if owner != trigger.predicate:
                continue  # the first code given for a phrase wins, as in PETRARCH
            found[trigger.predicate].setdefault(trigger.text, trigger)
    return {p: sorted(t.values(), key=lambda t: t.text) for p, t in sorted(found.items())}


def render(triggers: dict[str, list[Trigger]]) -> str:
    lines = []
    for predicate, items in triggers.items():
        lines.append(f"[predicates.{predicate}]")
        lines.append("verbs = " + toml_list([t.text for t in items]))
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("petrarch2", type=Path, help=f"the folder holding {SOURCE_FILE}")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    triggers = import_triggers(args.petrarch2)
    write_generated(args.output, render(triggers), source=f"{SOURCE_FILE} (PETRARCH-2 CAMEO verb dictionary)",
                    command="python -m graph.knowledge.cameo_verbs PETRARCH2_DIR",
                    licence=(args.petrarch2 / "LICENSE").read_text(encoding="utf-8"))
    total = sum(len(v) for v in triggers.values())
    print(f"{args.output}: {total} triggers for {len(triggers)} predicates")


if __name__ == "__main__":
    main()
