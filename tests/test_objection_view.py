"""The objection wizard driven in plain pytest, as a participant would click through it."""

from __future__ import annotations

import email
import email.policy
from datetime import date

import pytest
from ipywidgets import VBox
from markupsafe import escape

from toolkit import data
from toolkit.i18n import t
from toolkit.letters.spec import SPECS
from toolkit.paths import ROOT
from toolkit.ui import WorkshopApp
from toolkit.wizard import State

FIXTURES = ROOT / "tests" / "fixtures" / "data"


@pytest.fixture
def app():
    data.use_data_dir(FIXTURES)
    app = WorkshopApp()
    app.show("objection")
    app.views["objection"].control("service").value = "example-social"
    yield app
    data.use_data_dir(None)


def downloads(widget) -> dict[str, bytes]:
    """file name -> bytes of every download link the widget shows, made as a click makes them."""
    return widget.files()


def errors_shown(view) -> dict[str, str]:
    """field -> error text shown next to it, for the fields on the visible step."""
    page = view.pages[view.wizard.step]
    return {
        name: box.error.value
        for name, box in getattr(page, "fields", {}).items()
        if box.error.value and box in page.children
    }


def test_wizard_walks_to_a_downloadable_letter(app):
    view = app.views["objection"]
    view.control("service").value = "example-social"
    view.control("kind").value = "objection-ai"
    view.control("letter_lang").value = "de"
    view.control("channel").value = "email"
    view.next.click()
    view.reason_boxes["own-privacy"].value = True
    view.reason_boxes["others-in-posts"].value = True
    view.next.click()
    view.control("name").value = "Jörg <b>Test</b>"
    view.control("email").value = "joerg@example.org"
    view.next.click()
    assert view.wizard.step == "preview", view.messages.value
    assert view.wizard.states == [State.CONFIGURED] * 3 + [State.SUCCESS]
    assert "Jörg &lt;b&gt;Test&lt;/b&gt;" in view.preview.value  # escaped where shown
    assert "<b>Test</b>" not in view.preview.value
    files = downloads(view.downloads)
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


def test_next_marks_every_error_of_the_visible_step_at_once(app):
    view = app.views["objection"]
    view.next.click()  # service -> grounds
    view.next.click()  # grounds -> details
    view.control("email").value = "not-an-address"
    view.control("account_url").value = "javascript:alert(1)"
    view.next.click()
    assert view.wizard.step == "details"
    shown = errors_shown(view)
    assert set(shown) == {"name", "email", "account_url"}
    assert t("err.required", "en") in shown["name"]
    assert t("err.not-an-email", "en") in shown["email"]
    assert t("obj.fix", "en") in view.messages.value
    view.control("name").value = "Eve"  # fixing a field clears its own mark
    assert "name" not in errors_shown(view)


def test_step_two_refuses_to_go_on_with_the_required_date_empty(app):
    view = app.views["objection"]
    view.control("kind").value = "follow-up"
    view.next.click()
    assert view.wizard.step == "grounds"
    view.next.click()
    assert view.wizard.step == "grounds"  # not on to the details with the date empty
    assert set(errors_shown(view)) == {"sent_on"}
    view.control("sent_on").value = date(2026, 1, 2)
    view.next.click()
    assert view.wizard.step == "details" and errors_shown(view) == {}


def test_an_error_never_points_at_a_hidden_step(app):
    view = app.views["objection"]
    view.control("kind").value = "complaint"
    view.wizard.go(3)  # jump: the first incomplete step is shown with its errors
    assert view.wizard.step == "grounds"
    assert set(view.wizard.errors) <= set(SPECS["complaint"].grounds)
    assert set(errors_shown(view)) == set(view.wizard.errors) == {"sent_on"}


def test_form_channel_gives_copy_blocks_and_checklist(app):
    view = app.views["objection"]
    view.control("service").value = "example-social"
    view.control("channel").value = "form"
    view.next.click()
    view.reason_boxes["others-in-posts"].value = True
    view.next.click()
    view.control("name").value = "Eve"
    view.control("account_email").value = "eve@example.org"
    view.next.click()
    texts = [box.children[1].value for box in view.blocks.children if isinstance(box, VBox)]
    assert "eve@example.org" in texts
    assert any("Art. 21" in text for text in texts)
    assert "https://social.example/objection" in view.downloads.value
    assert t("obj.check.each", "en") in view.downloads.value


def test_complaint_asks_for_history_and_goes_to_the_authority(app):
    view = app.views["objection"]
    view.control("service").value = "example-social"
    view.control("kind").value = "complaint"
    view.next.click()
    assert view.control("authority").value == "xx-dpa"
    view.control("sent_on").value = date(2026, 1, 2)
    view.next.click()
    view.control("name").value = "Eve"
    view.control("email").value = "eve@example.org"
    view.next.click()
    assert view.wizard.step == "preview"
    assert "Example Data Protection Authority" in view.preview.value
    assert ".pdf" in view.downloads.value
    # the reminder is the authority's three months (Art. 78(2)), not a company's answer
    assert "Art. 78(2)" in view.downloads.value
    assert t("obj.check.remind", "en").split(":")[0] in view.downloads.value
    assert "the answer is due by" not in view.downloads.value


def test_language_switch_keeps_the_authority_chosen(app):
    view = app.views["objection"]
    view.control("kind").value = "complaint"
    view.next.click()
    other = next(a for a in view.form.authorities if a != "xx-dpa")
    view.control("authority").value = other
    app.session.lang = "de"
    assert view.control("authority").value == other
    assert view.form.authority == other
    app.session.lang = "en"
    assert view.form.authority == other


def test_no_shortening_notice_without_a_cut_field(app):
    view = app.views["objection"]
    view.control("kind").value = "complaint"
    view.next.click()
    view.control("sent_on").value = date.today()  # the company's month has not passed
    view.next.click()
    view.control("name").value = "Eve"
    view.control("email").value = "eve@example.org"
    view.next.click()
    assert view.wizard.step == "preview"
    assert str(escape(t("notice.deadline-not-passed", "en"))) in view.preview.value
    assert "shortened" not in view.preview.value + view.messages.value
    assert "deadline-not-passed" not in view.preview.value  # never an id


def test_a_cut_field_is_named_by_its_label(app):
    view = app.views["objection"]
    view.next.click()
    view.control("own_reason").value = "x" * 5000
    view.next.click()
    view.control("name").value = "Eve"
    view.next.click()
    expected = t("notice.cut", "en", field=t("obj.own_reason", "en"))
    assert str(escape(expected)) in view.preview.value
    assert "own_reason" not in view.preview.value


def test_clear_my_data_empties_every_field(app):
    view = app.views["objection"]
    view.next.click()
    view.control("own_reason").value = "secret"
    view.next.click()
    view.control("name").value = "Eve"
    view.control("email").value = "eve@example.org"
    view.reset_button.click()
    assert (view.form.name, view.form.email, view.form.own_reason) == ("", "", "")
    assert view.form.letter is None and view.wizard.step == "service"
    view.wizard.go(2)
    assert view.control("name").value == ""


def test_interface_language_relabels_but_keeps_every_value(app):
    view = app.views["objection"]
    view.control("letter_lang").value = "en"
    view.control("kind").value = "access"
    view.control("channel").value = "letter"
    before = {name: getattr(view.form, name) for name in ("service", "kind", "channel")}
    app.session.lang = "de"
    assert view.control("service").description == t("obj.service", "de")
    assert view.control("letter_lang").value == "en"
    assert {name: getattr(view.form, name) for name in before} == before
    label, kind = view.control("kind").options[0]
    assert label == t("kind." + kind, "de")
    assert view.control("channel").value == "letter"


def test_start_page_picks_come_first(app):
    app.session.services = ["example-chat"]
    app.show("start")
    app.show("objection")
    assert app.views["objection"].control("service").options[0][1] == "example-chat"


def test_member_who_is_not_owner_gets_the_message_for_the_owner(app):
    view = app.views["objection"]
    view.control("service").value = "example-chat"
    view.control("kind").value = "admin-optout"
    view.next.click()
    view.control("is_owner").value = False
    view.control("workspace_url").value = "https://team.chat.example"
    view.back.click()
    assert [value for _, value in view.control("channel").options] == ["message"]
    view.next.click()
    view.next.click()
    view.control("name").value = "Bo"
    view.next.click()
    assert view.wizard.step == "preview", view.messages.value
    letter = view.form.letter
    assert letter.channel == "message" and "feedback@chat.example" in letter.body


def test_complaint_proposes_the_authority_where_the_participant_lives():
    """Bavaria -> BayLDA, Ireland -> DPC; the lead authority until a home is given (Art. 77(1))."""
    app = WorkshopApp(lang="de")
    app.show("objection")
    view = app.views["objection"]
    view.control("service").value = "facebook"
    view.control("kind").value = "complaint"
    view.next.click()
    assert view.form.authority == data.records("services")["facebook"]["lead_authority"]
    assert view.field_box("region").layout.display == "none"  # no Land asked outside Germany
    view.control("country").value = "DE"
    assert view.field_box("region").layout.display is None
    assert "Bayern" in [label for label, _ in view.control("region").options]
    view.control("region").value = "BY"
    assert view.form.authority == "de-by"
    assert view.control("authority").value == "de-by"
    app._lang.value = "en"  # relabelling keeps the home and the authority
    assert (view.form.country, view.form.region, view.form.authority) == ("DE", "BY", "de-by")
    view.control("authority").value = "ie-dpc"  # the participant may choose the lead instead
    view.control("sent_on").value = date(2026, 1, 2)
    view.next.click()
    view.control("name").value = "Eve"
    view.control("email").value = "eve@example.org"
    view.next.click()
    assert view.wizard.step == "preview", view.messages.value
    assert view.form.letter.recipient.name == data.records("authorities")["ie-dpc"]["name"]


def test_begin_opens_the_service_just_ticked():
    """Tick Facebook, Begin, write; back to the start, tick Instagram instead, Begin: Instagram."""
    app = WorkshopApp()
    start = app.views["start"]
    start._picks["facebook"].value = True
    start._begin.click()
    view = app.views["objection"]
    assert view.form.service == "facebook" and not view.messages.value
    view.wizard.go(2)
    view.control("name").value = "Eve"
    view.next.click()
    assert view.wizard.step == "preview"
    app.show("start")
    start._picks["facebook"].value = False
    start._picks["instagram"].value = True
    start._begin.click()
    assert view.form.service == "instagram" and view.wizard.step == "service"
    assert view.control("service").value == "instagram"


def test_direct_marketing_box_on_the_grounds_step_and_the_no_grounds_notice(app):
    view = app.views["objection"]
    view.control("kind").value = "objection-ai"
    view.control("letter_lang").value = "en"
    view.control("channel").value = "email"
    view.next.click()
    box = view.control("direct_marketing")
    assert box.description == t("obj.direct_marketing", app.session.lang)
    box.value = True
    view.next.click()
    view.control("name").value = "Eve"
    view.next.click()
    assert view.wizard.step == "preview", view.messages.value
    text = downloads(view.downloads)["objection-ai-example-social-en.txt"].decode()
    assert "Art. 21(2)" in text and "Art. 21(3)" in text
    # no ground ticked: the letter is there, and the participant is told what Art. 21(1) asks
    assert escape(t("notice.no-grounds", app.session.lang)) in view.preview.value


GENERIC = ("account_email", "form_reason", "form_more")


def _to_the_form_blocks(app, service: str):
    """Write an objection to `service` through its web form, up to the preview."""
    app.show("objection")
    view = app.views["objection"]
    view.control("service").value = service
    view.control("kind").value = "objection-ai"
    view.control("channel").value = "form"
    view.next.click()
    view.reason_boxes["own-privacy"].value = True
    view.reason_boxes["others-in-posts"].value = True
    view.next.click()
    view.control("name").value = "Eve"
    view.control("account_email").value = "eve@example.org"
    view.next.click()
    assert view.wizard.step == "preview"
    return view


def _shown_blocks(view) -> tuple[str, list[tuple[str, str]]]:
    """(the text above the blocks, [(label, text) of each copy block]) as the participant sees them."""
    intro = " ".join(w.value for w in view.blocks.children[1:] if not isinstance(w, VBox))
    blocks = [
        (b.children[0].value, b.children[1].value)
        for b in view.blocks.children
        if isinstance(b, VBox)
    ]
    return intro, blocks


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("service", ["facebook", "linkedin"])
def test_a_form_without_sourced_fields_shows_generic_blocks_labelled_as_such(service, lang):
    data.use_data_dir(None)
    view = _to_the_form_blocks(WorkshopApp(lang=lang), service)
    intro, blocks = _shown_blocks(view)
    assert str(escape(t("obj.form.generic", lang))) in intro
    assert str(escape(t("obj.form.fields", lang))) not in intro  # no claim the names match
    assert len(blocks) == len(GENERIC)
    for (label, _), name in zip(blocks, GENERIC, strict=True):
        assert str(escape(t(f"obj.field.{name}", lang))) in label
    assert blocks[0][1] == "eve@example.org"
    assert "Art. 21" in blocks[1][1]
    assert ("Widerspruchsrecht" if lang == "de" else "right to object") in blocks[1][1]


def test_a_form_with_sourced_fields_shows_one_block_per_field_in_its_order(tmp_path):
    import shutil

    import yaml

    shutil.copytree(FIXTURES, tmp_path / "data")
    path = tmp_path / "data" / "services" / "example-social.yaml"
    record = data.read_yaml(path.read_text())
    record["opt_out"][0]["fields"] = ["form_reason", "account_email"]  # no "further information"
    record["sources"][0]["supports"].append("opt_out.0.fields")
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False))
    data.use_data_dir(tmp_path / "data")
    try:
        for lang in ("de", "en"):
            view = _to_the_form_blocks(WorkshopApp(lang=lang), "example-social")
            intro, blocks = _shown_blocks(view)
            assert str(escape(t("obj.form.fields", lang))) in intro
            assert str(escape(t("obj.form.generic", lang))) not in intro
            assert len(blocks) == 2  # the form has no field for the people in my posts
            assert str(escape(t("obj.field.form_reason", lang))) in blocks[0][0]
            assert "Art. 21" in blocks[0][1]
            assert blocks[1][1] == "eve@example.org"
    finally:
        data.use_data_dir(None)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_complaint_to_the_dpc_tells_the_participant_to_check_its_address(lang):
    data.use_data_dir(None)
    app = WorkshopApp(lang=lang)
    app.show("objection")
    view = app.views["objection"]
    view.control("service").value = "facebook"
    view.control("kind").value = "complaint"
    view.next.click()
    view.control("authority").value = "ie-dpc"
    view.control("sent_on").value = date(2026, 1, 2)
    view.next.click()
    view.control("name").value = "Eve"
    view.control("email").value = "eve@example.org"
    view.next.click()
    assert view.wizard.step == "preview"
    said = t("notice.address-unsettled", lang, chars="https://www.dataprotection.ie")
    assert str(escape(said)) in view.preview.value


def test_a_complaint_is_proposed_in_a_language_its_authority_takes():
    """A German page complaining to the DPC (English, Irish) gets an English letter; a home in
    France proposes the CNIL and French; a language the participant picked stays, with a note."""
    app = WorkshopApp(lang="de")
    app.show("objection")
    view = app.views["objection"]
    view.control("service").value = "facebook"
    view.control("kind").value = "complaint"
    assert view.form.authority == "ie-dpc" and view.form.letter_lang == "en"
    assert view.control("letter_lang").value == "en"
    view.next.click()
    view.control("country").value = "FR"
    assert view.form.authority == "fr-cnil" and view.form.letter_lang == "fr"
    view.control("letter_lang").value = "de"  # the participant's own choice wins
    view.control("country").value = "IE"
    assert view.form.authority == "ie-dpc" and view.form.letter_lang == "de"
    view.control("sent_on").value = date(2026, 1, 2)
    view.next.click()
    view.control("name").value = "Eve"
    view.control("email").value = "eve@example.org"
    view.next.click()
    assert view.wizard.step == "preview", view.messages.value
    notes = [n for n in view.form.letter.notices if n.code == "authority-language"]
    assert notes and notes[0].detail == "English"
    assert str(escape(t("notice.authority-language", "de", chars="English"))) in view.preview.value


def test_french_labels_take_a_no_break_space_before_the_colon():
    """'À\u00a0:' and 'Objet\u00a0:' as French typography has them (the preview said 'À:')."""
    from toolkit.html import fragment
    from toolkit.letters import compose

    letter = compose("objection-ai", service="facebook", lang="fr", name="Zoé Martin")
    html = fragment(
        "letter_preview.html.j2", "fr", letter=letter, to="Meta", notices=[], explained=[]
    )
    assert "À\u00a0:</strong>" in html and "Objet\u00a0:</strong>" in html
    english = fragment(
        "letter_preview.html.j2", "en", letter=letter, to="Meta", notices=[], explained=[]
    )
    assert "To:</strong>" in english
