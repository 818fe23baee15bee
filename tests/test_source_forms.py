"""The sidebar's add/delete forms: a source is stored only when every check passes, and the message says what."""

from __future__ import annotations

import io

import pytest

from dashboard.sources import decoding
from dashboard.sources.store import Store
from dashboard.sources.stored import SEED_ID
from dashboard.web import source_forms

ARTICLE = (
    "Drones Strike Odesa Overnight\n"
    "\n"
    "Russian drones struck Odesa and the city of Kherson overnight, officials said. "
    "Shelling continued in the Donetsk region.\n"
)

RUSSIAN = (
    "Новости дня: обстрелы на востоке\n"
    "\n"
    "Ночью войска обстреляли Донецк и Луганск, сообщили местные власти. "
    "Жители города рассказали о взрывах и пожарах. Ситуация остается напряженной.\n"
)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path)


def stored_ids(store: Store) -> list[str]:
    return store.ids()


def test_add_from_paste(store):
    outcome = source_forms.add_source(store, pasted=ARTICLE)
    assert outcome.ok
    assert outcome.source is not None
    assert outcome.source.title == "Drones Strike Odesa Overnight"
    assert "Drones Strike Odesa Overnight" in outcome.message
    assert outcome.message.startswith("Added")
    assert len(store) == 2
    got = store.get(outcome.source.id)
    assert got is not None and got.text == ARTICLE
    assert got.path == f"store:{outcome.source.id}"


def test_add_with_metadata(store):
    outcome = source_forms.add_source(
        store,
        pasted=ARTICLE,
        title="  My title  ",
        publisher=" Kyiv Independent ",
        published="2025-03-01",
        url="https://example.org/a",
    )
    assert outcome.ok, outcome.message
    source = store.get(outcome.source.id)
    assert source.title == "My title"
    assert source.publisher == "Kyiv Independent"
    assert source.published.isoformat() == "2025-03-01"
    assert source.url == "https://example.org/a"
    assert "My title" in outcome.message


def test_the_same_text_again_is_already_stored(store):
    first = source_forms.add_source(store, pasted=ARTICLE)
    again = source_forms.add_source(store, pasted=ARTICLE, title="Another title")
    assert again.ok
    assert again.message.startswith("Already stored")
    assert first.source.title in again.message
    assert again.source.id == first.source.id
    assert len(store) == 2


def test_the_same_text_uploaded_is_already_stored(store):
    first = source_forms.add_source(store, pasted=ARTICLE)
    again = source_forms.add_source(store, upload_name="article.txt", upload_bytes=ARTICLE.encode("utf-8"))
    assert again.ok and again.message.startswith("Already stored")
    assert again.source.id == first.source.id
    assert len(store) == 2


@pytest.mark.parametrize("pasted", ["", "   ", "\n\n\t "])
def test_nothing_to_add(store, pasted):
    outcome = source_forms.add_source(store, pasted=pasted)
    assert not outcome.ok
    assert outcome.source is None
    assert "Nothing to add" in outcome.message
    assert len(store) == 1


@pytest.mark.parametrize("upload", [b"Uploaded title\n\nThe Lviv region was quiet.\n", b"\x00\x01binary"])
def test_a_file_and_a_paste_together_store_nothing_and_say_so(store, upload):
    outcome = source_forms.add_source(store, upload_name="up.txt", upload_bytes=upload, pasted=ARTICLE)
    assert not outcome.ok
    assert "both a file (up.txt) and pasted text" in outcome.message
    assert "Remove the file or clear the pasted text" in outcome.message
    assert len(store) == 1


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "looks like a PNG image, not text"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "unsupported file type '.png'"),
        ("doc.txt", b"%PDF-1.7\n" + b"\x00" * 200, "looks like a PDF"),
        ("blob.txt", b"text" + b"\x00" * 200, "NUL"),
        ("ctrl.txt", bytes(range(1, 9)) * 50, "control"),
    ],
)
def test_a_binary_upload_is_refused_and_nothing_stored(store, name, data, words):
    before = len(store)
    outcome = source_forms.add_source(store, upload_name=name, upload_bytes=data)
    assert not outcome.ok
    assert outcome.source is None
    assert outcome.message.startswith("Not added, nothing was stored.")
    assert words in outcome.message
    assert name in outcome.message
    assert len(store) == before


def test_an_empty_upload_is_refused(store):
    outcome = source_forms.add_source(store, upload_name="empty.txt", upload_bytes=b"")
    assert not outcome.ok and "empty" in outcome.message
    assert len(store) == 1


def test_a_windows_1251_upload_is_decoded(store):
    data = RUSSIAN.encode("cp1251")
    assert "Донецк и Луганск".encode("cp1251") in data
    outcome = source_forms.add_source(store, upload_name="novosti.txt", upload_bytes=data)
    assert outcome.ok, outcome.message
    source = store.get(outcome.source.id)
    assert source.text == RUSSIAN
    assert "Донецк и Луганск" in source.text
    assert source.encoding == "windows-1251"
    assert any("windows-1251" in note for note in outcome.notes)
    assert outcome.source.title == "Новости дня: обстрелы на востоке"


def test_an_oversized_upload_is_refused(store):
    outcome = source_forms.add_source(store, upload_name="big.txt", upload_bytes=b"a" * (decoding.MAX_BYTES + 1))
    assert not outcome.ok
    assert decoding.limit_text() in outcome.message
    assert "2,000,001 bytes" in outcome.message
    assert len(store) == 1


def test_an_oversized_paste_is_refused(store):
    text = ("word " * 19 + "word\n") * (decoding.MAX_BYTES // 100) + "a"
    assert len(text.encode("utf-8")) == decoding.MAX_BYTES + 1
    outcome = source_forms.add_source(store, pasted=text)
    assert not outcome.ok
    assert decoding.limit_text() in outcome.message
    assert len(store) == 1


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("published", "2025-13-45", "'2025-13-45'"),
        ("published", "yesterday", "'yesterday'"),
        ("url", "javascript:alert(1)", "http:// or https://"),
        ("url", "ftp://example.org/a", "http:// or https://"),
        ("title", "x" * 301, "at most 300"),
    ],
)
def test_bad_metadata_is_refused_and_nothing_stored(store, field, value, words):
    outcome = source_forms.add_source(store, pasted=ARTICLE, **{field: value})
    assert not outcome.ok
    assert outcome.source is None
    assert outcome.message.startswith("Not added, nothing was stored.")
    assert words in outcome.message
    assert len(store) == 1
    assert store.find_text(ARTICLE) is None


def test_delete_a_stored_source(store):
    added = source_forms.add_source(store, pasted=ARTICLE)
    outcome = source_forms.delete_source(store, added.source.id)
    assert outcome.ok
    assert added.source.title in outcome.message
    assert outcome.message.startswith("Deleted")
    assert store.get(added.source.id) is None
    assert added.source.id not in store.ids()
    assert len(store) == 1


def test_deleting_again_says_already_deleted(store):
    added = source_forms.add_source(store, pasted=ARTICLE)
    source_forms.delete_source(store, added.source.id)
    again = source_forms.delete_source(store, added.source.id)
    assert again.ok
    assert "already deleted" in again.message
    unknown = source_forms.delete_source(store, "never-stored-000000000000")
    assert unknown.ok and "already deleted" in unknown.message


def test_the_seed_cannot_be_deleted(store):
    outcome = source_forms.delete_source(store, SEED_ID)
    assert not outcome.ok
    assert "cannot be deleted" in outcome.message
    assert store.get(SEED_ID) is not None
    assert store.ids()[0] == SEED_ID


def test_deleting_one_source_keeps_the_others(store):
    a = source_forms.add_source(store, pasted=ARTICLE)
    b = source_forms.add_source(store, pasted=RUSSIAN)
    assert len(store) == 3
    assert source_forms.delete_source(store, a.source.id).ok
    assert store.ids() == [SEED_ID, b.source.id]


def test_update_source(store):
    added = source_forms.add_source(store, pasted=ARTICLE)
    outcome = source_forms.update_source(store, added.source.id, title="Corrected", published="2025-02-28")
    assert outcome.ok and "Corrected" in outcome.message
    assert store.get(added.source.id).title == "Corrected"
    bad = source_forms.update_source(store, added.source.id, title="X", published="2025-13-45")
    assert not bad.ok and bad.message.startswith("Not changed.")
    assert store.get(added.source.id).title == "Corrected"
    seed = source_forms.update_source(store, SEED_ID, title="X")
    assert not seed.ok


def test_an_upload_removed_before_it_was_added_is_a_message_and_nothing_is_stored(store):
    """Streamlit hands the handler a ``DeletedFile`` (an id, no name or bytes) for a file removed meanwhile."""
    from streamlit.runtime.uploaded_file_manager import DeletedFile

    closed = io.BytesIO(ARTICLE.encode())
    closed.name = "closed.txt"
    closed.close()
    for gone in (DeletedFile("file-id-1"), closed):
        outcome = source_forms.add_from_form(store, gone, pasted="", title="A title")
        assert not outcome.ok and outcome.source is None
        assert outcome.message == source_forms.UPLOAD_VANISHED
        assert outcome.message == "The file was removed before it was added; nothing was stored."
        assert len(store) == 1


def test_the_form_adds_an_upload_or_a_paste_as_add_source_does(store):
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    upload = UploadedFile(UploadedFileRec("id-2", "odesa.txt", "text/plain", ARTICLE.encode()), None)
    added = source_forms.add_from_form(store, upload, pasted="")
    assert added.ok and added.source is not None and "Drones Strike Odesa" in added.message
    assert source_forms.add_from_form(store, None, pasted="").message.startswith("Nothing to add")
    assert len(store) == 2
