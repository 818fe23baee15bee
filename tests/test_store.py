"""The local store: persistence across restarts, concurrent writers, delete, and the built-in seed."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import re
import sqlite3
import threading

import pytest

from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.core.text import slugify
from dashboard.sources.decoding import MAX_BYTES
from dashboard.sources.ingest import ingest_bytes, ingest_paste
from dashboard.sources.store import DB_NAME, ENV_DATA_DIR, Store, data_dir
from dashboard.sources.stored import SEED_ID

ARTICLE = (
    "Kremlin Rules Out Returning Annexed Regions\n\n"
    "Russian forces control most of the Donetsk and Luhansk regions but only parts of Zaporizhzhia and Kherson.\n"
)
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-[0-9a-f]{12}$")


def snapshot(store: Store) -> list[tuple]:
    """Everything stored, row by row (the seed is not in SQLite)."""
    with sqlite3.connect(store.db_path) as conn:
        return conn.execute("SELECT * FROM sources ORDER BY id").fetchall()


def test_add_get_list(tmp_path):
    store = Store(tmp_path)
    first = store.add(ARTICLE, title="Kremlin Rules Out Returning Annexed Regions", publisher="Example")
    second = store.add(
        "Odesa and Mykolaiv.\n\nMore text.", title="Ports", published="2025-03-01", url="https://example.org/p"
    )
    assert ID_RE.match(first.id) and first.id.startswith("kremlin-rules-out-returning-annexed-regions-")
    assert first.id.endswith(first.sha256[:12])
    assert store.get(first.id) == first
    assert second.published == dt.date(2025, 3, 1) and second.url == "https://example.org/p"
    listed = store.list()
    assert [s.id for s in listed] == [SEED_ID, second.id, first.id]  # seed first, then newest first
    assert store.ids() == [SEED_ID, second.id, first.id] and len(store) == 3
    assert store.get("no-such-id") is None
    assert store.db_path == tmp_path / DB_NAME


def test_same_text_twice_is_one_source(tmp_path):
    store = Store(tmp_path)
    a = store.add(ARTICLE, title="First title")
    b = store.add(ARTICLE, title="Another title", publisher="Someone else")
    assert a == b and len(snapshot(store)) == 1
    assert store.find_text(ARTICLE) == a
    c = store.add(ARTICLE + " ", title="First title")  # any change to the text is another source
    assert c.id != a.id and len(snapshot(store)) == 2


def test_store_survives_a_restart(tmp_path):
    store = Store(tmp_path)
    added = store.add(ARTICLE, title="Kept", publisher="P", published=dt.date(2025, 2, 27))
    del store
    again = Store(tmp_path)  # a new process would do exactly this
    assert again.get(added.id) == added
    assert [s.id for s in again.list()] == [SEED_ID, added.id]
    assert again.get(added.id).text == ARTICLE


def test_data_directory_from_the_environment(tmp_path, monkeypatch):
    target = tmp_path / "deep" / "data"
    monkeypatch.setenv(ENV_DATA_DIR, str(target))
    assert data_dir() == target
    store = Store()
    assert store.db_path == target / DB_NAME and store.db_path.exists()
    monkeypatch.delenv(ENV_DATA_DIR)
    assert data_dir() == paths.ROOT / "var"


def test_wal_mode_and_integrity(tmp_path):
    store = Store(tmp_path)
    with sqlite3.connect(store.db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.integrity_check() == "ok"


def test_delete(tmp_path):
    store = Store(tmp_path)
    keep = store.add(ARTICLE, title="Keep")
    gone = store.add("Kharkiv region.", title="Gone")
    assert store.delete(gone.id) is True
    assert store.get(gone.id) is None
    assert store.delete(gone.id) is False  # already deleted (by another session, say)
    assert [s.id for s in store.list()] == [SEED_ID, keep.id]
    assert [s.id for s in Store(tmp_path).list()] == [SEED_ID, keep.id]


def test_seed_is_always_listed_first_and_cannot_be_deleted_or_edited(tmp_path):
    store = Store(tmp_path)
    seed = store.list()[0]
    assert seed.id == SEED_ID and seed.read_only
    assert seed.path == f"seeds/{paths.SEED_SLUG}.txt"
    assert seed.text == paths.SEED_TEXT.read_bytes().decode("utf-8")
    assert seed.publisher == "The Moscow Times" and seed.published == dt.date(2025, 2, 27)
    with pytest.raises(DataError, match="the seed article is built in and cannot be deleted"):
        store.delete(SEED_ID)
    with pytest.raises(DataError, match="its metadata cannot be edited"):
        store.update_meta(SEED_ID, title="Mine now")
    assert store.get(SEED_ID) == seed
    assert seed.article().path == seed.path and seed.article().meta.profile == "moscow-times"
    assert [s.id for s in Store(tmp_path / "empty").list()] == [SEED_ID]


def test_update_meta(tmp_path):
    store = Store(tmp_path)
    s = store.add(ARTICLE, title="Draft", published="2025-01-01", url="https://a.example/x")
    t = store.update_meta(s.id, title="  Final\ttitle ", publisher="The Daily", url="http://b.example/y")
    assert (t.id, t.title, t.publisher, t.published, t.url) == (
        s.id,
        "Final title",
        "The Daily",
        dt.date(2025, 1, 1),
        "http://b.example/y",
    )
    t = store.update_meta(s.id, published=None, url=None)
    assert t.published is None and t.url is None and t.title == "Final title"
    assert Store(tmp_path).get(s.id) == t


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "title must not be empty"),
        ({"published": "27/02/2025"}, "published must be a date like 2025-02-27"),
        ({"url": "javascript:alert(1)"}, "url must be an http:// or https:// address"),
        ({"url": "data:text/html,<script>alert(1)</script>"}, "url must be an http:// or https:// address"),
        ({"title": "x" * 301}, "title is 301 characters long"),
    ],
)
def test_invalid_metadata_is_refused_and_changes_nothing(tmp_path, changes, message):
    store = Store(tmp_path)
    s = store.add(ARTICLE, title="Draft")
    before = snapshot(store)
    with pytest.raises(DataError, match=message):
        store.update_meta(s.id, **changes)
    with pytest.raises(DataError, match=message):
        store.add("Other text about Odesa.", **{"title": "T", **changes})
    assert snapshot(store) == before


def test_update_of_a_deleted_source_says_so(tmp_path):
    store = Store(tmp_path)
    s = store.add(ARTICLE, title="Draft")
    store.delete(s.id)
    with pytest.raises(DataError, match=r"no such source in the store"):
        store.update_meta(s.id, title="New")


def test_ids_are_safe_slugs(tmp_path):
    store = Store(tmp_path)
    s = store.add("Херсон і Харків.", title="Російські війська: «Херсон»")
    assert ID_RE.match(s.id) and s.id.startswith("rosiyski-viyska-kherson-")
    evil = store.add("<script>alert(1)</script> Donetsk", title="<img src=x onerror=alert(1)>/../../etc")
    assert ID_RE.match(evil.id)
    assert slugify("") == "source" and slugify("!!!") == "source"


BAD_UPLOADS = [
    ("empty.txt", b""),
    ("blank.txt", b"  \n \r\n"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ("paper.pdf", b"%PDF-1.7\n"),
    ("doc.txt", b"%PDF-1.7\n%\xe2\xe3"),
    ("noise.txt", bytes(range(256)) * 4),
    ("big.txt", (b"word " * 19 + b"word\n") * (MAX_BYTES // 100) + b"!"),
    ("mixed.txt", b"Donetsk " + "Донецьк".encode("cp1251") + " Херсон".encode("koi8_u")),
    ("slides.pptx", b"PK\x03\x04"),
    ("page.html", b"<html><body><nav>Home</nav><script>alert(1)</script></body></html>"),
]


def upload(store: Store, name: str, data: bytes):
    """What the dashboard does with an upload: ingest, then store."""
    return store.add_ingested(ingest_bytes(name, data))


@pytest.mark.parametrize(("name", "data"), BAD_UPLOADS, ids=[n for n, _ in BAD_UPLOADS])
def test_a_refused_upload_leaves_the_store_unchanged(tmp_path, name, data):
    store = Store(tmp_path)
    upload(store, "good.txt", ARTICLE.encode())
    before = snapshot(store)
    with pytest.raises(DataError) as info:
        upload(store, name, data)
    assert str(info.value).startswith(f"{name}: ")
    assert snapshot(store) == before and store.integrity_check() == "ok"


def test_refused_paste_or_text_leaves_the_store_unchanged(tmp_path):
    store = Store(tmp_path)
    before = snapshot(store)
    for text in ("", "   \n", "bin\x00ary"):
        with pytest.raises(DataError):
            store.add_ingested(ingest_paste(text))
    for text in ("", " \n\t"):
        with pytest.raises(DataError, match="the text is empty"):
            store.add(text, title="T")
    with pytest.raises(DataError, match="over the 2 MB"):
        store.add("ж" * (MAX_BYTES // 2 + 1), title="T")
    assert snapshot(store) == before == []


def test_add_ingested_uses_suggestions_unless_overridden(tmp_path):
    store = Store(tmp_path)
    html = (
        b"<html><head><title>Ports Under Fire</title><meta property='og:site_name' content='Example News'>"
        b"<meta property='og:url' content='https://example.com/ports'></head><body><article>"
        b"<p>Russian drones struck Odesa and Mykolaiv overnight, officials said on Friday.</p>"
        b"</article></body></html>"
    )
    ingested = ingest_bytes("ports.html", html)
    s = store.add_ingested(ingested)
    assert (s.title, s.publisher, s.url, s.kind) == (
        "Ports Under Fire",
        "Example News",
        "https://example.com/ports",
        "html",
    )
    assert any("trafilatura" in n for n in s.notes)
    other = store.add_ingested(
        ingest_paste("Kherson.\n\nKherson again."), title="Mine", publisher="Me", published="2025-05-05"
    )
    assert (other.title, other.publisher, other.published) == ("Mine", "Me", dt.date(2025, 5, 5))


def test_stored_article_cites_the_store(tmp_path):
    store = Store(tmp_path)
    s = store.add(ARTICLE, title="Kremlin Rules Out Returning Annexed Regions")
    article = s.article()
    assert s.path == f"store:{s.id}" and article.path == s.path and article.text == ARTICLE
    assert [b.kind for b in article.blocks] == ["headline", "body"]
    for block in article.blocks:
        assert ARTICLE[block.start : block.end] == block.text
    assert s.article("tmp/file.txt").path == "tmp/file.txt"


# -- concurrency -------------------------------------------------------------------------------------------------

PER_WRITER = 50


def _writer(folder: str, who: str, barrier=None) -> list[str]:
    store = Store(folder)
    if barrier is not None:
        barrier.wait()
    ids = []
    for i in range(PER_WRITER):
        text = f"Source {i} from {who}: Russian forces shelled Kharkiv region and Zaporizhzhia.\n"
        ids.append(store.add(text, title=f"{who} {i}", publisher=who).id)
        if i % 10 == 0:
            store.list()  # readers interleave with the writers
    return ids


def _process_writer(folder: str, who: str, barrier) -> None:
    _writer(folder, who, barrier)


def check_all_present(folder, expected_per_writer: dict[str, int]) -> None:
    store = Store(folder)
    listed = store.list()[1:]
    assert len(listed) == sum(expected_per_writer.values())
    for who, n in expected_per_writer.items():
        assert sum(1 for s in listed if s.publisher == who) == n
    assert len({s.id for s in listed}) == len(listed)
    assert store.integrity_check() == "ok"
    with sqlite3.connect(store.db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_threads_writing_at_once(tmp_path):
    barrier = threading.Barrier(2)
    results: dict[str, list[str]] = {}
    errors: list[BaseException] = []
    shared = Store(tmp_path)  # one Store object shared by both threads, as Streamlit sessions would

    def run(who):
        try:
            barrier.wait()
            ids = []
            for i in range(PER_WRITER):
                text = f"Source {i} from {who}: Donetsk and Luhansk.\n"
                ids.append(shared.add(text, title=f"{who} {i}", publisher=who).id)
            results[who] = ids
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(who,)) for who in ("alpha", "beta")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results["alpha"]) == len(results["beta"]) == PER_WRITER
    check_all_present(tmp_path, {"alpha": PER_WRITER, "beta": PER_WRITER})


def test_two_processes_writing_at_once(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_process_writer, args=(str(tmp_path), who, barrier)) for who in ("one", "two")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
    assert [p.exitcode for p in procs] == [0, 0]
    check_all_present(tmp_path, {"one": PER_WRITER, "two": PER_WRITER})


def test_threads_adding_the_same_text_make_one_source(tmp_path):
    store = Store(tmp_path)
    barrier = threading.Barrier(4)
    got: list[str] = []

    def run():
        barrier.wait()
        got.append(store.add(ARTICLE, title="Same").id)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(got)) == 1 and len(got) == 4 and len(snapshot(store)) == 1


def test_summaries_list_metadata_without_text(tmp_path):
    store = Store(tmp_path)
    a = store.add("Kharkiv text one.", title="One", publisher="P", published="2025-03-01", url="https://example.org/1")
    b = store.add("Kherson text two.", title="Two")
    summaries = store.summaries()
    assert [s.id for s in summaries] == [s.id for s in store.list()] == ["seed", b.id, a.id]
    assert summaries[0].read_only and summaries[0].publisher == "The Moscow Times"
    one = summaries[2]
    assert (one.title, one.publisher, one.published.isoformat(), one.url) == (
        "One",
        "P",
        "2025-03-01",
        "https://example.org/1",
    )
    assert not hasattr(one, "text")
