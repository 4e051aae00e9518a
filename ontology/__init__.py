"""geokg's data: the ontology (Turtle), its SHACL shapes, the trigger lexicon and the gazetteer.

This package holds data files only; they ship as package data, and code finds
them through `graph.resources.data_path` (importlib.resources), so a checkout,
an editable install and an installed wheel read the same files.
"""
