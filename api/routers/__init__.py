"""One router per resource, each a thin layer over the store, the name index or the graph projection."""
