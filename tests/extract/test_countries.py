"""The country index: every ISO 3166-1 country, found by name or demonym, never in a sea's name."""

from __future__ import annotations

import itertools
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from jscd.core.yamlfile import load_yaml
from jscd.extract import countries
from jscd.extract.countries import (
    code_of,
    country_index,
    demonym_of,
    find,
    load_country_index,
    name_of,
    parties_in,
)
from jscd.extract.errors import GazetteerError

DATA = Path(str(resources.files("jscd.extract") / "data"))
ISO = {c.alpha_3 for c in pycountry.countries}


def found(text: str) -> list[tuple[str, str]]:
    """(surface, code) pairs, checking on the way that every offset is exact."""
    pairs = []
    for start, end, code in find(text):
        surface = text[start:end]
        assert code_of(surface) == code, (surface, code)
        pairs.append((surface, code))
    return pairs


def test_public_surface():
    assert set(countries.__all__) == {
        "Country", "CountryIndex", "code_of", "country_index", "demonym_of", "find",
        "load_country_index", "name_of", "parties_in"}


def test_every_iso_country_has_a_name_and_a_demonym():
    index = country_index()
    assert set(index.countries) == ISO
    for code in ISO:
        assert name_of(code), code
        assert demonym_of(code), code
        assert code_of(name_of(code)) in (code, None), code  # None only for a declared ambiguity


def test_the_yaml_codes_are_iso_alpha3_and_cover_pycountry():
    data = load_yaml(DATA / "demonyms.yaml")
    assert set(data["countries"]) == ISO
    for codes in data["ambiguous"].values():
        assert set(codes) <= ISO


def test_pycountry_names_in_prose_form_are_forms_of_their_country():
    index = country_index()
    for c in pycountry.countries:
        forms = set(index.countries[c.alpha_3].names)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if not value or (", " in value and c.alpha_3 not in {"BES", "SHN"}):
                continue  # "Korea, Republic of" is an index entry, not something texts write
            value = value.removeprefix("the ")
            assert value in forms, (c.alpha_3, value)


def test_places_yaml_stays_authoritative():
    places = load_yaml(DATA / "places.yaml")
    for entry in places["countries"]:
        for form in entry["names"] + (entry.get("demonyms") or []):
            assert code_of(form) == entry["code"], form


@pytest.mark.parametrize(("surface", "code"), [
    ("Republic of Korea", "KOR"), ("South Korea", "KOR"), ("ROK", "KOR"), ("Korea", "KOR"),
    ("Korean", "KOR"), ("DPRK", "PRK"), ("North Korea", "PRK"), ("North Korean", "PRK"),
    ("Vietnam", "VNM"), ("Viet Nam", "VNM"), ("Vietnamese", "VNM"),
    ("United Kingdom", "GBR"), ("U.K.", "GBR"), ("UK", "GBR"), ("Britain", "GBR"),
    ("Great Britain", "GBR"), ("British", "GBR"),
    ("United States", "USA"), ("United States of America", "USA"), ("U.S.", "USA"),
    ("US", "USA"), ("U.S.A.", "USA"), ("America", "USA"), ("American", "USA"),
    ("United Arab Emirates", "ARE"), ("UAE", "ARE"), ("U.A.E.", "ARE"), ("Emirates", "ARE"),
    ("Emirati", "ARE"), ("Russia", "RUS"), ("Russian Federation", "RUS"), ("Iran", "IRN"),
    ("Syria", "SYR"), ("Türkiye", "TUR"), ("Turkey", "TUR"), ("Czechia", "CZE"),
    ("Czech Republic", "CZE"), ("Taiwan", "TWN"), ("Palestine", "PSE"),
    ("Iraqi", "IRQ"), ("Jordanian", "JOR"), ("Saudi", "SAU"), ("Qatari", "QAT"),
    ("Bahraini", "BHR"), ("Omani", "OMN"), ("Kenyan", "KEN"), ("Polish", "POL"),
    ("Japanese", "JPN"), ("Australian", "AUS"), ("Georgian", "GEO"), ("Lebanese", "LBN"),
    ("Israeli", "ISR"), ("Guinean", "GIN"), ("Bissau-Guinean", "GNB"),
    ("Iraqis", "IRQ"), ("Saudis", "SAU"), ("Americans", "USA"), ("Poles", "POL"),
])
def test_code_of_known_forms(surface, code):
    assert code_of(surface) == code


@pytest.mark.parametrize(("surface", "code"), [
    ("the United States", "USA"), ("The United States", "USA"), ("Iraq’s", "IRQ"),
    ("Jordan's", "JOR"), ("the UAE's", "ARE"), ("Iraqis'", "IRQ"), ("the Philippines", "PHL"),
    ("U.S.'s", "USA"),
])
def test_code_of_tolerates_possessive_and_article(surface, code):
    assert code_of(surface) == code


@pytest.mark.parametrize("surface", [
    "turkey", "chad", "us", "Us", "USAF", "Indian Ocean", "Persian Gulf", "Congo", "Congolese",
    "Dominican", "Virgin Islands", "Arab League", "the", "", "Iraq ", "IRAQ",
])
def test_code_of_refuses_non_countries_and_ambiguities(surface):
    assert code_of(surface) is None


def test_names_and_demonyms():
    assert name_of("USA") == "United States"
    assert name_of("KOR") == "Republic of Korea"
    assert demonym_of("ARE") == "Emirati"
    assert demonym_of("POL") == "Polish"
    assert name_of("XXX") is None and demonym_of("XXX") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("U.S.-Jordan talks", [("U.S.", "USA"), ("Jordan", "JOR")]),
    ("the Iraqi-Kuwaiti border", [("Iraqi", "IRQ"), ("Kuwaiti", "KWT")]),
    ("the U.S.-ROK alliance", [("U.S.", "USA"), ("ROK", "KOR")]),
    ("Japan-Australia-United States talks",
     [("Japan", "JPN"), ("Australia", "AUS"), ("United States", "USA")]),
    ("Kenya and the United States decided", [("Kenya", "KEN"), ("United States", "USA")]),
    ("Iraq’s ministry and Georgia's army", [("Iraq", "IRQ"), ("Georgia", "GEO")]),
    ("USA, US, U.S. and U.S.A.", [("USA", "USA"), ("US", "USA"), ("U.S.", "USA"),
                                 ("U.S.A.", "USA")]),
    ("Iraqis, Saudis and Americans", [("Iraqis", "IRQ"), ("Saudis", "SAU"),
                                      ("Americans", "USA")]),
    ("US-made and Iran-backed", [("US", "USA"), ("Iran", "IRN")]),
    ("the Kingdom of Saudi Arabia", [("Kingdom of Saudi Arabia", "SAU")]),
    ("Papua New Guinea, Guinea-Bissau, Equatorial Guinea and Guinea",
     [("Papua New Guinea", "PNG"), ("Guinea-Bissau", "GNB"), ("Equatorial Guinea", "GNQ"),
      ("Guinea", "GIN")]),
    ("the Democratic People's Republic of Korea and the Republic of Korea",
     [("Democratic People's Republic of Korea", "PRK"), ("Republic of Korea", "KOR")]),
    ("South Sudan and Sudan", [("South Sudan", "SSD"), ("Sudan", "SDN")]),
    ("Côte d’Ivoire", [("Côte d’Ivoire", "CIV")]),
    ("the People’s Republic of China and the People's Republic of China",
     [("People’s Republic of China", "CHN"), ("People's Republic of China", "CHN")]),
    ("the Hashemite Kingdom", [("Hashemite Kingdom", "JOR")]),
    ("the Philippines", [("Philippines", "PHL")]),
    ("Virgin Islands of the United States", [("Virgin Islands of the United States", "VIR")]),
])
def test_find_names_and_demonyms(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "in the Indian Ocean", "across the Persian Gulf", "in the Arabian Gulf", "the Arabian Sea",
    "the South China Sea", "the Gulf of Oman", "the Red Sea", "the Horn of Africa",
    "a free and open Indo-Pacific", "the Arab League", "the Jordan River", "the Korean Peninsula",
    "Latin America", "the Philippine Sea", "the Taiwan Strait", "Kuwait City", "New Mexico",
    "New Jersey", "Northern Ireland", "the Niger Delta", "the Congo",
    "DeftechtimesUS", "USAF", "turkey and chad", "Chadwick", "Omaha", "Indiana", "IRAQ",
])
def test_find_ignores_geography_ambiguity_and_non_words(text):
    assert found(text) == []


def test_an_exclusion_hides_only_itself():
    text = "Oman patrols the Gulf of Oman; India and Japan the Indian Ocean and the Sea of Japan."
    assert found(text) == [("Oman", "OMN"), ("India", "IND"), ("Japan", "JPN")]


def test_find_offsets_are_exact_on_a_readout():
    text = ("WASHINGTON — Secretary of Defense Lloyd J. Austin III spoke with Jordanian Chairman "
            "Maj. Gen. Yousef Huneiti and the UAE’s Minister of State for Defense Affairs. "
            "The leaders discussed U.S.-Jordan cooperation, Iranian threats in the Red Sea and "
            "the Gulf of Oman, and the Saudi-led coalition in Yemen; both reaffirmed that the "
            "United States' and Jordan's partnership serves Israelis and Palestinians alike.")
    hits = find(text)
    assert [text[s:e] for s, e, _ in hits] == [
        "Jordanian", "UAE", "U.S.", "Jordan", "Iranian", "Saudi", "Yemen", "United States",
        "Jordan", "Israelis", "Palestinians"]
    assert [s for s, _, _ in hits] == sorted(s for s, _, _ in hits)
    assert all(e1 <= s2 for (_, e1, _), (s2, _, _) in itertools.pairwise(hits))
    assert parties_in(text) == {"JOR": 3, "ARE": 1, "USA": 2, "IRN": 1, "SAU": 1, "YEM": 1,
                                "ISR": 1, "PSE": 1}


def test_an_ambiguous_form_is_consumed_not_guessed():
    assert found("Congolese and Dominican officials met Congo-Brazzaville's minister") == [
        ("Congo-Brazzaville", "COG")]


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "demonyms.yaml"
    path.write_text("version: 1\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(("body", "line", "words"), [
    ("countries:\n  IRQ: {names: [Iraq], demonyms: [Iraqi]}\n  XYZ: {names: [Nowhere], demonyms: [X]}\n",
     3, ["XYZ", "not an ISO 3166-1 alpha-3"]),
    ("countries:\n  IRQ: {names: [Iraq], demonyms: [Iraqi]}\n  JOR: {names: [Jordan]}\n",
     3, ["JOR", "missing field(s) demonyms"]),
    ("countries:\n  IRQ: {names: [Iraq], demonyms: [Iraqi], nisba: [Iraqi]}\n",
     2, ["IRQ", "unknown field(s) nisba"]),
    ("countries:\n  IRQ: {names: [Iraq], demonyms: [Iraqi]}\n  JOR: {names: [Iraq], demonyms: [J]}\n",
     3, ["JOR", "'Iraq' is also a form of IRQ"]),
    ("countries:\n  IRQ: {names: [the Iraq], demonyms: [Iraqi]}\n", 2, ["IRQ", "leading article"]),
    ("countries:\n  IRQ: {names: [Iraq], demonyms: [7]}\n", 2, ["IRQ", "demonyms"]),
    ("countries:\n  IRQ: {names: [Iraq], demonyms: [Iraqi]}\nnot_countries: [Iraq]\n",
     3, ["not_countries", "'Iraq' is a country form"]),
    ("countries:\n  IRQ: {names: [Iraq, demonyms: [Iraqi]}\n", 2, []),
])
def test_a_malformed_file_names_file_line_and_entry(tmp_path, body, line, words):
    path = write(tmp_path, body)
    with pytest.raises(GazetteerError) as err:
        load_country_index(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{line + 1}:"), message  # +1: the version line
    for word in words:
        assert word in message


def test_a_wrong_version_is_refused(tmp_path):
    path = tmp_path / "demonyms.yaml"
    path.write_text("version: 2\ncountries: {}\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="version: 1"):
        load_country_index(path)


def test_a_small_file_builds_its_own_index(tmp_path):
    path = write(tmp_path, "countries:\n"
                           "  IRQ: {names: [Iraq], demonyms: [Iraqi], plurals: [Iraqis]}\n"
                           "  KWT: {names: [Kuwait], demonyms: [Kuwaiti]}\n"
                           "not_countries: [Kuwait City]\n")
    index = load_country_index(path)
    assert len(index) == 2 and "IRQ" in index
    text = "Iraqis in Kuwait City and Kuwait"
    assert [(text[s:e], c) for s, e, c in index.find(text)] == [("Iraqis", "IRQ"),
                                                                 ("Kuwait", "KWT")]
