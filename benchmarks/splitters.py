"""Sentence splitters compared: boundary precision / recall / F1 on our hand-labelled sentences, and speed.

Accuracy is scored on ``tests/data/sentences`` (hand-labelled, format in its README): ``dev-*`` files (the ones
the project's rules were tuned on) and ``test-*`` files (held out: written before the rules, never used to tune
them), paragraph by paragraph, as the reader gives them (one line of an article at a time). Speed is MB/s of
UTF-8 text over a 1 MB text made of those paragraphs repeated, split one paragraph at a time, best of
``BENCH_REPEAT`` (default 2) runs; every splitter is timed in this one run, so compare them by ratio.

Each splitter's sentences are placed in the paragraph from a cursor (``str.find`` of the stripped sentence), as
the reader needs exact offsets; a sentence a splitter altered (so it is not found verbatim) is dropped, which
costs it recall. Splitters that are not installed are listed as such. The candidates live outside the project's
dependencies; to measure them all::

    python3 -m venv /tmp/splitvenv
    /tmp/splitvenv/bin/pip install pysbd blingfire numpy nupunkt sentencex syntok
    PYTHONPATH=. /tmp/splitvenv/bin/python benchmarks/splitters.py

Prints the table and writes it to ``benchmarks/SPLITTERS.md`` (only when every candidate is installed: the
project's own environment has none of them, so there it prints our row and leaves the file alone). Nothing here
asserts anything.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import sentence_labels as labels  # noqa: E402

from dashboard.sources import sentences  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "2"))
SPEED_BYTES = 1_000_000
OUT = ROOT / "benchmarks" / "SPLITTERS.md"

Spans = list[tuple[int, int]]


def located(text: str, pieces: Iterable[str]) -> Spans:
    """The pieces' ``(start, end)`` in ``text``, found in order from a cursor (pieces not found are dropped)."""
    out: Spans = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0:
            continue
        out.append((at, at + len(piece)))
        cursor = at + len(piece)
    return out


def _ours() -> Callable[[str], Spans]:
    return lambda text: sentences.spans(text, 0, len(text))


def _pysbd() -> Callable[[str], Spans]:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    return lambda text: located(text, seg.segment(text))


def _blingfire() -> Callable[[str], Spans]:
    import blingfire

    return lambda text: located(text, blingfire.text_to_sentences(text).split("\n"))


def _nupunkt() -> Callable[[str], Spans]:
    import nupunkt

    return lambda text: located(text, nupunkt.sent_tokenize(text))


def _sentencex() -> Callable[[str], Spans]:
    from sentencex import segment

    return lambda text: located(text, segment("en", text))


def _syntok() -> Callable[[str], Spans]:
    from syntok import segmenter

    def split(text: str) -> Spans:
        out = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                first, last = sentence[0], sentence[-1]
                out.append((first.offset, last.offset + len(last.value)))
        return out

    return split


CANDIDATES: dict[str, tuple[str | None, Callable[[], Callable[[str], Spans]]]] = {
    "ours (dashboard/sources/sentences.py, rules)": (None, _ours),
    "pysbd": ("pysbd", _pysbd),
    "blingfire": ("blingfire", _blingfire),
    "nupunkt": ("nupunkt", _nupunkt),
    "sentencex": ("sentencex", _sentencex),
    "syntok": ("syntok", _syntok),
}


def speed_text(paragraphs: list[labels.Paragraph]) -> list[str]:
    """About :data:`SPEED_BYTES` of UTF-8 text: the labelled paragraphs repeated, one per line."""
    lines, size = [], 0
    while size < SPEED_BYTES:
        for p in paragraphs:
            lines.append(p.text)
            size += len(p.text.encode("utf-8")) + 1
            if size >= SPEED_BYTES:
                break
    return lines


def measure(split: Callable[[str], Spans], lines: list[str]) -> float:
    """MB/s over ``lines`` (best of :data:`REPEAT`)."""
    size = sum(len(line.encode("utf-8")) + 1 for line in lines) / 1e6
    best = float("inf")
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        for line in lines:
            split(line)
        best = min(best, time.perf_counter() - t0)
    return size / best


def agreement_with_pysbd() -> str:
    """How often the rules and pysbd put a boundary at the same place on ``tests/data/statements`` (news texts
    written by others for the suggester's checks, not labelled for sentences), and the places they differ."""
    try:
        pysbd_split = _pysbd()
    except ImportError:
        return "(pysbd not installed: no agreement measured)"
    ours = _ours()
    same = either = 0
    differ = []
    for path in sorted((ROOT / "tests" / "data" / "statements").glob("*/*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            last = len(line.rstrip())
            a = {e for _, e in ours(line) if e < last}
            b = {e for _, e in pysbd_split(line) if e < last}
            same += len(a & b)
            either += len(a | b)
            for e in sorted(a ^ b):
                who = "only ours" if e in a else "only pysbd"
                differ.append(f"- {who}, {path.name}: `…{line[max(0, e - 45) : e]}|{line[e : e + 25]}…`")
    return "\n".join(
        [
            f"Agreement with pysbd on `tests/data/statements` (unlabelled news texts written by others): {same} of "
            f"{either} boundaries found by either are found by both. Where they differ:",
            "",
            *(differ or ["- nowhere"]),
        ]
    )


def main() -> None:
    dev, test = labels.load("dev-"), labels.load("test-")
    lines = speed_text(dev + test)
    rows, missing = [], []
    for name, (dist, make) in CANDIDATES.items():
        try:
            split = make()
            version = importlib.metadata.version(dist) if dist else "—"
        except ImportError as exc:
            rows.append(f"| {name} | not installed ({exc.name}) | | | | | | |")
            print(rows[-1], flush=True)
            missing.append(name)
            continue
        d, t = labels.score(split, dev), labels.score(split, test)
        both = labels.Score(d.true_positives + t.true_positives, d.predicted + t.predicted, d.gold + t.gold)
        speed = measure(split, lines)
        rows.append(
            f"| {name} | {version} | {d.precision:.3f} / {d.recall:.3f} / {d.f1:.3f} "
            f"| {t.precision:.3f} / {t.recall:.3f} / {t.f1:.3f} | {both.f1:.3f} | {speed:,.2f} "
            f"| {1 / speed:,.3f} |"
        )
        print(rows[-1], flush=True)
    n_dev = sum(len(p.boundaries) for p in dev)
    n_test = sum(len(p.boundaries) for p in test)
    table = "\n".join(
        [
            "# Sentence splitters",
            "",
            "Written by `benchmarks/splitters.py` (how to run it is in its docstring). Boundaries scored on the",
            f"hand-labelled `tests/data/sentences`: dev ({n_dev} boundaries, {len(dev)} paragraphs; the rules were",
            f"tuned on them) and held-out test ({n_test} boundaries, {len(test)} paragraphs). Speed on 1 MB of",
            f"those paragraphs, one line at a time, best of {REPEAT}; Python {platform.python_version()}, one run",
            "on a shared 2-CPU machine (compare by ratio).",
            "",
            "| splitter | version | dev P / R / F1 | test P / R / F1 | all F1 | MB/s | s per MB |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            agreement_with_pysbd(),
            "",
        ]
    )
    if missing:  # a partial table never replaces the full one
        print(f"not written to {OUT.relative_to(ROOT)}: not installed: {', '.join(missing)} (see the docstring)")
        return
    OUT.write_text(table, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
