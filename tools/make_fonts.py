"""Rebuild the bundled Noto fonts in toolkit/fonts/ from Debian's font packages.

The kit prints letters with DejaVu Sans and falls back to Noto Sans Arabic (copied unchanged)
and a subset of Noto Sans CJK SC for Chinese, Japanese and Korean names. The full CJK face is
about 19 MB, so only these code points are kept (about 13,000; 7 MB with TrueType outlines): GB 2312 (simplified
Chinese, 6,763 hanzi), JIS X 0208 (Japanese kana and 6,356 kanji), Big5 level 1 (the 5,401
frequent traditional hanzi) and the 2,350 Hangul syllables of KS X 1001, with their punctuation.
Characters outside it are reported by toolkit.letters.export.unprintable_chars before download.

Needs `apt-get install fonts-noto-core fonts-noto-cjk` and fontTools (installed with fpdf2).
Run: `python tools/make_fonts.py`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "toolkit" / "fonts"
CJK_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_SC_INDEX = 2  # the collection's faces: JP, KR, SC, TC, HK, then the Mono ones
ARABIC_SOURCES = [
    Path("/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf"),
]
CJK_OUT = OUT / "NotoSansCJKsc-Regular-subset.ttf"


def _encodable(codec: str, keep: Callable[[bytes], bool] = lambda b: True) -> set[int]:
    """Code points from U+2E80 (CJK radicals) to U+FFFF that `codec` can encode."""
    found = set()
    for cp in range(0x2E80, 0x10000):
        try:
            encoded = chr(cp).encode(codec)
        except (UnicodeEncodeError, ValueError):
            continue
        if keep(encoded):
            found.add(cp)
    return found


def cjk_code_points() -> set[int]:
    """The code points kept in the CJK subset (see the module docstring)."""
    big5_level1 = _encodable(
        "big5", lambda b: len(b) == 2 and 0xA440 <= int.from_bytes(b, "big") <= 0xC67E
    )
    # Python's euc_kr writes syllables outside KS X 1001 as 8-byte make-up sequences.
    ks_hangul = {cp for cp in _encodable("euc_kr", lambda b: len(b) == 2) if 0xAC00 <= cp <= 0xD7A3}
    return _encodable("gb2312") | _encodable("iso2022_jp") | big5_level1 | ks_hangul


def build_cjk() -> None:
    """Write the CJK subset: outlines without hinting, every layout feature and name kept."""
    font = TTFont(CJK_SOURCE, fontNumber=CJK_SC_INDEX)
    options = subset.Options()
    options.hinting = False
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=cjk_code_points())
    subsetter.subset(font)
    _to_truetype(font)
    font.save(CJK_OUT)


def _to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines by TrueType ones (fontTools' otf2ttf recipe).

    fpdf2 embeds a CFF font with an encoding that pypdf cannot read back, so text copied
    or extracted from the PDF came out garbled; TrueType outlines embed like DejaVu.
    """
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxPoints",
        "maxContours",
        "maxCompositePoints",
        "maxCompositeContours",
        "maxComponentDepth",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(glyph_order)
    maxp.recalc(font)
    font["post"].formatType = 3.0  # no glyph names: 13,000 of them would add 200 kB
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def main() -> None:
    """Copy the Arabic faces and build the CJK subset into toolkit/fonts/."""
    for source in ARABIC_SOURCES:
        shutil.copyfile(source, OUT / source.name)
    build_cjk()
    for path in sorted(OUT.glob("Noto*")):
        print(f"{path.name}: {path.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
