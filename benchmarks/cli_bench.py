"""The command line's exports as a user runs them: ``python -m dashboard export --format FMT`` from start to exit.

Each format (the seed's map at the default size: PNG, SVG, PDF, and the HTML embed) is run as a subprocess,
once to warm up (so the ``.pyc`` files and matplotlib's font cache exist), then ``BENCH_REPEAT`` times (default
7, at least 5), the formats taking turns within each round so that a noisy machine's drift hits them alike. It
prints a table of wall seconds (median, min, max) and CPU seconds (user + system of the child, median: less
affected by other work on a shared machine), the output's size, and the figure issue 17 names::

    CLI PNG wall (s): X (target ≤ 1.5: met/missed)

Run from the repository root (``make bench`` writes the table to ``benchmarks/CLI.md``)::

    .venv/bin/python benchmarks/cli_bench.py

Nothing here asserts a time.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("png", "svg", "pdf", "html")
REPEAT = max(int(os.environ.get("BENCH_REPEAT", "7")), 5)
PNG_TARGET_S = 1.5
"""Issue 17: the command line's PNG export in at most this many seconds, wall, warm."""


def run_once(fmt: str, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``python -m dashboard export --format fmt`` run.

    Raises
    ------
    RuntimeError
        If the command fails (a figure of a failing run means nothing).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "--format", fmt, "--out", str(out)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"export --format {fmt} failed ({done.returncode}): {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(folder: Path) -> dict[str, dict[str, list[float] | int]]:
    """Every format's wall and CPU seconds over :data:`REPEAT` rounds, after one warm-up run each."""
    outs = {fmt: folder / f"map.{fmt}" for fmt in FORMATS}
    for fmt in FORMATS:
        run_once(fmt, outs[fmt])
    figures: dict[str, dict] = {fmt: {"wall": [], "cpu": []} for fmt in FORMATS}
    for _ in range(REPEAT):
        for fmt in FORMATS:
            wall, cpu = run_once(fmt, outs[fmt])
            figures[fmt]["wall"].append(wall)
            figures[fmt]["cpu"].append(cpu)
    for fmt in FORMATS:
        figures[fmt]["bytes"] = outs[fmt].stat().st_size
    return figures


def report(figures: dict[str, dict]) -> str:
    """The table (Markdown) and the target line."""
    lines = [
        "# Command line exports (benchmarks/cli_bench.py)",
        "",
        f"`python -m dashboard export --format FMT --out FILE` (the seed's map, default size), as a subprocess, "
        f"median of {REPEAT} warm runs. Machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}.",
        "",
        "| format | wall median (s) | wall min (s) | wall max (s) | CPU median (s) | output (bytes) |",
        "|---|---|---|---|---|---|",
    ]
    for fmt, f in figures.items():
        wall, cpu = f["wall"], f["cpu"]
        lines.append(
            f"| {fmt} | {statistics.median(wall):.2f} | {min(wall):.2f} | {max(wall):.2f} | "
            f"{statistics.median(cpu):.2f} | {f['bytes']:,} |"
        )
    png = statistics.median(figures["png"]["wall"])
    verdict = "met" if png <= PNG_TARGET_S else "missed"
    lines += ["", f"CLI PNG wall (s): {png:.2f} (target ≤ {PNG_TARGET_S}: {verdict})"]
    return "\n".join(lines) + "\n"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="cli-bench-") as folder:
        print(report(measure(Path(folder))), end="")


if __name__ == "__main__":
    main()
