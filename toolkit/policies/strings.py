"""Interface strings of the comparison step, including the controlled words of the records."""

from ..i18n import register

STRINGS = {
    "cmp.col.service": {"en": "Service", "de": "Dienst"},
    "cmp.col.category": {"en": "Category", "de": "Kategorie"},
    "cmp.col.ai_training": {"en": "Trains AI on your data", "de": "Trainiert KI mit Ihren Daten"},
    "cmp.col.training_default": {"en": "Default", "de": "Voreinstellung"},
    "cmp.col.opt_out": {"en": "How to opt out", "de": "Wie widersprechen"},
    "cmp.col.who": {"en": "Who can opt out", "de": "Wer kann widersprechen"},
    "cmp.col.eu_start": {"en": "In the EU since", "de": "In der EU seit"},
    "cmp.col.verified_on": {"en": "Checked", "de": "Geprüft"},
    "cmp.col.content_used": {"en": "What is used", "de": "Was genutzt wird"},
    "cmp.col.legal_basis": {"en": "Legal basis claimed", "de": "Behauptete Rechtsgrundlage"},
    "cmp.col.company": {"en": "Company (EU)", "de": "Unternehmen (EU)"},
    "cmp.col.sources": {"en": "Sources", "de": "Quellen"},
    "cmp.filter.category": {"en": "Category", "de": "Kategorie"},
    "cmp.filter.ai_training": {"en": "Trains AI", "de": "Trainiert KI"},
    "cmp.filter.training_default": {"en": "Default", "de": "Voreinstellung"},
    "cmp.filter.route": {"en": "Opt-out route", "de": "Widerspruchsweg"},
    "cmp.filter.who": {"en": "Who can opt out", "de": "Wer widerspricht"},
    "cmp.filter.search": {"en": "Search", "de": "Suchen"},
    "cmp.filter.sort": {"en": "Sort by", "de": "Sortieren nach"},
    "cmp.all": {"en": "all", "de": "alle"},
    "cmp.count": {"en": "{n} of {total} services", "de": "{n} von {total} Diensten"},
    "cmp.legend": {
        "en": "Colours: red = trains AI on your data by default; orange = partly or you must act; green = no training or opt-in only; grey = unknown. ⚠ = checked more than six months ago.",
        "de": "Farben: Rot = trainiert standardmäßig KI mit Ihren Daten; Orange = teilweise oder Sie müssen handeln; Grün = kein Training oder nur mit Zustimmung; Grau = unbekannt. ⚠ = vor mehr als sechs Monaten geprüft.",
    },
    "cmp.stale": {
        "en": "checked more than six months ago",
        "de": "vor mehr als sechs Monaten geprüft",
    },
    "cmp.details": {"en": "Details for", "de": "Details zu"},
    "cmp.details.what": {"en": "What is used", "de": "Was genutzt wird"},
    "cmp.details.since": {"en": "In the EU since", "de": "In der EU seit"},
    "cmp.details.basis": {"en": "Legal basis claimed", "de": "Behauptete Rechtsgrundlage"},
    "cmp.details.company": {"en": "Responsible company", "de": "Verantwortliches Unternehmen"},
    "cmp.details.how": {
        "en": "How to opt out, step by step",
        "de": "So widersprechen Sie, Schritt für Schritt",
    },
    "cmp.details.actions": {
        "en": "Regulators, courts, complaints",
        "de": "Behörden, Gerichte, Beschwerden",
    },
    "cmp.details.sources": {"en": "Sources", "de": "Quellen"},
    "cmp.details.read": {"en": "read on {date}", "de": "gelesen am {date}"},
    "cmp.details.notes": {"en": "Caveats", "de": "Einschränkungen"},
    "cmp.details.checked": {"en": "Record checked on {date}", "de": "Eintrag geprüft am {date}"},
    "cmp.object": {
        "en": "Write an objection to this service",
        "de": "Widerspruch an diesen Dienst schreiben",
    },
    "cmp.download": {"en": "Download this table", "de": "Diese Tabelle herunterladen"},
    "cmp.chart": {
        "en": "Does it train AI on your data by default? Services per category",
        "de": "Trainiert der Dienst standardmäßig KI mit Ihren Daten? Dienste je Kategorie",
    },
    "cmp.none": {
        "en": "No service matches these filters.",
        "de": "Kein Dienst passt zu diesen Filtern.",
    },
    "cmp.broken": {
        "en": "{n} record(s) could not be loaded and are not shown: {files}. A facilitator can run `make check-data` for details.",
        "de": "{n} Eintrag/Einträge konnten nicht geladen werden und fehlen: {files}. Die Workshopleitung kann mit `make check-data` Details sehen.",
    },
}

register(STRINGS)
