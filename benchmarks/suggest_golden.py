"""A golden dump of what ingestion finds: every mention and every suggestion, to prove a speed-up changes nothing.

For every labelled article of ``tests/data/statements/*/*.txt`` (read as :mod:`benchmarks.score_statements` reads
it), the seed (``seeds/*.txt`` with its sidecar) and the 1 MB synthetic article of
:mod:`benchmarks.ingest_bench` (through :func:`dashboard.sources.ingest.ingest_bytes`, as the bench does), prints
one line per mention (unit, feature, start, end, block, role, excerpt offsets) and one line per suggestion (unit,
field, value, cue spans, excerpt offsets and label, attributed_to; a suggestion's origin is always
``suggested``) of :func:`dashboard.claims.suggest.suggest` over the place mentions (as a source's view calls it),
then a sha256 of it all. Run from the repository root, before and after a change, and compare::

    .venv/bin/python benchmarks/suggest_golden.py > /tmp/before.txt
    # change the code
    .venv/bin/python benchmarks/suggest_golden.py | diff /tmp/before.txt -

``--hash`` prints the hash only. Nothing here asserts: the dump is the record.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from ingest_bench import article_bytes  # noqa: E402
from score_statements import STATEMENTS, load_labelled  # noqa: E402

from dashboard.claims import suggest  # noqa: E402
from dashboard.claims.roles import mention_role  # noqa: E402
from dashboard.places.mentions import find_hits  # noqa: E402
from dashboard.sources import ingest  # noqa: E402
from dashboard.sources.model import Article  # noqa: E402
from dashboard.sources.reader import build_article, read_meta  # noqa: E402


def articles() -> Iterator[tuple[str, Article]]:
    """Every article of the dump, with its name."""
    for txt in sorted(STATEMENTS.glob("*/*.txt")):
        yield str(txt.relative_to(ROOT)), load_labelled(txt)[0]
    for txt in sorted((ROOT / "seeds").glob("*.txt")):
        yield (
            str(txt.relative_to(ROOT)),
            build_article(
                str(txt.relative_to(ROOT)), txt.read_text(encoding="utf-8"), read_meta(txt.with_suffix(".toml"))
            ),
        )
    ingested = ingest.ingest_bytes("article.txt", article_bytes(1_000_000), exact=True)
    yield "bench 1 MB", build_article("article.txt", ingested.text, ingested.suggested_meta())


def dump(name: str, article: Article) -> Iterator[str]:
    """The lines of one article: its mentions, then its suggestions."""
    yield f"# {name} ({len(article.text)} characters, {len(article.blocks)} blocks)"
    hits = find_hits(article)
    places = []
    for h in hits:
        role = mention_role(article.text, h.start, h.end, h.unit)
        if role == "place":
            places.append(h)
        ex = h.excerpt
        yield f"M {h.unit} {h.feature} {h.start}:{h.end} {h.block} {role} ex={ex.start}:{ex.end}:{ex.label}"
    for s in suggest.suggest(article, places):
        ex = s.excerpt
        spans = ",".join(f"{a}:{b}" for a, b in s.cue_spans)
        yield (f"S {s.unit} {s.field} {s.value} cue={spans} ex={ex.start}:{ex.end}:{ex.label} by={s.attributed_to!r}")


def main(argv: list[str]) -> int:
    digest = hashlib.sha256()
    for name, article in articles():
        for line in dump(name, article):
            digest.update(line.encode("utf-8") + b"\n")
            if "--hash" not in argv:
                print(line)
    print(f"sha256 {digest.hexdigest()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
