"""The issue-3 acceptance check on the shared seed article: ingest it, then run the two queries.

    python bench/seed_queries.py SHARED_DIR [--store DIR]

SHARED_DIR holds eval/seed-article.txt. The article is ingested into a fresh
temporary store (or into --store), then this prints

1. one SPARQL query over the facts view, which must find
   (PRK providesWeaponsTo RUS) and (CHN hasInfluenceOver PRK);
2. one SPARQL query listing every claim of (PRK providesWeaponsTo RUS) with its
   attribution, polarity, modality and sentence, the Kremlin's denial included.

Exit status 0 when both expectations hold, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.documents import read_paths  # noqa: E402
from graph.store import open_store  # noqa: E402
from graph.store.ingest import ingest  # noqa: E402

FACTS_QUERY = """
SELECT ?subject ?predicate ?object WHERE {
  GRAPH <https://geokg.org/graph/facts> { ?subject ?predicate ?object }
  VALUES (?subject ?predicate ?object) {
    (id:PRK geokg:providesWeaponsTo id:RUS)
    (id:CHN geokg:hasInfluenceOver id:PRK)
  }
}"""

CLAIMS_QUERY = """
SELECT ?claim ?attributedTo ?polarity ?modality ?sentence ?start ?end WHERE {
  GRAPH <https://geokg.org/graph/provenance> {
    ?claim geokg:claimSubject id:PRK ; geokg:claimPredicate geokg:providesWeaponsTo ;
           geokg:claimObject id:RUS ; geokg:polarity ?polarity ; geokg:modality ?modality ;
           geokg:evidence/oa:hasTarget/oa:hasSelector ?quote, ?position .
    ?quote oa:exact ?sentence .
    ?position oa:start ?start ; oa:end ?end .
    OPTIONAL { ?claim geokg:attributedTo ?attributedTo }
  }
} ORDER BY ?start"""


def short(term: object) -> str:
    text = "" if term is None else str(term)
    for prefix, namespace in (("id:", "https://geokg.org/id/"), ("geokg:", "https://geokg.org/ontology#")):
        if text.startswith(namespace):
            return prefix + text.removeprefix(namespace)
    return text or "(the document's own voice)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared_dir", type=Path)
    parser.add_argument("--store", help="store to ingest into (default: a new temporary directory)")
    args = parser.parse_args(argv)
    article = args.shared_dir / "eval" / "seed-article.txt"
    if not article.exists():
        parser.error(f"{article} does not exist")

    from graph.extract import load_extractor
    from graph.gazetteer import load_gazetteer

    location = args.store or str(Path(tempfile.mkdtemp(prefix="geokg-seed-")) / "store")
    with open_store(location) as store:
        summary = ingest(store, read_paths([article]), load_extractor(), load_gazetteer())
        print(f"store: {location}; {summary.documents} document, {summary.statements} statements\n")

        print("1. Facts view" + FACTS_QUERY)
        facts = store.select(FACTS_QUERY)
        for row in facts:
            print("   ", " ".join(short(term) for term in row))
        found = {tuple(short(term) for term in row) for row in facts}

        print("\n2. Claims of (PRK providesWeaponsTo RUS)" + CLAIMS_QUERY)
        claims = store.select(CLAIMS_QUERY)
        for row in claims:
            print(f"    {row.polarity:<8} {row.modality:<12} by {short(row.attributedTo):<28} "
                  f"[{row.start}:{row.end}] {row.sentence}")

    expected = {("id:PRK", "geokg:providesWeaponsTo", "id:RUS"), ("id:CHN", "geokg:hasInfluenceOver", "id:PRK")}
    denial = any(str(row.polarity) == "negative" and short(row.attributedTo) == "id:RUS" for row in claims)
    print(f"\nfacts found: {len(found & expected)}/2; the Kremlin's denial listed: {'yes' if denial else 'no'}")
    return 0 if found >= expected and denial else 1


if __name__ == "__main__":
    sys.exit(main())
