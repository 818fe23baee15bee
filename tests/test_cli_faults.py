"""Faults found by probing the command line and the readers behind it: each gives one clear line, never a
traceback, and nothing lost or half-written."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from unittest import mock

import pytest

from dashboard import cli
from dashboard.cli import main
from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.core.text import shown_path, xml_safe
from dashboard.places import boundaries
from dashboard.sources import decoding, ingest, reader
from dashboard.sources.model import SourceMeta
from dashboard.sources.reader import check_meta, read_meta
from dashboard.sources.store import Store
from dashboard.testing import claims_variant

ARTICLE = (
    "Russian forces hold Kherson and Donetsk\n\n"
    "Russian forces control most of the Donetsk region, officials in Kyiv said on Monday.\n"
    "Fighting continued near Kherson, where the city was shelled again.\n"
)
SIDECAR = 'title = "{title}"\npublisher = "The Paper"\npublished = 2025-03-01\n'


def _err_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def _article(folder, name="article.txt", sidecar: str | None = None):
    path = folder / name
    path.write_text(ARTICLE, encoding="utf-8")
    if sidecar is not None:
        path.with_suffix(".toml").write_text(sidecar, encoding="utf-8")
    return path


def _main_within(argv, seconds=60):
    """``main(argv)`` in a thread: a FIFO that blocks the reader fails the test instead of hanging it."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(main(argv)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert result, f"{argv} still running after {seconds} s (blocked reading a FIFO?)"
    return result[0]


def _no_leftovers(folder, keep):
    assert sorted(p.name for p in folder.iterdir()) == sorted(keep)


# -- 1. one validator for source details -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('url = "javascript:alert(1)"', "url must be an http:// or https:// address (got 'javascript:alert(1)')"),
        (
            'url = "data:text/html,<b>x</b>"',
            "url must be an http:// or https:// address (got 'data:text/html,<b>x</b>')",
        ),
        ("url = 7", "url must be an http:// or https:// address (got '7')"),
        ('profile = ["x"]', "profile must be text (got ['x'])"),
        ("credit = 5", "credit must be text (got 5)"),
        ("caption_credit = true", "caption_credit must be text (got True)"),
        (f'title = "{"x" * 301}"', "title is 301 characters long (at most 300)"),
        ('published = "yesterday"', "published must be a date like 2025-02-27 (got 'yesterday')"),
    ],
)
def test_a_sidecar_is_checked_as_the_store_checks(tmp_path, line, message):
    key = line.split(" ", 1)[0]
    base = {k: v for k, v in (("title", '"T"'), ("publisher", '"P"')) if k != key}
    text = "".join(f"{k} = {v}\n" for k, v in base.items()) + line + "\n"
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_meta(tmp_path / "a.toml")
    assert info.value.problem == message
    assert str(info.value).startswith(str(tmp_path / "a.toml"))


def test_the_store_and_a_sidecar_give_the_same_message(tmp_path):
    (tmp_path / "a.toml").write_text('title = "T"\npublisher = "P"\nurl = "javascript:alert(1)"\n', encoding="utf-8")
    with pytest.raises(DataError) as from_sidecar:
        read_meta(tmp_path / "a.toml")
    with pytest.raises(DataError) as from_store:
        Store(tmp_path / "store").add(ARTICLE, title="T", url="javascript:alert(1)")
    with pytest.raises(DataError) as from_check:
        check_meta({"title": "T", "url": "javascript:alert(1)"}, "anywhere")
    assert from_sidecar.value.problem == from_store.value.problem == from_check.value.problem


def test_a_sidecar_that_is_not_utf8_is_refused_with_the_byte(tmp_path):
    (tmp_path / "a.toml").write_bytes('title = "Донецьк"\npublisher = "P"\n'.encode("cp1251"))
    with pytest.raises(DataError, match=r"a.toml: not UTF-8 text \(byte 9: b'\\xc4'\)"):
        read_meta(tmp_path / "a.toml")


def test_check_meta_cleans_text_and_keeps_only_http_urls():
    meta = check_meta({"title": " A\x01 \n B\u200b ", "publisher": "P\x7f", "url": " https://x.org/a "}, "t")
    assert meta == SourceMeta(title="A B", publisher="P", url="https://x.org/a")
    for bad in ("ftp://x.org/a", "javascript:alert(1)", "https://x.org/a b", "//x.org"):
        with pytest.raises(DataError, match="url must be an http"):
            check_meta({"title": "T", "url": bad}, "t")
    with pytest.raises(DataError, match="missing or empty 'title'"):
        check_meta({"title": " \x01 "}, "t")


def test_html_suggestions_are_checked_too():
    long_site = "S" * 500
    page = (
        f'<html><head><title>Kherson shelled</title><meta property="og:site_name" content="{long_site}">'
        '<meta property="og:url" content="javascript:alert(1)"></head><body><article>'
        "<p>Russian forces shelled Kherson again on Monday, officials in Kyiv said in a statement.</p>"
        "<p>Fighting continued in the Donetsk region, where the front line has barely moved.</p>"
        "</article></body></html>"
    )
    got = ingest.ingest_bytes("page.html", page.encode())
    assert got.url is None
    assert len(got.publisher) <= reader.MAX_PUBLISHER
    assert check_meta({"title": got.title, "publisher": got.publisher, "url": got.url}, "page.html")


def test_export_with_a_javascript_url_in_the_sidecar_is_refused(tmp_path, capsys):
    source = _article(tmp_path, sidecar=SIDECAR.format(title="T") + 'url = "javascript:alert(1)"\n')
    out = tmp_path / "out.geojson"
    assert main(["export", "--format", "geojson", "--out", str(out), "--source", str(source)]) == 1
    assert "url must be an http:// or https:// address" in _err_line(capsys)
    assert not out.exists()


# -- 2. XML-valid text in exports ----------------------------------------------------------------------------------


def test_xml_safe_drops_only_what_xml_forbids():
    assert xml_safe("A\x01B\x0bC\x1f\ud800\udcff\ufffe\uffffD") == "ABCD"
    assert xml_safe("tab\tline\nreturn\r “Київ” $x$ <&>") == "tab\tline\nreturn\r “Київ” $x$ <&>"


def _svg_text(path) -> str:
    root = ET.fromstring(path.read_bytes())  # raises if the SVG is not well-formed XML
    return " ".join(t for t in root.itertext())


def test_svg_with_a_control_character_in_the_title_is_well_formed(tmp_path, capsys):
    out = tmp_path / "map.svg"
    assert main(["export", "--format", "svg", "--out", str(out), "--title", "A\x01B"]) == 0
    assert "AB" in _svg_text(out)


def test_svg_with_a_control_character_in_the_sidecar_is_well_formed(tmp_path):
    source = _article(tmp_path, sidecar=SIDECAR.format(title="Kherson\\u0001 shelled") + 'credit = "C\\u0002"\n')
    out = tmp_path / "map.svg"
    assert main(["export", "--format", "svg", "--out", str(out), "--source", str(source)]) == 0
    assert "Kherson shelled" in _svg_text(out)


def test_svg_png_pdf_metadata_are_cleaned(monkeypatch):
    from matplotlib.figure import Figure

    from dashboard.export import render

    saved = {}
    monkeypatch.setattr(Figure, "savefig", lambda self, buf, **kw: saved.setdefault(kw["format"], kw["metadata"]))
    for fmt in ("svg", "png", "pdf"):
        render._save(Figure(), fmt, {"Title": "A\x01B", "Description": "D\ufffe", "Date": None})
    assert saved == {fmt: {"Title": "AB", "Description": "D", "Date": None} for fmt in ("svg", "png", "pdf")}


# -- 3. locate with a directory or a FIFO -------------------------------------------------------------------------


def test_locate_in_a_directory_is_one_line(tmp_path, capsys):
    assert main(["locate", "x", "--source", str(tmp_path)]) == 1
    assert _err_line(capsys) == f"error: {tmp_path}: is a directory, not an article file"


def test_locate_in_a_fifo_does_not_block(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert _main_within(["locate", "x", "--source", str(fifo)]) == 1
    assert "is a FIFO (named pipe), not an article file" in _err_line(capsys)


def test_locate_a_missing_file_and_a_missing_quote(tmp_path, capsys):
    assert main(["locate", "x", "--source", str(tmp_path / "nope.txt")]) == 1
    assert _err_line(capsys).endswith("nope.txt: source file not found")
    source = _article(tmp_path)
    assert main(["locate", "Odesa", "--source", str(source)]) == 1
    assert _err_line(capsys).endswith("text 'Odesa' not found")


# -- 4. --out onto a special file ---------------------------------------------------------------------------------


def test_write_atomically_never_replaces_a_fifo_or_a_directory(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="FIFO"):
        cli.write_atomically(fifo, b"data")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):
        cli.write_atomically(folder, b"data")
    assert folder.is_dir() and not any(folder.iterdir())
    _no_leftovers(tmp_path, ["pipe", "folder"])


def test_write_atomically_writes_a_new_path_and_replaces_a_regular_file(tmp_path):
    new, old = tmp_path / "new.csv", tmp_path / "old.csv"
    old.write_bytes(b"before")
    cli.write_atomically(new, b"one")
    cli.write_atomically(old, b"two")
    assert (new.read_bytes(), old.read_bytes()) == (b"one", b"two")
    _no_leftovers(tmp_path, ["new.csv", "old.csv"])


def test_a_fifo_made_while_writing_is_not_replaced(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    real = tempfile.mkstemp

    def then_a_fifo(*args, **kwargs):
        made = real(*args, **kwargs)
        os.mkfifo(target)  # appears between the first check and the rename
        return made

    monkeypatch.setattr(tempfile, "mkstemp", then_a_fifo)
    with pytest.raises(OSError, match="not a regular file"):
        cli.write_atomically(target, b"data")
    assert stat.S_ISFIFO(os.stat(target).st_mode)
    _no_leftovers(tmp_path, ["out.csv"])


def test_export_onto_a_fifo_is_one_line(tmp_path, capsys):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert main(["export", "--format", "csv", "--out", str(fifo)]) == 1
    line = _err_line(capsys)
    assert line.startswith(f"error: cannot write '{fifo}': it is a FIFO (named pipe), not a regular file")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    _no_leftovers(tmp_path, ["pipe.csv"])


# -- 5. --source is checked before it is read ---------------------------------------------------------------------


def test_a_fifo_source_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result: list = []
    worker = threading.Thread(target=lambda: result.append(_refusal(fifo)), daemon=True)
    worker.start()
    worker.join(10)
    assert result == [f"{fifo}: is a FIFO (named pipe), not an article file: give a regular file"]


def _refusal(path) -> str:
    try:
        decoding.read_source_bytes(path)
    except DataError as exc:
        return str(exc)
    return "read"


def test_a_device_source_is_refused():
    # Only read, never written; /dev/null (empty) rather than /dev/zero, which a regression would read forever.
    assert _refusal("/dev/null") == "/dev/null: is a character device, not an article file: give a regular file"


def test_a_huge_source_is_refused_without_reading_it(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(10**10)  # sparse: 10 GB that read_bytes() would have tried to hold
    assert _refusal(big).startswith(f"{big}: is 10000.0 MB (10,000,000,000 bytes), over the 2 MB")
    big.unlink()
    # A file larger than os.stat said (it grew, or /proc): never more than limit + 1 bytes are read.
    grown = tmp_path / "grown.txt"
    grown.write_bytes(b"a" * 1000)
    real_stat = os.stat

    def small_stat(path, *args, **kwargs):
        r = real_stat(path, *args, **kwargs)
        fields = (r.st_mode, r.st_ino, r.st_dev, r.st_nlink, r.st_uid, r.st_gid, 1, 0, 0, 0)
        return os.stat_result(fields)

    reads = []
    real_open = open

    def spy_open(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        return _SpyReads(handle, reads)

    with monkeypatch.context() as patch:
        patch.setattr(decoding.os, "stat", small_stat)
        patch.setattr(decoding, "open", spy_open, raising=False)
        with pytest.raises(DataError, match=r"grown.txt: is over the 5 bytes limit"):
            decoding.read_source_bytes(grown, limit=5)
        assert decoding.read_source_bytes(grown, limit=2000) == b"a" * 1000
    assert reads == [6, 2001]


class _SpyReads:
    def __init__(self, handle, reads):
        self.handle, self.reads = handle, reads

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()

    def read(self, n=-1):
        self.reads.append(n)
        return self.handle.read(n)


def test_export_of_a_fifo_source_is_one_line(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    out = tmp_path / "out.csv"
    assert _main_within(["export", "--format", "csv", "--out", str(out), "--source", str(fifo)]) == 1
    assert "is a FIFO (named pipe), not an article file" in _err_line(capsys)
    assert not out.exists()


# -- 6. undecodable bytes in arguments ----------------------------------------------------------------------------


def _run(*args: bytes | str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], cwd=paths.ROOT, capture_output=True, check=False, timeout=120
    )


def test_shown_path_writes_undecodable_bytes_as_escapes():
    assert shown_path(os.fsdecode(b"/tmp/b\xff.txt")) == "/tmp/b\\xff.txt"
    assert shown_path(b"b\xff.txt") == "b\\xff.txt"
    assert shown_path("Київ.txt") == "Київ.txt"


def test_a_source_name_with_an_undecodable_byte(tmp_path):
    folder = os.fsencode(tmp_path)
    name = folder + b"/b\xff.txt"
    with open(name, "wb") as handle:
        handle.write(ARTICLE.encode())
    out = folder + b"/out\xff.geojson"
    done = _run("export", "--format", "geojson", "--out", out, "--source", name)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, err
    assert "Traceback" not in err and "out\\xff.geojson" in err
    with open(out, "rb") as handle:
        text = handle.read().decode("utf-8")  # the citation is valid UTF-8 text
    assert "b\\\\xff.txt" in text  # JSON of the path as shown: b\xff.txt
    missing = folder + b"/gone\xff.txt"
    done = _run("export", "--format", "csv", "--out", folder + b"/x.csv", "--source", missing)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1 and "Traceback" not in err
    assert err.strip().endswith("gone\\xff.txt: source file not found")


def test_a_title_with_an_undecodable_byte_is_refused(tmp_path):
    out = os.fsencode(tmp_path / "map.png")
    done = _run("export", "--format", "png", "--out", out, b"--title", b"T\xff")
    err = done.stderr.decode("utf-8", "replace").strip()
    assert done.returncode == 1
    assert err == "error: --title: the title has bytes that are not UTF-8 text ('T\\xff'): give it in UTF-8"
    assert not os.path.exists(out)


# -- 7. smaller ones ----------------------------------------------------------------------------------------------

UK = "Російські війська контролюють більшу частину Донецької області, а Київ каже: «Ні»."


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [UK, "Kherson and Donetsk, said Kyiv.\n" * 3])
def test_utf16_without_a_bom_is_read(codec, text):
    for exact in (False, True):
        got = ingest.ingest_bytes("wide.txt", text.encode(codec), exact=exact)
        assert got.text == text and got.encoding == codec
        assert any("without a byte-order mark" in n for n in got.notes)


def test_binary_with_nul_bytes_is_still_binary():
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(DataError, match="binary"):
        ingest.ingest_bytes("x.txt", data.replace(b"\x00", b"") + b"\x00\x00" * 3)
    with pytest.raises(DataError, match="NUL bytes"):
        ingest.ingest_bytes("x.txt", b"Kyiv\x00\x00\x00\x00said" * 10)


def test_an_unclosed_ring_is_refused_naming_the_unit(tmp_path):
    import json

    path = boundaries._DEFAULT_PATHS["simplified"]
    collection = json.loads(path.read_text(encoding="utf-8"))
    feature = collection["features"][3]
    iso = feature["properties"]["iso_3166_2"]
    geometry = feature["geometry"]
    ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
    ring.pop()
    bad = tmp_path / "units.geojson"
    bad.write_text(json.dumps(collection), encoding="utf-8")
    with pytest.raises(DataError, match=rf"features\[3\] \({iso}\): .*ring 0 is not closed: it starts at") as info:
        boundaries.load_units(path=bad)
    assert "\n" not in str(info.value)


def test_a_long_title_is_refused_before_anything_is_drawn(tmp_path, capsys):
    out = tmp_path / "map.png"
    with mock.patch("dashboard.export.render.render_image", side_effect=AssertionError("drawn")) as drawn:
        assert main(["export", "--format", "png", "--out", str(out), "--title", "x" * 100_000]) == 1
    assert _err_line(capsys) == "error: --title: the title is 100,000 characters long (at most 200)"
    assert not drawn.called
    assert not out.exists()


def test_a_title_of_the_page_limit_is_fine():
    from dashboard.export import render

    assert render.check_title("x" * render.MAX_TITLE_CHARS) == "x" * 200
    assert render.check_title("A\x01B") == "AB"
    with pytest.raises(DataError, match=r"not UTF-8 text \('\\ud800x'\)"):
        render.check_title("\ud800x")  # a lone surrogate not from an undecodable byte


def test_start_after_end_says_so(tmp_path):
    from dashboard.claims.curated_claims import load_claims

    path = claims_variant(tmp_path, {"end = 181": "end = 50"})
    with pytest.raises(DataError, match=r"excerpt 'caption-donetsk': start 104 is after end 50$"):
        load_claims(path)
