"""Synthetic news text for extraction benchmarks: as long as asked, with new names all the way.

    python bench/text_corpus.py --documents 5000 > /tmp/feed.jsonl

Repeating a small corpus would hide the cost a real feed has: new people,
companies and numbers keep arriving, and every new string enters spaCy's
vocabulary. Each document here is a handful of sentences built from templates
(written for geokg) around real country names, with invented surnames,
company names and figures drawn from a seeded generator, so that a run is
repeatable and its vocabulary grows with its length. Nothing generated is
committed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta

COUNTRIES = (
    "Russia", "Ukraine", "China", "North Korea", "South Korea", "Japan", "Iran", "Israel", "Turkey",
    "Germany", "France", "Poland", "India", "Pakistan", "Brazil", "Egypt", "Serbia", "Hungary",
    "Armenia", "Azerbaijan", "Georgia", "Belarus", "Syria", "Saudi Arabia", "Qatar", "Ethiopia",
    "Sudan", "Mali", "Niger", "Venezuela", "Colombia", "Vietnam", "the Philippines", "Indonesia",
)
CITIES = ("Kyiv", "Moscow", "Beijing", "Seoul", "Tehran", "Ankara", "Warsaw", "Cairo", "Belgrade", "Baku")
GOODS = ("artillery shells", "attack drones", "air defence systems", "rifles", "armoured vehicles",
         "fuel", "grain", "radar components", "medical supplies")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
SYLLABLES = ("ka", "lo", "ven", "dri", "mar", "tes", "bu", "sha", "nor", "vi", "lek", "an", "zo", "rim",
             "tal", "gu", "fen", "os", "pra", "ul")

TEMPLATES = (
    "{a} has sent {n} {goods} to {b} since {month}, officials in {c} said on {day}.",
    "{a} denied that it had supplied {goods} to {b}, calling the report by {person} a fabrication.",
    "{person}, a senior diplomat from {a}, met counterparts from {b} in {city} to discuss a ceasefire.",
    "{a} urged {b} to release {n} sailors held since the ship was seized near {city}.",
    "{a} imposed sanctions on {company} and {n} other firms accused of helping {b} buy {goods}.",
    "Analysts say {a} retains considerable influence over {b}, despite the dispute over {company}.",
    "{a} and {b} signed an agreement on {day} to expand trade in {goods}, {person} told reporters.",
    "Protesters gathered outside the embassy of {a} in {city} to denounce its support for {b}.",
    "{a} would retaliate against {b} if the shipments of {goods} continued, {person} warned.",
    "Forces from {a} shelled positions held by {b} near {city} overnight, killing {n} people.",
)


def invented_name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def documents(count: int, seed: int = 11, sentences: tuple[int, int] = (6, 14)) -> Iterator[dict[str, str]]:
    """`count` document records ({"id", "text", "published"}), the same ones for the same seed."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    for number in range(count):
        published = start + timedelta(days=number % 700)
        paragraphs = []
        for _ in range(rng.randint(*sentences)):
            a, b, c = rng.sample(COUNTRIES, 3)
            sentence = rng.choice(TEMPLATES).format(
                a=a, b=b, c=c, city=rng.choice(CITIES), goods=rng.choice(GOODS), day=rng.choice(WEEKDAYS),
                n=rng.randint(2, 9000), month=(published - timedelta(days=rng.randint(20, 200))).strftime("%B"),
                person=f"{invented_name(rng, 2)} {invented_name(rng, 3)}",
                company=f"{invented_name(rng, 3)} {rng.choice(('Holdings', 'Trading', 'Logistics'))}",
            )
            paragraphs.append(sentence[0].upper() + sentence[1:])
        yield {"id": f"feed-{seed}-{number:07d}", "text": "\n\n".join(paragraphs),
               "published": published.isoformat()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    for record in documents(args.documents, args.seed):
        sys.stdout.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
