"""The main path as a participant walks it: tick a service on the start page, Begin, and write
every kind of letter that service offers, to the preview, in German and in English.

This is the walk that showed 'Something went wrong: TraitError' after ticking Facebook; it fails
if any step shows an error message.
"""

from __future__ import annotations

import re

import pytest
from conftest import assert_clean, open_app
from playwright.sync_api import expect

from toolkit import data
from toolkit.i18n import t
from toolkit.letters.spec import SPECS
from toolkit.ui.start import START_SERVICES

pytestmark = pytest.mark.browser
ERROR = re.compile(r"something went wrong|etwas ist schiefgegangen|traceback|traiterror", re.I)


def no_error(page) -> None:
    """No error message anywhere on the page (alerts are only allowed next to fields)."""
    text = page.locator(".kit-app").inner_text()
    assert not ERROR.search(text), text[:500]
    assert page.locator(".kit-msg-error").count() == 0, page.locator(
        ".kit-msg-error"
    ).all_inner_texts()


def fill_step(page, kind: str, lang: str) -> None:
    """Fill what the step shown needs for `kind` (required fields only, like a hurried participant)."""
    grounds = SPECS[kind].grounds
    if "workspace_url" in grounds and page.get_by_label(t("obj.workspace_url", lang)).is_visible():
        page.get_by_label(t("obj.workspace_url", lang)).fill("https://team.example.org")
    if "sent_on" in grounds and page.get_by_label(t("obj.sent_on", lang)).is_visible():
        page.get_by_label(t("obj.sent_on", lang)).fill("2026-10-15")
    if "country" in grounds and page.get_by_label(t("obj.country", lang)).is_visible():
        country = "Deutschland" if lang == "de" else "Germany"
        page.get_by_label(t("obj.country", lang)).select_option(label=country)
        page.get_by_label(t("obj.region", lang)).select_option(label="Berlin")


@pytest.mark.parametrize("viewport", [(375, 812), (1280, 800)], ids=["phone", "laptop"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_start_service_and_every_kind_reaches_the_preview(
    watched_page, voila_app, lang, viewport, tmp_path_factory
):
    page, watch = watched_page
    # a picture of every step, to look at (not committed): the path is printed with -s
    shots = tmp_path_factory.getbasetemp() / "screens" / f"{lang}-{viewport[0]}"
    shots.mkdir(parents=True, exist_ok=True)
    print("screenshots:", shots)
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    records = data.records("services")
    open_app(page, voila_app, f"?lang={lang}")
    walked = 0
    for service_id, label in START_SERVICES:
        page.get_by_role("button", name=t("step.start", lang)).click()
        box = page.get_by_label(label, exact=True)
        box.check()
        page.get_by_role("button", name=t("start.begin", lang)).click()
        page.locator(".kit-objection").wait_for()
        no_error(page)
        service = page.get_by_label(t("obj.service", lang), exact=True)
        # the service just ticked is the one the letter is for (waits for the kernel's update)
        expect(service.locator("option:checked")).to_have_text(
            records[service_id]["name"].replace(" ", "\xa0")
        )
        for kind in [k for k in SPECS if k in records[service_id]["letters"]["kinds"]]:
            page.get_by_label(t("obj.kind", lang)).select_option(label=t("kind." + kind, lang))
            for step in (2, 3, 4):
                if page.get_by_label(t("obj.name", lang)).is_visible():
                    page.get_by_label(t("obj.name", lang)).fill("Kim Kanarienvogel")
                    page.get_by_label(t("obj.email", lang), exact=True).fill("kim@example.org")
                fill_step(page, kind, lang)
                page.get_by_role("button", name=t("obj.next", lang)).click()
                name = t("obj.step." + ("service", "grounds", "details", "preview")[step - 1], lang)
                page.get_by_text(t("obj.stepof", lang, n=step, total=4, name=name)).wait_for()
                no_error(page)
            page.locator(".kit-letter").wait_for()
            assert "Kim Kanarienvogel" in page.locator(".kit-letter").inner_text()
            no_error(page)
            page.screenshot(path=str(shots / f"{service_id}-{kind}.png"))
            walked += 1
            for step in (3, 2, 1):
                page.get_by_role("button", name=t("obj.back", lang)).click()
                name = t("obj.step." + ("service", "grounds", "details", "preview")[step - 1], lang)
                page.get_by_text(t("obj.stepof", lang, n=step, total=4, name=name)).wait_for()
        page.get_by_role("button", name=t("step.start", lang)).click()
        box.uncheck()
    assert walked >= 30
    for step, ready in (("compare", ".kit-table"), ("alternatives", ".kit-alternatives"),
                        ("plan", ".kit-plan-doc")):  # fmt: skip
        page.get_by_role("button", name=t("step." + step, lang)).click()
        page.locator(ready).first.wait_for(timeout=90_000)
        no_error(page)
        page.screenshot(path=str(shots / f"{step}.png"))
    page.evaluate("window.onbeforeunload = null")
    assert_clean(watch, voila_app)
