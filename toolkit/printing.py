"""Fonts for every PDF the kit makes, and which characters they cannot print.

DejaVu Sans prints Latin, Greek, Cyrillic, Hebrew and most symbols. Arabic goes to Noto Sans
Arabic and Chinese, Japanese and Korean to a subset of Noto Sans CJK SC (toolkit/fonts/, see
tools/make_fonts.py); fpdf2 picks them as fallback fonts glyph by glyph, and HarfBuzz (uharfbuzz)
shapes the text, so Arabic letters join and run right to left. A character that none of these
fonts has is reported by `unprintable_chars` so the app can say so before the download, instead
of the PDF silently leaving it out.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from .paths import FONTS

if TYPE_CHECKING:
    from fpdf import FPDF

MAIN = "DejaVu"
ARABIC = "NotoArabic"
CJK = "NotoCJK"
_FILES = {
    (MAIN, ""): "DejaVuSans.ttf",
    (MAIN, "B"): "DejaVuSans-Bold.ttf",
    (ARABIC, ""): "NotoSansArabic-Regular.ttf",
    (ARABIC, "B"): "NotoSansArabic-Bold.ttf",
    (CJK, ""): "NotoSansCJKsc-Regular-subset.ttf",
}
# Arabic script blocks: printed with Noto Sans Arabic even where DejaVu has a glyph, because
# DejaVu's Arabic lacks the joining forms of many letters.
_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))  # fmt: skip


def _is_arabic(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _ARABIC_BLOCKS)


@cache
def _cmap(family: str) -> frozenset[int]:
    """The code points the regular face of `family` has a glyph for (read once)."""
    from fontTools.ttLib import TTFont

    font = TTFont(FONTS / _FILES[(family, "")], lazy=True)
    points = set(font.getBestCmap())
    font.close()
    if family == MAIN:
        points = {cp for cp in points if not _is_arabic(cp)}
    return frozenset(points)


def _invisible(ch: str) -> bool:
    """Whitespace, controls and format marks (ZWJ, bidi marks): nothing to draw."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def unprintable_chars(text: str) -> set[str]:
    """The characters of `text` that no bundled font can print (they would vanish from a PDF)."""
    fonts = [_cmap(MAIN), _cmap(ARABIC), _cmap(CJK)]
    return {
        ch
        for ch in set(unicodedata.normalize("NFC", text))
        if not _invisible(ch) and not any(ord(ch) in cmap for cmap in fonts)
    }


def needed_fallbacks(text: str) -> list[str]:
    """The fallback families `text` needs: loading the 5 MB CJK font only when it is used."""
    main = _cmap(MAIN)
    needed = []
    for family in (ARABIC, CJK):
        cmap = _cmap(family)
        if any(ord(ch) not in main and ord(ch) in cmap for ch in set(text)):
            needed.append(family)
    return needed


def give_back_memory() -> None:
    """Return what building a PDF left behind to the system (call after `pdf.output()`).

    fpdf2 parses each font with fontTools for every document; the parsed tables hold reference
    cycles, and glibc keeps freed heap for later. In a forked kernel (bench/memory.py) every step
    opened came to 81.7 MiB PSS, and to 74.2 with this call after each PDF (2026-12-02). The
    fork server froze its own objects (`gc.freeze()`), so this collection walks only the kernel's.
    """
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): the collection is what we can do
        pass


def kit_pdf(text: str, footer: str = "") -> FPDF:
    """An A4 FPDF (mm) with the fonts `text` needs; `footer` (with {page} and {pages}) on each page."""
    from fpdf import FPDF

    class KitPDF(FPDF):
        """FPDF that re-selects its font after each line and prints a page footer."""

        def _render_styled_text_line(self, *args, **kwargs):  # type: ignore[override]
            """Re-select the font after every line (a workaround for fpdf2 2.8.9).

            fpdf2 wraps a right-to-left line in q/Q and selects its font inside; after Q the
            font is gone but fpdf2 believes it is set, so the next line printed with no font
            at all (blank in viewers). Clearing the flag makes it select the font again.
            """
            result = super()._render_styled_text_line(*args, **kwargs)
            self.current_font_is_set_on_page = False
            return result

        def footer(self) -> None:
            """The page footer, centred 12 mm above the bottom edge."""
            if not footer:
                return
            self.set_y(-12)
            self.set_font(MAIN, "", 8)
            label = footer.format(page=self.page_no(), pages="{nb}")
            self.cell(0, 4, label, align="C")

    pdf = KitPDF(format="A4", unit="mm")  # "{nb}" becomes the page count (fpdf2's default alias)
    pdf.set_creator("privacy-workshop-kit")
    setup_fonts(pdf, text)
    return pdf


def needs_shaping(text: str) -> bool:
    """Whether `text` needs HarfBuzz: right-to-left letters (joining, order) or combining marks.

    Shaping costs about half a second per letter, so Latin, Greek, Cyrillic and CJK text,
    which print correctly without it, go without.
    """
    return any(
        unicodedata.bidirectional(ch) in ("R", "AL") or unicodedata.category(ch) in ("Mn", "Mc")
        for ch in set(text)
    )


def setup_fonts(pdf: FPDF, text: str) -> None:
    """Add DejaVu (regular, bold), the fallback fonts `text` needs, and shaping if it needs it."""
    fallbacks = needed_fallbacks(text)
    # Only when Arabic is printed must DejaVu leave it to Noto (a filtered cmap costs time).
    limit = sorted(_cmap(MAIN)) if ARABIC in fallbacks else None
    for style in ("", "B"):
        pdf.add_font(MAIN, style, str(FONTS / _FILES[(MAIN, style)]), unicode_range=limit)
    for family in fallbacks:
        for style in ("", "B"):
            if (family, style) in _FILES:
                pdf.add_font(family, style, str(FONTS / _FILES[(family, style)]))
    if fallbacks:
        # exact_match=False: bold CJK text uses the regular face rather than vanishing.
        pdf.set_fallback_fonts(fallbacks, exact_match=False)
    if needs_shaping(text):
        pdf.set_text_shaping(True)
