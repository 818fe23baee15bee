"""The closed vocabularies of the claims data, as types and as validators whose errors quote the bad value."""

from __future__ import annotations

from typing import Literal, get_args

Claim = Literal["annexed-2014", "annexation-declared-2022", "none", "not-stated"]
Control = Literal["all", "most", "parts", "part", "none", "not-stated"]
Field = Literal["claim", "control"]
Origin = Literal["curated", "reviewed", "suggested"]

CLAIMS: tuple[str, ...] = get_args(Claim)
CONTROLS: tuple[str, ...] = get_args(Control)
FIELDS: tuple[str, ...] = get_args(Field)
ORIGINS: tuple[str, ...] = get_args(Origin)
NOT_STATED = "not-stated"
"""The value of a field the source does not state: it cites no excerpt."""

CLAIM_LABELS: dict[str, str] = {
    "annexed-2014": "Annexed by Russia in 2014",
    "annexation-declared-2022": "Annexation declared by Russia in 2022",
    "none": "The source says Russia makes no claim",
    "not-stated": "Claim not stated in the source",
}
CONTROL_LABELS: dict[str, str] = {
    "all": "Russian forces control all of it",
    "most": "Russian forces control most of it",
    "parts": "Russian forces control parts of it",
    "part": "Russia occupies part of it",
    "none": "Russian forces hold none of it",
    "not-stated": "Control not stated in the source",
}

ORIGIN_LABELS: dict[str, str] = {
    "curated": "curated claims data",
    "reviewed": "reviewed by an editor",
    "suggested": "suggested from the text, not reviewed",
}
"""How each origin is named wherever a status is shown (map, tooltip, legend, panel, exports)."""

FIELD_VALUES: dict[str, tuple[str, ...]] = {"claim": CLAIMS, "control": CONTROLS}
FIELD_LABELS: dict[str, dict[str, str]] = {"claim": CLAIM_LABELS, "control": CONTROL_LABELS}


def check_choice(value: object, allowed: tuple[str, ...], what: str) -> str:
    """Return ``value`` if it is one of ``allowed``.

    Raises
    ------
    ValueError
        Quoting the bad value and listing the allowed ones.
    """
    if not isinstance(value, str) or value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{what}: unknown value {value!r} (expected one of {choices})")
    return value


NOT_NAMED_LABEL = "Not named in the source"
"""What the map, the legend, tooltips and exports say of a unit the source does not name."""
