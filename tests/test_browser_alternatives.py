"""Pick Slack and WhatsApp with a need in headless Chromium; see alternatives and the invitation."""

from __future__ import annotations

import pytest
from conftest import assert_clean, open_app

from toolkit import recommend
from toolkit.i18n import t, tn

pytestmark = pytest.mark.browser


def test_slack_and_whatsapp_with_a_need(watched_page, voila_app):
    page, watch = watched_page
    expected = recommend(["slack", "whatsapp"], needs=["no-phone-number"])
    open_app(page, voila_app)
    page.get_by_role("button", name=t("step.alternatives", "en")).click()
    page.get_by_text(t("alt.needs", "en")).wait_for()
    page.locator(".kit-alternatives").get_by_label("Slack", exact=True).check()
    page.locator(".kit-alternatives").get_by_label("WhatsApp", exact=True).check()
    page.get_by_label(t("need.no-phone-number", "en")).check()
    page.get_by_text(tn("alt.results", len(expected), "en")).wait_for()
    # needs rank rather than filter: wait until the top card explains the need
    page.locator(".kit-card").first.get_by_text(t("need.no-phone-number", "en")).wait_for()
    cards = page.locator(".kit-card")
    assert cards.count() == len(expected)
    assert cards.first.get_attribute("data-id") == expected.index[0]
    assert t("need.no-phone-number", "en") in cards.first.inner_text()
    invitation = page.locator(".kit-invitation textarea")
    page.wait_for_function(
        "el => el.value.length > 50",
        arg=invitation.element_handle(),
    )
    text = invitation.input_value()
    assert expected.iloc[0]["name"] in text and "Would you join me?" in text
    assert_clean(watch, voila_app)
