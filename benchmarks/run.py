"""Benchmark the dashboard against the naive app, side by side, in one run (``make bench``).

Both apps are started on 127.0.0.1 and driven by Debian's Chromium through Playwright, alternating over several
rounds so that a noisy machine affects both alike. For each app it reports the median and p95 of:

- server start → healthy (``/_stcore/health`` answers);
- page open → polygons painted (≥ 27 Leaflet paths in the component's iframe), server warm, browser cache cold
  (a new reader), and again for a returning reader (the same browser, its cache filled by a first visit), on
  this machine's loopback, on a slow link (``SLOW_LINK``: 4 Mbit/s, 100 ms, as in the field) and on a slower
  computer (``SLOW_CPU``: Chromium runs the page's main thread 4× slower, as on an older laptop); the apps'
  page opens take turns within each round (all three servers up), so drift hits them alike;
- bytes received until the map is painted: the websocket as it crosses the wire (``benchmarks/wire.py``, a
  counting proxy; also decompressed, as Chromium reports it), and HTTP split into Streamlit's own frontend
  (``/static/``, ``/_stcore/``) and what the app serves (``/component/``, ``/app/static/``, ``/media/``);
- script runs per page load and script reruns caused by one pan and one zoom (counted on the server by
  ``benchmarks/serve.py``, which wraps ``streamlit run``);
- click on a region → its excerpt visible (≥ 20 clicks over the six regions);
- server CPU seconds per click and server peak memory (``/proc``: Linux);
- for ours, PNG/SVG/PDF export times at 300 dpi;
- an empty Streamlit app's rerun round trip (button click → new text), the floor for click latency;
- the floor app (``benchmarks/floor_app.py``: ``st_folium`` of the 27 units and nothing else): page open,
  bytes, runs and memory, the least any Streamlit + streamlit-folium page of this map costs.

The naive app runs with Streamlit's defaults, as its user would; the two floors with the dashboard's own
``.streamlit/config.toml`` (websocket compression, no forced garbage collection after each run), so that they
stay the least such a page can cost.

It prints a table with the ratios ours/naive and writes it, with the machine's description, to
``benchmarks/RESULTS.md``. Environment: ``BENCH_ROUNDS`` (default 5), ``BENCH_CLICKS`` (per round, default 24),
``BENCH_OPENS`` (timed page opens per round, default 3).
Benchmarks wait for quiet periods (they measure); tests never do.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import report  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from wire import CountingProxy  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Offline like a reader in the field: every host but this machine fails to resolve at once. (Not Playwright
    # routes: a route sends each request through Python, which slows a page of many requests, and turns off the
    # browser's HTTP cache, which the returning reader's opens rely on.)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
VIEWPORT = {"width": 1400, "height": 900}
CLICKS = int(os.environ.get("BENCH_CLICKS", "24"))
OPENS = int(os.environ.get("BENCH_OPENS", "3"))
# A reader in the field: 4 Mbit/s down, 1 Mbit/s up, 100 ms round trips (Chromium's network emulation, which
# throttles the websocket too). Only the returning reader's open is timed on it: a new reader's is dominated by
# Streamlit's own 2.7 MB frontend, the same for every app.
SLOW_LINK = {"offline": False, "latency": 100, "downloadThroughput": 4e6 / 8, "uploadThroughput": 1e6 / 8}
SLOW_ROW = "page open → polygons, returning reader on a slow link (s)"
# An older laptop: Chromium's CPU throttling slows the page's main thread 4× (the servers are not slowed).
SLOW_CPU = 4
SLOW_CPU_ROW = f"page open → polygons, returning reader on a {SLOW_CPU}× slower CPU (s)"
# (region name shown in the panel heading, a point inside it (lat, lon), text that must then be visible)
TARGETS = [
    ("Donetsk", (48.0, 37.8), "Russian forces control most of the Donetsk and Luhansk regions"),
    ("Luhansk", (48.9, 39.0), "Russian forces control most of the Donetsk and Luhansk regions"),
    ("Zaporizhzhia", (47.4, 35.8), "but only parts of Zaporizhzhia and Kherson"),
    ("Kherson", (46.7, 33.5), "but only parts of Zaporizhzhia and Kherson"),
    ("Crimea", (45.3, 34.4), "It also annexed the Crimean Peninsula in 2014"),
    ("Kharkiv", (49.6, 36.6), "Moscow also occupies part of Ukraine's northeastern Kharkiv region"),
]
FIND_MAP_JS = """() => {
  for (const k of Object.keys(window)) {
    try { const v = window[k]; if (v && v instanceof window.L.Map) return k; } catch (e) {}
  }
  return null;
}"""

EMPTY_APP = textwrap.dedent(
    """
    import streamlit as st
    st.session_state.setdefault("n", 0)
    if st.button("Rerun"):
        st.session_state.n += 1
    st.write(f"runs-{st.session_state.n}")
    """
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def proc_peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Server:
    script: Path
    cwd: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None
    started_s: float = 0.0
    log: object = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def runs(self) -> int:
        """Script runs so far, counted by ``benchmarks/serve.py`` on the server."""
        return Path(self.log.name).read_text(encoding="utf-8").count("run\n")

    def start(self) -> float:
        self.log = tempfile.NamedTemporaryFile("w+", prefix="streamlit-runs-", suffix=".txt")  # noqa: SIM115
        t0 = time.perf_counter()
        env = {**os.environ, "CLAIMS_MAP_ROOT": str(ROOT), "BENCH_RUNS_FILE": self.log.name}
        self.proc = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "serve.py"),
                str(self.script),
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(self.port),
                "--server.headless",
                "true",
                "--server.enableStaticServing",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=self.cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = t0 + 60
        while time.perf_counter() < deadline:
            with contextlib.suppress(OSError), urllib.request.urlopen(self.url + "_stcore/health", timeout=1) as r:
                if r.status == 200:
                    self.started_s = time.perf_counter() - t0
                    return self.started_s
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.script} exited with {self.proc.returncode}")
            time.sleep(0.02)
        raise RuntimeError(f"{self.script} not healthy after 60 s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if self.log is not None:
            self.log.close()


class Traffic:
    """Counts bytes (by kind) and decodes Streamlit's websocket messages of one page."""

    def __init__(self, page):
        self.http_frontend = 0
        self.http_app = 0
        self.ws_in = 0
        self.scripts_finished = 0
        self.reruns_requested = 0
        page.on("requestfinished", self._on_request)
        page.on("websocket", self._on_ws)

    def _on_request(self, request) -> None:
        try:
            sizes = request.sizes()
        except Exception:  # the page may be closing
            return
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        path = request.url.split("://", 1)[-1].split("/", 1)[-1]
        if path.startswith(("component/", "app/static/", "media/")):
            self.http_app += size
        else:
            self.http_frontend += size

    def _on_ws(self, ws) -> None:
        ws.on("framereceived", self._on_frame_in)
        ws.on("framesent", self._on_frame_out)

    def _on_frame_in(self, payload) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode()
        self.ws_in += len(data)
        with contextlib.suppress(Exception):
            if ForwardMsg.FromString(data).WhichOneof("type") == "script_finished":
                self.scripts_finished += 1

    def _on_frame_out(self, payload) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode()
        with contextlib.suppress(Exception):
            if BackMsg.FromString(data).WhichOneof("type") == "rerun_script":
                self.reruns_requested += 1


def map_frame(page, timeout_s: float = 60):
    """The iframe holding the Leaflet map, and the map's global name in it."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        for frame in page.frames:
            with contextlib.suppress(Exception):
                if frame.evaluate("() => !!window.L"):
                    name = frame.evaluate(FIND_MAP_JS)
                    if name:
                        return frame, name
        time.sleep(0.01)
    raise TimeoutError("no Leaflet map appeared")


def wait_polygons(page, minimum: int = 27, timeout_s: float = 60):
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        for frame in page.frames:
            with contextlib.suppress(Exception):
                if frame.evaluate("() => document.querySelectorAll('path.leaflet-interactive').length") >= minimum:
                    return frame
        time.sleep(0.005)
    raise TimeoutError("polygons never painted")


def wait_quiet(traffic: Traffic | None, server: Server, quiet_s: float = 1.0, timeout_s: float = 30) -> None:
    """Wait until no script run starts or finishes for ``quiet_s`` (benchmarks measure; tests never wait)."""
    state = (traffic.scripts_finished if traffic else 0, server.runs())
    since = time.perf_counter()
    deadline = since + timeout_s
    while time.perf_counter() < deadline:
        time.sleep(0.05)
        now = (traffic.scripts_finished if traffic else 0, server.runs())
        if now != state:
            state, since = now, time.perf_counter()
        elif time.perf_counter() - since >= quiet_s:
            return


def click_point(page, frame, map_name: str, lat: float, lon: float) -> tuple[float, float]:
    element = frame.frame_element()
    box = element.bounding_box()
    x, y = frame.evaluate(
        f"([la, lo]) => {{ const p = window['{map_name}'].latLngToContainerPoint([la, lo]); return [p.x, p.y]; }}",
        [lat, lon],
    )
    container = frame.evaluate(
        f"() => {{ const r = window['{map_name}'].getContainer().getBoundingClientRect(); return [r.left, r.top]; }}"
    )
    return box["x"] + container[0] + x, box["y"] + container[1] + y


def panel_shows(page, heading: str, text: str) -> bool:
    return page.evaluate(
        """([heading, text]) => {
          const hs = [...document.querySelectorAll('h1,h2,h3,h4')].map(h => h.innerText.trim());
          return hs.some(h => h.startsWith(heading)) && document.body.innerText.includes(text);
        }""",
        [heading, text],
    )


def measure_opens(browser, running: dict[str, tuple[Server, CountingProxy]], results: dict) -> None:
    """Time page open → polygons for every app in turn, open after open, so that drift hits all alike.

    Each app first gets one visit, which warms its server (caches) like any reader after the first and fills
    a returning reader's browser cache (Streamlit's bundles are served "immutable"; the map's files by their
    ETag). Then, ``OPENS`` times: a returning reader (that browser context, a new page) of each app, the same
    on :data:`SLOW_LINK` and with the CPU slowed :data:`SLOW_CPU` times, and a new reader (a new context, empty
    cache) of each app.
    """
    returning = {}
    for name, (_, proxy) in running.items():
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.goto(proxy.url)
        wait_polygons(page)
        page.close()
        returning[name] = context
        results[name]["page open → polygons (s)"]  # noqa: B018 -- the new reader's row comes first in the table
    for _ in range(OPENS):
        for row, link, cpu in (
            ("page open → polygons, returning reader (s)", None, None),
            (SLOW_ROW, SLOW_LINK, None),
            (SLOW_CPU_ROW, None, SLOW_CPU),
        ):
            for name, (server, proxy) in running.items():
                page = returning[name].new_page()
                cdp = returning[name].new_cdp_session(page)
                if link is not None:
                    cdp.send("Network.enable")
                    cdp.send("Network.emulateNetworkConditions", link)
                if cpu is not None:
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
                results[name][row].append(_open(page, proxy.url))
                wait_quiet(None, server, quiet_s=0.5)
                page.close()
        for name, (server, proxy) in running.items():
            context = browser.new_context(viewport=VIEWPORT)
            results[name]["page open → polygons (s)"].append(_open(context.new_page(), proxy.url))
            wait_quiet(None, server, quiet_s=0.5)
            context.close()
    for context in returning.values():
        context.close()


def _open(page, url: str) -> float:
    t0 = time.perf_counter()
    page.goto(url)
    wait_polygons(page)
    return time.perf_counter() - t0


def measure_app(browser, server: Server, proxy: CountingProxy, results: dict, *, interactive: bool = True) -> None:
    """One more new reader's page open, counting its bytes and script runs; if ``interactive``, pan, zoom, click.

    The browser talks to the server through :class:`wire.CountingProxy`, which counts the websocket's bytes as
    sent (compressed, if the app enables compression); HTTP sizes come from Chromium (encoded bodies).
    """
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    traffic = Traffic(page)
    runs_before = server.runs()
    proxy.reset()
    page.goto(proxy.url)
    wait_polygons(page)
    wire = proxy.websocket_bytes
    results["app bytes to map (KB): websocket + /component + /app"].append((wire + traffic.http_app) / 1024)
    results["  websocket on the wire (KB)"].append(wire / 1024)
    results["  websocket, decompressed (KB)"].append(traffic.ws_in / 1024)
    results["  /component + /app/static (KB)"].append(traffic.http_app / 1024)
    results["Streamlit frontend bytes (KB)"].append(traffic.http_frontend / 1024)
    wait_quiet(traffic, server)
    results["script runs per page load"].append(server.runs() - runs_before)
    if not interactive:
        results["server peak memory (MB)"].append(proc_peak_rss_mb(server.proc.pid))
        context.close()
        return

    frame, name = map_frame(page)
    box = frame.frame_element().bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    before = server.runs()
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 80, cy + 40, steps=8)
    page.mouse.up()
    page.mouse.wheel(0, -300)
    wait_quiet(traffic, server, quiet_s=1.5)
    results["reruns on one pan + one zoom"].append(server.runs() - before)
    frame.evaluate(f"() => window['{name}'].setView([48.4, 31.2], 5, {{animate: false}})")
    wait_quiet(traffic, server, quiet_s=1.0)

    pid = server.proc.pid
    cpu0 = proc_cpu_seconds(pid)
    runs0 = server.runs()
    wire0 = proxy.websocket_bytes
    clicks = 0
    for i in range(CLICKS):
        heading, (lat, lon), text = TARGETS[i % len(TARGETS)]
        x, y = click_point(page, frame, name, lat, lon)
        t0 = time.perf_counter()
        page.mouse.click(x, y)
        deadline = t0 + 20
        while not panel_shows(page, heading, text):
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{server.script.name}: clicking {heading} showed no excerpt")
            time.sleep(0.002)
        results["click → excerpt (ms)"].append((time.perf_counter() - t0) * 1000)
        clicks += 1
        wait_quiet(traffic, server, quiet_s=0.4)
    results["script runs per click"].append((server.runs() - runs0) / clicks)
    results["websocket bytes per click, on the wire (KB)"].append((proxy.websocket_bytes - wire0) / clicks / 1024)
    results["server CPU per click (ms)"].append((proc_cpu_seconds(pid) - cpu0) / clicks * 1000)
    results["server peak memory (MB)"].append(proc_peak_rss_mb(pid))
    context.close()


def measure_empty(browser, server: Server, results: list) -> None:
    page = browser.new_page()
    page.goto(server.url)
    page.get_by_text("runs-0").wait_for()
    for i in range(1, 11):
        t0 = time.perf_counter()
        page.get_by_role("button", name="Rerun").click()
        page.get_by_text(f"runs-{i}").wait_for()
        results.append((time.perf_counter() - t0) * 1000)
    page.close()


def export_times() -> dict[str, list[float]]:
    from dashboard.export.exports import export_bytes

    out: dict[str, list[float]] = {}
    export_bytes("png", preset="a4")  # warm caches
    for fmt in ("png", "svg", "pdf"):
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            export_bytes(fmt, preset="a4")
            times.append(time.perf_counter() - t0)
        out[report.export_metric(fmt)] = times
    return out


def machine() -> str:
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in ln),
        platform.processor() or "unknown CPU",
    )
    mem = next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal"))
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    from importlib.metadata import version

    import streamlit
    import streamlit_folium  # noqa: F401

    return (
        f"{platform.platform()}; {os.cpu_count()} cores ({cpu}); {int(mem) / 1024 / 1024:.1f} GiB RAM; "
        f"Python {platform.python_version()}; streamlit {streamlit.__version__}; "
        f"streamlit-folium {version('streamlit-folium')}; folium {version('folium')}; {chromium}"
    )


def main() -> int:
    if not Path(CHROMIUM).exists():
        print("benchmarks need Debian's chromium: run `make chromium` (apt-get install chromium)", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="claims-bench-"))
    # The naive app runs from a folder whose static/ is the dashboard's (its only offline patch), with
    # Streamlit's defaults. The floors run from one that also has the dashboard's .streamlit/ settings
    # (compression, no forced garbage collection): the least such a page costs, tuned as ours is.
    floordir = workdir / "floor"
    for folder in (workdir, floordir):
        folder.mkdir(exist_ok=True)
        (folder / "static").symlink_to(ROOT / "dashboard" / "static", target_is_directory=True)
    shutil.copy(ROOT / "benchmarks" / "naive_app.py", workdir / "naive_app.py")
    shutil.copytree(ROOT / ".streamlit", floordir / ".streamlit")
    (floordir / "empty_app.py").write_text(EMPTY_APP)
    shutil.copy(ROOT / "benchmarks" / "floor_app.py", floordir / "floor_app.py")
    apps = {
        "ours": (ROOT / "dashboard" / "app.py", ROOT),
        "naive": (workdir / "naive_app.py", workdir),
        "floor": (floordir / "floor_app.py", floordir),
    }
    results: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in apps}
    empty: list[float] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for rnd in range(ROUNDS):
            order = list(apps) if rnd % 2 == 0 else list(reversed(apps))
            with contextlib.ExitStack() as stack:
                running = {}
                for name in order:
                    server = Server(*apps[name])
                    stack.callback(server.stop)
                    results[name]["server start → healthy (s)"].append(server.start())
                    running[name] = (server, stack.enter_context(CountingProxy(server.port)))
                measure_opens(browser, running, results)
                print(f"round {rnd + 1}/{ROUNDS}: page opens done", file=sys.stderr)
                for name, (server, proxy) in running.items():
                    measure_app(browser, server, proxy, results[name], interactive=name != "floor")
                    print(f"round {rnd + 1}/{ROUNDS}: {name} done", file=sys.stderr)
        server = Server(floordir / "empty_app.py", floordir)
        try:
            server.start()
            measure_empty(browser, server, empty)
        finally:
            server.stop()
        browser.close()
    exports = export_times()
    shutil.rmtree(workdir, ignore_errors=True)

    text = report.document(
        date=time.strftime("%Y-%m-%d"),
        rounds=ROUNDS,
        opens=OPENS,
        machine=machine(),
        results=results,
        empty=empty,
        exports=exports,
        targets=report.load_targets(),
    )
    print(text)
    (ROOT / "benchmarks" / "RESULTS.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
