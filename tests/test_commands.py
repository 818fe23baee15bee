"""The command line beyond exports: ``statements`` (suggestions with sentences and cues, or claims.toml) and
``sources add | list | remove`` on the store the dashboard uses."""

from __future__ import annotations

import json
import tomllib
import uuid

from dashboard import cli
from dashboard.claims import reviews
from dashboard.sources import store
from dashboard.testing import assert_excerpts_verbatim

KHERSON = (
    "Kherson Report\n\n"
    "Russian troops are holding roughly a third of the Kherson region, officials said. "
    "Russia has held the whole of Crimea since it annexed the peninsula in 2014.\n"
)


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_statements_of_the_seed_are_the_curated_ones(capsys):
    code, out, _ = run_cli(capsys, "statements")
    assert code == 0
    assert "UA-14 Donetsk" in out and "claim: annexation-declared-2022 (curated claims data)" in out
    assert "control: most (curated claims data)" in out
    assert "suggested" not in out


def test_statements_of_a_file_are_its_own_suggestions_with_cues(tmp_path, capsys):
    path = tmp_path / "kherson.txt"
    path.write_text(KHERSON, encoding="utf-8")
    code, out, _ = run_cli(capsys, "statements", "--source", str(path))
    assert code == 0
    assert "UA-65 Kherson" in out and "suggested from the text, not reviewed" in out
    assert "cue:" in out
    assert "seeds/" not in out  # nothing of the seed


def test_statements_as_claims_toml_is_valid_and_verbatim(tmp_path, capsys):
    path = tmp_path / "kherson.txt"
    path.write_text(KHERSON, encoding="utf-8")
    code, out, _ = run_cli(capsys, "statements", "--source", str(path), "--format", "toml")
    assert code == 0
    data = tomllib.loads(out)
    assert data["schema"] == 1 and data["source"] == str(path)
    text = path.read_text(encoding="utf-8")
    for e in data["excerpts"].values():
        assert text[e["start"] : e["end"]] == e["text"]
    for region in data["regions"].values():
        for ref in (*region["claim_excerpts"], *region["control_excerpts"], *region["mentions"]):
            assert ref in data["excerpts"]


def test_sources_add_list_remove_and_export_with_reviews(tmp_path, capsys):
    marker = uuid.uuid4().hex[:8]
    path = tmp_path / "story.txt"
    path.write_text(KHERSON.replace("Kherson Report", f"Kherson Report {marker}"), encoding="utf-8")
    (tmp_path / "story.toml").write_text(
        f'title = "Kherson Report {marker}"\npublisher = "Example Wire"\npublished = 2022-11-11\n', encoding="utf-8"
    )
    code, out, _ = run_cli(capsys, "sources", "add", str(path))
    assert code == 0
    source_id = out.strip()
    assert "\n" not in source_id and store.Store().get(source_id).publisher == "Example Wire"
    code, again, _ = run_cli(capsys, "sources", "add", str(path))
    assert again.strip() == source_id  # the same text again: the id it already has
    code, listed, _ = run_cli(capsys, "sources", "list")
    assert any(line.startswith(f"{source_id}\t2022-11-11\tExample Wire\t") for line in listed.splitlines())
    # a review made in the dashboard travels with --source-id
    found = store.Store().get(source_id)
    sentence = "Russian troops are holding roughly a third of the Kherson region, officials said."
    start = found.text.index(sentence)
    reviews.ReviewStore(store.Store()).add(
        source_id, "UA-65", "control", "part", [(start, start + len(sentence))], reviewer="Desk",
        expected=None,
    )  # fmt: skip
    out_file = tmp_path / "reviewed.geojson"
    code, _, err = run_cli(capsys, "export", "--format", "geojson", "--source-id", source_id, "--out", str(out_file))
    assert code == 0, err
    data = json.loads(out_file.read_text(encoding="utf-8"))
    kherson = next(f for f in data["features"] if f["id"] == "UA-65")
    control = next(s for s in kherson["properties"]["statements"] if s["field"] == "control")
    assert (control["value"], control["origin"], control["reviewer"]) == ("part", "reviewed", "Desk")
    assert kherson["properties"]["control"] == "part"
    for feature in data["features"]:
        for e in feature["properties"]["excerpts"]:
            assert e["source"] == f"store:{source_id}"
    code, out, _ = run_cli(capsys, "sources", "remove", source_id)
    assert code == 0 and store.Store().get(source_id) is None
    code, _, err = run_cli(capsys, "sources", "remove", source_id)
    assert code == 1 and err.startswith("error: ") and "already removed" in err and len(err.splitlines()) == 1


def test_sources_add_stores_nothing_when_one_file_is_bad(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(f"Fine {uuid.uuid4().hex}\n\nShelling near Kharkiv.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    before = len(store.Store())
    code, out, err = run_cli(capsys, "sources", "add", str(good), str(bad))
    assert code == 1 and out == "" and err.startswith("error: ") and "bad.txt" in err
    assert len(store.Store()) == before


def test_export_of_a_non_seed_article_contains_no_excerpt_of_another_source(tmp_path, capsys):
    path = tmp_path / "kherson.txt"
    path.write_text(KHERSON, encoding="utf-8")
    out_file = tmp_path / "k.geojson"
    code, _, err = run_cli(capsys, "export", "--format", "geojson", "--source", str(path), "--out", str(out_file))
    assert code == 0, err
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["features"]
    for feature in data["features"]:
        props = feature["properties"]
        assert props["origin"] in ("suggested", "reviewed") or props["claim"] == props["control"] == "not-stated"
        for e in props["excerpts"]:
            assert e["source"] == str(path)
        for s in props["statements"]:
            assert s["source"] == str(path) and all(e["source"] == str(path) for e in s["excerpts"])
    seed_data = tmp_path / "seed.geojson"
    assert cli.main(["export", "--format", "geojson", "--out", str(seed_data)]) == 0
    seeded = json.loads(seed_data.read_text(encoding="utf-8"))
    assert assert_excerpts_verbatim(e for f in seeded["features"] for e in f["properties"]["excerpts"]) >= 7
