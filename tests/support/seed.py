"""Where the tests find the real plan: ../shared/seeds beside the checkout (as CI lays
it out), or the product's own copy of the same file when that is missing."""

from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
_SHARED = _ROOT.parent / "shared" / "seeds" / "000_0f3fb201082eafae.txt"
_PACKAGED = _ROOT / "src" / "actionplan" / "plans" / "demo" / "north_yorkshire_2013.txt"

SEED = _SHARED if _SHARED.exists() else _PACKAGED
