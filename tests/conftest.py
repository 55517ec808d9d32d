"""Shared fixtures: a real Voila server with the repository's configuration, and Chromium."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from toolkit.paths import NOTEBOOKS
from toolkit.server import ServeOptions
from tools import harness
from tools.harness import CHROMIUM, CHROMIUM_ARGS, free_port, stop_process

APP_READY = ".kit-app"  # the workshop app's outer box, present once widgets rendered


@dataclass
class VoilaServer:
    """A running Voila process serving one notebook."""

    url: str
    process: subprocess.Popen
    log_path: Path
    extra: dict = field(default_factory=dict)

    def log(self) -> str:
        """Everything the server printed so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def start_voila(notebook: Path, log_path: Path, **options) -> VoilaServer:
    """Start Voila with the kit's configuration and wait until it answers."""
    opts = ServeOptions(port=free_port(), notebook=notebook, **options)
    process, url = harness.start_voila(opts, log_path)
    return VoilaServer(url=url, process=process, log_path=log_path)


def stop_voila(server: VoilaServer) -> None:
    """Stop the server and wait for it."""
    stop_process(server.process)


@pytest.fixture(scope="session")
def voila_app(tmp_path_factory) -> Iterator[VoilaServer]:
    """The workshop app (00-workshop.ipynb) served as `make serve` serves it."""
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    server = start_voila(NOTEBOOKS / "00-workshop.ipynb", log)
    yield server
    stop_voila(server)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@dataclass
class PageWatch:
    """What a page did: every request URL, console errors, page errors and dialogs."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_requests(self, server_url: str) -> list[str]:
        """Requests to any host other than the server (data: and blob: URLs are local)."""
        own = urlsplit(server_url).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).netloc != own
        ]


@pytest.fixture
def watched_page(browser, voila_app):
    """A fresh browser context and page whose requests and errors are recorded."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = PageWatch()
    page.on("request", lambda request: watch.requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            watch.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))

    def on_dialog(dialog) -> None:
        watch.dialogs.append(dialog.message)
        with contextlib.suppress(Exception):
            dialog.dismiss()

    page.on("dialog", on_dialog)
    page.set_default_timeout(60_000)
    yield page, watch
    context.close()


def open_app(page, server: VoilaServer, query: str = "") -> None:
    """Open the app and wait until its widgets are on screen."""
    page.goto(server.url + query)
    page.wait_for_selector(APP_READY, state="visible", timeout=90_000)


def assert_clean(watch: PageWatch, server: VoilaServer) -> None:
    """No request to another host, no uncaught error, no dialog."""
    assert watch.foreign_requests(server.url) == []
    assert watch.page_errors == []
    assert watch.dialogs == []
    assert watch.console_errors == []


def write_objection(page, name: str, lang: str = "en") -> str:
    """From the app's first page: the default objection with `name` as sender, to the preview;
    returns the letter's text."""
    from toolkit.i18n import t

    page.get_by_role("button", name=t("step.objection", lang)).click()
    for _ in range(2):
        page.get_by_role("button", name=t("obj.next", lang)).click()
    page.get_by_label(t("obj.name", lang)).fill(name)
    page.get_by_role("button", name=t("obj.next", lang)).click()
    page.locator(".kit-letter").wait_for()
    return page.locator(".kit-letter").inner_text()
