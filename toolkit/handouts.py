"""Printable handouts from the same data: which services train AI, how to object, alternatives.

`python -m toolkit handouts` (and `make handouts`) writes HTML and PDF files in every interface
language into dist/handouts/<lang>/.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from . import data
from .document import Document
from .i18n import LANGS, t
from .letters.model import format_date
from .paths import ROOT


def footer(lang: str) -> str:
    """The line at the end of every handout and plan: when the data were last checked, not legal advice."""
    newest = data.data_as_of() or date.today()
    return t("ho.footer", lang, date=format_date(newest, lang))


def _yes_no(value: object, lang: str) -> str:
    if value == "unknown":
        return t("val.unknown", lang)
    return t("val.true" if value else "val.false", lang)


def overview(lang: str) -> Document:
    """A table of every service: trains AI, default, how and who can opt out."""
    services = sorted(data.records("services").values(), key=lambda r: r["name"].casefold())
    doc = Document(t("ho.overview", lang), lang, footer=footer(lang))
    doc.h1(t("ho.overview", lang)).p(t("ho.overview.intro", lang))
    doc.table(
        [
            t(k, lang)
            for k in (
                "cmp.col.service",
                "cmp.col.ai_training",
                "cmp.col.training_default",
                "cmp.col.opt_out",
                "cmp.col.who",
                "cmp.col.verified_on",
            )
        ],
        [
            [
                r["name"],
                t("ai." + r["ai_training"], lang),
                t("default." + r["training_default"], lang),
                ", ".join(t("route." + o["route"], lang) for o in r["opt_out"]),
                t("who." + r["who_can_opt_out"], lang),
                r["verified_on"],
            ]
            for r in services
        ],
    )
    return doc


def objection_steps(lang: str) -> Document:
    """Per service that can be objected to: the steps, the form or address."""
    services = sorted(data.records("services").items(), key=lambda p: p[1]["name"].casefold())
    doc = Document(t("ho.steps", lang), lang, footer=footer(lang))
    doc.h1(t("ho.steps", lang)).p(t("ho.steps.intro", lang))
    for _sid, record in services:
        if not set(record["letters"]["kinds"]) & {"objection-ai", "admin-optout"}:
            continue
        doc.h2(record["name"])
        doc.p(record["summary"][lang])
        for route in record["opt_out"]:
            where = " ".join(x for x in (route.get("url", ""), route.get("email", "")) if x)
            doc.h3(t("route." + route["route"], lang) + (f": {where}" if where else ""))
            doc.ol(route["steps"][lang])
    return doc


def alternatives_overview(lang: str) -> Document:
    """A table of the open platforms with what matters when choosing, every value in words."""
    from .alternatives.text import label, natural_list, record_label

    services = data.records("services")
    alts = sorted(data.records("alternatives").values(), key=lambda r: r["name"].casefold())
    doc = Document(t("ho.alternatives", lang), lang, footer=footer(lang))
    doc.h1(t("ho.alternatives", lang)).p(t("ho.alternatives.intro", lang))
    # Eight columns fit an A4 page; the app's comparison shows the rest.
    fields = ("ai_training", "cost", "beginner_friendly", "e2ee_default",
              "phone_number_required", "license")  # fmt: skip
    doc.table(
        [t("ho.col.name", lang), t("ho.col.replaces", lang)]
        + [t("alt.row." + f, lang) for f in fields],
        [
            [
                r["name"],
                natural_list([services[s]["name"] for s in r["replaces"] if s in services], lang),
                *(
                    record_label(r, f, lang) if f == "ai_training" else label(f, r[f], lang)
                    for f in fields
                ),
            ]
            for r in alts
        ],
    )
    doc.ul([f"{r['name']}: {r['website']}" for r in alts])
    return doc


HANDOUTS = {
    "overview": overview,
    "objection-steps": objection_steps,
    "alternatives": alternatives_overview,
}


def build_handouts(out: Path | None = None) -> list[Path]:
    """Write every handout as HTML and PDF in each language; return the files written."""
    out = Path(out or ROOT / "dist" / "handouts")
    written: list[Path] = []
    for lang in LANGS:
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        for name, make in HANDOUTS.items():
            doc = make(lang)
            html_path = folder / f"{name}.html"
            html_path.write_text(doc.to_html(), encoding="utf-8")
            pdf_path = folder / f"{name}.pdf"
            pdf_path.write_bytes(doc.to_pdf())
            written += [html_path, pdf_path]
    return written
