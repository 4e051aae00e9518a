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
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from graph.documents import read_paths
from graph.store.backend import KnowledgeStore, StoreError, default_location, open_store
from graph.store.export import GRAPH_FORMATS, RDF_FORMATS, ExportError, ExportFilter, export
from graph.store.ingest import IngestSummary, ingest

err = Console(stderr=True)

StoreOption = Annotated[Optional[str], typer.Option(
    "--store", envvar="GEOKG_STORE", show_default=False,
    help="Store directory, or sparql+http://HOST:PORT/PATH for a SPARQL server "
         "(default: $GEOKG_STORE, else ./geokg-data).")]


class DocumentsPerSecond(ProgressColumn):
    """Throughput in documents per second (rich's own speed column counts bytes)."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0.0:.1f} docs/s", style="progress.data.speed")


def ingest_command(
    paths: Annotated[list[str], typer.Argument(
        help="Plain-text files, .jsonl document files, folders of those, or - for stdin.",
        show_default=False)],
    store: StoreOption = None,
    model: Annotated[Optional[str], typer.Option(
        "--model", envvar="GEOKG_MODEL", help="Installed spaCy pipeline the extractor runs on.")] = None,
) -> None:
    """Extract statements from documents and store them with their provenance.

    Re-ingesting an unchanged document does nothing; a changed one replaces
    its old claims. Each document is stored atomically: an interrupted run
    keeps whole documents, and running it again completes the rest.

    Example: geokg ingest data/sample-corpus.jsonl --store ./geokg-data
    """
    from graph.extract import load_extractor  # noqa: PLC0415 - loads spaCy; keep --help fast
    from graph.gazetteer import load_gazetteer  # noqa: PLC0415

    location = store or default_location()
    try:
        extractor = load_extractor(model)
    except RuntimeError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    started = time.perf_counter()
    try:
        with open_store(location) as knowledge, Progress(
                SpinnerColumn(), TextColumn("{task.completed} documents"), DocumentsPerSecond(),
                TimeElapsedColumn(), console=err, transient=True) as progress:
            task = progress.add_task("ingest", total=None)
            summary = ingest(knowledge, read_paths(paths), extractor, load_gazetteer(),
                             on_item=lambda: progress.advance(task))
    except StoreError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    _print_summary(summary, location, time.perf_counter() - started)
    raise typer.Exit(1 if summary.skipped else 0)


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
        "--format", "-f", help=f"One of: {', '.join(RDF_FORMATS)} ({', '.join(GRAPH_FORMATS)} later).",
        show_default=False)],
    store: StoreOption = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="File to write (default: standard output).")] = None,
    entity: Annotated[Optional[str], typer.Option(help="Only claims with this entity id as subject or object.")] = None,
    predicate: Annotated[Optional[str], typer.Option(help="Only claims of this predicate or its sub-predicates.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only claims dated on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only claims dated on or before (YYYY[-MM[-DD]]).")] = None,
) -> None:
    """Write the store (or a filtered slice of its claims) as RDF.

    TriG, N-Quads and JSON-LD keep every named graph; Turtle writes the shared
    graphs (ontology, entities, provenance, facts) merged. Output is streamed;
    with -o the file appears only once it is complete.

    Example: geokg export --format trig -o store.trig --entity PRK
    """
    location = store or default_location()
    try:
        selection = ExportFilter(entity=entity, predicate=predicate, since=since, until=until)
        with open_store(location, read_only=True) as knowledge:
            if output is None:
                export(knowledge, sys.stdout.buffer, output_format, selection)
                sys.stdout.buffer.flush()
            else:
                _export_to_file(knowledge, output, output_format, selection)
    except (ExportError, StoreError) as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc


def _export_to_file(knowledge: KnowledgeStore, output: Path, output_format: str,
                    selection: ExportFilter) -> None:
    """Write next to `output` and rename at the end, so a failed export leaves no half file."""
    handle, partial = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.resolve().parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            export(knowledge, stream, output_format, selection)
        os.replace(partial, output)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
