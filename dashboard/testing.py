"""Public test helpers: checks that any test (ours or a user's) can run on claims data and exports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from dashboard.core import paths


def source_text(source: str) -> str:
    """The text of a cited source, decoded as UTF-8 exactly as offsets count it."""
    p = Path(source)
    if not p.is_absolute():
        p = paths.ROOT / p
    return p.read_bytes().decode("utf-8")


def assert_excerpts_verbatim(excerpts: Iterable[Any]) -> int:
    """Assert that every excerpt (object or ``{source, start, end, text}`` dict) is verbatim at its offsets.

    Returns
    -------
    int
        How many excerpts were checked (so a caller can also assert it is not zero).
    """
    count = 0
    cache: dict[str, str] = {}
    for excerpt in excerpts:
        e = excerpt if isinstance(excerpt, Mapping) else excerpt.__dict__
        text = cache.setdefault(e["source"], source_text(e["source"]))
        assert 0 <= e["start"] < e["end"] <= len(text), f"offsets out of range: {e}"
        actual = text[e["start"] : e["end"]]
        assert actual == e["text"], f"not verbatim at {e['start']}:{e['end']}: {e['text']!r} != {actual!r}"
        count += 1
    return count


def claims_variant(folder: Path, replacements: Mapping[str, str], base: Path | None = None) -> Path:
    """Write a copy of the claims file with textual replacements (each must apply) and return its path."""
    text = (base or paths.CLAIMS).read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, f"replacement target not found in claims file: {old!r}"
        text = text.replace(old, new, 1)
    out = folder / "claims.toml"
    out.write_text(text, encoding="utf-8")
    return out
