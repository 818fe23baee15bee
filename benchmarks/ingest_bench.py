"""Ingestion time: from an article's bytes to the units and sentences found, per MB and for a 50 KB article.

For articles of 50 KB, 500 KB and 1 MB (UTF-8 bytes; made of the labelled statement articles in
``tests/data/statements``, repeated, so the text is news about the war with the usual density of place names),
each stage of what a new source goes through is timed, in one process, after a warm-up on a small article (so
the gazetteer and the regular expressions are compiled once, as in a running app):

- ``ingest``: bytes → stored text (:func:`dashboard.sources.ingest.ingest_bytes`: decoding and checks);
- ``read``: text → blocks and sentences (:func:`dashboard.sources.reader.build_article`);
- ``mentions``: gazetteer hits with their sentences and roles (:func:`dashboard.places.mentions.find_hits`,
  :func:`dashboard.claims.roles.mention_role`);
- ``view``: the rest of :func:`dashboard.claims.source_views.source_view` (the suggester over the sentences).

Prints a table (seconds, best of ``BENCH_REPEAT`` runs, default 3) and the two figures the targets name:
seconds per MB (of the 1 MB article, all stages) and the 50 KB article's seconds. Run from the repository root::

    .venv/bin/python benchmarks/ingest_bench.py

Nothing here asserts a time; ``--profile SIZE`` prints a cProfile of one run of that size instead.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from dashboard.claims import source_views  # noqa: E402
from dashboard.claims.curated_claims import load_claims  # noqa: E402
from dashboard.claims.roles import mention_role  # noqa: E402
from dashboard.places.mentions import find_hits  # noqa: E402
from dashboard.sources import ingest  # noqa: E402
from dashboard.sources.reader import build_article  # noqa: E402

SIZES = (50_000, 500_000, 1_000_000)
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
CORPUS = ROOT / "tests" / "data" / "statements"


def article_bytes(size: int) -> bytes:
    """``size`` bytes of UTF-8 news text: the statement articles one after another, repeated, cut at a line."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.txt"))]
    corpus = "\n\n".join(t.strip() for t in texts) + "\n\n"
    data = b""
    while len(data) < size:
        data += corpus.encode("utf-8")
    cut = data.rfind(b"\n", 0, size)
    return data[: cut if cut > 0 else size]


def stages(data: bytes, curated) -> dict[str, float]:
    """Seconds of each stage for one article."""
    out: dict[str, float] = {}
    t0 = time.perf_counter()
    ingested = ingest.ingest_bytes("article.txt", data, exact=True)
    t1 = time.perf_counter()
    article = build_article("article.txt", ingested.text, ingested.suggested_meta())
    t2 = time.perf_counter()
    hits = find_hits(article)
    for h in hits:
        mention_role(article.text, h.start, h.end, h.unit)
    t3 = time.perf_counter()
    source_views.source_view(article, curated)
    t4 = time.perf_counter()
    mentions = t3 - t2
    out["ingest"], out["read"], out["mentions"] = t1 - t0, t2 - t1, mentions
    out["view"] = max(t4 - t3 - mentions, 0.0)  # source_view finds the mentions again: counted once, above
    out["total"] = sum(out.values())
    return out


def main() -> None:
    curated = load_claims()
    stages(article_bytes(5_000), curated)  # warm-up: gazetteer, regular expressions
    if len(sys.argv) == 3 and sys.argv[1] == "--profile":
        data = article_bytes(int(sys.argv[2]))
        with cProfile.Profile() as prof:
            stages(data, curated)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(35)
        return
    rows = {}
    for size in SIZES:
        data = article_bytes(size)
        runs = [stages(data, curated) for _ in range(REPEAT)]
        rows[size] = {k: min(r[k] for r in runs) for k in runs[0]}
    names = list(rows[SIZES[0]])
    print("| article | " + " | ".join(f"{n} (s)" for n in names) + " | s per MB |")
    print("|---" * (len(names) + 2) + "|")
    for size, row in rows.items():
        cells = " | ".join(f"{row[n]:.3f}" for n in names)
        print(f"| {size / 1000:,.0f} KB | {cells} | {row['total'] / (size / 1e6):.2f} |")
    print(f"ingestion (s per MB, 1 MB article): {rows[1_000_000]['total']:.2f}")
    print(f"ingestion of a 50 KB article (s): {rows[50_000]['total']:.3f}")


if __name__ == "__main__":
    main()
