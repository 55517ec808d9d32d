"""The comparison step: filters, a colour-coded table, details per service, chart, downloads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ipywidgets as ipw

from .. import data
from ..html import day, fragment
from ..i18n import t
from ..ui.base import StepView
from ..ui.common import LABEL_STYLE as STYLE
from ..ui.common import Html
from ..ui.downloads import Downloads, Made
from . import table as tb

SELECT = ipw.Layout(width="auto", min_width="200px", max_width="320px")
CHOICES = {
    "category": "cat",
    "ai_training": "ai",
    "training_default": "default",
    "route": "route",
    "who_can_opt_out": "who",
}
FILTER_LABELS = {
    "category": "cmp.filter.category",
    "ai_training": "cmp.filter.ai_training",
    "training_default": "cmp.filter.training_default",
    "route": "cmp.filter.route",
    "who_can_opt_out": "cmp.filter.who",
}


class CompareView(StepView):
    """Who trains AI on what, by default or not, and how to opt out: every fact sourced.

    The model is pandas: `value` is the filtered, sorted frame; the widgets only choose.
    """

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self._session = session
        self._frames: dict[str, Any] = {}
        self.filters = {name: ipw.Dropdown(style=STYLE, layout=SELECT) for name in CHOICES}
        self.search = ipw.Text(style=STYLE, layout=SELECT)
        self.sort = ipw.Dropdown(style=STYLE, layout=SELECT)
        self.count = Html()
        self.count.add_class("kit-count")
        # one horizontal scroll for the wide table; the page keeps the vertical scroll
        self.table = Html(layout=ipw.Layout(overflow_x="auto", overflow_y="hidden", width="100%"))
        self.table.add_class("kit-table")
        self.pick = ipw.Dropdown(style=STYLE, layout=SELECT)
        self.details = Html()
        self.details.add_class("kit-details")
        self.object_button = ipw.Button(
            icon="envelope", button_style="primary", layout=ipw.Layout(width="auto")
        )
        self.object_button.add_class("kit-object")
        self.chart = Html(layout=ipw.Layout(width="100%"))
        self.downloads = Downloads()
        self.downloads.add_class("kit-downloads")
        for widget in (*self.filters.values(), self.sort, self.search):
            self.on_change(widget, self.refresh)
        self.on_change(self.pick, self._show_details)
        self.on_click(self.object_button, self._on_object)
        filters = ipw.HBox(
            [*self.filters.values(), self.search, self.sort],
            layout=ipw.Layout(flex_flow="row wrap", width="100%"),
        )
        self.children = [
            self.messages,
            filters,
            self.count,
            self.table,
            self.downloads,
            self.pick,
            self.details,
            self.object_button,
            self.chart,
        ]
        self.add_class("kit-compare")
        self.relabel()

    # data -----------------------------------------------------------------------------
    def frame(self):
        """All valid service records in the interface language (loaded once per language)."""
        lang = self._session.lang
        if lang not in self._frames:
            self._frames[lang] = data.load_services(lang)
        return self._frames[lang]

    @property
    def value(self):
        """The rows currently shown (filtered and sorted)."""
        frame = self.frame()
        if frame.empty:
            return frame
        chosen = {name: widget.value or None for name, widget in self.filters.items()}
        filtered = tb.filter_services(
            frame,
            category=chosen["category"],
            ai_training=chosen["ai_training"],
            training_default=chosen["training_default"],
            route=chosen["route"],
            who_can_opt_out=chosen["who_can_opt_out"],
            text=self.search.value,
        )
        return tb.sort_services(filtered, self.sort.value or "name")

    # rendering ------------------------------------------------------------------------
    _quiet = False  # True while options are being relabelled: one refresh at the end

    def refresh(self) -> None:
        """Redraw the table, count, downloads, details choice and chart."""
        if self._quiet:
            return
        lang = self._session.lang
        frame = self.frame()
        rows = self.value
        broken = sorted({p.file for p in data.problems("services")})
        # The downloads first: the page gets them before the count and the table it waits for.
        # The files themselves are made when a link is clicked, from these rows (ui/downloads.py):
        # the XLSX alone took about 0.18 s on every filter change.
        if rows.empty:
            self.downloads.clear()
        else:
            export = tb.export_table(rows, lang)
            xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            made = {
                "csv": Made("ai-data-use.csv", "text/csv;charset=utf-8",
                            lambda: tb.to_csv(export)),
                "xlsx": Made("ai-data-use.xlsx", xlsx, lambda: tb.to_xlsx(export)),
            }  # fmt: skip
            files = [{"label": key.upper(), "key": key, "filename": m.filename}
                     for key, m in made.items()]  # fmt: skip
            self.downloads.show(
                fragment("compare_downloads.html.j2", lang, files=files), made, lang
            )
        self.count.value = fragment(
            "compare_summary.html.j2", lang, broken_files=broken, shown=len(rows), total=len(frame)
        )
        self.table.value = "" if rows.empty else tb.style_table(rows, lang).to_html()
        current = self.pick.value
        self.pick.options = (
            [(name, sid) for sid, name in rows["name"].items()] if not rows.empty else []
        )
        if current in rows.index:
            self.pick.value = current
        elif not rows.empty:
            self.pick.value = rows.index[0]
        self._show_details()
        self.chart.value = (
            fragment("compare_chart.html.j2", lang, svg=tb.chart_svg(rows, lang))
            if not rows.empty
            else ""
        )

    def _show_details(self) -> None:
        lang = self._session.lang
        sid = self.pick.value
        frame = self.frame()
        if not sid or sid not in frame.index:
            self.details.value = ""
            self.object_button.layout.display = "none"
            return
        row = frame.loc[sid]
        # in running text the day as the language writes it (the table keeps sortable ISO days)
        since = tb.since_text(day(row["eu_start"], lang), row["eu_start_bound"], lang)
        self.details.value = fragment(
            "compare_details.html.j2",
            lang,
            row=row.to_dict(),
            content=tb._words("content", row["content_used"], lang),
            since=since or t("ai.unknown", lang),
        )
        can_object = bool(row["letter_kinds"]) and "objection" in self._session.steps
        self.object_button.layout.display = None if can_object else "none"

    def _on_object(self) -> None:
        sid = self.pick.value
        if not sid:
            return
        if sid not in self._session.services:
            self._session.services = [*self._session.services, sid]
        self._session.go("objection", focus_service=sid)

    # labels ---------------------------------------------------------------------------
    @contextmanager
    def _one_refresh(self) -> Iterator[None]:
        """Change several widgets, then redraw once (not once per change)."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False
        self.refresh()

    def relabel(self) -> None:
        """Labels and options in the interface language (the choices stay)."""
        with self._one_refresh():
            self._relabel_widgets()

    def _relabel_widgets(self) -> None:
        lang = self._session.lang
        frame = self.frame()
        for name, prefix in CHOICES.items():
            widget = self.filters[name]
            current = widget.value
            if frame.empty:
                values = []
            elif name == "route":
                values = sorted({r for routes in frame["opt_out_routes"] for r in routes})
            else:
                values = sorted(frame[name].unique())
            options = [
                (t("cmp.all", lang), ""),
                *sorted(
                    ((t(f"{prefix}.{v}", lang), v) for v in values), key=lambda p: p[0].casefold()
                ),
            ]
            widget.options = options
            widget.value = current if current in values else ""
            widget.description = t(FILTER_LABELS[name], lang)
        self.search.description = t("cmp.filter.search", lang)
        current_sort = self.sort.value or "name"
        self.sort.options = [
            (t("cmp.col.service", lang), "name"),
            (t("cmp.col.ai_training", lang), "ai_training"),
            (t("cmp.col.training_default", lang), "training_default"),
            (t("cmp.col.eu_start", lang), "eu_start"),
            (t("cmp.col.verified_on", lang), "verified_on"),
        ]
        self.sort.value = current_sort
        self.sort.description = t("cmp.filter.sort", lang)
        self.pick.description = t("cmp.details", lang)
        self.object_button.description = t("cmp.object", lang)

    def reset(self) -> None:
        """Clear the filters and the search."""
        with self._one_refresh():
            for widget in self.filters.values():
                widget.value = ""
            self.search.value = ""
            self.sort.value = "name"
