"""The corpus of real plan layouts (tests/importing/corpus/, see its README): every case read
twice, unaided and with the layout its expected.json gives, and compared fact by fact with
what a careful reader saw (tests/support/corpus.py says which facts)."""

from __future__ import annotations

import pytest

from support.corpus import CORPUS, DISPUTED, cases, differences, table

CASES = cases()


def _check(case, *, with_layout):
    found = differences(case, with_layout=with_layout)
    if case.name not in DISPUTED:
        assert found == []
        return
    fact, why = DISPUTED[case.name]
    assert found, f"{case.name} now imports right: take it off DISPUTED"
    assert all(f": {fact} " in d for d in found), (why, found)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_case_imports_right_with_its_layout(case):
    _check(case, with_layout=True)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_case_imports_right_unaided(case):
    _check(case, with_layout=False)


@pytest.mark.skipif(not CASES, reason="the corpus is not in this checkout")
def test_at_least_nine_in_ten_undisputed_cases_import_right_unaided():
    undisputed = [c for c in CASES if c.name not in DISPUTED]
    right = sum(not differences(case, with_layout=False) for case in undisputed)
    assert right >= 0.9 * len(undisputed)


@pytest.mark.skipif(not CASES, reason="the corpus is not in this checkout")
def test_the_docs_table_is_the_corpus_as_it_imports_today():
    docs = (CORPUS.parents[2] / "docs" / "importing.md").read_text(encoding="utf-8")
    assert table() in docs, "regenerate it: PYTHONPATH=tests .venv/bin/python -m support.corpus"
