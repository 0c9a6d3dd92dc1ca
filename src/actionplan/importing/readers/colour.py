"""Cell colours as the reader sees them: an RGB hex string ("FFC000"), whatever way the file
gave it (an RGB value, Excel's indexed palette, or a theme colour with a tint or shade).

Councils colour RAG cells and write nothing in them, so the colour is data. What a colour
means is decided later (importing/colours.py); here it is only resolved to RGB.
"""

from __future__ import annotations

import colorsys

from defusedxml import ElementTree

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
# The theme's colour slots in the order Excel numbers them (theme="0" is lt1, not dk1).
EXCEL_THEME_ORDER = (
    "lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5",
    "accent6", "hlink", "folHlink",
)  # fmt: skip
# Word names the same slots by what they are used for.
WORD_THEME_NAMES = {
    "dark1": "dk1", "light1": "lt1", "dark2": "dk2", "light2": "lt2", "text1": "dk1",
    "background1": "lt1", "text2": "dk2", "background2": "lt2", "hyperlink": "hlink",
    "followedHyperlink": "folHlink",
}  # fmt: skip


def theme_colours(xml: bytes | None) -> dict[str, str]:
    """{'accent2': 'C0504D', ...} from a theme part; {} when there is none or it is damaged."""
    if not xml:
        return {}
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return {}
    scheme = root.find(f"{A}themeElements/{A}clrScheme")
    out: dict[str, str] = {}
    for slot in scheme if scheme is not None else ():
        name = slot.tag.removeprefix(A)
        for colour in slot:
            value = colour.get("val") if colour.tag == f"{A}srgbClr" else colour.get("lastClr")
            if value and len(value) == 6:
                out[name] = value.upper()
    return out


def tinted(rgb: str, tint: float) -> str:
    """Excel's tint: lighten (tint > 0) or darken (tint < 0) in HLS lightness, -1 to 1."""
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    lum = lum * (1 + tint) if tint < 0 else lum * (1 - tint) + tint
    return "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(h, lum, s))


def plain_rgb(value: object) -> str | None:
    """'FFC000' from 'FFC000' or 'FFFFC000' (ARGB); None for 'auto' or anything else."""
    if not isinstance(value, str):
        return None
    value = value.strip().upper()
    if len(value) == 8:
        value = value[2:]
    if len(value) != 6 or any(c not in "0123456789ABCDEF" for c in value):
        return None
    return value
