"""Reading a source: its text, metadata, and its blocks (headline, caption, body, boilerplate) and sentences.

Every block and sentence carries character offsets into the source file decoded as UTF-8 (Python ``str``
indexing), so that ``article.text[start:end] == text`` always holds. Publisher boilerplate is told apart by the
rules in ``data/publishers.toml``, never by offsets written down for one article. The model itself (``Article``,
``Block``, ``Sentence``, ``SourceMeta``, ``Excerpt``) is :mod:`dashboard.sources.model`; it is importable from
here too, for the modules that import it so.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
import unicodedata
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.sources import sentences
from dashboard.sources.model import Article, Block, BlockKind, Sentence, SourceMeta

__all__ = [
    "build_article",
    "check_meta",
    "load_article",
    "load_seed",
    "read_blocks",
    "read_meta",
    "split_sentences",
]

PUBLISHERS = paths.DATA_DIR / "publishers.toml"

MAX_HEADLINE_CHARS = 300
"""A first line longer than this (and not the title) is body, not the headline: a text pasted without line
breaks is one long line, which is the article, not its headline."""


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


def split_sentences(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    """Split ``text[start:end]`` into sentences with exact offsets (:func:`dashboard.sources.sentences.spans`).

    Sentences are verbatim (``sentence.text == text[sentence.start:sentence.end]``), trimmed of white space, in
    order, without overlap, and cover every other character of the block; none is longer than
    :data:`~dashboard.sources.sentences.MAX_SENTENCE_CHARS`. Time is linear in the block's length, whatever its
    line breaks (a pasted article on one line splits as fast as one in paragraphs).
    """
    return tuple(Sentence(s, e, text[s:e]) for s, e in sentences.spans(text, start, end))


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

    Rules, in order: lines at the top listed as leading boilerplate; the first other line is the headline (unless
    it is longer than :data:`MAX_HEADLINE_CHARS` and not the title: then there is none); the line after it is
    the photo caption if it ends with a photo credit (the source's ``caption_credit`` or the profile's credit
    pattern); the first line starting with a cut marker and everything after it is boilerplate; all else is body.
    """
    spans = list(_lines(text))
    kinds: list[BlockKind] = []
    i = 0
    while i < len(spans) and _starts_with_any(text[slice(*spans[i])], profile.leading_boilerplate):
        kinds.append("boilerplate")
        i += 1
    cut = False
    for j in range(i, len(spans)):
        line = text[slice(*spans[j])]
        if cut or _starts_with_any(line, profile.cut_markers):
            cut = True
            kinds.append("boilerplate")
        elif j == i and _headline_like(line, meta):
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


def _headline_like(line: str, meta: SourceMeta) -> bool:
    """A line can be the headline if it is the title or no longer than :data:`MAX_HEADLINE_CHARS`."""
    return len(line) <= MAX_HEADLINE_CHARS or (bool(meta.title) and _norm(line) == _norm(meta.title))


def _is_caption(line: str, meta: SourceMeta, profile: Profile) -> bool:
    if meta.caption_credit and line.rstrip().endswith(meta.caption_credit):
        return True
    return bool(profile.caption_credit.search(line.strip()))


# -- source details: one validator wherever they enter (store, sidecar .toml, HTML suggestions, command line) --

MAX_TITLE = 300
MAX_PUBLISHER = 200
MAX_URL = 2_000
MAX_CREDIT = 300
MAX_PROFILE = 100

_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"']+", re.IGNORECASE)


def safe_url(url: object) -> str | None:
    """``url`` if it is an ``http://`` or ``https://`` address without spaces or control characters, else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not _SAFE_URL.fullmatch(url):
        return None
    return url


def clean_field(value: object, what: str, limit: int, shown: str, *, required: bool = False) -> str:
    """A text detail (title, publisher, credit …) on one line: white space collapsed, control and format
    characters dropped.

    Raises
    ------
    DataError
        If it is not text, empty when ``required``, or longer than ``limit`` characters.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DataError(shown, f"{what} must be text (got {_short(value)})")
    spaced = "".join(" " if c.isspace() else c for c in value)
    kept = "".join(c for c in spaced if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))
    cleaned = " ".join(kept.split())
    if required and not cleaned:
        raise DataError(shown, f"missing or empty {what!r}: the {what} must not be empty")
    if len(cleaned) > limit:
        raise DataError(shown, f"{what} is {len(cleaned)} characters long (at most {limit})")
    return cleaned


def check_published(value: object, shown: str) -> dt.date | None:
    """A publication date from a date, a datetime or a ``YYYY-MM-DD`` string; None for none.

    Raises
    ------
    DataError
        For anything else.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise DataError(shown, f"published must be a date like 2025-02-27 (got {_short(value)})")


def check_url(value: object, shown: str) -> str | None:
    """An ``http(s)://`` address of at most :data:`MAX_URL` characters; None for none.

    Raises
    ------
    DataError
        For any other value (``javascript:``, ``data:``, a number …).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    url = safe_url(value)
    if url is None or len(url) > MAX_URL:
        raise DataError(shown, f"url must be an http:// or https:// address (got {str(value)[:80]!r})")
    return url


def _short(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_meta(raw: Mapping, shown: str, *, required: Collection[str] = ("title",)) -> SourceMeta:
    """Source details from wherever they come (the store's form, a sidecar ``.toml``, an HTML page's metadata,
    the command line), checked the same way, with the same messages.

    ``raw`` may have ``title``, ``publisher``, ``published``, ``url``, ``credit``, ``caption_credit`` and
    ``profile``; text is put on one line without control characters, the date must be a date (or
    ``YYYY-MM-DD``), the URL ``http(s)://``; ``required`` names the text fields that must not be empty.

    Raises
    ------
    DataError
        Naming ``shown`` and the field, for the first detail that is wrong.
    """
    profile = clean_field(raw.get("profile"), "profile", MAX_PROFILE, shown) or "generic"
    return SourceMeta(
        title=clean_field(raw.get("title"), "title", MAX_TITLE, shown, required="title" in required),
        publisher=clean_field(
            raw.get("publisher"), "publisher", MAX_PUBLISHER, shown, required="publisher" in required
        ),
        published=check_published(raw.get("published"), shown),
        url=check_url(raw.get("url"), shown),
        credit=clean_field(raw.get("credit"), "credit", MAX_CREDIT, shown) or None,
        caption_credit=clean_field(raw.get("caption_credit"), "caption_credit", MAX_CREDIT, shown) or None,
        profile=profile,
    )


def read_meta(meta_path: Path) -> SourceMeta:
    """Read a source's metadata file (``<slug>.toml``), checked by :func:`check_meta`.

    Raises
    ------
    DataError
        If the file is missing, unreadable, not UTF-8, not TOML, lacks a title or publisher, or has a detail
        :func:`check_meta` refuses (a URL that is not http(s), a value that is not text …).
    """
    shown = paths.relative_to_root(meta_path)
    try:
        data = meta_path.read_bytes()
    except FileNotFoundError:
        raise DataError(shown, "metadata file not found") from None
    except OSError as exc:
        raise DataError(shown, f"metadata file cannot be read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(shown, f"not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(shown, f"not valid TOML ({exc})") from None
    return check_meta(raw, shown, required=("title", "publisher"))


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
