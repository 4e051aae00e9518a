"""Writing generated data files: one header format with origin, licence notice and how to regenerate."""

from __future__ import annotations

from pathlib import Path

from graph.resources import data_path

IMPORTED_DIRECTORY = data_path("imported")


def toml_list(items: list[str], width: int = 100) -> str:
    """A TOML array of strings, wrapped so that generated files stay diffable."""
    if not items:
        return "[]"
    lines, current = [], "  "
    for item in items:
        quoted = '"' + item.replace("\\", "\\\\").replace('"', '\\"') + '", '
        if len(current) + len(quoted) > width and current.strip():
            lines.append(current.rstrip())
            current = "  "
        current += quoted
    lines.append(current.rstrip())
    return "[\n" + "\n".join(lines) + "\n]"


def write_generated(path: Path, body: str, *, source: str, command: str, licence: str | None = None) -> None:
    """Write `body` under a comment header saying where it came from; `licence` is quoted in full."""
    header = [
        f"# GENERATED from {source} by `{command}`: do not edit by hand;",
        "# change the importer or the curated files instead and run it again.",
    ]
    if licence:
        header += ["#", "# Derived from data under this licence:", "#"]
        header += [f"#   {line}".rstrip() for line in licence.strip().splitlines()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(header) + "\n\n" + body, encoding="utf-8")
