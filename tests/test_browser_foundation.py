"""The workshop app in a real Voila server and headless Chromium."""

import os
import urllib.request

import pytest
from conftest import assert_clean, open_app

from toolkit.i18n import t

pytestmark = pytest.mark.browser


def test_page_has_csp_and_no_cdn_links(voila_app):
    with urllib.request.urlopen(voila_app.url) as response:
        csp = response.headers["Content-Security-Policy"]
        html = response.read().decode()
    assert "default-src 'self'" in csp
    assert "cdn.jsdelivr.net" not in html and "cdnjs" not in html
    assert "fontawesome" not in html.lower()


def test_app_loads_switches_language_and_stays_on_its_host(watched_page, voila_app):
    page, watch = watched_page
    open_app(page, voila_app)
    page.locator(".kit-clear").get_by_text(t("app.clear", "en"), exact=True).wait_for()
    page.locator(".kit-lang select").select_option(label="Deutsch")
    page.locator(".kit-clear").get_by_text(t("app.clear", "de"), exact=True).wait_for()
    page.get_by_text(t("start.intro", "de")).wait_for()
    assert page.locator(".kit-clear").get_by_text(t("app.clear", "en"), exact=True).count() == 0
    page.get_by_role("button", name=t("step.compare", "de")).click()
    page.get_by_role("button", name=t("step.start", "de")).click()
    page.get_by_text(t("start.services", "de")).wait_for()
    assert_clean(watch, voila_app)


def test_query_parameter_picks_german(watched_page, voila_app):
    page, watch = watched_page
    open_app(page, voila_app, "?lang=de")
    page.get_by_text(t("app.title", "de")).first.wait_for()
    assert page.title() == t("app.title", "de")  # not the notebook's file name
    loading = page.locator("#loading_text")
    if loading.count():  # the loading line (hidden once the app is shown) speaks German too
        assert "geladen" in loading.text_content()
    assert_clean(watch, voila_app)


def test_phone_width_has_no_horizontal_scroll(browser, voila_app):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    open_app(page, voila_app)
    page.locator(".kit-clear").get_by_text(t("app.clear", "en"), exact=True).wait_for()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 2


def test_preheated_kernel_still_learns_the_language(browser, tmp_path):
    """With --preheat the notebook runs before the request; the app waits for it to pick German."""
    import time

    from conftest import start_voila, stop_voila

    from toolkit.paths import NOTEBOOKS

    server = start_voila(NOTEBOOKS / "00-workshop.ipynb", tmp_path / "voila.log", preheat=1)
    try:
        deadline = time.monotonic() + 90
        while "is filled with 1 kernel" not in server.log() and time.monotonic() < deadline:
            time.sleep(0.2)  # wait for the pool, then the page must come from it
        page = browser.new_page()
        open_app(page, server, "?lang=de")
        page.locator(".kit-clear").get_by_text(t("app.clear", "de"), exact=True).wait_for()
        page.close()
        assert "Using pre-heated kernel" in server.log()
    finally:
        stop_voila(server)


def _kernel_pid(kernel_id: str) -> int:
    """The process of one kernel: the one holding its Unix sockets (kernel-<id>-ipc-N), or, for a
    kernel over TCP started as its own Python, the one whose command line names it."""
    import re
    from pathlib import Path

    inodes = set()
    for line in Path("/proc/net/unix").read_text().splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 8 and f"kernel-{kernel_id}-ipc" in parts[-1]:
            inodes.add(parts[6])
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if inodes:
                links = {os.readlink(fd) for fd in (proc / "fd").iterdir()}
                held = {m.group(1) for link in links if (m := re.match(r"socket:\[(\d+)\]", link))}
                if held & inodes:
                    return int(proc.name)
            elif f"kernel-{kernel_id}" in (proc / "cmdline").read_bytes().decode(errors="replace"):
                return int(proc.name)
        except OSError:
            continue
    raise AssertionError(f"no process for kernel {kernel_id}")


def test_a_dead_kernel_shows_connection_lost_and_typing_guards_the_tab(browser, voila_app):
    import json
    import os
    import signal

    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_app(page, voila_app, "?lang=de")
        page.get_by_role("button", name=t("step.objection", "de")).click()
        page.get_by_role("button", name=t("obj.next", "de")).click()
        page.get_by_label(t("obj.own_reason", "de")).fill("Fotos meiner Kinder")
        assert page.evaluate("typeof window.onbeforeunload") == "function"  # "leave the page?"
        config = json.loads(page.locator("#jupyter-config-data").text_content())
        os.kill(_kernel_pid(config["kernelId"]), signal.SIGKILL)
        banner = page.locator(".kit-connection-lost")
        banner.wait_for(timeout=60_000)
        assert "Verbindung" in banner.inner_text() and "neu" in banner.inner_text()
    finally:
        page.evaluate("window.onbeforeunload = null")
        context.close()
