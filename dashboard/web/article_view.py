"""The article view: the article's text (headline, caption and body; boilerplate left out) with each mention
marked in its unit's colour and linked to it, and the sentences naming units marked for the page's style to
highlight the selected unit's.

Apart from the unit panel (:mod:`dashboard.web.unit_panel`) and the page's chrome (:mod:`dashboard.web.chrome`):
the article is the page's hot path (a 2 MB article has thousands of blocks and mentions), drawn a window at a
time. The page is the template ``article.html`` (autoescape, :mod:`dashboard.web.templates`); each block's text
is marked here by :func:`_block_markup`, which escapes every piece of the source's text through
:func:`markupsafe.escape` (one template per mention would be too slow). The markup is one line (a single raw
HTML block for Streamlit), so article text can never become markup, Markdown, a link or a request. Pure
functions: tested without Streamlit.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup, escape

from dashboard import style
from dashboard.claims import links
from dashboard.claims.source_views import CombinedView, SourceView
from dashboard.map.dom import ARTICLE_CLASS, MENTION_CLASS, SENTENCE_CLASS, UNITS_ATTRIBUTE
from dashboard.places.mentions import MentionHit
from dashboard.web.templates import render_str


def article_html(
    view: SourceView,
    colours: Mapping[str, str],
    selected: str | None,
    sources: Sequence[str],
    as_of: dt.date | None = None,
) -> str:
    """The article (headline, caption and body; boilerplate left out) with mentions marked in their unit's colour.

    Each mention is a link that selects its unit in the same view (:func:`dashboard.claims.links.page_link`: the
    same sources, as of the same date); the sentences naming units are marked with the units they name, whichever
    unit is selected (the page's style, :func:`dashboard.web.chrome.highlight_css`, highlights the selected one's),
    so that a click sends no new article. ``selected`` only moves the window of a long text to where it is first
    named. The page is ``article.html``; each block's text is marked by :func:`_block_markup`.
    """
    article = view.article
    hrefs = {iso: escape(links.page_link(iso, sources, as_of)) for iso in {m.unit for m in view.mentions}}
    # A phrase naming several units ("the Crimean Peninsula": UA-43 and UA-40) links to the unit it spells.
    mentions = sorted(view.mentions, key=lambda m: (m.start, -m.end, m.name[:5].lower() not in m.text.lower()))
    unit = view.unit(selected) if selected else None
    first_lit = min((x.start for x in unit.excerpts), default=None) if unit is not None else None
    segments = _segments(view)
    mention_starts = [m.start for m in mentions]
    asides = sorted(((m.start, m.end, _ASIDE_TITLES[role].format(name=m.text)) for m, role in view.set_aside))
    aside_starts = [a for a, _, _ in asides]
    segment_starts, segment_ends = [a for a, _, _ in segments], [b for _, b, _ in segments]
    blocks = []
    hidden = sum(1 for b in article.blocks if b.kind == "boilerplate")
    shown = [b for b in article.blocks if b.kind in ("headline", "body", "caption")]
    window = _window(shown, first_lit)
    note = None
    if len(window) < len(shown):
        first, last = window[0].start, window[-1].end
        note = {
            "first": f"{first:,}",
            "last": f"{last:,}",
            "total": f"{len(article.text):,}",
            "highlight": first_lit is not None,
        }
    for block in window:
        # Bisection, not a scan: a 2 MB article has thousands of blocks and mentions.
        lo, hi = bisect.bisect_left(mention_starts, block.start), bisect.bisect_left(mention_starts, block.end)
        inside = [m for m in mentions[lo:hi] if m.end <= block.end]
        # Both ends bisected: slicing to the end (``segments[first:]``) copied every later sentence per block.
        first = bisect.bisect_right(segment_ends, block.start)
        lit = segments[first : max(first, bisect.bisect_left(segment_starts, block.end))]
        lo, hi = bisect.bisect_left(aside_starts, block.start), bisect.bisect_left(aside_starts, block.end)
        markup = _block_markup(block.text, block.start, inside, lit, colours, hrefs, asides[lo:hi])
        blocks.append((_BLOCK_CLASSES.get(block.kind, ""), block.kind == "caption", markup))
    return render_str("article.html", article_class=ARTICLE_CLASS, window=note, blocks=blocks, hidden=hidden)


_BLOCK_CLASSES = {"caption": "cm-caption", "headline": "cm-headline"}


ARTICLE_WINDOW_CHARS = 60_000
"""How much of a long article the page draws at a time (the whole of a shorter one): a 2 MB source drawn whole
made a DOM of 4 million characters, re-sent on every click."""


def _window(blocks: Sequence, at: int | None) -> Sequence:
    """The blocks to draw: all of them if they fit :data:`ARTICLE_WINDOW_CHARS`, else the page of blocks holding
    offset ``at`` (the first highlighted sentence), or the first page. Pages are fixed runs of blocks of at most that
    many characters, the same whichever region is chosen: regions first named on one page draw the same markup,
    which a click then does not send again."""
    if sum(b.end - b.start for b in blocks) <= ARTICLE_WINDOW_CHARS:
        return blocks
    begin, size = 0, 0
    for k, block in enumerate(blocks):
        length = block.end - block.start
        if k > begin and size + length > ARTICLE_WINDOW_CHARS:
            if at is None or at < block.start:
                return blocks[begin:k]
            begin, size = k, 0
        size += length
    return blocks[begin:]


def _segments(view: SourceView) -> list[tuple[int, int, str]]:
    """The stretches of the article in sentences naming units: sorted, disjoint ``(start, end, units)``, where
    ``units`` lists (sorted, space-separated) the units whose sentences cover the stretch."""
    edges: list[tuple[int, int, str]] = []  # (offset, +1 opens / -1 closes, unit)
    for u in view.units:
        for a, b in _merged((x.start, x.end) for x in u.excerpts):
            edges += [(a, 1, u.iso), (b, -1, u.iso)]
    edges.sort(key=lambda e: (e[0], e[1]))
    out: list[tuple[int, int, str]] = []
    open_units: dict[str, int] = {}
    at = None
    for pos, step, iso in edges:
        if at is not None and pos > at and open_units:
            names = " ".join(sorted(open_units))
            if out and out[-1][1] == at and out[-1][2] == names:
                out[-1] = (out[-1][0], pos, names)
            else:
                out.append((at, pos, names))
        open_units[iso] = open_units.get(iso, 0) + step
        if not open_units[iso]:
            del open_units[iso]
        at = pos
    return out


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
    segments: Sequence[tuple[int, int, str]],
    colours: Mapping[str, str],
    hrefs: Mapping[str, str],
    asides: Sequence[tuple[int, int, str]] = (),
) -> Markup:
    """Escape ``text``, wrapping the sentences naming units in ``<span class="cm-s" data-u="…">`` (the units they
    name: the page's style highlights the selected one's) and mentions in links; no overlap breaks it.

    ``mentions`` are sorted by start; ``segments`` are sorted and disjoint (source offsets, with their units);
    ``hrefs`` are escaped already. The article's hot path, so built here rather than by a template per mention (a
    2 MB article has thousands): every piece of the source's text, and each mention's name and aside title, goes through
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
    marks = [(min(max(a - offset, 0), size), min(max(b - offset, 0), size)) for a, b, _ in segments]
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
        k = _covering(mark_starts, marks, a, b)
        if k is not None:  # ISO codes only (the view's units), no text of the source
            piece = f'<span class="{SENTENCE_CLASS}" {UNITS_ATTRIBUTE}="{segments[k][2]}">{piece}</span>'
        out.append(piece)
    return Markup("".join(out))


def colours_for(view: CombinedView) -> dict[str, str]:
    """ISO code to the colour of each named unit (its curated claim's, else the named-only colour)."""
    return {u.iso: style.unit_colour(u.claim, True) for u in view.units}
