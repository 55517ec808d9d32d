"""Filter the comparison table in headless Chromium and read the downloaded CSV back."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import assert_clean, open_app
from playwright.sync_api import expect

from toolkit import load_services
from toolkit.i18n import t
from toolkit.policies import filter_services

pytestmark = pytest.mark.browser


def test_filter_and_download_csv(watched_page, voila_app, tmp_path):
    page, watch = watched_page
    frame = load_services("de")
    expected = filter_services(frame, ai_training="yes", training_default="on")
    open_app(page, voila_app, "?lang=de")
    page.get_by_role("button", name=t("step.compare", "de")).click()
    page.locator(".kit-matrix").wait_for()
    page.get_by_label(t("cmp.filter.ai_training", "de")).select_option(label="ja")
    page.get_by_label(t("cmp.filter.training_default", "de")).select_option(
        label=t("default.on", "de")
    )
    page.get_by_text(t("cmp.count", "de", n=len(expected), total=len(frame))).wait_for()
    # the count and the table are two widget updates: wait for the table too
    expect(page.locator(".kit-matrix tbody tr")).to_have_count(len(expected))
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.name == "ai-data-use.csv"
    text = target.read_text(encoding="utf-8-sig")  # German Excel splits on ";"
    records = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert sorted(r["id"] for r in records) == sorted(expected.index)
    assert {r[t("cmp.col.ai_training", "de")] for r in records} == {"ja"}
    assert all(r[t("cmp.col.sources", "de")].startswith("http") for r in records)
    assert_clean(watch, voila_app)


def test_details_show_each_timeline_kind_and_the_page_dates_the_data(watched_page, voila_app):
    """In the browser: the header's data-as-of line, and Facebook's timeline labelled by kind."""
    from toolkit.data import data_as_of_text

    page, watch = watched_page
    open_app(page, voila_app, "?lang=de")
    page.get_by_role("button", name=t("step.compare", "de")).click()
    page.locator(".kit-matrix").wait_for()
    expect(page.locator(".kit-as-of")).to_have_text(
        t("app.data_as_of", "de", date=data_as_of_text("de"))
    )
    page.get_by_label(t("cmp.details", "de")).select_option(label="Facebook")
    details = page.locator(".kit-details")
    expect(details.locator("h3")).to_have_text("Facebook")
    for kind in ("regulator", "court", "policy", "legislation"):
        expect(details.locator(f".kit-kind-{kind}").first).to_have_text(t("timeline." + kind, "de"))
    assert_clean(watch, voila_app)
