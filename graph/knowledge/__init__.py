"""Importers of open world knowledge (PETRARCH-2 dictionaries, WordNet) into the ontology's data files.

Each importer is a re-runnable command that reads third-party data from a path
given on its command line and writes generated files under `ontology/`, with
the source's licence notice at their top. Nothing here runs during extraction.
"""
