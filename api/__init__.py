"""The HTTP service (FastAPI) over the store: filled in by the service issue."""
