"""Pure pandas functions for the comparison: filter, sort, display table, style, exports, chart."""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd

from ..i18n import t
from ..text import esc

SORT_KEYS = ("name", "ai_training", "training_default", "eu_start", "verified_on")
# How strongly each value should alarm a participant (for sorting and colour).
SEVERITY = {
    "ai_training": {"yes": 3, "partly": 2, "unknown": 1, "no": 0},
    "training_default": {"on": 3, "unknown": 1, "off": 0, "not-applicable": 0},
    "who_can_opt_out": {
        "nobody": 3,
        "admins-only": 2,
        "unknown": 1,
        "each-user": 0,
        "not-applicable": 0,
    },
}
COLOURS = {3: "#f4c7c3", 2: "#fce8b2", 1: "#e8eaed", 0: "#c8e6c9"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def filter_services(
    frame: pd.DataFrame,
    *,
    category: str | None = None,
    ai_training: str | None = None,
    training_default: str | None = None,
    route: str | None = None,
    who_can_opt_out: str | None = None,
    text: str = "",
) -> pd.DataFrame:
    """Rows matching every given filter; `text` searches names, companies and summaries."""
    mask = pd.Series(True, index=frame.index)
    for column, value in (
        ("category", category),
        ("ai_training", ai_training),
        ("training_default", training_default),
        ("who_can_opt_out", who_can_opt_out),
    ):
        if value:
            mask &= frame[column] == value
    if route:
        mask &= frame["opt_out_routes"].map(lambda routes: route in routes)
    needle = str(text or "").strip().casefold()[:200]
    if needle:
        haystack = (frame["name"] + " " + frame["company"] + " " + frame["summary"]).str.casefold()
        mask &= haystack.str.contains(needle, regex=False)
    return frame[mask]


def sort_services(frame: pd.DataFrame, by: str = "name") -> pd.DataFrame:
    """Sorted rows: by name, or most alarming first for the policy columns, newest first for dates."""
    if by not in SORT_KEYS:
        raise ValueError(f"cannot sort by {by!r}; one of {', '.join(SORT_KEYS)}")
    if by == "name":
        return frame.sort_values("name", key=lambda s: s.str.casefold())
    if by in SEVERITY:
        key = frame[by].map(SEVERITY[by]).fillna(0)
        return frame.assign(_k=-key).sort_values(["_k", "name"]).drop(columns="_k")
    return frame.sort_values(by, ascending=False)


def _words(prefix: str, values: Any, lang: str) -> str:
    if isinstance(values, str):
        values = [values]
    return ", ".join(t(f"{prefix}.{v}", lang) for v in values)


def display_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table people read: translated words, one row per service, ids as index."""
    stale = frame["stale"].map(lambda s: " ⚠" if s else "")
    table = pd.DataFrame(
        {
            t("cmp.col.service", lang): frame["name"],
            t("cmp.col.category", lang): frame["category"].map(lambda v: t("cat." + v, lang)),
            t("cmp.col.ai_training", lang): frame["ai_training"].map(lambda v: t("ai." + v, lang)),
            t("cmp.col.training_default", lang): frame["training_default"].map(
                lambda v: t("default." + v, lang)
            ),
            t("cmp.col.opt_out", lang): frame["opt_out_routes"].map(
                lambda v: _words("route", v, lang)
            ),
            t("cmp.col.who", lang): frame["who_can_opt_out"].map(lambda v: t("who." + v, lang)),
            t("cmp.col.eu_start", lang): [
                since_text(day, bound, lang, none="–")
                for day, bound in zip(frame["eu_start"], frame["eu_start_bound"], strict=True)
            ],
            t("cmp.col.verified_on", lang): frame["verified_on"] + stale,
        },
        index=frame.index,
    )
    return table


def since_text(day: str, bound: str, lang: str, none: str = "") -> str:
    """Since when, as a participant reads it: the day, "by <day> at the latest", unknown or `none`.

    A bound (`eu_start_bound: not-later-than`) is the version date of the oldest text read that
    already states the use, so the table must not show it as the day the use began.
    """
    if day == "unknown":
        return t("ai.unknown", lang)
    if day == "not-applicable":
        return none
    return t("cmp.eu_start.by", lang, date=day) if bound == "not-later-than" else day


def export_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table for download: the display columns plus what is used, basis, company, sources."""
    table = display_table(frame, lang)
    table[t("cmp.col.content_used", lang)] = frame["content_used"].map(
        lambda v: _words("content", v, lang)
    )
    table[t("cmp.col.legal_basis", lang)] = frame["legal_basis"].map(
        lambda v: t("basis." + v, lang)
    )
    table[t("cmp.col.company", lang)] = frame["company"]
    table[t("cmp.col.sources", lang)] = frame["sources"].map(
        lambda s: " ".join(src["url"] for src in s)
    )
    table.index.name = "id"
    table.attrs["lang"] = lang  # to_csv writes in the reader's convention for this language
    return table


def style_table(frame: pd.DataFrame, lang: str):  # -> pandas Styler
    """The display table colour-coded by how much each value should alarm a participant."""
    table = display_table(frame, lang)
    columns = {
        t("cmp.col.ai_training", lang): frame["ai_training"].map(SEVERITY["ai_training"]),
        t("cmp.col.training_default", lang): frame["training_default"].map(
            SEVERITY["training_default"]
        ),
        t("cmp.col.who", lang): frame["who_can_opt_out"].map(SEVERITY["who_can_opt_out"]),
    }

    def colour(column: pd.Series) -> list[str]:
        levels = columns.get(column.name)
        if levels is None:
            return [""] * len(column)
        return [
            f"background-color: {COLOURS[int(level)]}; color: #111" for level in levels.fillna(1)
        ]

    styler = table.style.apply(colour, axis=0).hide(axis="index")
    styler = styler.format(escape="html")
    styler = styler.set_table_attributes('class="kit-matrix"')
    styler = styler.set_table_styles(
        [
            {
                "selector": "th",
                "props": "text-align: left; padding: 4px 8px; position: sticky; top: 0; background: #fff",
            },
            {"selector": "td", "props": "padding: 4px 8px; border-bottom: 1px solid #ddd"},
        ]
    )
    return styler


def neutralise(value: Any) -> Any:
    """A cell value that spreadsheet programs will not run as a formula (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _safe(table: pd.DataFrame) -> pd.DataFrame:
    safe = table.map(neutralise)
    safe.columns = [neutralise(c) for c in safe.columns]
    safe.index = [neutralise(i) for i in safe.index]
    safe.index.name = table.index.name
    return safe


# Spreadsheet conventions per language: Excel set to a language that writes decimals with a
# comma (German, French, Spanish, Italian, Dutch, Polish) splits CSV on ";" (its list
# separator); English on ","; all need the UTF-8 BOM to read accented letters.
CSV_SEPARATOR = {"en": ","}
_URL = re.compile(r"^https?://[^\s\"<>]+$")


def to_csv(table: pd.DataFrame, lang: str | None = None) -> bytes:
    """CSV as the reader's spreadsheet expects it: "," for English, ";" otherwise; BOM; CRLF.

    `lang` defaults to the language export_table made the table in. Formulas are neutralised.
    """
    lang = lang or table.attrs.get("lang", "en")
    return (
        _safe(table)
        .to_csv(sep=CSV_SEPARATOR.get(lang, ";"), lineterminator="\r\n")
        .encode("utf-8-sig")
    )


def _urls(value: object) -> list[str] | None:
    """The URLs a cell holds when it holds only URLs (the sources column), else None."""
    parts = str(value).split()
    return parts if parts and all(_URL.match(p) for p in parts) else None


def to_xlsx(table: pd.DataFrame) -> bytes:
    """An XLSX workbook: text cells only (no formulas), frozen header, widths, clickable sources.

    A column of URLs becomes one column per URL, each cell a link, since a cell holds one link.
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    # Control characters cannot be stored in a worksheet (openpyxl refuses them): drop them.
    safe = _safe(table).map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)
    header: list[str] = [safe.index.name or "id"]
    link_columns: dict[str, int] = {}
    for column in map(str, safe.columns):
        values = [v for v in safe[column] if not pd.isna(v) and str(v).strip()]
        lists = [_urls(v) for v in values]
        if values and all(lists):
            link_columns[column] = max(len(urls) for urls in lists if urls)
            header += [f"{column} {n}" for n in range(1, link_columns[column] + 1)]
        else:
            header.append(column)
    book = Workbook()
    sheet = book.active
    sheet.title = "services"
    sheet.append(header)
    for index, row in safe.iterrows():
        cells: list[str] = [str(index)]
        for column, value in zip(map(str, safe.columns), row, strict=True):
            text = "" if pd.isna(value) else str(value)
            if column in link_columns:
                urls = _urls(text) or []
                cells += urls + [""] * (link_columns[column] - len(urls))
            else:
                cells.append(text)
        sheet.append(cells)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.data_type = "s"  # text, never a formula
            if isinstance(cell.value, str) and _URL.match(cell.value):
                cell.hyperlink = cell.value
                cell.style = "Hyperlink"
    for cell in sheet[1]:
        cell.data_type = "s"
        cell.font = Font(bold=True)
    for number, column in enumerate(sheet.iter_cols(values_only=True), 1):
        widest = max(len(str(v or "")) for v in column)
        sheet.column_dimensions[get_column_letter(number)].width = min(max(widest + 2, 8), 60)
    sheet.freeze_panes = "C2"  # header row and the id and service columns stay in view
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def default_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Services per category and training default (rows: categories; columns: defaults)."""
    counts = frame.groupby(["category", "training_default"]).size().unstack(fill_value=0)
    for column in ("on", "off", "not-applicable", "unknown"):
        if column not in counts:
            counts[column] = 0
    return counts[["on", "unknown", "off", "not-applicable"]].sort_values("on", ascending=False)


def chart_svg(frame: pd.DataFrame, lang: str) -> str:
    """A stacked bar chart (inline SVG, no external resources) of default_counts."""
    counts = default_counts(frame)
    colours = {
        "on": COLOURS[3],
        "unknown": COLOURS[1],
        "off": COLOURS[0],
        "not-applicable": "#a5d6a7",
    }
    bar_h, gap, label_w, unit = 22, 6, 170, 28
    width = label_w + unit * max(int(counts.sum(axis=1).max() or 1), 1) + 40
    height = (bar_h + gap) * len(counts) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="kit-chart" width="100%" '
        f'viewBox="0 0 {width} {height}" style="max-width:{width}px" aria-label="{esc(t("cmp.chart", lang))}">'
    ]
    for row, (category, values) in enumerate(counts.iterrows()):
        y = row * (bar_h + gap)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" font-size="13">{esc(t("cat." + category, lang))}</text>'
        )
        x = label_w
        for key in ("on", "unknown", "off", "not-applicable"):
            n = int(values[key])
            if n:
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{n * unit}" height="{bar_h}" fill="{colours[key]}" stroke="#555"><title>{esc(t("default." + key, lang))}: {n}</title></rect>'
                )
                parts.append(
                    f'<text x="{x + n * unit / 2}" y="{y + 16}" text-anchor="middle" font-size="12">{n}</text>'
                )
                x += n * unit
    y = len(counts) * (bar_h + gap) + 14
    x = 0
    for key in ("on", "unknown", "off", "not-applicable"):
        label = esc(t("default." + key, lang))
        parts.append(
            f'<rect x="{x}" y="{y}" width="14" height="14" fill="{colours[key]}" stroke="#555"/><text x="{x + 18}" y="{y + 12}" font-size="12">{label}</text>'
        )
        x += 18 + 8 * len(label) + 16
    parts.append("</svg>")
    return "".join(parts)
