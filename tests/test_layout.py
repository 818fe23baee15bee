"""The code's layout: the import contract in pyproject.toml (imports run one way) holds, as `make lint` checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dashboard import paths


def test_the_import_layers_contract_is_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=paths.ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout
