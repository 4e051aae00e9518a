"""Loaded by the schemathesis run (SCHEMATHESIS_HOOKS): how to put a generated SPARQL body on the wire."""

import schemathesis

schemathesis.serializer.alias("application/sparql-query", "text/plain")
