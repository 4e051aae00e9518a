"""The store as an event table: one row per claim, in the columns event-data users know (ICEWS, GDELT).

`geokg export --format events-csv|events-parquet` and `GET /export?format=...`
write it. Each row is a claim read through `graph.store.claims.iter_claims`
(batch by batch, never the whole store at once) and written as it comes:
CSV line by line, Parquet a row group of `ROW_GROUP` rows at a time through
pyarrow, so a million claims need no more memory than a few thousand.

The event-coding columns (PLOVER type, CAMEO code, quad class, Goldstein
score) are the predicate's annotations in the ontology (`graph.ontology`).
Dates: `event_date` keeps the precision the text gives (`2023-11-09`,
`2023-11`, `2023`), so it is a string; `publication_date` is always a day, so
Parquet stores it as a date. Absent values are empty in CSV and null in
Parquet; the Goldstein score is absent for standing relations (`memberOf` ...).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from itertools import islice
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from graph.ontology import predicates as ontology_predicates
from graph.ontology import sub_predicates
from graph.store.backend import KnowledgeStore
from graph.store.claims import Actor, Claim, ClaimQuery, iter_claims
from graph.store.export import ExportError

FORMATS = ("events-csv", "events-parquet")
MEDIA_TYPES = {"events-csv": "text/csv; charset=utf-8", "events-parquet": "application/vnd.apache.parquet"}
EXTENSIONS = {"events-csv": "csv", "events-parquet": "parquet"}
ROW_GROUP = 10_000
"""Rows per Parquet row group: what is held in memory while writing."""
CHUNK = 64 * 1024
"""CSV is written in pieces of about this many characters."""


def _actor_fields(role: str) -> list[pa.Field]:
    return [pa.field(f"{role}_id", pa.string(), False), pa.field(f"{role}_label", pa.string(), False),
            pa.field(f"{role}_country", pa.string()), pa.field(f"{role}_sector", pa.string())]


SCHEMA = pa.schema([
    pa.field("event_id", pa.string(), False),
    pa.field("event_date", pa.string()),
    pa.field("publication_date", pa.date32()),
    *_actor_fields("source"),
    *_actor_fields("target"),
    pa.field("predicate", pa.string(), False),
    pa.field("plover_type", pa.string()),
    pa.field("cameo_code", pa.string()),
    pa.field("quad_class", pa.string()),
    pa.field("goldstein", pa.float64()),
    pa.field("polarity", pa.string(), False),
    pa.field("modality", pa.string(), False),
    pa.field("attributed_to_id", pa.string()),
    pa.field("attributed_to_label", pa.string()),
    pa.field("confidence", pa.float64(), False),
    pa.field("sentence", pa.string(), False),
    pa.field("document_id", pa.string(), False),
    pa.field("url", pa.string()),
    pa.field("extractor_version", pa.string(), False),
])
"""The table's columns, in order, with their Parquet types (CSV has the same header)."""
COLUMNS: tuple[str, ...] = tuple(SCHEMA.names)


def claim_query(entity: str | None = None, predicates: tuple[str, ...] = (), since: str | None = None,
                until: str | None = None) -> ClaimQuery:
    """The claims an export holds: `entity` at either end, `predicates` with their sub-predicates, a date window.

    Raises `ExportError` naming the option at fault.
    """
    names: set[str] = set()
    for predicate in predicates:
        try:
            names |= sub_predicates(predicate)
        except KeyError as exc:
            raise ExportError(f"--predicate {predicate!r} is not a predicate of the ontology") from exc
    try:
        return ClaimQuery(entity=entity, predicates=frozenset(names) if names else None, since=since, until=until)
    except ValueError as exc:
        raise ExportError(f"--{exc}") from exc


def rows(store: KnowledgeStore, query: ClaimQuery = ClaimQuery()) -> Iterator[dict[str, Any]]:
    """One dict per claim, keyed by `COLUMNS`."""
    catalogue = ontology_predicates()
    for claim in iter_claims(store, query):
        info = catalogue.get(claim.predicate)
        yield {
            "event_id": claim.id, "event_date": claim.event_date,
            "publication_date": date.fromisoformat(claim.published) if claim.published else None,
            **_actor("source", claim.subject), **_actor("target", claim.object),
            "predicate": claim.predicate, "plover_type": info.plover if info else None,
            "cameo_code": info.cameo if info else None, "quad_class": info.quad_class if info else None,
            "goldstein": info.goldstein if info else None, "polarity": claim.polarity, "modality": claim.modality,
            **_source(claim), "confidence": claim.confidence, "sentence": claim.sentence,
            "document_id": claim.document_id, "url": claim.url, "extractor_version": claim.extractor_version,
        }


def _actor(role: str, actor: Actor) -> dict[str, str | None]:
    return {f"{role}_id": actor.id, f"{role}_label": actor.label, f"{role}_country": actor.country,
            f"{role}_sector": actor.sector}


def _source(claim: Claim) -> dict[str, str | None]:
    voice = claim.attributed_to
    return {"attributed_to_id": voice.id if voice else None, "attributed_to_label": voice.label if voice else None}


def export(store: KnowledgeStore, output: IO[bytes], format_name: str, query: ClaimQuery = ClaimQuery()) -> None:
    """Write the claims `query` picks to `output` as `events-csv` or `events-parquet`."""
    if format_name == "events-csv":
        write_csv(rows(store, query), output)
    elif format_name == "events-parquet":
        write_parquet(rows(store, query), output)
    else:
        raise ExportError(f"unknown event table format {format_name!r}: use one of {', '.join(FORMATS)}")


def write_csv(table: Iterator[dict[str, Any]], output: IO[bytes]) -> None:
    """RFC 4180 CSV in UTF-8 with a header line; dates as ISO strings, absent values empty."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in table:
        writer.writerow(row)
        if text.tell() >= CHUNK:
            output.write(text.getvalue().encode("utf-8"))
            text.seek(0)
            text.truncate()
    output.write(text.getvalue().encode("utf-8"))


def write_parquet(table: Iterator[dict[str, Any]], output: IO[bytes]) -> None:
    """Parquet with `SCHEMA`, one row group per `ROW_GROUP` rows (an empty table is a valid empty file)."""
    with pq.ParquetWriter(_Counting(output), SCHEMA, compression="zstd") as writer:
        while batch := list(islice(table, ROW_GROUP)):
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=SCHEMA))


class _Counting(io.RawIOBase):
    """A write-only stream that knows its position, which Parquet's writer asks for; pipes and sockets do not."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw, self._written = raw, 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        count = len(data)
        self._raw.write(bytes(data))
        self._written += count
        return count

    def tell(self) -> int:
        return self._written

    def flush(self) -> None:
        self._raw.flush()
