"""Time: the map "as of" a date across sources (only sources dated on or before it count; undated ones are
listed apart, never placed by guess), on the page, in deep links and from the command line."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from io import BytesIO

from apptest import plain, run, text_of
from PIL import Image

from dashboard import cli
from dashboard.claims import links, selection, timeline
from dashboard.export import exports
from dashboard.sources import store
from dashboard.sources.model import SourceMeta
from dashboard.sources.reader import build_article
from dashboard.web import chrome, page_exports

SEPT = "Kherson Held\n\nRussian forces control most of the Kherson region, officials said.\n"
NOV = "Kherson Retaken\n\nRussian forces have withdrawn from the entire Kherson region, Ukraine said.\n"
UNDATED = "A Note\n\nRussian troops hold part of the Kherson region.\n"


def art(path, text, published):
    return build_article(path, text, SourceMeta(title=path, publisher="P", published=published))


def test_as_of_keeps_the_sources_dated_on_or_before_it(curated):
    sept, nov = art("store:s", SEPT, dt.date(2022, 9, 30)), art("store:n", NOV, dt.date(2022, 11, 12))
    undated = art("store:u", UNDATED, None)
    everything = selection.page_view([sept, nov, undated], curated)
    assert everything.timeline == (dt.date(2022, 9, 30), dt.date(2022, 11, 12)) and everything.as_of is None
    october = selection.page_view([sept, nov, undated], curated, dt.date(2022, 10, 1))
    assert [v.path for v in october.combined.sources] == ["store:s"]
    assert [v.path for v in october.undated] == ["store:u"] and [v.path for v in october.later] == ["store:n"]
    kherson = october.combined.unit("UA-65")
    assert kherson.status.control.source == "store:s"
    assert october.as_of_line().startswith("As of 1 October 2022, according to P")
    december = selection.page_view([sept, nov, undated], curated, dt.date(2022, 12, 1))
    assert {v.path for v in december.combined.sources} == {"store:s", "store:n"}
    status = december.combined.unit("UA-65").status
    assert status.control.source == "store:n"  # the latest dated statement
    before = selection.page_view([sept, nov], curated, dt.date(2020, 1, 1))
    assert before.combined.sources == () and not before.frame["named"].any()
    assert "no source dated on or before it" in before.as_of_line()


def test_as_of_in_links():
    assert links.parse_as_of("2022-11-11") == (dt.date(2022, 11, 11), None)
    assert links.parse_as_of(None) == (None, None)
    when, problem = links.parse_as_of("<script>")
    assert when is None and "'<script>'" in problem and "not a date" in problem

    class Params(dict):
        def get_all(self, key):
            value = self.get(key)
            return value if isinstance(value, list) else [value] if value else []

        def from_dict(self, wanted):
            self.clear()
            self.update(wanted)

    params = Params()
    links.write_link(params, "UA-65", ["seed"], dt.date(2022, 11, 11))
    assert params == {"region": "UA-65", "asof": "2022-11-11"}


def test_the_page_as_of_a_date_from_a_link():
    marker = uuid.uuid4().hex[:8]
    s = store.Store()
    a = s.add(SEPT.replace("Kherson Held", f"Kherson Held {marker}"), title=f"Held {marker}", publisher="Wire A",
              published="2022-09-30")  # fmt: skip
    b = s.add(NOV.replace("Kherson Retaken", f"Kherson Retaken {marker}"), title=f"Retaken {marker}",
              publisher="Wire B", published="2022-11-12")  # fmt: skip
    at = run({"sources": [a.id, b.id], "asof": "2022-10-01", "region": "UA-65"})
    shown = text_of(at)
    assert "As of 1 October 2022, according to Wire A" in shown
    assert "1 source(s) dated after it are not counted." in shown
    assert "Russian forces control most of it" in shown
    slider = at.select_slider(key="asof")
    assert slider.value == dt.date(2022, 10, 1)
    slider.set_value(dt.date(2022, 11, 12)).run()
    assert not at.exception
    shown = text_of(at)
    assert "As of 12 November 2022" in shown and "Russian forces hold none of it" in shown
    assert at.select_slider(key="asof").value == dt.date(2022, 11, 12)
    bad = run({"asof": "yesterday"})
    assert any("not a date" in plain(w.value) for w in bad.warning)


def test_cli_exports_several_sources_as_of_a_date(tmp_path, capsys):
    for name, text, date in (("a", SEPT, "2022-09-30"), ("b", NOV, "2022-11-12"), ("c", UNDATED, None)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        meta = f'title = "{name}"\npublisher = "Wire {name}"\n' + (f"published = {date}\n" if date else "")
        (tmp_path / f"{name}.toml").write_text(meta, encoding="utf-8")
    out = tmp_path / "map.geojson"
    args = ["export", "--format", "geojson", "--out", str(out), "--as-of", "2022-10-01"]
    for name in "abc":
        args += ["--source", str(tmp_path / f"{name}.txt")]
    assert cli.main(args) == 0, capsys.readouterr().err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["metadata"]["as_of"] == "2022-10-01"
    assert (
        "not on the timeline (no date)" in data["metadata"]["publisher"] and "Wire c" in data["metadata"]["publisher"]
    )
    kherson = next(f for f in data["features"] if f["id"] == "UA-65")
    control = next(s for s in kherson["properties"]["statements"] if s["field"] == "control")
    assert control["source"] == str(tmp_path / "a.txt")
    assert cli.main([*args[:6], "2022-12-01", *args[7:]]) == 0
    later = json.loads(out.read_text(encoding="utf-8"))
    control = next(s for s in next(f for f in later["features"] if f["id"] == "UA-65")["properties"]["statements"]
                   if s["field"] == "control")  # fmt: skip
    assert control["source"] == str(tmp_path / "b.txt")


# -- what changed, and the map at each date -------------------------------------------------------------------


def test_what_changed_between_two_dates_names_each_field_with_both_excerpts(curated):
    sept, nov = art("store:s", SEPT, dt.date(2022, 9, 30)), art("store:n", NOV, dt.date(2022, 11, 12))
    before = selection.page_view([sept, nov], curated, dt.date(2022, 10, 1))
    after = selection.page_view([sept, nov], curated, dt.date(2022, 12, 1))
    found = timeline.changes(before, after)
    assert [(c.iso, c.field, c.before.value, c.after.value) for c in found] == [("UA-65", "control", "most", "none")]
    assert found[0].before.source == "store:s" and found[0].after.source == "store:n"
    html = chrome.changes_html(found, "1 Oct 2022", "1 Dec 2022")
    assert "Russian forces control most of the Kherson region" in html and "withdrawn from the entire" in html
    assert timeline.changes(after, after) == []
    assert "No claim or control changed" in chrome.changes_html([], "a", "b")


def test_the_page_lists_what_changed_since_the_previous_date():
    marker = uuid.uuid4().hex[:8]
    s = store.Store()
    a = s.add(SEPT + f"\n{marker}\n", title=f"Held {marker}", publisher="Wire A", published="2022-09-30")
    b = s.add(NOV + f"\n{marker}\n", title=f"Retaken {marker}", publisher="Wire B", published="2022-11-12")
    at = run({"sources": [a.id, b.id], "asof": "2022-11-12"})
    assert any("What changed between 30 Sep 2022 and 12 Nov 2022 (1)" in plain(x.label) for x in at.expander)
    assert "Kherson: control Russian forces control most of it → Russian forces hold none of it" in text_of(at)


def test_gif_has_one_frame_per_date_is_deterministic_and_small(tmp_path, capsys):
    paths_ = []
    for n in range(10):
        path = tmp_path / f"r{n}.txt"
        path.write_text(f"Report {n}\n\nRussian forces control most of the Kherson region.\n", encoding="utf-8")
        (tmp_path / f"r{n}.toml").write_text(
            f'title = "Report {n}"\npublisher = "Wire"\npublished = 2023-{n + 1:02d}-15\n', encoding="utf-8"
        )
        paths_ += ["--source", str(path)]
    out = tmp_path / "map.gif"
    assert cli.main(["export", "--format", "gif", "--out", str(out), *paths_]) == 0, capsys.readouterr().err
    data = out.read_bytes()
    assert data.startswith(b"GIF89a") and len(data) <= 2_000_000
    with Image.open(out) as image:
        assert image.n_frames == 10 and image.size == (1200, 675)
    again = tmp_path / "again.gif"
    assert cli.main(["export", "--format", "gif", "--out", str(again), *paths_[:4]]) == 0
    with Image.open(again) as image:
        assert image.n_frames == 2
    assert cli.main(["export", "--format", "gif", "--out", str(again), *paths_[:4]]) == 0
    assert again.read_bytes() == cli_bytes(tmp_path, paths_[:4])


def cli_bytes(tmp_path, args) -> bytes:
    out = tmp_path / "third.gif"
    assert cli.main(["export", "--format", "gif", "--out", str(out), *args]) == 0
    return out.read_bytes()


def test_each_date_writes_one_image_per_source_date_and_undated_sources_give_no_timeline(tmp_path, capsys):
    for name, text, date in (("a", SEPT, "2022-09-30"), ("b", NOV, "2022-11-12"), ("c", UNDATED, None)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        meta = f'title = "{name}"\npublisher = "Wire {name}"\n' + (f"published = {date}\n" if date else "")
        (tmp_path / f"{name}.toml").write_text(meta, encoding="utf-8")
    args = ["export", "--format", "png", "--each-date", "--out", str(tmp_path / "map.png")]
    sources = [x for n in "abc" for x in ("--source", str(tmp_path / f"{n}.txt"))]
    assert cli.main([*args, *sources]) == 0
    assert sorted(p.name for p in tmp_path.glob("map-*.png")) == ["map-2022-09-30.png", "map-2022-11-12.png"]
    code = cli.main(
        ["export", "--format", "gif", "--out", str(tmp_path / "u.gif"), "--source", str(tmp_path / "c.txt")]
    )
    err = capsys.readouterr().err
    assert code == 1 and "no source has a date" in err and not (tmp_path / "u.gif").exists()


def test_the_page_offers_an_animated_gif_only_with_two_dates(curated):
    sept, nov = art("store:s", SEPT, dt.date(2022, 9, 30)), art("store:n", NOV, dt.date(2022, 11, 12))
    page = selection.page_view([sept, nov, art("store:u", UNDATED, None)], curated, dt.date(2022, 10, 1))
    data = page_exports.page_export("gif", page, curated, region="UA-65", title=None)
    with Image.open(BytesIO(data)) as image:
        assert image.n_frames == 2  # both dates, whatever the date shown; the undated source on none
    marker = uuid.uuid4().hex[:8]
    s = store.Store()
    a = s.add(SEPT + f"\n{marker}\n", title=f"Held {marker}", publisher="Wire A", published="2022-09-30")
    b = s.add(NOV + f"\n{marker}\n", title=f"Retaken {marker}", publisher="Wire B", published="2022-11-12")
    labels = {b_.proto.label for b_ in run({"sources": [a.id, b.id]}).get("download_button")}
    assert page_exports.FORMATS["gif"].label in labels
    assert page_exports.FORMATS["gif"].label not in {b_.proto.label for b_ in run().get("download_button")}


def test_csv_of_a_map_as_of_a_date_says_the_date(curated):
    sept, nov = art("store:s", SEPT, dt.date(2022, 9, 30)), art("store:n", NOV, dt.date(2022, 11, 12))
    page = selection.page_view([sept, nov], curated, dt.date(2022, 10, 1))
    lines = page_exports.page_export("csv", page, curated, region=None, title=None).decode("utf-8").splitlines()
    assert lines[0].endswith(",cue,attributed_to,as_of") and all(line.endswith(",2022-10-01") for line in lines[1:])
    plain_csv = page_exports.page_export("csv", selection.page_view([sept], curated), curated, region=None, title=None)
    assert plain_csv.decode("utf-8").splitlines()[0].endswith(",cue,attributed_to")


def test_each_frame_draws_its_own_date(tmp_path):
    files = []
    for name, text, date in (("a", SEPT, "2022-09-30"), ("b", NOV, "2022-11-12")):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.toml").write_text(
            f'title = "{name}"\npublisher = "Wire {name}"\npublished = {date}\n', encoding="utf-8"
        )
        files.append(tmp_path / f"{name}.txt")
    series = exports.export_series("png", source=files, width=600, height=400, dpi=72)
    assert [d.isoformat() for d, _ in series] == ["2022-09-30", "2022-11-12"]
    for date, frame in series:
        with Image.open(BytesIO(frame)) as image:
            assert image.info["Title"] == f"Ukraine as of {date.day} {date:%B %Y}"
            assert f"As of {date.day} {date:%B %Y}, according to" in image.info["Description"]
