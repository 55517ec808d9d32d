"""Every interface language on every step, on a phone: switched with the app's own menu.

At 375 x 812 px a participant opens the app, ticks Facebook and, on each step, switches through
every language: each time the step's text must be in that language, nothing clipped or off the
screen's edge, no error (issue #20: "a Chromium test switches through all languages on every
step at 375 px with no clipped text").
"""

from __future__ import annotations

import re

import pytest
from conftest import open_app

from toolkit.i18n import LANG_NAMES, LANGS, t
from toolkit.ui import WorkshopApp

pytestmark = pytest.mark.browser
ERROR = re.compile(r"something went wrong|traceback|traiterror|keyerror|valueerror", re.I)
# Leaf elements whose text does not fit their box (cut off, or an ellipsis), or that reach past the
# screen's right edge (tables scroll sideways in their own box, and are left out).
PROBE = """() => {
  const out = [];
  const inScroller = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  for (const el of document.querySelectorAll('.kit-app *')) {
    if (!el.offsetParent || !el.textContent.trim() || el.children.length > 0) continue;
    const cs = getComputedStyle(el), r = el.getBoundingClientRect();
    const text = el.textContent.trim().slice(0, 60);
    const cut = cs.overflowX === 'hidden' || cs.textOverflow === 'ellipsis' || cs.overflow === 'hidden';
    if (el.scrollWidth > el.clientWidth + 2 && el.clientWidth > 0 && cut) out.push('clipped: ' + text);
    else if (r.right > window.innerWidth + 1 && r.width > 0 && !inScroller(el)) out.push('off-screen: ' + text);
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 2) out.push('page wider than the screen');
  return out;
}"""


def test_every_language_on_every_step_fits_a_phone(browser, voila_app):
    assert len(LANGS) >= 2
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_app(page, voila_app, "?lang=en")
    page.get_by_label("Facebook", exact=True).check()
    checked = 0
    for step in WorkshopApp.STEPS:
        page.locator(".kit-nav").get_by_role("button", name=t(f"step.{step}", "en")).click()
        for lang in (*LANGS[1:], "en"):
            page.locator(".kit-lang select").select_option(label=LANG_NAMES[lang])
            nav = page.locator(".kit-nav").get_by_role("button", name=t(f"step.{step}", lang))
            nav.wait_for(timeout=30_000)
            page.locator(".kit-clear").get_by_text(t("app.clear", lang), exact=True).wait_for()
            page.wait_for_timeout(300)  # the step's own redraw after the shell's
            text = page.locator(".kit-app").inner_text()
            assert not ERROR.search(text), (step, lang, text[:300])
            assert page.locator(".kit-msg-error").count() == 0, (step, lang)
            problems = page.evaluate(PROBE)
            assert problems == [], (step, lang, problems[:5])
            checked += 1
    context.close()
    assert errors == []
    assert checked == len(WorkshopApp.STEPS) * len(LANGS)
