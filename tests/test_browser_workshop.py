"""The whole app in headless Chromium: start page -> objection -> compare -> alternatives -> plan."""

from __future__ import annotations

import io

import pytest
from conftest import assert_clean, open_app
from pypdf import PdfReader

from toolkit.i18n import t

pytestmark = pytest.mark.browser


def test_start_to_plan(watched_page, voila_app, tmp_path):
    page, watch = watched_page
    open_app(page, voila_app, "?lang=de")
    page.get_by_label("Facebook").check()
    page.get_by_label("Slack").check()
    page.get_by_role("button", name=t("start.begin", "de")).click()
    page.get_by_text(
        t("obj.stepof", "de", n=1, total=4, name=t("obj.step.service", "de"))
    ).wait_for()
    assert page.get_by_label(t("obj.service", "de"), exact=True).input_value() in (
        "facebook",
        "Facebook",
        "0",
    )
    for _ in range(2):
        page.get_by_role("button", name=t("obj.next", "de")).click()
    page.get_by_label(t("obj.name", "de")).fill("Kim Kanarienvogel")
    page.get_by_role("button", name=t("obj.next", "de")).click()
    page.locator(".kit-letter").wait_for()
    page.get_by_role("button", name=t("step.compare", "de")).click()
    page.locator(".kit-matrix").wait_for()
    page.get_by_role("button", name=t("step.alternatives", "de")).click()
    page.locator(".kit-card").first.wait_for()
    page.get_by_role("button", name=t("alt.choose", "de")).click()
    page.get_by_text(t("alt.chosen", "de", name="")[:20]).wait_for()
    page.get_by_role("button", name=t("step.plan", "de")).click()
    plan = page.locator(".kit-plan")
    plan.get_by_text(t("plan.sent", "de")).wait_for()
    text = plan.inner_text()
    assert "Facebook" in text and "Art. 77 DSGVO" in text and t("plan.try", "de") in text
    with page.expect_download() as info:
        page.get_by_role("link", name=t("plan.dl.pdf", "de")).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    pdf = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages).split()
    )
    assert "Mein Datenschutz-Aktionsplan" in pdf and "Facebook" in pdf
    page.locator(".kit-clear").get_by_text(t("app.clear", "de"), exact=True).click()
    page.get_by_role("button", name=t("app.clear.confirm", "de")).click()
    page.get_by_text(t("app.cleared", "de")).wait_for()
    assert not page.get_by_label("Facebook").is_checked()
    assert_clean(watch, voila_app)
