"""The HTTP service (SPEC §5): a FastAPI app over one store, built by `api.app.create_app`.

Kept free of imports so that the SPARQL worker processes, which import
`api.sparql_worker` only, start without loading FastAPI or rdflib.
"""
