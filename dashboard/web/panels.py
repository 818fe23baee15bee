"""HTML for the page's panels: header, legend, selected unit, article text and footer.

Each panel is a template of ``templates/`` rendered with autoescape (:mod:`dashboard.web.templates`): every
string that comes from a source or a data file is given to a template as a plain value and escaped there; the
only markup passed in is :class:`markupsafe.Markup` rendered by those templates, or the marked text of an excerpt
or an article block, which is built here and escapes through :func:`markupsafe.escape` (one template per mention
would be too slow for a 2 MB article). The markup is one line (a single raw HTML block for Streamlit), so article
text can never become markup, Markdown, a link or a request. Pure functions: tested without Streamlit.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup, escape

from dashboard import style
from dashboard.claims import links
from dashboard.claims.source_views import CombinedUnit, CombinedView, SourceView
from dashboard.claims.statements import Statement
from dashboard.claims.vocab import FIELD_LABELS, ORIGIN_LABELS
from dashboard.map.dom import ARTICLE_CLASS, HIGHLIGHT_CLASS, MENTION_CLASS, SELECTED_ATTRIBUTE
from dashboard.places.gazetteer import FEATURE_LABELS
from dashboard.places.mentions import MentionHit
from dashboard.sources.model import Article, Excerpt, SourceMeta
from dashboard.sources.reader import safe_url
from dashboard.web.templates import page_css, render

CSS = page_css()
"""The page's style sheet (``css/page.css``) as a ``<style>`` element; app.py shows it with ``st.html``."""


def _html(template: str, /, **context) -> str:
    """A panel: the template rendered (:func:`dashboard.web.templates.render`), as a plain string for the page."""
    return str(render(template, **context))


def swatch(claim_key: str, colour: str, control: str | None, size: tuple[int, int] = (28, 16)) -> str:
    """A swatch: the claim colour with the control's hatch drawn in CSS (same look as the map's SVG patterns).

    CSS, not inline SVG: Streamlit's HTML sanitiser keeps ``style`` attributes but drops SVG.
    """
    return str(_swatch(claim_key, colour, control, size))


def _swatch(claim_key: str, colour: str, control: str | None, size: tuple[int, int] = (28, 16)) -> Markup:
    """:func:`swatch`, as markup to compose into a template."""
    w, h = size
    return render(
        "swatch.html", background=swatch_background(colour, control), width=w, height=h, outline=style.OUTLINE
    )


def swatch_background(colour: str, control: str | None) -> str:
    """A swatch's CSS background: the control's hatch (if it has one) over the claim colour."""
    layers = [css_hatch(control)] if control else []
    return ", ".join([*filter(None, layers), f"linear-gradient({colour}, {colour})"])


def css_hatch(control: str | None) -> str:
    """The CSS background layer drawing a control's hatch ('' when control has no pattern)."""
    hatch = style.CONTROL_HATCHES.get(control or "")
    if hatch is None or hatch.kind == "none":
        return ""
    ink, s = style.HATCH_INK, hatch.spacing
    if hatch.kind == "lines":
        return f"repeating-linear-gradient(45deg, {ink} 0 1.4px, transparent 1.4px {s}px)"
    if hatch.kind == "cross":
        return (
            f"repeating-linear-gradient(45deg, {ink} 0 1.4px, transparent 1.4px {s}px), "
            f"repeating-linear-gradient(-45deg, {ink} 0 1.4px, transparent 1.4px {s}px)"
        )
    if hatch.kind == "rings":
        return f"radial-gradient(circle, transparent 1.8px, {ink} 2px 3px, transparent 3.2px) 0 0 / {s}px {s}px"
    return f"radial-gradient(circle, {ink} 1.3px, transparent 1.6px) 0 0 / {s}px {s}px"


def legend_html(show_suggested: bool = True) -> str:
    """The legend: claim colours, control patterns (explained in words too), and the mark of a suggestion."""
    return _html(
        "legend.html",
        claims=[(swatch_background(colour, None), label) for _key, label, colour in style.CLAIM_LEGEND],
        suggested=ORIGIN_LABELS["suggested"] if show_suggested else "",
        controls=[(swatch_background("#ffffff", key), label) for key, label, _hatch in style.CONTROL_LEGEND],
        outline=style.OUTLINE,
    )


def header_html(metas: Sequence[SourceMeta]) -> str:
    """The page header: the source's title, publisher, date and a link to the original (or a list of them)."""
    folded = len(metas) > MANY_SOURCES  # a foldable list by date: the map stays on the first screen
    span = ""
    if folded:
        metas = sorted(metas, key=lambda m: (m.published is None, m.published or dt.date.min))
        dates = [m.published for m in metas if m.published]
        span = f", {_day(dates[0])} to {_day(dates[-1])}" if len(dates) > 1 else ""
    return _html("header.html", sources=[_byline(m) for m in metas], folded=folded, span=span)


MANY_SOURCES = 3
"""Above this many sources the header's list folds and the article view shows one article, chosen in a list."""


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def by_date(views: Sequence[SourceView]) -> list[SourceView]:
    """Source views oldest first, undated ones last (in the order given)."""
    return sorted(views, key=lambda v: (v.meta.published is None, v.meta.published or dt.date.min))


def tab_label(meta: SourceMeta, number: int, limit: int = 30) -> str:
    """A short plain-text label for a source's tab: ``1. The Moscow Times · 27 Feb 2025``.

    The header lists the full titles in the same order. Without a publisher the title stands in, cut at a word
    boundary (``…``) to ``limit`` characters, so that two or three tabs fit beside the map.
    """
    who = " ".join(meta.publisher.split()) or " ".join(meta.title.split()) or "Untitled source"
    if len(who) > limit:
        who = who[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:·-—") + "…"  # at the last space, if there is one
    when = f" · {meta.published.day} {meta.published:%b %Y}" if meta.published else ""
    return f"{number}. {who}{when}"


def as_of_html(line: str, undated: Sequence[SourceMeta], later: Sequence[SourceMeta]) -> str:
    """The "as of" line under the header, and the sources it leaves out: undated ones (listed apart, never
    placed on the timeline by guess) and later ones."""
    return _html("as_of.html", line=line, undated=[m.source_line() or m.title for m in undated], later=len(later))


def _byline(meta: SourceMeta) -> dict:
    """What ``byline.html`` shows of a source: title, publisher, date (shown and ISO; None if undated), safe link."""
    published = meta.published
    return {
        "title": meta.title,
        "publisher": meta.publisher,
        "date": f"{published.day} {published:%B %Y}" if published else None,
        "date_iso": published.isoformat() if published else None,
        "url": safe_url(meta.url),
    }


def footer_html(provenance: Mapping[str, Mapping], metas: Sequence[SourceMeta]) -> str:
    """Sources and licences of the boundaries, the map library and the articles (all from data files)."""
    lines = dict.fromkeys(
        f"{entry.get('attribution', '')} — {entry.get('licence', '')}" for entry in provenance.values()
    )  # the same line twice is listed once, in order
    articles = [
        {
            "line": meta.source_line(),
            "credit": meta.credit,
            "caption_credit": meta.caption_credit,
            "url": safe_url(meta.url),
        }
        for meta in metas
    ]
    return _html("footer.html", provenance=list(lines), articles=articles)


# -- the selected unit -------------------------------------------------------------------------------------------


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
    return _html("excerpt.html", x=_excerpt(excerpt, article, marks))


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
    lead = _swatch(claim, style.unit_colour(claim, True), control) if statement.field == "claim" else ""
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


def changes_html(changes: Sequence, since: str, until: str) -> str:
    """What changed between two dates (``timeline.Change`` items): each unit's field, the value before and
    after, and the excerpt of the source behind each."""
    shown = []
    for change in changes:
        quotes = []
        for when, statement in ((since, change.before), (until, change.after)):
            if statement is None or not statement.excerpts:
                continue
            quote = statement.excerpts[0]
            quotes.append(
                {
                    "start": quote.start,
                    "end": quote.end,
                    "text": quote.text,
                    "when": when,
                    "source": quote.source,
                    "origin": statement.origin_label,
                }
            )
        shown.append({"line": change.line, "quotes": quotes})
    return _html("changes.html", changes=shown, since=since, until=until)


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
"""The sentences naming a unit the panel shows per source; the rest are counted and are in the data downloads."""


def more_sentences_note(shown: int, total: int) -> str:
    """What the panel says under a source's first sentences when it has more than it shows."""
    return (
        f"Showing the first {shown:,} of {total:,} sentences from this source. All {total:,} are in the CSV and "
        "GeoJSON downloads (“Download the map or its data”)."
    )


def unit_panel_html(iso: str, name: str, unit: CombinedUnit | None, curated_article: Article | None) -> str:
    """The panel for the selected unit: status with its excerpts, the sentences naming it, the context."""
    panel = {"attribute": SELECTED_ATTRIBUTE, "iso": iso, "name": name}
    if unit is None:
        return _html("unit_panel.html", status=None, **panel)
    # The status and its excerpts come first, in view; every sentence that names the unit (also highlighted in
    # the article beside) and the context follow folded, unless there is no curated status to show.
    named = [(view, uv, uv.excerpts) for view, uv in unit.by_source]
    sources = []
    for view, uv, excerpts in named:
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
                "excerpts": [_excerpt(x, view.article, marks) for x in excerpts[:SENTENCES_SHOWN]],
                "more": (
                    more_sentences_note(SENTENCES_SHOWN, len(excerpts)) if len(excerpts) > SENTENCES_SHOWN else ""
                ),
            }
        )
    context = []
    region = unit.region
    if region is not None and region.context:
        own = [uv for view, uv in unit.by_source if curated_article and view.path == curated_article.path]
        curated_marks = Marks(_spans(own[0].mentions) if own else [])
        context = [_excerpt(x, curated_article, curated_marks) for x in region.context]
    return _html(
        "unit_panel.html",
        status=_status(unit),
        open=not unit.status.stated,
        total=f"{sum(len(excerpts) for _, _, excerpts in named):,}",
        sources=sources,
        context=context,
        **panel,
    )


# -- the article text --------------------------------------------------------------------------------------------


def article_html(
    view: SourceView,
    colours: Mapping[str, str],
    selected: str | None,
    sources: Sequence[str],
    as_of: dt.date | None = None,
) -> str:
    """The article (headline, caption and body; boilerplate left out) with mentions marked in their unit's colour.

    Each mention is a link that selects its unit in the same view (:func:`dashboard.claims.links.page_link`: the
    same sources, as of the same date); the sentences naming the ``selected`` unit are highlighted. The page is
    ``article.html``; each block's text is marked by :func:`_block_markup`.
    """
    article = view.article
    hrefs = {iso: escape(links.page_link(iso, sources, as_of)) for iso in {m.unit for m in view.mentions}}
    # A phrase naming several units ("the Crimean Peninsula": UA-43 and UA-40) links to the unit it spells.
    mentions = sorted(view.mentions, key=lambda m: (m.start, -m.end, m.name[:5].lower() not in m.text.lower()))
    highlight: list[tuple[int, int]] = []
    unit = view.unit(selected) if selected else None
    if unit is not None:
        highlight = _merged((x.start, x.end) for x in unit.excerpts)
    mention_starts = [m.start for m in mentions]
    asides = sorted(((m.start, m.end, _ASIDE_TITLES[role].format(name=m.text)) for m, role in view.set_aside))
    aside_starts = [a for a, _, _ in asides]
    highlight_starts, highlight_ends = [a for a, _ in highlight], [b for _, b in highlight]
    blocks = []
    hidden = sum(1 for b in article.blocks if b.kind == "boilerplate")
    shown = [b for b in article.blocks if b.kind in ("headline", "body", "caption")]
    window = _window(shown, highlight[0][0] if highlight else None)
    note = None
    if len(window) < len(shown):
        first, last = window[0].start, window[-1].end
        note = {
            "first": f"{first:,}",
            "last": f"{last:,}",
            "total": f"{len(article.text):,}",
            "highlight": bool(highlight),
        }
    for block in window:
        # Bisection, not a scan: a 2 MB article has thousands of blocks and mentions.
        lo, hi = bisect.bisect_left(mention_starts, block.start), bisect.bisect_left(mention_starts, block.end)
        inside = [m for m in mentions[lo:hi] if m.end <= block.end]
        # Both ends bisected: slicing to the end (``highlight[first:]``) copied every later sentence per block.
        first = bisect.bisect_right(highlight_ends, block.start)
        lit = highlight[first : max(first, bisect.bisect_left(highlight_starts, block.end))]
        lo, hi = bisect.bisect_left(aside_starts, block.start), bisect.bisect_left(aside_starts, block.end)
        markup = _block_markup(block.text, block.start, inside, lit, colours, hrefs, asides[lo:hi])
        blocks.append((_BLOCK_CLASSES.get(block.kind, ""), block.kind == "caption", markup))
    return _html("article.html", article_class=ARTICLE_CLASS, window=note, blocks=blocks, hidden=hidden)


_BLOCK_CLASSES = {"caption": "cm-caption", "headline": "cm-headline"}


ARTICLE_WINDOW_CHARS = 60_000
"""How much of a long article the page draws at a time (the whole of a shorter one): a 2 MB source drawn whole
made a DOM of 4 million characters, re-sent on every click."""


def _window(blocks: Sequence, at: int | None) -> Sequence:
    """The blocks to draw: all of them if they fit :data:`ARTICLE_WINDOW_CHARS`, else a run of blocks that
    fits, starting a block before the one holding offset ``at`` (the first highlighted sentence), or at the top."""
    if sum(b.end - b.start for b in blocks) <= ARTICLE_WINDOW_CHARS:
        return blocks
    begin = 0
    if at is not None:
        begin = max(bisect.bisect_right([b.start for b in blocks], at) - 2, 0)
    size, end = 0, begin
    while end < len(blocks) and (end == begin or size + blocks[end].end - blocks[end].start <= ARTICLE_WINDOW_CHARS):
        size += blocks[end].end - blocks[end].start
        end += 1
    return blocks[begin:end]


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint spans covering the same characters as ``spans``."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _covering(starts: Sequence[int], spans: Sequence[tuple[int, int]], a: int, b: int) -> int | None:
    """Index of the span (sorted, disjoint; ``starts`` their starts) that covers ``[a, b)``, or None."""
    i = bisect.bisect_right(starts, a) - 1
    if i >= 0 and spans[i][0] <= a and b <= spans[i][1]:
        return i
    return None


_ASIDE_TITLES = {
    "government": "{name}: its government, not a place on the map",
    "dateline": "{name}: the dateline (where the report was filed), not a place the article names",
}


def _block_markup(
    text: str,
    offset: int,
    mentions: Sequence[MentionHit],
    highlight: Sequence[tuple[int, int]],
    colours: Mapping[str, str],
    hrefs: Mapping[str, str],
    asides: Sequence[tuple[int, int, str]] = (),
) -> Markup:
    """Escape ``text``, wrapping highlighted sentences in ``<mark>`` and mentions in links; no overlap breaks it.

    ``mentions`` are sorted by start; ``highlight`` is sorted and disjoint (source offsets); ``hrefs`` are escaped
    already. The article's hot path, so built here rather than by a template per mention (a 2 MB article has
    thousands): every piece of the source's text, and each mention's name and aside title, goes through
    :func:`markupsafe.escape`; the tags, classes and colours are ours.
    """
    size = len(text)
    kept: list[MentionHit] = []
    last_end = -1
    for m in mentions:  # a group mention ("Donbas") appears once per unit: link the first, skip overlaps
        if m.start >= last_end:
            kept.append(m)
            last_end = m.end
    links = [(m.start - offset, m.end - offset) for m in kept]
    marks = [(min(max(a - offset, 0), size), min(max(b - offset, 0), size)) for a, b in highlight]
    aside = [(a - offset, b - offset) for a, b, _ in asides if offset <= a and b - offset <= size]
    aside_titles = [t for a, b, t in asides if offset <= a and b - offset <= size]
    spans = (*links, *marks, *aside)
    points = sorted({0, size, *(p for span in spans for p in span)})
    link_starts, mark_starts, aside_starts = [a for a, _ in links], [a for a, _ in marks], [a for a, _ in aside]
    out = []
    for a, b in zip(points, points[1:], strict=False):
        piece = escape(text[a:b])
        i = _covering(link_starts, links, a, b)
        if i is not None:
            mention = kept[i]
            colour = colours.get(mention.unit, style.NAMED_ONLY_COLOUR)
            piece = (
                f'<a class="{MENTION_CLASS}" href="{hrefs[mention.unit]}" target="_self" '
                f'style="border-bottom-color:{colour}" title="{escape(mention.name)}: show its excerpts">{piece}</a>'
            )
        j = _covering(aside_starts, aside, a, b) if i is None else None
        if j is not None:
            piece = f'<span class="cm-aside" title="{escape(aside_titles[j])}">{piece}</span>'
        if _covering(mark_starts, marks, a, b) is not None:
            piece = f'<mark class="{HIGHLIGHT_CLASS}">{piece}</mark>'
        out.append(piece)
    return Markup("".join(out))


def colours_for(view: CombinedView) -> dict[str, str]:
    """ISO code to the colour of each named unit (its curated claim's, else the named-only colour)."""
    return {u.iso: style.unit_colour(u.claim, True) for u in view.units}
