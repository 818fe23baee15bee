"""An article file as the command line reads it: :func:`read_file` (``--source FILE``) and its frame.

Apart from the views (:mod:`dashboard.claims.source_views`) and their frames (:mod:`dashboard.claims.view_frames`)
because only the command line reads a file by path: the page's sources come from the store, uploaded or pasted.
:func:`read_file` needs nothing of the claims (ingest, the reader and a ``.toml`` sidecar); :func:`frame_for_file`
is the view of such a file as :func:`~dashboard.claims.view_frames.view_frame`.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from dashboard.claims.curated_claims import ClaimsData
from dashboard.claims.source_views import source_view
from dashboard.claims.view_frames import view_frame
from dashboard.core.errors import DataError
from dashboard.core.text import shown_path
from dashboard.sources import decoding, ingest
from dashboard.sources.model import Article, SourceMeta
from dashboard.sources.reader import build_article, check_meta, read_meta


def read_file(path: str | Path) -> tuple[Article, ingest.IngestedText]:
    """Read an article file (``.txt``, ``.md``, ``.html``) as the command line does.

    Excerpts cite the path as given. A UTF-8 ``.txt``/``.md`` file is kept character for character, so offsets
    count into the file decoded as UTF-8; for ``.html`` (and a file in another encoding) they count into the
    text ingest extracted (``IngestedText.text``, also ``Article.text``). Metadata comes from a ``.toml`` beside
    the file (same stem; see ``seeds/*.toml``) if there is one, else from the suggestions of ingest.

    Raises
    ------
    DataError
        Naming the path as given, for a missing file or anything ingest refuses.
    """
    shown = shown_path(path)  # undecodable bytes of the name as \xff: printable, and citable in UTF-8 exports
    p = Path(path)
    data = decoding.read_source_bytes(p)  # a regular file only, never more than the size limit read
    try:
        ingested = ingest.ingest_bytes(p.name, data, exact=True)
    except DataError as exc:
        raise DataError(shown, exc.problem, exc.entry) from None
    meta_path = p.with_suffix(".toml")
    if meta_path.is_file():
        meta = read_meta(meta_path)
    else:
        suggested = ingested.suggested_meta()  # the page's own details: checked as a sidecar's are
        raw = {"title": suggested.title or Path(shown).stem, "publisher": suggested.publisher}
        meta = check_meta({**raw, "published": suggested.published, "url": suggested.url}, shown)
    return build_article(shown, ingested.text, meta), ingested


def frame_for_file(
    path: str | Path, curated: ClaimsData, boundaries_path: str | Path | None = None
) -> tuple[gpd.GeoDataFrame, SourceMeta, str]:
    """The units an article file names, for the command line's ``export --source FILE``.

    Returns
    -------
    (frame, meta, source)
        ``frame`` as :func:`~dashboard.claims.view_frames.view_frame` (full-detail geometry), the article's
        metadata, and ``source``: the path as given, which every excerpt of the article cites.

    Raises
    ------
    DataError
        See :func:`read_file`.
    """
    article, _ = read_file(path)
    view = source_view(article, curated)
    return view_frame(view, "full", boundaries_path), article.meta, article.path
