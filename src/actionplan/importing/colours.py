"""What a cell's colour says: a RAG rating, or nothing we can name.

A colour is read as the rating whose swatch (catalogue.json, "rag_colours") is nearest in
hue in OKLCh, a perceptual space, so the pale tints councils shade cells with (Excel's
theme colours at 40% lighter, Word's themeFillTint) read as the colour they lighten.
Colours with almost no chroma (white, greys: headers, banding) say nothing; a strong
colour far from every swatch (purple, pink-violet) is "unmapped" and the pipeline warns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from actionplan.importing import catalogue

# Below this chroma a colour is a grey: a header or a band, not a rating.
_MIN_CHROMA = 0.03
# Further than this from every swatch's hue, a colour is not one of the ratings.
_MAX_HUE_GAP = 35.0


@dataclass(frozen=True)
class ColourReading:
    rag: str | None  # red, amber, green, blue; None when the colour names none
    meaningful: bool  # False for greys and white: nothing to say, nothing to warn about


def _hue_chroma(rgb: str) -> tuple[float, float]:
    from coloraide import Color  # here: slow to load, and most plans have no colours

    _, chroma, hue = Color(f"#{rgb}").convert("oklch").coords(nans=False)
    return hue, chroma


@cache
def _swatches() -> tuple[tuple[str, float], ...]:
    return tuple(
        (rag, _hue_chroma(rgb)[0])
        for rag, swatches in catalogue.load().rag_colours.items()
        for rgb in swatches
    )


@cache
def read_colour(rgb: str) -> ColourReading:
    hue, chroma = _hue_chroma(rgb)
    if chroma < _MIN_CHROMA:
        return ColourReading(None, meaningful=False)
    gap, rag = min((abs((hue - h + 180) % 360 - 180), rag) for rag, h in _swatches())
    return ColourReading(rag if gap <= _MAX_HUE_GAP else None, meaningful=True)
