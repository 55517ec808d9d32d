"""Interface strings in English and German (letters have their own templates and language).

Each entry keeps both languages side by side so that a missing translation shows in review;
a test checks that every entry has both. English is the fallback language.
"""

from __future__ import annotations

from urllib.parse import parse_qs

LANGS: tuple[str, ...] = ("en", "de")
LANG_NAMES: dict[str, str] = {"en": "English", "de": "Deutsch"}
DEFAULT_LANG = "en"

_CATALOG: dict[str, dict[str, str]] = {
    # The app shell
    "app.title": {"en": "Privacy workshop", "de": "Datenschutz-Workshop"},
    "app.tagline": {
        "en": "Object to AI training on your data, compare services, find open alternatives.",
        "de": "Der KI-Nutzung Ihrer Daten widersprechen, Dienste vergleichen, offene "
        "Alternativen finden.",
    },
    "app.language": {"en": "Language of this page", "de": "Sprache dieser Seite"},
    "app.steps": {"en": "Steps", "de": "Schritte"},
    "app.clear": {"en": "Clear everything", "de": "Alles löschen"},
    "app.clear.tooltip": {
        "en": "Reset every field in every step, e.g. before handing this laptop on.",
        "de": "Setzt alle Felder in allen Schritten zurück, z. B. bevor Sie den Laptop "
        "weitergeben.",
    },
    "app.cleared": {
        "en": "Everything you entered has been cleared.",
        "de": "Alles, was Sie eingegeben haben, wurde gelöscht.",
    },
    "app.error": {
        "en": "Something went wrong: {error}. Your entries are still there; please try again "
        "or tell the facilitator.",
        "de": "Etwas ist schiefgegangen: {error}. Ihre Eingaben sind noch da; bitte versuchen "
        "Sie es noch einmal oder sagen Sie der Workshopleitung Bescheid.",
    },
    "app.privacy": {
        "en": "Your entries stay in this browser tab and in memory on the workshop laptop. "
        "Nothing is stored or sent: when you close the tab, only what you downloaded remains.",
        "de": "Ihre Eingaben bleiben in diesem Browser-Tab und im Arbeitsspeicher des "
        "Workshop-Laptops. Nichts wird gespeichert oder versendet: Wenn Sie den Tab schließen, "
        "bleibt nur, was Sie heruntergeladen haben.",
    },
    "app.loading": {"en": "Loading …", "de": "Wird geladen …"},
    # Steps
    "step.start": {"en": "Start", "de": "Start"},
    "step.objection": {"en": "1 Object", "de": "1 Widersprechen"},
    "step.compare": {"en": "2 Compare", "de": "2 Vergleichen"},
    "step.alternatives": {"en": "3 Alternatives", "de": "3 Alternativen"},
    "step.plan": {"en": "4 My plan", "de": "4 Mein Plan"},
    "title.objection": {
        "en": "Object to AI training on your data",
        "de": "Der KI-Nutzung Ihrer Daten widersprechen",
    },
    "title.compare": {
        "en": "Compare how services use your data for AI",
        "de": "Vergleichen, wie Dienste Ihre Daten für KI nutzen",
    },
    "title.alternatives": {
        "en": "Find open alternatives",
        "de": "Offene Alternativen finden",
    },
    "title.plan": {"en": "Your action plan", "de": "Ihr Aktionsplan"},
    # Start page
    "start.intro": {
        "en": "Many platforms now train AI models on what people post. In the EU you can object "
        "(Art. 21 GDPR). In this workshop you will:",
        "de": "Viele Plattformen trainieren inzwischen KI-Modelle mit dem, was Menschen posten. "
        "In der EU können Sie widersprechen (Art. 21 DSGVO). In diesem Workshop werden Sie:",
    },
    "start.item.objection": {
        "en": "write your objections, ready to send through each service's own channel;",
        "de": "Ihre Widersprüche schreiben, fertig zum Absenden über den Kanal des jeweiligen "
        "Dienstes;",
    },
    "start.item.compare": {
        "en": "compare who trains AI on what, and how to opt out;",
        "de": "vergleichen, wer womit KI trainiert und wie man widerspricht;",
    },
    "start.item.alternatives": {
        "en": "find open platforms that fit what you use and need;",
        "de": "offene Plattformen finden, die zu Ihrer Nutzung passen;",
    },
    "start.item.plan": {
        "en": "take home a personal action plan.",
        "de": "einen persönlichen Aktionsplan mit nach Hause nehmen.",
    },
    "start.services": {
        "en": "Which of these services do you use? (optional, helps the next steps)",
        "de": "Welche dieser Dienste nutzen Sie? (freiwillig, hilft bei den nächsten Schritten)",
    },
    "start.begin": {"en": "Begin: write an objection", "de": "Los: Widerspruch schreiben"},
}


def normalize_lang(value: object) -> str:
    """Return a supported language code for `value` ('de', 'DE', 'de-AT' -> 'de'), else English."""
    code = str(value or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The interface string `key` in `lang` (falling back to English), formatted with `values`."""
    entry = _CATALOG[key]
    text = entry.get(normalize_lang(lang)) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """True if the catalogue has an interface string `key`."""
    return key in _CATALOG


def register(strings: dict[str, dict[str, str]]) -> None:
    """Add a view's strings to the catalogue (each entry must have every language)."""
    for key, entry in strings.items():
        missing = [lang for lang in LANGS if not entry.get(lang)]
        if missing:
            raise ValueError(f"interface string {key!r} lacks {', '.join(missing)}")
        _CATALOG[key] = entry


def catalog() -> dict[str, dict[str, str]]:
    """A copy of every interface string, for tests and translators."""
    return {key: dict(entry) for key, entry in _CATALOG.items()}


def lang_from_query(query: str | None) -> str | None:
    """The language asked for in a query string such as 'lang=de&x=1', or None."""
    values = parse_qs(query or "").get("lang")
    return normalize_lang(values[0]) if values else None


def _register_words() -> None:
    from .words import WORDS

    register(WORDS)


_register_words()
