"""Score :mod:`dashboard.claims.suggest` against the labelled articles of ``tests/data/statements``.

Each article is ``<slug>.txt`` with a sidecar ``<slug>.toml``: ``title``, ``publisher``, ``published`` and one
``[[expect]]`` table (``unit``, ``field``, ``value``) per value the article states; a field not labelled is not
stated. Run ``python benchmarks/score_statements.py [DIR …]`` (default: the ``dev`` and ``holdout`` sets): a table
per set of stated values, values found, wrong assertions (a suggestion whose value differs from the label, or a
suggestion where the label says not stated) and recall, then every miss and wrong assertion. Every suggestion's
excerpt and cue spans are checked verbatim against its own article; a failure counts as a wrong assertion.
"""

from __future__ import annotations

import datetime as dt
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.claims import suggest  # noqa: E402
from dashboard.sources.model import Article, SourceMeta  # noqa: E402
from dashboard.sources.reader import build_article  # noqa: E402

STATEMENTS = ROOT / "tests" / "data" / "statements"
DEFAULT_SETS = (STATEMENTS / "dev", STATEMENTS / "holdout")


@dataclass
class SetScore:
    """The score of one set of labelled articles."""

    name: str
    articles: int = 0
    stated: int = 0
    found: int = 0
    wrong: int = 0
    misses: list[str] = field(default_factory=list)
    wrongs: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.stated if self.stated else 1.0


def load_labelled(txt: Path) -> tuple[Article, dict[tuple[str, str], str]]:
    """The article of ``txt`` (cited by its path relative to the repository) and its labels."""
    meta_raw = tomllib.loads(txt.with_suffix(".toml").read_text(encoding="utf-8"))
    published = meta_raw.get("published")
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    meta = SourceMeta(title=meta_raw.get("title", ""), publisher=meta_raw.get("publisher", ""), published=published)
    try:
        path = str(txt.resolve().relative_to(ROOT))
    except ValueError:
        path = str(txt)
    article = build_article(path, txt.read_text(encoding="utf-8"), meta)
    labels = {(e["unit"], e["field"]): e["value"] for e in meta_raw.get("expect", [])}
    return article, labels


def verbatim_problems(article: Article, suggestions) -> list[str]:
    """What is wrong with the suggestions' citations (empty when every excerpt and cue span is verbatim)."""
    problems = []
    for s in suggestions:
        ex = s.excerpt
        if ex.source != article.path:
            problems.append(f"{s.unit} {s.field}: cites {ex.source!r}, not {article.path!r}")
        if ex.text != article.text[ex.start : ex.end]:
            problems.append(f"{s.unit} {s.field}: excerpt is not verbatim")
        for a, b in s.cue_spans:
            if not (ex.start <= a < b <= ex.end):
                problems.append(f"{s.unit} {s.field}: cue span {a}:{b} outside the excerpt")
        if " … ".join(article.text[a:b] for a, b in s.cue_spans) != s.cue:
            problems.append(f"{s.unit} {s.field}: cue {s.cue!r} is not the text of its spans")
        if s.attributed_to is not None and s.attributed_to not in article.text:
            problems.append(f"{s.unit} {s.field}: attributed_to {s.attributed_to!r} is not in the text")
    return problems


def score_dir(directory: Path) -> SetScore:
    """Score every labelled article in ``directory``."""
    score = SetScore(directory.name)
    for txt in sorted(directory.glob("*.txt")):
        article, labels = load_labelled(txt)
        found = suggest.suggest(article)
        score.articles += 1
        score.stated += len(labels)
        got = {(s.unit, s.field): s for s in found}
        for problem in verbatim_problems(article, found):
            score.wrong += 1
            score.wrongs.append(f"{txt.stem}: {problem}")
        for key, value in labels.items():
            s = got.get(key)
            if s is not None and s.value == value:
                score.found += 1
            elif s is None:
                score.misses.append(f"{txt.stem}: {key[0]} {key[1]} = {value} not found")
        for key, s in got.items():
            want = labels.get(key, "not-stated")
            if s.value != want:
                score.wrong += 1
                score.wrongs.append(
                    f"{txt.stem}: {key[0]} {key[1]} = {s.value} (label {want}); cue {s.cue!r} in {s.excerpt.text!r}"
                )
    return score


def report(scores: list[SetScore]) -> str:
    lines = [f"{'set':<12}{'articles':>9}{'stated':>8}{'found':>7}{'wrong':>7}{'recall':>9}"]
    for s in scores:
        lines.append(f"{s.name:<12}{s.articles:>9}{s.stated:>8}{s.found:>7}{s.wrong:>7}{s.recall:>8.0%}")
    for s in scores:
        for miss in s.misses:
            lines.append(f"[{s.name}] miss  {miss}")
        for wrong in s.wrongs:
            lines.append(f"[{s.name}] WRONG {wrong}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or list(DEFAULT_SETS)
    print(report([score_dir(d) for d in dirs]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
