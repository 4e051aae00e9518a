"""Gazetteer names in text: the spaCy component that marks them as entities before the NER.

spaCy's `entity_ruler` runs every pattern through the pipeline when it is built,
which for the gazetteer's twenty thousand names costs seconds at every start.
This matcher needs no tokenisation of its patterns: a name matches where its
exact characters stand in the text from the start of one token to the end of
another, which is what the ruler's ORTH phrase patterns matched (a name split
across a newline or a double space matches neither). Curated names are matched
as written or in capitals ("MOSCOW (AP) --"), generated ones (PETRARCH-2,
`Gazetteer.forms`) whatever the case of their letters except the first of each
capitalised word ("President Bush", "PRESIDENT BUSH", not "the holy men" for
the group "The Holy Men"). Left to right, the longest name wins and names do
not overlap.

Each entity span carries the entity id (`ent.ent_id_`), or for a generated form
that only the document's date can resolve ("President Bush") the form itself
prefixed with `~` (`GENERATED`): the linker asks the gazetteer who that is.
The tables are built once per gazetteer and kept in the compiled cache.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from graph.cache import cached
from graph.gazetteer import DEFAULT_DIRECTORY, Gazetteer, gazetteer_inputs, load_gazetteer

RULER_LABELS = {
    "Country": "GPE", "Location": "LOC", "Organization": "ORG", "Group": "ORG", "Person": "PERSON",
}
DEMONYM_KINDS = frozenset({"demonym", "people"})
GENERATED = "~"
MAX_TOKENS = 16


@dataclass(frozen=True)
class NameTables:
    """Surface form → (NER label, entity id); every other prefix of a form that ends where a
    token may → None, so that one lookup says both "a name" and "go on"."""

    exact: dict[str, tuple[str, str] | None]
    folded: dict[str, tuple[str, str, str] | None]
    """Lower-case form → (label, entity id, the form as written), for the capitals check."""
    firsts: frozenset[str]
    """The characters a name can start with in the text: most tokens are passed over at once."""


def name_tables(gazetteer: Gazetteer) -> NameTables:
    exact = {}
    for name in gazetteer.names:
        entity = gazetteer.get(name.entity_id)
        if entity is not None:
            label = "NORP" if name.kind in DEMONYM_KINDS else RULER_LABELS.get(entity.type, "ORG")
            exact[name.text] = (label, name.entity_id)
    folded = {}
    texts = gazetteer.written_forms()
    for key, ids in gazetteer.forms.items():
        written = texts.get(key, key)
        if len(ids) == 1 and not gazetteer.is_dated(ids[0]):
            entity = gazetteer.get(ids[0])
            folded[key] = (RULER_LABELS.get(entity.type, "ORG"), ids[0], written)
        else:
            folded[key] = ("PERSON", GENERATED + key, written)
    folded.update(_hyphenated_given_names(folded))
    firsts = {form[0] for form in exact} | {written[0] for _, _, written in folded.values()}
    firsts |= {key[0].upper() for key in folded}
    return NameTables(_with_prefixes(exact), _with_prefixes(folded), frozenset(firsts))


def _hyphenated_given_names(folded: dict[str, tuple[str, str, str]]) -> dict[str, tuple[str, str, str]]:
    """ "Lee Myung-bak" for the dictionaries' "Lee Myung Bak": a Korean or Chinese given name of two
    syllables is written hyphenated as often as not."""
    variants = {}
    for key, (label, entity_id, written) in folded.items():
        words, shown = key.split(), written.split()
        if label == "PERSON" and len(words) == 3 and len(shown) == 3 and "-" not in key \
                and all(len(w) <= 5 for w in words[1:]):
            variant = f"{words[0]} {words[1]}-{words[2]}"
            if variant not in folded:
                variants[variant] = (label, entity_id, f"{shown[0]} {shown[1]}-{shown[2]}")
    return variants


def _with_prefixes(forms: dict[str, tuple]) -> dict[str, tuple | None]:
    """The forms, plus each form cut wherever a token boundary may fall: at a space, or
    between a letter or digit and anything else ("Kim Jong-un" → "Kim", "Kim Jong", "Kim Jong-")."""
    table: dict[str, tuple | None] = {}
    for form in forms:
        for k in range(1, len(form)):
            a, b = form[k - 1], form[k]
            if a.isalnum() != b.isalnum() or a.isspace() or b.isspace():
                table.setdefault(form[:k].rstrip(), None)
    table.update(forms)
    return table


class NameMatcher:
    """Sets `doc.ents` to the gazetteer names found in the text."""

    def __init__(self, tables: NameTables):
        self.tables = tables
        # curated names as written; generated ones whatever their case; and curated names in
        # capitals, as datelines and headlines write them ("UNITED NATIONS (AP) --", "MOSCOW")
        self.passes = ((tables.exact, "as written"), (tables.folded, "folded"), (tables.exact, "capitals"))

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        columns = doc.to_array(["IDX", "LENGTH", "IS_SPACE"]).tolist() if len(doc) else []
        ends = [idx + length for idx, length, _ in columns]
        firsts = self.tables.firsts
        n = len(columns)
        spans = []
        i = 0
        while i < n:
            start, _, space = columns[i]
            if space or text[start] not in firsts:
                i += 1
                continue
            best = None
            for table, case in self.passes:
                for j in range(i, min(n, i + MAX_TOKENS)):
                    key = text[start:ends[j]]
                    if case == "folded":
                        key = key.lower()
                    elif case == "capitals":
                        if not key.isupper():
                            break
                        key = key.title()
                    if key not in table:
                        break
                    hit = table[key]
                    if hit is not None and (best is None or j > best[0]) and (case != "folded" or _capitals(
                            text[start:ends[j]], hit[2])):
                        best = (j, hit)
            if best is None:
                i += 1
                continue
            end, (label, entity_id) = best[0] + 1, best[1][:2]
            if label == "PERSON" and " " not in text[start:ends[end - 1]] and _inside_a_longer_name(doc, i, end):
                i += 1  # "Qassem Soleimani", "Hafez al-Assad": a one-word name inside another's name
                continue
            spans.append(Span(doc, i, end, label=label, span_id=entity_id))
            i = end
        doc.ents = spans
        return doc


def _inside_a_longer_name(doc: Doc, start: int, end: int) -> bool:
    """A proper noun right before or after the match that is not itself a title ("President")."""
    first = start
    while first > 0 and doc[first - 1].lower_ in NAME_PARTICLES:
        first -= 1  # "Hafez al-Assad": look past "al-" to the given name
    before = doc[first - 1] if first > 0 else None
    after = doc[end] if end < len(doc) else None
    return any(t is not None and t.tag_ in {"NNP", "NNPS"} and t.is_title and not t.is_sent_start
               and t.lower_ not in NOT_NAMES for t in (before, after)) or (
        after is not None and after.tag_ in {"NNP", "NNPS"} and after.is_title and after.lower_ not in NOT_NAMES)


NAME_PARTICLES = frozenset({"-", "al", "el", "bin", "ibn", "abu", "bint", "de", "da", "van", "von", "der"})
NOT_NAMES = frozenset({"president", "minister", "king", "queen", "prime", "premier", "chancellor", "general",
                       "secretary", "leader", "chairman", "emir", "sultan", "prince", "ayatollah", "sheikh",
                       "mr", "mr.", "mrs", "ms", "dr", "gen", "gen.", "monday", "tuesday", "wednesday",
                       "thursday", "friday", "saturday", "sunday"})
"""Capitalised words that stand beside a name without being part of it."""


def _capitals(found: str, written: str) -> bool:
    """Each word the form capitalises starts with a capital in the text too, but for particles
    ("Hafez al-Assad" for the dictionaries' "Hafez Al Assad")."""
    return all(w[0].isupper() or not f[0].isupper() or f.lower().split("-")[0] in NAME_PARTICLES
               for w, f in zip(found.split(), written.split()))


def load_name_tables(gazetteer: Gazetteer | None = None) -> NameTables:
    """The default gazetteer's tables from the compiled cache (built once per data change)."""
    if gazetteer is not None:
        return name_tables(gazetteer)
    return cached("names", [*gazetteer_inputs(DEFAULT_DIRECTORY.resolve()), __file__],
                  lambda: name_tables(load_gazetteer()))


@Language.factory("geokg_names")
def make_name_matcher(nlp: Language, name: str) -> NameMatcher:
    return NameMatcher(load_name_tables())
