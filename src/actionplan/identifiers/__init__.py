"""Finding likely personal identifiers in free text, so that forms can refuse them.

Pure Python (no Django): `find_identifiers(text, people=...)` returns what it found, each as
a kind and a reason, never the text itself, so nothing it says can leak the identifier into a
log or a page. See docs/privacy.md for what is refused and why.
"""

from actionplan.identifiers.check import (
    KINDS,
    REMOVED,
    Identifier,
    Kind,
    find_identifiers,
    is_valid_nhs_number,
    mask,
    nhs_check_digit,
    refusal,
    upn_check_letter,
)

__all__ = [
    "KINDS",
    "REMOVED",
    "Identifier",
    "Kind",
    "find_identifiers",
    "is_valid_nhs_number",
    "mask",
    "nhs_check_digit",
    "refusal",
    "upn_check_letter",
]
