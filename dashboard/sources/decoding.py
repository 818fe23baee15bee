"""Bytes to text, or a clear refusal: the size limit, binary files, control characters, overlong lines, encodings
(a declared or detected charset, UTF-16 without a BOM) and reading a file safely (a regular file, stat first).

:mod:`dashboard.sources.ingest` turns what this accepts into the text a source stores, with its metadata.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from pathlib import PurePath

from dashboard.core.errors import DataError
from dashboard.core.text import shown_path

MAX_BYTES = 2_000_000
"""Largest upload or paste accepted: 2 MB (2,000,000 bytes, counted on the file or on the UTF-8 paste)."""


MAX_CONTROL_SHARE = 0.01
"""A text whose share of control characters (other than tab, line breaks and form feed) exceeds this is binary."""


MIN_UTF16_NUL_SHARE = 0.05
"""Bytes without a byte-order mark are read as UTF-16 when at least this share of their two-byte units has a NUL
byte, all on the same side (see :func:`_utf16_without_bom`): spaces and punctuation alone give more."""


MAX_LINE_CHARS = MAX_BYTES
"""Longest line (paragraph) accepted, in characters: as long as the size limit, so any text within that limit
passes, whatever its line breaks (a pasted article often has none). Sentence splitting takes time linear in a
paragraph's length (:func:`dashboard.sources.reader.split_sentences`, one pass of rules): a 2 MB text on one line
splits in about the time of a 2 MB text in short paragraphs (well under a second; ``benchmarks/ingest_bench.py``
times the whole path), so no shorter line limit is needed. :func:`check_lines` still enforces this one for
callers that store text without the size check.
"""


# Encoding detection: a detection is accepted when the best candidate's "mess" (chaos) is at most MAX_CHAOS and
# its language coherence at least MIN_COHERENCE. Candidates that score within NEAR of the best are alternatives;
# if they decode to different texts, the first of PREFERRED among them wins (the encodings articles about
# Ukraine actually come in), else the detection is not confident and the upload is refused.
MAX_CHAOS = 0.1


MIN_COHERENCE = 0.05


NEAR_CHAOS = 0.02


NEAR_COHERENCE = 0.05


PREFERRED = ("cp1252", "cp1251", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic", "cp1250", "iso8859_2", "latin_1")


ENCODING_LABELS = {
    "utf_8": "utf-8",
    "utf_16": "utf-16",
    "utf_32": "utf-32",
    "cp1250": "windows-1250",
    "cp1251": "windows-1251",
    "cp1252": "windows-1252",
    "koi8_r": "KOI8-R",
    "koi8_u": "KOI8-U",
    "iso8859_5": "ISO-8859-5",
    "iso8859_2": "ISO-8859-2",
    "latin_1": "ISO-8859-1 (Latin-1)",
    "mac_cyrillic": "Mac Cyrillic",
    "cp866": "CP866 (DOS Cyrillic)",
}


# (prefix, what it is). Checked before anything else so that a renamed binary gets a useful message.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"{\\rtf", "an RTF document"),
    (b"OggS", "an Ogg audio/video file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"\x00\x00\x01\x00", "an icon file"),
)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf_32"),
    (b"\x00\x00\xfe\xff", "utf_32"),
    (b"\xef\xbb\xbf", "utf_8"),
    (b"\xff\xfe", "utf_16"),
    (b"\xfe\xff", "utf_16"),
)


_ALLOWED_CONTROLS = frozenset("\t\n\r\f")


_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def display_name(name: str) -> str:
    """An upload's name fit for messages: its last path part, control characters replaced, at most 120 chars."""
    base = PurePath(str(name).replace("\\", "/")).name or str(name)
    base = "".join("?" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in base)
    base = base.strip() or "upload"
    return base if len(base) <= 120 else base[:119] + "…"


def _human_size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB ({n:,} bytes)"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB ({n:,} bytes)"
    return f"{n:,} bytes"


def limit_text() -> str:
    """The size limit as users read it: ``2 MB (2,000,000 bytes)``."""
    return f"{MAX_BYTES / 1_000_000:g} MB ({MAX_BYTES:,} bytes)"


def encoding_label(codec: str) -> str:
    """A readable name for a Python codec name (``cp1251`` → ``windows-1251``)."""
    key = codec.lower().replace("-", "_")
    return ENCODING_LABELS.get(key, key.replace("_", "-"))


def _check_size(shown: str, size: int) -> None:
    if size > MAX_BYTES:
        raise DataError(shown, f"is {_human_size(size)}, over the {limit_text()} limit")


def _check_magic(shown: str, data: bytes) -> None:
    for prefix, what in MAGIC:
        if data.startswith(prefix):
            raise DataError(shown, f"looks like {what}, not text: upload a .txt, .md or .html file")


_BAD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""The control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) other than tab, line breaks and
form feed."""


_BAD_CONTROL_BYTES = bytes(b for b in range(0x20) if chr(b) not in _ALLOWED_CONTROLS) + b"\x7f"


def _control_share(text: str) -> tuple[int, int]:
    """(control characters other than tab, line breaks and form feed, all characters) of ``text``: one regular
    expression pass (a loop over ``unicodedata.category`` took 0.5 s per MB)."""
    return sum(1 for _ in _BAD_CONTROL.finditer(text)), len(text)


def _check_controls(shown: str, text: str) -> None:
    if "\x00" in text:
        raise DataError(shown, "contains NUL characters: looks like a binary file, not text")
    bad, total = _control_share(text)
    if total and bad / total > MAX_CONTROL_SHARE:
        raise DataError(
            shown,
            f"{bad / total:.0%} of its characters are control characters: looks like a binary file, not text",
        )


def check_lines(shown: str, text: str) -> None:
    """Refuse a text with a line longer than :data:`MAX_LINE_CHARS` (see there). Linear in the text's length."""
    if len(text) <= MAX_LINE_CHARS:
        return
    start = 0
    breaks = [(m.start(), m.end()) for m in _LINE_BREAK.finditer(text)]
    for number, (stop, after) in enumerate([*breaks, (len(text), len(text))], start=1):
        if stop - start > MAX_LINE_CHARS:
            raise DataError(
                shown,
                f"line {number} is {stop - start:,} characters long, over the limit of {MAX_LINE_CHARS:,} "
                "characters for one paragraph: put each paragraph on a line of its own",
            )
        start = after


def _check_binary_bytes(shown: str, data: bytes) -> None:
    if b"\x00" in data:
        raise DataError(shown, "contains NUL bytes: looks like a binary file, not text")
    bad = len(data) - len(data.translate(None, _BAD_CONTROL_BYTES))  # bytes < 0x20 but \t \n \r \f, and 0x7f
    if data and bad / len(data) > MAX_CONTROL_SHARE:
        raise DataError(
            shown, f"{bad / len(data):.0%} of its bytes are control bytes: looks like a binary file, not text"
        )


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """``(text, codec)`` if ``data`` is UTF-16 text saved without a byte-order mark, else None.

    Such a file has NUL bytes (every Latin letter, digit, space and punctuation mark has one) at odd offsets
    (little-endian) or at even ones (big-endian), at least :data:`MIN_UTF16_NUL_SHARE` of its characters, hardly
    any of the other parity, and decodes cleanly to text without NUL and with few control characters. Binary
    data with NUL bytes fails these tests and is refused as binary.
    """
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    units = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    most, least = max(even, odd), min(even, odd)
    if most < units * MIN_UTF16_NUL_SHARE or least > units * MAX_CONTROL_SHARE:
        return None
    codec = "utf_16_le" if odd > even else "utf_16_be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    bad, total = _control_share(text)
    if "\x00" in text or bad > total * MAX_CONTROL_SHARE:
        return None
    return text, codec


def read_source_bytes(path: str | os.PathLike, limit: int = MAX_BYTES) -> bytes:
    """The bytes of an article file, read only if it is a regular file, and never more than ``limit + 1`` of them.

    A FIFO, a device (``/dev/zero``), a socket or a directory is refused before it is opened, so reading never
    blocks or fills the memory; a file over ``limit`` bytes is refused without being read whole.

    Raises
    ------
    DataError
        Naming the path (undecodable bytes of its name shown as ``\\xff``): missing, not a regular file, not
        readable, or over the limit.
    """
    shown = shown_path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise DataError(shown, "source file not found") from None
    except OSError as exc:
        raise DataError(shown, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise DataError(shown, "is a directory, not an article file")
    if not stat.S_ISREG(info.st_mode):
        raise DataError(shown, f"is {special_kind(info.st_mode)}, not an article file: give a regular file")
    allowed = limit_text() if limit == MAX_BYTES else _human_size(limit)
    if info.st_size > limit:
        raise DataError(shown, f"is {_human_size(info.st_size)}, over the {allowed} limit")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise DataError(shown, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:  # it grew since os.stat
        raise DataError(shown, f"is over the {allowed} limit")
    return data


def special_kind(mode: int) -> str:
    """What a file that is not a regular file is: ``a FIFO (named pipe)``, ``a character device`` …"""
    kinds = (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((what for test, what in kinds if test(mode)), "a special file")


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _detect(shown: str, data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 bytes with charset-normalizer; return (text, codec) or refuse if not confident."""
    # lazy: charset-normalizer costs 17-22 ms to import (python -X importtime), a third more than the imports of
    # `python -m dashboard locate` (about 57 ms); only bytes that are not UTF-8 need it
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    matches += list(from_bytes(data, cp_isolation=list(PREFERRED)))
    if not matches:
        raise DataError(
            shown,
            "is not UTF-8 and its encoding could not be detected: save it as UTF-8 text and upload it again",
        )
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    if best.chaos > MAX_CHAOS or best.coherence < MIN_COHERENCE:
        raise DataError(
            shown,
            f"is not UTF-8 and its encoding could not be detected with confidence (best guess "
            f"{encoding_label(best.encoding)}, too uncertain to use): save it as UTF-8 text and upload it again",
        )
    near = [m for m in matches if m.chaos <= best.chaos + NEAR_CHAOS and m.coherence >= best.coherence - NEAR_COHERENCE]
    decodings: dict[str, str] = {}
    for m in near:
        for codec in (m.encoding, *m.could_be_from_charset):
            try:
                decodings.setdefault(codec, data.decode(codec))
            except (UnicodeDecodeError, LookupError):
                continue
    texts = set(decodings.values())
    if len(texts) == 1:
        codec = next((c for c in PREFERRED if c in decodings), best.encoding)
        return decodings.get(codec, str(best)), codec
    for codec in PREFERRED:
        if codec in decodings:
            return decodings[codec], codec
    names = ", ".join(sorted({encoding_label(c) for c in decodings})[:4])
    raise DataError(
        shown,
        f"is not UTF-8 and its encoding is ambiguous (could be {names}): save it as UTF-8 text and upload it again",
    )


def decode(name: str, data: bytes, *, html: bool = False) -> tuple[str, str, list[str]]:
    """Decode an upload's bytes: (text, encoding label, notes). A BOM is dropped from the text.

    UTF-8 is tried first; then a byte-order mark's encoding; for HTML, the charset the page declares; then
    detection. Binary content is refused before any decoding is guessed.

    Raises
    ------
    DataError
        If the bytes look binary or the encoding cannot be told with confidence.
    """
    shown = display_name(name)
    notes: list[str] = []
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                break
            text = text.removeprefix("\ufeff")
            notes.append("removed a byte-order mark (BOM)")
            if codec != "utf_8":
                notes.append(f"decoded as {encoding_label(codec)}")
            return text, encoding_label(codec), notes
    wide = _utf16_without_bom(data)
    if wide is not None:
        text, codec = wide
        notes.append(f"decoded as {encoding_label(codec)} (UTF-16 without a byte-order mark)")
        return text, encoding_label(codec), notes
    _check_binary_bytes(shown, data)
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError:
        pass
    if html:
        declared = _declared_charset(data)
        if declared:
            try:
                text = data.decode(declared)
            except UnicodeDecodeError:
                pass
            else:
                notes.append(f"decoded as {encoding_label(declared)} (the charset the page declares)")
                return text, encoding_label(declared), notes
    text, codec = _detect(shown, data)
    label = encoding_label(codec)
    notes.append(f"decoded as {label} (detected; the file is not UTF-8)")
    return text, label, notes
