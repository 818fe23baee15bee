"""The code's layout: the import contract in pyproject.toml (imports run one way) holds, as `make lint` checks."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from dashboard.core import paths


def test_the_import_layers_contract_is_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=paths.ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_module_is_in_a_layer():
    config = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = config["tool"]["importlinter"]["contracts"][0]["layers"]
    listed = {name.strip() for layer in layers for name in layer.replace("|", ":").split(":")}
    package = paths.ROOT / "dashboard"
    modules = {f"dashboard.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    modules |= {f"dashboard.{p.parent.name}" for p in package.glob("*/__init__.py")}
    assert modules == listed, (sorted(modules - listed), sorted(listed - modules))
