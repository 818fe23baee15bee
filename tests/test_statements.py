"""Statements: each source's own statuses (curated, reviewed, suggested), never another source's; reviews kept
with their history and conflicts refused; the map's choice across several sources."""

from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
import sys
import threading

import pytest

from dashboard.claims import selection, source_views, statements, view_frames
from dashboard.claims.reviews import ReviewConflict, ReviewStore
from dashboard.claims.statements import Statement, UnitStatus
from dashboard.core.errors import DataError
from dashboard.export import export_data
from dashboard.sources.model import Excerpt, SourceMeta
from dashboard.sources.reader import build_article
from dashboard.sources.store import Store
from dashboard.sources.stored import SEED_ID
from dashboard.web import review_forms

KHERSON_2022 = (
    "Kherson Retaken\n"
    "\n"
    "Russian forces have withdrawn from the city of Kherson, Ukraine's military said on Friday. "
    "Russia declared the annexation of the Kherson region in September.\n"
)

CURATED_SEED = {
    "UA-14": ("annexation-declared-2022", "most"),
    "UA-09": ("annexation-declared-2022", "most"),
    "UA-23": ("annexation-declared-2022", "parts"),
    "UA-65": ("annexation-declared-2022", "parts"),
    "UA-43": ("annexed-2014", "not-stated"),
    "UA-40": ("annexed-2014", "not-stated"),
    "UA-63": ("not-stated", "part"),
}


def article(path: str, text: str, published: dt.date | None = None, title: str = "T"):
    return build_article(path, text, SourceMeta(title=title, publisher="P", published=published))


def excerpt_of(a, sentence: str) -> Excerpt:
    start = a.text.index(sentence)
    return Excerpt(a.path, start, start + len(sentence), sentence)


# -- the model ---------------------------------------------------------------------------------------------------


def test_a_statement_cites_its_own_source_only():
    other = Excerpt("seeds/x.txt", 0, 4, "Text")
    with pytest.raises(ValueError, match="cites its own source only"):
        Statement("store:a", "UA-14", "claim", "annexed-2014", (other,), origin="reviewed")


def test_a_statement_refuses_values_outside_the_vocabulary_quoting_them():
    e = Excerpt("store:a", 0, 4, "Text")
    with pytest.raises(ValueError, match="'annexed'"):
        Statement("store:a", "UA-14", "claim", "annexed", (e,))
    with pytest.raises(ValueError, match="'half'"):
        Statement("store:a", "UA-14", "control", "half", (e,))
    with pytest.raises(ValueError, match="'guessed'"):
        Statement("store:a", "UA-14", "control", "most", (e,), origin="guessed")


def test_stated_needs_an_excerpt_and_not_stated_cites_none():
    e = Excerpt("store:a", 0, 4, "Text")
    with pytest.raises(ValueError, match="cites no excerpt"):
        Statement("store:a", "UA-14", "control", "most", ())
    with pytest.raises(ValueError, match="must cite no excerpt"):
        Statement("store:a", "UA-14", "control", "not-stated", (e,))


def test_a_suggestion_is_marked_in_the_status_line_and_never_looks_reviewed():
    e = Excerpt("store:a", 0, 4, "Text")
    suggested = UnitStatus(
        Statement("store:a", "UA-14", "claim", "annexation-declared-2022", (e,), origin="suggested", cue="annexed"),
        statements.not_stated("store:a", "UA-14", "control"),
    )
    assert suggested.suggested and suggested.origin == "suggested"
    assert "suggested from the text, not reviewed" in suggested.status_line()
    reviewed = UnitStatus(
        Statement("store:a", "UA-14", "claim", "annexation-declared-2022", (e,), origin="reviewed"),
        statements.not_stated("store:a", "UA-14", "control"),
    )
    assert not reviewed.suggested and reviewed.origin == "reviewed"
    assert "suggested" not in reviewed.status_line()


# -- sources keep their own statuses -----------------------------------------------------------------------------


def test_the_seed_shows_its_curated_statements(curated, seed):
    view = source_views.source_view(seed, curated)
    assert {u.iso: (u.claim, u.control) for u in view.units} == CURATED_SEED
    for u in view.units:
        assert u.origin == "curated"
        for s in u.status.statements:
            assert all(e.source == seed.path for e in s.excerpts)


def test_a_pasted_article_never_shows_the_seeds_claims(curated):
    a = article("store:k", KHERSON_2022, dt.date(2022, 11, 11))
    view = source_views.source_view(a, curated)
    assert view.named_units
    for u in view.units:
        assert u.region is None
        assert u.origin != "curated"
        for s in u.status.statements:
            assert all(e.source == "store:k" for e in s.excerpts), s
    frame = view_frames.view_frame(view)
    data = json.loads(export_data.to_geojson(frame, a.meta, a.path))
    for feature in data["features"]:
        for e in feature["properties"]["excerpts"]:
            assert e["source"] == "store:k"
        for s in feature["properties"]["statements"]:
            assert s["source"] == "store:k"
            assert all(e["source"] == "store:k" for e in s["excerpts"])


def test_the_curated_seed_does_not_lend_its_statuses_to_another_source_on_the_same_map(curated, seed):
    a = article("store:k", "Donetsk Shelled\n\nShelling hit the Donetsk region again today.\n")
    page = selection.page_view([seed, a], curated)
    unit = page.combined.unit("UA-14")
    other = next(uv for view, uv in unit.by_source if view.path == "store:k")
    assert other.claim == "not-stated" and other.control == "not-stated"
    assert unit.status.claim.source == seed.path  # the map shows the one that states it, citing itself


# -- choosing across sources -------------------------------------------------------------------------------------


def _status(source: str, claim: str, control: str, origin: str, text: str = "Text") -> UnitStatus:
    e = Excerpt(source, 0, len(text), text)
    return UnitStatus(
        Statement(source, "UA-65", "claim", claim, () if claim == "not-stated" else (e,), origin=origin),
        Statement(source, "UA-65", "control", control, () if control == "not-stated" else (e,), origin=origin),
    )


def test_choose_prefers_reviewed_then_the_latest_date_and_marks_disagreement():
    old = _status("store:a", "annexation-declared-2022", "most", "reviewed")
    new = _status("store:b", "annexation-declared-2022", "part", "reviewed")
    newer_suggestion = _status("store:c", "not-stated", "none", "suggested")
    chosen = statements.choose(
        [(old, dt.date(2022, 10, 1)), (newer_suggestion, dt.date(2023, 1, 1)), (new, dt.date(2022, 11, 11))]
    )
    assert chosen.control.source == "store:b"  # reviewed beats a later suggestion; latest reviewed wins
    assert chosen.claim.source == "store:b"
    assert chosen.disagree == ("control",)
    assert "disagree" in chosen.status_line()


def test_choose_puts_undated_sources_last_and_takes_a_suggestion_when_nothing_is_reviewed():
    undated = _status("store:u", "annexed-2014", "all", "suggested")
    dated = _status("store:d", "annexed-2014", "most", "suggested")
    chosen = statements.choose([(undated, None), (dated, dt.date(2020, 1, 1))])
    assert chosen.control.source == "store:d" and chosen.suggested


# -- reviews -----------------------------------------------------------------------------------------------------


@pytest.fixture
def stored(tmp_path):
    s = Store(tmp_path)
    added = s.add(KHERSON_2022, title="Kherson Retaken", publisher="Wire", published="2022-11-11")
    return s, added


def test_a_review_replaces_the_suggestion_and_keeps_the_history(curated, stored):
    s, added = stored
    rs = ReviewStore(s)
    a = added.article()
    sentence = excerpt_of(
        a, "Russian forces have withdrawn from the city of Kherson, Ukraine's military said on Friday."
    )
    first = rs.add(added.id, "UA-65", "control", "parts", [(sentence.start, sentence.end)], reviewer="Ann")
    second = rs.add(added.id, "UA-65", "control", "part", [(sentence.start, sentence.end)], note="city only",
                    expected=first.id)  # fmt: skip
    view = source_views.source_view(a, curated, rs.reviews(added.id), added.id)
    control = view.unit("UA-65").status.control
    assert (control.value, control.origin, control.note, control.review_id) == (
        "part",
        "reviewed",
        "city only",
        second.id,
    )
    assert [r.value for r in control.history] == ["parts"]
    assert control.excerpts[0].text == sentence.text and control.excerpts[0].source == a.path
    # and it survives a restart: a new store object on the same file
    again = ReviewStore(Store(s.db_path))
    assert [r.id for r in again.reviews(added.id)] == [first.id, second.id]


def test_a_stale_review_is_refused_not_silently_overwritten(stored):
    s, added = stored
    a = added.article()
    e = excerpt_of(a, "Russia declared the annexation of the Kherson region in September.")
    one, two = ReviewStore(s), ReviewStore(s)  # two sessions
    mine = one.add(added.id, "UA-65", "claim", "annexation-declared-2022", [(e.start, e.end)], reviewer="Ann")
    with pytest.raises(ReviewConflict, match="reviewed by Ann"):
        two.add(added.id, "UA-65", "claim", "not-stated", [], expected=None)
    assert [r.id for r in one.reviews(added.id)] == [mine.id]


def test_concurrent_reviews_of_one_field_store_exactly_one(stored):
    s, added = stored
    a = added.article()
    e = excerpt_of(a, "Russia declared the annexation of the Kherson region in September.")
    results: list[str] = []

    def save(n: int) -> None:
        try:
            ReviewStore(s).add(added.id, "UA-65", "claim", "annexation-declared-2022", [(e.start, e.end)],
                               reviewer=f"editor {n}")  # fmt: skip
            results.append("stored")
        except ReviewConflict:
            results.append("conflict")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("stored") == 1 and results.count("conflict") == 5
    assert len(ReviewStore(s).reviews(added.id)) == 1


def test_reviews_are_refused_for_the_seed_a_deleted_source_and_bad_values(stored):
    s, added = stored
    rs = ReviewStore(s)
    with pytest.raises(DataError, match="curated"):
        rs.add(SEED_ID, "UA-14", "claim", "not-stated")
    with pytest.raises(DataError, match="'annexed'"):
        rs.add(added.id, "UA-65", "claim", "annexed", [(0, 5)])
    with pytest.raises(DataError, match="needs at least one supporting sentence"):
        rs.add(added.id, "UA-65", "control", "most", [])
    with pytest.raises(DataError, match="falls outside"):
        rs.add(added.id, "UA-65", "control", "most", [(0, 10**6)])
    s.delete(added.id)
    with pytest.raises(DataError, match="deleted"):
        rs.add(added.id, "UA-65", "claim", "not-stated")
    assert rs.reviews(added.id) == []


def test_the_review_form_accepts_a_suggestion_and_says_what_it_stored(curated, stored):
    s, added = stored
    rs = ReviewStore(s)
    a = added.article()
    view = source_views.source_view(a, curated, rs.reviews(added.id), added.id)
    unit = view.unit("UA-65")
    current = {f: unit.status.of(f) for f in ("claim", "control")}
    sentence = excerpt_of(a, "Russia declared the annexation of the Kherson region in September.")
    chosen = {
        "claim": ("annexation-declared-2022", [review_forms.span_key(sentence)]),
        "control": ("not-stated", []),
    }
    outcome = review_forms.save_review(rs, added.id, "UA-65", current, chosen, reviewer="Bo")
    assert outcome.ok, outcome.message
    assert "Review saved" in outcome.message
    view = source_views.source_view(a, curated, rs.reviews(added.id), added.id)
    status = view.unit("UA-65").status
    assert status.claim.origin == "reviewed" and status.claim.value == "annexation-declared-2022"
    assert status.control.origin == "reviewed" and status.control.value == "not-stated"
    assert not status.suggested
    # the same form drawn before that save now conflicts, and nothing more is stored
    stale = review_forms.save_review(rs, added.id, "UA-65", current, {"control": ("part", chosen["claim"][1])})
    assert not stale.ok and "nothing was stored" in stale.message
    assert len(rs.reviews(added.id)) == 2


def test_the_review_form_refuses_a_value_without_a_sentence(curated, stored):
    s, added = stored
    rs = ReviewStore(s)
    view = source_views.source_view(added.article(), curated, (), added.id)
    unit = view.unit("UA-65")
    current = {f: unit.status.of(f) for f in ("claim", "control")}
    outcome = review_forms.save_review(rs, added.id, "UA-65", current, {"control": ("most", [])})
    assert not outcome.ok and "needs a supporting sentence" in outcome.message
    assert rs.reviews(added.id) == []


REVIEWER_SCRIPT = """
import sys
from dashboard.claims.reviews import ReviewStore
from dashboard.sources.store import Store
store = Store(sys.argv[1])
rs = ReviewStore(store)
source_id, start, end = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
expected = None
for n in range(100000):
    value = ("most", "part")[n % 2]
    review = rs.add(source_id, "UA-65", "control", value, [(start, end)], expected=expected)
    expected = review.id
    print(review.id, flush=True)  # acknowledged: the review is committed
"""


def test_a_server_killed_while_saving_keeps_every_acknowledged_review(stored, tmp_path):
    s, added = stored
    e = excerpt_of(added.article(), "Russia declared the annexation of the Kherson region in September.")
    child = subprocess.Popen(
        [sys.executable, "-c", REVIEWER_SCRIPT, str(s.db_path), added.id, str(e.start), str(e.end)],
        stdout=subprocess.PIPE,
        text=True,
    )
    acknowledged = []
    for line in child.stdout:  # read until 40 reviews are acknowledged, then kill it mid-write
        acknowledged.append(int(line))
        if len(acknowledged) == 40:
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    again = Store(s.db_path)
    assert again.integrity_check() == "ok"
    kept = [r.id for r in ReviewStore(again).reviews(added.id)]
    assert set(acknowledged) <= set(kept)
    assert kept == sorted(kept) and len(kept) in (40, 41)  # at most the one in flight was also committed


NAMES = ["Donetsk", "Luhansk", "Zaporizhzhia", "Kherson", "Crimea", "Kharkiv", "Sumy", "Odesa", "Lviv", "Poltava"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Donetsk",
        "....!!!???",
        "Russia Annexes Kherson\n",  # named only in a headline
        "Headline\n\n" + " ".join(f"{NAMES[n % len(NAMES)]} region, held by Russia?" for n in range(200)),
        "Headline\n\n" + "\u202eRussian forces control most of the Donetsk region.\u202c 🙂\n",
    ],
    ids=["empty", "one-word", "punctuation", "headline-only", "200-mentions", "rtl-emoji"],
)
def test_odd_texts_give_a_view_and_their_own_statements_without_a_traceback(curated, text):
    a = article("store:odd", text)
    view = source_views.source_view(a, curated)
    frame = view_frames.view_frame(view)
    for statement in (s for u in view.units for s in u.status.statements):
        assert all(e.source == "store:odd" and a.text[e.start : e.end] == e.text for e in statement.excerpts)
    data = json.loads(export_data.to_geojson(frame, a.meta, a.path))
    assert len(data["features"]) == len(view.units)


def test_two_megabytes_of_text_give_their_statements(curated):
    sentence = "Russian forces control most of the Donetsk region, officials said. "
    text = "Long Report\n\n" + (sentence * 40 + "\n\n") * (2_000_000 // (len(sentence) * 40 + 2))
    assert len(text.encode("utf-8")) <= 2_000_000
    a = article("store:long", text)
    view = source_views.source_view(a, curated)
    donetsk = view.unit("UA-14")
    assert donetsk.control == "most" and donetsk.suggested
    assert len(donetsk.mentions) > 25_000
