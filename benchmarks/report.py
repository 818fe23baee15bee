"""The benchmark's report: the results table, the targets met or missed, and ``RESULTS.md``'s text.

Pure functions of the figures :mod:`run` collects (``{app: {metric: [values]}}`` for ``ours``, ``naive`` and
``floor``; the empty app's rerun round trips; ours' export times), so that the report is tested without a browser.
The targets are data, in ``benchmarks/targets.toml``.
"""

from __future__ import annotations

import statistics
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

TARGETS_FILE = Path(__file__).resolve().parent / "targets.toml"

Compare = Literal["ratio", "value", "floor"]
Floor = Literal["floor app", "empty app"]
Results = Mapping[str, Mapping[str, Sequence[float]]]

CLICK_METRIC = "click → excerpt (ms)"
EMPTY_METRIC = "empty Streamlit app: rerun round trip (ms)"


@dataclass(frozen=True)
class Target:
    """One target of the issue.

    Attributes
    ----------
    metric : str
        A row of the results table (as :mod:`run` names it).
    compare : {"ratio", "value"}
        ``ratio``: ours median / naive median must be at most ``limit``; ``value``: ours median must be;
        ``floor``: ours median / the floor's median (the floor app's, or the empty app's rerun) must be.
    limit : float
    floor : {"floor app", "empty app"} or None
        What bounds the figure from below, reported beside it.
    floor_metric : str or None
        The floor app's row that bounds it, when not ``metric`` itself (for app bytes: what the floor app
        fetches over HTTP, Leaflet and streamlit-folium's bundle, which every such page needs; its websocket
        carries uncompressed GeoJSON, which ours does not send).
    """

    metric: str
    compare: Compare
    limit: float
    floor: Floor | None = None
    floor_metric: str | None = None

    def describe(self) -> str:
        what = {"ratio": f"{self.metric}: ours/naive", "floor": f"{self.metric}: ours/{self.floor}"}.get(
            self.compare, self.metric
        )
        return f"{what} ≤ {self.limit:g}"


def load_targets(path: Path = TARGETS_FILE) -> list[Target]:
    """The targets in ``path``.

    Raises
    ------
    ValueError
        The file is not valid TOML, or a target lacks a key or has a bad value; the message quotes it.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path.name}: not valid TOML ({exc})") from None
    out = []
    for n, entry in enumerate(data.get("target", []), start=1):
        unknown = set(entry) - {"metric", "compare", "limit", "floor", "floor_metric"}
        if unknown:
            raise ValueError(f"{path.name}: target {n}: unknown key(s) {sorted(unknown)!r}")
        metric, compare, limit, floor = (entry.get(k) for k in ("metric", "compare", "limit", "floor"))
        if not isinstance(metric, str) or not metric:
            raise ValueError(f"{path.name}: target {n}: metric must be a row name, got {metric!r}")
        if compare not in get_args(Compare):
            raise ValueError(f"{path.name}: target {n}: compare must be 'ratio', 'value' or 'floor', got {compare!r}")
        if isinstance(limit, bool) or not isinstance(limit, int | float) or limit < 0:
            raise ValueError(f"{path.name}: target {n}: limit must be a number ≥ 0, got {limit!r}")
        if floor is not None and floor not in get_args(Floor):
            raise ValueError(f"{path.name}: target {n}: floor must be 'floor app' or 'empty app', got {floor!r}")
        floor_metric = entry.get("floor_metric")
        if floor_metric is not None and (floor != "floor app" or not isinstance(floor_metric, str)):
            raise ValueError(f"{path.name}: target {n}: floor_metric is a row of the floor app, got {floor_metric!r}")
        out.append(Target(metric, compare, float(limit), floor, floor_metric))
    return out


def export_metric(fmt: str) -> str:
    """The row of ours' export time in ``fmt`` (png, svg, pdf)."""
    return f"export {fmt.upper()} A4 at 300 dpi (s)"


def ratio_of(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else ("0 / 0" if a == 0 else "—")


def pct(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile of ``values`` (nearest rank); NaN when there are none."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def results_table(results: Results, empty: Sequence[float], exports: Mapping[str, Sequence[float]]) -> str:
    """Every metric: ours and naive (median, p95), ours/naive, and the floor app's median and floor/naive."""
    rows = [
        "| metric | ours median | ours p95 | naive median | naive p95 | ours/naive (median) "
        "| floor median | floor/naive |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for metric, o in results["ours"].items():
        n, f = results["naive"][metric], results["floor"].get(metric)
        om, nm = statistics.median(o), statistics.median(n)
        floor = f"| {statistics.median(f):.3g} | {ratio_of(statistics.median(f), nm)} |" if f else "| | |"
        rows.append(
            f"| {metric} | {om:.3g} | {pct(o, 0.95):.3g} | {nm:.3g} | {pct(n, 0.95):.3g} | {ratio_of(om, nm)} {floor}"
        )
    if empty:
        em = statistics.median(empty)
        naive_click = results["naive"].get(CLICK_METRIC)
        versus = ratio_of(em, statistics.median(naive_click)) if naive_click else ""
        rows.append(f"| {EMPTY_METRIC} | {em:.3g} | {pct(empty, 0.95):.3g} | | | | {em:.3g} | {versus} |")
    for metric, values in exports.items():
        rows.append(f"| {metric} | {statistics.median(values):.3g} | {pct(values, 0.95):.3g} | | | | | |")
    return "\n".join(rows)


def _median(values: Sequence[float] | None) -> float | None:
    return statistics.median(values) if values else None


def target_status(
    target: Target, results: Results, empty: Sequence[float], exports: Mapping[str, Sequence[float]]
) -> tuple[float | None, float | None]:
    """(ours' figure, the floor's figure) for ``target``: ratios to naive, or ours' median; None if not measured."""
    ours = _median({**results["ours"], **exports}.get(target.metric))
    if target.compare == "value":
        return ours, None
    if target.compare == "floor":
        if target.floor == "empty app":
            floor = _median(empty)
        else:
            floor = _median(results["floor"].get(target.floor_metric or target.metric))
        return (ours / floor if ours is not None and floor else None), None
    naive = _median(results["naive"].get(target.metric))
    if ours is None or not naive:
        return None, None
    if target.floor == "floor app":
        floor = _median(results["floor"].get(target.floor_metric or target.metric))
    elif target.floor == "empty app":
        floor = _median(empty)
    else:
        floor = None
    return ours / naive, (floor / naive if floor is not None else None)


def targets_table(
    targets: Sequence[Target], results: Results, empty: Sequence[float], exports: Mapping[str, Sequence[float]]
) -> str:
    """One row per target: ours' figure, met or missed, and what the floor reaches on the same run."""
    rows = ["| target | ours | met | floor | the floor meets it |", "| --- | ---: | --- | ---: | --- |"]
    for t in targets:
        ours, floor = target_status(t, results, empty, exports)
        if ours is None:
            rows.append(f"| {t.describe()} | not measured | — | | |")
            continue
        met = "**met**" if ours <= t.limit else "missed"
        what = f"{t.floor}: {t.floor_metric.strip()}" if t.floor_metric else t.floor
        floor_cell = f"{floor:.2f} ({what})" if floor is not None else ""
        reach = ("yes" if floor <= t.limit else "no") if floor is not None else ""
        figure = f"{ours:.2f}" if t.compare in ("ratio", "floor") else f"{ours:.3g}"
        rows.append(f"| {t.describe()} | {figure} | {met} | {floor_cell} | {reach} |")
    return "\n".join(rows)


def document(
    *,
    date: str,
    rounds: int,
    opens: int,
    machine: str,
    results: Results,
    empty: Sequence[float],
    exports: Mapping[str, Sequence[float]],
    targets: Sequence[Target],
) -> str:
    """``RESULTS.md``: how the run was made, on what machine, every figure, and the targets met or missed."""
    clicks = len(results["ours"].get(CLICK_METRIC, []))
    return (
        "# Benchmark results\n\n"
        f"`make bench` on {date}: {rounds} rounds alternating the apps, {opens} new-reader "
        f"and {opens} returning-reader page opens per app and round, and {opens} more for the returning reader "
        f"on a slow link and {opens} on a slower CPU (taking turns between the apps), and "
        f"{clicks // max(rounds, 1)} clicks per app and round ({clicks} clicks per app over the six regions).\n\n"
        f"Machine: {machine}\n\n{results_table(results, empty, exports)}\n\n"
        "App bytes exclude Streamlit's own frontend (every app pays it). The floor is `benchmarks/floor_app.py`: "
        "only `st_folium` of the 27 simplified units, no text, no widgets, no geopandas; what any such page "
        "costs before the app adds anything (it is not clicked). The floor of click → excerpt is the empty app's "
        "rerun round trip: ours reports a click at once (`dashboard/map/map_clicks.py`); the naive app waits for "
        "streamlit-folium's 250 ms debounce. Both floors run with the dashboard's `.streamlit/config.toml` "
        "(websocket compression, no forced garbage collection after each run); the naive app with Streamlit's "
        "defaults.\n\n"
        "## Targets\n\n"
        "From issue 6, declared in `benchmarks/targets.toml`. Ratios are medians of this run, ours/naive; the "
        "floor column is the same ratio for the floor app (for app bytes, only what it fetches over HTTP: Leaflet "
        "and streamlit-folium's bundle; for clicks, the empty app's rerun against the naive app's click). Where "
        "the floor does not meet a target, no Streamlit + streamlit-folium page of this map can on this machine; "
        'where it does, the room left is the difference. Issue 17\'s targets ("ours/floor app", "ours/empty app") '
        "compare ours with the floor itself, in the same run.\n\n"
        f"{targets_table(targets, results, empty, exports)}\n"
    )
