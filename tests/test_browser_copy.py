"""Copy buttons put the letter and the form blocks on the clipboard (Chromium, real Voila)."""

from __future__ import annotations

import pytest
from conftest import open_app

from toolkit.i18n import t

pytestmark = pytest.mark.browser


def test_copy_buttons_put_the_letter_and_a_block_on_the_clipboard(browser, voila_app):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=voila_app.url.rstrip("/")
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        open_app(page, voila_app)
        page.get_by_label("Facebook", exact=True).check()
        page.get_by_role("button", name=t("start.begin", "en")).click()
        for _ in range(2):
            page.get_by_role("button", name=t("obj.next", "en")).click()
        page.get_by_label(t("obj.name", "en")).fill("Ada Copytest")
        page.get_by_role("button", name=t("obj.next", "en")).click()
        page.locator(".kit-letter").wait_for()
        page.get_by_role("button", name=t("obj.copy.letter", "en")).click()
        page.get_by_role("button", name=t("copy.done", "en")).first.wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("Objection under Art. 21(1) GDPR") and "Ada Copytest" in copied
        page.get_by_role("button", name=t("obj.copy.block", "en")).last.click()
        block = page.evaluate("navigator.clipboard.readText()")
        assert "Art. 21" in block and block != copied
        assert all(voila_app.url.split("/")[2] in url for url in requests if url.startswith("http"))
    finally:
        context.close()
