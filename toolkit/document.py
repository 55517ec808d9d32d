"""A small printable document model rendered to HTML (Jinja, autoescaped) and PDF (fpdf2).

The action plan and the handouts are lists of blocks (headings, paragraphs, lists, tables),
so one description gives both a web page and a PDF with the same content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .html import render
from .paths import FONTS
from .printing import give_back_memory


@dataclass
class Block:
    """One part of a document: kind is h1, h2, h3, p, ul, ol, table or note."""

    kind: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Document:
    """A titled list of blocks in one language."""

    title: str
    lang: str
    blocks: list[Block] = field(default_factory=list)
    footer: str = ""

    def h1(self, text: str) -> Document:
        """Add a main heading."""
        self.blocks.append(Block("h1", text))
        return self

    def h2(self, text: str) -> Document:
        """Add a section heading."""
        self.blocks.append(Block("h2", text))
        return self

    def h3(self, text: str) -> Document:
        """Add a sub-heading."""
        self.blocks.append(Block("h3", text))
        return self

    def p(self, text: str) -> Document:
        """Add a paragraph."""
        self.blocks.append(Block("p", text))
        return self

    def note(self, text: str) -> Document:
        """Add a small-print note."""
        self.blocks.append(Block("note", text))
        return self

    def ul(self, items: list[str]) -> Document:
        """Add a bulleted list (nothing when empty)."""
        if items:
            self.blocks.append(Block("ul", items=list(items)))
        return self

    def ol(self, items: list[str]) -> Document:
        """Add a numbered list (nothing when empty)."""
        if items:
            self.blocks.append(Block("ol", items=list(items)))
        return self

    def table(self, header: list[str], rows: list[list[str]]) -> Document:
        """Add a table (nothing when there are no rows)."""
        if rows:
            self.blocks.append(
                Block("table", header=list(header), rows=[list(map(str, r)) for r in rows])
            )
        return self

    def to_html(self) -> str:
        """A self-contained printable HTML page (no external resources, everything escaped)."""
        return render("document.html.j2", doc=self)

    def to_html_fragment(self) -> str:
        """The blocks only, escaped, for showing the document inside the app."""
        return render("document_body.html.j2", doc=self)

    def to_pdf(self) -> bytes:
        """An A4 PDF with the bundled Unicode font."""
        from fpdf import FPDF
        from fpdf.fonts import FontFace

        pdf = FPDF(format="A4")
        pdf.set_title(self.title)
        pdf.set_creator("privacy-workshop-kit")
        pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        pdf.set_margins(18, 16, 18)
        pdf.set_auto_page_break(True, 16)
        pdf.add_page()
        width = pdf.w - pdf.l_margin - pdf.r_margin
        sizes = {"h1": 17, "h2": 13.5, "h3": 11.5}
        for block in self.blocks:
            if block.kind in sizes:
                pdf.ln(2)
                pdf.set_font("DejaVu", "B", sizes[block.kind])
                pdf.multi_cell(width, sizes[block.kind] * 0.5, block.text)
                pdf.ln(1)
            elif block.kind in ("p", "note"):
                pdf.set_font("DejaVu", "", 10 if block.kind == "p" else 8.5)
                pdf.multi_cell(width, 5, block.text)
                pdf.ln(1.5)
            elif block.kind in ("ul", "ol"):
                pdf.set_font("DejaVu", "", 10)
                for index, item in enumerate(block.items, 1):
                    mark = f"{index}." if block.kind == "ol" else "•"
                    pdf.set_x(pdf.l_margin)
                    pdf.cell(7, 5, mark)
                    pdf.multi_cell(width - 7, 5, item)
                pdf.ln(1.5)
            elif block.kind == "table":
                pdf.set_font("DejaVu", "", 8)
                with pdf.table(
                    width=width,
                    text_align="LEFT",
                    headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
                    line_height=4.2,
                ) as table:
                    for row in [block.header, *block.rows]:
                        cells = table.row()
                        for value in row:
                            cells.cell(value)
                pdf.ln(2)
        if self.footer:
            pdf.set_font("DejaVu", "", 7.5)
            pdf.multi_cell(width, 4, self.footer)
        out = bytes(pdf.output())
        del pdf
        give_back_memory()
        return out
