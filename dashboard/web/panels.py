"""HTML for the page's panels: header, legend, selected unit, article text and footer.

Every string that comes from a source or a data file goes through :func:`html.escape` here, and the markup is
one line (a single raw HTML block for Streamlit's Markdown renderer), so article text can never become markup,
Markdown, a link or a request. Pure functions: tested without Streamlit.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
from collections.abc import Iterable, Mapping, Sequence

from dashboard import style
from dashboard.claims import links
from dashboard.claims.source_views import CombinedUnit, CombinedView, MentionHit, SourceView
from dashboard.claims.statements import Statement
from dashboard.claims.vocab import FIELD_LABELS, ORIGIN_LABELS
from dashboard.map.dom import ARTICLE_CLASS, HIGHLIGHT_CLASS, MENTION_CLASS, SELECTED_ATTRIBUTE
from dashboard.places.gazetteer import FEATURE_LABELS
from dashboard.sources.ingest import safe_url
from dashboard.sources.model import Article, Excerpt, SourceMeta

CSS = """
<style>
.cm-panel blockquote{margin:.4rem 0 .6rem;padding:.35rem .7rem;border-left:4px solid #888;background:#f7f7f7}
.cm-panel{scroll-margin-top:4rem}
.cm-more>summary{cursor:pointer;margin:.6rem 0 .3rem}.cm-more>summary h4{display:inline;font-size:1rem}
.cm-panel cite,.cm-where{display:block;font-size:.8rem;color:#555;font-style:normal}
.cm-panel details{font-size:.85rem;color:#333}
.cm-swatch{display:inline-block;vertical-align:middle;margin-right:.4rem}
.cm-legend td{padding:.1rem .4rem .1rem 0;vertical-align:middle;font-size:.85rem}
.cm-article{line-height:1.55}
.cm-article p{margin:0 0 .7rem}
.cm-article .cm-caption{color:#444;border-left:3px solid #ccc;padding-left:.5rem}
.cm-article .cm-headline{font-weight:700;font-size:1.05rem}
.cm-mention{color:inherit;text-decoration:none;border-bottom:3px solid;font-weight:600}
.cm-mention:focus{outline:2px solid #000}
.cm-aside{border-bottom:1px dotted #555;cursor:help}
mark.cm-hl{background:#fff3b0;padding:0}
.cm-origin{font-size:.75rem;padding:.05rem .35rem;border-radius:.2rem;white-space:nowrap;vertical-align:middle}
.cm-origin-suggested{border:1px dashed #333;background:#fff}
.cm-origin-reviewed,.cm-origin-curated{border:1px solid #333;background:#eee}
.cm-footer{font-size:.8rem;color:#444;border-top:1px solid #ddd;margin-top:1rem;padding-top:.5rem}
[data-testid="stMainBlockContainer"]{padding-top:2.5rem;container-type:inline-size}
@container (min-width:761px){.cm-panel{max-height:55vh;overflow-y:auto;padding-right:.4rem;
border-bottom:1px solid #ccc}}
@container (max-width:760px){[data-testid="stHorizontalBlock"]{flex-direction:column}
[data-testid="stHorizontalBlock"]>[data-testid="stColumn"]{width:100%!important;flex:1 1 auto!important;
min-width:100%!important}}
</style>
"""

e = html.escape


def _one_line(parts: Iterable[str]) -> str:
    """Join markup with no newline: Streamlit's Markdown then treats it as one raw HTML block."""
    return "".join(parts).replace("\n", " ")


def swatch(claim_key: str, colour: str, control: str | None, size: tuple[int, int] = (28, 16)) -> str:
    """A swatch: the claim colour with the control's hatch drawn in CSS (same look as the map's SVG patterns).

    CSS, not inline SVG: Streamlit's HTML sanitiser keeps ``style`` attributes but drops SVG.
    """
    w, h = size
    layers = [css_hatch(control)] if control else []
    background = ", ".join([*filter(None, layers), f"linear-gradient({colour}, {colour})"])
    return (
        f'<span class="cm-swatch" aria-hidden="true" style="display:inline-block;width:{w}px;height:{h}px;'
        f'border:1px solid {style.OUTLINE};background:{background}"></span>'
    )


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
    rows = ['<table class="cm-legend" role="presentation"><tr><td colspan="2"><strong>Claim</strong></td></tr>']
    for key, label, colour in style.CLAIM_LEGEND:
        rows.append(f"<tr><td>{swatch(key, colour, None)}</td><td>{e(label)}</td></tr>")
    if show_suggested:
        rows.append(
            '<tr><td><span class="cm-swatch" aria-hidden="true" style="display:inline-block;width:28px;height:16px;'
            f'border:2px dashed {style.OUTLINE};background:#fff"></span></td>'
            f"<td>Dashed outline: {e(ORIGIN_LABELS['suggested'])}</td></tr>"
        )
    rows.append('<tr><td colspan="2"><strong>Control, as the source states it</strong></td></tr>')
    for key, label, _hatch in style.CONTROL_LEGEND:
        rows.append(f"<tr><td>{swatch('none', '#ffffff', key)}</td><td>{e(label)}</td></tr>")
    rows.append("</table>")
    return _one_line(['<div class="cm-legend-box" aria-label="Legend">', *rows, "</div>"])


def header_html(metas: Sequence[SourceMeta]) -> str:
    """The page header: the source's title, publisher, date and a link to the original (or a list of them)."""
    if not metas:
        return '<div class="cm-header"><h2>No source chosen</h2></div>'
    if len(metas) == 1:
        meta = metas[0]
        return _one_line(
            [
                f'<div class="cm-header"><h2 style="margin-bottom:.2rem">{e(meta.title)}</h2>',
                f'<p class="cm-where">{_byline(meta)}</p></div>',
            ]
        )
    if len(metas) > MANY_SOURCES:  # a foldable list by date: the map stays on the first screen
        by_date = sorted(metas, key=lambda m: (m.published is None, m.published or dt.date.min))
        dates = [m.published for m in by_date if m.published]
        span = f", {_day(dates[0])} to {_day(dates[-1])}" if len(dates) > 1 else ""
        items = "".join(f"<li><strong>{e(m.title)}</strong>{_after_dash(_byline(m))}</li>" for m in by_date)
        return _one_line(
            [
                f'<div class="cm-header"><details class="cm-sources"><summary><h2 style="display:inline">'
                f"{len(metas)} sources on one map</h2>{e(span)} (the list, by date)</summary><ul>{items}</ul>"
                "</details></div>"
            ]
        )
    items = "".join(f"<li><strong>{e(m.title)}</strong>{_after_dash(_byline(m))}</li>" for m in metas)
    return _one_line([f'<div class="cm-header"><h2>{len(metas)} sources on one map</h2><ul>{items}</ul></div>'])


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
    parts = [f'<div class="cm-asof"><p><strong>{e(line)}</strong></p>']
    if undated:
        items = "".join(f"<li>{e(m.source_line() or m.title)}</li>" for m in undated)
        parts.append(f'<p class="cm-where">Not on the timeline (no date), so not counted:</p><ul>{items}</ul>')
    if later:
        parts.append(f'<p class="cm-where">{len(later)} source(s) dated after it are not counted.</p>')
    parts.append("</div>")
    return _one_line(parts)


def _after_dash(text: str) -> str:
    """`` — text``, or nothing when there is no text (no dangling dash)."""
    return f" — {text}" if text else ""


def _byline(meta: SourceMeta) -> str:
    parts = [e(meta.publisher)] if meta.publisher else []
    if meta.published:
        parts.append(
            f'<time datetime="{meta.published.isoformat()}">{meta.published.day} {meta.published:%B %Y}</time>'
        )
    url = safe_url(meta.url)
    if url:
        parts.append(f'<a href="{e(url)}" target="_blank" rel="noopener noreferrer">Read the original</a>')
    return " · ".join(parts)


def footer_html(provenance: Mapping[str, Mapping], metas: Sequence[SourceMeta]) -> str:
    """Sources and licences of the boundaries, the map library and the articles (all from data files)."""
    lines = []
    seen: set[str] = set()
    for entry in provenance.values():
        line = f"{entry.get('attribution', '')} — {entry.get('licence', '')}"
        if line not in seen:
            seen.add(line)
            lines.append(f"<li>{e(line)}</li>")
    for meta in metas:
        bits = [f"Article: {e(meta.source_line())}"]
        if meta.credit:
            bits.append(e(meta.credit))
        if meta.caption_credit:
            bits.append(f"photo caption credit: {e(meta.caption_credit)}")
        url = safe_url(meta.url)
        if url:
            bits.append(f'<a href="{e(url)}" target="_blank" rel="noopener noreferrer">{e(url)}</a>')
        lines.append(f"<li>{' · '.join(bits)}</li>")
    lines.append("<li>Map library: Leaflet 1.9.3 (BSD-2-Clause), served by this app.</li>")
    return _one_line(['<div class="cm-footer"><strong>Sources and licences</strong><ul>', *lines, "</ul></div>"])


# -- the selected unit -------------------------------------------------------------------------------------------


def _marked(text: str, offset: int, spans: Iterable[tuple[int, int]], tag: str = "mark") -> str:
    """``text`` (which starts at ``offset`` in its source) escaped, with ``spans`` (source offsets) wrapped."""
    out, pos = [], 0
    for start, end in sorted(spans):
        a, b = max(start - offset, pos), min(end - offset, len(text))
        if a >= b:
            continue
        out.append(e(text[pos:a]))
        out.append(f"<{tag}>{e(text[a:b])}</{tag}>")
        pos = b
    out.append(e(text[pos:]))
    return "".join(out)


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
    index = marks if isinstance(marks, Marks) else Marks(marks)
    label = f"{e(excerpt.label)}, " if excerpt.label else ""
    where = f"{label}{e(excerpt.source)}, characters {excerpt.start}–{excerpt.end}"
    body = _marked(excerpt.text, excerpt.start, index.starting_in(excerpt.start, excerpt.end))
    paragraph = ""
    block = article.block_at(excerpt.start) if article is not None else None
    if block is not None and (block.start, block.end) != (excerpt.start, excerpt.end):
        shown = _marked(block.text, block.start, index.touching(block.start, block.end))
        paragraph = f"<details><summary>Paragraph</summary>{shown}</details>"
    opening = f'<blockquote data-start="{excerpt.start}" data-end="{excerpt.end}">'
    return f"{opening}{body}<cite>{where}</cite>{paragraph}</blockquote>"


def _spans(mentions: Iterable[MentionHit]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in mentions]


def origin_badge(statement: Statement) -> str:
    """How a statement's origin is shown beside its value: a suggestion always says it is one."""
    if not statement.stated:
        return ""
    kind = statement.origin
    return f' <span class="cm-origin cm-origin-{e(kind)}">{e(ORIGIN_LABELS[kind].capitalize())}</span>'


def _statement_html(unit: CombinedUnit, statement: Statement, title: str) -> list[str]:
    """One field of the status: value, origin, supporting excerpt(s) (cue words marked), cue, actor, note, source."""
    view = unit.source_of(statement)
    article = view.article if view is not None else None
    uv = view.unit(unit.iso) if view is not None else None
    claim, control = unit.status.claim.value, unit.status.control.value
    lead = swatch(claim, style.unit_colour(claim, True), control) if statement.field == "claim" else ""
    parts = [f"<p>{lead}<strong>{e(title)}:</strong> {e(statement.label)}{origin_badge(statement)}</p>"]
    marks = list(statement.cue_spans) if statement.origin == "suggested" else (_spans(uv.mentions) if uv else [])
    parts += [excerpt_html(x, article, marks) for x in statement.excerpts]
    if statement.suggested and statement.cue:
        parts.append(f'<p class="cm-where">Cue words (marked): “{e(statement.cue)}”</p>')
    if statement.attributed_to:
        parts.append(f'<p class="cm-where">The source reports this as the claim of: {e(statement.attributed_to)}</p>')
    if statement.note:
        parts.append(f'<p class="cm-where">{e(statement.note)}</p>')
    if statement.origin == "reviewed":
        who = f" by {statement.reviewer}" if statement.reviewer else ""
        parts.append(f'<p class="cm-where">Reviewed{e(who)} at {e(statement.reviewed_at or "")}.</p>')
        if statement.history:
            items = "".join(
                f"<li>{e(r.created_at)}: {e(FIELD_LABELS[r.field].get(r.value, r.value))}"
                f"{e(' (' + r.reviewer + ')') if r.reviewer else ''}{e(' · ' + r.note) if r.note else ''}</li>"
                for r in reversed(statement.history)
            )
            n = len(statement.history)
            parts.append(f"<details><summary>Earlier reviews ({n})</summary><ul>{items}</ul></details>")
    if not statement.stated:
        parts.append('<p class="cm-where">Not stated in the source.</p>')
    elif view is not None:
        parts.append(f'<p class="cm-where">From {e(view.meta.source_line())} ({e(statement.origin_label)}).</p>')
    if statement.field in unit.status.disagree:
        parts.append(f'<p class="cm-where"><strong>The sources disagree on the {e(title.lower())}:</strong></p><ul>')
        for other_view, other in unit.by_date():
            other_statement = other.status.of(statement.field)
            if other_statement.stated:
                parts.append(
                    f"<li>{e(other_view.meta.source_line())}: {e(other_statement.label)}"
                    f" ({e(other_statement.origin_label)})</li>"
                )
        parts.append("</ul>")
    return parts


def changes_html(changes: Sequence, since: str, until: str) -> str:
    """What changed between two dates (``timeline.Change`` items): each unit's field, the value before and
    after, and the excerpt of the source behind each."""
    if not changes:
        return f'<p class="cm-where">No claim or control changed between {e(since)} and {e(until)}.</p>'
    parts = ['<section class="cm-changes"><ul>']
    for change in changes:
        parts.append(f"<li><strong>{e(change.line)}</strong>")
        for when, statement in ((since, change.before), (until, change.after)):
            if statement is None or not statement.excerpts:
                continue
            quote = statement.excerpts[0]
            parts.append(
                f'<blockquote data-start="{quote.start}" data-end="{quote.end}">{e(quote.text)}'
                f"<cite>{e(when)}: {e(quote.source)}, characters {quote.start}–{quote.end}"
                f" ({e(statement.origin_label)})</cite></blockquote>"
            )
        parts.append("</li>")
    parts.append("</ul></section>")
    return _one_line(parts)


def status_html(unit: CombinedUnit) -> str:
    """The unit's status as the map shows it, each field with the excerpt of the source that states it.

    With several sources, each source's statements follow by date (undated ones last, said so).
    """
    parts = _statement_html(unit, unit.status.claim, "Claim") + _statement_html(unit, unit.status.control, "Control")
    if len(unit.by_source) > 1:
        parts.append('<details class="cm-more"><summary><h4>Each source\'s statements, by date</h4></summary><ul>')
        for view, uv in unit.by_date():
            when = view.meta.published.isoformat() if view.meta.published else "undated"
            parts.append(
                f"<li><strong>{e(when)}</strong> · {e(view.meta.source_line())}: {e(uv.status.claim.label)}"
                f"{origin_badge(uv.status.claim)} · {e(uv.status.control.label)}{origin_badge(uv.status.control)}</li>"
            )
        parts.append("</ul></details>")
    return "".join(parts)


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
    parts = [
        f'<section class="cm-panel" aria-live="polite" {SELECTED_ATTRIBUTE}="{e(iso)}">'
        f"<h3>{e(name)} <small>({e(iso)})</small></h3>"
    ]
    if unit is None:
        parts.append(
            "<p>Not named in the chosen source(s). Choose a coloured region on the map or in the list, or add "
            "another source in the sidebar.</p></section>"
        )
        return _one_line(parts)
    region = unit.region
    parts.append(status_html(unit))
    # The status and its excerpts come first, in view; every sentence that names the unit (also highlighted in
    # the article beside) and the context follow folded, unless there is no curated status to show.
    named = [(view, uv, uv.excerpts) for view, uv in unit.by_source]
    total = sum(len(excerpts) for _, _, excerpts in named)
    parts.append(f'<details class="cm-more"{"" if unit.status.stated else " open"}>')
    parts.append(f"<summary><h4>Sentences that name {e(name)} ({total:,})</h4></summary>")
    for view, uv, excerpts in named:
        if len(unit.by_source) > 1:
            parts.append(f"<h5>{e(view.meta.source_line())}</h5>")
        if any(f != "region" for f in uv.features):  # only when not simply the region
            named_as = " and ".join(FEATURE_LABELS.get(f, f) for f in uv.features)
            parts.append(f'<p class="cm-where">Named as: {e(named_as)}</p>')
        marks = Marks(_spans(uv.mentions))
        parts += [excerpt_html(x, view.article, marks) for x in excerpts[:SENTENCES_SHOWN]]
        if len(excerpts) > SENTENCES_SHOWN:
            parts.append(f'<p class="cm-where">{e(more_sentences_note(SENTENCES_SHOWN, len(excerpts)))}</p>')
    parts.append("</details>")
    if region is not None and region.context:
        own = [uv for view, uv in unit.by_source if curated_article and view.path == curated_article.path]
        curated_marks = Marks(_spans(own[0].mentions) if own else [])
        parts.append('<details class="cm-more"><summary><h4>Context from the article</h4></summary>')
        parts += [excerpt_html(x, curated_article, curated_marks) for x in region.context]
        parts.append("</details>")
    parts.append("</section>")
    return _one_line(parts)


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
    same sources, as of the same date); the sentences naming the ``selected`` unit are highlighted.
    """
    article = view.article
    hrefs = {iso: e(links.page_link(iso, sources, as_of)) for iso in {m.unit for m in view.mentions}}
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
    out = [f'<div class="{ARTICLE_CLASS}">']
    hidden = sum(1 for b in article.blocks if b.kind == "boilerplate")
    shown = [b for b in article.blocks if b.kind in ("headline", "body", "caption")]
    window = _window(shown, highlight[0][0] if highlight else None)
    if len(window) < len(shown):
        first, last = window[0].start, window[-1].end
        out.append(
            f'<p class="cm-where">A long text: characters {first:,}–{last:,} of {len(article.text):,} are shown'
            f"{' (where the chosen region is first named)' if highlight else ''}. Choose a region to show where it "
            "is named; every sentence naming it is in the region panel and the downloads.</p>"
        )
    for block in window:
        cls = {"caption": ' class="cm-caption"', "headline": ' class="cm-headline"'}.get(block.kind, "")
        prefix = "<strong>Photo caption:</strong> " if block.kind == "caption" else ""
        # Bisection, not a scan: a 2 MB article has thousands of blocks and mentions.
        lo, hi = bisect.bisect_left(mention_starts, block.start), bisect.bisect_left(mention_starts, block.end)
        inside = [m for m in mentions[lo:hi] if m.end <= block.end]
        # Both ends bisected: slicing to the end (``highlight[first:]``) copied every later sentence per block.
        first = bisect.bisect_right(highlight_ends, block.start)
        lit = highlight[first : max(first, bisect.bisect_left(highlight_starts, block.end))]
        lo, hi = bisect.bisect_left(aside_starts, block.start), bisect.bisect_left(aside_starts, block.end)
        markup = _block_markup(block.text, block.start, inside, lit, colours, hrefs, asides[lo:hi])
        out.append(f"<p{cls}>{prefix}{markup}</p>")
    if hidden:
        out.append(
            f'<p class="cm-where">{hidden} publisher paragraph(s) (subscription or donation appeals) hidden; '
            "never cited.</p>"
        )
    out.append("</div>")
    return _one_line(out)


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
) -> str:
    """Escape ``text``, wrapping highlighted sentences in ``<mark>`` and mentions in links; no overlap breaks it.

    ``mentions`` are sorted by start; ``highlight`` is sorted and disjoint (source offsets).
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
        piece = e(text[a:b])
        i = _covering(link_starts, links, a, b)
        if i is not None:
            mention = kept[i]
            colour = colours.get(mention.unit, style.NAMED_ONLY_COLOUR)
            piece = (
                f'<a class="{MENTION_CLASS}" href="{hrefs[mention.unit]}" target="_self" '
                f'style="border-bottom-color:{colour}" title="{e(mention.name)}: show its excerpts">{piece}</a>'
            )
        j = _covering(aside_starts, aside, a, b) if i is None else None
        if j is not None:
            piece = f'<span class="cm-aside" title="{e(aside_titles[j])}">{piece}</span>'
        if _covering(mark_starts, marks, a, b) is not None:
            piece = f'<mark class="{HIGHLIGHT_CLASS}">{piece}</mark>'
        out.append(piece)
    return "".join(out)


def colours_for(view: CombinedView) -> dict[str, str]:
    """ISO code to the colour of each named unit (its curated claim's, else the named-only colour)."""
    return {u.iso: style.unit_colour(u.claim, True) for u in view.units}
