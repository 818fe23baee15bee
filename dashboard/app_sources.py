"""The page's sources: the sidebar's list of what the map shows, and the dialog to add, correct or delete one.

Part of the script (:mod:`dashboard.app`), apart so the script stays the page's wiring: Streamlit widgets and
their callbacks here, every decision in :mod:`dashboard.web.source_forms` and :mod:`dashboard.web.page_state`.
"""

from __future__ import annotations

import streamlit as st

from dashboard.app_cache import source_store
from dashboard.claims import links
from dashboard.core.text import md_escape
from dashboard.sources import stored
from dashboard.web import page_state, source_forms

SOURCES_KEY = links.SOURCES


def on_add_source() -> None:
    outcome = source_forms.add_from_form(
        source_store(),
        st.session_state.get("add_upload"),  # may be a DeletedFile: removed while the server was busy
        pasted=st.session_state.get("add_text", ""),
        title=st.session_state.get("add_title", ""),
        publisher=st.session_state.get("add_publisher", ""),
        published=st.session_state.get("add_published", ""),
        url=st.session_state.get("add_url", ""),
    )
    st.session_state["add_outcome"] = outcome
    if outcome.ok and outcome.source is not None:
        for key in ("add_text", "add_title", "add_publisher", "add_published", "add_url"):
            st.session_state[key] = ""
        st.session_state[SOURCES_KEY] = page_state.with_source(st.session_state.get(SOURCES_KEY), outcome.source.id)


def on_delete_source() -> None:
    source_id = st.session_state.get("delete_choice")
    if not source_id or not st.session_state.get("delete_confirm"):
        return
    st.session_state["delete_confirm"] = False
    st.session_state["delete_outcome"] = source_forms.delete_source(source_store(), source_id)
    st.session_state[SOURCES_KEY] = [s for s in st.session_state.get(SOURCES_KEY) or [] if s != source_id]


def on_edit_source() -> None:
    source_id = st.session_state.get("edit_choice")
    if not source_id:
        return
    st.session_state["edit_outcome"] = source_forms.update_source(
        source_store(),
        source_id,
        title=st.session_state.get(f"edit_title_{source_id}", ""),
        publisher=st.session_state.get(f"edit_publisher_{source_id}", ""),
        published=st.session_state.get(f"edit_published_{source_id}", ""),
        url=st.session_state.get(f"edit_url_{source_id}", ""),
    )


def show_outcome(key: str) -> None:
    outcome = st.session_state.pop(key, None)
    if outcome is not None:
        (st.success if outcome.ok else st.error)(md_escape(outcome.message))
        for note in outcome.notes:
            st.caption(md_escape(note))


@st.dialog("Sources", width="large")
def manage_sources(listed: list[stored.SourceSummary]) -> None:
    """Add, correct or delete sources (a dialog: its widgets load only when a reader opens it).

    A change that worked closes the dialog and reruns the page (the map and the list must show it); a refusal
    keeps the dialog open with its message, so nothing typed is lost.
    """
    for key in ("add_outcome", "edit_outcome", "delete_outcome"):
        outcome = st.session_state.get(key)
        if outcome is not None and outcome.ok:
            st.rerun()
    # A refusal is shown under the button that asked, where the reader is looking (not at the dialog's top).
    titles = {s.id: s.title for s in listed}
    st.subheader("Add a source")
    with st.form("add_source", clear_on_submit=False):
        st.file_uploader(
            "Upload a .txt, .md or .html file",
            type=["txt", "md", "html", "htm"],
            key="add_upload",
            max_upload_size=source_forms.UPLOAD_LIMIT_MB,
        )
        st.text_area("…or paste the article's text", key="add_text", height=140)
        st.text_input("Title (blank: the first line)", key="add_title")
        st.text_input("Publisher", key="add_publisher")
        st.text_input("Published (YYYY-MM-DD)", key="add_published")
        st.text_input("URL of the original", key="add_url")
        # The refusal sits just above the button that asked: a click scrolls that button to the dialog's bottom
        # edge, and a message drawn under it could fall out of view.
        show_outcome("add_outcome")
        st.form_submit_button("Add source", on_click=on_add_source)
    st.caption(source_forms.LIMIT_NOTE)
    deletable = [s for s in listed if not s.read_only]
    if not deletable:
        st.caption("Sources you add can be corrected or deleted here. The seed article is built in.")
        return
    st.subheader("Correct a source's details")
    choice = st.selectbox(
        "Source to correct", [s.id for s in deletable], format_func=lambda i: titles.get(i, i), key="edit_choice"
    )
    current = next(s for s in deletable if s.id == choice)
    with st.form(f"edit_{current.id}"):
        st.text_input("Title", value=current.title, key=f"edit_title_{current.id}")
        st.text_input("Publisher", value=current.publisher, key=f"edit_publisher_{current.id}")
        published = current.published.isoformat() if current.published else ""
        st.text_input("Published (YYYY-MM-DD)", value=published, key=f"edit_published_{current.id}")
        st.text_input("URL of the original", value=current.url or "", key=f"edit_url_{current.id}")
        st.form_submit_button("Save details", on_click=on_edit_source)
    show_outcome("edit_outcome")
    st.subheader("Delete a source")
    st.selectbox(
        "Source to delete",
        [s.id for s in deletable],
        format_func=lambda i: titles.get(i, i),
        key="delete_choice",
        on_change=lambda: st.session_state.update(delete_confirm=False),  # a tick confirms one source only
    )
    sure = st.checkbox("Yes, delete it: its text and details cannot be recovered", key="delete_confirm")
    st.button("Delete it", on_click=on_delete_source, type="secondary", disabled=not sure)
    show_outcome("delete_outcome")


def sources_sidebar(listed: list[stored.SourceSummary]) -> None:
    """The sources shown on the map (a list to choose them in), and the dialog to add or manage them."""
    titles = {s.id: s.title for s in listed}
    st.header("Sources")
    shown = [i for i in st.session_state.get(SOURCES_KEY) or [] if i in titles] or [stored.SEED_ID]
    # Given on every run, so the list always shows what the map shows: a source deleted elsewhere drops out, and
    # with none chosen the map shows the seed, so the list does too.
    st.session_state[SOURCES_KEY] = shown
    st.multiselect(
        f"Shown on the map: {len(shown)} of {len(titles)}",
        options=list(titles),
        format_func=lambda i: titles.get(i, i),
        key=SOURCES_KEY,
        help="Regions named by any chosen source are coloured. With none chosen, the seed article is shown.",
    )
    if st.button("Add or manage sources…", help="Paste or upload an article; correct or delete a stored one"):
        st.session_state["delete_confirm"] = False  # each opening asks again before a deletion
        manage_sources(listed)
    for key in ("add_outcome", "edit_outcome", "delete_outcome"):
        show_outcome(key)
