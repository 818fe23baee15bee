"""What the sessions share (``dashboard/app_cache.py``): a click reruns only what depends on it."""

from __future__ import annotations

import gc

from apptest import html_of, run

from dashboard import app_cache
from dashboard.map import mapview


def test_a_click_neither_rebuilds_the_map_nor_redraws_a_panel_already_drawn(monkeypatch):
    built, drawn = [], []
    build_map, draw = mapview.build_map, app_cache.drawn
    monkeypatch.setattr(mapview, "build_map", lambda frame: built.append(1) or build_map(frame))
    monkeypatch.setattr(
        app_cache, "drawn", lambda view, what, make: draw(view, what, lambda: drawn.append(what) or make())
    )
    at = run()
    maps = len(built)
    assert maps <= 1  # built once per page view (and none if an earlier test built this view's)
    for code in ("UA-14", "UA-09", "UA-14"):
        at.selectbox(key="region").set_value(code).run()
        assert not at.exception and f'data-claims-selected="{code}"' in html_of(at)
    assert len(built) == maps
    assert drawn.count(("panel", "UA-14")) <= 1 and drawn.count(("panel", "UA-09")) <= 1


def test_drawn_is_kept_by_view_object_and_bounded(monkeypatch):
    class View:  # any object: kept by identity, never hashed by value
        pass

    made = []

    def make(tag):
        return lambda: made.append(tag) or f"<p>{tag}</p>"

    one, two = View(), View()
    assert app_cache.drawn(one, ("panel", "UA-14"), make(1)) == "<p>1</p>"
    assert app_cache.drawn(one, ("panel", "UA-14"), make(2)) == "<p>1</p>"  # kept
    assert app_cache.drawn(two, ("panel", "UA-14"), make(3)) == "<p>3</p>"  # another view: its own
    assert app_cache.drawn(one, ("panel", "UA-09"), make(4)) == "<p>4</p>"
    assert made == [1, 3, 4]
    monkeypatch.setattr(app_cache, "DRAWN_MAX", 2)
    app_cache.drawn(two, ("article", "seed", None), make(5))
    assert len(app_cache._drawn) <= 2
    assert app_cache.drawn(one, ("panel", "UA-14"), make(6)) == "<p>6</p>"  # the oldest went first
    del one, two
    gc.collect()
    assert app_cache.drawn(View(), ("panel", "UA-14"), make(7)) == "<p>7</p>"  # a new view never gets a dead one's
