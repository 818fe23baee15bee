"""The map's browser assets are served by the app: declared with checksums, identical to the packaged Leaflet."""

from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from pathlib import Path

import pytest
import xstatic.pkg.leaflet as xleaflet

from dashboard.core import assets, paths
from dashboard.map import offline

LEAFLET_DIR = paths.STATIC_DIR / "leaflet"
PACKAGED = Path(xleaflet.BASE_DIR)


def test_every_asset_is_there_with_its_declared_checksum():
    assert assets.verify_assets() == []


def test_assets_toml_declares_leaflet_js_and_css():
    raw = tomllib.loads(assets.ASSETS_FILE.read_text(encoding="utf-8"))
    leaflet = raw["leaflet"]
    assert leaflet["version"] == "1.9.3"
    assert [e["path"] for e in leaflet["js"]] == ["leaflet/leaflet.js"]
    assert [e["path"] for e in leaflet["css"]] == ["leaflet/leaflet.css"]
    declared = assets.load_assets()
    assert [(a.kind, a.name, a.url) for a in declared if a.kind in ("js", "css")] == [
        ("js", "leaflet", "/app/static/leaflet/leaflet.js"),
        ("css", "leaflet_css", "/app/static/leaflet/leaflet.css"),
    ]
    for asset in declared:
        assert re.fullmatch(r"[0-9a-f]{64}", asset.sha256)
        assert asset.url.startswith(assets.STATIC_URL)


def test_declared_checksums_are_the_files():
    for asset in assets.load_assets():
        assert hashlib.sha256(asset.file.read_bytes()).hexdigest() == asset.sha256, asset.path


def test_each_asset_is_byte_for_byte_the_packaged_leaflet_file():
    assert PACKAGED.is_dir()
    for asset in assets.load_assets():
        relative = asset.path.removeprefix("leaflet/")
        packaged = PACKAGED / relative
        assert packaged.is_file(), relative
        assert asset.file.read_bytes() == packaged.read_bytes(), relative


def test_the_images_leaflet_css_uses_exist():
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    referenced = {u.strip("'\"") for u in re.findall(r"url\(([^)]+)\)", css)}
    referenced = {u for u in referenced if not u.startswith("#")}
    assert {"images/layers.png", "images/layers-2x.png"} <= referenced
    declared = {a.path for a in assets.load_assets() if a.kind == "image"}
    for name in ("images/layers.png", "images/layers-2x.png"):
        assert (LEAFLET_DIR / name).is_file()
        assert (LEAFLET_DIR / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"leaflet/{name}" in declared
    # The marker icon is referenced by the CSS but the map draws no markers.
    assert referenced - {"images/layers.png", "images/layers-2x.png"} <= {"images/marker-icon.png"}


def test_the_licence_is_shipped():
    text = (LEAFLET_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "BSD" in text or "Redistribution and use" in text


def test_verify_assets_reports_a_changed_and_a_missing_file(tmp_path, monkeypatch):
    copy = tmp_path / "static"
    shutil.copytree(paths.STATIC_DIR, copy)
    (copy / "leaflet" / "leaflet.css").write_bytes(b"/* changed */")
    (copy / "leaflet" / "images" / "layers.png").unlink()
    monkeypatch.setattr(paths, "STATIC_DIR", copy)
    problems = assets.verify_assets()
    assert len(problems) == 2
    assert any("leaflet.css" in p and "not the declared file" in p for p in problems)
    assert any("layers.png" in p and "missing" in p for p in problems)


def test_local_map_uses_only_local_assets():
    m = offline.local_map(location=[48.4, 31.2], zoom_start=6)
    assert offline.external_links(m) == []
    assert not m._children  # no tile layer
    html = m.get_root().render()
    for link in re.findall(r"(?:src|href)=[\"']([^\"']+)", html):
        assert link.startswith(assets.STATIC_URL), link


def test_external_links_finds_a_cdn_link():
    import folium

    m = folium.Map(tiles=None)
    found = offline.external_links(m)
    assert found
    assert all(not link.startswith(assets.STATIC_URL) for link in found)


@pytest.mark.parametrize("asset", assets.load_assets(), ids=lambda a: a.path)
def test_each_asset_lies_inside_the_static_folder(asset):
    assert asset.file.resolve().is_relative_to(paths.STATIC_DIR.resolve())
    assert ".." not in asset.path.split("/")
