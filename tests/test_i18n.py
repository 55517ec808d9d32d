"""Interface strings: both languages everywhere, sane fallbacks."""

import pytest

from toolkit import i18n


def test_every_string_has_english_and_german():
    catalog = i18n.catalog()
    assert len(catalog) > 20
    for key, entry in catalog.items():
        assert set(entry) == set(i18n.LANGS), key
        assert all(text.strip() for text in entry.values()), key


def test_german_differs_from_english_for_sentences():
    catalog = i18n.catalog()
    same = [k for k, e in catalog.items() if e["en"] == e["de"] and len(e["en"]) > 12]
    assert same == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("de", "de"),
        ("DE", "de"),
        ("de-AT", "de"),
        ("de_CH", "de"),
        ("fr", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
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


def test_register_refuses_missing_language():
    with pytest.raises(ValueError, match="lacks de"):
        i18n.register({"test.only-en": {"en": "Only English"}})
