"""Importers that turn open reference data into the gazetteer's data files (run by hand, output committed)."""
