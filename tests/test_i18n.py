"""Interface strings: gettext catalogues with every key in every language, and sane fallbacks."""

from __future__ import annotations

import gettext
import re

import pytest
from babel.messages.pofile import read_po

from toolkit import i18n
from toolkit.alternatives.recommend import NEEDS
from toolkit.letters.compose import KINDS
from toolkit.letters.model import LIMITS
from toolkit.letters.spec import DETAILS_FIELDS, FORM_BLOCKS, SPECS, STEPS
from toolkit.letters.view import MIME
from toolkit.paths import PACKAGE, ROOT
from toolkit.ui.app import WorkshopApp


def catalogue(lang: str) -> dict[str, str]:
    """key -> text; a plural entry's forms joined by ' | ' (its key is the singular msgid)."""
    with (i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "kit.po").open("rb") as handle:
        messages = [m for m in read_po(handle) if m.id]
    return {
        (m.id[0] if m.pluralizable else m.id): (
            " | ".join(m.string) if m.pluralizable else m.string
        )
        for m in messages
    }


CATALOGUES = {lang: catalogue(lang) for lang in i18n.LANGS}


def test_every_key_exists_in_every_language_and_no_text_is_empty():
    keys = {lang: set(entries) for lang, entries in CATALOGUES.items()}
    assert len(keys["en"]) > 200
    for lang in i18n.LANGS:
        assert keys[lang] == keys["en"], lang
        assert all(text.strip() for text in CATALOGUES[lang].values()), lang


def test_compiled_catalogues_match_their_sources():
    """The app reads kit.mo; `make catalogs` compiles it from kit.po."""
    for lang in i18n.LANGS:
        with (i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "kit.mo").open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        for key, text in CATALOGUES[lang].items():
            if " | " in text:  # plural forms: singular and plural
                forms = text.split(" | ")
                assert compiled.ngettext(key, key, 1) == forms[0], (lang, key)
                assert compiled.ngettext(key, key, 5) == forms[-1], (lang, key)
            else:
                assert compiled.gettext(key) == text, (lang, key)


# Texts that are the same words in a language as in English (names, numbers), checked by hand.
SAME_AS_ENGLISH = {
    "fr": {
        "license.AGPL-3.0-only",
        "license.GPL-3.0-only",
        "license.LGPL-3.0-only",
        "step.alternatives",
    },
    # Italian writes these loanwords as English does (the Garante's own pages say "social network").
    "it": {"cat.microblogging", "cat.social-network"},
}


@pytest.mark.parametrize("lang", [code for code in i18n.LANGS if code != "en"])
def test_no_sentence_is_left_in_english(lang):
    same = [
        k
        for k, text in CATALOGUES["en"].items()
        if CATALOGUES[lang][k] == text
        and len(text) > 12
        and k not in SAME_AS_ENGLISH.get(lang, set())
    ]
    assert same == []


def test_placeholders_are_the_same_in_every_language():
    for key, text in CATALOGUES["en"].items():
        wanted = set(re.findall(r"{(\w+)}", text))
        for lang in i18n.LANGS:
            assert set(re.findall(r"{(\w+)}", CATALOGUES[lang][key])) == wanted, (lang, key)


def literal_keys() -> set[str]:
    """Every key passed as a literal to t() or tn() in the package and its templates."""
    pattern = re.compile(r"""\btn?\(\s*["']([a-z][\w.-]*[\w-])["']""")
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "templates" / "html").rglob("*.j2")]
    assert len(files) > 20
    found = set()
    for path in files:
        found |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def dynamic_keys() -> set[str]:
    """Keys the code builds from a prefix and a value: every value the code can produce."""
    keys = {f"kind.{k}" for k in KINDS}
    keys |= {f"channel.{c}" for c in ("form", "email", "letter", "message")}
    keys |= {f"step.{s}" for s in WorkshopApp.STEPS} | {f"obj.step.{s}" for s in STEPS}
    keys |= {f"title.{s}" for s in WorkshopApp.STEPS if s != "start"}
    keys |= {f"obj.{f}" for spec in SPECS.values() for f in spec.grounds}
    keys |= {f"obj.{f}" for f in (*DETAILS_FIELDS, "service", "kind", "letter_lang", "channel")}
    keys |= {spec.intro for spec in SPECS.values()} | {spec.remind for spec in SPECS.values()}
    keys |= {f"obj.field.{b}" for b in FORM_BLOCKS}
    keys |= {f"obj.dl.{fmt}" for fmt in MIME} | {f"need.{n}" for n in NEEDS}
    keys |= {f"err.{code}" for code in ("required", "too-long", "not-an-email", "not-a-url")}
    keys |= {
        f"notice.{c}"
        for c in (
            "cut",
            "deadline-not-passed",
            "address-unsettled",
            "mailto-too-long",
            "unprintable",
        )
    }
    keys |= {f"source.{kind}" for kind in ("primary", "press", "secondary")}
    keys |= {f"obj.{name}" for name in LIMITS}
    keys |= {f"timeline.{kind}" for kind in timeline_kinds()}
    return keys


def timeline_kinds() -> list[str]:
    """The kinds a service's timeline item can have (data/schema/service.schema.yaml)."""
    from toolkit.data import SCHEMA_DIR, read_yaml

    schema = read_yaml((SCHEMA_DIR / "service.schema.yaml").read_text(encoding="utf-8"))
    kinds = schema["properties"]["actions"]["items"]["properties"]["kind"]["enum"]
    assert "court" in kinds and "regulator" in kinds
    return kinds


def test_every_key_the_code_uses_is_in_every_catalogue():
    used = literal_keys() | dynamic_keys()
    assert len(used) > 150
    for lang in i18n.LANGS:
        missing = sorted(k for k in used if k not in CATALOGUES[lang])
        assert missing == [], (lang, missing)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("de", "de"), ("DE", "de"), ("de-AT", "de"), ("de_CH", "de"), ("tr", "en"), ("", "en"), (None, "en")],
)  # fmt: skip
def test_normalize_lang(value, expected):
    assert i18n.normalize_lang(value) == expected


def test_lang_from_query():
    assert i18n.lang_from_query("lang=de&token=abc") == "de"
    assert i18n.lang_from_query("token=abc") is None
    assert i18n.lang_from_query("lang=<script>") == "en"
    assert i18n.lang_from_query(None) is None


def test_t_formats_and_falls_back():
    assert "KeyError" in i18n.t("app.error", "de", error="KeyError")
    assert i18n.t("app.title", "xx") == i18n.t("app.title", "en")


def test_plural_forms_follow_the_count():
    assert i18n.tn("alt.results", 1, "de").startswith("1 Alternative,")
    assert i18n.tn("alt.results", 3, "de").startswith("3 Alternativen,")
    assert i18n.tn("alt.results", 1, "en").startswith("1 alternative,")


def test_an_unknown_key_fails_loudly():
    with pytest.raises(i18n.MissingString):
        i18n.t("no.such.key", "de")
    assert not i18n.has("no.such.key") and i18n.has("app.title")


def test_strings_need_no_import_to_register():
    """t() works for every step's strings whatever was imported (a fresh interpreter)."""
    import subprocess
    import sys

    code = "from toolkit.i18n import t; print(t('cmp.col.service', 'de'), t('obj.next', 'de'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["Dienst", "Weiter"]
