"""Workshop mode: the action plan from a scripted session, its downloads, and the handouts."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date

import icalendar
from markupsafe import escape
from pypdf import PdfReader

from toolkit import data
from toolkit.i18n import LANGS, t
from toolkit.plan import build_plan
from toolkit.ui import WorkshopApp


def pdf_text(raw: bytes) -> str:
    reader = PdfReader(io.BytesIO(raw))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def scripted_session(lang: str = "en") -> WorkshopApp:
    """A participant who uses Facebook, LinkedIn and Slack, objects to Facebook, picks Mattermost."""
    app = WorkshopApp(lang=lang)
    start = app.views["start"]
    for service_id, box in start._picks.items():
        box.value = service_id in ("facebook", "linkedin", "slack")
    app.show("objection")
    view = app.views["objection"]
    view.control("service").value = "facebook"
    view.control("kind").value = "objection-ai"
    view.wizard.go(2)
    view.control("name").value = "Kim Canary"
    view.control("email").value = "kim@example.org"
    view.next.click()
    assert view.form.letter is not None
    app.show("alternatives")
    alternatives = app.views["alternatives"]
    alternatives.pick.value = "mattermost"
    alternatives.choose.click()
    return app


def test_plan_from_a_scripted_session():
    app = scripted_session("de")
    app.show("plan")
    plan = app.views["plan"].plan()
    html = plan.document.to_html()
    today = date.today()
    assert "Facebook" in html and "Art. 12 Abs. 3 DSGVO" in html and "Art. 77 DSGVO" in html
    assert "LinkedIn" in html  # a setting to change / still to object
    assert "Slack" in html
    assert "Mattermost" in html and data.records("alternatives")["mattermost"]["website"] in html
    # the plan itself holds no personal data; the letters printed with it carry the sender's name
    plan_part, _, letters_part = html.partition(t("plan.letters", "de"))
    assert "Kim Canary" not in plan_part and "Kim Canary" in letters_part
    events = list(icalendar.Calendar.from_ical(plan.to_ics()).walk("VEVENT"))
    days = sorted(e.decoded("DTSTART") for e in events)
    assert len(events) == 2 and days[0] > today
    text = pdf_text(plan.document.to_pdf())
    assert "Mein Datenschutz-Aktionsplan" in text and "Facebook" in text
    downloads = app.views["plan"].downloads.value
    assert 'data-filename="datenschutz-aktionsplan.pdf"' in downloads and ".ics" in downloads


def test_empty_plan_says_how_to_fill_it():
    plan = build_plan([], [], [], "en")
    assert t("plan.empty", "en") in plan.document.to_html()
    assert plan.reminders == []


def test_plan_skips_unknown_ids():
    plan = build_plan(
        ["nope"],
        [{"kind": "objection-ai", "service": "nope", "made_on": "2026-01-01"}],
        ["nope"],
        "en",
    )
    assert t("plan.empty", "en") in plan.document.to_html()


def test_clear_everything_resets_every_step():
    app = scripted_session()
    app.show("compare")
    app.views["compare"].search.value = "meta"
    app._clear.click()  # asks first
    assert app.session.services and app._confirm_row.layout.display == "flex"
    app._confirm.click()
    assert (
        app.session.services == [] and app.session.letters == [] and app.session.alternatives == []
    )
    objection = app.views["objection"]
    assert objection.form.name == "" and objection.form.letter is None
    assert app.views["compare"].search.value == ""
    app.show("plan")
    assert t("plan.empty", "en") in app.views["plan"].preview.value


def test_make_handouts_builds_html_and_pdf_in_every_language(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "handouts", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdfs = sorted(tmp_path.glob("*/*.pdf"))
    htmls = sorted(tmp_path.glob("*/*.html"))
    assert len(pdfs) == 3 * len(LANGS) and len(htmls) == 3 * len(LANGS)
    for lang in LANGS:  # each handout speaks its language
        heading = " ".join(t("ho.overview", lang).split())  # PDF text: no-break spaces as spaces
        assert heading in pdf_text((tmp_path / lang / "overview.pdf").read_bytes())
    overview_de = pdf_text((tmp_path / "de" / "overview.pdf").read_bytes())
    assert "Wer trainiert KI mit Ihren Daten?" in overview_de
    for record in data.records("services").values():
        assert record["name"].split()[0] in overview_de
    steps_en = pdf_text((tmp_path / "en" / "objection-steps.pdf").read_bytes())
    assert "Art. 21(1) GDPR" in steps_en and "Facebook" in steps_en
    alternatives = (tmp_path / "en" / "alternatives.html").read_text()
    assert (
        "Mastodon" in alternatives
        and "<script" not in alternatives
        and "http://" not in alternatives.split("<body>")[0]
    )


def test_every_letter_is_kept_listed_in_the_plan_and_zipped():
    """WhatsApp, then Instagram: both letters stay, the plan offers both and one ZIP of all."""
    import zipfile

    app = WorkshopApp(lang="en")
    app.show("objection")
    view = app.views["objection"]
    for service in ("whatsapp", "instagram"):
        view.control("service").value = service
        view.wizard.go(2)
        view.control("name").value = "Kim Canary"
        view.next.click()
        assert view.wizard.step == "preview"
        view.wizard.restart()
    assert [d.service for d in app.session.documents] == ["whatsapp", "instagram"]
    app.show("plan")
    html = app.views["plan"].downloads.value
    assert "WhatsApp" in html and "Instagram" in html
    zipped = app.views["plan"].downloads.files()["letters.zip"]
    names = zipfile.ZipFile(io.BytesIO(zipped)).namelist()
    assert {"objection-ai-whatsapp-en.txt", "objection-ai-instagram-en.txt"} <= set(names)
    pdf = pdf_text(app.views["plan"].plan().document.to_pdf())
    assert pdf.count("Objection under Art. 21(1) GDPR") >= 2  # both letters printed with the plan
    app.clear()
    assert app.session.documents == []


def test_a_letter_written_again_in_another_language_replaces_the_first():
    """Switching the letter's language and writing it again: one objection to the service, in
    the new language (a fresh walk found both in the plan and two in the ZIP)."""
    app = WorkshopApp(lang="en")
    app.show("objection")
    view = app.views["objection"]
    view.control("service").value = "facebook"
    for lang in ("it", "pl"):
        view.wizard.go(0)
        view.control("letter_lang").value = lang
        view.wizard.go(2)
        view.control("name").value = "Kim Canary"
        view.next.click()
        assert view.wizard.step == "preview"
    assert [(d.service, d.lang) for d in app.session.documents] == [("facebook", "pl")]
    app.show("plan")
    assert "Polski" in app.views["plan"].downloads.value
    assert "Italiano" not in app.views["plan"].downloads.value


def test_a_setting_switched_off_counts_as_done_in_the_plan():
    app = WorkshopApp(lang="en")
    app.session.services = ["x", "google-gemini"]
    app.show("objection")
    view = app.views["objection"]
    view.control("service").value = "x"
    assert view.setting_done.layout.display is None  # X's opt-out is a setting
    view.setting_done.value = True
    assert app.session.settings_done == ["x"]
    app._lang.value = "de"  # relabelling keeps the tick
    assert view.setting_done.value and "X" in view.setting_done.description
    app._lang.value = "en"
    app.show("plan")
    html = app.views["plan"].plan().document.to_html()
    done, _, rest = html.partition(t("plan.settings", "en"))
    x_name = data.records("services")["x"]["name"]
    assert t("plan.done", "en") in done
    assert str(escape(t("plan.setting.done", "en", service=x_name))) in done
    assert "Google Gemini" in rest  # Gemini's setting is still to change
    view.control("service").value = "facebook"
    assert view.setting_done.layout.display == "none"  # Facebook's opt-out is a form
    view.wizard.go(2)  # hiding the tick box hides nothing else (no shared Layout)
    assert all(
        box.control.layout.display != "none" for box in view.pages["details"].fields.values()
    )


def test_every_handout_and_the_plan_say_when_the_data_were_last_checked():
    from toolkit.handouts import HANDOUTS
    from toolkit.letters.model import format_date

    day = max(r["verified_on"] for k in data.DATED_KINDS for r in data.records(k).values())
    for lang in ("en", "de"):
        line = t("ho.footer", lang, date=format_date(date.fromisoformat(day), lang))
        assert ("Datenstand" if lang == "de" else "as of") in line
        documents = [make(lang) for make in HANDOUTS.values()]
        documents.append(build_plan(["facebook"], [], [], lang).document)
        for doc in documents:
            assert f"<footer><p>{escape(line)}</p></footer>" in doc.to_html(), (doc.title, lang)
            assert line in pdf_text(doc.to_pdf()), (doc.title, lang)
