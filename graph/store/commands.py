"""The store's command-line commands, `geokg ingest` and `geokg export` (registered in graph/cli.py).

They only parse options, show progress and report: the work is in ingest.py
and export.py. Exit status: 0 success, 1 some inputs skipped (the rest was
stored), 2 bad usage or an unusable store.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Annotated, Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from graph.documents import Skipped
from graph.inputs import AllowPrivateOption, FeedOption, PathsArgument, check_inputs, read_inputs
from graph.model import Document
from graph.store.backend import KnowledgeStore, StoreError, default_location, is_remote, open_store
from graph.store.export import (
    GRAPH_FORMATS,
    RDF_FORMATS,
    ExportError,
    ExportFilter,
    export,
)
from graph.store.ingest import Extractor, IngestSummary, ingest
from graph.store.write import Gazetteer

err = Console(stderr=True, soft_wrap=True)  # messages stay one line each, for logs and grep

StoreOption = Annotated[Optional[str], typer.Option(
    "--store", envvar="GEOKG_STORE", show_default=False,
    help="Store directory, or sparql+http://HOST:PORT/PATH for a SPARQL server "
         "(default: $GEOKG_STORE, else ./geokg-data).")]


class DocumentsPerSecond(ProgressColumn):
    """Throughput in documents per second (rich's own speed column counts bytes)."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0.0:.1f} docs/s", style="progress.data.speed")


def ingest_command(
    paths: PathsArgument = None,
    feed: FeedOption = None,
    allow_private_urls: AllowPrivateOption = False,
    store: StoreOption = None,
    model: Annotated[Optional[str], typer.Option(
        "--model", envvar="GEOKG_MODEL", help="Installed spaCy pipeline the extractor runs on.")] = None,
    workers: Annotated[Optional[int], typer.Option(
        "--workers", min=1, envvar="GEOKG_WORKERS", show_default=False,
        help="Extraction processes. Without --scheduler: 1 (the default) extracts in this process, N > 1 "
             "starts a local Dask cluster of N workers. With --scheduler: wait until N workers have joined.")]
    = None,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", envvar="GEOKG_SCHEDULER", show_default=False,
        help="Extract on a running Dask cluster (tcp://HOST:PORT); its workers need geokg and the model.")]
    = None,
    write_on_workers: Annotated[bool, typer.Option(
        "--write-on-workers", help="With a SPARQL server store: workers write their documents to the server "
                                   "themselves, instead of sending statements back to this process.")] = False,
) -> None:
    """Extract statements from documents and store them with their provenance.

    Re-ingesting an unchanged document does nothing; a changed one replaces
    its old claims. Each document is stored atomically: an interrupted run
    keeps whole documents, and running it again completes the rest.

    Web pages keep their article text (the offsets point into it) and their URL.

    Extraction can run on several processes (--workers N: a local Dask
    cluster) or machines (--scheduler: a Dask cluster); this process still
    reads the inputs and writes the store, unless --write-on-workers.

    Example: geokg ingest --feed https://news.example/world/rss.xml

    Example: geokg ingest data/sample-corpus.jsonl --store ./geokg-data

    Example: geokg ingest feeds/ --workers 2

    Example: geokg ingest feeds/ --scheduler tcp://10.0.0.5:8786 --store sparql+http://10.0.0.6:7878
    """
    location = store or default_location()
    check_inputs(paths, feed)
    parallel = scheduler is not None or (workers or 1) > 1
    if write_on_workers and not (parallel and is_remote(location)):
        err.print("[red]--write-on-workers needs a SPARQL server store (--store sparql+http://...) and "
                  "parallel extraction (--workers N or --scheduler); an embedded store has one writer.[/red]")
        raise typer.Exit(2)
    try:
        inputs = read_inputs(paths, feed, allow_private=allow_private_urls)
    except ValueError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    extractor = None if parallel else _load_extractor(model)
    started = time.perf_counter()
    try:
        with open_store(location) as knowledge, Progress(
                SpinnerColumn(), TextColumn("{task.completed} documents"), DocumentsPerSecond(),
                TimeElapsedColumn(), console=err, transient=True) as progress:
            task = progress.add_task("ingest", total=None)

            def tick() -> None:
                progress.advance(task)

            if extractor is None:
                summary = _ingest_on_cluster(knowledge, inputs, model, scheduler, workers,
                                             write_on_workers, tick)
            else:
                summary = ingest(knowledge, inputs, extractor, _load_gazetteer(), on_item=tick)
    except StoreError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    _print_summary(summary, location, time.perf_counter() - started)
    raise typer.Exit(1 if summary.skipped else 0)


def _load_extractor(model: str | None) -> Extractor:
    from graph.extract import load_extractor  # noqa: PLC0415 - loads spaCy; keep --help fast

    try:
        return load_extractor(model)
    except RuntimeError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc


def _load_gazetteer() -> Gazetteer:
    from graph.gazetteer import load_gazetteer  # noqa: PLC0415

    return load_gazetteer()


def _ingest_on_cluster(knowledge: KnowledgeStore, items: Iterable[Document | Skipped], model: str | None,
                       scheduler: str | None, workers: int | None, write_on_workers: bool,
                       tick: Callable[[], None]) -> IngestSummary:
    """Extraction on a Dask cluster; statements written here, or by the workers (see graph/parallel.py)."""
    from graph import parallel  # noqa: PLC0415 - imports Dask

    try:
        with parallel.dask_client(scheduler, workers) as client:
            provenance = parallel.run_provenance(client, model)
            if write_on_workers:
                return parallel.ingest_on_workers(client, knowledge.location, items, model, provenance, tick)
            return ingest(knowledge, items, parallel.ClusterExtractor(client, model, provenance),
                          _load_gazetteer(), on_item=tick)
    except parallel.ClusterError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc


def _print_summary(summary: IngestSummary, location: str, seconds: float) -> None:
    lines = [
        f"ingested into {escape(location)} in {seconds:.1f}s",
        f"  documents   {summary.documents} ({summary.added} added, {summary.replaced} replaced, "
        f"{summary.unchanged} unchanged)",
        f"  statements  {summary.statements}",
        f"  entities    {summary.entities} new",
        f"  skipped     {len(summary.skipped)}",
    ]
    lines += [f"[yellow]skipped[/yellow] {escape(str(skipped))}" for skipped in summary.skipped]
    for line in lines:
        err.print(line, soft_wrap=True, highlight=False)


def export_command(
    output_format: Annotated[str, typer.Option(
        "--format", "-f", help=f"RDF: {', '.join(RDF_FORMATS)}; networks: {', '.join(GRAPH_FORMATS)} "
                               "(csv: a zip of nodes.csv and edges.csv for Neo4j); event tables, one row per "
                               "claim: events-csv, events-parquet.",
        show_default=False)],
    store: StoreOption = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="File to write (default: standard output).")] = None,
    entity: Annotated[Optional[str], typer.Option(help="Only claims with this entity id as subject or object.")] = None,
    predicate: Annotated[Optional[list[str]], typer.Option(
        help="Only claims of this predicate or its sub-predicates (network formats: repeat for several).")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only claims dated on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only claims dated on or before (YYYY[-MM[-DD]]).")] = None,
    rollup: Annotated[bool, typer.Option(
        help="Networks: merge every actor into the country it rolls up to (ministries, officials → state).")] = False,
    min_confidence: Annotated[float, typer.Option(help="Networks: only claims at or above this confidence.")] = 0.0,
    min_sources: Annotated[int, typer.Option(help="Networks: only relations that many documents support.")] = 1,
    negative: Annotated[bool, typer.Option(
        "--negative/--no-negative", help="Networks: add denials, as edges of polarity negative.")] = False,
    attributed: Annotated[bool, typer.Option(
        "--attributed/--no-attributed",
        help="Networks: keep claims a document reports others making; --no-attributed keeps its own voice only.")]
    = True,
    limit: Annotated[Optional[int], typer.Option(
        min=1, help="Networks: only this many relations, the best sourced (most documents first).")] = None,
) -> None:
    """Write the store (or a filtered slice of its claims) as RDF, or its relations as a network.

    TriG, N-Quads and JSON-LD keep every named graph; Turtle writes the shared
    graphs (ontology, entities, provenance, facts) merged. GraphML, GEXF and
    Cytoscape JSON hold the facts view as a graph (one edge per subject,
    predicate, object); csv is a zip of nodes.csv and edges.csv for Neo4j.
    events-csv and events-parquet are event tables: one row per claim with
    its actors, CAMEO/PLOVER coding, Goldstein score, source and sentence.
    With -o the file appears only once it is complete.

    Example: geokg export --format trig -o store.trig --entity PRK

    Example: geokg export --format gexf -o arms.gexf --rollup --predicate providesAidTo --min-sources 2

    Example: geokg export --format graphml -o usa.graphml --entity USA --limit 500

    Example: geokg export --format events-parquet -o events.parquet --since 2024-01
    """
    location = store or default_location()
    try:
        write = _writer(output_format, entity, predicate or [], since, until, rollup=rollup,
                        min_confidence=min_confidence, min_sources=min_sources, include_negative=negative,
                        include_attributed=attributed, limit=limit)
        if output is None and output_format.lower() in ("csv", "events-parquet") and sys.stdout.isatty():
            raise ExportError(f"{output_format} writes a binary file: pass -o FILE")
        with open_store(location, read_only=True) as knowledge:
            if output is None:
                write(knowledge, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            else:
                _export_to_file(knowledge, output, write)
    except (ExportError, StoreError) as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc


Writer = Callable[[KnowledgeStore, IO[bytes]], None]
NETWORK_ONLY = {"rollup": ("--rollup", False), "min_confidence": ("--min-confidence", 0.0),
                "min_sources": ("--min-sources", 1), "include_negative": ("--negative", False),
                "include_attributed": ("--no-attributed", True), "limit": ("--limit", None)}
"""Options that only network exports take, with their flag and their default."""


def _writer(output_format: str, entity: str | None, predicates: list[str], since: str | None, until: str | None,
            **network: Any) -> Writer:
    """The export to run; an RDF export refuses the network-only options rather than ignore them."""
    name = output_format.lower()
    if name in GRAPH_FORMATS:
        from graph import graph_export  # noqa: PLC0415 - networkx; keep `geokg --help` fast

        graph_selection = graph_export.GraphSelection(entity=entity, predicates=tuple(predicates), since=since,
                                                      until=until, **network)
        return lambda knowledge, stream: graph_export.export(knowledge, stream, name, graph_selection)
    for option, (flag, default) in NETWORK_ONLY.items():
        if network[option] != default:
            raise ExportError(f"{flag} applies to the network formats ({', '.join(GRAPH_FORMATS)}) only")
    if name.startswith("events-"):
        from graph import event_table  # noqa: PLC0415 - pyarrow; keep `geokg --help` fast

        query = event_table.claim_query(entity, tuple(predicates), since, until)
        return lambda knowledge, stream: event_table.export(knowledge, stream, name, query)
    if len(predicates) > 1:
        raise ExportError("an RDF export takes one --predicate (which brings its sub-predicates)")
    selection = ExportFilter(entity=entity, predicate=predicates[0] if predicates else None, since=since,
                             until=until)
    return lambda knowledge, stream: export(knowledge, stream, output_format, selection)


def _export_to_file(knowledge: KnowledgeStore, output: Path, write: Writer) -> None:
    """Write next to `output` and rename at the end, so a failed export leaves no half file."""
    handle, partial = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.resolve().parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(knowledge, stream)
        os.replace(partial, output)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
