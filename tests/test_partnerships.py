"""Partnership frameworks, on sentences written for these tests in several outlets' styles."""

from __future__ import annotations

from typing import Any

import pytest

from diplograph.extract import partnerships
from diplograph.nlp import analyze_text


def found(nlp: Any, text: str, published: str | None = "2025-03-14") -> set[tuple[frozenset[str], str]]:
    doc = analyze_text(text, published=published, nlp=nlp)
    return {(frozenset((f.get("a"), f.get("b"))), f.get("level")) for f in partnerships.extract(doc)}


def pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


@pytest.mark.parametrize("text, expected", [
    ("Egypt values its comprehensive strategic partnership with Russia, the foreign minister said.",
     (pair("EGY", "RUS"), "comprehensive_strategic")),
    ("Japan and India's Special Strategic and Global Partnership has grown steadily since 2014.",
     (pair("JPN", "IND"), "special_strategic_and_global")),
    ("The ministers reviewed the Kenya-U.S. Strategic Partnership in Nairobi on Tuesday.",
     (pair("KEN", "USA"), "strategic")),
    ("Officials praised the Japan-Kenya Blue Economy Partnership.",
     (pair("JPN", "KEN"), "blue_economy")),
    (("Egyptian officials said Egypt values its comprehensive partnership with the European Union and its "
     "strategic partnership with Russia."), (pair("EGY", "RUS"), "strategic")),
    ("Russia and North Korea signed a Comprehensive Strategic Partnership Treaty in Pyongyang.",
     (pair("RUS", "PRK"), "comprehensive_strategic")),
    ("Vietnam and Japan upgraded ties to a Comprehensive Strategic Partnership for Peace and Prosperity in Asia.",
     (pair("VNM", "JPN"), "comprehensive_strategic")),
    ("Seoul and Ankara pledged to deepen the strategic partnership between South Korea and Turkey.",
     (pair("KOR", "TUR"), "strategic")),
])
def test_level_and_sides(nlp: Any, text: str, expected: tuple[frozenset[str], str]) -> None:
    assert expected in found(nlp, text)


def test_a_partnership_with_a_body_is_not_a_country_pair(nlp: Any) -> None:
    facts = found(nlp, "Egyptian officials said Egypt values its comprehensive partnership with the European Union.")
    assert facts == set()


def test_upgrade_date_is_since(nlp: Any) -> None:
    doc = analyze_text("India and Mauritius agreed to elevate their ties to an Enhanced Strategic Partnership "
                       "on March 12, 2025.", published="2025-03-14", nlp=nlp)
    facts = partnerships.extract(doc)
    assert [(f.get("level"), f.get("since")) for f in facts] == [("enhanced_strategic", "2025-03-12")]
    assert {facts[0].get("a"), facts[0].get("b")} == {"IND", "MUS"}


def test_our_partnership_in_a_bilateral_readout_is_the_documents_pair(nlp: Any) -> None:
    text = ("Prime Minister Narendra Modi of India met President William Ruto of Kenya in New Delhi. "
            "India and Kenya discussed trade and maritime security. "
            "We agreed to elevate our partnership to a Strategic Partnership, the leaders said.")
    assert found(nlp, text) == {(pair("IND", "KEN"), "strategic")}


def test_transcript_false_start_keeps_the_whole_level(nlp: Any) -> None:
    text = ("Turkey and Egypt held talks in Ankara. "
            "Today we raise our relationship to a Comprehensive Strate- — Strategic Partnership.")
    assert found(nlp, text) == {(pair("TUR", "EGY"), "comprehensive_strategic")}


@pytest.mark.parametrize("text", [
    "Turkey now has strategic partnerships with 20 nations across three continents.",
    "Vietnam holds strategic or comprehensive partnerships with 38 nations.",
    "The two leaders discussed a partnership on clean energy between Kenya and Somalia.",
    "Somalia is considering a strategic partnership with Qatar, officials said.",
    "The Regional Comprehensive Economic Partnership entered into force in 2022 for Japan.",
    "India and Japan attended the Partnership for Global Infrastructure and Investment summit.",
    "South Korea's strategic partnership plans were discussed in parliament.",
    "Egypt and Sudan joined the Strategic Partnership Forum with Russia.",
    "Iran's growing defense partnership with Russia worries its neighbours.",
    "Japan and Kenya launched a global partnership to fight malaria.",
    "Japan and Kenya joined the Global Partnership for Education.",
    "The leaders discussed upgrading ties between Kenya and India to a strategic partnership.",
    "Will Japan and India elevate ties to a comprehensive strategic partnership?",
    "Indonesia wants to upgrade its relationship with Australia to a comprehensive strategic partnership.",
    "Japan and Kenya announced the Japan-Kenya Strategic Partnership to Accelerate Geothermal Power.",
])
def test_no_fact(nlp: Any, text: str) -> None:
    assert found(nlp, text) == set()


def test_one_fact_per_pair_and_level_per_document(nlp: Any) -> None:
    text = ("Russia and Egypt hailed their comprehensive strategic partnership. "
            "The comprehensive strategic partnership between Egypt and Russia covers energy.")
    doc = analyze_text(text, nlp=nlp)
    assert len(partnerships.extract(doc)) == 1


def _sentence(index: int, start: int, text: str, mentions: list[tuple[str, str, str | None, dict[str, Any]]]):
    from diplograph.model import Mention, Sentence

    built = []
    for surface, kind, mid, attrs in mentions:
        at = start + text.index(surface)
        built.append(Mention(at, at + len(surface), surface, kind, mid, "test", attrs))
    return Sentence(index, start, start + len(text), text, (), tuple(built))


def test_countries_named_in_the_sentence_beat_a_pair_resolved_from_context() -> None:
    from diplograph.model import AnalyzedDocument, Document

    first = "Egypt and Turkey met in Cairo."
    second = "Marking the two countries' strategic partnership, the Kenyan envoy to Japan spoke."
    text = first + " " + second
    sentences = (
        _sentence(0, 0, first, [("Egypt", "country", "EGY", {}), ("Turkey", "country", "TUR", {})]),
        _sentence(1, len(first) + 1, second, [("the two countries", "pair", None, {"ids": ["EGY", "TUR"]}),
                                              ("Kenyan", "country", "KEN", {}), ("Japan", "country", "JPN", {})]),
    )
    doc = AnalyzedDocument(Document("d", text), sentences)
    assert {(frozenset((f.get("a"), f.get("b"))), f.get("level")) for f in partnerships.extract(doc)} == {
        (frozenset(("KEN", "JPN")), "strategic")}


def test_a_pair_mention_names_the_sides_when_the_sentence_does_not() -> None:
    from diplograph.model import AnalyzedDocument, Document

    first = "Korea hosted India."
    second = "Officials hailed the comprehensive strategic partnership between the two countries."
    text = first + " " + second
    sentences = (_sentence(0, 0, first, [("Korea", "country", "KOR", {}), ("India", "country", "IND", {})]),
                 _sentence(1, len(first) + 1, second, [("the two countries", "pair", None, {"ids": ["KOR", "IND"]})]))
    doc = AnalyzedDocument(Document("d", text), sentences)
    facts = partnerships.extract(doc)
    assert [(f.get("a"), f.get("b"), f.get("level")) for f in facts] == [("KOR", "IND", "comprehensive_strategic")]


def test_a_pair_mention_never_brings_in_a_country_the_text_does_not_name() -> None:
    from diplograph.model import AnalyzedDocument, Document

    first = "India hosted Egypt."
    second = "During the visit to Cairo, the two countries elevated their ties to a strategic partnership."
    text = first + " " + second
    sentences = (_sentence(0, 0, first, [("India", "country", "IND", {}), ("Egypt", "country", "EGY", {})]),
                 _sentence(1, len(first) + 1, second, [("the two countries", "pair", None, {"ids": ["IND", "PAK"]})]))
    doc = AnalyzedDocument(Document("d", text), sentences)
    assert {frozenset((f.get("a"), f.get("b"))) for f in partnerships.extract(doc)} == {frozenset(("IND", "EGY"))}


def test_since_is_the_date_nearest_the_framework(nlp: Any) -> None:
    doc = analyze_text("Kenya and South Korea established diplomatic relations in 1964 and set up a Strategic "
                       "Partnership in 2022.", nlp=nlp)
    assert [(f.get("level"), f.get("since")) for f in partnerships.extract(doc)] == [("strategic", "2022")]


def test_the_two_leaders_are_the_documents_pair(nlp: Any) -> None:
    doc = analyze_text("Ghana and Senegal held talks in Accra on Monday. Ghana and Senegal agreed on trade. "
                       "The two leaders also agreed to elevate relations to a strategic partnership.",
                       published="2025-03-14", nlp=nlp)
    assert {(frozenset((f.get("a"), f.get("b"))), f.get("level")) for f in partnerships.extract(doc)} == {
        (pair("GHA", "SEN"), "strategic")}


def test_the_upgrade_verb_dates_the_framework(nlp: Any) -> None:
    doc = analyze_text("Japan and Malaysia upgraded their ties to a strengthened strategic partnership in 2015.",
                       published="2024-06-20", nlp=nlp)
    assert [(f.get("a"), f.get("b"), f.get("level"), f.get("since")) for f in partnerships.extract(doc)] == [
        ("JPN", "MYS", "strengthened_strategic", "2015")]


def test_a_partnership_named_in_a_treaty_takes_the_treaty_parties(nlp: Any) -> None:
    text = ("Iranian and Belarusian ministers signed a Treaty on Comprehensive Strategic Partnership, a French "
            "diplomat told reporters in Geneva.")
    assert found(nlp, text) == {(pair("IRN", "BLR"), "comprehensive_strategic")}


@pytest.mark.parametrize("text", [
    "Egypt and Kenya aim to elevate ties to a strategic partnership.",
    "Egypt and Kenya discussed the possibility of a strategic partnership.",
    "Egypt and Kenya did not upgrade their ties to a strategic partnership.",
    "Egypt's president visited Nairobi to elevate ties to a comprehensive strategic partnership.",
])
def test_wanted_or_denied_frameworks_are_not_facts(nlp: Any, text: str) -> None:
    assert found(nlp, text) == set()


@pytest.mark.parametrize("text, expected", [
    ("Kenya is one of Japan's leading strategic partners in Africa, the minister said.",
     {(frozenset({"KEN", "JPN"}), "strategic")}),
    ("Chile became Brazil's comprehensive strategic partner in May 2023.",
     {(frozenset({"CHL", "BRA"}), "comprehensive_strategic")}),
    ("As comprehensive strategic partners, Indonesia and Australia will expand defence ties.",
     {(frozenset({"IDN", "AUS"}), "comprehensive_strategic")}),
    ("Egypt's strategic partner India remains a major buyer of its fertilisers.",
     {(frozenset({"EGY", "IND"}), "strategic")}),
    ("Malaysia and Peru have been strategic partners since 2016.", {(frozenset({"MYS", "PER"}), "strategic")}),
    ("Mexico is the largest trading partner of the United States.", set()),
])
def test_partner_nouns(nlp: Any, text: str, expected: set[Any]) -> None:
    doc = analyze_text(text, published="2024-06-15", nlp=nlp)
    assert {(frozenset((f.get("a"), f.get("b"))), f.get("level")) for f in partnerships.extract(doc)} == expected


def test_partnerships_set_up_with_both_of_two_countries_are_two_facts(nlp: Any) -> None:
    assert found(nlp, "Cambodia set up strategic partnerships with both Laos and Thailand in 2019.") == {
        (pair("KHM", "LAO"), "strategic"), (pair("KHM", "THA"), "strategic")}


def test_a_partnership_of_coordination_keeps_that_word_in_its_level(nlp: Any) -> None:
    text = ("Laos and China signed a treaty on friendship in 1961. In 2023 the two countries announced a comprehensive "
            "strategic partnership of coordination.")
    assert found(nlp, text) == {(pair("LAO", "CHN"), "comprehensive_strategic_coordination")}


@pytest.mark.parametrize("text, expected", [
    # the nlp stage guesses "bilateral" from the sentence before; the clause names the other side itself
    ("Chilean Foreign Minister Alberto van Klaveren held talks with Peruvian and Bolivian ministers in Lima. He will "
     "meet Chinese Foreign Minister Wang Yi in Beijing next week to review the bilateral Comprehensive Strategic "
     "Partnership and mining projects.", (pair("CHL", "CHN"), "comprehensive_strategic")),
    ("Mexico's foreign minister held separate talks with her Guatemalan and Honduran counterparts. On Monday she flies "
     "to Ottawa, where Canadian officials will review the bilateral Strategic Partnership and energy trade.",
     (pair("MEX", "CAN"), "strategic")),
])
def test_a_guessed_pair_yields_to_a_country_the_clause_names(nlp: Any, text: str,
                                                            expected: tuple[frozenset[str], str]) -> None:
    assert found(nlp, text) == {expected}


def test_the_two_leaders_are_the_two_countries_the_sentence_before_named(nlp: Any) -> None:
    # the document is mostly about Kenya and Uganda; "the two leaders" are those of the visit just told
    text = ("Kenya and Uganda signed a border deal in Kampala on Monday. Kenya and Uganda also agreed to build a "
            "railway. Uganda's president thanked Kenya. On Wednesday the Kenyan president flew on to Malaysia, the "
            "first such visit. The two leaders elevated the relationship to an Enhanced Partnership.")
    assert found(nlp, text) == {(pair("KEN", "MYS"), "enhanced")}


@pytest.mark.parametrize("text, expected", [
    # the one country named and the country of the person who speaks ("Modi said the countries had ...")
    ("Prime Minister Narendra Modi, chief guest at Ghana's national day parade on Friday, said the countries had "
     "raised ties to a strategic partnership.", (pair("IND", "GHA"), "strategic")),
    # a pronoun takes its person's office; the nlp stage's "bilateral" guess (the Lao and Thai ministers) yields
    ("Foreign Minister Bui Thanh Son attended the regional meeting in Vientiane on Tuesday with his Lao and Thai "
     "counterparts. He later met US Secretary of State Antony Blinken and hailed the bilateral Comprehensive Strategic "
     "Partnership.", (pair("VNM", "USA"), "comprehensive_strategic")),
])
def test_a_person_of_the_sentence_is_the_side_the_text_leaves_unnamed(
        nlp: Any, text: str, expected: tuple[frozenset[str], str]) -> None:
    assert found(nlp, text) == {expected}


def test_a_leader_and_his_counterpart_lift_ties_and_an_establishment_dates_it(nlp: Any) -> None:
    assert (pair("AUS", "IDN"), "comprehensive_strategic") in found(
        nlp, "Prime Minister Anthony Albanese and his Indonesian counterpart Prabowo Subianto agreed to lift ties to "
             "a Comprehensive Strategic Partnership.", "2024-11-12")
    doc = analyze_text("Since the establishment of the Chile-Japan strategic partnership in 2004, trade has grown.",
                       published="2025-03-14", nlp=nlp)
    assert [(f.get("level"), f.get("since")) for f in partnerships.extract(doc)] == [("strategic", "2004")]


def test_a_year_end_list_of_upgrades_each_with_its_month(nlp: Any) -> None:
    doc = analyze_text("Chile had a busy year. Chile, in a year of busy diplomacy, upgraded its relations with Japan "
                       "in March, Korea in June and Peru in September to strategic partnerships. Relations with Cuba "
                       "were elevated to a comprehensive partnership in August, and Fiji and Samoa also became "
                       "comprehensive partners.",
                       published="2025-01-05", nlp=nlp)
    got = {(frozenset((f.get("a"), f.get("b"))), f.get("level"), f.get("since")) for f in partnerships.extract(doc)}
    assert {(pair("CHL", "JPN"), "strategic", "2024-03"), (pair("CHL", "KOR"), "strategic", "2024-06"),
            (pair("CHL", "PER"), "strategic", "2024-09")} <= got, got
    assert {p for p, level, _ in got if level == "comprehensive"} == {pair("CHL", "CUB"), pair("CHL", "FJI"),
                                                                      pair("CHL", "WSM")}, got
