"""Places: Ukraine's boundary units and their provenance, the gazetteer of their names, and where
an article names them."""
