"""What the page shows: the seed's named units, the unit chooser, deep links (?region=, ?sources=) read and written."""

from __future__ import annotations

import datetime as dt
import urllib.parse

import pytest

from dashboard.claims import links, selection, source_views
from dashboard.places import mentions, units
from dashboard.sources.model import SourceMeta
from dashboard.sources.reader import build_article
from dashboard.sources.stored import SEED_ID

SEED_UNITS = {"UA-14", "UA-09", "UA-23", "UA-65", "UA-43", "UA-40", "UA-63"}
KNOWN = sorted(units.ISO_CODES)

PASTED = (
    "Drones over Kyiv\n\nDrones struck Kyiv and the Lviv region overnight. Shelling continued in the Donetsk region.\n"
)


@pytest.fixture(scope="module")
def pasted():
    return build_article("store:pasted-000000000001", PASTED, SourceMeta(title="Drones over Kyiv", publisher=""))


@pytest.fixture(scope="module")
def seed_page(seed, curated):
    return selection.page_view([seed], curated)


# -- the seed ----------------------------------------------------------------------------------------------------


def test_the_seed_names_exactly_the_curated_units(seed_page):
    assert set(seed_page.combined.named_units) == SEED_UNITS
    assert len(seed_page.combined.named_units) == 7
    assert "UA-30" not in seed_page.combined.named_units


def test_the_seeds_kyiv_reiterated_is_the_government_not_a_place(seed, curated):
    """The seed's "a position Kyiv reiterated" is the government: the gazetteer finds it, the view drops it."""
    assert "UA-30" in {h.unit for h in mentions.find_hits(seed)}
    assert "UA-30" not in {h.unit for h in source_views.place_hits(seed)}
    view = selection.source_view_for(seed, curated)
    assert set(view.named_units) == SEED_UNITS
    assert view.path == seed.path
    assert all(u.region is not None for u in view.units)


def test_another_source_keeps_every_unit_the_gazetteer_finds(pasted, curated):
    view = selection.source_view_for(pasted, curated)
    assert view.named_units == source_views.source_view(pasted, curated).named_units
    assert {"UA-30", "UA-46", "UA-14"} <= set(view.named_units)
    assert view.unit("UA-30").region is None
    assert view.unit("UA-14").region is None  # the curated region belongs to the seed alone


def test_options_list_named_units_first_then_the_rest_by_name(seed_page):
    options = seed_page.options()
    assert len(options) == 27
    assert len(set(options)) == 27
    assert set(options) == set(KNOWN)
    named = list(seed_page.combined.named_units)
    assert options[: len(named)] == named
    rest = options[len(named) :]
    assert rest == sorted(rest, key=lambda iso: seed_page.names[iso])
    assert not set(rest) & SEED_UNITS
    assert options[0] == "UA-14"  # first mentioned (the caption names Donetsk)


def test_frame_and_names_cover_all_27_units(seed_page):
    frame = seed_page.frame
    assert len(frame) == 27
    assert sorted(frame["iso_3166_2"]) == KNOWN
    assert set(frame.loc[frame["named"], "iso_3166_2"]) == SEED_UNITS
    assert len(seed_page.names) == 27
    assert seed_page.names["UA-14"] == "Donetsk"
    assert frame.crs.to_epsg() == 4326


def test_labels_mark_named_units(seed_page):
    assert seed_page.label("UA-14") == "Donetsk · named in the article"
    assert "named" not in seed_page.label("UA-46")
    assert seed_page.label("UA-46") == seed_page.names["UA-46"]
    assert seed_page.label("UA-99") == "UA-99"


def test_several_sources_on_one_page(seed, pasted, curated):
    page = selection.page_view([seed, pasted, seed], curated)
    assert len(page.combined.sources) == 2
    named = page.combined.named_units
    assert list(named[:7]) == list(selection.source_view_for(seed, curated).named_units)
    assert {"UA-30", "UA-46"} <= set(named)
    assert len(named) == len(set(named))
    donetsk = page.combined.unit("UA-14")
    assert donetsk.sources == (seed.path, pasted.path)
    options = page.options()
    assert len(options) == 27 and len(set(options)) == 27
    assert options[: len(named)] == list(named)


def test_no_source_gives_an_empty_map(curated):
    page = selection.page_view([], curated)
    assert page.combined.named_units == ()
    assert len(page.frame) == 27 and not page.frame["named"].any()
    assert len(page.options()) == 27


# -- ?region= ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("UA-14", "UA-14"),
        ("ua-14", "UA-14"),
        ("  UA-63 ", "UA-63"),
        (["UA-09"], "UA-09"),
        (["UA-09", "ua-65"], "UA-65"),  # the last value of a repeated parameter wins
    ],
)
def test_parse_region_accepts_known_codes(value, expected):
    assert links.parse_region(value, KNOWN) == (expected, None)


@pytest.mark.parametrize("value", [None, "", []])
def test_parse_region_absent(value):
    assert links.parse_region(value, KNOWN) == (None, None)


@pytest.mark.parametrize(
    "value",
    ["UA-99", "<script>", "UA-1", "UA-140", "RU-14", "14", "UA-14; DROP TABLE", "UA-١٤", "UA–14", 14, ["x"]],
)
def test_parse_region_refuses_anything_else_and_quotes_it(value):
    iso, message = links.parse_region(value, KNOWN)
    assert iso is None
    assert message
    shown = value[-1] if isinstance(value, list) else value
    assert repr(str(shown).strip()) in message
    assert "Showing the whole map instead" in message


def test_parse_region_only_accepts_codes_in_known():
    assert links.parse_region("UA-14", ["UA-09"])[0] is None
    assert links.parse_region("UA-14", frozenset(KNOWN)) == ("UA-14", None)


def test_parse_region_truncates_a_very_long_value():
    value = "A" * 50 + "<script>" + "B" * 10_000
    iso, message = links.parse_region(value, KNOWN)
    assert iso is None
    assert repr(value[:40] + "…") in message
    assert "<script>" not in message
    assert len(message) < 300


# -- ?sources= ---------------------------------------------------------------------------------------------------


def test_parse_sources():
    known = [SEED_ID, "a-1", "b-2"]
    assert links.parse_sources([], known) == ([SEED_ID], None)
    assert links.parse_sources(["b-2", "a-1", "b-2"], known) == (["b-2", "a-1"], None)
    assert links.parse_sources(["seed"], known) == ([SEED_ID], None)
    assert links.parse_sources(["", "  "], known) == ([SEED_ID], None)  # "?sources=": nothing named, no warning


def test_parse_sources_names_the_unknown_ones():
    chosen, message = links.parse_sources(["gone-1", "a-1", "gone-1"], [SEED_ID, "a-1"])
    assert chosen == ["a-1"]
    assert message.count("'gone-1'") == 1
    assert "deleted?" in message


def test_parse_sources_falls_back_to_the_seed_and_shows_at_most_three():
    values = ["x" * 500, "y1", "y2", "y3"]
    chosen, message = links.parse_sources(values, [SEED_ID])
    assert chosen == [SEED_ID]
    assert repr("x" * 60) in message and "x" * 61 not in message
    assert "'y2'" in message and "'y3'" not in message


# -- writing the link --------------------------------------------------------------------------------------------


class FakeQueryParams:
    """Streamlit's ``st.query_params`` as far as write_link uses it, recording every write."""

    def __init__(self, initial: dict[str, str | list[str]] | None = None):
        self.params = {k: list(v) if isinstance(v, list) else [v] for k, v in (initial or {}).items()}
        self.writes: list[dict] = []

    def get(self, key, default=None):
        values = self.params.get(key)
        return values[-1] if values else default

    def get_all(self, key):
        return list(self.params.get(key, []))

    def __iter__(self):
        return iter(list(self.params))

    def from_dict(self, params):
        self.writes.append(dict(params))
        self.params = {k: list(v) if isinstance(v, list) else [v] for k, v in params.items()}


def test_write_link_leaves_the_default_out():
    q = FakeQueryParams()
    links.write_link(q, None, [SEED_ID])
    links.write_link(q, None, (SEED_ID,))
    assert q.writes == []


def test_write_link_writes_region_then_nothing_more_while_unchanged():
    q = FakeQueryParams()
    links.write_link(q, "UA-14", [SEED_ID])
    assert q.writes == [{"region": "UA-14"}]
    links.write_link(q, "UA-14", (SEED_ID,))
    assert len(q.writes) == 1


def test_write_link_writes_sources_other_than_the_seed():
    q = FakeQueryParams({"region": "UA-14"})
    links.write_link(q, "UA-14", [SEED_ID, "abc-1"])
    assert q.writes == [{"region": "UA-14", "sources": [SEED_ID, "abc-1"]}]
    links.write_link(q, "UA-14", (SEED_ID, "abc-1"))
    assert len(q.writes) == 1
    links.write_link(q, None, ["abc-1"])
    assert q.writes[-1] == {"sources": ["abc-1"]}
    assert q.get_all("sources") == ["abc-1"] and q.get("region") is None


def test_write_link_drops_an_explicit_seed_only_default_and_stale_values():
    q = FakeQueryParams({"sources": [SEED_ID], "region": "ua-14", "other": "x"})
    links.write_link(q, "UA-14", [SEED_ID])
    assert q.writes == [{"region": "UA-14"}]
    q = FakeQueryParams({"region": "UA-14"})
    links.write_link(q, None, [SEED_ID])
    assert q.writes == [{}]


def test_page_link_round_trips_and_keeps_the_view():
    link = links.page_link("UA-14", ["seed", "a b&c=d", "кир"], dt.date(2022, 11, 11))
    assert link.startswith("?region=UA-14&")
    query = urllib.parse.parse_qs(link[1:])
    assert query == {"region": ["UA-14"], "sources": ["seed", "a b&c=d", "кир"], "asof": ["2022-11-11"]}
    assert links.page_link("UA-09", []) == "?region=UA-09"
    assert links.page_link("UA-09", [SEED_ID]) == "?region=UA-09"  # the seed alone is the default
    assert links.parse_region(query["region"], KNOWN) == ("UA-14", None)
    assert links.parse_as_of(query["asof"]) == (dt.date(2022, 11, 11), None)


def test_a_views_default_title_says_its_date_its_count_or_its_one_source(seed, pasted, curated):
    assert selection.page_view([seed], curated).default_title() == (
        "Ukraine: regions named by The Moscow Times, 27 Feb 2025"
    )
    assert selection.page_view([seed, pasted], curated).default_title() == "Ukraine: regions named by 2 sources"
    as_of = selection.page_view([seed, pasted], curated, dt.date(2025, 3, 1))
    assert as_of.default_title() == "Ukraine as of 1 March 2025"
    assert selection.source_title(None) == "Ukraine: regions named in the source"
