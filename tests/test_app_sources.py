"""Bringing one's own article in the dashboard (AppTest): add, show with the seed, correct, delete, refuse."""

from __future__ import annotations

import uuid

from apptest import html_of, plain, run
from streamlit.testing.v1 import AppTest

from dashboard.sources import decoding
from dashboard.web import source_forms


def open_sources(at: AppTest) -> AppTest:
    """Open the "Sources" dialog, as a reader does with the sidebar's button."""
    next(b for b in at.button if b.proto.label == "Add or manage sources…").click()
    at.run()
    assert not at.exception, at.exception
    return at


def submit_paste(at: AppTest, text: str, title: str = "") -> AppTest:
    open_sources(at)
    at.text_area(key="add_text").input(text)
    at.text_input(key="add_title").input(title)
    next(b for b in at.button if b.proto.label == "Add source").click()
    at.run()
    assert not at.exception, at.exception
    return at


def test_pasted_article_is_stored_and_shown_with_its_regions():
    marker = uuid.uuid4().hex[:8]
    text = f"Report {marker}\nShelling hit the city of Kherson and villages in the Sumy region overnight.\n"
    at = submit_paste(run(), text, title=f"Night report {marker}")
    assert any("put it on the map" in plain(s.value) for s in at.success)
    chosen = at.multiselect(key="sources").value
    assert chosen[0] == "seed" and len(chosen) == 2
    page = html_of(at)
    assert "2 sources on one map" in page
    assert f"Night report {marker}" in page
    # One tab per source, labelled short enough to sit side by side: publisher and date, or the title cut.
    assert [plain(t.label) for t in at.tabs] == ["1. The Moscow Times · 27 Feb 2025", f"2. Night report {marker}"]
    # Sumy is named by the new source only, which states no status of it.
    at.selectbox(key="region").set_value("UA-59").run()
    panel = html_of(at)
    assert "<h3>Sumy" in panel and "Claim not stated in the source" in panel
    assert "Sumy region" in panel  # its sentence, verbatim
    # Kherson shows the seed's curated status, citing the seed, beside the new source's own (nothing stated).
    at.selectbox(key="region").set_value("UA-65").run()
    panel = html_of(at)
    assert "Annexation declared by Russia in 2022" in panel and "From The Moscow Times" in panel
    assert "statements, by date" in panel
    assert "Named as: the city of the same name" in panel


def test_with_every_source_removed_the_list_shows_the_seed_the_map_shows():
    at = run()
    at.multiselect(key="sources").set_value([]).run()
    assert not at.exception
    assert at.multiselect(key="sources").value == ["seed"]
    assert at.multiselect(key="sources").label.startswith("Shown on the map: 1 of ")
    assert "Kremlin Rules Out Returning Annexed Ukrainian Regions" in html_of(at)


def test_the_upload_widget_and_the_caption_state_the_limit_the_checks_apply():
    """The uploader refuses files over the limit itself (before sending them), and says the same limit."""
    at = open_sources(run())
    uploader = at.get("file_uploader")[0]
    assert uploader.proto.max_upload_size_mb == source_forms.UPLOAD_LIMIT_MB == 2
    assert source_forms.UPLOAD_LIMIT_MB * 1_000_000 >= decoding.MAX_BYTES  # never stricter than the checks
    assert any(plain(c.value) == source_forms.LIMIT_NOTE for c in at.caption)
    assert "2 MB (2,000,000 bytes)" in source_forms.LIMIT_NOTE


def test_refused_input_changes_nothing():
    at = run()
    before = list(at.multiselect(key="sources").options)
    at = submit_paste(at, "   \n  ")
    assert any("Nothing to add" in plain(e.value) for e in at.error)
    assert list(at.multiselect(key="sources").options) == before


def test_bad_metadata_is_refused_with_the_value_quoted():
    at = run()
    before = list(at.multiselect(key="sources").options)
    open_sources(at)
    at.text_area(key="add_text").input(f"Kharkiv was hit again {uuid.uuid4().hex}.")
    at.text_input(key="add_published").input("2025-13-45")
    next(b for b in at.button if b.proto.label == "Add source").click()
    at.run()
    messages = [plain(e.value) for e in at.error]
    assert any("Not added, nothing was stored" in m and "2025-13-45" in m for m in messages), messages
    assert list(at.multiselect(key="sources").options) == before


def test_correct_details_then_delete():
    marker = uuid.uuid4().hex[:8]
    at = submit_paste(run(), f"Drone attack on Odesa {marker}.", title=f"Odesa {marker}")
    new_id = at.multiselect(key="sources").value[-1]
    open_sources(at)
    at.selectbox(key="edit_choice").set_value(new_id).run()
    open_sources(at)  # AppTest reruns the whole script for a widget in a dialog, which closes it: reopen
    assert at.selectbox(key="edit_choice").value == new_id
    at.text_input(key=f"edit_publisher_{new_id}").input("Kyiv Independent")
    at.text_input(key=f"edit_published_{new_id}").input("2025-03-01")
    next(b for b in at.button if b.proto.label == "Save details").click()
    at.run()
    assert any("Saved the details" in plain(s.value) for s in at.success)
    assert "Kyiv Independent" in html_of(at) and "1 March 2025" in html_of(at)
    open_sources(at)
    at.selectbox(key="delete_choice").set_value(new_id).run()
    open_sources(at)
    delete = next(b for b in at.button if b.proto.label == "Delete it")
    assert delete.disabled  # until the reader ticks the confirmation (tests/test_browser.py deletes, in a browser)
    assert at.checkbox(key="delete_confirm").value is False


def test_images_of_several_sources_name_every_source():
    from dashboard.claims import curated_claims, selection
    from dashboard.sources import store, stored
    from dashboard.web import page_exports

    marker = uuid.uuid4().hex[:8]
    s = store.Store()
    added = s.add(f"Fighting near Kharkiv {marker}.", title=f"Front line {marker}", publisher="Example Wire")
    view = selection.page_view([stored.seed_source().article(), added.article()], curated_claims.load_claims())
    svg = page_exports.page_export("svg", view, curated_claims.load_claims(), region=None, title=None).decode("utf-8")
    assert "The Moscow Times" in svg and "Example Wire" in svg and f"Front line {marker}" in svg
    assert "regions named by 2 sources" in svg
    data = page_exports.page_export("geojson", view, curated_claims.load_claims(), region=None, title=None).decode(
        "utf-8"
    )
    assert f"store:{added.id}" in data and "seeds/mt-2025-02-27-kremlin-annexed-regions.txt" in data


def test_a_file_removed_while_add_source_waits_is_a_message_and_nothing_is_stored(monkeypatch):
    """The race: the reader removes the chosen file right after "Add source" while the server is busy, so the
    uploader's value names a file the server no longer has (Streamlit hands the handler a ``DeletedFile``)."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    marker = uuid.uuid4().hex[:8]
    at = open_sources(run())
    before = list(at.multiselect(key="sources").options)
    text = f"Shelling hit Sumy {marker}.\n".encode()
    at.file_uploader(key="add_upload").set_value(("report.txt", text, "text/plain"))
    at.text_input(key="add_title").input(f"Vanished {marker}")
    next(b for b in at.button if b.proto.label == "Add source").click()
    monkeypatch.setattr(LocalScriptRunner, "register_file", lambda self, file_rec: None)  # the file is gone
    at.run()
    assert not at.exception, at.exception  # a message, not AttributeError: 'DeletedFile' object has no attribute
    assert [plain(e.value) for e in at.error] == [source_forms.UPLOAD_VANISHED]
    assert list(at.multiselect(key="sources").options) == before  # nothing stored
    assert not any(f"Vanished {marker}" in plain(m.value) for m in at.success)
