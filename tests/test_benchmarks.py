"""The benchmark's baseline and floor apps run (their figures mean nothing if they fail); nothing here times."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import paths


@pytest.mark.parametrize("script", ["naive_app.py", "floor_app.py"])
def test_benchmark_app_renders_a_map_without_exception(script, monkeypatch):
    monkeypatch.setenv("CLAIMS_MAP_ROOT", str(paths.ROOT))
    at = AppTest.from_file(str(paths.ROOT / "benchmarks" / script), default_timeout=60)
    at.run()
    assert not at.exception
    components = list(at.get("component_instance"))
    assert len(components) == 1  # the one st_folium map
    assert "L.map(" in components[0].proto.json_args
