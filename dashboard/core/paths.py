"""Where the project's files live. Data and provenance are files under data/ and seeds/, not code."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""The ``dashboard`` package (this file is in ``dashboard/core/``)."""
ROOT = PACKAGE_DIR.parent
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"
BOUNDARIES_DIR = DATA_DIR / "boundaries"
STATIC_DIR = PACKAGE_DIR / "static"

BOUNDARIES_FULL = BOUNDARIES_DIR / "ukraine_adm1.geojson"
BOUNDARIES_SIMPLIFIED = BOUNDARIES_DIR / "ukraine_adm1_simplified.geojson"
CONTEXT_COUNTRIES = BOUNDARIES_DIR / "context_countries.geojson"
CLAIMS = DATA_DIR / "claims.toml"
GAZETTEER = DATA_DIR / "gazetteer.toml"
SEED_SLUG = "mt-2025-02-27-kremlin-annexed-regions"
SEED_TEXT = SEEDS_DIR / f"{SEED_SLUG}.txt"
SEED_META = SEEDS_DIR / f"{SEED_SLUG}.toml"


def relative_to_root(path: str | Path) -> str:
    """Return ``path`` relative to the repository root when it lies inside it, else as given (POSIX form)."""
    p = Path(path)
    try:
        return p.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).as_posix()
