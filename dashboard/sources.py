"""Reading a source: its text, metadata, and its blocks (headline, caption, body, boilerplate) and sentences.

Every block and sentence carries character offsets into the source file decoded as UTF-8 (Python ``str``
indexing), so that ``article.text[start:end] == text`` always holds. Publisher boilerplate is told apart by the
rules in ``data/publishers.toml``, never by offsets written down for one article.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pysbd

from dashboard import paths
from dashboard.errors import DataError

BlockKind = Literal["headline", "caption", "body", "boilerplate"]
PUBLISHERS = paths.DATA_DIR / "publishers.toml"


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

    def block_at(self, offset: int) -> Block | None:
        """The block holding ``offset``, or None between blocks."""
        for block in self.blocks:
            if block.start <= offset < block.end:
                return block
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding ``offset``, or None."""
        block = self.block_at(offset)
        if block is None:
            return None
        for sentence in block.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def in_boilerplate(self, start: int, end: int) -> bool:
        """True if any character of ``[start, end)`` lies in a boilerplate block."""
        return any(b.kind == "boilerplate" and b.start < end and start < b.end for b in self.blocks)


@dataclass(frozen=True)
class Profile:
    """One publisher's reader rules (see ``data/publishers.toml``)."""

    key: str
    name: str
    leading_boilerplate: tuple[str, ...]
    cut_markers: tuple[str, ...]
    caption_credit: re.Pattern[str]


@functools.cache
def load_profiles(path: Path = PUBLISHERS) -> dict[str, Profile]:
    """Parse the publishers' reader rules.

    Raises
    ------
    DataError
        If the file is missing, is not TOML, or a rule is malformed.
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(paths.relative_to_root(path), "publisher rules file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(paths.relative_to_root(path), f"not valid TOML ({exc})") from None
    profiles = {}
    for key, rules in raw.items():
        where = f"profile {key!r}"
        try:
            profiles[key] = Profile(
                key=key,
                name=str(rules["name"]),
                leading_boilerplate=tuple(str(s) for s in rules.get("leading_boilerplate", [])),
                cut_markers=tuple(str(s) for s in rules.get("cut_markers", [])),
                caption_credit=re.compile(rules["caption_credit_pattern"]),
            )
        except (KeyError, TypeError, re.error) as exc:
            raise DataError(paths.relative_to_root(path), f"malformed rule: {exc!r}", entry=where) from None
    if "generic" not in profiles:
        raise DataError(paths.relative_to_root(path), "no 'generic' profile")
    return profiles


@functools.cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    """Split ``text[start:end]`` into sentences with exact offsets.

    pysbd finds the boundaries; each sentence is then located in the original text from a cursor, so offsets
    are exact even where pysbd's own spans drift. Surrounding whitespace is left out of each sentence.
    """
    chunk = text[start:end]
    if not chunk.strip():
        return ()
    out: list[Sentence] = []
    cursor = 0
    for piece in _segmenter().segment(chunk):
        piece = piece.strip()
        if not piece:
            continue
        at = chunk.find(piece, cursor)
        if at < 0:  # pysbd altered the text: fall back to the rest of the chunk as one sentence
            rest = chunk[cursor:]
            lead = len(rest) - len(rest.lstrip())
            at, piece = cursor + lead, rest.strip()
            if piece:
                out.append(Sentence(start + at, start + at + len(piece), piece))
            break
        out.append(Sentence(start + at, start + at + len(piece), piece))
        cursor = at + len(piece)
    return tuple(out)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line, trimmed of surrounding whitespace."""
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            yield match.start() + lead, match.start() + len(line.rstrip())


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").split()).casefold()


def _starts_with_any(line: str, phrases: tuple[str, ...]) -> bool:
    n = _norm(line)
    return any(n.startswith(_norm(p)) for p in phrases if p.strip())


def read_blocks(text: str, meta: SourceMeta, profile: Profile) -> tuple[Block, ...]:
    """Split ``text`` into blocks (one per non-blank line) and say what each one is.

    Rules, in order: lines at the top listed as leading boilerplate; the first other line is the headline; the
    line after it is the photo caption if it ends with a photo credit (the source's ``caption_credit`` or the
    profile's credit pattern); the first line starting with a cut marker and everything after it is boilerplate;
    all else is body.
    """
    spans = list(_lines(text))
    kinds: list[BlockKind] = []
    i = 0
    while i < len(spans) and _starts_with_any(text[slice(*spans[i])], profile.leading_boilerplate):
        kinds.append("boilerplate")
        i += 1
    cut = False
    seen_headline = False
    for j in range(i, len(spans)):
        line = text[slice(*spans[j])]
        if cut or _starts_with_any(line, profile.cut_markers):
            cut = True
            kinds.append("boilerplate")
        elif not seen_headline and (not meta.title or _norm(line) == _norm(meta.title) or j == i):
            seen_headline = True
            kinds.append("headline")
        elif kinds and kinds[-1] == "headline" and _is_caption(line, meta, profile):
            kinds.append("caption")
        else:
            kinds.append("body")
    blocks = []
    for (start, end), kind in zip(spans, kinds, strict=True):
        sentences = split_sentences(text, start, end) if kind in ("caption", "body") else ()
        blocks.append(Block(kind, start, end, text[start:end], sentences))
    return tuple(blocks)


def _is_caption(line: str, meta: SourceMeta, profile: Profile) -> bool:
    if meta.caption_credit and line.rstrip().endswith(meta.caption_credit):
        return True
    return bool(profile.caption_credit.search(line.strip()))


def read_meta(meta_path: Path) -> SourceMeta:
    """Read a source's metadata file (``<slug>.toml``).

    Raises
    ------
    DataError
        If the file is missing, not TOML, or lacks a title or publisher.
    """
    shown = paths.relative_to_root(meta_path)
    try:
        raw = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(shown, "metadata file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(shown, f"not valid TOML ({exc})") from None
    for key in ("title", "publisher"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise DataError(shown, f"missing or empty {key!r} (got {raw.get(key)!r})")
    published = raw.get("published")
    if published is not None and not isinstance(published, dt.date):
        raise DataError(shown, f"'published' must be a date like 2025-02-27 (got {published!r})")
    return SourceMeta(
        title=raw["title"].strip(),
        publisher=raw["publisher"].strip(),
        published=published,
        url=raw.get("url"),
        credit=raw.get("credit"),
        caption_credit=raw.get("caption_credit"),
        profile=raw.get("profile", "generic"),
    )


def read_text_file(path: Path) -> str:
    """Read a source file as UTF-8, exactly (no newline translation, so offsets match the bytes' decoding).

    Raises
    ------
    DataError
        If the file is missing or not valid UTF-8.
    """
    shown = paths.relative_to_root(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(shown, "source file not found") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(shown, f"not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r})") from None


def build_article(path: str, text: str, meta: SourceMeta) -> Article:
    """Read ``text`` into an :class:`Article` with the rules of ``meta.profile``."""
    profiles = load_profiles()
    profile = profiles.get(meta.profile)
    if profile is None:
        raise DataError(path, f"unknown publisher profile {meta.profile!r} (known: {', '.join(sorted(profiles))})")
    return Article(path=path, text=text, meta=meta, blocks=read_blocks(text, meta, profile))


@functools.lru_cache(maxsize=32)
def _load_article_cached(path: Path, mtime_ns: int, meta_mtime_ns: int) -> Article:
    meta = read_meta(path.with_suffix(".toml"))
    return build_article(paths.relative_to_root(path), read_text_file(path), meta)


def load_article(path: str | Path) -> Article:
    """Load a source file and its metadata (``<slug>.toml`` beside it), cached until either file changes."""
    p = Path(path)
    if not p.is_absolute() and not p.exists():
        p = paths.ROOT / p
    meta_path = p.with_suffix(".toml")
    try:
        mtimes = p.stat().st_mtime_ns, meta_path.stat().st_mtime_ns
    except FileNotFoundError as exc:
        raise DataError(paths.relative_to_root(exc.filename or p), "file not found") from None
    return _load_article_cached(p.resolve(), *mtimes)


def load_seed() -> Article:
    """The seed article (The Moscow Times, 27 February 2025)."""
    return load_article(paths.SEED_TEXT)
