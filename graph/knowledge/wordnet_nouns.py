"""Import from WordNet the event nouns of our trigger verbs: "deport" → "deportation".

    python -m graph.knowledge.wordnet_nouns [WORDNET_DICT_DIR] [-o ontology/imported/wordnet-nouns.toml]

Wire copy names many events by their noun ("Israel's deportation of ...",
"the Soviet bombardment of ..."). WordNet links each verb sense to the nouns
derived from it; we keep the derived nouns that name an act, an event or a
communication (not the person who acts: "invader"), for every verb that is a
bare trigger of the merged lexicon, and write them as noun triggers of the
verb's predicate. The curated lexicon stays in charge the same way as for
imported verbs (see the `[imports]` table of `ontology/lexicon.toml`).

WORDNET_DICT_DIR is a WordNet 3.0 database in its original format (Debian's
`wordnet-base` installs it at /usr/share/wordnet, the default). Only the
`data.verb` and `data.noun` files are read, with the few lines of parsing the
format needs (wndb(5WN)): a data line is
`offset lex_filenum ss_type w_cnt word lex_id ... p_cnt ptr... | gloss`, and a
pointer `+ offset n SSTT` links word SS of this synset to word TT of another.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from graph.extract.lexicon import TRANSFER, Lexicon, load_lexicon
from graph.knowledge.imported import IMPORTED_DIRECTORY, toml_list, write_generated

DEFAULT_DICT = Path("/usr/share/wordnet")
OUTPUT = IMPORTED_DIRECTORY / "wordnet-nouns.toml"
EVENT_LEXNAMES = {4: "noun.act", 10: "noun.communication", 11: "noun.event"}
"""Lexicographer files of nouns that name what happens (wndb: lex_filenum)."""


@dataclass(frozen=True)
class Synset:
    lexname: int
    words: tuple[str, ...]
    derived: tuple[tuple[int, str, int], ...]
    """Derivation pointers: (word number here, 1-based; target offset; target word number)."""


def licence(path: Path) -> str:
    """The licence WordNet's data files carry in their numbered header lines."""
    lines = []
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line.startswith("  "):
            break
        lines.append(line.strip().split(" ", 1)[1].rstrip() if " " in line.strip() else "")
    return "\n".join(lines)


def read_data(path: Path) -> dict[str, Synset]:
    """Synsets of one `data.POS` file by offset; pointers other than derivations are skipped."""
    synsets: dict[str, Synset] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(" "):
            continue  # the licence header lines start with two spaces
        fields = line.split(" | ", 1)[0].split()
        offset, lexname, count = fields[0], int(fields[1]), int(fields[3], 16)
        words = tuple(fields[4 + 2 * i].lower() for i in range(count))
        rest = fields[4 + 2 * count:]
        derived = []
        for i in range(int(rest[0])):
            symbol, target, _pos, st = rest[1 + 4 * i: 5 + 4 * i]
            if symbol == "+":
                derived.append((int(st[:2], 16), target, int(st[2:], 16)))
        synsets[offset] = Synset(lexname, words, tuple(derived))
    return synsets


def event_nouns(verbs: dict[str, Synset], nouns: dict[str, Synset], lemma: str) -> set[str]:
    """Nouns derived from any sense of the verb `lemma` that name an act, event or communication."""
    found: set[str] = set()
    for synset in verbs.values():
        if lemma not in synset.words:
            continue
        source = synset.words.index(lemma) + 1
        for word, target, target_word in synset.derived:
            noun = nouns.get(target)
            if word == source and noun is not None and noun.lexname in EVENT_LEXNAMES and target_word:
                found.add(noun.words[target_word - 1])
    return {n for n in found if n.isalpha()}


def import_nouns(dictionary: Path, lexicon: Lexicon) -> dict[str, list[str]]:
    """New noun triggers by predicate for the lexicon's bare verb triggers."""
    verbs = read_data(dictionary / "data.verb")
    nouns = read_data(dictionary / "data.noun")
    found: dict[str, set[str]] = defaultdict(set)
    claimed: dict[str, str] = {}
    for lemma in sorted(lexicon.verbs):
        bare = {t.predicate for t in lexicon.verbs[lemma]
                if t.noun is None and t.prep is None and t.particle is None and t.predicate != TRANSFER}
        if len(bare) != 1:
            continue  # a verb of several meanings lends its noun to none of them
        predicate = bare.pop()
        for noun in event_nouns(verbs, nouns, lemma):
            if noun in lexicon.nouns:
                continue
            if claimed.setdefault(noun, predicate) == predicate:
                found[predicate].add(noun)
    ambiguous = {noun for noun in claimed if sum(noun in v for v in found.values()) > 1}
    return {p: sorted(v - ambiguous) for p, v in sorted(found.items()) if v - ambiguous}


def render(nouns: dict[str, list[str]]) -> str:
    return "\n".join(f"[predicates.{p}]\nnouns = {toml_list(items)}\n" for p, items in nouns.items())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dictionary", nargs="?", type=Path, default=DEFAULT_DICT,
                        help="a WordNet 3.0 dict folder (default: %(default)s, Debian's wordnet-base)")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not (args.dictionary / "data.verb").exists():
        parser.error(f"{args.dictionary} holds no WordNet data.verb (on Debian: apt-get install wordnet-base)")
    # The nouns of imported verbs come from the lexicon as merged without this file.
    lexicon = load_lexicon(skip_imports=(f"imported/{args.output.name}",))
    nouns = import_nouns(args.dictionary, lexicon)
    write_generated(args.output, render(nouns), source="WordNet 3.0 (data.verb, data.noun)",
                    command="python -m graph.knowledge.wordnet_nouns WORDNET_DICT_DIR", licence=licence(args.dictionary / "data.verb"))
    print(f"{args.output}: {sum(map(len, nouns.values()))} nouns for {len(nouns)} predicates")


if __name__ == "__main__":
    main()
