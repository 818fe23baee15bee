"""md_escape: untrusted text shown through Streamlit's Markdown elements stays the characters it is."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.core.text import md_escape, shorten

PUNCTUATION = set(string.punctuation)

SAMPLES = [
    "**b**",
    "[a](b)",
    "![i](u)",
    ":red[x]",
    "$x$",
    "<b>",
    "`c`",
    "# h",
    "<script>alert(1)</script>",
    "[x](http://evil.example/)",
    "![i](http://evil.example/i.png)",
    "&amp; &#x27; &lt;",
    "a\\b",
    "_u_ ~s~ | t | > q + l - i = 1. 2)",
    "Donetsk (UA-14): 'quoted' \"double\" {braces} @at ^caret %pct",
]


def assert_every_punctuation_escaped(original: str, escaped: str) -> None:
    """Walk ``escaped``: every ASCII punctuation character is preceded by a backslash that escapes it."""
    i, rebuilt = 0, []
    while i < len(escaped):
        ch = escaped[i]
        if ch == "\\":
            assert i + 1 < len(escaped), "a dangling backslash"
            nxt = escaped[i + 1]
            assert nxt in PUNCTUATION, f"backslash before {nxt!r}"
            rebuilt.append(nxt)
            i += 2
            continue
        assert ch not in PUNCTUATION, f"unescaped {ch!r} at {i} in {escaped!r}"
        rebuilt.append(ch)
        i += 1
    assert "".join(rebuilt).replace("  \n", "\n") == original


def unescape(escaped: str) -> str:
    return re.sub(r"\\([" + re.escape(string.punctuation) + "])", r"\1", escaped).replace("  \n", "\n")


@pytest.mark.parametrize("text", SAMPLES)
def test_every_ascii_punctuation_character_is_escaped(text):
    escaped = md_escape(text)
    assert_every_punctuation_escaped(text, escaped)
    assert unescape(escaped) == text


def test_examples():
    assert md_escape("**b**") == r"\*\*b\*\*"
    assert md_escape("[a](b)") == r"\[a\]\(b\)"
    assert md_escape("![i](u)") == r"\!\[i\]\(u\)"
    assert md_escape(":red[x]") == r"\:red\[x\]"
    assert md_escape("$x$") == r"\$x\$"
    assert md_escape("<b>") == r"\<b\>"
    assert md_escape("`c`") == r"\`c\`"
    assert md_escape("# h") == r"\# h"
    assert md_escape("a\\b") == "a\\\\b"


def test_letters_digits_space_and_non_ascii_are_kept():
    text = "Донецьк Kharkiv 2025 région — «ласкаво» ‘quote’ ＊"
    assert md_escape(text) == text


def test_line_breaks_are_kept_as_hard_breaks():
    assert md_escape("one\ntwo") == "one  \ntwo"
    assert md_escape("a.\n\n# b") == "a\\.  \n  \n\\# b"


def test_non_strings_are_shown_as_their_text():
    assert md_escape(14) == "14"
    assert md_escape(None) == "None"
    assert md_escape(["x"]) == r"\[\'x\'\]"


@given(st.text())
def test_removing_the_escapes_gives_back_the_text(text):
    escaped = md_escape(text)
    assert unescape(escaped) == text
    assert_every_punctuation_escaped(text, escaped)


@given(st.text(alphabet=st.sampled_from(sorted(PUNCTUATION) + ["a", " ", "\n", "é"])))
def test_punctuation_heavy_text_round_trips(text):
    escaped = md_escape(text)
    assert unescape(escaped) == text
    assert_every_punctuation_escaped(text, escaped)


def test_shorten_cuts_at_a_word_and_says_so():
    assert shorten("  Kremlin \n rules out   talks ", 40) == "Kremlin rules out talks"
    assert shorten("Kremlin rules out talks, says Peskov", 26) == "Kremlin rules out talks…"
    assert len(shorten("Kremlin rules out talks, says Peskov", 26)) <= 26
    assert shorten("Supercalifragilistic", 8) == "Superca…"  # one long word: cut where it must
    assert shorten("", 10) == ""
