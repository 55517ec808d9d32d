"""Every interface language on every step, on a phone: switched with the app's own menu.

At 375 x 812 px a participant opens the app, ticks Facebook and LinkedIn and, on each step, switches through
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
# screen's right edge. Tables scroll sideways in their own box and are left out; every other box
# of the page (ipywidgets' boxes and Voila's output area scroll too) hides what runs past the edge,
# so being inside one does not excuse it.
PROBE = """() => {
  const out = [];
  // Tables scroll sideways in their own box; nothing else may reach past the edge.
  const inScroller = (el) => el.closest('table') !== null;
  for (const el of document.querySelectorAll('.kit-app *')) {
    // form controls and buttons count as a whole; other elements by their innermost text
    const control = ['SELECT', 'TEXTAREA', 'INPUT', 'BUTTON'].includes(el.tagName);
    if (!el.offsetParent || (!control && (!el.textContent.trim() || el.children.length > 0))) continue;
    if (el.tagName === 'INPUT' && ['checkbox', 'radio', 'hidden'].includes(el.type)) continue;
    const cs = getComputedStyle(el), r = el.getBoundingClientRect();
    const text = (control ? el.tagName + ' ' + (el.getAttribute('aria-label') || el.textContent || el.placeholder || el.value || '') : el.textContent).trim().slice(0, 60);
    const cut = cs.overflowX === 'hidden' || cs.textOverflow === 'ellipsis' || cs.overflow === 'hidden';
    if (el.tagName === 'INPUT' && el.type === 'date' && r.width < 7 * parseFloat(cs.fontSize)) out.push('date cut: ' + text);
    else if (el.scrollWidth > el.clientWidth + 2 && el.clientWidth > 0 && cut) out.push('clipped: ' + text);
    else if (r.right > window.innerWidth + 1 && r.width > 0 && !inScroller(el)) out.push('off-screen: ' + text);
  }
  // a platform's facts: each value under its own name (floated names once sent values astray)
  for (const dt of document.querySelectorAll('.kit-app .kit-facts dt')) {
    const dd = dt.nextElementSibling;
    if (dd && dd.tagName === 'DD' && dt.offsetParent && dd.getBoundingClientRect().top < dt.getBoundingClientRect().bottom - 1)
      out.push('fact beside its name: ' + dt.textContent.trim().slice(0, 40));
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
    page.get_by_label("LinkedIn", exact=True).check()  # its setting's long address is in the plan
    checked = 0
    for step in WorkshopApp.STEPS:
        page.locator(".kit-nav").get_by_role("button", name=t(f"step.{step}", "en")).click()
        if step == "alternatives":  # the first platform is open; compare two: all facts checked
            page.locator(".kit-facts:visible").first.wait_for(timeout=30_000)
            compare = page.locator(".kit-alt-compare select:visible")
            compare.select_option(index=list(range(min(2, compare.locator("option").count()))))
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
            assert problems == [], (step, lang, problems[:8])
            checked += 1
    context.close()
    assert errors == []
    assert checked == len(WorkshopApp.STEPS) * len(LANGS)
