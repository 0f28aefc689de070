"""The statistics extractor and the number parser, on short sentences written for these tests in several
outlets' styles (government year-end reviews, wire copy, ministry readouts, Asian, African and Latin
American outlets' English)."""

from __future__ import annotations

from typing import Any

import pytest

from diplograph.extract import statistics
from diplograph.nlp import analyze_text
from diplograph.nlp.numbers import parse


def _facts(nlp: Any, text: str, published: str | None = "2025-06-15") -> list[Any]:
    return statistics.extract(analyze_text(text, published=published, nlp=nlp))


def _stats(nlp: Any, text: str, published: str | None = "2025-06-15") -> set[tuple[Any, ...]]:
    return {(f.get("subject"), f.get("metric"), f.get("value")) for f in _facts(nlp, text, published)}


# --------------------------------------------------------------------------- FACTS.md metrics

@pytest.mark.parametrize("text, expected", [
    # year-end reviews (Vietnamese, Indonesian, Mexican government outlets)
    (("Mexico has established diplomatic relations with 190 out of 193 UN member states, including "
      "12 strategic partners (two comprehensive strategic partners) and 9 comprehensive partners."),
     {("MEX", "diplomatic_relations", 190), ("MEX", "strategic_partners", 12),
      ("MEX", "comprehensive_strategic_partners", 2), ("MEX", "comprehensive_partners", 9)}),
    ("Indonesia now holds strategic or comprehensive partnerships with 25 nations.",
     {("IDN", "strategic_and_comprehensive_partners", 25)}),
    ("Laos has so far set up strategic and comprehensive strategic partnership with 11 countries.",
     {("LAO", "strategic_and_comprehensive_partners", 11)}),
    ("Japan is a member of over 100 international organizations and forums.", {("JPN", "org_memberships", 100)}),
    ("Chile has free trade agreements in force with 31 economies.", {("CHL", "free_trade_agreements", 31)}),
    ("Thus far, Kenya has signed 12 free trade agreements (FTAs) with its partners.",
     {("KEN", "free_trade_agreements", 12)}),
    ("Cambodia maintains trade relations with 150 countries and territories.", {("KHM", "trade_partners", 150)}),
    ("Egypt has joined more than 300 bilateral and multilateral cooperation agreements.",
     {("EGY", "cooperation_agreements", 300)}),
    ("Over the past decade, Japan has provided aid to more than 150 countries and regions.",
     {("JPN", "aid_recipients", 150)}),
    ("Bangladesh has more than 5,000 troops deployed in UN peacekeeping missions.",
     {("BGD", "peacekeepers_deployed", 5000)}),
    ("The Prime Minister of India undertook 12 visits abroad during the year.",
     {("IND", "outgoing_leader_visits", 12)}),
    ("In 2024, Brazil hosted more than 20 heads of state and government.", {("BRA", "incoming_leader_visits", 20)}),
    ("Laos became the 180th country to establish diplomatic ties with Brazil.",
     {("BRA", "diplomatic_relations", 180)}),
])
def test_facts_metrics(nlp: Any, text: str, expected: set[tuple[Any, ...]]) -> None:
    assert _stats(nlp, text) == expected


def test_party_parliament_and_front_keep_their_bodies(nlp: Any) -> None:
    text = ("Vietnam marked a year of active diplomacy.\n"
            "So far, the CPV has established relations with 253 political parties across 115 countries.\n"
            "The National Assembly has engaged with parliaments of over 140 nations, while the Vietnam Fatherland "
            "Front has forged ties with 1,200 international partners.")
    got = _stats(nlp, text)
    assert {("CPV", "party_relations", 253), ("CPV", "party_relation_countries", 115),
            ("NA_VNM", "parliament_relations", 140), ("VFF", "people_org_partners", 1200)} <= got


def test_diaspora_remittances_and_investment(nlp: Any) -> None:
    text = ("The over 3 million-strong Filipino community across nearly 100 countries keeps close ties with home.\n"
            "By the end of 2024, overseas Filipinos had invested 2.5 billion USD in 310 projects.\n"
            "Each year, they remit around 30 billion USD to their families.")
    got = _stats(nlp, text)
    assert {("PHL", "overseas_population", 3_000_000), ("PHL", "overseas_countries", 100),
            ("PHL", "overseas_investment_usd", 2_500_000_000), ("PHL", "overseas_investment_projects", 310),
            ("PHL", "remittances_usd_per_year", 30_000_000_000)} <= got


def test_fields_denominator_qualifier_unit_and_dates(nlp: Any) -> None:
    [fact] = _facts(nlp, "Brazil has diplomatic relations with 190 of the 193 UN member states.", published=None)
    assert (fact.get("value"), fact.get("of"), fact.get("as_of"), fact.get("unit")) == (190, 193, None, "count")
    [fact] = _facts(nlp, "In 2023, about 18 million Mexicans lived abroad, the ministry said.")
    assert (fact.get("subject"), fact.get("metric"), fact.get("qualifier"), fact.get("unit"), fact.get("as_of")) == (
        "MEX", "overseas_population", "about", "persons", "2023")


# --------------------------------------------------------------------------- "other": subject and label

@pytest.mark.parametrize("text, expected", [
    # the counted thing names its country, in the clause's subject (passive wire copy)
    ("More than 120 Vietnamese fishing boats were seen near the reef, the Philippine coast guard said.",
     {("VNM", "other", 120)}),
    # the subject of the clause; a person stands for their country
    ("Ghanaian President John Mahama announced that Accra would invest about $20 million in rural clinics.",
     {("GHA", "other", 20_000_000)}),
    ("Thailand will release 18 Cambodian soldiers detained since July.", {("THA", "other", 18)}),
    ("Japan imposed 15% tariffs on steel imports from Korea in May.", {("JPN", "other", 15)}),
    # the owner of the figure's phrase, down a relative clause
    ("Brazil's $5 billion fund to build roads in nearly 30 countries was launched in Lima.",
     {("BRA", "other", 5_000_000_000), ("BRA", "other", 30)}),
    ("In 2022, South Korea contributed 9% of the $4 billion that Peru received from abroad.",
     {("KOR", "other", 9), ("PER", "other", 4_000_000_000)}),
    # a share of an actor, a possessive owner
    ("Some 45% of the EU's population lives in the four founding states.", {("EU", "other", 45)}),
    # a hyphenated size of a body
    ("Indonesia chairs the 11-member Association of Southeast Asian Nations this year.", {("ASEAN", "other", 11)}),
    # areas and weights
    ("Guyana's border claim covers some 160,000 square kilometres of forest.", {("GUY", "other", 160_000)}),
    ("North Korea has stockpiled about 50 kilograms of plutonium, the agency said.", {("PRK", "other", 50)}),
    # members of a national body stand for its country
    ("Nine members of the Kenyan Senate wrote to the minister on Friday.", {("KEN", "other", 9)}),
    # growth: a multiple
    ("Trade between Russia and Mongolia grew threefold last year.", {("RUS", "other", 3)}),
])
def test_other_statistics(nlp: Any, text: str, expected: set[tuple[Any, ...]]) -> None:
    assert _stats(nlp, text) == expected


def test_other_labels_are_noun_phrases(nlp: Any) -> None:
    labels = {f.get("value"): f.get("label") for f in _facts(
        nlp, "Japan imposed 15% tariffs on steel imports.\nMore than 40 Chinese vessels were spotted near the atoll.")}
    assert labels == {15: "tariffs on steel imports", 40: "Chinese vessels"}
    [fact] = _facts(nlp, "Senegal imposed 15% tariffs on rice.")
    assert (fact.get("unit"), fact.get("metric")) == ("percent", "other")
    labels = {f.get("value"): f.get("label") for f in _facts(
        nlp, "Two-way trade between Chile and Peru reached $5 billion.\nPeru sent a 2,000-man contingent.")}
    assert labels == {5_000_000_000: "Two-way trade between Chile and Peru", 2000: "contingent"}


def test_reported_clause_source_is_not_the_subject(nlp: Any) -> None:
    got = _stats(nlp, "Pakistan is recovering from floods.\n"
                      "The UN says the floods have displaced close to a million Pakistanis this year.")
    assert got == {("PAK", "other", 1_000_000)}


def test_joint_acts_and_pairs_go_to_the_documents_focus(nlp: Any) -> None:
    text = ("Ghana's president visited Togo on Monday.\nGhana and Togo signed eight pacts during the visit.\n"
            "Ghana wants closer ties.\nTrade between the two countries hit $900 million last year.")
    assert {("GHA", "other", 8), ("GHA", "other", 900_000_000)} <= _stats(nlp, text)


def test_definite_body_and_these_investments_refer_back(nlp: Any) -> None:
    text = ("Nigeria hosted the launch of the ECOWAS Standby Force on Tuesday.\n"
            "The force is expected to comprise 5,000 troops.")
    assert _stats(nlp, text) == {("ECOWAS_SF", "other", 5000)}
    text = ("Leaders discussed new Japanese investment in Ghana's north.\n"
            "These investments include support for over 40 rural clinics.")
    assert ("JPN", "other", 40) in _stats(nlp, text)


def test_killed_in_a_war_falls_back_on_the_documents_focus(nlp: Any) -> None:
    text = "Liberia marked twenty years of peace.\nThe war, which ended in 2003, killed 250,000 people."
    assert _stats(nlp, text) == {("LBR", "other", 250_000)}


def test_present_figure_beside_a_target_is_a_claim(nlp: Any) -> None:
    text = "Erdogan said Turkey wanted to raise annual trade with Iraq to $30 billion, from about $20 billion now."
    assert _stats(nlp, text) == {("TUR", "other", 20_000_000_000)}


# --------------------------------------------------------------------------- not statistics

@pytest.mark.parametrize("text", [
    "The 79-year-old president met Kenya's leaders at the 43rd session in 2023.",  # age, ordinal, year
    "Britain will lease the base to Mauritius for 99 years.",  # duration
    "Senators of Chile serve eight-year terms.",  # duration
    "The Chilean and Peruvian leaders met at 10:30 on Monday.",  # clock time
    "The two countries agreed to work together, the three leaders said.",  # known sets
    "Vietnam's foreign policy rests on three pillars and five priorities.",  # nothing counted
    "Cuba joined the COP 29 talks and the G20 meeting in Brazil.",  # numbers in names
    "India aims to raise bilateral trade with Oman to $15 billion by 2030.",  # target
    "Kenya and Japan agreed to boost trade to $3 billion.",  # target
    "Exports from Peru to China could reach $40 billion.",  # hypothetical reach
    "Egypt is one of the founders of the Arab League.",  # "one of"
    "Ghana did not send any troops, and it signed no agreements.",
    "The island lies 1,200 kilometres away from Mauritius.",  # a distance
    "Chile sold copper worth 26 billion pesos ($30 million) to Japan.",  # keeps the pesos, not the conversion
    "I paid $300 for a room in Hanoi, she said.",  # an anecdote
    "Canada doubled a previous 10% levy on Chinese cars.",  # a superseded figure
])
def test_not_a_statistic(nlp: Any, text: str) -> None:
    got = {v for _, _, v in _stats(nlp, text)}
    assert got <= {26_000_000_000}


def test_list_numbers_and_vague_amounts(nlp: Any) -> None:
    assert _stats(nlp, "3.\nThe Authority thanks Ghana.\nThousands of Ghanaians marched in Accra.") == set()


# --------------------------------------------------------------------------- the number parser

@pytest.mark.parametrize("text, after, before, value, unit, qualifier", [
    ("close to a million", "", "", 1_000_000, None, "nearly"),
    ("million", "", "forced close to a ", 1_000_000, None, "nearly"),
    ("more than four dozen", "", "", 48, None, "over"),
    ("an additional two million", "doses", "", 2_000_000, None, "exact"),
    ("over a billion dollars", "", "", 1_000_000_000, "USD", "over"),
    ("30 billion", "to the", "USD 400 million and Rs ", 30_000_000_000, "INR", "exact"),
    ("26 billion baht", "", "", 26_000_000_000, "THB", "exact"),
    ("up to 16.6 billion yen", "", "", 16_600_000_000, "JPY", "about"),
    ("as many as 5 million", "", "", 5_000_000, None, "about"),
    ("some 100,000 square kilometers", "", "", 100_000, "km2", "about"),
    ("275 kilos", "", "", 275, "kg", "exact"),
    ("500 megawatts", "", "", 500, "MW", "exact"),
    ("nine-fold", "", "", 9, "times", "exact"),
    ("threefold", "", "", 3, "times", "exact"),
    ("a zero percent", "", "", 0, "percent", "exact"),
    ("at least 65%", "", "", 65, "percent", "at_least"),
    ("Sixty-Sixth", "", "", 66, "ordinal", "exact"),
])
def test_number_parser(text: str, after: str, before: str, value: float, unit: str | None, qualifier: str) -> None:
    q = parse(text, after=after, before=before)
    assert q is not None and (q.value, q.unit, q.qualifier) == (value, unit, qualifier)


@pytest.mark.parametrize("text", ["12:53", "19/5/1890", "thousands", "several hundred", "one-third", "half"])
def test_not_numbers(text: str) -> None:
    assert parse(text) is None


# --------------------------------------------------------------------------- precision at scale

@pytest.mark.parametrize("text", [
    "Ambassador Okafor and her husband have three children.",                       # a biography
    "She has served at two of the region's oldest human rights organisations.",     # part of a ranked set
    "The plan puts Chile in a strong position to cut emissions over 50% by 2035.",  # a target, by a later year
    "She sits on the board of the Fortune 150 company Andes Mining.",                # a number in a name
])
def test_no_statistic(nlp: Any, text: str) -> None:
    assert _facts(nlp, text, published="2024-06-15") == []


def test_a_fraction_of_a_number_word() -> None:
    assert parse("a billion", "dollars", before="almost a quarter of").value == 250_000_000
    assert parse("a million", "people", before="half").value == 500_000


def test_labels_are_noun_phrases(nlp: Any) -> None:
    [fact] = _facts(nlp, "Kenya's mediation saw nearly 20,000 refugees returning home from camps in the north.")
    assert fact.get("label") == "refugees"
    [fact] = _facts(nlp, "Nigeria would invest about $11 million in several border health projects.")
    assert fact.get("label") == "several border health projects"


# --------------------------------------------------------------------------- domestic figures

def _published_by(nlp: Any, url: str, text: str) -> set[tuple[Any, ...]]:
    from diplograph.model import Document
    from diplograph.nlp import analyze

    adoc = next(analyze([Document(id="t", text=text, url=url, published="2025-06-15")], nlp=nlp))
    return {(f.get("subject"), f.get("metric"), f.get("value")) for f in statistics.extract(adoc)}


def test_a_governments_domestic_figures_are_not_foreign_relations(nlp: Any) -> None:
    us = "https://www.example.gov/briefing/release"
    assert _published_by(nlp, us, "The United States added 250,000 jobs last month.") == set()
    assert _published_by(nlp, us, "Wages in America rose 4 percent, and 600 bridges were repaired.") == set()
    # the same publisher's figures that involve another side, or trade and troops, are kept
    assert ("USA", "other", 2_000_000_000) in _published_by(
        nlp, us, "American soybean exports reached $2 billion this year.")
    assert _published_by(nlp, us, "The United States shipped $40 million in vaccines to Peru.")
    assert _published_by(nlp, us, "The Pentagon deployed 3,000 troops to the region.")
    vn = "https://news.example.vn/economy/story"
    assert _published_by(nlp, vn, "Vietnam's GDP grew 7.1 percent in 2025.") == set()
    assert _published_by(nlp, vn, "Vietnam welcomed 17 million foreign tourists in 2025.")


def test_with_no_known_publisher_a_named_countrys_figures_are_kept(nlp: Any) -> None:
    assert ("GHA", "other", 6) in _stats(nlp, "Ghana's economy grew 6 percent last year, officials said.")


def test_generic_figures_questions_and_broken_off_sentences_claim_nothing(nlp: Any) -> None:
    assert _stats(nlp, "No two nations on Earth share such a long border as Chile and Argentina.") == set()
    assert _stats(nlp, "Is Peru really buying 40 percent of its wheat from Canada?") == set()
    assert _stats(nlp, "Q And the 5,000 migrants from Haiti —") == set()


def test_a_third_party_transfer_is_no_party_relation(nlp: Any) -> None:
    found = _stats(nlp, "Poland authorized third-party transfers of tanks from more than 14 countries.")
    assert all(metric != "party_relation_countries" for _, metric, _ in found)


def test_a_named_giver_that_is_no_state_owns_its_figure(nlp: Any) -> None:
    found = _stats(nlp, "Donors pledged $12 million for the fund: $9 million from Unilever and $3 million "
                        "from the Government of Norway.")
    assert not any(value == 9_000_000 for _, _, value in found)


def test_a_body_named_on_the_commitment_owns_its_figure(nlp: Any) -> None:
    found = _stats(nlp, "Kenya and Japan are working to fulfill the G20 pledge to support at least 50 "
                        "low-income countries in their debt talks.")
    assert {subject for subject, _, value in found if value == 50} == {"G20"}


def test_a_count_inside_a_descriptor_is_no_statistic(nlp: Any) -> None:
    assert _stats(nlp, "Both leaders backed a two-state solution for the region.") == set()
    assert ("ECOWAS", "other", 15) in _stats(nlp, "ECOWAS, the 15-nation bloc, met in Abuja.")


def test_labels_leave_out_the_next_figures_conjunct_and_name_what_changes(nlp: Any) -> None:
    facts = _facts(nlp, "Chad had a tourist visa overstay rate of 9.1 percent and a student visa overstay "
                        "rate of 22.9 percent.")
    labels = {f.get("value"): f.get("label") for f in facts}
    assert labels.get(9.1) == "tourist visa overstay rate"
    facts = _facts(nlp, "Economists say the new tariffs on Chinese steel would grow Mexico's economy by $3 billion.")
    assert [f.get("label") for f in facts if f.get("value") == 3_000_000_000] == ["growth of economy"]


def test_a_count_of_papers_signed_by_two_leaders_is_the_publishers_side(nlp: Any) -> None:
    from diplograph.model import Document
    from diplograph.nlp import analyze

    text = ("Vietnam's Prime Minister Pham Minh Chinh hosted Thai Prime Minister Srettha Thavisin in Hanoi.\n"
            "Following the talks, the two leaders witnessed the signing of 11 cooperation documents.")
    adoc = next(analyze([Document(id="t", text=text, url="https://news.example.vn/a", published="2025-01-27")],
                        nlp=nlp))
    assert {(f.get("subject"), f.get("value")) for f in statistics.extract(adoc)} == {("VNM", 11)}


def test_a_change_year_on_year_is_the_growth_of_what_the_clause_counts(nlp: Any) -> None:
    facts = _facts(nlp, "Thailand welcomed 35 million foreign visitors in 2024, up 26 percent year on year.")
    labels = {f.get("value"): f.get("label") for f in facts}
    assert labels.get(26) == "growth of foreign visitors"


def test_it_as_subject_is_the_country_that_was_the_subject_before(nlp: Any) -> None:
    found = _stats(nlp, "Peru joined the convention in 1990. It currently has 13 world heritage sites listed by UNESCO.")
    assert ("PER", "other", 13) in found


def test_currency_named_by_a_country_and_growth_in_per_cent(nlp: Any) -> None:
    facts = _facts(nlp, "Laos and Thailand did 9.5 billion U.S. dollars of trade in 2024, up 4.2 per cent "
                        "year-on-year.")
    got = {(f.get("value"), f.get("unit")) for f in facts}
    assert (9_500_000_000, "USD") in got and (4.2, "percent") in got
    assert all(f.get("subject") != "USA" for f in facts)
    assert parse("180", after=" votes", before="Chile won ").unit is None  # "won" the verb, not the currency


def test_organ_named_by_its_head_noun_and_the_subject_of_a_copula(nlp: Any) -> None:
    stats = _stats(nlp, "Chile sits on the UN Security Council. The 15-member council meets daily.")
    assert any(s[0] == "UNSC" and s[2] == 15 for s in stats), stats
    stats = _stats(nlp, "Korea, with 800 projects worth $5.1 billion, is Laos's second largest investor.")
    assert {s[0] for s in stats} == {"KOR"}, stats


def test_the_number_brought_to_a_figure(nlp: Any) -> None:
    stats = _stats(nlp, "Laos upgraded ties with Japan, bringing the number of its strategic partners to 12.")
    assert any(s[:3] == ("LAO", "strategic_partners", 12) for s in stats), stats


def test_labels_keep_what_is_counted(nlp: Any) -> None:
    labels = {f.get("label") for f in _facts(nlp, "Brazil exported 3.2 million tonnes of soybeans to China. "
                                                  "Chile's exports to Peru rose 3.5 percent.")}
    assert "soybeans" in labels and "exports to Peru" in labels, labels


def test_possibilities_and_weights_are_not_counts_or_money(nlp: Any) -> None:
    assert not _stats(nlp, "Another 30 million people in Chile could fall into poverty this year, a study warned.")
    assert parse("20,000", after=" pounds of rice").unit == "lb"
    assert parse("20 million", after=" pounds in aid").unit == "GBP"


def test_bilateral_trade_is_the_cited_sources_figure_and_topped_is_over(nlp: Any) -> None:
    facts = _facts(nlp, "According to Peruvian customs data, two-way trade exceeded 2 billion USD in 2024.",
                   published="2025-03-01")
    assert [(f.get("subject"), f.get("value"), f.get("qualifier")) for f in facts] == [("PER", 2_000_000_000, "over")]


def test_bilateral_trade_after_x_is_ys_trading_partner(nlp: Any) -> None:
    facts = _facts(nlp, "Chile remains Peru's biggest trading partner, and bilateral trade hit US$8.1 billion in 2024.")
    assert {(f.get("subject"), f.get("value")) for f in facts} == {("PER", 8_100_000_000)}


def test_countries_at_that_level_count_the_tier_named_before(nlp: Any) -> None:
    stats = _stats(nlp, "Chile raised relations with Peru to a comprehensive strategic partnership in May, and the "
                        "number of countries at that level now stands at nine.")
    assert ("CHL", "comprehensive_strategic_partners", 9) in stats, stats


def test_a_people_spread_over_many_countries_is_the_overseas_population(nlp: Any) -> None:
    stats = _stats(nlp, "Roughly 6 million Vietnamese people live and work in more than 130 countries and "
                        "territories.")
    assert {("VNM", "overseas_population", 6_000_000), ("VNM", "overseas_countries", 130)} <= stats, stats
    stats = _stats(nlp, "Japan hosts roughly 520,000 Vietnamese residents.")
    assert not any(metric == "overseas_population" for _, metric, _ in stats), stats


def test_aid_is_the_givers_figure(nlp: Any) -> None:
    stats = _stats(nlp, "Peru will receive an additional $2 billion in security assistance from Chile.")
    assert {s[0] for s in stats} == {"CHL"}, stats


def test_a_country_set_apart_is_not_the_subject(nlp: Any) -> None:
    stats = _stats(nlp, "Apart from Chile, the region's governments sent 300 observers to the vote.")
    assert not any(s[0] == "CHL" for s in stats), stats
