"""The comparison: filters, sorting, styling, exports read back, and the view."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from toolkit import load_services
from toolkit.i18n import t
from toolkit.policies import (
    chart_svg,
    default_counts,
    display_table,
    export_table,
    filter_services,
    neutralise,
    sort_services,
    style_table,
    to_csv,
    to_xlsx,
)
from toolkit.ui import WorkshopApp


@pytest.fixture(scope="module")
def frame():
    return load_services("en")


def test_filters_combine(frame):
    trains = filter_services(frame, ai_training="yes", training_default="on")
    assert len(trains) > 0
    assert set(trains["ai_training"]) == {"yes"} and set(trains["training_default"]) == {"on"}
    forms = filter_services(frame, route="form")
    assert all("form" in routes for routes in forms["opt_out_routes"])
    assert "slack" in filter_services(frame, who_can_opt_out="admins-only").index
    assert "facebook" in filter_services(frame, text="  FACEBOOK ").index
    assert "gmail" not in filter_services(frame, text="facebook").index
    assert filter_services(frame, text="<script>").empty


def test_sorting(frame):
    names = list(sort_services(frame, "name")["name"])
    assert names == sorted(names, key=str.casefold)
    worst_first = sort_services(frame, "ai_training")["ai_training"].tolist()
    assert worst_first.index("yes") < worst_first.index("no")
    with pytest.raises(ValueError, match="cannot sort"):
        sort_services(frame, "drop table")


def test_display_table_translates_words(frame):
    de = display_table(frame, "de")
    assert t("cmp.col.ai_training", "de") in de.columns
    assert set(de[t("cmp.col.ai_training", "de")]) <= {"ja", "teilweise", "nein", "unbekannt"}


def test_styling_colours_by_severity(frame):
    html = style_table(frame.loc[["facebook", "gmail"]], "en").to_html()
    assert "#f4c7c3" in html  # red: facebook trains by default
    assert "#c8e6c9" in html  # green: gmail does not
    assert 'class="kit-matrix"' in html


def test_stale_records_are_marked(frame):
    old = frame.copy()
    old.loc["facebook", "stale"] = True
    assert display_table(old, "en").loc["facebook", t("cmp.col.verified_on", "en")].endswith("⚠")


def test_csv_and_xlsx_read_back_with_formulas_neutralised(frame):
    table = export_table(frame.head(3), "de").copy()
    table.iloc[0, 0] = '=HYPERLINK("http://evil.example","x")'
    table.iloc[1, 0] = "+1+1"
    table.iloc[2, 0] = "@SUM(A1)"
    rows = list(csv.reader(io.StringIO(to_csv(table).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "id" and rows[0][1] == t("cmp.col.service", "de")
    assert [r[1] for r in rows[1:]] == [
        '\'=HYPERLINK("http://evil.example","x")',
        "'+1+1",
        "'@SUM(A1)",
    ]
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(table)))
    sheet = book.active
    values = [sheet.cell(row=r, column=2).value for r in range(2, 5)]
    assert values[0].startswith("'=") and all(
        sheet.cell(row=r, column=2).data_type == "s" for r in range(2, 5)
    )
    assert sheet.cell(row=1, column=2).value == t("cmp.col.service", "de")
    assert neutralise(-3) == -3 and neutralise("-3") == "'-3"


def test_csv_follows_the_readers_spreadsheet_convention(frame):
    german = to_csv(export_table(frame, "de"))
    assert german.startswith("\ufeff".encode()) and b"\r\n" in german
    read = pd.read_csv(io.BytesIO(german), sep=";", encoding="utf-8-sig", index_col="id")
    assert read.shape == (len(frame), len(export_table(frame, "de").columns))
    assert read.loc["facebook", t("cmp.col.service", "de")] == frame.loc["facebook", "name"]
    # with "," a German Excel would see one column per line: no row may split that way
    assert pd.read_csv(io.BytesIO(german), sep=";", encoding="utf-8-sig").shape[1] > 5
    english = to_csv(export_table(frame, "en"))
    read = pd.read_csv(io.BytesIO(english), encoding="utf-8-sig", index_col="id")
    assert read.loc["facebook", t("cmp.col.service", "en")] == frame.loc["facebook", "name"]
    assert to_csv(export_table(frame, "de"), lang="en").decode("utf-8-sig").startswith("id,")


def test_xlsx_has_frozen_header_widths_and_clickable_sources(frame):
    table = export_table(frame, "en")
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(table))).active
    assert sheet.freeze_panes == "C2"
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["id", t("cmp.col.service", "en")] and sheet["A1"].font.bold
    sources = [i for i, h in enumerate(header, 1) if h.startswith(t("cmp.col.sources", "en"))]
    assert sources, header
    row = list(table.index).index("facebook") + 2
    urls = table.loc["facebook", t("cmp.col.sources", "en")].split()
    linked = [sheet.cell(row=row, column=c) for c in sources[: len(urls)]]
    assert [c.hyperlink.target for c in linked] == urls == [c.value for c in linked]
    widths = {sheet.column_dimensions[c].width for c in ("A", "B", "C")}
    assert all(8 <= w <= 60 for w in widths) and len(widths) > 1
    service_width = sheet.column_dimensions["B"].width
    assert service_width >= max(len(n) for n in frame["name"])


def test_chart_counts_and_is_self_contained(frame):
    counts = default_counts(frame)
    assert counts.values.sum() == len(frame)
    svg = chart_svg(frame, "de")
    assert svg.startswith("<svg") and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert t("cat.social-network", "de") in svg


def test_view_filters_details_and_object_button():
    app = WorkshopApp()
    app.show("compare")
    view = app.views["compare"]
    total = len(view.frame())
    view.filters["ai_training"].value = "yes"
    shown = view.value
    assert 0 < len(shown) < total and set(shown["ai_training"]) == {"yes"}
    assert t("cmp.count", "en", n=len(shown), total=total) in view.count.value
    assert "CSV" in view.downloads.value and "XLSX" in view.downloads.value
    view.search.value = "instagram"
    found = view.value
    assert "instagram" in found.index and len(found) < len(shown)
    assert all("instagram" in " ".join(map(str, row)).casefold() for row in found.values)
    view.pick.value = "instagram"
    assert "https://" in view.details.value and t("cmp.details.sources", "en") in view.details.value
    view.object_button.click()
    assert app._current() == "objection"
    assert app.views["objection"].form.service == "instagram"
    assert app.views["objection"].control("service").value == "instagram"
    app.session.lang = "de"
    assert t("cmp.filter.search", "de") == view.search.description
    view.search.value = "no such service at all"
    assert t("cmp.none", "de") in view.count.value and view.table.value == ""
    app.clear()
    assert view.search.value == "" and view.filters["ai_training"].value == ""


def test_view_shows_a_warning_for_broken_records(tmp_path):
    import shutil

    from toolkit import data
    from toolkit.paths import ROOT

    shutil.copytree(ROOT / "tests" / "fixtures" / "data", tmp_path / "data")
    (tmp_path / "data" / "services" / "broken.yaml").write_text("name: [\n")
    data.use_data_dir(tmp_path / "data")
    try:
        app = WorkshopApp()
        app.show("compare")
        view = app.views["compare"]
        assert "services/broken.yaml" in view.count.value
        assert 'role="alert"' in view.count.value
        assert len(view.value) == 2
    finally:
        data.use_data_dir(None)


def test_frame_types(frame):
    assert isinstance(frame, pd.DataFrame)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_details_label_each_timeline_item_with_its_kind(lang):
    """A participant reads what kind of event each timeline item is, in their language."""
    import re

    from toolkit import data
    from toolkit.html import day

    app = WorkshopApp(lang=lang)
    app.show("compare")
    view = app.views["compare"]
    view.pick.value = "facebook"
    html = view.details.value
    assert t("cmp.details.actions", lang) in html
    actions = data.records("services")["facebook"]["actions"]
    items = re.findall(
        r"<li><span class=\"kit-kind kit-kind-([a-z]+)\">([^<]+)</span> ([^,<]+),", html
    )
    # each item's day as the language writes it in running text ("3 November 2025")
    assert [(k, d) for k, _, d in items] == [(a["kind"], day(a["date"], lang)) for a in actions]
    for kind, label, _ in items:
        assert label == t("timeline." + kind, lang) and label != kind
    assert {k for k, _, _ in items} >= {"court", "regulator", "policy", "legislation"}
    app.session.lang = "de" if lang == "en" else "en"  # the labels follow a language switch
    other = app.session.lang
    relabelled = re.findall(
        r'<span class="kit-kind kit-kind-court">([^<]+)</span>', view.details.value
    )
    assert relabelled and set(relabelled) == {t("timeline.court", other)}
