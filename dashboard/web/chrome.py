"""The page's chrome: the style sheet, the header, the as-of line and what changed, the legend, the footer.

Everything around the map, the unit panel (:mod:`dashboard.web.unit_panel`) and the article
(:mod:`dashboard.web.article_view`): the header lists the sources (and :func:`tab_label` names each one's article
tab, in the same order); the as-of line and what changed since the date before it sit under the header; the
legend explains the swatches (:func:`swatch`, also the lead of the unit panel's claim) and the map's patterns; the
footer credits the data. Named "chrome" for the frame it draws around the page's content; every part of it
comes from data files and the sources' details.

Each panel is a template of ``templates/`` rendered with autoescape (:mod:`dashboard.web.templates`): every
string that comes from a source or a data file is given to a template as a plain value and escaped there. Pure
functions: tested without Streamlit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from markupsafe import Markup

from dashboard import style
from dashboard.claims.source_views import SourceView
from dashboard.claims.vocab import ORIGIN_LABELS
from dashboard.core.text import shorten
from dashboard.map.dom import ARTICLE_CLASS, SENTENCE_CLASS, UNITS_ATTRIBUTE
from dashboard.sources.model import SourceMeta
from dashboard.sources.reader import safe_url
from dashboard.web.templates import page_css, render, render_str

CSS = page_css()
"""The page's style sheet (``css/page.css``) as a ``<style>`` element; app.py shows it with ``st.html``."""


HIGHLIGHT_COLOUR = "#fff3b0"
"""The background of the sentences naming the selected unit in the article."""


def highlight_css(iso: str | None) -> str:
    """The style that highlights, in the article, the sentences naming ``iso`` (a ``<style>`` element; '' for no
    unit). The article's markup names every sentence's units (:data:`dashboard.map.dom.UNITS_ATTRIBUTE`), so a
    click sends this line, not the article again.

    Raises
    ------
    ValueError
        If ``iso`` is not an ISO 3166-2 code of the form ``UA-NN`` (nothing else may reach a style sheet).
    """
    if iso is None:
        return ""
    if not re.fullmatch(r"UA-\d{2}", iso):
        raise ValueError(f"not a unit's ISO code: {iso!r}")
    return (
        f'<style>div.{ARTICLE_CLASS} span.{SENTENCE_CLASS}[{UNITS_ATTRIBUTE}~="{iso}"]'
        f"{{background:{HIGHLIGHT_COLOUR}}}</style>"
    )


def swatch(claim_key: str, colour: str, control: str | None, size: tuple[int, int] = (28, 16)) -> str:
    """A swatch: the claim colour with the control's hatch drawn in CSS (same look as the map's SVG patterns).

    CSS, not inline SVG: Streamlit's HTML sanitiser keeps ``style`` attributes but drops SVG.
    """
    return str(swatch_markup(claim_key, colour, control, size))


def swatch_markup(claim_key: str, colour: str, control: str | None, size: tuple[int, int] = (28, 16)) -> Markup:
    """:func:`swatch`, as markup to compose into a template (the unit panel's claim leads with one)."""
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
    return render_str(
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
        span = f", {day_label(dates[0])} to {day_label(dates[-1])}" if len(dates) > 1 else ""
    return render_str("header.html", sources=[_byline(m) for m in metas], folded=folded, span=span)


MANY_SOURCES = 3
"""Above this many sources the header's list folds and the article view shows one article, chosen in a list."""


def day_label(date: dt.date) -> str:
    """A date as the page writes it: ``24 Feb 2022``."""
    return f"{date.day} {date:%b %Y}"


def as_of_label(date: dt.date | None) -> str:
    """An option of the as-of slider: its date, or ``all sources`` for None."""
    return "all sources" if date is None else day_label(date)


def as_of_options(timeline: Sequence[dt.date], as_of: dt.date | None) -> list[dt.date | None]:
    """The as-of slider's options: the sources' dates, the date asked for (a link may name another), then None."""
    options = [*timeline, None]
    if as_of is not None and as_of not in options:
        options = sorted([*timeline, as_of]) + [None]
    return options


def previous_date(timeline: Sequence[dt.date], as_of: dt.date | None) -> dt.date | None:
    """The latest of the sources' dates before ``as_of`` (what "what changed" compares with), or None."""
    earlier = [d for d in timeline if as_of is not None and d < as_of]
    return earlier[-1] if earlier else None


def by_date(views: Sequence[SourceView]) -> list[SourceView]:
    """Source views oldest first, undated ones last (in the order given)."""
    return sorted(views, key=lambda v: (v.meta.published is None, v.meta.published or dt.date.min))


def tab_label(meta: SourceMeta, number: int, limit: int = 30) -> str:
    """A short plain-text label for a source's tab: ``1. The Moscow Times · 27 Feb 2025``.

    The header lists the full titles in the same order. Without a publisher the title stands in, cut at a word
    boundary (``…``) to ``limit`` characters, so that two or three tabs fit beside the map.
    """
    who = shorten(meta.publisher, limit) or shorten(meta.title, limit) or "Untitled source"
    when = f" · {meta.published.day} {meta.published:%b %Y}" if meta.published else ""
    return f"{number}. {who}{when}"


def article_choices(views: Sequence[SourceView]) -> tuple[list[SourceView], dict[str, str]]:
    """With many sources, the articles to choose from: oldest first, and each one's numbered label by path."""
    ordered = by_date(views)
    return ordered, {s.path: tab_label(s.meta, n) for n, s in enumerate(ordered, start=1)}


def as_of_html(line: str, undated: Sequence[SourceMeta], later: Sequence[SourceMeta]) -> str:
    """The "as of" line under the header, and the sources it leaves out: undated ones (listed apart, never
    placed on the timeline by guess) and later ones."""
    return render_str("as_of.html", line=line, undated=[m.source_line() or m.title for m in undated], later=len(later))


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
    return render_str("changes.html", changes=shown, since=since, until=until)


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
    return render_str("footer.html", provenance=list(lines), articles=articles)
