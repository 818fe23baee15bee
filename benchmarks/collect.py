"""The last step of ``make bench``: the other benchmarks' reports appended to ``benchmarks/RESULTS.md``, so that
one file holds every figure of the run (the dashboard against the naive and floor apps, then speed as the work
grows, many readers at once, ingestion, the command line's exports, the embed, the timeline and our pieces against
the libraries).

Each report is read as the benchmark wrote it (``SCALE.md``, ``LOAD.md``, ``INGEST.md``, ``CLI.md``, ``EMBED.md``,
``TIMELINE.md``, ``LIBRARIES.md``); a missing one is named as missing, never invented.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
REPORTS = ("SCALE.md", "LOAD.md", "INGEST.md", "CLI.md", "EMBED.md", "TIMELINE.md", "LIBRARIES.md")
MARK = "\n\n# Also measured by this run of `make bench`\n"


def main() -> None:
    results = HERE / "RESULTS.md"
    text = results.read_text(encoding="utf-8").split(MARK)[0].rstrip("\n")
    parts = [text, MARK]
    for name in REPORTS:
        report = HERE / name
        if report.exists():
            body = report.read_text(encoding="utf-8").strip()
            # each report's own title becomes a section of this one
            parts.append("\n" + body.replace("\n# ", "\n### ").replace("# ", "## ", 1) + "\n")
        else:
            parts.append(f"\n## {name}\n\nNot written by this run.\n")
    results.write_text("".join(parts), encoding="utf-8")
    print(f"benchmarks/collect.py: {', '.join(REPORTS)} appended to {results.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
