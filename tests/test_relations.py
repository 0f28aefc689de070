"""Diplomatic relations and their status, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from diplograph.extract import relations
from diplograph.nlp import analyze_text


def found(nlp: Any, text: str, published: str | None = "2024-06-20") -> set[tuple[frozenset[str], str, Any]]:
    doc = analyze_text(text, published=published, nlp=nlp)
    return {(frozenset((f.get("a"), f.get("b"))), f.get("status"), f.get("since"))
            for f in relations.extract(doc)}


def pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


@pytest.mark.parametrize("text, expected", [
    ("Kenya and Somalia restored diplomatic ties in 2022 after a year-long row.",
     (pair("KEN", "SOM"), "restored", "2022")),
    ("Egypt severed diplomatic relations with Qatar in June 2017.", (pair("EGY", "QAT"), "severed", "2017-06")),
    ("Mauritius established diplomatic relations with South Korea in 1971.",
     (pair("MUS", "KOR"), "established", "1971")),
    ("Russia downgraded diplomatic relations with Estonia, the ministry said.",
     (pair("RUS", "EST"), "downgraded", None)),
    (("Turkey and Armenia have never normalized relations, but Turkey and Egypt normalized relations "
     "in 2023."), (pair("TUR", "EGY"), "restored", "2023")),
])
def test_status_pair_and_date(nlp: Any, text: str, expected: tuple[frozenset[str], str, Any]) -> None:
    assert expected in found(nlp, text)


def test_active_relations_since_a_year(nlp: Any) -> None:
    assert found(nlp, "India and Mauritius have shared close diplomatic ties since 1968.") == {
        (pair("IND", "MUS"), "active", "1968")}


def test_diplomatic_and_other_ties_together_are_diplomatic(nlp: Any) -> None:
    facts = found(nlp, "Qatar and Egypt re-established diplomatic and economic ties in 2021.")
    assert facts == {(pair("QAT", "EGY"), "restored", "2021")}


def test_anniversary_dates_the_start(nlp: Any) -> None:
    facts = found(nlp, "April 28, 2022 marks the 70th anniversary of India-Japan diplomatic relations.")
    assert facts == {(pair("IND", "JPN"), "active", "1952-04-28")}


def test_a_list_after_with_gives_one_fact_per_country(nlp: Any) -> None:
    facts = found(nlp, "Somalia now has diplomatic ties with several Gulf states, namely Qatar, Oman and Kuwait.")
    assert {f[0] for f in facts} == {pair("SOM", "QAT"), pair("SOM", "OMN"), pair("SOM", "KWT")}


def test_our_relationship_in_a_readout(nlp: Any) -> None:
    text = ("President Ruto of Kenya met Prime Minister Kishida of Japan in Tokyo. "
            "Kenya and Japan agreed to expand trade. "
            "The leaders celebrated our 60-year diplomatic relationship.")
    assert found(nlp, text) == {(pair("KEN", "JPN"), "active", "1964")}


@pytest.mark.parametrize("text", [
    "Turkey maintains diplomatic relations with 120 countries and territories.",
    "India has established diplomatic ties with more than 190 nations.",
    "North Korea has no diplomatic relations with South Korea.",
    "ECOWAS urged Niger to restore relations with Benin.",
    "Egypt expelled the Turkish ambassador in 2013.",
    "The ministers discussed bilateral relations and trade.",
    "Israel hopes Saudi Arabia will eventually agree to a normalization of relations.",
    "Ethiopia said it would restore diplomatic ties with Eritrea only after a border deal.",
    "Somalia and Somaliland discussed establishing diplomatic relations with Ethiopia.",
    "Will Egypt and Turkey restore full diplomatic relations this year?",
    "India and China resumed trade ties after the border talks.",
    "Russia cut military relations with Japan in 2022.",
    "Saudi Arabia wants to fully normalize relations with Israel, its foreign minister said.",
    "Bahrain's king said: fully normalize relations with Qatar and open the borders.",
    "Japan took the brave step of mending ties with South Korea last year.",
    "Thailand welcomed the restoration of productive bilateral relations between Cambodia and Laos.",
    "The EU-facilitated dialogue on the normalization of relations between Kosovo and Serbia continued in Brussels.",
])
def test_no_fact(nlp: Any, text: str) -> None:
    assert found(nlp, text) == set()


def test_a_country_in_an_appositive_is_not_a_side(nlp: Any) -> None:
    got = found(nlp, "Brazil has established diplomatic relations with Bhutan, a close partner of India, "
                     "officials said on Monday.")
    assert {p for p, _, _ in got} == {pair("BRA", "BTN")}


def test_capitals_stand_for_their_governments(nlp: Any) -> None:
    got = found(nlp, "Baku and Yerevan restored diplomatic ties in March 2025.")
    assert (pair("AZE", "ARM"), "restored", "2025-03") in got


@pytest.mark.parametrize("text, expected", [
    ("Qatar reopened its embassy in Cairo in January 2021 after a three-year rift.",
     {(pair("QAT", "EGY"), "restored", "2021-01")}),
    ("Officials said Spain has no plans to reopen its embassy in Caracas.", set()),
])
def test_reopened_embassy_restores_relations(nlp: Any, text: str, expected: set[Any]) -> None:
    assert found(nlp, text) == expected


def test_relations_cut_between_two_capitals(nlp: Any) -> None:
    assert found(nlp, "Relations between Rabat and Algiers have been cut since 2021.") == {
        (pair("MAR", "DZA"), "severed", "2021")}


@pytest.mark.parametrize("text, expected", [
    ("Ghana and Togo quarrelled over the border. Both countries withdrew their ambassadors in 2019.",
     {(pair("GHA", "TGO"), "downgraded", "2019")}),
    ("Ghana recalled its ambassador from Togo in March 2023.", {(pair("GHA", "TGO"), "downgraded", "2023-03")}),
])
def test_withdrawn_ambassadors_downgrade_relations(nlp: Any, text: str, expected: set[Any]) -> None:
    assert found(nlp, text) == expected


def test_a_relative_clause_says_when_relations_were_established(nlp: Any) -> None:
    assert found(nlp, "Peru celebrated its diplomatic relations with Vietnam, which were established in 1994.") == {
        (pair("PER", "VNM"), "established", "1994")}


def test_an_announced_establishment_counts(nlp: Any) -> None:
    got = found(nlp, "The United States will establish diplomatic relations with Tuvalu, the president announced.")
    assert {(p, s) for p, s, _ in got} == {(pair("USA", "TUV"), "established")}


@pytest.mark.parametrize("text", [
    "Kenya and Brazil met in Nairobi to restore diplomatic ties.",  # a purpose, not a result
    "Serbia refused to establish diplomatic relations with Kosovo.",
])
def test_purposes_and_refusals_are_not_facts(nlp: Any, text: str) -> None:
    assert found(nlp, text) == set()


def test_ties_that_two_countries_set_up_on_a_date_are_relations_established_then(nlp: Any) -> None:
    text = ("Prime Minister Pham Minh Chinh said the agreement opens a new chapter in the ties that the two countries "
            "set up on March 2, 1992 and raised to a Strategic Partnership in 2011. Vietnam and South Korea have grown "
            "close.")
    assert found(nlp, text) == {(pair("VNM", "KOR"), "established", "1992-03-02")}


def test_trade_ties_set_up_are_no_diplomatic_relations(nlp: Any) -> None:
    assert found(nlp, "Kenya and Tanzania held talks on Monday. The two sides agreed to deepen the trade ties that "
                      "they set up in 2005.") == set()


def test_a_relative_clause_the_parser_lost_still_dates_the_relations_and_no_anniversary_arithmetic(nlp: Any) -> None:
    text = ("Vietnam and Indonesia held talks. They agreed to prepare events marking the 70th anniversary of diplomatic "
            "relations, which the two countries established on December 30, 1955.")
    assert found(nlp, text) == {(pair("VNM", "IDN"), "established", "1955-12-30")}


def test_a_country_the_nlp_stage_only_guessed_is_not_listed_after_with(nlp: Any) -> None:
    text = ("Argentina's president met Chile's foreign minister in Buenos Aires. Peru established diplomatic relations "
            "with Bolivia in 1826, shortly after the founding of the republic.")
    assert found(nlp, text) == {(pair("PER", "BOL"), "established", "1826")}


def test_plain_words_around_relations_keep_the_status(nlp: Any) -> None:
    assert found(nlp, "Egypt and Qatar restored normal relations in 2021.") == {(pair("EGY", "QAT"), "restored", "2021")}
