"""The comparison step: filters, a colour-coded table, details per service, chart, downloads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ipywidgets as ipw

from .. import data
from ..i18n import t
from ..ui.common import LABEL_STYLE as STYLE
from ..ui.common import Messages, download_link, esc, guarded, routes_html
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


class CompareView(ipw.VBox):
    """Who trains AI on what, by default or not, and how to opt out: every fact sourced."""

    def __init__(self, session: Any, app: Any = None) -> None:
        self._session = session
        self._app = app
        self._frames: dict[str, Any] = {}
        self.messages = Messages()
        lang_now = lambda: self._session.lang  # noqa: E731
        self.filters = {name: ipw.Dropdown(style=STYLE, layout=SELECT) for name in CHOICES}
        self.search = ipw.Text(style=STYLE, layout=SELECT)
        self.sort = ipw.Dropdown(style=STYLE, layout=SELECT)
        self.count = ipw.HTML()
        self.count.add_class("kit-count")
        self.legend = ipw.HTML()
        self.table = ipw.HTML(layout=ipw.Layout(overflow="auto", max_height="70vh", width="100%"))
        self.table.add_class("kit-table")
        self.pick = ipw.Dropdown(style=STYLE, layout=SELECT)
        self.details = ipw.HTML()
        self.details.add_class("kit-details")
        self.object_button = ipw.Button(
            icon="envelope", button_style="primary", layout=ipw.Layout(width="auto")
        )
        self.object_button.add_class("kit-object")
        self.chart = ipw.HTML(layout=ipw.Layout(width="100%"))
        self.downloads = ipw.HTML()
        self.downloads.add_class("kit-downloads")
        self.broken = ipw.HTML()
        refresh = guarded(lambda _=None: self.refresh(), self.messages, lang_now)
        for widget in (*self.filters.values(), self.sort):
            widget.observe(refresh, "value")
        self.search.observe(refresh, "value")
        self.pick.observe(
            guarded(lambda _=None: self._show_details(), self.messages, lang_now), "value"
        )
        self.object_button.on_click(guarded(self._on_object, self.messages, lang_now))
        filters = ipw.HBox(
            [*self.filters.values(), self.search, self.sort],
            layout=ipw.Layout(flex_flow="row wrap", width="100%"),
        )
        super().__init__(
            [
                self.broken,
                self.messages,
                filters,
                self.count,
                self.legend,
                self.table,
                self.downloads,
                self.pick,
                self.details,
                self.object_button,
                self.chart,
            ],
            layout=ipw.Layout(width="100%"),
        )
        self.add_class("kit-compare")
        session.observe(
            lambda _: guarded(lambda: self._relabel(), self.messages, lang_now)(), "lang"
        )
        self._relabel()

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
        total = len(frame)
        self.count.value = (
            f"<p><strong>{esc(t('cmp.count', lang, n=len(rows), total=total))}</strong></p>"
        )
        if rows.empty:
            self.table.value = f"<p>{esc(t('cmp.none', lang))}</p>"
            self.downloads.value = ""
        else:
            self.table.value = tb.style_table(rows, lang).to_html()
            export = tb.export_table(rows, lang)
            self.downloads.value = (
                f"<p>{esc(t('cmp.download', lang))}: "
                + download_link(
                    tb.to_csv(export), "ai-data-use.csv", "text/csv;charset=utf-8", "CSV"
                )
                + " · "
                + download_link(
                    tb.to_xlsx(export),
                    "ai-data-use.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "XLSX",
                )
                + "</p>"
            )
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
            f"<h4>{esc(t('cmp.chart', lang))}</h4>{tb.chart_svg(rows, lang)}"
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
        stale = (
            f' <strong title="{esc(t("cmp.stale", lang))}">⚠ {esc(t("cmp.stale", lang))}</strong>'
            if row["stale"]
            else ""
        )
        actions = "".join(
            f"<li>{esc(a['date'])}, {esc(a['by'])}: {esc(a['what'])} "
            f'<a href="{esc(a["url"])}" target="_blank" rel="noopener noreferrer">↗</a></li>'
            for a in row["actions"]
        )
        sources = "".join(
            f'<li><a href="{esc(s["url"])}" target="_blank" rel="noopener noreferrer">{esc(s["title"])}</a> '
            f"({esc(s.get('kind', 'primary'))}, {esc(t('cmp.details.read', lang, date=s['read_on']))})</li>"
            for s in row["sources"]
        )
        notes = (
            f"<p><strong>{esc(t('cmp.details.notes', lang))}:</strong> {esc(row['notes'])}</p>"
            if row["notes"]
            else ""
        )
        since = (
            row["eu_start"]
            if row["eu_start"] not in ("unknown", "not-applicable")
            else t("ai.unknown", lang)
        )
        self.details.value = (
            f'<div style="border:1px solid #ccc;padding:8px 12px;max-width:900px">'
            f"<h3>{esc(row['name'])}</h3><p>{esc(row['summary'])}</p>"
            f"<p><strong>{esc(t('cmp.details.what', lang))}:</strong> {esc(tb._words('content', row['content_used'], lang) or '–')}<br>"
            f"<strong>{esc(t('cmp.details.since', lang))}:</strong> {esc(since)}<br>"
            f"<strong>{esc(t('cmp.details.basis', lang))}:</strong> {esc(t('basis.' + row['legal_basis'], lang))}<br>"
            f"<strong>{esc(t('cmp.details.company', lang))}:</strong> {esc(row['company'])}</p>"
            f"<h4>{esc(t('cmp.details.how', lang))}</h4>{routes_html(row['opt_out'], lang)}"
            + (
                f"<h4>{esc(t('cmp.details.actions', lang))}</h4><ul>{actions}</ul>"
                if actions
                else ""
            )
            + notes
            + f"<h4>{esc(t('cmp.details.sources', lang))}</h4><ul>{sources}</ul>"
            f"<p><em>{esc(t('cmp.details.checked', lang, date=row['verified_on']))}</em>{stale}</p></div>"
        )
        can_object = (
            bool(row["letter_kinds"]) and self._app is not None and "objection" in self._app.steps
        )
        self.object_button.layout.display = None if can_object else "none"

    def _on_object(self, _button: Any) -> None:
        sid = self.pick.value
        if not sid or self._app is None:
            return
        self._session.focus_service = sid
        if sid not in self._session.services:
            self._session.services = [*self._session.services, sid]
        self._app.show("objection")

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

    def _relabel(self) -> None:
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
        self.legend.value = f'<p style="font-size:0.9em">{esc(t("cmp.legend", lang))}</p>'
        broken = data.problems("services")
        files = sorted({p.file for p in broken})
        self.broken.value = (
            f'<div role="alert" style="border-left:4px solid #b3261e;padding:4px 10px">{esc(t("cmp.broken", lang, n=len(files), files=", ".join(files)))}</div>'
            if files
            else ""
        )

    def reset(self) -> None:
        """Clear the filters and the search."""
        with self._one_refresh():
            for widget in self.filters.values():
                widget.value = ""
            self.search.value = ""
            self.sort.value = "name"
