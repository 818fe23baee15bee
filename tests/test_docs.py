"""The documentation keeps up with the code: every setting, data file and make target is described."""

from __future__ import annotations

import re
import tomllib

from dashboard.core import paths

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def _flatten(table, prefix=""):
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


def _streamlit_settings() -> list[str]:
    """Every key of ``.streamlit/config.toml``, dotted (``server.headless``)."""
    return list(_flatten(tomllib.loads((paths.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))))


def test_every_streamlit_setting_is_documented():
    keys = _streamlit_settings()
    assert keys
    for key in keys:
        assert f"`{key}`" in README, f"setting {key} is not in README's Settings table"


def test_every_streamlit_setting_is_one_streamlit_knows():
    """A misspelt key (``postScriptGc``) would be ignored without a word; Streamlit's own list names them all."""
    from streamlit import config as st_config

    known = st_config.get_config_options()
    for key in _streamlit_settings():
        assert key in known, f"{key!r} is not a Streamlit setting"


def test_every_environment_variable_is_documented():
    found = set()
    for py in (paths.ROOT / "dashboard").rglob("*.py"):
        found |= set(re.findall(r"""["'](CLAIMS_MAP_[A-Z_]+)["']""", py.read_text(encoding="utf-8")))
    for name in found:
        assert f"`{name}`" in README, f"environment variable {name} is not documented in README"


def test_every_make_target_is_documented():
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z]+):", makefile, flags=re.M)) - {"clean", "setup", "chromium"}
    assert {"run", "test", "lint", "bench"} <= targets
    for target in targets:
        assert f"make {target}" in README, f"make {target} is not in README"


def test_every_data_file_is_described():
    for path in paths.DATA_DIR.iterdir():
        if path.is_file():
            assert path.name in README, f"data/{path.name} is not described in README"


def test_ci_runs_the_readme_test_command():
    ci = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "make test" in README
