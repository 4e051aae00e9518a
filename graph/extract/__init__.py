"""Extraction: news text → mentions → statements (see pipeline.py for the stages)."""

from graph.extract.pipeline import Extractor, load_extractor

__all__ = ["Extractor", "load_extractor"]
