"""The load benchmark's driver speaks Streamlit's websocket protocol to the real server: every click it counts is
served with the region's panel (so its figures measure work, not errors). Nothing here times anything."""

from __future__ import annotations

import asyncio
import importlib.util
import sys

import pytest
from serving import running_app

from dashboard.core import paths


@pytest.fixture(scope="module")
def load_bench():
    path = paths.ROOT / "benchmarks" / "load_bench.py"
    spec = importlib.util.spec_from_file_location("benchmarks_load_bench", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("load")) as base:
        yield base


def test_every_click_of_two_sessions_is_served_with_its_regions_panel(load_bench, server):
    load = asyncio.run(load_bench.drive(server, sessions=2, clicks=3))
    assert len(load.opens) == 2 and all(run.ok for run in load.opens), [r.status for r in load.opens]
    assert len(load.clicks) == 6
    for region, run in load.clicks:
        assert run.ok, (region.iso, run.status, run.exceptions)
        assert load_bench.panel_shows(run.html, region), region.iso


def test_a_panel_of_another_region_is_not_counted_as_served(load_bench, server):
    async def wrong_panel():
        units = load_bench.regions()
        asked, shown = units[0], units[1]
        async with load_bench.Session(server) as session:
            assert (await session.open()).ok
            run = await session.click(shown)
        return asked, shown, run

    asked, shown, run = asyncio.run(wrong_panel())
    assert run.ok and load_bench.panel_shows(run.html, shown)
    assert not load_bench.panel_shows(run.html, asked)


def test_the_capacity_is_the_best_step_within_500_ms_and_without_errors(load_bench):
    def step(served, p95, errors=0):
        return load_bench.Step(
            sessions=1, offered=served, served=served, clicks=10, errors=errors, p50=p95, p95=p95, open_p50=0,
            open_p95=0, cpu_per_click=0, driver_cpu_per_click=0, rss_idle=0, rss=0, error_examples=[],
        )  # fmt: skip

    steps = [step(1, 100), step(5, 400), step(9, 700), step(8, 300, errors=1)]
    assert load_bench.capacity(steps) is steps[1]
    assert load_bench.capacity([step(9, 700)]) is None
    noisy = [step(1, 100), step(5, 900), step(9, 300)]  # a heavier step passing after a miss does not count
    assert load_bench.capacity(noisy) is noisy[0]
    assert "Capacity: 5.00 clicks/s" in load_bench.table(steps, rate=0.5, seconds=5)
