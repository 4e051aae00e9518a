"""A synthetic news corpus of already-extracted statements, shaped like a real feed, for scale runs.

    python bench/generate_corpus.py --statements 1000000 -o corpus.jsonl   # one document per line
    python bench/generate_corpus.py --statements 1000 | head -1            # to standard output

Nothing it makes is committed: benchmarks call `corpus()` directly, and the
command writes JSON lines for other tools, each
`{"id", "text", "published", "url", "title", "statements": [...]}` with the
statements in the shape `geokg extract` prints (SPEC §4).

What makes it look like a feed rather than uniform noise:

* actors: the ISO 3166 countries (pycountry), and per country its armed
  forces, foreign ministry, parliament and a few named officials (each
  rolling up to the country, bodies with a sector code), plus international
  organisations: about 2,000 entities;
* who is in the news follows a Zipf law (s = 1.1, a random order with a few
  great powers first), so a handful of actors take part in most statements
  and the long tail in few;
* predicates have the skew of event data (consultations and criticism
  common, weapons deliveries and attacks rarer), polarity is negative 8% of
  the time, modality mostly asserted, 45% of claims are attributed to a
  speaker;
* documents hold 1 to 20 statements (8.5 on average) in sentences of
  one or two claims; publication dates run over three years, and two claims
  in three carry an event date up to a month before publication.

Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.model import Document, Entity, Provenance, Span, Statement  # noqa: E402
from graph.ontology import predicates  # noqa: E402

PROVENANCE = Provenance("geokg-corpus", "0.0.0", "synthetic", "2025-01-01T00:00:00Z")
ZIPF_S = 1.1
FIRST = ("USA", "RUS", "CHN", "UKR", "ISR", "IRN", "PRK", "GBR", "FRA", "DEU", "IND", "TUR")
"""Put at the head of the Zipf order: the states a news feed names most."""
BODIES = (("armed-forces", "armed forces", "MIL"), ("foreign-ministry", "foreign ministry", "GOV"),
          ("parliament", "parliament", "LEG"))
ORGANIZATIONS = ("nato", "eu", "un", "au", "asean", "opec", "g7", "brics", "iaea", "who")
PREDICATE_WEIGHTS = {
    "consults": 9, "meetsWith": 8, "criticizes": 10, "supports": 6, "urges": 6, "agreesWith": 4, "visits": 4,
    "rejects": 3, "threatens": 3, "cooperatesWith": 3, "signsAgreementWith": 2, "sanctions": 2, "attacks": 3,
    "providesAidTo": 2, "providesWeaponsTo": 1, "mobilizesAgainst": 1, "protestsAgainst": 1, "coerces": 1,
}
"""Relative frequencies; predicates not named here get weight 0.5."""
FIRST_DAY = date(2022, 1, 1)
DAYS = 3 * 365
PER_DOCUMENT = 8.5
"""Statements per document on average (what the length distribution below gives), to spread dates evenly."""


def actors(seed: int = 11) -> list[Entity]:
    """Every actor of the corpus, most newsworthy first (the order the Zipf law ranks)."""
    rng = random.Random(seed)
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_3)
    states = [Entity(c.alpha_3, c.name, "Country", c.alpha_3) for c in countries]
    others: list[Entity] = []
    for state in states:
        others += [Entity(f"{state.id.lower()}-{slug}", f"{state.label} {name}", "Organization", state.id,
                          parent=state.id, sector=sector) for slug, name, sector in BODIES]
        others += [Entity(f"{state.id.lower()}-official-{n}", f"Official {n} of {state.label}", "Person", state.id,
                          parent=state.id) for n in range(1, 5)]
    others += [Entity(slug, slug.upper(), "Organization", None) for slug in ORGANIZATIONS]
    rng.shuffle(states)
    rng.shuffle(others)
    head = [s for code in FIRST for s in states if s.id == code]
    # States lead the order (they are named most), interleaved with bodies and officials.
    rest = [s for s in states if s.id not in FIRST]
    mixed = list(itertools.chain.from_iterable(itertools.zip_longest(rest, others[: len(rest)])))
    return head + [e for e in mixed if e is not None] + others[len(rest):]


def _cumulative(weights: list[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def corpus(statements: int, seed: int = 7) -> Iterator[tuple[Document, list[Statement]]]:
    """Documents with their statements until `statements` statements are made (lazily, in little memory)."""
    rng = random.Random(seed)
    entities = actors()
    zipf = _cumulative([1 / (rank ** ZIPF_S) for rank in range(1, len(entities) + 1)])
    names = sorted(predicates())
    by_predicate = _cumulative([PREDICATE_WEIGHTS.get(name, 0.5) for name in names])

    def actor() -> Entity:
        return entities[bisect.bisect(zipf, rng.random() * zipf[-1])]

    made = 0
    for number in itertools.count():
        if made >= statements:
            return
        published = FIRST_DAY + timedelta(days=min(DAYS - 1, int(number * DAYS * PER_DOCUMENT / statements)))
        wanted = min(statements - made, max(1, min(20, int(rng.expovariate(1 / 9)) + 1)))
        text_parts: list[str] = []
        found: list[Statement] = []
        offset = 0
        doc_id = f"feed-{number:08d}"
        while len(found) < wanted:
            subject, obj = actor(), actor()
            while obj.id == subject.id:
                obj = actor()
            claims_here = 2 if rng.random() < 0.3 and wanted - len(found) > 1 else 1
            speaker = actor() if rng.random() < 0.45 else None
            sentence = (f"{subject.label} and {obj.label} were in the news again, "
                        f"line {len(text_parts) + 1} of dispatch {number} reported"
                        + (f", citing {speaker.label}." if speaker else "."))
            span = Span(offset, offset + len(sentence), sentence)
            for _ in range(claims_here):
                predicate = names[bisect.bisect(by_predicate, rng.random() * by_predicate[-1])]
                dated = rng.random() < 0.66
                event = (published - timedelta(days=rng.randrange(31))).isoformat() if dated else None
                found.append(Statement(
                    doc_id, subject, predicate, obj, "negative" if rng.random() < 0.08 else "positive",
                    rng.choices(("asserted", "intended", "requested", "hypothetical"), (84, 8, 6, 2))[0],
                    speaker, span, round(rng.uniform(0.4, 0.99), 2), event, published.isoformat(),
                    Span(span.start, span.start + len(subject.label), subject.label), PROVENANCE))
            text_parts.append(sentence)
            offset += len(sentence) + 1
        made += len(found)
        yield (Document(doc_id, " ".join(text_parts), published, f"https://news.example/{number}",
                        f"Dispatch {number}"), found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, help="JSON lines file (default: standard output)")
    args = parser.parse_args(argv)
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    try:
        for document, statements in corpus(args.statements, args.seed):
            out.write(json.dumps({"id": document.id, "text": document.text,
                                  "published": document.published.isoformat() if document.published else None,
                                  "url": document.url, "title": document.title,
                                  "statements": [s.to_json() for s in statements]}) + "\n")
    finally:
        if args.output:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
