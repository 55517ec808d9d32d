"""The door: opened without the access code, the app says how to join (in German and English, or
in the language of the address or the browser, with English below) instead of Jupyter's login
page, and the code pasted there lets the participant in."""

from __future__ import annotations

import pytest
from conftest import start_voila, stop_voila

from toolkit.i18n import t
from toolkit.paths import NOTEBOOKS

pytestmark = pytest.mark.browser
TOKEN = "door-test-token-7f3a"


@pytest.fixture(scope="module")
def guarded_app(tmp_path_factory):
    log = tmp_path_factory.mktemp("door") / "voila.log"
    server = start_voila(NOTEBOOKS / "00-workshop.ipynb", log, token=TOKEN)
    yield server
    stop_voila(server)


def test_without_the_code_the_door_explains_and_the_pasted_code_opens_the_app(browser, guarded_app):
    base = guarded_app.url.split("?")[0]
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.set_default_timeout(60_000)
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if base.split("/")[2] not in r.url else None)
    try:
        response = page.goto(base + "?lang=de")
        assert response.ok
        text = page.inner_text("body")
        assert "Dem Datenschutz-Workshop beitreten" in text and "Join the privacy workshop" in text
        assert "Jupyter" not in text and "jupyter server list" not in text
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.get_by_label("Zugangscode · Access code").fill(TOKEN)
        page.get_by_role("button", name="Beitreten · Join").click()
        page.wait_for_selector(".kit-app", state="visible", timeout=90_000)
        page.get_by_text(t("app.title", "de")).first.wait_for()  # the language came along
        assert "Blocking Cross Origin" not in guarded_app.log()
        assert [u for u in foreign if not u.startswith(("data:", "blob:", "about:"))] == []
    finally:
        context.close()


def test_a_wrong_code_stays_at_the_door(browser, guarded_app):
    base = guarded_app.url.split("?")[0]
    page = browser.new_page()
    try:
        page.goto(base)
        page.get_by_label("Zugangscode · Access code").fill("wrong")
        page.get_by_role("button", name="Beitreten · Join").click()
        page.get_by_text("Join the privacy workshop").wait_for()
        assert page.locator(".kit-app").count() == 0
    finally:
        page.close()


@pytest.mark.parametrize(
    ("how", "title", "code", "join"),
    [
        (
            "?lang=it",
            "Partecipa al workshop sulla privacy",
            "Codice di accesso · Access code",
            "Entra · Join",
        ),
        (
            "browser:pl-PL",
            "Dołącz do warsztatu prywatności",
            "Kod dostępu · Access code",
            "Dołącz · Join",
        ),
    ],
)
def test_the_door_speaks_the_address_or_browser_language_with_english_below(
    browser, guarded_app, how, title, code, join
):
    base = guarded_app.url.split("?")[0]
    locale = how.split(":")[1] if how.startswith("browser:") else "en-US"
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale=locale)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(base + (how if how.startswith("?") else ""))
        page.get_by_text(title).wait_for()
        text = page.inner_text("body")
        assert "Join the privacy workshop" in text
        assert "Dem Datenschutz-Workshop beitreten" not in text
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.get_by_label(code).fill(TOKEN)
        page.get_by_role("button", name=join).click()
        page.wait_for_selector(".kit-app", state="visible", timeout=90_000)
        if "lang=it" in how:  # the address's language came along into the app
            page.get_by_text(t("app.title", "it")).first.wait_for()
    finally:
        context.close()
