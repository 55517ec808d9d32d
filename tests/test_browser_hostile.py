"""The hostile corpus typed into every text field of every step in Chromium; privacy canaries."""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

import pytest
from conftest import assert_clean, open_app, start_voila, stop_voila
from hostile_corpus import HOSTILE, SHORT
from playwright.sync_api import Error as PlaywrightError

from toolkit.i18n import t
from toolkit.paths import NOTEBOOKS, ROOT

pytestmark = pytest.mark.browser
STEPS = ("start", "objection", "compare", "alternatives", "plan")
PAYLOAD = " ".join(SHORT.values())
SKIP_BUTTONS = {"English", "Deutsch"}


def _fill_everything(page, value: str) -> int:
    """Type `value` into every visible text field; return how many were filled."""
    filled = 0
    for handle in page.locator(".kit-app input[type=text], .kit-app textarea").element_handles():
        try:
            if handle.is_visible() and handle.is_enabled() and handle.is_editable():
                handle.fill(value, timeout=10_000)
                handle.press("Tab", timeout=10_000)
                filled += 1
        except PlaywrightError:
            continue  # the field was replaced while typing (e.g. a wizard page changed)
    return filled


def _press_every_button(page) -> int:
    """Click every visible, enabled button in the current step (not navigation or language)."""
    pressed = 0
    for handle in page.locator(".kit-app button").element_handles():
        try:
            if not (handle.is_visible() and handle.is_enabled()):
                continue
            label = handle.inner_text().strip()
            in_nav = handle.evaluate("el => !!el.closest('.kit-nav, .kit-lang')")
            if label in SKIP_BUTTONS or in_nav or label == t("app.clear", "en"):
                continue
            handle.click(timeout=10_000)
            pressed += 1
        except PlaywrightError:
            continue
    return pressed


def test_corpus_in_every_field_of_every_step(watched_page, voila_app):
    page, watch = watched_page
    open_app(page, voila_app)
    filled = pressed = 0
    for step in STEPS:
        page.get_by_role("button", name=t("step." + step, "en")).click()
        page.wait_for_timeout(300)  # the step's first build shows 'Loading' first
        page.locator(
            f".kit-app .kit-{'start' if step == 'start' else 'plan-view' if step == 'plan' else step}"
        ).first.wait_for()
        for value in (PAYLOAD, HOSTILE["long-100k"]):
            filled += _fill_everything(page, value)
            if step == "objection":
                # walk the wizard: every page of it gets the corpus, then Next
                for _ in range(3):
                    page.get_by_role("button", name=t("obj.next", "en")).click()
                    filled += _fill_everything(page, value)
                    pressed += 1
            pressed += _press_every_button(page)
            filled += _fill_everything(page, value)  # again: buttons may have shown new fields
            if step == "start":
                page.get_by_role("button", name=t("step.start", "en")).click()
    assert filled > 20 and pressed > 8
    # the page still works: navigation and a fresh letter
    page.locator(".kit-clear").click()
    page.locator(".kit-clear-confirm").click()
    page.get_by_text(t("app.cleared", "en")).wait_for()
    page.get_by_role("button", name=t("step.objection", "en")).click()
    page.get_by_role("button", name=t("obj.next", "en")).click()
    page.get_by_role("button", name=t("obj.next", "en")).click()
    page.get_by_label(t("obj.name", "en")).fill("<script>alert(1)</script> Eve")
    page.get_by_role("button", name=t("obj.next", "en")).click()
    page.locator(".kit-letter").wait_for()
    assert "<script>alert(1)</script> Eve" in page.locator(".kit-letter").inner_text()
    assert page.locator(".kit-app script").count() == 0
    assert_clean(watch, voila_app)


def test_two_participants_never_see_each_other(browser, voila_app):
    names = {
        "Alice Aardvark-" + uuid.uuid4().hex[:6]: None,
        "Bob Bobcat-" + uuid.uuid4().hex[:6]: None,
    }
    pages = {}
    for name in names:
        context = browser.new_context()
        page = context.new_page()
        open_app(page, voila_app)
        pages[name] = (context, page)
    for name, (_context, page) in pages.items():
        page.get_by_role("button", name=t("step.objection", "en")).click()
        for _ in range(2):
            page.get_by_role("button", name=t("obj.next", "en")).click()
        page.get_by_label(t("obj.name", "en")).fill(name)
        page.get_by_role("button", name=t("obj.next", "en")).click()
        page.locator(".kit-letter").wait_for()
    for name, (context, page) in pages.items():
        other = next(n for n in names if n != name)
        content = page.content()
        assert name in content and other not in content
        context.close()


def _search(root: Path, needle: bytes, skip: tuple[str, ...] = ()) -> list[str]:
    hits = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not any(s in os.path.join(dirpath, d) for s in skip)]
        for filename in filenames:
            path = os.path.join(dirpath, filename)
            try:
                if os.path.islink(path) or os.path.getsize(path) > 50_000_000:
                    continue
                with open(path, "rb") as handle:
                    if needle in handle.read():
                        hits.append(path)
            except OSError:
                continue
    return hits


def test_canary_leaves_no_trace_on_the_server(browser, tmp_path_factory):
    """A full participant flow with a unique name and e-mail; then search everywhere for them."""
    canary = f"Canary{uuid.uuid4().hex[:12]}"
    email = f"{canary.lower()}@example.org"
    log = tmp_path_factory.mktemp("canary") / "voila.log"
    server = start_voila(NOTEBOOKS / "00-workshop.ipynb", log)
    try:
        context = browser.new_context(accept_downloads=False)
        page = context.new_page()
        open_app(page, server)
        page.get_by_label("Facebook").check()
        page.get_by_role("button", name=t("step.objection", "en")).click()
        for _ in range(2):
            page.get_by_role("button", name=t("obj.next", "en")).click()
        page.get_by_label(t("obj.name", "en")).fill(canary)
        page.get_by_label(t("obj.email", "en"), exact=True).fill(email)
        page.get_by_label(t("obj.address", "en")).fill(f"{canary} Street 1\n12345 Town")
        page.get_by_role("button", name=t("obj.next", "en")).click()
        page.locator(".kit-letter").wait_for()
        assert canary in page.locator(".kit-letter").inner_text()
        page.get_by_role("button", name=t("step.alternatives", "en")).click()
        page.locator(".kit-card").first.wait_for()
        page.locator(".kit-alternatives input[type=text]").first.fill(canary)
        page.get_by_role("button", name=t("step.plan", "en")).click()
        page.locator(".kit-plan").wait_for()
        context.close()
    finally:
        stop_voila(server)
    needle = canary.encode()
    # The browser (the participant's own device) is not searched: its profile and caches.
    skip = ("/.git", "playwright", "/.cache/ms-playwright", "/proc")
    hits = []
    for root in {ROOT, Path(tempfile.gettempdir()), Path.home()}:
        hits += _search(root, needle, skip)
    hits += [str(log)] if needle in log.read_bytes() else []
    assert hits == [], f"the canary was written to: {hits}"
