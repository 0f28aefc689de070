"""Registry lookups: countries, bodies in context, people's names (no spaCy)."""

from __future__ import annotations

import pytest

from diplograph import resolve


@pytest.mark.parametrize("text, cid", [
    ("Vietnam", "VNM"), ("Viet Nam", "VNM"), ("the US", "USA"), ("U.S.", "USA"), ("the United States", "USA"),
    ("U.K.", "GBR"), ("Britain", "GBR"), ("Republic of Korea", "KOR"), ("South Korea", "KOR"),
    ("North Korea", "PRK"), ("Democratic People's Republic of Korea", "PRK"), ("DPRK", "PRK"),
    ("Kingdom of Cambodia", "KHM"), ("Lao PDR", "LAO"), ("Türkiye", "TUR"), ("Turkey", "TUR"),
    ("Cote d'Ivoire", "CIV"), ("Côte d’Ivoire", "CIV"), ("the Philippines", "PHL"), ("Mauritius", "MUS"),
    ("Somalia", "SOM"), ("Russian Federation", "RUS"), ("Kenya's", "KEN"), ("Eswatini", "SWZ"),
])
def test_country_names_and_short_forms(text: str, cid: str) -> None:
    assert resolve.country_id(text) == cid


@pytest.mark.parametrize("text, cid", [
    ("Vietnamese", "VNM"), ("Russian", "RUS"), ("Indian", "IND"), ("British", "GBR"), ("Emirati", "ARE"),
    ("Kenyan", "KEN"), ("Somali", "SOM"), ("Mauritian", "MUS"), ("North Korean", "PRK"), ("Egyptian", "EGY"),
])
def test_demonyms(text: str, cid: str) -> None:
    assert resolve.country_id(text) == cid
    assert resolve.country_match(text) == (cid, "demonym")


def test_capitals_are_metonyms_only_when_asked() -> None:
    assert resolve.country_id("Beijing") is None
    assert resolve.country_id("Beijing", capitals=True) == "CHN"
    for city, cid in [("Mogadishu", "SOM"), ("Port Louis", "MUS"), ("New Delhi", "IND"), ("Kyiv", "UKR"),
                      ("Abuja", "NGA"), ("Ankara", "TUR"), ("Washington", "USA"), ("Pyongyang", "PRK")]:
        assert resolve.country_match(city) == (cid, "capital")


def test_every_iso_country_is_registered() -> None:
    countries = resolve.countries()
    assert len(countries) >= 249
    assert all(len(cid) == 3 and cid.isupper() for cid in countries)


def test_spec_body_ids_are_kept() -> None:
    bodies = resolve.bodies()
    for bid in ("UN", "UNSC", "IAEA_BOG", "CPV", "CPP_KHM", "NA_VNM", "MFAT_NZL", "ECOWAS_SF", "CONSERVATIVE_GBR"):
        assert bid in bodies
    assert len(bodies) > 500


@pytest.mark.parametrize("text, bid", [
    ("UNICEF", "UNICEF"), ("U.N. Security Council", "UNSC"), ("African Union", "AU"), ("ASEAN", "ASEAN"),
    ("Shanghai Cooperation Organisation", "SCO"), ("Asian Infrastructure Investment Bank", "AIIB"),
    ("Communist Party of China", "CPC"), ("Bharatiya Janata Party", "BJP"), ("State Duma", "DUMA_RUS"),
    ("al-Shabaab", "AL_SHABAAB"), ("Indian Ocean Rim Association", "IORA"), ("Lok Sabha", "LOK_SABHA"),
])
def test_registry_bodies(text: str, bid: str) -> None:
    assert resolve.body_id(text) == bid


def test_generic_bodies_resolve_in_context() -> None:
    assert resolve.body_id("National Assembly", "VNM") == "NA_VNM"
    assert resolve.body_id("the National Assembly", "KEN") == "NA_KEN"
    assert resolve.body_id("National Assembly", "GAB") == "NA_GAB"  # generated in the registry's style
    assert resolve.body_id("National Assembly") is None  # no country: no guess
    assert resolve.body_id("the Party", "VNM") == "CPV"
    assert resolve.body_id("the Party", "CHN") == "CPC"
    assert resolve.body_id("the Party", "FRA") is None
    assert resolve.body_id("Democratic Party", "USA") == "DEM_USA"
    assert resolve.body_id("Democratic Party", "KOR") == "DPK_KOR"
    assert resolve.body_id("Ministry of Foreign Affairs", "NZL") == "MFAT_NZL"


def test_bodies_that_name_their_country() -> None:
    assert resolve.body_id("National Assembly of Kenya") == "NA_KEN"
    assert resolve.body_id("Kenyan National Assembly") == "NA_KEN"
    assert resolve.body_id("Japan's Ministry of Foreign Affairs") == "MOFA_JPN"
    assert resolve.body_id("Ministry of Foreign Affairs of Japan") == "MOFA_JPN"
    assert resolve.body_id("Ghanaian Parliament") == "PARL_GHA"
    assert resolve.body_id("Chinese Foreign Ministry") == "MOFA_CHN"


def test_national_country() -> None:
    assert resolve.national_country("CPV") == "VNM"
    assert resolve.national_country("NA_KEN") == "KEN"
    assert resolve.national_country("NA_GAB") == "GAB"  # generated ids too
    assert resolve.national_country("KEN") == "KEN"
    assert resolve.national_country("UNSC") is None


def test_person_names_are_folded_and_bare() -> None:
    assert resolve.person_name("Tô Lâm") == "To Lam"
    assert resolve.person_name("Iván Duque Márquez") == "Ivan Duque Marquez"
    assert resolve.person_name("Nguyễn Phú Trọng") == "Nguyen Phu Trong"
    assert resolve.person_name("Mr. Son") == "Son"
    assert resolve.person_name("Joseph R. Biden, Jr.") == "Joseph R. Biden Jr."
    assert resolve.fold("Đặng") == "Dang"


def test_actor_ids_fold_national_institutions_outside_the_contract_into_their_country() -> None:
    assert resolve.actor_id("NA_KEN") == "KEN"  # a generated parliament id
    assert resolve.actor_id("MOFA_JPN") == "JPN"
    assert resolve.actor_id("NA_VNM") == "NA_VNM"  # the shared contract's own national ids stay
    assert resolve.actor_id("CPV") == "CPV"
    assert resolve.actor_id("UNSC") == "UNSC"  # international bodies are actors of their own
    assert resolve.actor_id("KEN") == "KEN"
    assert resolve.actor_id(None) is None
