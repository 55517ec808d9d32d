"""Which data protection authority a participant can complain to, from where they live.

Art. 77(1) GDPR lets everyone complain to the supervisory authority of the member state of their
habitual residence; a company's lead authority (Art. 56) is the alternative. In Germany the Land
authority supervises companies, so a participant in Germany needs their Land as well (the
federal BfDI covers federal bodies, telecoms and postal services only). These functions answer
the questions a "where do you live?" picker asks, from the records in data/authorities/.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import data

# The EU and EEA states by ISO 3166-1 alpha-2 code: (English name, German name).
COUNTRIES: dict[str, tuple[str, str]] = {
    "AT": ("Austria", "Österreich"),
    "BE": ("Belgium", "Belgien"),
    "BG": ("Bulgaria", "Bulgarien"),
    "CY": ("Cyprus", "Zypern"),
    "CZ": ("Czechia", "Tschechien"),
    "DE": ("Germany", "Deutschland"),
    "DK": ("Denmark", "Dänemark"),
    "EE": ("Estonia", "Estland"),
    "ES": ("Spain", "Spanien"),
    "FI": ("Finland", "Finnland"),
    "FR": ("France", "Frankreich"),
    "GR": ("Greece", "Griechenland"),
    "HR": ("Croatia", "Kroatien"),
    "HU": ("Hungary", "Ungarn"),
    "IE": ("Ireland", "Irland"),
    "IS": ("Iceland", "Island"),
    "IT": ("Italy", "Italien"),
    "LI": ("Liechtenstein", "Liechtenstein"),
    "LT": ("Lithuania", "Litauen"),
    "LU": ("Luxembourg", "Luxemburg"),
    "LV": ("Latvia", "Lettland"),
    "MT": ("Malta", "Malta"),
    "NL": ("Netherlands", "Niederlande"),
    "NO": ("Norway", "Norwegen"),
    "PL": ("Poland", "Polen"),
    "PT": ("Portugal", "Portugal"),
    "RO": ("Romania", "Rumänien"),
    "SE": ("Sweden", "Schweden"),
    "SI": ("Slovenia", "Slowenien"),
    "SK": ("Slovakia", "Slowakei"),
}
EEA_ONLY = frozenset({"IS", "LI", "NO"})
# The EU writes Greece as EL; ISO 3166-1 (and these records) as GR.
_COUNTRY_ALIASES = {"EL": "GR"}

# The German Länder by ISO 3166-2 subdivision code (without "DE-"): (German name, English name).
# The German name is the `region` of the Land's authority record.
LAENDER: dict[str, tuple[str, str]] = {
    "BW": ("Baden-Württemberg", "Baden-Württemberg"),
    "BY": ("Bayern", "Bavaria"),
    "BE": ("Berlin", "Berlin"),
    "BB": ("Brandenburg", "Brandenburg"),
    "HB": ("Bremen", "Bremen"),
    "HH": ("Hamburg", "Hamburg"),
    "HE": ("Hessen", "Hesse"),
    "MV": ("Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
    "NI": ("Niedersachsen", "Lower Saxony"),
    "NW": ("Nordrhein-Westfalen", "North Rhine-Westphalia"),
    "RP": ("Rheinland-Pfalz", "Rhineland-Palatinate"),
    "SL": ("Saarland", "Saarland"),
    "SN": ("Sachsen", "Saxony"),
    "ST": ("Sachsen-Anhalt", "Saxony-Anhalt"),
    "SH": ("Schleswig-Holstein", "Schleswig-Holstein"),
    "TH": ("Thüringen", "Thuringia"),
}

KEYS = (
    "id",
    "name",
    "name_en",
    "short",
    "address_lines",
    "email",
    "complaint_url",
    "website",
    "languages",
    "country",
    "region",
)


class PlaceError(ValueError):
    """A place the authority finder cannot work with; `message(lang)` says why, for a participant."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The explanation in the interface language `lang` (the catalogue's `key`)."""
        from .i18n import t

        values = dict(self.values)
        if "country" in values:  # a country code, named in the page's language
            values["country"] = country_name(str(values["country"]), lang)
        return t(self.key, lang, **values)


class UnknownCountryError(PlaceError):
    """The country is not an EU or EEA state (or not one the finder recognises)."""


class RegionNeededError(PlaceError):
    """The country is Germany and no (known) Land was given."""


class NoAuthorityError(PlaceError):
    """The data has no usable authority record for this place (a data problem, not the user's)."""


def _key(text: str) -> str:
    return " ".join(str(text).replace("-", " ").split()).casefold()


def _country_code(country: str) -> str:
    text = str(country or "").strip()
    code = text.upper()
    code = _COUNTRY_ALIASES.get(code, code)
    if code in COUNTRIES:
        return code
    for iso, names in COUNTRIES.items():
        if _key(text) in {_key(name) for name in names}:
            return iso
    shown = text or "(empty)"
    raise UnknownCountryError("place.not_eea", place=shown)


def _land_code(region: str | None) -> str:
    text = str(region or "").strip()
    code = text.upper().removeprefix("DE-")
    if code in LAENDER:
        return code
    for iso, names in LAENDER.items():
        if _key(text) in {_key(name) for name in names}:
            return iso
    if not text:
        raise RegionNeededError("place.land_needed")
    raise RegionNeededError("place.not_land", place=text)


def country_name(code: str, lang: str = "en") -> str:
    """An EU/EEA state's name in `lang`: the kit's own English and German names, else CLDR's.

    Babel's CLDR data names every state in every language the interface speaks; it is imported
    only for a language beyond English and German (the import costs a kernel about 0.1 s).
    """
    en, ger = COUNTRIES[code]
    if lang in ("en", "de"):
        return ger if lang == "de" else en
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(lang).territories.get(code, en))
    except (ValueError, UnknownLocaleError):
        return en


def authority_name(record: Mapping[str, Any], lang: str = "en") -> str:
    """An authority's name for a page in `lang`: its own name where it speaks the language.

    The own name (`name`) is in the authority's languages; a reader of another language gets
    `name_en`. German pages keep the own name of every authority, as they did before there were
    other languages (the German names of authorities abroad are not in the records).
    """
    if lang == "de" or lang in record.get("languages", ()):
        return str(record["name"])
    return str(record.get("name_en") or record["name"])


def countries(lang: str = "en") -> list[dict[str, str]]:
    """The EU/EEA states for a picker: code, name_en, name_de and name (in `lang`), by name."""
    rows = [
        {"code": code, "name_en": en, "name_de": ger, "name": country_name(code, lang)}
        for code, (en, ger) in COUNTRIES.items()
    ]
    return sorted(rows, key=lambda row: row["name"].casefold())


def regions(country: str, lang: str = "en") -> list[dict[str, str]]:
    """The regions a picker must ask for in `country`: the 16 Länder for Germany, else none.

    Each has code (ISO 3166-2 without the country), name_de, name_en and name (in `lang`)."""
    if _country_code(country) != "DE":
        return []
    de = lang == "de"
    rows = [
        {"code": code, "name_de": ger, "name_en": en, "name": ger if de else en}
        for code, (ger, en) in LAENDER.items()
    ]
    return sorted(rows, key=lambda row: row["name"].casefold())


def _summary(record_id: str, record: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": record_id,
        "name": record["name"],
        "name_en": record["name_en"],
        "short": record["short"],
        "address_lines": [line for line in record["address"].splitlines() if line.strip()],
        "email": record.get("email", ""),
        "complaint_url": record.get("complaint_url", ""),
        "website": record["website"],
        "languages": list(record.get("languages", [])),
        "country": record["country"],
        "region": record.get("region", ""),
    }


def authority(record_id: str) -> dict[str, Any]:
    """The summary (the keys in KEYS) of the authority record `record_id`; KeyError if none."""
    return _summary(record_id, data.records("authorities")[record_id])


def local_id(country: str, region: str | None = None) -> str:
    """The id of the authority competent for a participant living in `country` (and `region`)."""
    code = _country_code(country)
    records = data.records("authorities")
    if code == "DE":
        land = LAENDER[_land_code(region)][0]
        found = [
            rid
            for rid, rec in records.items()
            if rec["country"] == "DE" and rec["scope"] == "state" and rec.get("region") == land
        ]
    else:
        found = [
            rid
            for rid, rec in records.items()
            if rec["country"] == code and rec["scope"] == "national"
        ]
    if len(found) != 1:
        raise NoAuthorityError("place.no_single_authority", country=code, n=len(found))
    return found[0]


def authority_for(country: str, region: str | None = None) -> dict[str, Any]:
    """The authority a participant living in `country` (ISO code or name) can complain to.

    Art. 77(1) GDPR: the authority of the participant's habitual residence. For Germany
    `region` (the Land: code such as 'BY', or name) is needed, because the Land authorities
    supervise companies; outside Germany `region` is ignored. Returns the keys in KEYS; raises a
    PlaceError (a ValueError) with a readable message for an unknown country or a missing Land."""
    return authority(local_id(country, region))


def lead_or_local(
    service_record: Mapping[str, Any], country: str, region: str | None = None
) -> dict[str, Any]:
    """Both choices for a complaint about a service: local (Art. 77(1)) and lead (Art. 56).

    Returns {'local': id, 'lead': id or None, 'same': bool}; lead is None where the service's
    `lead_authority` is 'none', 'unknown' or no record in data/authorities/."""
    local = local_id(country, region)
    lead = service_record.get("lead_authority")
    if lead not in data.records("authorities"):
        lead = None
    return {"local": local, "lead": lead, "same": lead == local}
