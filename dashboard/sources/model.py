"""The article model: a source read into blocks and sentences, its details, and verbatim excerpts of it.

Every block, sentence and excerpt carries character offsets into the source decoded as UTF-8 (Python ``str``
indexing), so that ``article.text[start:end] == text`` always holds. :mod:`dashboard.sources.reader` builds these.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

BlockKind = Literal["headline", "caption", "body", "boilerplate"]


@dataclass(frozen=True)
class Sentence:
    """A sentence of a block: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Block:
    """A paragraph (one line of the source) and what it is."""

    kind: BlockKind
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...] = ()

    @functools.cached_property
    def sentence_starts(self) -> list[int]:
        """The sentences' starts, in order (computed once): :meth:`Article.sentence_at` bisects them."""
        return [s.start for s in self.sentences]


@dataclass(frozen=True)
class SourceMeta:
    """Who published the source, when and where; shown on every view and printed on every image."""

    title: str
    publisher: str
    published: dt.date | None = None
    url: str | None = None
    credit: str | None = None
    caption_credit: str | None = None
    profile: str = "generic"

    def source_line(self) -> str:
        """``Publisher, "Title", 27 February 2025`` (the parts that are known)."""
        parts = [self.publisher] if self.publisher else []
        if self.title:
            parts.append(f"“{self.title}”")
        if self.published:
            parts.append(f"{self.published.day} {self.published:%B %Y}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Article:
    """A source read into blocks and sentences.

    Attributes
    ----------
    path : str
        The source's path as excerpts cite it: relative to the repository for the seed (``seeds/<slug>.txt``),
        else as given.
    text : str
        The whole file, decoded as UTF-8, unchanged.
    """

    path: str
    text: str
    meta: SourceMeta
    blocks: tuple[Block, ...] = field(repr=False)

    def body_blocks(self) -> tuple[Block, ...]:
        """Caption and body blocks, in order: what the article says (no headline, never boilerplate)."""
        return tuple(b for b in self.blocks if b.kind in ("caption", "body"))

    def sentences(self) -> Iterator[tuple[Block, Sentence]]:
        """Every sentence of the caption and body, with its block."""
        for block in self.body_blocks():
            for sentence in block.sentences:
                yield block, sentence

    @functools.cached_property
    def block_starts(self) -> list[int]:
        """The blocks' starts, in order (computed once): :meth:`block_at` bisects them."""
        return [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        """The block holding ``offset``, or None between blocks.

        Bisection on :attr:`block_starts` (blocks are in text order and never overlap), not a scan: a panel looks
        up the block of every sentence naming a unit, and an article may have thousands of blocks.
        """
        i = bisect.bisect_right(self.block_starts, offset) - 1
        if i >= 0 and offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding ``offset``, or None (bisection too: one block may hold thousands of sentences)."""
        block = self.block_at(offset)
        if block is None:
            return None
        i = bisect.bisect_right(block.sentence_starts, offset) - 1
        if i >= 0 and offset < block.sentences[i].end:
            return block.sentences[i]
        return None

    def in_boilerplate(self, start: int, end: int) -> bool:
        """True if any character of ``[start, end)`` lies in a boilerplate block."""
        return any(b.kind == "boilerplate" and b.start < end and start < b.end for b in self.blocks)


@dataclass(frozen=True)
class Excerpt:
    """A verbatim span of a source: ``text == source_text[start:end]``.

    Attributes
    ----------
    source : str
        The source's path (repo-relative for files inside the repository).
    start, end : int
        Character offsets into the source decoded as UTF-8.
    text : str
        The span itself.
    label : str or None
        What part of the page it is, where that matters (``"caption"``).
    key : str or None
        The excerpt's id in the claims file.
    """

    source: str
    start: int
    end: int
    text: str
    label: str | None = None
    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The excerpt as exported: ``{source, start, end, text}`` (plus ``label`` when set)."""
        out: dict[str, Any] = {"source": self.source, "start": self.start, "end": self.end, "text": self.text}
        if self.label:
            out["label"] = self.label
        return out
