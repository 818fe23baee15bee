"""The browser assets the project ships (``dashboard/assets.toml``: path under ``dashboard/static/`` and sha256), read
and checked in one place: the dashboard serves them (:mod:`dashboard.map.offline`), the embed inlines them
(:mod:`dashboard.export.embed`). Nothing is fetched from a CDN.
"""

from __future__ import annotations

import functools
import hashlib
import tomllib
from dataclasses import dataclass

from dashboard.core import paths
from dashboard.core.errors import DataError

ASSETS_FILE = paths.PACKAGE_DIR / "assets.toml"
STATIC_URL = "/app/static/"
"""Where Streamlit serves ``dashboard/static/`` (``server.enableStaticServing``)."""


@dataclass(frozen=True)
class Asset:
    """One file the browser loads: its name in folium's lists, path under ``static/`` and checksum."""

    kind: str
    name: str
    path: str
    sha256: str

    @property
    def url(self) -> str:
        return STATIC_URL + self.path

    @property
    def file(self):
        return paths.STATIC_DIR / self.path


@functools.cache
def load_assets() -> tuple[Asset, ...]:
    """The assets declared in ``assets.toml``, in order (Leaflet's JS, its CSS, the images its CSS uses)."""
    try:
        raw = tomllib.loads(ASSETS_FILE.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(paths.relative_to_root(ASSETS_FILE), f"cannot read the asset list: {exc}") from None
    assets = []
    for library in raw.values():
        for kind in ("js", "css", "image"):
            for entry in library.get(kind, []):
                assets.append(Asset(kind, entry.get("name", entry["path"]), entry["path"], entry["sha256"]))
    return tuple(assets)


def verify_assets() -> list[str]:
    """Problems with the served files (missing, or not the declared bytes); empty when all is well."""
    problems = []
    for asset in load_assets():
        try:
            digest = hashlib.sha256(asset.file.read_bytes()).hexdigest()
        except OSError:
            problems.append(f"{paths.relative_to_root(asset.file)} is missing")
            continue
        if digest != asset.sha256:
            problems.append(f"{paths.relative_to_root(asset.file)} is not the declared file (sha256 {digest})")
    return problems


def checked_text(kind: str, name: str, label: str) -> str:
    """The text of a declared asset (``kind`` js or css, by ``name``; ``label`` names it in errors), checked against
    its sha256, without a trailing source-map comment (no request for a map file that is not shipped).

    Raises
    ------
    DataError
        If the file is missing or is not the declared one.
    """
    asset = next(a for a in load_assets() if a.kind == kind and a.name == name)
    try:
        raw = asset.file.read_bytes()
    except OSError as exc:
        raise DataError(paths.relative_to_root(asset.file), f"cannot read {label}: {exc}") from None
    if hashlib.sha256(raw).hexdigest() != asset.sha256:
        raise DataError(paths.relative_to_root(asset.file), f"is not the {label} file declared in assets.toml")
    lines = raw.decode("utf-8").rstrip("\n").split("\n")
    if lines[-1].startswith(("//# sourceMappingURL=", "/*# sourceMappingURL=")):
        lines.pop()
    return "\n".join(lines)


def leaflet_script() -> str:
    """The declared Leaflet script, checked against its sha256, without its source-map line."""
    return checked_text("js", "leaflet", "Leaflet")


def leaflet_css() -> str:
    """The declared Leaflet stylesheet, checked against its sha256."""
    return checked_text("css", "leaflet_css", "Leaflet stylesheet")
