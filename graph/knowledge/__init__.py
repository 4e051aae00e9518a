"""Importers of open reference data (PETRARCH-2 dictionaries, WordNet) into the ontology's data files.

Each importer is a re-runnable command that reads third-party data from a path
given on its command line and writes generated files under `ontology/`, with
the source's licence notice at their top. They are run by hand and their
output is committed; nothing here runs during extraction.
"""
