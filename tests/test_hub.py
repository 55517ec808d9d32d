"""JupyterHub: two participants at once, each on their own server landing on the app."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from conftest import PageWatch, write_objection

from toolkit.i18n import t
from toolkit.paths import ROOT
from toolkit.room.store import MIN_COUNT
from tools.harness import start_hub, stop_process

pytestmark = pytest.mark.browser
HUB = ROOT / "deploy" / "jupyterhub"
CANARY = "Zyxwvut Canarynamé"


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    if not (HUB / "node_modules" / ".bin" / "configurable-http-proxy").exists():
        pytest.fail("configurable-http-proxy is missing: `make hub-deps` installs it (npm)")
    state = tmp_path_factory.mktemp("hub")
    env = {
        # Long enough for both sign-ins and letters on a busy CI machine: a server reports no
        # activity to the hub in its first minutes, so a shorter timeout culls it mid-test.
        "HUB_CULL_TIMEOUT": "75",
        "HUB_CULL_EVERY": "5",
    }
    try:
        process, url = start_hub(state, env)
    except RuntimeError as error:
        pytest.fail(f"the hub did not start: {error}")
    yield url, state / "hub.log"
    stop_process(process, timeout=30)


def _sign_in(browser, url: str):
    context = browser.new_context()
    page = context.new_page()
    watch = PageWatch()
    page.on("request", lambda request: watch.requests.append(request.url))
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.set_default_timeout(120_000)
    page.goto(url + "hub/login")
    page.wait_for_selector(".kit-app", state="visible", timeout=180_000)
    user = re.search(r"/user/([^/]+)/", page.url).group(1)
    return context, page, watch, user


def test_the_room_through_the_hub_service(browser, hub):
    """Room mode when every participant has a server of their own: the store is the hub's
    `room` service; two participants, the facilitator's view at /services/room/facilitator."""
    url, log = hub
    state = Path(log).parent
    facilitator_url = (state / "facilitator-url.txt").read_text().strip()
    assert oct((state / "facilitator-url.txt").stat().st_mode & 0o777) == "0o600"
    assert (
        facilitator_url.startswith(url + "services/room/facilitator") and "#key=" in facilitator_url
    )
    assert f"Facilitator: {facilitator_url}" in Path(log).read_text()
    fctx = browser.new_context()
    fac = fctx.new_page()
    fac.set_default_timeout(60_000)
    fac.goto(facilitator_url)
    fac.wait_for_selector("#kit-connected")
    people = [_sign_in(browser, url) for _ in range(2)]
    fac.wait_for_function(
        "document.getElementById('kit-connected').textContent === '2'", timeout=90_000
    )
    assert CANARY in write_objection(people[0][1], CANARY)
    fac.locator(".kit-count").first.wait_for(timeout=30_000)  # counted by the kernel, hidden
    assert t("room.f.counts.few", "en", n=MIN_COUNT) in fac.locator("#kit-counts").inner_text()
    fac.locator("#kit-timer-minutes").fill("7")
    fac.click("#kit-timer-start")
    fac.click("#kit-quiz-ask")
    for _context, page, _watch, _user in people:
        page.locator(".kit-room-clock").wait_for(timeout=20_000)
        assert re.search(r"[67]:\d\d", page.locator(".kit-room-clock").inner_text())
        page.locator(".kit-room-option").first.click()
        page.locator(".kit-room-change").wait_for()
    fac.wait_for_function(
        f"document.getElementById('kit-poll-now').textContent.includes({t('room.f.poll.answers', 'en', n=2)!r})",
        timeout=20_000,
    )
    people[1][1].locator(".kit-room-help").click()
    fac.locator(".kit-seat-help").wait_for(timeout=20_000)
    held = fac.evaluate("fetch('facilitator/api?all=1').then(r => r.text())")
    assert "letter" in held and CANARY not in held
    assert CANARY not in Path(log).read_text()
    for context, _page, watch, _user in people:
        assert watch.foreign_requests(url) == [] and watch.page_errors == []
        context.close()
    fctx.close()


def test_two_participants_separate_servers_and_culling(browser, hub):
    url, log = hub
    one = _sign_in(browser, url)
    two = _sign_in(browser, url)
    assert one[3] != two[3]
    assert "cdnjs" not in one[1].content()
    for _context, page, _watch, user in (one, two):
        assert f"/user/{user}/voila/render/00-workshop.ipynb" in page.url
        page.get_by_role("button", name=t("step.objection", "en")).click()
        for _ in range(2):
            page.get_by_role("button", name=t("obj.next", "en")).click()
        page.get_by_label(t("obj.name", "en")).fill(f"Participant {user}")
        page.get_by_role("button", name=t("obj.next", "en")).click()
        page.locator(".kit-letter").wait_for()
        assert f"Participant {user}" in page.locator(".kit-letter").inner_text()
    # neither can open the other's server; JupyterLab and terminals are not there
    page = one[1]
    other = page.goto(url + f"user/{two[3]}/voila/render/00-workshop.ipynb")
    assert other.status == 403
    for path in ("lab", "tree", "terminals/1", "api/terminals"):
        response = page.goto(url + f"user/{one[3]}/{path}")
        assert response.status in (403, 404), path
    for _context, _page, watch, _user in (one, two):
        assert watch.foreign_requests(url) == [] and watch.page_errors == []
    one[0].close()
    two[0].close()
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        text = Path(log).read_text()
        if all(
            f"Culling server {user}" in text or f"Culling user {user}" in text
            for user in (one[3], two[3])
        ):
            break
        time.sleep(1)
    text = Path(log).read_text()
    assert all(
        f"Culling server {u}" in text or f"Culling user {u}" in text for u in (one[3], two[3])
    ), text[-2000:]
