"""The objection wizard driven in plain pytest, as a participant would click through it."""

from __future__ import annotations

import base64
import email
import email.policy
import re
from datetime import date

import pytest

from toolkit import data
from toolkit.i18n import t
from toolkit.paths import ROOT
from toolkit.ui import WorkshopApp

FIXTURES = ROOT / "tests" / "fixtures" / "data"


@pytest.fixture
def app():
    data.use_data_dir(FIXTURES)
    app = WorkshopApp()
    app.show("objection")
    yield app
    data.use_data_dir(None)


def downloads(html: str) -> dict[str, bytes]:
    """file name -> bytes of every data: download link in an HTML string."""
    found = re.findall(
        r'download="([^"]+)" href="data:[^;]+(?:;charset=utf-8)?;base64,([^"]+)"', html
    )
    return {name: base64.b64decode(payload) for name, payload in found}


def test_wizard_walks_to_a_downloadable_letter(app):
    view = app.views["objection"]
    view.service.value = "example-social"
    view.kind.value = "objection-ai"
    view.letter_lang.value = "de"
    view.channel.value = "email"
    view.next.click()
    view.reasons["own-privacy"].value = True
    view.others.value = True
    view.next.click()
    view.name.value = "Jörg <b>Test</b>"
    view.email.value = "joerg@example.org"
    view.next.click()
    assert view._step == 3, view.messages.value
    assert "Jörg &lt;b&gt;Test&lt;/b&gt;" in view.preview.value  # escaped where shown
    assert "<b>Test</b>" not in view.preview.value
    files = downloads(view.downloads.value)
    assert set(files) == {
        "objection-ai-example-social-de.txt",
        "objection-ai-example-social-de.eml",
        "objection-ai-example-social-de.ics",
    }
    message = email.message_from_bytes(
        files["objection-ai-example-social-de.eml"], policy=email.policy.default
    )
    assert message["To"].addresses[0].addr_spec == "privacy@social.example"
    assert "Widerspruch" in message["Subject"]
    assert app.session.letters[0]["kind"] == "objection-ai"
    assert "Jörg" not in str(app.session.letters)  # the session keeps no personal data


def test_missing_name_is_marked_next_to_the_field(app):
    view = app.views["objection"]
    view.service.value = "example-social"
    view.go(3)
    assert view._step == 2
    assert t("err.required", "en") in view.errors["name"].value
    view.email.value = "not-an-address"
    view.name.value = "Eve"
    view.next.click()
    assert t("err.not-an-email", "en") in view.errors["email"].value


def test_form_channel_gives_copy_blocks_and_checklist(app):
    view = app.views["objection"]
    view.service.value = "example-social"
    view.channel.value = "form"
    view.name.value = "Eve"
    view.account_email.value = "eve@example.org"
    view.others.value = True
    view.go(3)
    texts = [
        w.value
        for w in view.blocks.children
        if hasattr(w, "rows") or w.__class__.__name__ == "Textarea"
    ]
    assert "eve@example.org" in texts
    assert any("Art. 21" in text for text in texts)
    assert "https://social.example/objection" in view.downloads.value
    assert t("obj.check.each", "en") in view.downloads.value


def test_follow_up_and_complaint_ask_for_history(app):
    view = app.views["objection"]
    view.service.value = "example-social"
    view.kind.value = "complaint"
    assert view.sent_on in view._pages["grounds"].children
    assert view.authority.value == "xx-dpa"
    view.sent_on.value = date(2026, 1, 2)
    view.name.value = "Eve"
    view.email.value = "eve@example.org"
    view.go(3)
    assert view._step == 3
    assert "Example Data Protection Authority" in view.preview.value
    assert ".pdf" in view.downloads.value


def test_clear_my_data_empties_every_field(app):
    view = app.views["objection"]
    view.name.value = "Eve"
    view.email.value = "eve@example.org"
    view.own_reason.value = "secret"
    view.reset_button.click()
    assert (view.name.value, view.email.value, view.own_reason.value) == ("", "", "")
    assert view.letter is None and view._step == 0


def test_interface_language_relabels_but_keeps_letter_language(app):
    view = app.views["objection"]
    view.letter_lang.value = "en"
    app.session.lang = "de"
    assert view.name.description == t("obj.name", "de")
    assert view.letter_lang.value == "en"
    label, kind = view.kind.options[0]
    assert label == t("kind." + kind, "de")


def test_start_page_picks_come_first(app):
    app.session.services = ["example-chat"]
    app.show("objection")
    assert app.views["objection"].service.options[0][1] == "example-chat"


def test_member_who_is_not_owner_gets_the_message_for_the_owner(app):
    view = app.views["objection"]
    view.service.value = "example-chat"
    view.kind.value = "admin-optout"
    view.is_owner.value = False
    assert [value for _, value in view.channel.options] == ["message"]
    view.workspace_url.value = "https://team.chat.example"
    view.name.value = "Bo"
    view.go(3)
    assert view._step == 3, view.messages.value
    assert view.letter.channel == "message" and "feedback@chat.example" in view.letter.body
