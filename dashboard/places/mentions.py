"""Where an article names the units of Ukraine: each gazetteer mention with the sentence that holds it.

- Mentions in **caption and body** blocks count, and so do mentions in the **headline**: a headline that names a
  region names it. Headline mentions are flagged (``MentionHit.block == "headline"``, excerpt ``label`` =
  ``"headline"``; caption excerpts are labelled ``"caption"``) so a view can show them apart. Mentions inside
  publisher **boilerplate** (per ``data/publishers.toml``) are dropped: never cited.
- The excerpt of a mention is the sentence holding it (exact offsets); in a headline, which has no sentences of
  its own, the headline is split the same way. A mention that straddles a sentence end gets the span from its
  sentence's start to its own end (still verbatim).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from dashboard.places import gazetteer
from dashboard.sources.model import Article, Block, Excerpt, Sentence
from dashboard.sources.reader import split_sentences


@dataclass(frozen=True)
class MentionHit:
    """One gazetteer hit in a source, with the sentence that holds it.

    Attributes
    ----------
    unit : str
        ISO 3166-2 code of the boundary unit.
    name : str
        The unit's name as the gazetteer gives it.
    feature : {"region", "city", "group"}
        What the text names: the region, its city ("the city of Kherson"), or a group of units ("Donbas").
    start, end, text
        The mention itself: ``article.text[start:end] == text``.
    block : {"headline", "caption", "body"}
        Where it is.
    excerpt : Excerpt
        The sentence holding the mention (``source`` is the article's path).
    """

    unit: str
    name: str
    feature: str
    start: int
    end: int
    text: str
    block: str
    excerpt: Excerpt

    @property
    def in_headline(self) -> bool:
        return self.block == "headline"

    def to_dict(self) -> dict[str, Any]:
        """``{unit, name, feature, start, end, text, block, excerpt}`` (plain data, e.g. for JSON)."""
        return {
            "unit": self.unit,
            "name": self.name,
            "feature": self.feature,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "block": self.block,
            "excerpt": self.excerpt.to_dict(),
        }


class _Blocks:
    """Find the block holding an offset by bisection (articles can have thousands of lines)."""

    def __init__(self, article: Article):
        self.blocks = article.blocks
        self.starts = [b.start for b in article.blocks]

    def at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def overlaps_boilerplate(self, start: int, end: int) -> bool:
        # by index, not over ``self.blocks[i:]``: that slice copied the rest of the blocks for every mention
        # (quadratic in a long article of short paragraphs)
        blocks = self.blocks
        for i in range(max(bisect.bisect_right(self.starts, start) - 1, 0), len(blocks)):
            block = blocks[i]
            if block.start >= end:
                break
            if block.kind == "boilerplate" and block.start < end and start < block.end:
                return True
        return False


def _sentence_excerpt(
    article: Article,
    block: Block,
    start: int,
    end: int,
    split: dict[int, tuple[Sentence, ...]],
    made: dict[tuple[int, int, str | None], Excerpt] | None = None,
    starts_of: dict[int, tuple[int, ...]] | None = None,
) -> Excerpt:
    """The sentence of ``block`` holding ``start`` (stretched to ``end`` if the mention runs past it).

    ``split`` caches each block's sentences (the headline, which the reader does not split into sentences, is
    split here the same way) and ``starts_of`` their starts (a tuple of numbers, which the garbage collector
    leaves alone); ``made``, the excerpts made so far: the mentions of one sentence share one (an excerpt is
    immutable; a 1 MB article's 7,000 mentions are in 4,700 sentences, and every object kept is one more for the
    garbage collector to go over).
    """
    starts_of = {} if starts_of is None else starts_of
    if block.start not in split:
        sentences = block.sentences or split_sentences(article.text, block.start, block.end)
        split[block.start] = sentences
        starts_of[block.start] = tuple(s.start for s in sentences)
    sentences = split[block.start]
    starts = starts_of.get(block.start)
    if starts is None:
        starts = starts_of[block.start] = tuple(s.start for s in sentences)
    lo, hi = block.start, block.end
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and sentences[i].start <= start < sentences[i].end:
        lo, hi = sentences[i].start, sentences[i].end
    lo, hi = min(lo, start), max(hi, end)
    label = block.kind if block.kind in ("caption", "headline") else None
    if made is None:
        return Excerpt(article.path, lo, hi, article.text[lo:hi], label)
    excerpt = made.get((lo, hi, label))
    if excerpt is None:
        excerpt = made[lo, hi, label] = Excerpt(article.path, lo, hi, article.text[lo:hi], label)
    return excerpt


def find_hits(article: Article) -> list[MentionHit]:
    """Every gazetteer mention in the article's headline, caption and body (never in boilerplate)."""
    blocks = _Blocks(article)
    split: dict[int, tuple[Sentence, ...]] = {}
    starts_of: dict[int, tuple[int, ...]] = {}
    made: dict[tuple[int, int, str | None], Excerpt] = {}
    hits = []
    for unit, m_start, m_end, feature, name in gazetteer.find_spans(article.text):
        start, end = int(m_start), int(m_end)
        if not 0 <= start < end <= len(article.text):
            continue
        block = blocks.at(start)
        if block is None or block.kind == "boilerplate" or blocks.overlaps_boilerplate(start, end):
            continue
        hits.append(
            MentionHit(
                unit=unit,
                name=name,
                feature=feature,
                start=start,
                end=end,
                text=article.text[start:end],
                block=block.kind,
                excerpt=_sentence_excerpt(article, block, start, end, split, made, starts_of),
            )
        )
    hits.sort(key=lambda h: (h.start, h.end, h.unit))
    return hits
