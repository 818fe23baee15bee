"""The command line's work beyond exports: statements of a source, and the store the dashboard uses.

- ``statements --source FILE`` (or ``--source-id ID``, or the seed by default; the view is
  :func:`dashboard.export.exports.source_view`) prints each named unit's claim and
  control with its origin, the cue words and the sentence, or writes them in the ``data/claims.toml`` format
  (``--format toml``) so that a reviewed source can become curated data.
- ``sources add FILE…`` stores articles as the page's form does (same checks, same one-line messages; each id
  on its own line, the same text again giving the id it already has); ``sources list``; ``sources remove ID``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from dashboard.claims import article_files
from dashboard.claims.source_views import SourceView
from dashboard.claims.vocab import FIELDS, ORIGIN_LABELS
from dashboard.core.errors import DataError
from dashboard.core.text import slugify
from dashboard.sources import store, stored


def _one_line(text: str) -> str:
    return " ".join(text.split())


def statements_text(view: SourceView) -> str:
    """Each unit's claim and control: value, origin, cue, who claims it, and the sentence with its offsets."""
    lines = [f"# {view.meta.source_line() or view.path}", f"# source: {view.path}"]
    if not view.units:
        lines.append("No unit of Ukraine is named in this source.")
    for unit in view.units:
        lines.append(f"{unit.iso} {unit.name}")
        for field in FIELDS:
            s = unit.status.of(field)
            head = f"  {field}: {s.value}"
            if s.stated:
                head += f" ({ORIGIN_LABELS[s.origin]})"
            lines.append(head)
            if s.cue:
                lines.append(f"    cue: {json.dumps(s.cue, ensure_ascii=False)}")
            if s.attributed_to:
                lines.append(f"    attributed to: {json.dumps(s.attributed_to, ensure_ascii=False)}")
            for e in s.excerpts:
                lines.append(f"    [{e.start}:{e.end}] {json.dumps(_one_line(e.text), ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def claims_toml(view: SourceView) -> str:
    """The view's statuses in the ``data/claims.toml`` format (one region per unit; excerpts by id)."""
    out = [
        f"# Statuses of {view.meta.source_line() or view.path}, written by `python -m dashboard statements`.",
        "# Origins: " + ", ".join(sorted({u.origin for u in view.units})) + " (a suggestion is not a review).",
        "",
        "schema = 1",
        f"source = {_toml_string(view.path)}",
        "",
    ]
    ids: dict[tuple[int, int], str] = {}
    for unit in view.units:
        for e in (*unit.claim_excerpts, *unit.control_excerpts, *unit.excerpts):
            if (e.start, e.end) not in ids:
                key = f"x{e.start}-{e.end}"
                ids[(e.start, e.end)] = key
                out += [f"[excerpts.{key}]", f"start = {e.start}", f"end = {e.end}"]
                if e.label:
                    out.append(f"label = {_toml_string(e.label)}")
                out += [f"text = {_toml_string(e.text)}", ""]
    for unit in view.units:
        region = unit.region.region if unit.region else slugify(unit.name)
        refs = {
            name: ", ".join(_toml_string(ids[(e.start, e.end)]) for e in excerpts)
            for name, excerpts in (
                ("claim", unit.claim_excerpts),
                ("control", unit.control_excerpts),
                ("mentions", unit.excerpts),
            )
        }
        out += [
            f"[regions.{_toml_string(region)}]",
            f"name = {_toml_string(unit.name)}",
            f"units = [{_toml_string(unit.iso)}]",
            f"claim = {_toml_string(unit.claim)}",
            f"claim_excerpts = [{refs['claim']}]",
        ]
        if unit.status.claim.note:
            out.append(f"claim_note = {_toml_string(unit.status.claim.note)}")
        out += [f"control = {_toml_string(unit.control)}", f"control_excerpts = [{refs['control']}]"]
        if unit.status.control.note:
            out.append(f"control_note = {_toml_string(unit.status.control.note)}")
        out += [f"mentions = [{refs['mentions']}]", ""]
    return "\n".join(out)


def sources_add(files: Sequence[Path], *, title=None, publisher=None, published=None, url=None) -> list[str]:
    """Store each file (checked as the page's form checks an upload); returns their ids, in order.

    Every file is read and checked before any is stored, so a bad one stores nothing.

    Raises
    ------
    DataError
        Naming the file, with the page's message.
    """
    read = [article_files.read_file(file) for file in files]
    target = store.Store()
    ids = []
    for article, ingested in read:
        meta = article.meta  # the sidecar .toml's details, else those read from the file
        stored = target.add_ingested(
            ingested,
            title=title or meta.title,
            publisher=publisher if publisher is not None else meta.publisher,
            published=published or meta.published,
            url=url or meta.url,
        )
        ids.append(stored.id)
    return ids


def sources_list() -> str:
    """One line per source: id, date, publisher, title (tab-separated)."""
    lines = []
    for s in store.Store().summaries():
        when = s.published.isoformat() if s.published else "-"
        lines.append("\t".join((s.id, when, s.publisher or "-", s.title)))
    return "\n".join(lines) + "\n"


def sources_remove(source_id: str) -> str:
    """Delete a stored source; says whether it was there."""
    if store.Store().delete(source_id):
        return f"removed {source_id}"
    raise DataError(stored.citation_path(source_id), "no such source in the store (already removed?)")
