"""Interface strings of the objection step (the letters themselves are templates)."""

from ..i18n import register

STRINGS = {
    "obj.step.service": {"en": "Service", "de": "Dienst"},
    "obj.step.grounds": {"en": "Grounds", "de": "Gründe"},
    "obj.step.details": {"en": "Your details", "de": "Ihre Angaben"},
    "obj.step.preview": {"en": "Preview and download", "de": "Vorschau und Download"},
    "obj.stepof": {"en": "Step {n} of {total}: {name}", "de": "Schritt {n} von {total}: {name}"},
    "obj.back": {"en": "Back", "de": "Zurück"},
    "obj.next": {"en": "Next", "de": "Weiter"},
    "obj.reset": {"en": "Clear my data", "de": "Meine Daten löschen"},
    "obj.reset.done": {
        "en": "Your details were cleared from this page.",
        "de": "Ihre Angaben wurden von dieser Seite gelöscht.",
    },
    "obj.service": {"en": "Service", "de": "Dienst"},
    "obj.kind": {"en": "What to write", "de": "Was schreiben"},
    "obj.letter_lang": {"en": "Language of the letter", "de": "Sprache des Schreibens"},
    "obj.channel": {"en": "Send it by", "de": "Senden per"},
    "kind.objection-ai": {"en": "Objection to AI training", "de": "Widerspruch gegen KI-Training"},
    "kind.admin-optout": {"en": "Workspace opt-out (owners)", "de": "Workspace-Opt-out (Owner)"},
    "kind.follow-up": {"en": "Follow-up to a vague answer", "de": "Nachfrage bei unklarer Antwort"},
    "kind.complaint": {"en": "Complaint to the authority", "de": "Beschwerde bei der Aufsicht"},
    "kind.access": {"en": "Access request (Art. 15)", "de": "Auskunft (Art. 15)"},
    "kind.erasure": {"en": "Erasure request (Art. 17)", "de": "Löschung (Art. 17)"},
    "channel.form": {"en": "Web form", "de": "Webformular"},
    "channel.email": {"en": "E-mail", "de": "E-Mail"},
    "channel.letter": {"en": "Postal letter", "de": "Brief per Post"},
    "channel.message": {
        "en": "Message to your workspace owner",
        "de": "Nachricht an Ihren Workspace-Owner",
    },
    "obj.how": {"en": "How to opt out of {service}", "de": "So widersprechen Sie bei {service}"},
    "obj.no_services": {
        "en": "No service records could be loaded. Ask the facilitator to run `make check-data`.",
        "de": "Es konnten keine Dienste geladen werden. Bitte die Workshopleitung, "
        "`make check-data` auszuführen.",
    },
    "obj.grounds.intro": {
        "en": "Art. 21(1) GDPR asks for grounds relating to your particular situation. Tick what "
        "applies and add your own words if you like.",
        "de": "Art. 21 Abs. 1 DSGVO verlangt Gründe, die sich aus Ihrer besonderen Situation "
        "ergeben. Kreuzen Sie an, was zutrifft, und ergänzen Sie gern eigene Worte.",
    },
    "obj.others": {
        "en": "Also object for other people in my posts and photos",
        "de": "Auch für andere Personen in meinen Beiträgen und Fotos widersprechen",
    },
    "obj.own_reason": {"en": "In my own words (optional)", "de": "In eigenen Worten (freiwillig)"},
    "obj.sent_on": {"en": "Date I sent my objection", "de": "Datum meines Widerspruchs"},
    "obj.reference": {
        "en": "Their reference (optional)",
        "de": "Zeichen/Ticketnummer (freiwillig)",
    },
    "obj.answer": {
        "en": "What their answer said (optional; empty = no answer)",
        "de": "Was die Antwort sagte (freiwillig; leer = keine Antwort)",
    },
    "obj.authority": {"en": "Authority", "de": "Aufsichtsbehörde"},
    "obj.authority.hint": {
        "en": "You may complain where you live or to the company's lead authority.",
        "de": "Sie können sich an die Behörde Ihres Wohnorts oder an die federführende Behörde "
        "des Unternehmens wenden.",
    },
    "obj.is_owner": {
        "en": "I am an owner of this workspace",
        "de": "Ich bin Owner dieses Workspaces",
    },
    "obj.workspace_url": {"en": "Workspace URL", "de": "Workspace-Adresse"},
    "obj.not_owner": {
        "en": "Only workspace owners can send this opt-out. Untick the box to get a message asking "
        "your owner to do it.",
        "de": "Nur Workspace-Owner können diesen Opt-out senden. Entfernen Sie den Haken, um eine "
        "Nachricht an Ihren Owner zu erhalten.",
    },
    "obj.no_grounds": {
        "en": "This kind of letter needs no further grounds.",
        "de": "Für dieses Schreiben sind keine weiteren Gründe nötig.",
    },
    "obj.name": {"en": "Your name", "de": "Ihr Name"},
    "obj.email": {"en": "Your e-mail", "de": "Ihre E-Mail"},
    "obj.address": {"en": "Postal address (for letters)", "de": "Postanschrift (für Briefe)"},
    "obj.place": {"en": "Place", "de": "Ort"},
    "obj.account_email": {"en": "Account e-mail", "de": "E-Mail des Kontos"},
    "obj.account_url": {"en": "Profile link (optional)", "de": "Profil-Link (freiwillig)"},
    "obj.details.privacy": {
        "en": "Only what the letter needs. It stays in memory and is gone when you close the tab.",
        "de": "Nur, was das Schreiben braucht. Es bleibt im Arbeitsspeicher und ist weg, wenn Sie "
        "den Tab schließen.",
    },
    "err.required": {"en": "Please fill in this field.", "de": "Bitte füllen Sie dieses Feld aus."},
    "err.too-long": {
        "en": "Too long: at most {limit} characters.",
        "de": "Zu lang: höchstens {limit} Zeichen.",
    },
    "err.too-many-lines": {"en": "At most {limit} lines.", "de": "Höchstens {limit} Zeilen."},
    "err.not-an-email": {
        "en": "This does not look like an e-mail address.",
        "de": "Das sieht nicht nach einer E-Mail-Adresse aus.",
    },
    "err.not-a-url": {
        "en": "Please give a full link starting with https://",
        "de": "Bitte einen vollständigen Link mit https:// angeben.",
    },
    "err.not-a-date": {"en": "Please pick a date.", "de": "Bitte wählen Sie ein Datum."},
    "err.unknown-authority": {
        "en": "Please pick the authority you want to complain to.",
        "de": "Bitte wählen Sie die Behörde, bei der Sie sich beschweren wollen.",
    },
    "err.other": {"en": "This cannot be used: {detail}", "de": "Das geht nicht: {detail}"},
    "err.cut": {
        "en": "Your text in “{field}” was very long and has been shortened.",
        "de": "Ihr Text in „{field}“ war sehr lang und wurde gekürzt.",
    },
    "obj.fix": {
        "en": "Please check the marked fields.",
        "de": "Bitte prüfen Sie die markierten Felder.",
    },
    "obj.preview": {"en": "Your letter", "de": "Ihr Schreiben"},
    "obj.to": {"en": "To", "de": "An"},
    "obj.subject": {"en": "Subject", "de": "Betreff"},
    "obj.form.open": {"en": "Open the form", "de": "Formular öffnen"},
    "obj.form.fields": {
        "en": "Copy each block into the form field of the same name:",
        "de": "Kopieren Sie jeden Block in das gleichnamige Formularfeld:",
    },
    "obj.field.account_email": {
        "en": "E-mail address (of your account)",
        "de": "E-Mail-Adresse (Ihres Kontos)",
    },
    "obj.field.form_reason": {
        "en": "Reason / your objection",
        "de": "Begründung / Ihr Widerspruch",
    },
    "obj.field.form_more": {
        "en": "Further information (optional)",
        "de": "Weitere Informationen (freiwillig)",
    },
    "obj.field.ask_owner": {"en": "Message to your owner", "de": "Nachricht an Ihren Owner"},
    "obj.checklist": {"en": "Checklist", "de": "Checkliste"},
    "obj.check.login": {
        "en": "Log in to the account you object for, then open the form.",
        "de": "Melden Sie sich mit dem Konto an, für das Sie widersprechen, und öffnen Sie dann das Formular.",
    },
    "obj.check.each": {
        "en": "One objection per platform and per account (Facebook and Instagram separately).",
        "de": "Ein Widerspruch pro Plattform und pro Konto (Facebook und Instagram getrennt).",
    },
    "obj.check.keep": {
        "en": "Keep the confirmation e-mail: you need its date for a follow-up or complaint.",
        "de": "Bewahren Sie die Bestätigungs-E-Mail auf: Ihr Datum brauchen Sie für Nachfrage oder Beschwerde.",
    },
    "obj.check.remind": {
        "en": "Add the reminder to your calendar: the answer is due by {due}.",
        "de": "Tragen Sie die Erinnerung in Ihren Kalender ein: Die Antwort ist bis {due} fällig.",
    },
    "obj.downloads": {"en": "Download", "de": "Herunterladen"},
    "obj.dl.txt": {"en": "Text (.txt)", "de": "Text (.txt)"},
    "obj.dl.eml": {"en": "E-mail draft (.eml)", "de": "E-Mail-Entwurf (.eml)"},
    "obj.dl.pdf": {"en": "Letter for post (.pdf)", "de": "Brief für die Post (.pdf)"},
    "obj.dl.ics": {"en": "Reminder in one month (.ics)", "de": "Erinnerung in einem Monat (.ics)"},
    "obj.mailto": {"en": "Open in my mail program", "de": "In meinem Mailprogramm öffnen"},
    "obj.never_sent": {
        "en": "The kit never sends anything for you: you send it yourself.",
        "de": "Das Kit sendet nichts für Sie: Sie senden selbst.",
    },
}

register(STRINGS)
