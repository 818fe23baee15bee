"""Command line: ``python -m dashboard export|statements|sources|locate ...``.

Every failure prints one clear line to stderr and exits non-zero; nothing is left half-written (files are
written to a temporary name beside the target, then renamed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.core.text import shown_path
from dashboard.export import formats
from dashboard.export.image.settings import check_title
from dashboard.sources.decoding import read_source_bytes, special_kind

DATA_FORMATS = formats.keys("data")
IMAGE_FORMATS = formats.keys("image", "series")
EMBED_FORMATS = formats.keys("embed")
FORMATS = IMAGE_FORMATS + DATA_FORMATS + EMBED_FORMATS  # the registry's formats, pictures first in the help


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2022-11-11, got {text!r}") from None


def _iso_code(text: str) -> str:
    code = text.strip().upper()
    if len(code) != 5 or not code.startswith("UA-") or not code[3:].isdigit():
        raise argparse.ArgumentTypeError(f"expected an ISO 3166-2 code like UA-14, got {text!r}")
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    export = sub.add_parser(
        "export", help="write the map as an image (png, svg, pdf), its data (geojson, csv) or an embed (html)"
    )
    export.add_argument("--format", required=True, choices=FORMATS, help="output format")
    export.add_argument("--out", required=True, type=Path, help="file to write")
    export.add_argument(
        "--source",
        type=Path,
        action="append",
        help="article file (.txt, .md, .html); give it again for several sources on one map; default: the seed",
    )
    export.add_argument("--as-of", type=_date, help="only sources dated on or before YYYY-MM-DD count")
    export.add_argument(
        "--each-date",
        action="store_true",
        help="one image per source date (png, svg, pdf): OUT-YYYY-MM-DD.png …; gif animates them in one file",
    )
    export.add_argument("--source-id", help="a stored source's id (sources list): exported with its reviews")
    export.add_argument(
        "--region", type=_iso_code, help="emphasise (images), keep only (data) or open on (html) this unit, e.g. UA-14"
    )
    export.add_argument("--title", help="image or embed title (default: from the source)")
    export.add_argument("--width", type=_positive_int, help="image width in pixels (default: the page's at --dpi)")
    export.add_argument("--height", type=_positive_int, help="image height in pixels (default: the page's at --dpi)")
    export.add_argument(
        "--dpi",
        type=_positive_int,
        help="image resolution (default 150): more pixels, the same picture (8x4.5 in: 2400x1350 px at 300)",
    )
    export.add_argument(
        "--preset",
        choices=("social", "a4"),
        help="page: social 8x4.5 in at 150 dpi (1200x675 px), a4 210x297 mm at 300 dpi (2480x3508 px)",
    )

    locate = sub.add_parser("locate", help="print the offsets of an exact sentence in a source (for curators)")
    locate.add_argument("quote", help="the exact text to find")
    locate.add_argument("--source", type=Path, default=paths.SEED_TEXT, help="article file; default: the seed")

    statements = sub.add_parser("statements", help="print a source's statuses: suggestions with sentences and cues")
    which = statements.add_mutually_exclusive_group()
    which.add_argument("--source", type=Path, help="article file (.txt, .md, .html); default: the seed article")
    which.add_argument("--source-id", help="a stored source's id: its reviews over the suggestions")
    statements.add_argument(
        "--format", choices=("text", "toml"), default="text", help="text (default) or the data/claims.toml format"
    )

    sources = sub.add_parser("sources", help="the store of sources the dashboard uses (CLAIMS_MAP_DATA_DIR)")
    verbs = sources.add_subparsers(dest="verb", required=True)
    add = verbs.add_parser("add", help="store article files; prints each one's id on its own line")
    add.add_argument("files", nargs="+", type=Path, help=".txt, .md or .html files")
    add.add_argument("--title", help="title (default: the sidecar .toml, the HTML, or the first line)")
    add.add_argument("--publisher", help="publisher")
    add.add_argument("--published", help="publication date, YYYY-MM-DD")
    add.add_argument("--url", help="URL of the original (http or https)")
    verbs.add_parser("list", help="one line per source: id, date, publisher, title")
    remove = verbs.add_parser("remove", help="delete a stored source")
    remove.add_argument("id", help="the source's id (sources list)")
    return parser


def other(args: argparse.Namespace) -> str:
    """The output of ``statements`` and ``sources``."""
    from dashboard import commands  # lazy: --help and locate start without geopandas and the gazetteer (0.6 s)
    from dashboard.export import exports  # lazy, as commands (the same 0.6 s: the claims, places, geopandas)

    if args.command == "statements":
        view = exports.source_view(args.source, args.source_id)
        return commands.claims_toml(view) if args.format == "toml" else commands.statements_text(view)
    if args.verb == "add":
        ids = commands.sources_add(
            args.files, title=args.title, publisher=args.publisher, published=args.published, url=args.url
        )
        return "".join(f"{i}\n" for i in ids)
    if args.verb == "list":
        return commands.sources_list()
    return commands.sources_remove(args.id) + "\n"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, so a failure leaves no partial file.

    Only a new path or an existing regular file is written: a directory, a FIFO, a device (``/dev/null``), a
    socket is refused, checked before writing and again right before the rename (which would replace it).

    Raises
    ------
    OSError
        If the folder does not exist or is not writable, or ``path`` exists and is not a regular file.
    """
    folder = path.parent if str(path.parent) else Path(".")
    _refuse_special(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        _refuse_special(path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _refuse_special(path: Path) -> None:
    """Raise OSError if ``path`` exists and is not a regular file (following symbolic links)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EEXIST, f"it is {special_kind(info.st_mode)}, not a regular file: it is never replaced")


def export(args: argparse.Namespace) -> bytes:
    """Produce the bytes of the export described by ``args``."""
    if args.title is not None and args.format in IMAGE_FORMATS:
        check_title(args.title)  # before the slow part: a title too long or not UTF-8 is refused at once
    from dashboard.export import exports  # lazy: --help and locate start without geopandas and the gazetteer (0.6 s)

    return exports.export_bytes(
        args.format,
        source=args.source,
        source_id=args.source_id,
        as_of=args.as_of,
        region=args.region,
        title=args.title,
        width=args.width,
        height=args.height,
        dpi=args.dpi,
        preset=args.preset,
    )


def write_series(args: argparse.Namespace) -> int:
    """``--each-date``: the map as of each source date, ``OUT-YYYY-MM-DD.<fmt>`` beside ``--out``."""
    from dashboard.export import exports  # lazy: --help and locate start without geopandas and the gazetteer (0.6 s)

    series = exports.export_series(
        args.format, source=args.source, region=args.region, title=args.title, width=args.width,
        height=args.height, dpi=args.dpi, preset=args.preset,
    )  # fmt: skip
    for date, data in series:
        out = args.out.with_name(f"{args.out.stem}-{date.isoformat()}{args.out.suffix or '.' + args.format}")
        try:
            write_atomically(out, data)
        except OSError as exc:
            print(f"error: cannot write '{shown_path(out)}': {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"wrote {shown_path(out)} ({len(data):,} bytes, {args.format})", file=sys.stderr)
    return 0


def locate(args: argparse.Namespace) -> str:
    data = read_source_bytes(args.source)  # a regular file only (never a FIFO or a device), within the size limit
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1]
        raise DataError(shown_path(args.source), f"not UTF-8 text (byte {exc.start}: {bad!r})") from None
    hits, at = [], text.find(args.quote)
    while at >= 0:
        hits.append(at)
        at = text.find(args.quote, at + 1)
    if not hits:
        raise DataError(paths.relative_to_root(args.source), f"text {args.quote!r} not found")
    return "\n".join(f"start = {h}\nend = {h + len(args.quote)}" for h in hits)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "locate":
            print(locate(args))
            return 0
        if args.command in ("statements", "sources"):
            print(other(args), end="")
            return 0
        if getattr(args, "each_date", False) and args.format in ("png", "svg", "pdf"):
            return write_series(args)
        data = export(args)
        try:
            write_atomically(args.out, data)
        except OSError as exc:
            print(f"error: cannot write '{shown_path(args.out)}': {exc.strerror or exc}", file=sys.stderr)
            return 1
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # reading a file a command names (the export's own --out is handled above)
        named = isinstance(exc.filename, (str, bytes, os.PathLike))
        where = f"{shown_path(exc.filename)}: " if named and exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {shown_path(args.out)} ({len(data):,} bytes, {args.format})", file=sys.stderr)
    return 0
