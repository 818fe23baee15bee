"""The hand-labelled sentence boundaries of ``tests/data/sentences`` (format in its README) and their scoring.

Used by ``tests/test_splitter.py`` and ``benchmarks/splitters.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "data" / "sentences"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its text (its sentences joined by one space) and where each of its sentences ends."""

    file: str
    text: str
    ends: tuple[int, ...]

    @property
    def boundaries(self) -> frozenset[int]:
        """The sentence ends inside the paragraph (the last sentence's end is the paragraph's own)."""
        return frozenset(self.ends[:-1])


def load(prefix: str = "") -> list[Paragraph]:
    """The labelled paragraphs of the files whose names start with ``prefix`` (``"dev-"``, ``"test-"``, all)."""
    out: list[Paragraph] = []
    for path in sorted(FOLDER.glob(f"{prefix}*.txt")):
        sentences: list[str] = []
        for line in [*path.read_text(encoding="utf-8").split("\n"), ""]:
            if line.strip():
                sentences.append(line.strip())
                continue
            if sentences:
                text, ends = "", []
                for s in sentences:
                    text = f"{text} {s}" if text else s
                    ends.append(len(text))
                out.append(Paragraph(path.name, text, tuple(ends)))
                sentences = []
    return out


@dataclass(frozen=True)
class Score:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(split: Callable[[str], Iterable[tuple[int, int]]], paragraphs: Iterable[Paragraph]) -> Score:
    """Boundary precision and recall of ``split`` (a paragraph's text → its sentences' ``(start, end)``): a
    predicted boundary is the end of a sentence other than one ending the paragraph."""
    tp = predicted = gold = 0
    for p in paragraphs:
        last = len(p.text.rstrip())
        got = {end for _, end in split(p.text) if end < last}
        tp += len(got & p.boundaries)
        predicted += len(got)
        gold += len(p.boundaries)
    return Score(tp, predicted, gold)


def errors(split: Callable[[str], Iterable[tuple[int, int]]], paragraphs: Iterable[Paragraph]) -> list[str]:
    """Each missed (``-``) or extra (``+``) boundary, shown in its context (for tuning and test messages)."""
    out = []
    for p in paragraphs:
        last = len(p.text.rstrip())
        got = {end for _, end in split(p.text) if end < last}
        for end in sorted(got ^ p.boundaries):
            sign = "+" if end in got else "-"
            out.append(f"{sign} {p.file}: …{p.text[max(0, end - 40) : end]}|{p.text[end : end + 30]}…")
    return out
