"""Walk the objection wizard in headless Chromium and read the downloads back."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from conftest import assert_clean, open_app

from toolkit import data
from toolkit.i18n import t
from toolkit.letters.spec import channels_for

pytestmark = pytest.mark.browser


def _service_with_email() -> tuple[str, str]:
    """A service whose objection can go by e-mail (the .eml draft needs a To: address)."""
    for sid, record in sorted(data.records("services").items()):
        if "objection-ai" in record["letters"]["kinds"] and "email" in channels_for(
            "objection-ai", record
        ):
            return sid, record["name"]
    pytest.fail("no service record with an objection by e-mail in data/services/")


def test_wizard_to_downloaded_eml_and_txt(watched_page, voila_app, tmp_path):
    page, watch = watched_page
    service_id, service_name = _service_with_email()
    open_app(page, voila_app)
    page.get_by_role("button", name=t("step.objection", "en")).click()
    page.get_by_label(t("obj.service", "en"), exact=True).select_option(label=service_name)
    page.get_by_label(t("obj.kind", "en")).select_option(label=t("kind.objection-ai", "en"))
    page.get_by_label(t("obj.letter_lang", "en")).select_option(
        label="Deutsch"
    )  # not the page's language
    page.get_by_label(t("obj.channel", "en")).select_option(label=t("channel.email", "en"))
    page.get_by_role("button", name=t("obj.next", "en")).click()
    page.get_by_text(t("obj.grounds.intro", "en")).wait_for()
    page.get_by_label("My own privacy and data protection").check()
    page.get_by_role("button", name=t("obj.next", "en")).click()
    name = "Zoë <b>Test</b> {{ 7*7 }}"
    page.get_by_label(t("obj.name", "en")).fill(name)
    page.get_by_label(t("obj.email", "en"), exact=True).fill("zoe@example.org")
    page.get_by_role("button", name=t("obj.next", "en")).click()
    preview = page.locator(".kit-letter")
    preview.wait_for()
    assert name in preview.inner_text()  # shown literally, not as markup
    assert page.locator(".kit-letter b").count() == 0
    files: dict[str, Path] = {}
    for label in (t("obj.dl.eml", "en"), t("obj.dl.txt", "en")):
        with page.expect_download() as info:
            page.get_by_role("link", name=label).click()
        download = info.value
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        files[target.suffix] = target
    assert files[".eml"].name == f"objection-ai-{service_id}-de.eml"
    message = email.message_from_bytes(files[".eml"].read_bytes(), policy=email.policy.default)
    assert service_name in message["Subject"] and "Widerspruch" in message["Subject"]
    assert message["From"].addresses[0].addr_spec == "zoe@example.org"
    body = message.get_content()
    assert "Art. 21 Abs. 1 DSGVO" in body and name in body
    text = files[".txt"].read_text(encoding="utf-8")
    assert text.startswith(message["Subject"]) and name in text
    assert_clean(watch, voila_app)
