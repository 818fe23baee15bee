"""Command line: ``python -m dashboard export ...`` and ``python -m dashboard locate ...``.

Every failure prints one clear line to stderr and exits non-zero; nothing is left half-written (files are
written to a temporary name beside the target, then renamed).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from dashboard import paths
from dashboard.errors import DataError

DATA_FORMATS = ("geojson", "csv")
IMAGE_FORMATS = ("png", "svg", "pdf")
FORMATS = IMAGE_FORMATS + DATA_FORMATS


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def _iso_code(text: str) -> str:
    code = text.strip().upper()
    if len(code) != 5 or not code.startswith("UA-") or not code[3:].isdigit():
        raise argparse.ArgumentTypeError(f"expected an ISO 3166-2 code like UA-14, got {text!r}")
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    export = sub.add_parser("export", help="write the map as an image (png, svg, pdf) or its data (geojson, csv)")
    export.add_argument("--format", required=True, choices=FORMATS, help="output format")
    export.add_argument("--out", required=True, type=Path, help="file to write")
    export.add_argument("--source", type=Path, help="article file (.txt, .md, .html); default: the seed article")
    export.add_argument("--region", type=_iso_code, help="emphasise (images) or keep only (data) this unit, e.g. UA-14")
    export.add_argument("--title", help="image title (default: from the source)")
    export.add_argument("--width", type=_positive_int, help="image width in pixels (png) ")
    export.add_argument("--height", type=_positive_int, help="image height in pixels (png)")
    export.add_argument("--dpi", type=_positive_int, help="image resolution (png; default 150, 300 for print)")
    export.add_argument(
        "--preset", choices=("social", "a4"), help="png size preset: social 1200x675, a4 2480x3508 at 300 dpi"
    )

    locate = sub.add_parser("locate", help="print the offsets of an exact sentence in a source (for curators)")
    locate.add_argument("quote", help="the exact text to find")
    locate.add_argument("--source", type=Path, default=paths.SEED_TEXT, help="article file; default: the seed")
    return parser


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, so a failure leaves no partial file.

    Raises
    ------
    OSError
        If the folder does not exist or is not writable.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a directory")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(args: argparse.Namespace) -> bytes:
    """Produce the bytes of the export described by ``args``."""
    from dashboard import exports

    return exports.export_bytes(
        args.format,
        source=args.source,
        region=args.region,
        title=args.title,
        width=args.width,
        height=args.height,
        dpi=args.dpi,
        preset=args.preset,
    )


def locate(args: argparse.Namespace) -> str:
    from dashboard.sources import read_text_file

    text = read_text_file(args.source)
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
        data = export(args)
        write_atomically(args.out, data)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(f"error: cannot write {str(args.out)!r}: {reason}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({len(data):,} bytes, {args.format})", file=sys.stderr)
    return 0
