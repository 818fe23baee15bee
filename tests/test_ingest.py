"""Bringing a source in: every bad input gets a clear message; good input is stored verbatim (or extracted)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.core.errors import DataError
from dashboard.sources import decoding, ingest
from dashboard.sources.decoding import MAX_BYTES
from dashboard.sources.ingest import ingest_bytes, ingest_paste

UK = (
    "Російські війська контролюють більшу частину Донецької та Луганської областей, але лише частини "
    "Запорізької та Херсонської. Москва також окупує частину північно-східної Харківської області."
)
RU = (
    "Российские войска контролируют большую часть Донецкой и Луганской областей, но лишь части "
    "Запорожской и Херсонской. Москва также оккупирует часть северо-восточной Харьковской области."
)
FR = (
    "Les forces russes contrôlent la majeure partie des régions de Donetsk et de Louhansk, mais seulement une "
    "partie de Zaporijjia et de Kherson. Moscou occupe également une partie de la région de Kharkiv."
)
ES = "El niño y la señora viven en Járkov, en el noreste de Ucrania. España condenó la anexión de Crimea."
EN_1252 = "Moscow also occupies part of Ukraine’s northeastern Kharkiv region. “This is undeniable,” he said."

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
ZIP = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(64))

ARTICLE_HTML = """<!doctype html>
<html><head>
<title>Kremlin Rules Out Returning Regions | The Daily Example</title>
<meta property="og:title" content="Kremlin Rules Out Returning Regions">
<meta property="og:site_name" content="The Daily Example">
<meta property="og:url" content="https://example.com/2025/02/27/kremlin-regions">
<meta name="date" content="2025-02-27">
<script>alert("head")</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/odesa">Odesa news</a></nav>
<article>
<h1>Kremlin Rules Out Returning Regions</h1>
<p>Russia declared the annexation of four Ukrainian regions — Donetsk, Luhansk, Zaporizhzhia and Kherson.
<img src="x" onerror="alert('img')"> It also annexed the Crimean Peninsula in 2014.</p>
<script>document.write('<p id="injected">Injected paragraph about Mykolaiv</p>')</script>
<p>Russian forces control most of the Donetsk and Luhansk regions, a &lt;b&gt;source&lt;/b&gt; says &amp; 5 &gt; 3.</p>
<p>Moscow also occupies part of Ukraine's northeastern Kharkiv region. <b>Bold</b> and a
<a href="javascript:alert('link')">link</a> stay plain text.</p>
</article>
<div class="comments"><p>Reader comment: what about Odesa and Lviv?</p></div>
<footer>Subscribe to our newsletter. © 2025 The Daily Example</footer>
</body></html>
"""


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(DataError) as info:
        ingest_bytes(name, data)
    return str(info.value)


# -- refusals ----------------------------------------------------------------------------------------------------


def test_empty_file_is_refused_naming_the_upload():
    assert refusal("today.txt", b"") == "today.txt: is empty: there is no text to read"


@pytest.mark.parametrize("data", [b" ", b"\n\n", b" \t\r\n \r\n\f", "\u00a0\u2003\n".encode()])
def test_whitespace_only_file_is_refused(data):
    assert refusal("blank.md", data) == "blank.md: contains only whitespace: there is no text to read"


def test_empty_or_whitespace_paste_is_refused():
    with pytest.raises(DataError, match=r"^pasted text: is empty"):
        ingest_paste("")
    with pytest.raises(DataError, match=r"^pasted text: contains only whitespace"):
        ingest_paste(" \n\t\r\n")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (PNG, "a PNG image"),
        (PDF, "a PDF"),
        (ZIP, "a ZIP archive (or a Word/OpenDocument file)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    ],
    ids=["png", "pdf", "zip", "jpeg"],
)
def test_known_binary_formats_are_named(data, what):
    # Even renamed to .txt, a binary file is refused with what it looks like.
    assert refusal("article.txt", data) == f"article.txt: looks like {what}, not text: upload a .txt, .md or .html file"


def test_random_bytes_with_nul_are_binary():
    rng = random.Random(5)
    data = bytes(rng.randrange(256) for _ in range(4000)) + b"\x00"
    assert refusal("notes.txt", data) == "notes.txt: contains NUL bytes: looks like a binary file, not text"


def test_a_high_share_of_control_characters_is_binary():
    data = ("Donetsk \x01\x02\x03\x04 region " * 20).encode()
    msg = refusal("weird.txt", data)
    assert "control bytes: looks like a binary file, not text" in msg
    with pytest.raises(DataError, match="control characters: looks like a binary file"):
        ingest_paste("Donetsk \x01\x02\x03\x04 region " * 20)
    with pytest.raises(DataError, match="NUL characters"):
        ingest_paste("Donetsk\x00region")


def test_a_few_stray_control_characters_are_tolerated():
    text = "Donetsk region. " * 100 + "\x1a"  # a DOS end-of-file mark
    assert ingest_bytes("old.txt", text.encode()).text == text


LINE = b"word " * 19 + b"word\n"  # 100 bytes


def test_over_the_limit_says_the_limit_and_the_size():
    data = LINE * (MAX_BYTES // len(LINE)) + b"b"
    assert len(data) == MAX_BYTES + 1
    assert refusal("big.txt", data) == ("big.txt: is 2.0 MB (2,000,001 bytes), over the 2 MB (2,000,000 bytes) limit")
    with pytest.raises(DataError, match=r"over the 2 MB \(2,000,000 bytes\) limit"):
        ingest_paste("ж" * (MAX_BYTES // 2 + 1))  # 2 bytes each in UTF-8


def test_exactly_the_limit_is_accepted():
    data = LINE * (MAX_BYTES // len(LINE))
    assert len(data) == MAX_BYTES
    assert ingest_bytes("big.txt", data).text == data.decode()


def test_a_text_on_one_line_is_accepted():
    # A pasted article often has no line breaks: sentence splitting is linear now, so only the size limit applies.
    assert decoding.MAX_LINE_CHARS >= MAX_BYTES
    text = "Russian forces control most of the Donetsk region. " * 35_000  # 1.8 MB on one line
    assert len(text.encode()) < MAX_BYTES
    assert ingest_paste(text).text == text
    assert ingest_bytes("wall.txt", ("Headline\n\n" + text).encode()).text == "Headline\n\n" + text


def test_a_line_over_the_line_limit_is_refused_naming_the_line(monkeypatch):
    # No text within the size limit reaches the line limit; the check stays for callers that store text.
    monkeypatch.setattr(decoding, "MAX_LINE_CHARS", 10)
    with pytest.raises(DataError) as info:
        decoding.check_lines("wall.txt", "Headline\r\n\rDonetsk region.\nKyiv.")
    assert str(info.value) == (
        "wall.txt: line 3 is 15 characters long, over the limit of 10 characters for one paragraph: "
        "put each paragraph on a line of its own"
    )
    with pytest.raises(DataError, match="line 1 is 11 characters long"):
        decoding.check_lines("pasted text", "x" * 11)
    with pytest.raises(DataError, match="line 2 is 11 characters long"):
        decoding.check_lines("pasted text", "x" * 10 + "\n" + "y" * 11)
    decoding.check_lines("pasted text", "x" * 10 + "\r\n" + "y" * 10 + "\r" + "z" * 10 + "\n")
    with pytest.raises(DataError, match="^pasted text: line 1 is 11 characters long"):
        ingest_paste("x" * 11)


@pytest.mark.parametrize(
    ("name", "shown"),
    [("scan.pdf", "'.pdf'"), ("report.docx", "'.docx'"), ("page.php", "'.php'"), ("a.txt.exe", "'.exe'")],
)
def test_unsupported_extension(name, shown):
    assert refusal(name, b"Donetsk region") == (
        f"{name}: unsupported file type {shown}: upload a .txt, .md, .html or .htm file"
    )


def test_no_extension():
    assert refusal("README", b"Donetsk") == "README: no file extension: upload a .txt, .md, .html or .htm file"


def test_upload_names_are_cleaned_for_messages():
    # Folders dropped, control characters replaced: the name cannot forge a second message line.
    msg = refusal("../../etc/x\n<i>evil.pdf", b"%PDF-1.4")
    assert msg == "x?<i>evil.pdf: unsupported file type '.pdf': upload a .txt, .md, .html or .htm file"
    assert "\n" not in msg and "../" not in msg


@pytest.mark.parametrize(
    "html",
    [
        b"<html><head><title>Only a title</title></head><body></body></html>",
        b"<html><body><nav><a href='/'>Home</a> | <a href='/n'>News</a></nav></body></html>",
        b"<html><body><script>alert('x')</script><style>body{}</style></body></html>",
        b"<!doctype html><html><body><img src=x onerror=alert(1)></body></html>",
    ],
)
def test_html_with_no_article_body(html):
    assert refusal("page.html", html) == (
        "page.html: no article text found in this HTML (only menus, scripts or markup)"
    )


def test_undetectable_encoding_is_refused_saying_so():
    # Three encodings in one file: no single decoding makes sense of it.
    mixed = b"Donetsk " + "Донецьк".encode("cp1251") + " Херсон".encode("koi8_u") + " Харьков".encode("cp866")
    msg = refusal("mixed.txt", mixed)
    assert msg.startswith("mixed.txt: is not UTF-8 and its encoding could not be detected")
    assert "save it as UTF-8" in msg
    # Too short to tell.
    assert "could not be detected" in refusal("short.txt", "Донецк и Луганск".encode("cp1251"))
    # Random high bytes decode as nothing at all.
    rng = random.Random(7)
    noise = bytes(0x80 | rng.randrange(128) for _ in range(600))
    assert "could not be detected" in refusal("noise.txt", noise)


# -- encodings ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec", "label"),
    [
        (UK, "cp1251", "windows-1251"),
        (RU, "cp1251", "windows-1251"),
        (RU, "koi8_r", "KOI8-R"),
        (UK, "koi8_u", "KOI8-U"),
        (FR, "latin_1", "windows-1252"),  # Latin-1 text: windows-1252 decodes it identically
        (ES, "latin_1", "windows-1252"),
        (EN_1252, "cp1252", "windows-1252"),
    ],
)
def test_non_utf8_text_is_detected_and_decoded(text, codec, label):
    got = ingest_bytes("article.txt", text.encode(codec))
    assert got.text == text
    assert got.encoding == label
    assert f"decoded as {label} (detected; the file is not UTF-8)" in got.notes


def test_windows_1251_with_crlf_is_decoded_and_normalised():
    data = (UK + "\r\n\r\n" + RU + "\r\n").encode("cp1251")
    got = ingest_bytes("news.txt", data)
    assert got.text == UK + "\n\n" + RU + "\n"
    assert got.encoding == "windows-1251"
    assert any("line breaks" in n for n in got.notes)
    assert got.title == UK  # the first line


def test_html_declared_charset_is_used():
    html = (
        "<html><head><meta charset='windows-1251'><title>Новини</title></head><body><article>"
        f"<p>{UK}</p></article></body></html>"
    ).encode("cp1251")
    got = ingest_bytes("page.htm", html)
    assert got.kind == "html" and got.encoding == "windows-1251"
    assert got.text == f"Новини\n\n{UK}"
    assert "decoded as windows-1251 (the charset the page declares)" in got.notes


def test_utf8_bom_is_stripped_and_utf16_with_bom_is_decoded():
    got = ingest_bytes("bom.txt", b"\xef\xbb\xbf" + UK.encode())
    assert got.text == UK and got.encoding == "utf-8"
    assert "removed a byte-order mark (BOM)" in got.notes
    got = ingest_bytes("wide.txt", UK.encode("utf-16"))
    assert got.text == UK and got.encoding == "utf-16"
    assert ingest_paste("\ufeff" + UK).text == UK


# -- what is stored ----------------------------------------------------------------------------------------------


def test_newlines_are_normalised_and_nothing_else_changes():
    text = "Title\r\n\r\nKyiv’s\u00a0view —\ttabs, “quotes”, <b>tags</b> & emoji 🇺🇦\rlast line\u2028same block\n"
    got = ingest_bytes("t.txt", text.encode())
    assert got.text == text.replace("\r\n", "\n").replace("\r", "\n")
    assert ingest_paste(text).text == got.text


def test_markdown_is_stored_as_written():
    md = "# Kremlin rules out *returning* regions\n\nRussia holds [most of Donetsk](https://x.org) region.\n"
    got = ingest_bytes("note.md", md.encode())
    assert got.kind == "md" and got.text == md
    assert got.title == "Kremlin rules out *returning* regions"


def test_exact_mode_keeps_a_utf8_file_character_for_character():
    data = b"\xef\xbb\xbfHeadline about Kherson\r\n\r\nBody about Donetsk.\r\n"
    got = ingest_bytes("cli.txt", data, exact=True)
    assert got.text == data.decode("utf-8") and got.notes == ()


def test_html_is_extracted_with_metadata_and_scripts_dropped():
    got = ingest_bytes("page.html", ARTICLE_HTML.encode())
    assert got.kind == "html" and got.encoding == "utf-8"
    assert got.title == "Kremlin Rules Out Returning Regions"
    assert got.publisher == "The Daily Example"
    assert got.published == dt.date(2025, 2, 27)
    assert got.url == "https://example.com/2025/02/27/kremlin-regions"
    lines = got.text.split("\n")
    assert lines[0] == "Kremlin Rules Out Returning Regions"
    assert any(line.startswith("Russia declared the annexation of four Ukrainian regions") for line in lines)
    # Scripts, handlers, menus, comments and footer are gone; nothing executable is left.
    for gone in (
        "alert",
        "onerror",
        "document.write",
        "Injected",
        "<script",
        "<img",
        "javascript:",
        "Home",
        "Reader comment",
        "Subscribe",
        "color: red",
    ):
        assert gone not in got.text, gone
    # Characters the page shows as text stay plain text (a view escapes them): &lt;b&gt; is "<b>" here.
    assert "a <b>source</b> says & 5 > 3." in got.text
    assert "Bold and a link stay plain text." in got.text
    assert got.suggested_meta().title == got.title


def test_html_metadata_never_suggests_a_script_url():
    html = ARTICLE_HTML.replace("https://example.com/2025/02/27/kremlin-regions", "javascript:alert(1)")
    assert ingest_bytes("page.html", html.encode()).url is None
    assert ingest.safe_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,<b>", "http://a b", "ftp://x", "", None, 5):
        assert ingest.safe_url(bad) is None


def test_title_is_suggested_from_the_first_line():
    assert ingest_paste("\n\n  Kremlin   rules out\tthings  \nBody.").title == "Kremlin rules out things"
    long = ingest_paste("word " * 100).title
    assert len(long) <= ingest.MAX_TITLE_CHARS and long.endswith("…")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_paste_is_accepted_verbatim_or_refused_with_a_message(text):
    try:
        got = ingest_paste(text)
    except DataError as exc:
        assert str(exc).startswith("pasted text: ")
        return
    expected = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    assert got.text == expected
    assert got.text.strip()
