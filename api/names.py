"""Finding entities by name: case-, accent- and punctuation-insensitive, exact matches first.

SPARQL has no accent folding, and the entities graph is small (thousands of
entities, not millions), so the service keeps an in-memory index of every
label and alias, folded the way the gazetteer makes ids ("Pyongyang",
"pyongyang" and "PYONGYANG" are one key; so are "Sánchez" and "Sanchez").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.gazetteer import slugify
from graph.model import ENTITY_NS
from graph.store.queries import EntitySummary

MATCH_KINDS: tuple[str, ...] = ("label", "alias", "prefix", "substring")
"""How a name matched, best first: the whole label, a whole alias, the start of a word, anywhere."""


def fold(text: str) -> str:
    """A name's comparison key: lower case, no accents, words joined by "-" ("Côte d'Ivoire" → "cote-divoire")."""
    return slugify(text)


@dataclass(frozen=True)
class Match:
    entity: EntitySummary
    kind: str
    name: str
    """The label or alias that matched."""


class NameIndex:
    """Every entity the store describes, by id and by folded name."""

    def __init__(self, entities: Iterable[EntitySummary]) -> None:
        self.by_id: dict[str, EntitySummary] = {}
        self._names: list[tuple[str, str, EntitySummary]] = []
        for entity in entities:
            self.by_id[entity.id] = entity
            self._names.append((fold(entity.label), entity.label, entity))
            self._names += [(fold(alias), alias, entity) for alias in entity.aliases]

    def get(self, entity_id: str) -> EntitySummary | None:
        """The entity with this id, or this IRI."""
        return self.by_id.get(entity_id.removeprefix(ENTITY_NS))

    def search(self, query: str, *, types: Iterable[str] = (), limit: int = 20) -> list[Match]:
        """Entities whose label or alias contains `query`, best match first.

        Ranked by match kind (MATCH_KINDS), then by how many claims mention the
        entity, then by label; each entity appears once, with its best match.
        """
        key = fold(query)
        if not key:
            return []
        wanted = set(types)
        best: dict[str, tuple[int, str]] = {}
        for folded, name, entity in self._names:
            if wanted and entity.type not in wanted:
                continue
            if folded == key:
                rank = 0 if name == entity.label else 1
            elif folded.startswith(key) or f"-{key}" in folded:
                rank = 2
            elif key in folded:
                rank = 3
            else:
                continue
            if entity.id not in best or rank < best[entity.id][0]:
                best[entity.id] = (rank, name)
        ordered = sorted(best.items(), key=lambda item: (item[1][0], -self.by_id[item[0]].claims,
                                                         self.by_id[item[0]].label))
        return [Match(self.by_id[eid], MATCH_KINDS[rank], name) for eid, (rank, name) in ordered[:limit]]

    def resolve(self, value: str) -> EntitySummary | None:
        """The entity an `id or name` parameter means: an id or IRI first, else the best whole-name match."""
        known = self.get(value.strip())
        if known is not None:
            return known
        exact = [m for m in self.search(value, limit=5) if m.kind in ("label", "alias")]
        return exact[0].entity if exact else None
