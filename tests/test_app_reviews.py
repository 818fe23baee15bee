"""The review form in the app (AppTest): an editor accepts or changes a suggestion, and the page shows it as
reviewed, with the history kept; the seed's curated statuses take no review."""

from __future__ import annotations

import uuid

from apptest import html_of, plain, run, text_of

from dashboard.claims import reviews
from dashboard.sources import store, stored


def _add(text: str, title: str) -> stored.StoredSource:
    return store.Store().add(text, title=title, publisher="Example Wire", published="2022-11-11")


def test_an_editor_reviews_a_suggestion_and_the_page_shows_it_reviewed():
    marker = uuid.uuid4().hex[:8]
    text = (
        f"Kherson report {marker}\n\n"
        "Russian troops are holding roughly a third of the Kherson region, officials said. "
        "Shelling continued overnight.\n"
    )
    added = _add(text, f"Kherson report {marker}")
    at = run({"sources": added.id, "region": "UA-65"})
    key = f"{added.id}_UA-65"
    assert at.selectbox(key=f"rv_control_{key}").value in ("part", "not-stated")
    sentence = "Russian troops are holding roughly a third of the Kherson region, officials said."
    start = added.text.index(sentence)
    at.selectbox(key=f"rv_control_{key}").set_value("part")
    at.multiselect(key=f"rv_control_spans_{key}").set_value([f"{start}:{start + len(sentence)}"])
    at.text_input(key=f"rv_note_{key}").input("A third: part.")
    at.text_input(key=f"rv_reviewer_{key}").input("Desk editor")
    next(b for b in at.button if b.proto.label == "Save review").click()
    at.run()
    assert not at.exception, at.exception
    assert any("Review saved" in plain(s.value) for s in at.success), [s.value for s in at.success]
    shown = text_of(at)
    assert "Control: Russia occupies part of it" in shown and "Reviewed by an editor" in shown
    assert "Reviewed by Desk editor" in shown and "A third: part." in shown
    kept = reviews.ReviewStore(store.Store()).reviews(added.id)
    assert [(r.unit, r.field, r.value, r.reviewer) for r in kept if r.field == "control"] == [
        ("UA-65", "control", "part", "Desk editor")
    ]
    # a new session (another reader, or a reload) sees the reviewed status too
    again = run({"sources": added.id, "region": "UA-65"})
    assert "Reviewed by Desk editor" in text_of(again)


def test_a_review_without_a_sentence_is_refused_and_nothing_is_stored():
    marker = uuid.uuid4().hex[:8]
    added = _add(f"Quiet day {marker}\n\nShelling hit the Donetsk region again today.\n", f"Quiet day {marker}")
    at = run({"sources": added.id, "region": "UA-14"})
    key = f"{added.id}_UA-14"
    at.selectbox(key=f"rv_control_{key}").set_value("most")
    next(b for b in at.button if b.proto.label == "Save review").click()
    at.run()
    assert not at.exception, at.exception
    assert any("needs a supporting sentence" in plain(e.value) for e in at.error)
    assert reviews.ReviewStore(store.Store()).reviews(added.id) == []
    assert at.selectbox(key=f"rv_control_{key}").value == "most"  # what the editor chose stays in the form


def test_the_seed_offers_no_review_form():
    at = run({"region": "UA-14"})
    assert not [b for b in at.button if b.proto.label == "Save review"]
    assert "Curated claims data" in html_of(at)


def test_with_several_sources_one_review_form_is_drawn_and_a_list_chooses_its_source():
    marker = uuid.uuid4().hex[:8]
    added = [
        store.Store().add(
            f"Kherson report {n} {marker}\n\nRussian troops hold part of the Kherson region, officials said.\n",
            title=f"Kherson report {n} {marker}",
            publisher="Example Wire",
            published=f"2022-11-{10 + n}",
        )
        for n in range(4)
    ]
    at = run({"sources": [a.id for a in added], "region": "UA-65"})
    saves = [b for b in at.button if b.proto.label == "Save review"]
    assert len(saves) == 1 and len(at.expander) == 1  # one form, not one per source
    chooser = at.selectbox(key="rv_source_UA-65")
    # the latest dated first (the one the map shows)
    assert [plain(o) for o in chooser.options] == [f"Kherson report {n} {marker}" for n in (3, 2, 1, 0)]
    assert f"Review Kherson in “Kherson report 3 {marker}”" in plain(at.expander[0].label)
    chooser.set_value(added[1].id)
    at.run()
    assert f"Review Kherson in “Kherson report 1 {marker}”" in plain(at.expander[0].label)
    assert at.selectbox(key=f"rv_control_{added[1].id}_UA-65").value in ("part", "not-stated")


def test_switching_the_source_to_review_and_back_loses_nothing_typed():
    marker = uuid.uuid4().hex[:8]
    added = [
        store.Store().add(
            f"Kherson note {n} {marker}\n\nRussian troops hold part of the Kherson region, officials said.\n",
            title=f"Kherson note {n} {marker}",
            publisher="Example Wire",
            published=f"2022-11-{10 + n}",
        )
        for n in range(2)
    ]
    at = run({"sources": [a.id for a in added], "region": "UA-65"})
    first = f"{added[1].id}_UA-65"  # the latest dated, chosen first
    at.selectbox(key=f"rv_control_{first}").set_value("most")
    at.text_input(key=f"rv_note_{first}").input("Half typed: check the map")
    at.run()
    at.selectbox(key="rv_source_UA-65").set_value(added[0].id)
    at.run()
    assert f"Kherson note 0 {marker}" in plain(at.expander[0].label)
    at.selectbox(key="rv_source_UA-65").set_value(added[1].id)
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key=f"rv_control_{first}").value == "most"
    assert at.text_input(key=f"rv_note_{first}").value == "Half typed: check the map"
    # saved, the drafts give way to the stored review
    next(b for b in at.button if b.proto.label == "Save review").click()
    at.run()
    assert any("Review saved" in plain(s.value) for s in at.success), [plain(e.value) for e in at.error]
    kept = reviews.ReviewStore(store.Store()).reviews(added[1].id)
    assert ("control", "most", "Half typed: check the map") in [(r.field, r.value, r.note) for r in kept]
    assert reviews.ReviewStore(store.Store()).reviews(added[0].id) == []  # the other source was only looked at
