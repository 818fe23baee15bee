"""The data module: the seed's claims, validated, joined to the boundaries, and every value sourced."""

from __future__ import annotations

import json

import pytest

from dashboard.claims import source_views, view_frames
from dashboard.claims.curated_claims import claims_frame, load_claims
from dashboard.claims.vocab import CLAIMS, CONTROLS
from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.testing import assert_excerpts_verbatim, claims_variant

EXPECTED = {
    # iso: (region, claim, control)
    "UA-14": ("donetsk", "annexation-declared-2022", "most"),
    "UA-09": ("luhansk", "annexation-declared-2022", "most"),
    "UA-23": ("zaporizhzhia", "annexation-declared-2022", "parts"),
    "UA-65": ("kherson", "annexation-declared-2022", "parts"),
    "UA-43": ("crimea", "annexed-2014", "not-stated"),
    "UA-40": ("crimea", "annexed-2014", "not-stated"),
    "UA-63": ("kharkiv", "not-stated", "part"),  # the article names no claim on it (none: it says there is none)
}
CONTROL_SENTENCE = (
    "Russian forces control most of the Donetsk and Luhansk regions but only parts of Zaporizhzhia and Kherson."
)


@pytest.fixture(scope="module")
def data():
    return load_claims()


def test_seven_units_with_the_articles_status(data):
    frame = claims_frame(data)
    got = {row.iso_3166_2: (row.region, row.claim, row.control) for row in frame.itertuples()}
    assert got == EXPECTED
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.is_valid.all()
    names = dict(zip(frame["iso_3166_2"], frame["name"], strict=True))
    assert names["UA-14"] == "Donetsk" and names["UA-40"] == "Sevastopol" and names["UA-43"] == "Crimea"


def test_every_value_is_sourced_and_verbatim(data):
    checked = 0
    for region in data.regions:
        assert region.claim in CLAIMS and region.control in CONTROLS
        if region.claim == "not-stated":
            assert not region.claim_excerpts and region.claim_note
        else:
            assert region.claim_excerpts, f"{region.region}: claim cites nothing"
        if region.control == "not-stated":
            assert not region.control_excerpts
        else:
            assert region.control_excerpts
        assert region.mentions, f"{region.region}: no excerpt names it"
        for excerpt in (*region.claim_excerpts, *region.control_excerpts, *region.mentions, *region.context):
            assert excerpt.source == "seeds/mt-2025-02-27-kremlin-annexed-regions.txt"
            assert not data.article.in_boilerplate(excerpt.start, excerpt.end)
        checked += assert_excerpts_verbatim(
            [*region.claim_excerpts, *region.control_excerpts, *region.mentions, *region.context]
        )
    assert checked > 20


def test_control_cites_the_sentence_that_states_it(data):
    for rid in ("donetsk", "luhansk", "zaporizhzhia", "kherson"):
        assert [e.text for e in data.region_by_id(rid).control_excerpts] == [CONTROL_SENTENCE]
    kharkiv = data.region_by_id("kharkiv")
    assert kharkiv.control_excerpts[0].text == "Moscow also occupies part of Ukraine's northeastern Kharkiv region."
    crimea = data.region_by_id("crimea")
    assert crimea.claim_excerpts[0].text == "It also annexed the Crimean Peninsula in 2014."
    assert crimea.units == ("UA-43", "UA-40")


def test_mentions_name_the_region(data):
    """Every excerpt listed as naming a region does contain its name (the mention is findable)."""
    words = {
        "donetsk": "Donetsk",
        "luhansk": "Luhansk",
        "zaporizhzhia": "Zaporizhzhia",
        "kherson": "Kherson",
        "crimea": "Crimean",
        "kharkiv": "Kharkiv",
    }
    for region in data.regions:
        for excerpt in region.mentions:
            assert words[region.region] in excerpt.text


def test_context_is_apart_from_mentions(data):
    donetsk = data.region_by_id("donetsk")
    context = {e.key for e in donetsk.context}
    assert {"peskov-inseparable", "dismissed-illegal", "tykhy-borders", "tykhy-laughable"} <= context
    assert not context & {e.key for e in donetsk.mentions}


def test_caption_excerpt_is_marked(data):
    caption = data.excerpts["caption-donetsk"]
    assert caption.label == "caption"
    assert data.article.block_at(caption.start).kind == "caption"


def test_the_seeds_map_frame_has_all_units(data):
    frame = view_frames.map_frame(source_views.source_view(data.article, data))
    assert len(frame) == 27
    named = frame[frame["claim"].notna()]
    assert set(named["iso_3166_2"]) == set(EXPECTED)
    assert (frame.loc[frame["claim"].isna(), "status"] == "Not named in the source").all()


def test_load_is_cached(data):
    assert load_claims() is data


# --- error paths: each names the file, the entry and quotes the bad value ----------------------------------


def _load(path, **kw):
    return load_claims(path, **kw)


@pytest.mark.parametrize(
    ("replacements", "message"),
    [
        ({'claim = "annexed-2014"': 'claim = "annexed"'}, r"region 'crimea': claim: unknown value 'annexed'"),
        ({'control = "most"': 'control = "almost all"'}, r"region 'donetsk': control: unknown value 'almost all'"),
        ({'units = ["UA-14"]': 'units = ["UA-99"]'}, r"region 'donetsk': units: unknown ISO 3166-2 code 'UA-99'"),
        (
            {"start = 1290": "start = 1291"},
            r"excerpt 'control-most-parts': text .* does not match the source at 1291:1396",
        ),
        ({"end = 181": "end = 99999"}, r"excerpt 'caption-donetsk': offsets 104:99999 fall outside the source"),
        (
            {'mentions = ["kharkiv-part"]': 'mentions = ["nowhere"]'},
            r"region 'kharkiv': mentions: unknown excerpt id 'nowhere'",
        ),
        (
            {"control_excerpts = []": 'control_excerpts = ["crimea-2014"]'},
            r"region 'crimea': control 'not-stated' must cite no excerpt",
        ),
        ({"schema = 1": "schema = 7"}, r"schema: unsupported version 7"),
        ({'name = "Kharkiv"': 'name = "Kharkiv"\ncolour = "red"'}, r"region 'kharkiv': unknown key 'colour'"),
        (
            {'units = ["UA-63"]': 'units = ["UA-14"]'},
            r"region 'kharkiv': units: 'UA-14' is already in region 'donetsk'",
        ),
    ],
)
def test_bad_claims_give_a_clear_message(tmp_path, replacements, message):
    path = claims_variant(tmp_path, replacements)
    with pytest.raises(DataError, match=message) as info:
        _load(path)
    assert str(info.value).startswith(str(path))


def test_excerpt_in_boilerplate_is_refused(tmp_path):
    text = paths.SEED_TEXT.read_text(encoding="utf-8")
    quote = "We, the journalists of The Moscow Times, refuse to be silenced."
    start = text.index(quote)
    extra = f'\n[excerpts.appeal]\nstart = {start}\nend = {start + len(quote)}\ntext = "{quote}"\n'
    path = claims_variant(tmp_path, {"[excerpts.caption-donetsk]": extra.strip() + "\n\n[excerpts.caption-donetsk]"})
    with pytest.raises(DataError, match=r"excerpt 'appeal': cites publisher boilerplate"):
        _load(path)


def test_malformed_toml(tmp_path):
    path = tmp_path / "claims.toml"
    path.write_text('schema = 1\n[regions.donetsk\nname = "x"\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"claims.toml: not valid TOML"):
        _load(path)


def test_missing_claims_file(tmp_path):
    with pytest.raises(DataError, match="claims file not found"):
        _load(tmp_path / "absent.toml")


def test_missing_boundary_file(tmp_path):
    with pytest.raises(DataError, match="not found"):
        _load(paths.CLAIMS, boundaries_path=tmp_path / "absent.geojson")


def test_broken_boundary_file(tmp_path):
    broken = tmp_path / "broken.geojson"
    full = paths.BOUNDARIES_FULL.read_text(encoding="utf-8")
    broken.write_text(full[: len(full) // 2], encoding="utf-8")
    with pytest.raises(DataError, match="broken.geojson"):
        _load(paths.CLAIMS, boundaries_path=broken)


def test_boundary_file_without_a_claimed_unit(tmp_path):
    collection = json.loads(paths.BOUNDARIES_FULL.read_text(encoding="utf-8"))
    collection["features"] = [f for f in collection["features"] if f["properties"]["iso_3166_2"] != "UA-63"]
    path = tmp_path / "no-kharkiv.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    with pytest.raises(DataError) as info:
        _load(paths.CLAIMS, boundaries_path=path)
    assert "UA-63" in str(info.value) or "27" in str(info.value)
