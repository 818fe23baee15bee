"""The alias syntax of data/gazetteer.toml: ``{a,b}`` alternatives expanded, an alias split into words with the
separator before each, phrases joined and written back as text.

:mod:`dashboard.places.gazetteer.compiler` checks the file's tables and builds the trie from these phrases; this
module owns what an alias may be (a ValueError, or a DataError naming the entry, says why one is refused).
"""

from __future__ import annotations

import itertools
import re

from dashboard.core.errors import DataError
from dashboard.places.gazetteer.scanner import SPACE, Word, _sep_kind, _word_spans


def expand(alias: str) -> list[str]:
    """Expand ``{a,b}`` alternatives; raises ValueError on unbalanced braces."""
    parts = re.split(r"(\{[^{}]*\})", alias)
    options: list[list[str]] = []
    for part in parts:
        if part.startswith("{") and part.endswith("}") and len(part) >= 2:
            options.append(part[1:-1].split(","))
        elif "{" in part or "}" in part:
            raise ValueError("unbalanced '{' or '}'")
        else:
            options.append([part])
    return ["".join(combo) for combo in itertools.product(*options)]


def split_words(alias: str) -> list[Word]:
    """The words of an alias with the separator kind before each; raises ValueError when it cannot match."""
    spans = _word_spans(alias)
    if not spans:
        raise ValueError("no letters")
    if spans[0][0] != 0 or spans[-1][1] != len(alias):
        raise ValueError("starts or ends with a character that is not part of a word")
    words: list[Word] = []
    prev_end = 0
    for s, e in spans:
        word = alias[s:e]
        if "_" in word:
            raise ValueError("'_' inside a word")
        if words:
            sep = alias[prev_end:s]
            kind = _sep_kind(sep)
            if kind is None:
                raise ValueError(f"unsupported separator {sep!r} between words")
            words.append((kind, word))
        else:
            words.append(("", word))
        prev_end = e
    return words


def join_words(*parts: list[Word]) -> list[Word]:
    """The words of ``parts`` as one phrase, a space between two parts."""
    out: list[Word] = []
    for part in parts:
        for k, (kind, word) in enumerate(part):
            out.append((SPACE if k == 0 and out else kind, word))
    return out


def phrase_text(words: list[Word]) -> str:
    """A phrase's words back as text, with their separators."""
    return "".join(kind + word for kind, word in words)


def alias_phrases(file: str, values: list[str], entry: str) -> list[list[Word]]:
    """Expand and split each alias of a list, rejecting empty or unusable ones with the value quoted."""
    out: list[list[Word]] = []
    for raw in values:
        if not raw.strip():
            raise DataError(file, f"empty alias {raw!r}", entry)
        try:
            expanded = expand(raw.strip())
            for alias in expanded:
                if not alias.strip():
                    raise ValueError(f"an alternative expands to the empty alias {alias!r}")
                out.append(split_words(alias.strip()))
        except ValueError as exc:
            raise DataError(file, f"bad alias {raw!r}: {exc}", entry) from None
    return out
