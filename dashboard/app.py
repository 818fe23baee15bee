"""The dashboard: an interactive claims map beside the article; click a region for its sourced excerpts.

Run with ``make run`` (``streamlit run dashboard/app.py``). This script only wires widgets to pure functions
(:mod:`dashboard.claims.selection`, :mod:`dashboard.map.mapview`, :mod:`dashboard.web.chrome`,
:mod:`dashboard.web.unit_panel`, :mod:`dashboard.web.article_view`, :mod:`dashboard.web.page_exports`,
:mod:`dashboard.web.source_forms`, :mod:`dashboard.web.page_state`), which are tested without Streamlit; the
sources' sidebar and dialog are its part in :mod:`dashboard.app_sources`.
"""

from __future__ import annotations

import streamlit as st

from dashboard.app_cache import drawn, map_for, page_for, review_store, source_store
from dashboard.app_sources import show_outcome, sources_sidebar
from dashboard.claims import curated_claims, links, selection, timeline
from dashboard.claims.vocab import FIELD_LABELS, FIELD_VALUES, FIELDS
from dashboard.core.errors import DataError
from dashboard.core.text import md_escape
from dashboard.map import component, mapview
from dashboard.places import boundaries
from dashboard.web import article_view, chrome, page_exports, page_state, review_forms, unit_panel

MAP_KEY = "map"
REGION_KEY = links.REGION  # each widget's key is its URL parameter
SOURCES_KEY = links.SOURCES
AS_OF_KEY = links.AS_OF


def changes_panel(
    view: selection.PageView, ids: tuple[str, ...], curated: curated_claims.ClaimsData, version: tuple
) -> None:
    """As of a date with an earlier source date: the units whose claim or control changed since that date."""
    previous = chrome.previous_date(view.timeline, view.as_of)
    if previous is None:
        return
    found = timeline.changes(page_for(ids, curated, version, previous), view)
    since, until = chrome.day_label(previous), chrome.day_label(view.as_of)
    with st.expander(md_escape(f"What changed between {since} and {until} ({len(found)})")):
        st.html(chrome.changes_html(found, since, until))


def as_of_control(view: selection.PageView) -> None:
    """The map as of one of the shown sources' dates (a slider, keyboard-operable), or with all sources; shown
    only when the sources carry two dates or more."""
    if len(view.timeline) < 2 and view.as_of is None:
        return
    options = chrome.as_of_options(view.timeline, view.as_of)
    st.session_state[AS_OF_KEY] = view.as_of  # given on every run, so the slider shows what the map shows
    st.select_slider(
        "As of (the sources' dates)",
        options=options,
        format_func=chrome.as_of_label,
        key=AS_OF_KEY,
        help="Only sources dated on or before it count; sources with no date are listed apart.",
    )


def on_map_click() -> None:
    """A click on the map chooses its unit (read by its ISO code in the feature's properties)."""
    iso = mapview.clicked_unit(st.session_state.get(MAP_KEY))
    if iso:
        st.session_state[REGION_KEY] = iso


def on_review(source_id: str, iso: str, current: dict) -> None:
    """Store the editor's choices of the review form (``current``: the statements the form was drawn with)."""
    key = f"{source_id}_{iso}"
    chosen = {
        field: (st.session_state.get(f"rv_{field}_{key}"), st.session_state.get(f"rv_{field}_spans_{key}") or [])
        for field in FIELDS
    }
    st.session_state[f"review_outcome_{key}"] = review_forms.save_review(
        review_store(),
        source_id,
        iso,
        current,
        chosen,
        note=st.session_state.get(f"rv_note_{key}", ""),
        reviewer=st.session_state.get(f"rv_reviewer_{key}", ""),
    )
    st.session_state["rv_reviewer_last"] = st.session_state.get(f"rv_reviewer_{key}", "")
    if st.session_state[f"review_outcome_{key}"].ok:  # saved: its drafts are the stored review now
        review_forms.drop_drafts(st.session_state.get(review_forms.DRAFTS, {}), key)


def keep_draft(widget_key: str) -> None:
    """A review widget's change, kept apart from the widget: switching source or region and back loses nothing."""
    st.session_state.setdefault(review_forms.DRAFTS, {})[widget_key] = st.session_state.get(widget_key)


def review_panel(view: selection.PageView, iso: str) -> None:
    """For a stored source naming the unit: its suggestion (or review) of each field, to accept or change.

    One form at a time, whatever the number of sources: with several reviewable sources a list chooses which
    (the latest dated first), so a click with twenty sources draws the widgets of one form, not twenty.
    """
    unit = view.combined.unit(iso)
    if unit is None:
        return
    reviewable, titles, ordered = review_forms.reviewable_sources(unit)
    if not reviewable:
        return
    choice_key = f"rv_source_{iso}"
    if st.session_state.get(choice_key) not in reviewable:
        st.session_state[choice_key] = ordered[0]
    if len(ordered) > 1:
        st.selectbox(
            f"Source to review ({len(ordered)} name {view.names.get(iso, iso)}, by date)",
            ordered,
            format_func=titles.get,
            key=choice_key,
        )
    source_view, uv = reviewable[st.session_state[choice_key]]
    key = f"{source_view.source_id}_{iso}"
    title = titles[source_view.source_id]
    with st.expander(md_escape(f"Review {view.names.get(iso, iso)} in “{title}”")):
        current = {field: uv.status.of(field) for field in FIELDS}
        drafts = st.session_state.get(review_forms.DRAFTS, {})  # what was chosen here and not saved yet
        with st.container():
            for field in FIELDS:
                statement = current[field]
                values = list(FIELD_VALUES[field])
                value_key, spans_key = f"rv_{field}_{key}", f"rv_{field}_spans_{key}"
                st.selectbox(
                    review_forms.field_label(field, statement),
                    values,
                    index=values.index(review_forms.drafted(drafts, value_key, values, statement.value)),
                    format_func=lambda v, f=field: FIELD_LABELS[f][v],
                    key=value_key,
                    on_change=keep_draft,
                    args=(value_key,),
                )
                choices = review_forms.sentence_choices(uv.excerpts, statement)
                stated = [k for k in map(review_forms.span_key, statement.excerpts) if k in choices]
                st.multiselect(
                    f"Sentence(s) that state the {field}",
                    list(choices),
                    default=[k for k in drafts.get(spans_key, stated) if k in choices],
                    format_func=lambda k, c=choices: c.get(k, k),
                    key=spans_key,
                    on_change=keep_draft,
                    args=(spans_key,),
                )
            note_key, name_key = f"rv_note_{key}", f"rv_reviewer_{key}"
            st.text_input(
                "Note (optional)",
                value=str(drafts.get(note_key, "")),
                key=note_key,
                max_chars=review_forms.MAX_NOTE,
                on_change=keep_draft,
                args=(note_key,),
            )
            if name_key not in st.session_state:  # the name typed here before, else the name typed last
                st.session_state[name_key] = drafts.get(name_key, st.session_state.get("rv_reviewer_last", ""))
            st.text_input("Your name (optional)", key=name_key, max_chars=100, on_change=keep_draft, args=(name_key,))
            st.button(
                "Save review", key=f"rv_save_{key}", on_click=on_review, args=(source_view.source_id, iso, current)
            )
        show_outcome(f"review_outcome_{key}")


def region_chooser(view: selection.PageView, region: str | None) -> None:
    """Any of the 27 units by name: a list to type in (Tab reaches it first, before the map's units).

    It is a plain list on the page, not in a popover: Streamlit's popover leaves the keyboard's focus on its
    button, and its content comes last in the tab order, so a keyboard user could not reach the list. The cost:
    Streamlit's list widget code (~150 KB) loads with the page, ~0.1 s before a first-time reader sees the map.
    """
    st.session_state[REGION_KEY] = region  # given on every run, so the list shows the region the page shows
    st.selectbox(
        "Region (type to filter; or click it on the map)",
        options=view.options(),
        index=None,
        format_func=view.label,
        placeholder="Choose a region by name…",
        key=REGION_KEY,
    )


def exports_row(view: selection.PageView, curated: curated_claims.ClaimsData, region: str | None) -> None:
    """The downloads of the current view, in a popover: its widgets load only when a reader opens it (the page
    paints its map ~0.1 s sooner here), and nothing is rendered until a format is chosen."""
    meta, what = page_exports.export_subject(view, region)
    with st.popover(md_escape(f"Download the map or its data · {what}"), icon=":material/download:"):
        title = st.text_input("Title on the image (blank: from the source)", key="export_title", max_chars=200)
        if len(view.combined.sources) > 1:
            st.caption("Several sources: images and data carry the first source's line and every source's excerpts.")
        st.caption(page_exports.formats_note())
        offered = page_exports.offered_formats(len(view.timeline))
        problems = page_exports.export_problems(offered)  # a download that would fail says why (no silent click)
        for line in page_exports.problem_lines(problems):
            st.error(md_escape(line))
        for fmt in offered:
            label, mime = page_exports.FORMATS[fmt].label, page_exports.FORMATS[fmt].mime
            if fmt in problems:
                continue
            st.download_button(
                label,
                data=lambda fmt=fmt: page_exports.page_export(fmt, view, curated, region=region, title=title or None),
                file_name=page_exports.file_name(meta, fmt, region),
                mime=mime,
                on_click="ignore",
                key=f"download_{fmt}",
                width="stretch",
            )
            if fmt == "html":
                st.caption("Embed it in a story: upload the file beside the page, then paste")
                snippet = page_exports.iframe_snippet(page_exports.file_name(meta, fmt, region))
                # Plain and wrapped: the highlighter's token colours fail AA contrast; a scrolled box needs focus.
                st.code(snippet, language=None, wrap_lines=True)


def main() -> None:
    # The icon as a character, not a shortcode: ":world_map:" makes the browser fetch and parse a 259 KB emoji
    # table while the map is loading (measured: page open → polygons ~50 ms sooner without it).
    st.set_page_config(page_title="Territorial claims map", page_icon="🗺️", layout="wide")
    top = st.container()  # CSS and header go here once the map is on its way
    try:
        curated = curated_claims.load_claims()
        provenance = boundaries.load_provenance()
        listed = source_store().summaries()
    except DataError as exc:
        st.error(md_escape(f"The dashboard cannot start because of a data file. {exc}"))
        st.stop()
    known_ids = [s.id for s in listed]
    if "url_read" not in st.session_state:  # a new page load: the link decides what is shown
        st.session_state["url_read"] = True
        link = page_state.read_link(
            st.query_params.get_all(SOURCES_KEY),
            st.query_params.get(AS_OF_KEY),
            st.query_params.get(REGION_KEY),
            known_ids,
        )
        st.session_state[SOURCES_KEY] = link.sources
        st.session_state[AS_OF_KEY] = link.as_of
        if link.region:
            st.session_state[REGION_KEY] = link.region
        for warning in link.warnings:
            st.warning(md_escape(warning))
    # The map's delta goes out first (the widgets that choose what it shows are filled in afterwards, in slots
    # placed above it, or in the sidebar at the end): the reader sees polygons as early as Streamlit allows.
    ids = page_state.shown_ids(st.session_state.get(SOURCES_KEY), known_ids)
    try:
        version = page_state.view_version(curated, listed, review_store().version())
        as_of = st.session_state.get(AS_OF_KEY)
        view = page_for(ids, curated, version, as_of)
    except DataError as exc:
        st.error(md_escape(str(exc)))
        st.stop()
    metas = [s.meta for s in view.combined.sources]
    region = st.session_state.get(REGION_KEY)
    region = region if region in view.names else None
    left, right = st.columns([3, 2], gap="large")
    with left:
        chooser = st.container()
        component.show(map_for(ids, curated, version, as_of, MAP_KEY), MAP_KEY, on_map_click)
        with top:
            st.html(chrome.CSS)
            if region:  # the article's sentences naming it, highlighted: one line, not the article again
                st.html(chrome.highlight_css(region))
            st.html(chrome.header_html(metas))
            if view.as_of is not None:
                undated = [v.meta for v in view.undated]
                st.html(chrome.as_of_html(view.as_of_line(), undated, [v.meta for v in view.later]))
        with chooser:
            as_of_control(view)
            region_chooser(view, region)
        st.html(chrome.legend_html(show_suggested=any(u.suggested for u in view.combined.units)))
        changes_panel(view, ids, curated, version)
    with right:
        if region:
            unit = view.combined.unit(region)
            name = view.names.get(region, region)
            st.html(
                drawn(view, ("panel", region), lambda: unit_panel.unit_panel_html(region, name, unit, curated.article))
            )
            review_panel(view, region)
        else:
            st.info("Click a coloured region on the map, or choose one in the list, to read its sourced excerpts.")
        colours = article_view.colours_for(view.combined)

        def article(source_view) -> str:  # drawn once per view and region, for every session
            return drawn(
                view,
                ("article", source_view.path, region),
                lambda: article_view.article_html(source_view, colours, region, list(ids), view.as_of),
            )

        sources = view.combined.sources
        if len(sources) == 1:
            st.caption("Article text (mentions link to their region)")
            with st.container(height=520):
                st.html(article(sources[0]))
        elif len(sources) > chrome.MANY_SOURCES:  # one article at a time: twenty tabs drew twenty articles per click
            ordered, labels = chrome.article_choices(sources)
            if st.session_state.get("article_shown") not in labels:
                st.session_state["article_shown"] = ordered[0].path
            chosen = st.selectbox(
                f"Article shown ({len(ordered)} sources, by date)",
                list(labels),
                format_func=labels.get,
                key="article_shown",
            )
            with st.container(height=520):
                st.html(article(next(s for s in ordered if s.path == chosen)))
        elif sources:
            tabs = st.tabs([md_escape(chrome.tab_label(s.meta, n)) for n, s in enumerate(sources, start=1)])
            for tab, source_view in zip(tabs, sources, strict=True):
                with tab, st.container(height=520):
                    st.html(article(source_view))
    links.write_link(st.query_params, region, ids, view.as_of)
    exports_row(view, curated, region)
    st.html(chrome.footer_html(provenance, metas))
    with st.sidebar:
        sources_sidebar(listed)


main()
