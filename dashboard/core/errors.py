"""The one error type that bad data and bad input raise, with a message a user can act on."""

from __future__ import annotations

from pathlib import Path


class DataError(ValueError):
    """A data or input file is unusable.

    The message names the file, the entry inside it (when there is one) and quotes the bad value, e.g.
    ``data/claims.toml: region 'donetsk', claim: unknown value 'annexed' (expected one of ...)``.

    Parameters
    ----------
    file : str or Path
        The file (or upload name) at fault.
    problem : str
        What is wrong, in plain words.
    entry : str, optional
        The entry inside the file (a region id, a feature, a line).
    """

    def __init__(self, file: str | Path, problem: str, entry: str | None = None):
        self.file = str(file)
        self.entry = entry
        self.problem = problem
        where = f"{self.file}: {entry}: " if entry else f"{self.file}: "
        super().__init__(where + problem)
