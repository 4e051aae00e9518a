"""The claims index: a SQLite table of every claim, derived from the RDF store, for reads that must not scan.

The RDF store stays the source of truth; this file (`geokg-index.sqlite`
inside an embedded store's directory) is a copy of what the service reads
most, laid out for it:

* `claims`: one row per claim with its evidence, ends (and the countries
  they roll up to), sort key, document; indexed by each end and by the
  order /relations pages in, so a page costs its length, not the entity's
  number of claims;
* `relations`: per (subject, predicate, object), claims, supporting and
  denying documents, kept up to date at write time (the `relation` block
  of every /relations item);
* `edges`: per (subject, predicate, object, polarity), the asserted or
  intended claims, sources, best confidence, first and last seen: the
  facts-view projection behind /paths, /rankings and the explorer;
* `links`: per (subject, object), the supporting documents summed over
  predicates, and the part from symmetric ones (what /paths and /rankings
  walk, see `graph.analysis.project_links`);
* `entity_predicates`: claims by predicate with an entity on either side
  (/entities/{id}), and `entities`: the entities graph's labels, types,
  countries and sectors (roll-up and sector filters).

Consistency. The writer records a batch here only after the RDF store has
committed it. A crash in between leaves the index behind the store; `sync`
(run at every writable open) finds the documents whose (IRI, extraction) pair
differs between the two and re-reads only those from the RDF store, and
re-reads the entities when the entities graph changed, so the index always
ends equal to a rebuild from scratch. A read-only open uses the index only
when it is already in sync, and otherwise reads through SPARQL.

Only embedded stores have an index: a remote SPARQL server may be written by
others, so every read there goes through SPARQL (docs/scaling.md).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph.model import ENTITY_NS, ONTOLOGY_NS
from graph.ontology import predicates
from graph.store.rdf import (
    ENTITIES_GRAPH,
    FACT_MODALITIES,
    PROVENANCE_GRAPH,
    canonical_datetime,
    canonical_decimal,
    claim_iri,
    document_iri,
    extraction_iri,
    supports_fact,
)

if TYPE_CHECKING:
    from graph.model import Document, Provenance, Statement
    from graph.store.backend import KnowledgeStore

INDEX_FILE = "geokg-index.sqlite"
SCHEMA_VERSION = 2
SECTOR_NS = "https://geokg.org/sector/"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_PROV = "http://www.w3.org/ns/prov#"
_OA = "http://www.w3.org/ns/oa#"
_DCTERMS = "http://purl.org/dc/terms/"
_USED = ox.NamedNode(_PROV + "used")
_DERIVED_FROM = ox.NamedNode(_PROV + "wasDerivedFrom")
_SYNC_CHUNK = 500
"""Documents re-read from the RDF store per query while syncing."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (
  id TEXT PRIMARY KEY, label TEXT, type TEXT, country TEXT, sector TEXT);
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL, extraction TEXT NOT NULL,
  title TEXT, url TEXT, published TEXT, extractor TEXT, extractor_version TEXT, model TEXT, extracted_at TEXT);
CREATE TABLE IF NOT EXISTS claims (
  id INTEGER PRIMARY KEY, claim TEXT NOT NULL UNIQUE, document INTEGER NOT NULL, doc_iri TEXT NOT NULL,
  subject TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT NOT NULL,
  subject_root TEXT NOT NULL, object_root TEXT NOT NULL,
  polarity TEXT NOT NULL, modality TEXT NOT NULL, attributed_to TEXT, confidence REAL NOT NULL,
  event_date TEXT, sort_when TEXT NOT NULL, trigger TEXT, sentence TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS claims_by_subject ON claims (subject, sort_when DESC, doc_iri, claim);
CREATE INDEX IF NOT EXISTS claims_by_object ON claims (object, sort_when DESC, doc_iri, claim);
CREATE INDEX IF NOT EXISTS claims_by_subject_root ON claims (subject_root, sort_when DESC, doc_iri, claim);
CREATE INDEX IF NOT EXISTS claims_by_object_root ON claims (object_root, sort_when DESC, doc_iri, claim);
CREATE INDEX IF NOT EXISTS claims_by_predicate ON claims (predicate, sort_when DESC, doc_iri, claim);
CREATE INDEX IF NOT EXISTS claims_in_order ON claims (sort_when DESC, doc_iri, claim);
CREATE INDEX IF NOT EXISTS claims_by_document ON claims (document);
CREATE TABLE IF NOT EXISTS relations (
  subject TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT NOT NULL,
  claims INTEGER NOT NULL, sources INTEGER NOT NULL, denying INTEGER NOT NULL,
  PRIMARY KEY (subject, predicate, object)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edges (
  subject TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT NOT NULL, polarity TEXT NOT NULL,
  claims INTEGER NOT NULL, sources INTEGER NOT NULL, confidence REAL NOT NULL,
  first_seen TEXT, last_seen TEXT,
  PRIMARY KEY (subject, predicate, object, polarity)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_by_object ON edges (object);
CREATE TABLE IF NOT EXISTS links (
  subject TEXT NOT NULL, object TEXT NOT NULL, sources INTEGER NOT NULL, symmetric INTEGER NOT NULL,
  PRIMARY KEY (subject, object)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entity_predicates (
  entity TEXT NOT NULL, predicate TEXT NOT NULL, as_subject INTEGER NOT NULL, as_object INTEGER NOT NULL,
  claims INTEGER NOT NULL, PRIMARY KEY (entity, predicate)) WITHOUT ROWID;
"""
"""`entity_predicates.claims` counts each claim once even when the entity is both its subject and object."""


@dataclass(frozen=True)
class IndexedDocument:
    """One document as the writer stored it: what the index records for it."""

    document: Document
    statements: Sequence[Statement]
    provenance: Provenance


@dataclass(frozen=True)
class SyncReport:
    """What `sync` had to redo: documents re-read or dropped, and whether the entities were re-read."""

    documents: int
    entities: bool

    @property
    def changed(self) -> bool:
        return bool(self.documents or self.entities)


def index_path(store_directory: str | Path) -> Path:
    return Path(store_directory) / INDEX_FILE


def _local(iri: str | None, namespace: str) -> str | None:
    return None if iri is None else iri.removeprefix(namespace)


class ClaimIndex:
    """The SQLite index beside one embedded store. Safe to read from many threads; one writer."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        if not read_only:
            self._db().executescript(SCHEMA)  # its own transaction
            with self._write() as db:
                db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            if self._meta("schema") != str(SCHEMA_VERSION):
                self.clear()

    # ---- connections ------------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            if self.read_only:
                db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            else:
                db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA cache_size=-65536")  # 64 MiB of pages per connection
            db.row_factory = sqlite3.Row
            self._local.db = db
            with self._lock:
                self._connections.append(db)
        return db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One SQLite transaction: all of a batch's rows or none."""
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            for db in self._connections:
                db.close()
            self._connections.clear()
        self._local = threading.local()

    def _meta(self, key: str) -> str | None:
        row = self._db().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def size(self) -> int:
        """Bytes of the index file and its write-ahead log."""
        return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*"))

    def clear(self) -> None:
        with self._write() as db:
            for table in ("entities", "documents", "claims", "relations", "edges", "links", "entity_predicates",
                          "meta"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))

    # ---- writing ----------------------------------------------------------------------------

    def record(self, written: Sequence[IndexedDocument], entity_quads: Iterable[ox.Quad] = (),
               replaced: Iterable[str] = ()) -> None:
        """Record documents the RDF store has just committed (replacing older versions) in one transaction.

        `entity_quads` are the entities graph quads written with them;
        `replaced` the IRIs of documents whose old version was removed.
        """
        with self._write() as db:
            self._store_entities(db, _entities_from_quads(entity_quads))
            self._forget(db, [*replaced, *(document_iri(item.document.id) for item in written)])
            for item in written:
                self._insert_document(db, _document_row(item.document, item.provenance),
                                      [_claim_row(s, item.document) for s in item.statements])

    def forget_document(self, doc_id: str) -> None:
        with self._write() as db:
            self._forget(db, [document_iri(doc_id)])

    def _store_entities(self, db: sqlite3.Connection, rows: Iterable[tuple]) -> None:
        db.executemany("INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?, ?)", rows)

    def _insert_document(self, db: sqlite3.Connection, document: tuple, claims: list[dict[str, Any]]) -> None:
        number = db.execute("INSERT INTO documents (iri, doc_id, extraction, title, url, published, extractor, "
                            "extractor_version, model, extracted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            document).lastrowid
        roots = self._roots(db, {c["subject"] for c in claims} | {c["object"] for c in claims})
        rows = []
        for c in claims:
            rows.append((c["claim"], number, document[0], c["subject"], c["predicate"], c["object"],
                         roots[c["subject"]], roots[c["object"]], c["polarity"], c["modality"],
                         c["attributed_to"], c["confidence"], c["event_date"],
                         c["event_date"] or document[5] or "", c["trigger"], c["sentence"], c["start"], c["end"]))
        db.executemany("INSERT OR REPLACE INTO claims (claim, document, doc_iri, subject, predicate, object, "
                       "subject_root, object_root, polarity, modality, attributed_to, confidence, event_date, "
                       "sort_when, trigger, sentence, start, \"end\") "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self._add_summaries(db, [dict(zip(_SUMMARY_FIELDS, (r[3], r[4], r[5], r[8], r[9], r[11], r[13])))
                                 for r in rows])

    @staticmethod
    def _roots(db: sqlite3.Connection, ids: set[str]) -> dict[str, str]:
        """Each entity's roll-up (its country, else itself) as the entities table says."""
        found = {row[0]: row[1] for row in db.execute(
            f"SELECT id, country FROM entities WHERE id IN ({','.join('?' * len(ids))}) AND country IS NOT NULL",
            tuple(ids))} if ids else {}
        return {i: found.get(i) or i for i in ids}

    @staticmethod
    def _add_summaries(db: sqlite3.Connection, claims: list[dict[str, Any]]) -> None:
        """Add one document's claims to the relation, edge and entity summaries (a document counts once)."""
        relations: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        edges: dict[tuple[str, str, str, str], list[Any]] = {}
        counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        for c in claims:
            triple = (c["subject"], c["predicate"], c["object"])
            relation = relations[triple]
            relation[0] += 1
            relation[1] = relation[1] or int(c["polarity"] == "positive" and c["modality"] in FACT_MODALITIES)
            relation[2] = relation[2] or int(c["polarity"] == "negative")
            if c["modality"] in FACT_MODALITIES:
                key = (*triple, c["polarity"])
                when = c["sort_when"] or None
                edge = edges.setdefault(key, [0, c["confidence"], when, when])
                edge[0] += 1
                edge[1] = max(edge[1], c["confidence"])
                edge[2] = _earliest(edge[2], when)
                edge[3] = _latest(edge[3], when)
            counts[(c["subject"], c["predicate"])][0] += 1
            counts[(c["object"], c["predicate"])][1] += 1
            counts[(c["subject"], c["predicate"])][2] += 1
            if c["object"] != c["subject"]:
                counts[(c["object"], c["predicate"])][2] += 1
        db.executemany(
            "INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "claims = claims + excluded.claims, sources = sources + excluded.sources, "
            "denying = denying + excluded.denying",
            [(*triple, *values) for triple, values in relations.items()])
        db.executemany(
            "INSERT INTO edges VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "claims = claims + excluded.claims, sources = sources + 1, "
            "confidence = MAX(confidence, excluded.confidence), "
            "first_seen = COALESCE(MIN(first_seen, excluded.first_seen), first_seen, excluded.first_seen), "
            "last_seen = COALESCE(MAX(last_seen, excluded.last_seen), last_seen, excluded.last_seen)",
            [(*key, *values) for key, values in edges.items()])
        links: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        symmetric = _symmetric()
        for (subject, predicate, obj), (_, supports, _) in relations.items():
            if supports:
                links[(subject, obj)][0] += 1
                links[(subject, obj)][1] += predicate in symmetric
        db.executemany(
            "INSERT INTO links VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "sources = sources + excluded.sources, symmetric = symmetric + excluded.symmetric",
            [(*key, *values) for key, values in links.items()])
        db.executemany(
            "INSERT INTO entity_predicates VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "as_subject = as_subject + excluded.as_subject, as_object = as_object + excluded.as_object, "
            "claims = claims + excluded.claims",
            [(*key, *values) for key, values in counts.items()])

    def _forget(self, db: sqlite3.Connection, iris: Sequence[str]) -> None:
        """Remove documents and their claims, and take them out of the summaries."""
        for iri in iris:
            row = db.execute("SELECT id FROM documents WHERE iri = ?", (iri,)).fetchone()
            if row is None:
                continue
            number = row[0]
            claims = [dict(r) for r in db.execute(
                "SELECT subject, predicate, object, polarity, modality, confidence, sort_when FROM claims "
                "WHERE document = ?", (number,))]
            db.execute("DELETE FROM claims WHERE document = ?", (number,))
            db.execute("DELETE FROM documents WHERE id = ?", (number,))
            self._subtract_summaries(db, claims)

    @staticmethod
    def _subtract_summaries(db: sqlite3.Connection, claims: list[dict[str, Any]]) -> None:
        """Undo a removed document's contribution: counts by subtraction, extremes by recomputing its groups."""
        triples = {(c["subject"], c["predicate"], c["object"]) for c in claims}
        for subject, predicate, obj in triples:
            db.execute("DELETE FROM relations WHERE subject = ? AND predicate = ? AND object = ?",
                       (subject, predicate, obj))
            db.execute(f"""INSERT INTO relations SELECT subject, predicate, object, COUNT(*),
                COUNT(DISTINCT CASE WHEN {_SUPPORTING} THEN document END),
                COUNT(DISTINCT CASE WHEN polarity = 'negative' THEN document END)
                FROM claims WHERE subject = ? AND predicate = ? AND object = ?
                GROUP BY subject, predicate, object""", (subject, predicate, obj))
            db.execute("DELETE FROM edges WHERE subject = ? AND predicate = ? AND object = ?",
                       (subject, predicate, obj))
            db.execute(f"""INSERT INTO edges SELECT subject, predicate, object, polarity, COUNT(*),
                COUNT(DISTINCT document), MAX(confidence), MIN(NULLIF(sort_when, '')), MAX(NULLIF(sort_when, ''))
                FROM claims WHERE subject = ? AND predicate = ? AND object = ? AND modality IN {_FACT_SQL}
                GROUP BY polarity""", (subject, predicate, obj))
        names = sorted(_symmetric())
        for subject, obj in {(s, o) for s, _, o in triples}:
            db.execute("DELETE FROM links WHERE subject = ? AND object = ?", (subject, obj))
            db.execute(f"""INSERT INTO links SELECT subject, object, SUM(sources),
                SUM(CASE WHEN predicate IN ({','.join('?' * len(names))}) THEN sources ELSE 0 END)
                FROM relations WHERE subject = ? AND object = ? AND sources > 0 GROUP BY subject, object""",
                       (*names, subject, obj))
        entities = {(c["subject"], c["predicate"]) for c in claims} | {(c["object"], c["predicate"]) for c in claims}
        for entity, predicate in entities:
            db.execute("DELETE FROM entity_predicates WHERE entity = ? AND predicate = ?", (entity, predicate))
            db.execute("""INSERT INTO entity_predicates SELECT ?1, ?2, SUM(subject = ?1), SUM(object = ?1), COUNT(*)
                FROM (SELECT subject, object FROM claims WHERE subject = ?1 AND predicate = ?2
                      UNION ALL SELECT subject, object FROM claims WHERE object = ?1 AND subject != ?1 AND predicate = ?2)
                HAVING COUNT(*) > 0""", (entity, predicate))

    # ---- keeping up with the RDF store --------------------------------------------------------

    def in_sync(self, store: KnowledgeStore) -> bool:
        """Whether the index holds exactly the store's documents (by extraction) and entities."""
        return (self._stored_documents(store) == self._indexed_documents()
                and self._meta("entities") == str(_entities_fingerprint(store)))

    def sync(self, store: KnowledgeStore) -> SyncReport:
        """Bring the index level with the RDF store, re-reading only what differs (see the module doc)."""
        fingerprint = str(_entities_fingerprint(store))
        entities_changed = self._meta("entities") != fingerprint
        if entities_changed:
            self._reload_entities(store, fingerprint)
        stored, indexed = self._stored_documents(store), self._indexed_documents()
        stale = sorted(iri for iri, extraction in indexed.items() if stored.get(iri) != extraction)
        missing = sorted(iri for iri, extraction in stored.items() if indexed.get(iri) != extraction)
        with self._write() as db:
            self._forget(db, stale)
        for start in range(0, len(missing), _SYNC_CHUNK):
            chunk = missing[start:start + _SYNC_CHUNK]
            documents, claims = _read_documents(store, chunk)
            with self._write() as db:
                for iri in chunk:
                    if iri in documents:
                        self._insert_document(db, documents[iri], claims.get(iri, []))
        if stale or missing or entities_changed:
            self._db().execute("ANALYZE")
        return SyncReport(documents=len(set(stale) | set(missing)), entities=entities_changed)

    def _indexed_documents(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self._db().execute("SELECT iri, extraction FROM documents")}

    @staticmethod
    def _stored_documents(store: KnowledgeStore) -> dict[str, str]:
        return {row["doc"].value: row["extraction"].value for row in store.select_stream(
            f"SELECT ?doc ?extraction WHERE {{ GRAPH <{PROVENANCE_GRAPH}> {{ "
            f"?doc a geokg:Document . ?extraction prov:used ?doc }} }}")}

    def _reload_entities(self, store: KnowledgeStore, fingerprint: str) -> None:
        """Re-read the entities graph; claims whose ends now roll up elsewhere get their roots updated."""
        quads = (ox.Quad(row["s"], row["p"], row["o"], ox.NamedNode(ENTITIES_GRAPH)) for row in store.select_stream(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s ?p ?o }} }}"))
        rows = list(_entities_from_quads(quads))
        with self._write() as db:
            before = {row[0]: row[1] for row in db.execute("SELECT id, country FROM entities")}
            db.execute("DELETE FROM entities")
            self._store_entities(db, rows)
            country = {row[0]: row[3] for row in rows}
            for entity in {e for e, c in country.items() if before.get(e) != c} | (set(before) - set(country)):
                root = country.get(entity) or entity
                db.execute("UPDATE claims SET subject_root = ? WHERE subject = ?", (root, entity))
                db.execute("UPDATE claims SET object_root = ? WHERE object = ?", (root, entity))
            db.execute("INSERT OR REPLACE INTO meta VALUES ('entities', ?)", (fingerprint,))

    def note_entities(self, store: KnowledgeStore) -> None:
        """Record the entities graph's current fingerprint (after a write whose entities were recorded)."""
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('entities', ?)", (str(_entities_fingerprint(store)),))

    # ---- reading ------------------------------------------------------------------------------

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return self._db().execute(sql, tuple(parameters)).fetchall()


_SUMMARY_FIELDS = ("subject", "predicate", "object", "polarity", "modality", "confidence", "sort_when")
_FACT_SQL = "('" + "', '".join(sorted(FACT_MODALITIES)) + "')"
_SUPPORTING = f"polarity = 'positive' AND modality IN {_FACT_SQL}"


def supporting_sql() -> str:
    """The SQL condition of a claim that supports its relation (the facts view's rule)."""
    return _SUPPORTING


def _symmetric() -> frozenset[str]:
    return frozenset(name for name, info in predicates().items() if info.symmetric)


def _earliest(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


def _latest(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)


def _entities_fingerprint(store: KnowledgeStore) -> int:
    """How many quads the entities graph holds: entities are only ever added, so this moves with every change."""
    row = next(store.select_stream(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s ?p ?o }} }}"))
    return int(row["n"].value)


def _entities_from_quads(quads: Iterable[ox.Quad]) -> Iterator[tuple]:
    """(id, label, type, country, sector) of every entity described by these entities-graph quads."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for quad in quads:
        if quad.graph_name.value != ENTITIES_GRAPH or not quad.subject.value.startswith(ENTITY_NS):
            continue
        predicate, value = quad.predicate.value, quad.object.value
        fields = found[quad.subject.value]
        if predicate == _RDF_TYPE:
            fields["type"] = value.removeprefix(ONTOLOGY_NS)
        elif predicate == _RDFS_LABEL:
            fields["label"] = value
        elif predicate == ONTOLOGY_NS + "country":
            fields["country"] = value.removeprefix(ENTITY_NS)
        elif predicate == ONTOLOGY_NS + "sector":
            fields["sector"] = value.removeprefix(SECTOR_NS)
    for iri, fields in found.items():
        if "type" in fields:
            yield (iri.removeprefix(ENTITY_NS), fields.get("label"), fields["type"], fields.get("country"),
                   fields.get("sector"))


def _document_row(document: Document, provenance: Provenance) -> tuple:
    return (document_iri(document.id), document.id, extraction_iri(document, provenance), document.title,
            document.url, document.published.isoformat() if document.published else None, provenance.extractor,
            provenance.version, provenance.model, canonical_datetime(provenance.extracted_at))


def _claim_row(statement: Statement, document: Document) -> dict[str, Any]:
    return {
        "claim": claim_iri(statement), "subject": statement.subject.id, "predicate": statement.predicate,
        "object": statement.object.id, "polarity": statement.polarity, "modality": statement.modality,
        "attributed_to": statement.attributed_to.id if statement.attributed_to else None,
        "confidence": float(canonical_decimal(statement.confidence)), "event_date": statement.date or None,
        "trigger": statement.trigger.text if statement.trigger is not None and statement.trigger.text else None,
        "sentence": statement.sentence.text, "start": statement.sentence.start, "end": statement.sentence.end,
        "supports": supports_fact(statement),
    }


def _read_documents(store: KnowledgeStore,
                    iris: Sequence[str]) -> tuple[dict[str, tuple], dict[str, list[dict[str, Any]]]]:
    """Documents and their claims as stored in RDF, in the rows `_insert_document` takes.

    Read by direct lookups in Oxigraph's indexes (document → claims → evidence
    → selectors), a handful per claim: a SPARQL join over a chunk of documents
    makes Oxigraph read whole predicates of the store for every chunk.
    """
    ox_store = store.ox  # type: ignore[attr-defined] - only embedded stores have an index
    graph = ox.NamedNode(PROVENANCE_GRAPH)

    def described(node: ox.NamedNode) -> dict[str, list[Any]]:
        found: dict[str, list[Any]] = defaultdict(list)
        for quad in ox_store.quads_for_pattern(node, None, None, graph):
            found[quad.predicate.value].append(quad.object)
        return found

    def first(values: dict[str, list[Any]], predicate: str) -> str | None:
        terms = values.get(predicate)
        return terms[0].value if terms else None

    agents: dict[str, dict[str, list[Any]]] = {}
    documents: dict[str, tuple] = {}
    claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for iri in iris:
        doc = ox.NamedNode(iri)
        about = described(doc)
        extraction = next(iter(ox_store.quads_for_pattern(None, _USED, doc, graph)), None)
        if not about or extraction is None:
            continue
        activity = described(extraction.subject)
        agent_iri = first(activity, _PROV + "wasAssociatedWith")
        if agent_iri not in agents:
            agents[agent_iri] = described(ox.NamedNode(agent_iri))  # type: ignore[index,arg-type]
        agent = agents[agent_iri]  # type: ignore[index]
        documents[iri] = (iri, first(about, ONTOLOGY_NS + "documentId"), extraction.subject.value,
                          first(about, _DCTERMS + "title"), first(about, ONTOLOGY_NS + "url"),
                          first(about, _DCTERMS + "issued"), first(agent, _RDFS_LABEL),
                          first(agent, ONTOLOGY_NS + "extractorVersion"), first(agent, ONTOLOGY_NS + "modelName"),
                          first(activity, _PROV + "startedAtTime"))
        sentences: dict[str, tuple[int, int, str]] = {}
        for quad in ox_store.quads_for_pattern(None, _DERIVED_FROM, doc, graph):
            claim = described(quad.subject)
            evidence = first(claim, ONTOLOGY_NS + "evidence")
            if evidence not in sentences:
                sentences[evidence] = _sentence(ox_store, graph, evidence)  # type: ignore[index,arg-type]
            start, end, text = sentences[evidence]  # type: ignore[index]
            polarity, modality = first(claim, ONTOLOGY_NS + "polarity"), first(claim, ONTOLOGY_NS + "modality")
            claims[iri].append({
                "claim": quad.subject.value, "subject": _local(first(claim, ONTOLOGY_NS + "claimSubject"), ENTITY_NS),
                "predicate": _local(first(claim, ONTOLOGY_NS + "claimPredicate"), ONTOLOGY_NS),
                "object": _local(first(claim, ONTOLOGY_NS + "claimObject"), ENTITY_NS),
                "polarity": polarity, "modality": modality,
                "attributed_to": _local(first(claim, ONTOLOGY_NS + "attributedTo"), ENTITY_NS),
                "confidence": float(first(claim, ONTOLOGY_NS + "confidence") or 0),
                "event_date": first(claim, ONTOLOGY_NS + "eventDate"),
                "trigger": first(claim, ONTOLOGY_NS + "triggerText"), "sentence": text, "start": start, "end": end,
                "supports": polarity == "positive" and modality in FACT_MODALITIES,
            })
    return documents, claims


def _sentence(ox_store: ox.Store, graph: ox.NamedNode, evidence: str) -> tuple[int, int, str]:
    """The offsets and text an evidence annotation selects."""
    start = end = 0
    text = ""
    for target in ox_store.quads_for_pattern(ox.NamedNode(evidence), ox.NamedNode(_OA + "hasTarget"), None, graph):
        for selector in ox_store.quads_for_pattern(target.object, ox.NamedNode(_OA + "hasSelector"), None, graph):
            for quad in ox_store.quads_for_pattern(selector.object, None, None, graph):
                name = quad.predicate.value
                if name == _OA + "start":
                    start = int(quad.object.value)
                elif name == _OA + "end":
                    end = int(quad.object.value)
                elif name == _OA + "exact":
                    text = quad.object.value
    return start, end, text
