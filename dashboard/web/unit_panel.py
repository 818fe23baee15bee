"""The selected unit's panel: its status, each field with the excerpt of the source that states it, and the
sentences that name it (their mentions marked, each with its paragraph on demand), and the curated context.

Apart from the page's chrome (:mod:`dashboard.web.chrome`, whose swatch leads the claim) and the article
(:mod:`dashboard.web.article_view`): the panel is what a click on the map shows, drawn from a
:class:`~dashboard.claims.source_views.CombinedUnit` and its statements.

Each part is a template of ``templates/`` rendered with autoescape (:mod:`dashboard.web.templates`): every string
from a source or a data file is given to a template as a plain value and escaped there; the only markup passed in
is :class:`markupsafe.Markup` rendered by those templates, or the marked text of an excerpt, built here by
:func:`_marked`, which escapes through :func:`markupsafe.escape` (an excerpt may hold many marks). Pure
functions: tested without Streamlit.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from markupsafe import Markup, escape

from dashboard import style
from dashboard.claims.source_views import CombinedUnit
from dashboard.claims.statements import Statement
from dashboard.claims.vocab import FIELD_LABELS, ORIGIN_LABELS
from dashboard.map.dom import SELECTED_ATTRIBUTE
from dashboard.places.gazetteer import FEATURE_LABELS
from dashboard.places.mentions import MentionHit
from dashboard.sources.model import Article, Excerpt
from dashboard.web.chrome import swatch_markup
from dashboard.web.templates import render, render_str


def _marked(text: str, offset: int, spans: Iterable[tuple[int, int]], tag: str = "mark") -> Markup:
    """``text`` (which starts at ``offset`` in its source) escaped, with ``spans`` (source offsets) wrapped.

    Built here, not in a template (an excerpt may hold many marks): every piece of text goes through
    :func:`markupsafe.escape`; ``tag`` is ours.
    """
    out, pos = [], 0
    for start, end in sorted(spans):
        a, b = max(start - offset, pos), min(end - offset, len(text))
        if a >= b:
            continue
        out.append(escape(text[pos:a]))
        out.append(f"<{tag}>{escape(text[a:b])}</{tag}>")
        pos = b
    out.append(escape(text[pos:]))
    return Markup("".join(out))


class Marks:
    """Spans (source offsets) sorted by start, to pick those of one excerpt or paragraph by bisection.

    Built once per list of marks: a unit named 1,000 times has 1,000 mentions and 1,000 excerpts, and filtering
    every mention for every excerpt would cost their product.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.longest = max((b - a for a, b in self.spans), default=0)

    def starting_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that start in ``[start, end)``."""
        return self.spans[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]

    def touching(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that share a character with ``[start, end)``."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        return [s for s in self.spans[lo : bisect.bisect_left(self.starts, end)] if s[1] > start]


def excerpt_html(excerpt: Excerpt, article: Article | None, marks: Sequence[tuple[int, int]] | Marks = ()) -> str:
    """A verbatim excerpt, the mentions in it marked, where it is (offsets) and its paragraph on demand.

    Give ``marks`` as :class:`Marks` when drawing many excerpts with the same marks (built once, not per excerpt).
    """
    return render_str("excerpt.html", x=_excerpt(excerpt, article, marks))


def _excerpt(excerpt: Excerpt, article: Article | None, marks: Sequence[tuple[int, int]] | Marks = ()) -> dict:
    """What the macro of ``excerpt.html`` draws of an excerpt: offsets, label, source, and the marked text of the
    excerpt and of its paragraph (None when the excerpt is the whole paragraph)."""
    index = marks if isinstance(marks, Marks) else Marks(marks)
    paragraph = None
    block = article.block_at(excerpt.start) if article is not None else None
    if block is not None and (block.start, block.end) != (excerpt.start, excerpt.end):
        paragraph = _marked(block.text, block.start, index.touching(block.start, block.end))
    return {
        "start": excerpt.start,
        "end": excerpt.end,
        "body": _marked(excerpt.text, excerpt.start, index.starting_in(excerpt.start, excerpt.end)),
        "label": excerpt.label,
        "source": excerpt.source,
        "paragraph": paragraph,
    }


def _spans(mentions: Iterable[MentionHit]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in mentions]


def origin_badge(statement: Statement) -> str:
    """How a statement's origin is shown beside its value: a suggestion always says it is one."""
    return str(_origin_badge(statement))


def _origin_badge(statement: Statement) -> Markup:
    """:func:`origin_badge`, as markup to compose into a template."""
    if not statement.stated:
        return Markup()
    kind = statement.origin
    return render("origin_badge.html", kind=kind, label=ORIGIN_LABELS[kind].capitalize())


def _statement_html(unit: CombinedUnit, statement: Statement, title: str) -> Markup:
    """One field of the status: value, origin, supporting excerpt(s) (cue words marked), cue, actor, note, source."""
    view = unit.source_of(statement)
    article = view.article if view is not None else None
    uv = view.unit(unit.iso) if view is not None else None
    claim, control = unit.status.claim.value, unit.status.control.value
    lead = swatch_markup(claim, style.unit_colour(claim, True), control) if statement.field == "claim" else ""
    marks = list(statement.cue_spans) if statement.origin == "suggested" else (_spans(uv.mentions) if uv else [])
    reviewed = statement.origin == "reviewed"
    history = [
        {
            "created_at": r.created_at,
            "value": FIELD_LABELS[r.field].get(r.value, r.value),
            "reviewer": r.reviewer,
            "note": r.note,
        }
        for r in reversed(statement.history)
    ]
    disagree = None
    if statement.field in unit.status.disagree:
        stated = ((v, u.status.of(statement.field)) for v, u in unit.by_date())
        disagree = [(v.meta.source_line(), s.label, s.origin_label) for v, s in stated if s.stated]
    return render(
        "statement.html",
        lead=lead,
        title=title,
        label=statement.label,
        badge=_origin_badge(statement),
        excerpts=[_excerpt(x, article, marks) for x in statement.excerpts],
        cue=statement.cue if statement.suggested else None,
        attributed_to=statement.attributed_to,
        note=statement.note,
        reviewed=reviewed,
        reviewer=statement.reviewer,
        reviewed_at=statement.reviewed_at or "",
        history=history if reviewed else [],
        stated=statement.stated,
        source_line=view.meta.source_line() if view is not None else None,
        origin_label=statement.origin_label,
        disagree=disagree,
    )


def status_html(unit: CombinedUnit) -> str:
    """The unit's status as the map shows it, each field with the excerpt of the source that states it.

    With several sources, each source's statements follow by date (undated ones last, said so).
    """
    return str(_status(unit))


def _status(unit: CombinedUnit) -> Markup:
    """:func:`status_html`, as markup to compose into a template."""
    sources = []
    if len(unit.by_source) > 1:
        for view, uv in unit.by_date():
            claim, control = uv.status.claim, uv.status.control
            sources.append(
                {
                    "when": view.meta.published.isoformat() if view.meta.published else "undated",
                    "line": view.meta.source_line(),
                    "claim": claim.label,
                    "claim_badge": _origin_badge(claim),
                    "control": control.label,
                    "control_badge": _origin_badge(control),
                }
            )
    return render(
        "status.html",
        claim=_statement_html(unit, unit.status.claim, "Claim"),
        control=_statement_html(unit, unit.status.control, "Control"),
        sources=sources,
    )


SENTENCES_SHOWN = 50
"""The sentences naming a unit the panel shows, in all (the shown sources in turn); the rest are counted and are in
the data downloads. One budget for every source: with twenty sources the panel (and a click) stays the size of
one long source's, not twenty times it."""


def more_sentences_note(shown: int, total: int) -> str:
    """What the panel says under a source's first sentences when it has more than it shows."""
    where = "are in the CSV and GeoJSON downloads (“Download the map or its data”)"
    if shown == 0:
        return (
            f"{total:,} sentences from this source name it; the panel shows {SENTENCES_SHOWN:,} in all, from the "
            f"sources above. All {total:,} {where}, and are highlighted in its article."
        )
    return f"Showing the first {shown:,} of {total:,} sentences from this source. All {total:,} {where}."


def unit_panel_html(iso: str, name: str, unit: CombinedUnit | None, curated_article: Article | None) -> str:
    """The panel for the selected unit: status with its excerpts, the sentences naming it, the context."""
    panel = {"attribute": SELECTED_ATTRIBUTE, "iso": iso, "name": name}
    if unit is None:
        return render_str("unit_panel.html", status=None, **panel)
    # The status and its excerpts come first, in view; every sentence that names the unit (also highlighted in
    # the article beside) and the context follow folded, unless there is no curated status to show.
    named = [(view, uv, uv.excerpts) for view, uv in unit.by_source]
    sources = []
    budget = SENTENCES_SHOWN
    for view, uv, excerpts in named:
        shown = excerpts[: max(budget, 0)]
        budget -= len(shown)
        marks = Marks(_spans(uv.mentions))
        sources.append(
            {
                "heading": view.meta.source_line() if len(unit.by_source) > 1 else None,
                # only when not simply the region
                "named_as": (
                    " and ".join(FEATURE_LABELS.get(f, f) for f in uv.features)
                    if any(f != "region" for f in uv.features)
                    else ""
                ),
                "excerpts": [_excerpt(x, view.article, marks) for x in shown],
                "more": more_sentences_note(len(shown), len(excerpts)) if len(excerpts) > len(shown) else "",
            }
        )
    context = []
    region = unit.region
    if region is not None and region.context:
        own = [uv for view, uv in unit.by_source if curated_article and view.path == curated_article.path]
        curated_marks = Marks(_spans(own[0].mentions) if own else [])
        context = [_excerpt(x, curated_article, curated_marks) for x in region.context]
    return render_str(
        "unit_panel.html",
        status=_status(unit),
        open=not unit.status.stated,
        total=f"{sum(len(excerpts) for _, _, excerpts in named):,}",
        sources=sources,
        context=context,
        **panel,
    )
