"""The import rules of docs/adr/0020-layers.md hold: apps depend one way, core imports no app
and the domain modules import no Django. The contracts are in pyproject.toml; `make test` runs
lint-imports too, this test makes a plain pytest run catch a broken rule as well."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_import_contract_is_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"

    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stdout + result.stderr
