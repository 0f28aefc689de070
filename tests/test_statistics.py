"""The statistics extractor on short sentences in several outlets' styles (written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from diplograph.extract import statistics
from diplograph.model import AnalyzedDocument, Document, Mention, Sentence
from diplograph.nlp import analyze_text


def _stats(nlp: Any, text: str, published: str | None = "2025-06-15") -> set[tuple[Any, ...]]:
    adoc = analyze_text(text, published=published, nlp=nlp)
    return {(f.get("subject"), f.get("metric"), f.get("value"), f.get("qualifier"))
            for f in statistics.extract(adoc)}


@pytest.mark.parametrize("text, expected", [
    # government statements and year-end reviews
    (("Mexico has established diplomatic relations with 190 out of 193 UN member states, including "
      "12 strategic partners (two comprehensive strategic partners) and 9 comprehensive partners."),
     {("MEX", "diplomatic_relations", 190, "exact"), ("MEX", "strategic_partners", 12, "exact"),
      ("MEX", "comprehensive_strategic_partners", 2, "exact"), ("MEX", "comprehensive_partners", 9, "exact")}),
    ("India now has diplomatic relations with 193 countries, the minister said on Tuesday.",
     {("IND", "diplomatic_relations", 193, "exact")}),
    ("Russia has strategic partnerships with 14 countries and comprehensive strategic partnerships with five.",
     {("RUS", "strategic_partners", 14, "exact"), ("RUS", "comprehensive_strategic_partners", 5, "exact")}),
    ("Australia now has 14 comprehensive strategic partnerships and 9 strategic partnerships.",
     {("AUS", "comprehensive_strategic_partners", 14, "exact"), ("AUS", "strategic_partners", 9, "exact")}),
    ("Indonesia holds strategic or comprehensive partnerships with 25 nations.",
     {("IDN", "strategic_and_comprehensive_partners", 25, "exact")}),
    ("Japan is a member of over 100 international organizations.", {("JPN", "org_memberships", 100, "over")}),
    ("Kenya has signed 12 free trade agreements, and trade links with 150 markets.",
     {("KEN", "free_trade_agreements", 12, "exact"), ("KEN", "trade_partners", 150, "exact")}),
    ("Egypt has joined more than 300 bilateral and multilateral cooperation agreements.",
     {("EGY", "cooperation_agreements", 300, "over")}),
    ("Over the past decade, Japan has provided aid to more than 150 countries and regions.",
     {("JPN", "aid_recipients", 150, "over")}),
    # diaspora
    ("The Indian diaspora of 35 million people lives in more than 200 countries.",
     {("IND", "overseas_population", 35_000_000, "exact"), ("IND", "overseas_countries", 200, "over")}),
    ("The over 2 million-strong Filipino community across nearly 100 countries keeps close ties with home.",
     {("PHL", "overseas_population", 2_000_000, "over"), ("PHL", "overseas_countries", 100, "nearly")}),
    # peacekeeping, visits
    ("Bangladesh has more than 5,000 troops deployed in UN peacekeeping missions.",
     {("BGD", "peacekeepers_deployed", 5000, "over")}),
    ("Prime Minister Narendra Modi of India has made 10 visits abroad this year.",
     {("IND", "outgoing_leader_visits", 10, "exact")}),
    ("Last year Egypt received nearly 40 incoming visits and its leaders made 25 overseas trips.",
     {("EGY", "incoming_leader_visits", 40, "nearly"), ("EGY", "outgoing_leader_visits", 25, "exact")}),
    # wire copy: transactional claims get metric "other"
    ("Turkey hosts nearly 3.2 million Syrian refugees, the largest refugee population in the world.",
     {("TUR", "other", 3_200_000, "nearly")}),
    ("The IMF approved a $3 billion loan for Egypt on Friday.", {("IMF", "other", 3_000_000_000, "exact")}),
    ("Japan will provide 5 billion yen in grant aid to Kenya.", {("JPN", "other", 5_000_000_000, "exact")}),
    ("The United States imposed a 50 percent tariff on Indian goods in August.", {("USA", "other", 50, "exact")}),
    ("Kenya Airways has agreed to buy 12 aircraft from Embraer, a deal worth over $1.2 billion.",
     {("KEN", "other", 12, "exact"), ("KEN", "other", 1_200_000_000, "over")}),
    ("Russia said on Monday it had expelled 10 diplomats from Moldova.", {("RUS", "other", 10, "exact")}),
    ("The G7 countries account for about 40 percent of global GDP.", {("G7", "other", 40, "about")}),
    ("Ghana will release up to 40 fishermen detained last month.", {("GHA", "other", 40, "up_to")}),
    # transcripts
    ("We, Japan, have committed $15 million to clear unexploded ordnance.", {("JPN", "other", 15_000_000, "exact")}),
])
def test_statistics(nlp: Any, text: str, expected: set[tuple[Any, ...]]) -> None:
    assert _stats(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "The summit was attended by 35 heads of state and government.",
    "South Korea's exports to China fell 5.2 percent in May.",
    "The two leaders agreed to raise bilateral trade to $100 billion by 2030.",
    "India and Mauritius signed eight agreements during the visit.",
    "Vietnam is among the top 10 trading partners of the United States.",
    "The 79-year-old president met 12 leaders at the G20 summit in 2023.",
    "North Korea fired two ballistic missiles on Sunday, Seoul said.",
    "Resolution 2231 was adopted in 2015 after 12 years of talks.",
    "The COVID-19 pandemic hit the 27 member states of the EU in 2020.",
    "The countries marked 200 years of diplomatic relations at 2:17 P.M. on Tuesday.",
    "We have provided more than $40 billion in security assistance.",
    "About 70 percent of Somalia's population is under 30.",
    "It was the 132nd anniversary; call 024 3823 5678 for details.",
    # the subject is an actor we cannot name: not the document's country
    "Vietnam and the bloc held talks.\nThe bloc has signed free trade agreements with 70 countries.",
])
def test_not_a_statistic(nlp: Any, text: str) -> None:
    assert _stats(nlp, text) == set()


def test_fields_of_a_statistic(nlp: Any) -> None:
    adoc = analyze_text("By the end of 2024, overseas Kenyans had invested 1.2 billion USD in 310 projects.\n"
                        "Each year, the Kenyan diaspora remits around 4 billion USD.", published="2025-02",
                        nlp=nlp)
    facts = {f.get("metric"): f for f in statistics.extract(adoc)}
    usd = facts["overseas_investment_usd"]
    assert (usd.get("subject"), usd.get("value"), usd.get("unit"), usd.get("as_of")) == ("KEN", 1_200_000_000, "USD", "2024-12")
    assert facts["overseas_investment_projects"].get("value") == 310
    remit = facts["remittances_usd_per_year"]
    assert (remit.get("value"), remit.get("qualifier"), remit.get("as_of")) == (4_000_000_000, "about", "2025-02")
    assert usd.evidence.text.startswith("By the end of 2024")


def test_denominator_and_default_as_of(nlp: Any) -> None:
    adoc = analyze_text("Brazil has diplomatic relations with 190 of the 193 UN member states.", published=None, nlp=nlp)
    [fact] = statistics.extract(adoc)
    assert (fact.get("value"), fact.get("of"), fact.get("as_of")) == (190, 193, None)


def test_party_parliament_and_front_subjects(nlp: Any) -> None:
    text = ("So far, the CPV has established relations with 253 political parties across 115 countries.\n"
            "The National Assembly has engaged with parliaments of over 140 nations, while the Vietnam Fatherland "
            "Front has forged ties with 1,200 international partners.\n"
            "Vietnam is a member of more than 70 organizations.")
    got = _stats(nlp, text)
    assert ("CPV", "party_relations", 253, "exact") in got
    assert ("CPV", "party_relation_countries", 115, "exact") in got
    assert ("NA_VNM", "parliament_relations", 140, "over") in got
    assert ("VFF", "people_org_partners", 1200, "exact") in got


def test_implicit_subject_is_the_documents_country_without_a_parse() -> None:
    """No tokens (a blank pipeline): "The country" and a bare count fall back to the focus country."""
    text = "Chile signed a deal.\nThe country has joined 33 free trade agreements."
    second = text.index("The country")
    sentences = (
        Sentence(0, 0, second - 1, text[:second - 1], mentions=(Mention(0, 5, "Chile", "country", "CHL"),)),
        Sentence(1, second, len(text), text[second:]),
    )
    adoc = AnalyzedDocument(Document("d", text, published="2024"), sentences)
    [fact] = statistics.extract(adoc)
    assert (fact.get("subject"), fact.get("metric"), fact.get("value"), fact.get("as_of")) == (
        "CHL", "free_trade_agreements", 33, "2024")


@pytest.mark.parametrize("text, expected", [
    # wire copy
    ("About 18 million Mexicans live abroad, the ministry said.",
     {("MEX", "overseas_population", 18000000, "about")}),
    ("Filipino workers sent home $38 billion last year, the central bank said.",
     {("PHL", "remittances_usd_per_year", 38000000000, "exact")}),
    ("Uganda has some 4,000 troops serving under the African Union Transition Mission in Somalia.",
     {("UGA", "peacekeepers_deployed", 4000, "about")}),
    ("Ghana is one of the founders of the 15-nation Economic Community of West African States.",
     {("ECOWAS", "other", 15, "exact")}),
    ("Nicaragua became the 190th country with which Japan has diplomatic relations.",
     {("JPN", "diplomatic_relations", 190, "exact")}),
    ("Laos became the 180th country to establish diplomatic ties with Brazil.",
     {("BRA", "diplomatic_relations", 180, "exact")}),
    # ministry statements: a possessor among two countries, a trade figure reached
    ("Kenya's exports to Uganda were worth about $900 million last year.",
     {("KEN", "other", 900000000, "about")}),
    # transcripts: the present figure beside a target is a claim, the target is not
    (("The president said Turkey wanted to raise annual trade with Iraq to $30 billion in the coming years, "
      "from about $20 billion now."),
     {("TUR", "other", 20000000000, "about")}),
])
def test_round_two_patterns(nlp: Any, text: str, expected: set[tuple[Any, ...]]) -> None:
    assert _stats(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Vietnam aims to reach $100 billion in trade with India by 2030.",
    "India and the UAE agreed to boost bilateral trade to $100 billion.",
    "Egypt plans to increase remittances to $40 billion by 2030.",
    "Kenya will double its exports to Japan to $2 billion over the next five years.",
])
def test_targets_are_not_claims(nlp: Any, text: str) -> None:
    assert _stats(nlp, text) == set()


def test_membership_count_of_a_bloc_named_earlier(nlp: Any) -> None:
    text = ("Egypt and Ethiopia joined BRICS on Monday. "
            "The expansion brings the group's membership to nine countries.")
    assert ("BRICS", "other", 9, "exact") in _stats(nlp, text)


@pytest.mark.parametrize("text, expected", [
    ("Kenyans abroad sent home $4.2 billion in 2023.", {("KEN", "remittances_usd_per_year", 4200000000, "exact")}),
    ("The African Union, which has 55 member states, suspended Niger.", {("AU", "other", 55, "exact")}),
    ("Nigeria has deployed 1,200 troops to the ECOWAS standby force in Gambia.",
     {("NGA", "peacekeepers_deployed", 1200, "exact")}),
])
def test_demonym_senders_body_sizes_and_standby_forces(nlp: Any, text: str, expected: set[tuple[Any, ...]]) -> None:
    assert _stats(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Chile has free trade agreements in force with 31 countries.", {("CHL", "free_trade_agreements", 31, "exact")}),
    ("Ghana has so far deployed about 300 police officers to Somalia, a key contributor to the mission.",
     {("GHA", "peacekeepers_deployed", 300, "about")}),
    ("Peru and China signed 12 memorandums of understanding covering energy and health.",
     {("PER", "cooperation_agreements", 12, "exact")}),
    ("Brazil's president made 15 official foreign visits and Brazil hosted more than 20 heads of state.",
     {("BRA", "outgoing_leader_visits", 15, "exact"), ("BRA", "incoming_leader_visits", 20, "over")}),
    # companies' MoUs are not the country's cooperation agreements
    ("Peruvian companies signed nine MoUs with Chinese firms to buy machinery.", set()),
])
def test_round_three_patterns(nlp: Any, text: str, expected: set[tuple[Any, ...]]) -> None:
    got = {f for f in _stats(nlp, text) if f[1] != "other"}
    assert got == expected


def test_size_of_a_foreign_service(nlp: Any) -> None:
    got = _stats(nlp, "Brazil now runs 230 diplomatic and consular missions abroad, the minister said.")
    assert ("BRA", "other", 230, "exact") in got


def test_votes_won_in_an_election(nlp: Any) -> None:
    got = _stats(nlp, "Panama was elected to the UN Security Council in June with 183 votes.")
    assert ("PAN", "other", 183, "exact") in got
    adopted = _stats(nlp, "The resolution was adopted by 120 votes to 8, a defeat for Britain.")
    assert not any(f[2] == 120 for f in adopted)
