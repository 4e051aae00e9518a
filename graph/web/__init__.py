"""Articles from the web: fetching (fetch.py), reading HTML pages (pages.py) and feeds (feeds.py).

`read.py` puts them together into the `Document`s the rest of geokg reads.
"""
