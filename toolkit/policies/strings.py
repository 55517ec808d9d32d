"""Interface strings of the comparison step, including the controlled words of the records."""

from ..i18n import register

WORDS = {
    # ai_training
    "ai.yes": {"en": "yes", "de": "ja"},
    "ai.partly": {"en": "partly", "de": "teilweise"},
    "ai.no": {"en": "no", "de": "nein"},
    "ai.unknown": {"en": "unknown", "de": "unbekannt"},
    # training_default
    "default.on": {"en": "on (opt out)", "de": "an (Widerspruch nötig)"},
    "default.off": {"en": "off (opt in)", "de": "aus (Zustimmung nötig)"},
    "default.not-applicable": {"en": "no training", "de": "kein Training"},
    "default.unknown": {"en": "unknown", "de": "unbekannt"},
    # opt-out routes
    "route.form": {"en": "web form", "de": "Webformular"},
    "route.setting": {"en": "setting", "de": "Einstellung"},
    "route.email": {"en": "e-mail", "de": "E-Mail"},
    "route.admin-email": {"en": "admin e-mail", "de": "E-Mail durch Admin"},
    "route.none": {"en": "none", "de": "keiner"},
    "route.not-applicable": {"en": "not needed", "de": "nicht nötig"},
    "route.unknown": {"en": "unknown", "de": "unbekannt"},
    # who can opt out
    "who.each-user": {"en": "each user", "de": "alle selbst"},
    "who.admins-only": {"en": "admins only", "de": "nur Admins"},
    "who.nobody": {"en": "nobody", "de": "niemand"},
    "who.not-applicable": {"en": "not needed", "de": "nicht nötig"},
    "who.unknown": {"en": "unknown", "de": "unbekannt"},
    # legal basis
    "basis.legitimate-interests": {
        "en": "legitimate interests (Art. 6(1)(f))",
        "de": "berechtigte Interessen (Art. 6 Abs. 1 lit. f)",
    },
    "basis.consent": {"en": "consent (Art. 6(1)(a))", "de": "Einwilligung (Art. 6 Abs. 1 lit. a)"},
    "basis.contract": {"en": "contract (Art. 6(1)(b))", "de": "Vertrag (Art. 6 Abs. 1 lit. b)"},
    "basis.not-applicable": {"en": "not applicable", "de": "entfällt"},
    "basis.unknown": {"en": "unknown", "de": "unbekannt"},
    # categories
    "cat.social-network": {"en": "social network", "de": "soziales Netzwerk"},
    "cat.messenger": {"en": "messenger", "de": "Messenger"},
    "cat.workplace-chat": {"en": "workplace chat", "de": "Arbeits-Chat"},
    "cat.ai-assistant": {"en": "AI assistant", "de": "KI-Assistent"},
    "cat.forum": {"en": "forum", "de": "Forum"},
    "cat.q-and-a": {"en": "questions and answers", "de": "Fragen und Antworten"},
    "cat.creative-tools": {"en": "creative tools", "de": "Kreativ-Werkzeuge"},
    "cat.email": {"en": "e-mail", "de": "E-Mail"},
    "cat.video-meetings": {"en": "video meetings", "de": "Videokonferenzen"},
    "cat.blogging": {"en": "blogging", "de": "Blogs"},
    "cat.video-sharing": {"en": "video sharing", "de": "Videoplattform"},
    "cat.voice-assistant": {"en": "voice assistant", "de": "Sprachassistent"},
    "cat.app-store": {"en": "app store", "de": "App-Store"},
    "cat.maps": {"en": "maps", "de": "Karten"},
    "cat.cloud-storage": {"en": "cloud storage", "de": "Cloud-Speicher"},
    "cat.search": {"en": "search", "de": "Suche"},
    "cat.microblogging": {"en": "microblogging", "de": "Microblogging"},
    "cat.photo-sharing": {"en": "photo sharing", "de": "Fotos teilen"},
    "cat.video-client": {"en": "video app", "de": "Video-App"},
    # content used
    "content.public-posts": {"en": "public posts", "de": "öffentliche Beiträge"},
    "content.private-posts": {"en": "non-public posts", "de": "nicht öffentliche Beiträge"},
    "content.comments": {"en": "comments", "de": "Kommentare"},
    "content.photos-videos": {"en": "photos and videos", "de": "Fotos und Videos"},
    "content.private-messages": {"en": "private messages", "de": "private Nachrichten"},
    "content.ai-chats": {"en": "AI chats", "de": "KI-Chats"},
    "content.files": {"en": "files", "de": "Dateien"},
    "content.voice": {"en": "voice", "de": "Sprache"},
    "content.emails": {"en": "e-mails", "de": "E-Mails"},
    "content.code": {"en": "code", "de": "Code"},
    "content.meetings": {"en": "meetings", "de": "Besprechungen"},
    "content.profile": {"en": "profile", "de": "Profil"},
    "content.usage-data": {"en": "usage data", "de": "Nutzungsdaten"},
    "content.unknown": {"en": "unknown", "de": "unbekannt"},
}

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

register(WORDS)
register(STRINGS)
