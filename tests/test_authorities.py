"""The authority finder: where a participant lives -> the authority they can complain to."""

from __future__ import annotations

from pathlib import Path

import pytest

import toolkit
from toolkit import authorities, data
from toolkit.authorities import (
    COUNTRIES,
    KEYS,
    LAENDER,
    PlaceError,
    RegionNeededError,
    UnknownCountryError,
    authority_for,
    countries,
    lead_or_local,
    regions,
)
from toolkit.data import read_yaml
from toolkit.paths import DATA

NOT_GERMANY = sorted(set(COUNTRIES) - {"DE"})


def _reachable(found: dict) -> None:
    """What a participant needs to send a complaint: a postal address and an online channel."""
    assert set(found) == set(KEYS)
    assert len(found["address_lines"]) >= 3, found["address_lines"]  # name, street/box, town
    assert found["address_lines"][0].strip()
    assert found["email"] or found["complaint_url"]
    assert found["languages"] and all(len(code) == 2 for code in found["languages"])
    assert found["website"].startswith(("https://", "http://"))


@pytest.mark.parametrize("code", NOT_GERMANY)
def test_every_eu_and_eea_country_has_its_own_authority(code):
    found = authority_for(code)
    _reachable(found)
    assert found["country"] == code
    assert found["region"] == ""
    assert data.records("authorities")[found["id"]]["scope"] == "national"


@pytest.mark.parametrize("land", sorted(LAENDER))
def test_every_german_land_maps_to_its_land_authority_not_the_bfdi(land):
    found = authority_for("DE", land)
    _reachable(found)
    assert found["country"] == "DE"
    assert found["region"] == LAENDER[land][0]
    assert found["id"] != "de-bfdi"
    assert "de" in found["languages"]


def test_bavaria_goes_to_the_baylda_in_ansbach():
    found = authority_for("Deutschland", "Bavaria")
    assert found["short"] == "BayLDA"
    assert any("Ansbach" in line for line in found["address_lines"])


def test_country_and_land_may_be_given_as_code_or_name_in_either_language():
    assert (
        authority_for("de", "by")
        == authority_for("Germany", "Bayern")
        == authority_for("DE", "DE-BY")
    )
    assert authority_for("germany", "north rhine westphalia")["region"] == "Nordrhein-Westfalen"
    assert authority_for("Österreich") == authority_for("AT")
    assert authority_for("EL")["id"] == authority_for("GR")["id"]  # the EU's code for Greece
    assert authority_for("FR", "Bayern") == authority_for("FR")  # regions only matter in Germany


@pytest.mark.parametrize("region", [None, "", "  "])
def test_germany_without_a_land_asks_for_the_land(region):
    with pytest.raises(RegionNeededError) as caught:
        authority_for("DE", region)
    assert isinstance(caught.value, ValueError)
    assert "Land" in str(caught.value)
    assert "Bundesland" in caught.value.message("de")


def test_an_unknown_land_is_named_in_the_error():
    with pytest.raises(RegionNeededError, match="Atlantis"):
        authority_for("DE", "Atlantis")


@pytest.mark.parametrize("country", ["US", "United Kingdom", "CH", "", "Atlantis", "XX"])
def test_a_country_outside_the_eu_and_eea_gives_a_readable_error(country):
    with pytest.raises(UnknownCountryError) as caught:
        authority_for(country)
    error = caught.value
    assert isinstance(error, PlaceError) and isinstance(error, ValueError)
    assert "EU" in error.message("en") and "EWR" in error.message("de")
    assert (country.strip() or "(empty)") in str(error)


def test_countries_for_the_picker():
    english = countries("en")
    german = countries("de")
    assert len(english) == 30 and {c["code"] for c in english} == set(COUNTRIES)
    assert {"NO", "IS", "LI", "PL", "HU", "CY"} <= {c["code"] for c in english}
    assert [c["name"] for c in english] == sorted((c["name"] for c in english), key=str.casefold)
    by_code = {c["code"]: c for c in german}
    assert by_code["DE"]["name"] == "Deutschland" and by_code["DE"]["name_en"] == "Germany"
    assert german[0]["name"] == "Belgien"  # sorted by the German name


def test_regions_are_the_16_laender_for_germany_only():
    laender = regions("DE", "de")
    assert len(laender) == 16
    assert {r["name_de"] for r in laender} == {
        rec["region"] for rec in data.records("authorities").values() if rec["scope"] == "state"
    }
    assert {"code": "BY", "name_de": "Bayern", "name_en": "Bavaria", "name": "Bayern"} in laender
    assert regions("FR") == [] and regions("Norway") == []
    with pytest.raises(UnknownCountryError):
        regions("US")


def test_lead_or_local_gives_both_choices():
    facebook = data.records("services")["facebook"]
    assert facebook["lead_authority"] == "ie-dpc"
    choice = lead_or_local(facebook, "DE", "BE")
    assert choice == {"local": "de-be", "lead": "ie-dpc", "same": False}
    assert lead_or_local(facebook, "IE") == {"local": "ie-dpc", "lead": "ie-dpc", "same": True}
    assert lead_or_local({"lead_authority": "unknown"}, "PL") == {
        "local": "pl-uodo",
        "lead": None,
        "same": False,
    }


def test_the_local_authority_can_be_used_for_a_complaint_letter():
    local = authority_for("DE", "BY")
    letter = toolkit.compose(
        "complaint",
        service="facebook",
        lang="de",
        authority=local["id"],
        name="Zoë Ångström-Nguyễn",
        email="zoe@example.org",
        account_email="zoe@example.org",
        sent_on="2026-01-01",
    )
    assert letter.recipient.name == local["name"]
    assert list(letter.recipient.address_lines) == local["address_lines"]


def test_authority_for_is_public_api():
    assert "authority_for" in toolkit.__all__
    assert toolkit.authority_for is authority_for


# Data consistency: the records the finder relies on.


def _raw(kind: str) -> dict[str, dict]:
    return {p.stem: read_yaml(p.read_text(encoding="utf-8")) for p in (DATA / kind).glob("*.yaml")}


def test_authority_records_are_consistent_with_their_country():
    records = data.records("authorities")
    assert set(records) == set(_raw("authorities"))  # none was dropped as invalid
    for record_id, record in records.items():
        assert record["country"] in COUNTRIES, record_id
        assert record_id.startswith(record["country"].lower() + "-"), record_id
        if record["scope"] == "state":
            assert record["country"] == "DE" and record["region"] in {
                n for n, _ in LAENDER.values()
            }
        else:
            assert "region" not in record, record_id
    national = [r["country"] for r in records.values() if r["scope"] == "national"]
    assert sorted(national) == NOT_GERMANY  # exactly one per country, none for Germany


def test_every_service_lead_authority_exists():
    records = data.records("authorities")
    for service_id, service in _raw("services").items():
        lead = service["lead_authority"]
        assert lead in records or lead in ("none", "unknown"), (service_id, lead)


def test_secondary_sources_are_explained_in_the_notes():
    """A record resting on a secondary source says so to the participant (notes in en and de)."""
    for record_id, record in data.records("authorities").items():
        kinds = {source.get("kind") for source in record["sources"]}
        if "secondary" in kinds or record["languages_basis"] == "official":
            assert record.get("notes", {}).get("en") and record["notes"].get("de"), record_id


def test_data_folder_without_an_authority_gives_a_clear_error(tmp_path: Path):
    (tmp_path / "authorities").mkdir()
    for kind in ("services", "alternatives"):
        (tmp_path / kind).mkdir()
    data.use_data_dir(tmp_path)
    try:
        with pytest.raises(authorities.NoAuthorityError, match="France"):
            authority_for("FR")
    finally:
        data.use_data_dir(None)


def test_stated_languages_rest_on_a_source_for_them():
    """`languages_basis: stated` means a source (the authority's page) supports `languages`."""
    for record_id, record in data.records("authorities").items():
        if record["languages_basis"] == "stated":
            assert any("languages" in s["supports"] for s in record["sources"]), record_id
