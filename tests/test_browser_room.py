"""Room mode in Chromium: a facilitator's view and three participants' pages on one real server.

Connected count, a poll answered by all, a countdown on every page, "need help" on the
facilitator's page, counts below the threshold hidden, and a name typed into a letter found
nowhere in the store nor in the server's log.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from conftest import PageWatch, start_voila, stop_voila, write_objection

from toolkit.i18n import t
from toolkit.paths import NOTEBOOKS
from toolkit.room.content import agenda_in
from toolkit.room.store import MIN_COUNT

pytestmark = pytest.mark.browser
CANARY = "Zyxwvut Canarynamé"
FACILITATOR = re.compile(r"^Facilitator: (\S+)$", re.M)


@pytest.fixture(scope="module")
def room_server(tmp_path_factory):
    """Its own server: opening the room here does not change the other tests' pages."""
    server = start_voila(NOTEBOOKS / "00-workshop.ipynb", tmp_path_factory.mktemp("room") / "log")
    yield server
    stop_voila(server)


def open_page(browser, url: str, viewport: tuple[int, int]):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    watch = PageWatch()
    page.on("request", lambda request: watch.requests.append(request.url))
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept())
    page.set_default_timeout(60_000)
    page.goto(url)
    return context, page, watch


def _no_overflow(page) -> None:
    """The room's bar fits the screen: nothing wider than the page, nothing off its edge."""
    off = page.evaluate(
        """() => Array.from(document.querySelectorAll('.kit-room *'))
            .filter(el => el.offsetParent && el.getBoundingClientRect().right > window.innerWidth + 1)
            .map(el => el.textContent.slice(0, 40))"""
    )
    assert off == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_room_of_three(browser, room_server):
    log = room_server.log()
    match = FACILITATOR.search(log)
    assert match, log[-2000:]
    facilitator_url = match.group(1)
    assert "#key=" in facilitator_url and "kit-room/facilitator" in facilitator_url

    # Without the key: the facilitator's view is not shown, nor its data.
    context, stranger, _ = open_page(browser, facilitator_url.split("#")[0], (1280, 800))
    assert stranger.locator("#kit-connected").count() == 0
    assert stranger.request.get(room_server.url + "kit-room/facilitator/api").status == 403
    context.close()

    fctx, fac, fwatch = open_page(browser, facilitator_url, (1280, 800))
    fac.wait_for_selector("#kit-connected")
    assert "#key" not in fac.url  # the key left the address bar (it may be on a projector)
    assert fac.locator(".kit-join svg").count() == 1

    people = []
    for n, (viewport, lang) in enumerate(
        [((375, 812), "de"), ((1280, 800), "en"), ((375, 812), "en")]
    ):
        context, page, watch = open_page(browser, room_server.url + f"?lang={lang}", viewport)
        page.wait_for_selector(".kit-app", state="visible", timeout=120_000)
        people.append((context, page, watch, lang, n))
    fac.wait_for_function(
        "document.getElementById('kit-connected').textContent === '3'", timeout=60_000
    )

    # A letter with a name in it: counted (below the threshold: not shown), the name nowhere.
    assert CANARY in write_objection(people[1][1], CANARY)
    fac.locator(".kit-count").first.wait_for(timeout=30_000)
    counts = fac.locator("#kit-counts").inner_text()
    assert t("room.f.counts.few", "en", n=MIN_COUNT) in counts
    assert not re.search(r"\t1\b|\s1$", counts)

    # A time box: every participant's page shows it, in its own language.
    fac.get_by_role("button", name=re.compile(re.escape(agenda_in("en")[2]["label"]))).click()
    for _context, page, _watch, lang, _n in people:
        clock = page.locator(".kit-room-clock")
        clock.wait_for(timeout=20_000)
        assert agenda_in(lang)[2]["label"] in clock.inner_text()
        assert re.search(r"2[45]:\d\d", clock.inner_text())
    # The app's own language switch: the room follows it.
    page = people[0][1]
    page.locator(".kit-lang select").select_option(label="English")
    page.locator(".kit-room-clock", has_text=agenda_in("en")[2]["label"]).wait_for(timeout=20_000)

    # A poll: asked, answered by all, the result on the projector.
    fac.fill("#kit-poll-question", "Which platform first?")
    fac.fill("#kit-poll-option-1", "Mastodon")
    fac.fill("#kit-poll-option-2", "Signal")
    fac.fill("#kit-poll-option-3", "Matrix")
    fac.click("#kit-poll-ask")
    for _context, page, _watch, _lang, n in people:
        page.get_by_role("button", name=["Mastodon", "Signal", "Signal"][n]).click()
        page.locator(".kit-room-change").wait_for()
    fac.wait_for_function(
        f"document.getElementById('kit-poll-now').textContent.includes({t('room.f.poll.answers', 'en', n=3)!r})",
        timeout=20_000,
    )
    results = fac.locator(".kit-poll-result").all_inner_texts()
    assert results == ["Mastodon: 1", "Signal: 2", "Matrix: 0"]

    # Need help, with a seat: on the facilitator's page.
    page = people[0][1]
    assert not page.locator(".kit-room-seat").is_visible()  # asked for only with a signal
    page.locator(".kit-room-help").click()
    page.locator(".kit-room-seat").fill("Reihe 2")
    page.locator(".kit-room-seat").press("Tab")
    fac.locator(".kit-seat-help", has_text="Reihe 2").wait_for(timeout=20_000)
    assert fac.locator("#kit-help-count").inner_text() == "1"
    assert t(
        "room.p.help.sent", "en"
    )  # switched to English above in page.locator(".kit-room").inner_text()
    for _context, page, _watch, _lang, _n in people:
        _no_overflow(page)

    # The address book: only who ticked is in it; another participant takes it home as the CSV
    # Mastodon imports.
    for n in (1, 2):
        people[n][1].get_by_role("button", name=t("step.alternatives", "en")).click()
    sharer, taker = people[1][1], people[2][1]
    sharer.get_by_label(t("room.book.field.address", "en")).fill("@anna@mastodon.social")
    sharer.get_by_role("button", name=t("room.book.share", "en")).click()
    sharer.get_by_text(t("room.book.need_consent", "en")).wait_for()
    sharer.get_by_label(t("room.book.consent", "en")).check()
    sharer.get_by_role("button", name=t("room.book.share", "en")).click()
    sharer.get_by_text(t("room.book.shared", "en", n=1)).wait_for()
    taker.get_by_role("button", name=t("room.book.fetch", "en")).click()
    with taker.expect_download() as download:
        taker.get_by_role("link", name=t("room.book.dl.csv", "en")).click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert rows == [
        {
            "Account address": "anna@mastodon.social",
            "Show boosts": "true",
            "Notify on new posts": "false",
            "Languages": "",
        }
    ]
    fac.locator("#kit-addresses", has_text="1").wait_for(timeout=10_000)

    # What the store holds: no name, no letter text; and nothing of it in the server's log.
    held = fac.evaluate(
        "fetch('facilitator/api?all=1', {credentials: 'same-origin'}).then(r => r.text())"
    )
    assert "letter" in held and "Reihe 2" in held
    assert CANARY not in held and "Canary" not in held
    assert CANARY not in room_server.log()

    # End of the workshop: wiped, and the participants' pages drop the room.
    fac.click("#kit-wipe")
    fac.locator("#kit-wiped", has_text=t("room.f.wiped", "en")).wait_for()
    for _context, page, _watch, _lang, _n in people:
        page.locator(".kit-room").wait_for(state="detached", timeout=20_000)
    held = fac.evaluate("fetch('facilitator/api?all=1').then(r => r.json())")
    assert held["counts"] == [] and held["signals"] == [] and held["poll"] is None
    assert held["addresses"] == []
    taker.get_by_role("button", name=t("room.book.fetch", "en")).click()
    taker.get_by_text(t("room.book.empty", "en")).wait_for()  # empty after the workshop

    for context, _page, watch, _lang, _n in people:
        assert watch.foreign_requests(room_server.url) == [] and watch.page_errors == []
        context.close()
    assert fwatch.foreign_requests(room_server.url) == [] and fwatch.page_errors == []
    fctx.close()
