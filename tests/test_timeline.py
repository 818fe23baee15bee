"""Time: the map "as of" a date across sources (only sources dated on or before it count; undated ones are
listed apart, never placed by guess), on the page, in deep links and from the command line."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from apptest import plain, run, text_of

from dashboard import cli, selection, store
from dashboard.sources import SourceMeta, build_article

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
    assert selection.parse_as_of("2022-11-11") == (dt.date(2022, 11, 11), None)
    assert selection.parse_as_of(None) == (None, None)
    when, problem = selection.parse_as_of("<script>")
    assert when is None and "'<script>'" in problem and "not a date" in problem

    class Params(dict):
        def get_all(self, key):
            value = self.get(key)
            return value if isinstance(value, list) else [value] if value else []

        def from_dict(self, wanted):
            self.clear()
            self.update(wanted)

    params = Params()
    selection.write_link(params, "UA-65", ["seed"], dt.date(2022, 11, 11))
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
