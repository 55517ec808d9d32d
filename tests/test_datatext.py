"""The records' texts in every interface language: the translators' template and the lookup."""

from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from toolkit import data, datatext, i18n
from toolkit.datatext import Texts, english_texts, localize


def _po(path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_the_template_holds_every_english_text_of_the_records_and_nothing_else():
    """`python -m toolkit data-pot` was run after the records' English last changed."""
    wanted = {
        text
        for records in datatext.sources().values()
        for record in records.values()
        for text, _where in english_texts(record)
    }
    assert any("room" in str(loc) for m in _po(datatext.POT) for loc in m.locations)
    assert len(wanted) > 500
    assert {m.id for m in _po(datatext.POT) if m.id} == wanted


def test_the_template_says_where_each_text_is_used():
    messages = [m for m in _po(datatext.POT) if m.id]
    assert messages
    for message in messages:
        assert message.locations, message.id
        for file, _line in message.locations:
            assert file.startswith("data/") and ".yaml#" in file, file


def test_every_translated_catalogue_is_compiled_and_current():
    sources = sorted(datatext.LOCALE_DIR.glob("*/LC_MESSAGES/data.po"))
    template = {m.id for m in _po(datatext.POT) if m.id}
    for source in sources:
        catalogue = _po(source)
        ids = {m.id for m in catalogue if m.id}
        assert ids <= template, (source, sorted(ids - template)[:3])
        with source.with_suffix(".mo").open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        for message in catalogue:
            if message.id and message.string and not message.fuzzy:
                assert compiled.gettext(message.id) == message.string, (source, message.id[:60])


def test_a_record_text_answers_in_a_language_the_record_does_not_hold(monkeypatch):
    catalogue = Catalog(locale="fr")
    catalogue.add("Hello.", "Bonjour.")
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    monkeypatch.setattr(
        datatext, "_catalogue", lambda lang: gettext.GNUTranslations(io.BytesIO(buffer.getvalue()))
    )
    record = localize(
        {
            "summary": {"en": "Hello.", "de": "Hallo."},
            "steps": [{"en": ["Hello.", "Bye."], "de": ["Hallo.", "Tschüss."]}],
        }
    )
    assert isinstance(record["summary"], Texts)
    assert record["summary"]["de"] == "Hallo."
    assert record["summary"]["fr"] == "Bonjour."
    assert record["summary"].get("fr") == "Bonjour."
    # no translation: the current English, never an empty cell or a crash
    assert record["steps"][0]["fr"] == ["Bonjour.", "Bye."]
    assert record["summary"].get("xx-bogus", "none") == "none"
    with pytest.raises(KeyError):
        record["summary"]["../etc"]


def test_the_loaded_records_answer_in_every_interface_language():
    facebook = data.records("services")["facebook"]
    for lang in i18n.LANGS:
        assert facebook["summary"][lang].strip()
        assert all(step.strip() for step in facebook["opt_out"][0]["steps"][lang])
    assert facebook["summary"]["en"] != facebook["summary"]["de"]
