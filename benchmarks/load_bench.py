"""Many readers at once: the server's own capacity, driven over Streamlit's websocket without browsers.

Each simulated reader is one websocket session on ``/_stcore/stream`` speaking Streamlit's protocol as the
browser does: it opens the page (a ``rerun_script`` BackMsg with an empty query string), then "clicks" a region
on a schedule: a ``rerun_script`` whose widget states carry the map component's value as streamlit-folium
reports a click (``last_object_clicked`` and ``last_active_drawing``, the feature with its geometry and
``properties.iso_3166_2``: the keys of :data:`dashboard.map.mapview.RETURNED_OBJECTS`). Like the browser it
keeps the cacheable messages it received and names them in ``cached_message_hashes``, so the server sends a
reference instead of the unchanged map. A click counts as served only when its run finished successfully and
its deltas hold that region's panel (``data-claims-selected="UA-…"``, the unit's name and an excerpt of the
curated statement): the benchmark measures real work, never errors.

A step runs N sessions against a fresh server (``streamlit run dashboard/app.py`` on 127.0.0.1, a free port,
``CLAIMS_MAP_DATA_DIR`` a temp dir), warmed by one reader first. Each session clicks once every
``1 / rate`` seconds (never two clicks in flight: a late click goes as soon as the previous one is served),
for ``--seconds``. Per step it reports clicks/s served, p50/p95 of click → ``script_finished``, page opens,
errors, the server's CPU seconds per click (``/proc``) and its RSS (total, and per session above the warmed
idle server). The **capacity** is the most clicks per second served by a step whose p95 ≤ 500 ms, with no
error, as every lighter step's was (on a busy machine a stall can fail one step and not the next). The
driver runs on the same machine and takes CPU too (reported as "driver CPU s/click").

``python benchmarks/load_bench.py`` (sessions 1, 10, 20, 40, 60, 80, 100 at 0.5 click/s each, 10 s a step, ~3 min);
``--quick`` (1, 5, 10 sessions, 5 s a step, ~40 s); ``--sessions 1,10 --rate 1 --seconds 10`` to choose.
Prints a markdown table and writes it to ``benchmarks/LOAD.md``. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import json
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import websockets  # noqa: E402
from serving import running_app  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

OUT = Path(__file__).resolve().parent / "LOAD.md"
COMPONENT = "streamlit_folium.st_folium"
P95_LIMIT_MS = 500.0
RUN_TIMEOUT = 60.0
"""Seconds a run may take before the driver counts it as an error (a bound, not a measurement)."""
DEFAULT_SESSIONS = (1, 10, 20, 40, 60, 80, 100)
QUICK_SESSIONS = (1, 5, 10)


@dataclass(frozen=True)
class Region:
    """What a click on one unit sends and what its panel must show."""

    iso: str
    name: str
    excerpt: str
    point: tuple[float, float]  # (lat, lng) inside the unit
    feature: dict


def regions() -> list[Region]:
    """The units the seed names, each with its feature as the browser holds it (``map.js``'s geometry)."""
    from dashboard.claims import curated_claims
    from dashboard.places import boundaries, topology

    claims = curated_claims.load_claims()
    units = boundaries.load_units("simplified")
    names = dict(zip(units["iso_3166_2"], units["name"], strict=True))
    points = boundaries.representative_points(units)
    features = {f["properties"]["iso_3166_2"]: f for f in topology.decode_payload(topology.units_payload())["features"]}
    out = []
    for iso in claims.units:
        region = claims.region_for_unit(iso)
        cited = (*region.claim_excerpts, *region.control_excerpts, *region.mentions)
        feature = json.loads(json.dumps(features[iso]))
        feature["properties"].update(name=names[iso])
        out.append(Region(iso, names[iso], _words(cited[0].text)[:60], points[iso], feature))
    return out


def _words(text: str) -> str:
    return " ".join(text.split())


def click_value(region: Region) -> str:
    """The JSON streamlit-folium sends for a click on ``region`` (``returned_objects`` = the app's keys)."""
    lat, lng = region.point
    lat += random.uniform(-0.01, 0.01)  # each click lands somewhere else: the value changes, as a reader's does
    return json.dumps(
        {"last_object_clicked": {"lat": lat, "lng": lng}, "last_active_drawing": region.feature},
        separators=(",", ":"),
    )


_TAG = re.compile(r"<[^>]+>")


def panel_shows(bodies: list[str], region: Region) -> bool:
    """Whether one of the run's HTML elements is ``region``'s panel with its name and excerpt, as read."""
    marker = f'data-claims-selected="{region.iso}"'
    for body in bodies:
        if marker in body:
            text = _words(html.unescape(_TAG.sub("", body)))
            return region.name in text and region.excerpt in text
    return False


@dataclass
class Run:
    """One script run as the client saw it."""

    seconds: float
    status: str  # FINISHED_SUCCESSFULLY, or what went wrong
    html: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "FINISHED_SUCCESSFULLY" and not self.exceptions


class Session:
    """One reader's websocket session (``async with Session(base) as s: await s.open(); await s.click(r)``)."""

    def __init__(self, base: str):
        self.url = base.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.cache: dict[str, ForwardMsg] = {}
        self.map_id: str | None = None
        self.ws = None

    async def __aenter__(self) -> Session:
        # The browser sends ["streamlit", xsrf token, session id]; empty ones are dropped here (the websockets
        # client refuses an empty subprotocol, and the server reads a missing entry as none).
        self.ws = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, compression="deflate", open_timeout=RUN_TIMEOUT
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def open(self, query: str = "") -> Run:
        return await self._rerun(query, None)

    async def click(self, region: Region) -> Run:
        if self.map_id is None:
            return Run(0.0, "no map component in the page")
        run = await self._rerun("", click_value(region))
        if run.ok and not panel_shows(run.html, region):
            run.status = f"no panel for {region.iso}"
        return run

    async def _rerun(self, query: str, map_value: str | None) -> Run:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        state.cached_message_hashes.extend(self.cache)
        if map_value is not None:
            widget = state.widget_states.widgets.add()
            widget.id = self.map_id
            widget.json_value = map_value
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        run = Run(0.0, "timed out")
        try:
            async with asyncio.timeout(RUN_TIMEOUT):
                while True:
                    fwd = ForwardMsg.FromString(await self.ws.recv())
                    kind = fwd.WhichOneof("type")
                    if kind == "ref_hash":
                        if fwd.ref_hash not in self.cache:
                            run.status = f"reference to a message never received ({fwd.ref_hash})"
                            break
                        fwd = self.cache[fwd.ref_hash]
                        kind = fwd.WhichOneof("type")
                    elif fwd.metadata.cacheable:
                        self.cache[fwd.hash] = fwd
                    if kind == "delta":
                        self._read_delta(fwd, run)
                    elif kind == "script_finished":
                        run.status = ForwardMsg.ScriptFinishedStatus.Name(fwd.script_finished)
                        break
        except TimeoutError:
            pass
        except websockets.ConnectionClosed as exc:
            run.status = f"connection closed ({exc})"
        run.seconds = time.perf_counter() - start
        return run

    def _read_delta(self, fwd: ForwardMsg, run: Run) -> None:
        if fwd.delta.WhichOneof("type") != "new_element":
            return
        element = fwd.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "html":
            run.html.append(element.html.body)
        elif kind == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "component_instance" and element.component_instance.component_name == COMPONENT:
            self.map_id = element.component_instance.id


@dataclass
class Load:
    """What the sessions did: their page opens, their clicks (region, run), and how long the clicking took."""

    opens: list[Run]
    clicks: list[tuple[Region, Run]]
    seconds: float  # from the first click sent to the last reply
    marks: dict = field(default_factory=dict)  # what ``probe(phase)`` returned: "opened", "clicked"

    @property
    def runs(self) -> list[Run]:
        return [*self.opens, *(run for _, run in self.clicks)]


async def _clicks(session: Session, units: list[Region], clicks: int, interval: float, until: float, seed: int):
    """One reader's clicks: a different unit every ``interval`` s (at most ``clicks``, none sent after ``until``)."""
    rng = random.Random(seed)
    out: list[tuple[Region, Run]] = []
    if session.map_id is None:
        return out
    await asyncio.sleep(rng.uniform(0, min(interval, until - time.monotonic())))  # readers do not click in step
    due, last = time.monotonic(), None
    while len(out) < clicks and time.monotonic() < until:
        region = rng.choice([u for u in units if u is not last])
        last = region
        out.append((region, await session.click(region)))
        due += interval
        await asyncio.sleep(max(0.0, min(due, until) - time.monotonic()))
    return out


async def drive(
    base: str, sessions: int, clicks: int, interval: float = 0.0, seconds: float = 3600.0, probe=None
) -> Load:
    """``sessions`` readers at once against the server at ``base``: all open the page, then each clicks (bounded
    by ``clicks`` each and ``seconds`` in all); ``probe(phase)`` is called once all have opened ("opened") and
    after the last click, before the sessions close ("clicked")."""
    units = regions()
    async with contextlib.AsyncExitStack() as stack:
        live = await asyncio.gather(*(stack.enter_async_context(Session(base)) for _ in range(sessions)))
        opens = list(await asyncio.gather(*(s.open() for s in live)))
        marks = {"opened": probe("opened")} if probe else {}
        start = time.monotonic()
        done = await asyncio.gather(
            *(_clicks(s, units, clicks, interval, start + seconds, seed) for seed, s in enumerate(live))
        )
        took = max(time.monotonic() - start, min(seconds, clicks * interval))  # a click's reply may come after
        if probe:
            marks["clicked"] = probe("clicked")
    return Load(opens, [c for one in done for c in one], took, marks)


# --- the sweep --------------------------------------------------------------------------------------------------


def proc_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def proc_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


@dataclass
class Step:
    sessions: int
    offered: float  # clicks/s asked for
    served: float  # clicks/s served with the panel
    clicks: int
    errors: int
    p50: float
    p95: float
    open_p50: float
    open_p95: float
    cpu_per_click: float
    driver_cpu_per_click: float
    rss_idle: float
    rss: float
    error_examples: list[str]

    @property
    def within(self) -> bool:
        return self.errors == 0 and self.clicks > 0 and self.p95 <= P95_LIMIT_MS

    @property
    def rss_per_session(self) -> float:
        return (self.rss - self.rss_idle) / self.sessions


def server_pid(base: str) -> int:
    """The pid of the server serving ``base`` (``running_app`` starts it as a child of this process)."""
    port = base.rsplit(":", 1)[1]
    for pid in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            ppid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if ppid == os.getpid() and b"streamlit" in argv and port.encode() in argv:
                return int(pid)
    raise RuntimeError(f"no server of ours on port {port}")


def run_step(sessions: int, rate: float, seconds: float) -> Step:
    """``sessions`` readers clicking ``rate`` times a second each, for ``seconds``, against a fresh server."""
    with tempfile.TemporaryDirectory(prefix="claims-load-") as folder, running_app(Path(folder)) as base:
        pid = server_pid(base)
        asyncio.run(drive(base, 1, 2))  # warm: the first page builds the shared views
        rss_idle = proc_rss_mb(pid)

        def probe(_phase: str) -> tuple[float, float, float]:
            return proc_cpu_seconds(pid), time.process_time(), proc_rss_mb(pid)

        load = asyncio.run(drive(base, sessions, clicks=10_000, interval=1 / rate, seconds=seconds, probe=probe))
    (cpu0, me0, _), (cpu1, me1, rss) = load.marks["opened"], load.marks["clicked"]
    good = [run.seconds * 1000 for _, run in load.clicks if run.ok]
    problems = [run.status + "; ".join(run.exceptions) for run in load.runs if not run.ok]
    opened = [o.seconds * 1000 for o in load.opens]
    return Step(
        sessions=sessions,
        offered=sessions * rate,
        served=len(good) / load.seconds if load.seconds else 0.0,
        clicks=len(load.clicks),
        errors=len(problems),
        p50=percentile(good, 50),
        p95=percentile(good, 95),
        open_p50=percentile(opened, 50),
        open_p95=percentile(opened, 95),
        cpu_per_click=(cpu1 - cpu0) / max(len(load.clicks), 1),
        driver_cpu_per_click=(me1 - me0) / max(len(load.clicks), 1),
        rss_idle=rss_idle,
        rss=rss,
        error_examples=sorted(set(problems))[:3],
    )


def capacity(steps: list[Step]) -> Step | None:
    """The step serving the most clicks per second while it and every lighter step (less offered) kept p95 ≤
    500 ms with no error; None if the lightest missed. A heavier step that passes after one that missed (a noisy
    machine) does not count."""
    best = None
    for step in sorted(steps, key=lambda s: (s.offered, s.sessions)):
        if not step.within:
            break
        best = step if best is None or step.served > best.served else best
    return best


def table(steps: list[Step], rate: float, seconds: float) -> str:
    rows = [
        "| sessions | offered clicks/s | served clicks/s | clicks | errors | click p50 (ms) | click p95 (ms) "
        "| page open p50 / p95 (ms) | server CPU s/click | driver CPU s/click | server RSS (MB) | RSS/session (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in steps:
        rows.append(
            f"| {s.sessions} | {s.offered:.1f} | {s.served:.2f} | {s.clicks} | {s.errors} | {s.p50:.0f} | "
            f"{s.p95:.0f}{'' if s.p95 <= P95_LIMIT_MS else ' ✗'} | {s.open_p50:.0f} / {s.open_p95:.0f} | "
            f"{s.cpu_per_click:.3f} | {s.driver_cpu_per_click:.3f} | {s.rss:.0f} (idle {s.rss_idle:.0f}) | "
            f"{s.rss_per_session:.2f} |"
        )
    best = capacity(steps)
    verdict = (
        f"**Capacity: {best.served:.2f} clicks/s served at p95 ≤ {P95_LIMIT_MS:.0f} ms** "
        f"({best.sessions} sessions, p95 {best.p95:.0f} ms)."
        if best
        else f"**Capacity: the lightest step missed p95 ≤ {P95_LIMIT_MS:.0f} ms without errors.**"
    )
    cpu = [s.cpu_per_click for s in steps if s.clicks >= 20]
    if cpu:  # less noisy than a p95 on a shared machine: the server runs every script under one GIL
        per_click = statistics.median(cpu)
        verdict += (
            f" Server CPU per click {per_click * 1000:.0f} ms (median of the steps): at most ~{1 / per_click:.0f} "
            "clicks/s on one core (CPU time suffers less than a p95 from the machine's other load)."
        )
    errors = [f"- {s.sessions} sessions: {e}" for s in steps for e in s.error_examples]
    return "\n".join(
        [
            verdict,
            "",
            *rows,
            "",
            f"Each session opens the page, then clicks a different seeded unit every {1 / rate:g} s "
            f"({rate:g} click/s; a late click goes when the previous one is served) for {seconds:g} s; a fresh "
            "server per step, warmed by one reader. Click → `script_finished`, with the region's panel checked in "
            "the deltas. CPU per click is counted over the clicking time only (after every page open); RSS is "
            "taken with every session open, RSS/session above the warmed idle server.",
            *(["", "Errors (first of each step):", *errors] if errors else []),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="1, 5, 10 sessions, 5 s a step")
    parser.add_argument("--sessions", help="comma-separated session counts (default 1,10,20,40,60,80,100)")
    parser.add_argument("--rate", type=float, default=0.5, help="clicks per second per session (default 0.5)")
    parser.add_argument("--seconds", type=float, help="clicking time per step (default 10; --quick 5)")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the table (default LOAD.md)")
    args = parser.parse_args(argv)
    counts = (
        tuple(int(n) for n in args.sessions.split(","))
        if args.sessions
        else (QUICK_SESSIONS if args.quick else DEFAULT_SESSIONS)
    )
    seconds = args.seconds or (5.0 if args.quick else 10.0)
    load = os.getloadavg()[0]
    steps = []
    for n in counts:
        steps.append(run_step(n, args.rate, seconds))
        s = steps[-1]
        print(f"{n} sessions: {s.served:.2f} clicks/s, p50 {s.p50:.0f} ms, p95 {s.p95:.0f} ms, errors {s.errors}",
              file=sys.stderr)  # fmt: skip
    text = table(steps, args.rate, seconds)
    print(text)
    args.out.write_text(
        "# Many readers at once (`benchmarks/load_bench.py`)\n\n"
        f"{text}\n\nMachine: {platform.platform()}; {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"load average before the run {load:.2f}. The driver shares the machine with the server.\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
