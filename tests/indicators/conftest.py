"""Fixtures for the indicator tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from indicator_data import SAMPLE_WORKBOOK


@pytest.fixture
def sample_workbook() -> Path:
    if not SAMPLE_WORKBOOK.exists():
        pytest.skip(f"the sample Annex A workbook is not at {SAMPLE_WORKBOOK}")
    return SAMPLE_WORKBOOK
