"""The closed vocabularies of the claims data, as types and as validators whose errors quote the bad value."""

from __future__ import annotations

from typing import Literal, get_args

Claim = Literal["annexed-2014", "annexation-declared-2022", "none"]
Control = Literal["most", "parts", "part", "not-stated"]

CLAIMS: tuple[str, ...] = get_args(Claim)
CONTROLS: tuple[str, ...] = get_args(Control)

CLAIM_LABELS: dict[str, str] = {
    "annexed-2014": "Annexed by Russia in 2014",
    "annexation-declared-2022": "Annexation declared by Russia in 2022",
    "none": "No annexation claim",
}
CONTROL_LABELS: dict[str, str] = {
    "most": "Russian forces control most of it",
    "parts": "Russian forces control parts of it",
    "part": "Russia occupies part of it",
    "not-stated": "Control not stated in the source",
}


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
