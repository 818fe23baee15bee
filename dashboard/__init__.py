"""Territorial claims map dashboard: regions named in an article, their status, and the sentences that say so."""

__version__ = "0.1.0"
