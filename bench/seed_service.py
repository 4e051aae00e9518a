"""The issue-4 acceptance check on the shared seed article, through the HTTP service.

    python bench/seed_service.py SHARED_DIR

Starts `geokg serve` on a free loopback port over a new temporary store, posts
SHARED_DIR/eval/seed-article.txt to POST /documents, and prints the answers to
the acceptance queries: /relations?subject=PRK&predicate=providesWeaponsTo,
/entities?q=Pyongyang, /paths?source=CHN&target=RUS, a SPARQL SELECT over the
facts view and a SPARQL INSERT (which must be refused). Exit status 0 when
every expectation holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

LOOPBACK = "127.0.0.1"
ID = "https://geokg.org/id/"


def short(iri: str | None) -> str:
    return (iri or "(the document's own voice)").removeprefix(ID)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared_dir", type=Path)
    args = parser.parse_args(argv)
    article = args.shared_dir / "eval" / "seed-article.txt"
    if not article.exists():
        parser.error(f"{article} does not exist")

    workdir = Path(tempfile.mkdtemp(prefix="geokg-seed-service-"))
    key = secrets.token_hex(16)
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port = probe.getsockname()[1]
    log = (workdir / "server.log").open("wb")
    server = subprocess.Popen([str(Path(sys.executable).parent / "geokg"), "serve", "--store", str(workdir / "store"),
                               "--host", LOOPBACK, "--port", str(port), "--log-level", "warning"],
                              env={**os.environ, "GEOKG_API_KEY": key}, stdout=log, stderr=subprocess.STDOUT)
    checks: dict[str, bool] = {}
    try:
        with httpx.Client(base_url=f"http://{LOOPBACK}:{port}", timeout=120) as http:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if http.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        print((workdir / "server.log").read_text(), file=sys.stderr)
                        return 1
                    time.sleep(0.2)
            print(f"service: http://{LOOPBACK}:{port} on a new store in {workdir}\n")

            posted = http.post("/documents", headers={"X-API-Key": key}, json={
                "id": "seed-article", "text": article.read_text(encoding="utf-8")}).json()
            print(f"POST /documents: {posted['documents'][0]['status']}, {posted['statements']} statements\n")

            claims = http.get("/relations", params={"subject": "PRK", "predicate": "providesWeaponsTo"}).json()["items"]
            print("GET /relations?subject=PRK&predicate=providesWeaponsTo")
            for c in claims:
                print(f"    {short(c['subject']['id'])} {c['predicate']} {short(c['object']['id'])}  "
                      f"{c['polarity']:<8} {c['modality']:<9} by {short((c['attributed_to'] or {}).get('id')):<16} "
                      f"[{c['start']}:{c['end']}] {c['sentence'][:90]}")
            checks["RUS is the object"] = {short(c["object"]["id"]) for c in claims} == {"RUS"}
            checks["three claims"] = len(claims) >= 3
            checks["the Kremlin's denial marked"] = any(
                c["polarity"] == "negative" and short((c["attributed_to"] or {}).get("id")) == "RUS" for c in claims)

            found = http.get("/entities", params={"q": "Pyongyang"}).json()["items"]
            print("\nGET /entities?q=Pyongyang\n    " + ", ".join(f"{short(e['id'])} ({e['match']})" for e in found))
            checks["Pyongyang finds PRK first"] = bool(found) and short(found[0]["id"]) == "PRK"

            paths = http.get("/paths", params={"source": "CHN", "target": "RUS"}).json()["paths"]
            print("\nGET /paths?source=CHN&target=RUS")
            for path in paths:
                hops = [" / ".join(f"{short(r['subject'])} {r['predicate']} {short(r['object'])}" for r in step["relations"])
                        for step in path["steps"]]
                print("    " + "  ->  ".join(hops))
            checks["a path through PRK"] = any(
                short(step["target"]["id"]) == "PRK" for path in paths for step in path["steps"][:-1])

            select = ("SELECT ?s ?p ?o WHERE { GRAPH <https://geokg.org/graph/facts> { ?s ?p ?o } "
                      "VALUES ?o { id:RUS } } ORDER BY ?s ?p")
            rows = http.get("/sparql", params={"query": select}).json()["results"]["bindings"]
            print(f"\nGET /sparql {select}")
            for row in rows:
                print("    " + " ".join(short(row[v]["value"]).removeprefix("https://geokg.org/ontology#")
                                        for v in ("s", "p", "o")))
            checks["SPARQL SELECT answers"] = any(short(r["s"]["value"]) == "PRK" for r in rows)

            insert = http.post("/sparql", data={"query": "INSERT DATA { id:CHN geokg:attacks id:RUS }"})
            print(f"\nPOST /sparql INSERT DATA ... -> {insert.status_code} {json.dumps(insert.json())}")
            checks["SPARQL INSERT refused"] = insert.status_code == 400
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
