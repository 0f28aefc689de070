"""The roles extractor on short sentences in several outlets' styles (written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from diplograph.extract import roles
from diplograph.nlp import analyze_text


def _roles(nlp: Any, text: str, published: str | None = "2024-06-15") -> set[tuple[Any, ...]]:
    adoc = analyze_text(text, published=published, nlp=nlp)
    return {
        (f.get("actor"), f.get("body"), f.get("role"), f.get("start"), f.get("end"))
        for f in roles.extract(adoc)
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        # seats with terms
        (
            "Kenya was elected to the UN Human Rights Council for 2025-2027.",
            {("KEN", "UNHRC", "member", "2025", "2027")},
        ),
        (
            "Brazil holds a non-permanent seat on the Security Council for the 2022-2023 term.",
            {("BRA", "UNSC", "non_permanent_member", "2022", "2023")},
        ),
        (
            "South Korea's non-permanent seat on the Security Council for 2024-2025 gives Seoul a voice.",
            {("KOR", "UNSC", "non_permanent_member", "2024", "2025")},
        ),
        (
            "Japan was a non-permanent member of the UN Security Council twice, 2009-2010 and 2016-2017.",
            {
                ("JPN", "UNSC", "non_permanent_member", "2009", "2010"),
                ("JPN", "UNSC", "non_permanent_member", "2016", "2017"),
            },
        ),
        (
            (
                "Mexico has been re-elected as a member of the International Law Commission "
                "for the 2023-2027 tenure."
            ),
            {("MEX", "ILC", "member", "2023", "2027")},
        ),
        (
            "Egypt became a member of the IAEA Board of Governors for the 2022-2024 term.",
            {("EGY", "IAEA_BOG", "board_member", "2022", "2024")},
        ),
        (
            "Ghana was elected to the UNESCO Executive Board for 2023–2027.",
            {("GHA", "UNESCO_EXB", "board_member", "2023", "2027")},
        ),
        # offices
        (
            "Nigeria chaired ECOWAS twice, in 2008 and 2023.",
            {("NGA", "ECOWAS", "chair", "2008", "2008"), ("NGA", "ECOWAS", "chair", "2023", "2023")},
        ),
        ("Japan will hold the G7 presidency in 2023.", {("JPN", "G7", "president", "2023", "2023")}),
        (
            "Mozambique held the rotating presidency of the UN Security Council in March 2023.",
            {("MOZ", "UNSC", "president", "2023-03", "2023-03")},
        ),
        (
            "India assumed the G20 presidency on December 1, 2022.",
            {("IND", "G20", "president", "2022-12-01", None)},
        ),
        (
            "Malaysia handed over the ASEAN chairmanship to the Philippines in October 2025.",
            {("MYS", "ASEAN", "chair", None, "2025-10"), ("PHL", "ASEAN", "chair", "2025-10", None)},
        ),
        (
            "Peru hosted APEC in 2008 and 2016.",
            {("PER", "APEC", "host", "2008", "2008"), ("PER", "APEC", "host", "2016", "2016")},
        ),
        (
            "Japan hosted the G7 summit in Hiroshima in May 2023.",
            {("JPN", "G7", "host", "2023-05", "2023-05")},
        ),
        # memberships, joining and leaving
        ("Turkiye, a NATO member, objected to the plan.", {("TUR", "NATO", "member", None, None)}),
        (
            "Somalia joined the East African Community in March 2024.",
            {("SOM", "EAC", "member", "2024-03", None)},
        ),
        ("Timor-Leste has been a member of the WTO since 2024.", {("TLS", "WTO", "member", "2024", None)}),
        ("The country is joining the World Trade Organization, the World Bank and the IMF.", set()),
        (
            "Bangladesh is a member of the World Trade Organization (WTO), the World Bank and the IMF.",
            {
                ("BGD", "WTO", "member", None, None),
                ("BGD", "WB", "member", None, None),
                ("BGD", "IMF", "member", None, None),
            },
        ),
        (
            "Niger, Mali and Burkina Faso left ECOWAS in January 2025.",
            {
                ("NER", "ECOWAS", "member", None, "2025-01"),
                ("MLI", "ECOWAS", "member", None, "2025-01"),
                ("BFA", "ECOWAS", "member", None, "2025-01"),
            },
        ),
        (
            "Russia was suspended from the Human Rights Council in April 2022.",
            {("RUS", "UNHRC", "member", None, "2022-04")},
        ),
        (
            "The order withdraws the United States from the World Health Organization.",
            {("USA", "WHO", "member", None, None)},
        ),
        (
            "The President welcomed India's decision to join the Indo-Pacific Economic Framework.",
            {("IND", "IPEF", "member", None, None)},
        ),
        # contributions
        (
            "Bangladesh has deployed thousands of troops to UN peacekeeping missions since 1988.",
            {("BGD", "UN_PKO", "contributor", "1988", None)},
        ),
    ],
)
def test_role_patterns(nlp: Any, text: str, expected: set[tuple[Any, ...]]) -> None:
    assert _roles(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The UN Security Council met on Tuesday to discuss Gaza.",
        "Vietnam welcomed the member states of ASEAN to Hanoi.",
        "The United States is one of the five permanent members of the Security Council.",
        "Indian President Droupadi Murmu met the President of the UN General Assembly, Dennis Francis.",
        "President Ruto held talks with the ASEAN Chair on Monday.",
        "Egypt hosted COP27 in Sharm el-Sheikh.",
        "Colombia's contributions as a NATO Global Partner were praised.",
        "Kenya signed a deal with the World Bank.",
        "As a responsible member of the United Nations, Kenya supports multilateralism.",
    ],
)
def test_no_role_for_the_wrong_actor(nlp: Any, text: str) -> None:
    assert _roles(nlp, text) == set()


def test_the_country_and_it_resolve_to_the_document_country(nlp: Any) -> None:
    text = (
        "Vietnam is a member of more than 70 organizations. It chaired ASEAN in 2010 and 2020. "
        "The country has joined UN peacekeeping missions since 2014."
    )
    assert _roles(nlp, text) == {
        ("VNM", "ASEAN", "chair", "2010", "2010"),
        ("VNM", "ASEAN", "chair", "2020", "2020"),
        ("VNM", "UN_PKO", "contributor", "2014", None),
    }


def test_one_fact_per_role_and_term_in_a_document(nlp: Any) -> None:
    """The same presidency stated three times, once undated, is one fact with the written date."""
    text = (
        "Kenya held the presidency of the UN Security Council in October 2021. "
        "Kenya's presidency of the Security Council focused on peace. "
        "During Kenya's presidency of the Council this month, it held open debates."
    )
    found = _roles(nlp, text, published="2021-11-02")
    assert found == {("KEN", "UNSC", "president", "2021-10", "2021-10")}


def test_role_facts_cite_their_sentence_and_carry_labels(nlp: Any) -> None:
    text = "Ecuador was one of the Vice Presidents of the UN General Assembly's 78th session."
    adoc = analyze_text(text, published="2024-01-10", nlp=nlp)
    [fact] = roles.extract(adoc)
    assert (fact.get("actor"), fact.get("body"), fact.get("role")) == ("ECU", "UNGA", "vice_president")
    assert fact.get("label") == "78th session"
    assert fact.evidence.text == text
    assert fact.type == "role"


def test_withdrawal_and_ended_funding_carry_a_status(nlp: Any) -> None:
    text = (
        "The United States withdrew from the Human Rights Council and halted its funding for UNRWA in 2018."
    )
    adoc = analyze_text(text, published="2019-02-04", nlp=nlp)
    found = {(f.get("body"), f.get("role"), f.get("status"), f.get("end")) for f in roles.extract(adoc)}
    assert found == {("UNHRC", "member", "left", None), ("UNRWA", "contributor", "ended", "2018")}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "India, which holds the BRICS chair this year, will host the summit.",
            {("IND", "BRICS", "chair", "2024", "2024")},
        ),
        (
            "Japan and South Korea are both members of the G20.",
            {("JPN", "G20", "member", None, None), ("KOR", "G20", "member", None, None)},
        ),
        (
            "Finland became NATO's 31st member on April 4, 2023.",
            {("FIN", "NATO", "member", "2023-04-04", None)},
        ),
        (
            "Somalia took its seat on the UN Security Council on January 1, 2025.",
            {("SOM", "UNSC", "non_permanent_member", "2025-01-01", None)},
        ),
        (
            "Kenya has served on the UN Security Council as a non-permanent member in 2021-2022.",
            {("KEN", "UNSC", "non_permanent_member", "2021", "2022")},
        ),
        ("Seoul will chair APEC in 2025.", {("KOR", "APEC", "chair", "2025", "2025")}),
        (
            "Indonesia hosted the 43rd ASEAN Summit in Jakarta in September 2023.",
            {("IDN", "ASEAN", "host", "2023-09", "2023-09")},
        ),
        (
            (
                "The President congratulated President Ruto for Kenya's election to the Human Rights "
                "Council, and for joining the Partnership for Atlantic Cooperation."
            ),
            {("KEN", "UNHRC", "member", None, None), ("KEN", "PAC", "member", None, None)},
        ),
    ],
)
def test_subjects_plurals_starts_and_meetings(nlp: Any, text: str, expected: set[tuple[Any, ...]]) -> None:
    assert _roles(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Turkey blocked Sweden's NATO membership for months.",
        "North Korea is not a member of the IMF or the World Bank.",
        "Kenya's bid for a seat on the Security Council failed.",
        "Senegal's ambassador chaired the Security Council committee on sanctions.",
        "Egypt hosted the COP27 climate conference in November 2022.",
        "The United Kingdom and France, both permanent members of the Security Council, abstained.",
        "Vietnam co-chaired the meeting with the EU.",
    ],
)
def test_sought_blocked_or_partial_roles_are_no_roles(nlp: Any, text: str) -> None:
    assert _roles(nlp, text) == set()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ECOWAS suspended Niger in August 2023.", {("NER", "ECOWAS", "member", None, "2023-08")}),
        ("The African Union readmitted Morocco in January 2017.", {("MAR", "AU", "member", "2017-01", None)}),
        (
            "The leaders met at the invitation of the German G7 Presidency.",
            {("DEU", "G7", "president", None, None)},
        ),
        ("Italy's G7 presidency ends in December.", {("ITA", "G7", "president", None, "2024-12")}),
        ("The current ASEAN chair, Laos, hosted the meeting.", {("LAO", "ASEAN", "chair", None, None)}),
        (
            "The Kenyan Defence Forces joined the African Union Mission in Somalia in 2012.",
            {("KEN", "AMISOM", "contributor", "2012", None)},
        ),
    ],
)
def test_bodies_acting_demonyms_and_endings(nlp: Any, text: str, expected: set[tuple[Any, ...]]) -> None:
    assert _roles(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Indonesia welcomed a new fund hosted by the World Bank.",
        "Italy joined the United States and EU-led rail consortium.",
        "Australia agreed to join NATO's new training initiative as a partner.",
        "The decision by the United States to reverse its withdrawal from the WHO was welcomed.",
        "We met today at the invitation of the G7 Presidency.",
        "President Biden met World Bank President Ajay Banga.",
        "There is no reason for any member of NATO to worry.",
        "Every NATO member is committed to doing its part.",
        "Allies will also discuss Ukraine's path to future membership in NATO.",
        "Support for NATO membership has surged in polling of NATO countries.",
    ],
)
def test_modifiers_reversals_titles_and_quantifiers_are_no_roles(nlp: Any, text: str) -> None:
    assert _roles(nlp, text) == set()


def _labelled(nlp: Any, text: str, published: str | None = "2024-06-15") -> set[tuple[Any, ...]]:
    adoc = analyze_text(text, published=published, nlp=nlp)
    return {
        (f.get("actor"), f.get("body"), f.get("role"), f.get("start"), f.get("end"), f.get("label"))
        for f in roles.extract(adoc)
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        # wire copy: founding members, joining alongside others, capitals, withdrawals
        (
            "Chile, a founding member of the Pacific Alliance in 2011, has pushed for closer ties with Asia.",
            {("CHL", "PACIFIC_ALLIANCE", "member", "2011", None)},
        ),
        (
            "Argentina formally joined BRICS on Monday, alongside Saudi Arabia and Indonesia.",
            {
                ("ARG", "BRICS", "member", "2024-06-10", None),
                ("SAU", "BRICS", "member", "2024-06-10", None),
                ("IDN", "BRICS", "member", "2024-06-10", None),
            },
        ),
        ("Nairobi joined the New Development Bank in May 2023.", {("KEN", "NDB", "member", "2023-05", None)}),
        ("Gambia pulled out of the Commonwealth in 2013.", {("GMB", "COMMONWEALTH", "member", None, "2013")}),
        (
            "Burundi announced its withdrawal from the International Criminal Court in 2016.",
            {("BDI", "ICC", "member", None, "2016")},
        ),
        # terms: fixed-length, since a month, a day-to-day presidency
        (
            "Japan began a two-year term as a non-permanent member of the U.N. Security Council in January.",
            {("JPN", "UNSC", "non_permanent_member", "2024", "2025")},
        ),
        (
            "Ecuador was elected to the Security Council for a two-year term starting next year.",
            {("ECU", "UNSC", "non_permanent_member", "2025", "2026")},
        ),
        (
            "Senegalese President Macky Sall, who has chaired the African Union since February, urged calm.",
            {("SEN", "AU", "chair", "2024-02", None)},
        ),
        (
            "Brazil held the G20 presidency from December 1, 2023 to November 30, 2024.",
            {("BRA", "G20", "president", "2023-12-01", "2024-11-30")},
        ),
        # ministry statements: contributors and hosts
        (
            "Uganda has some 4,000 troops serving under the African Union Transition Mission in Somalia.",
            {("UGA", "ATMIS", "contributor", None, None)},
        ),
        ("Peru will host the 2024 summit of APEC in Lima.", {("PER", "APEC", "host", "2024", "2024")}),
        (
            "Kazakhstan will host the bloc's summit in March.",
            set(),  # no bloc named before: nothing to resolve "the bloc" to
        ),
    ],
)
def test_general_patterns_round_two(nlp: Any, text: str, expected: set[tuple[Any, ...]]) -> None:
    assert _roles(nlp, text) == expected


def test_permanent_member_is_a_labelled_membership_of_the_p5_only(nlp: Any) -> None:
    text = "France, a permanent member of the Security Council, abstained."
    assert _labelled(nlp, text) == {("FRA", "UNSC", "member", None, None, "permanent member")}
    assert _labelled(nlp, "India, which seeks a permanent seat on the Security Council, abstained.") == set()


def test_anaphoric_bloc_and_future_meeting_month(nlp: Any) -> None:
    text = (
        "Leaders of BRICS met in Johannesburg. "
        "Ethiopia became the newest member of the expanded bloc on Tuesday. "
        "Brazil will host the group's next summit in March."
    )
    got = _roles(nlp, text, published="2024-06-15")
    assert ("ETH", "BRICS", "member", "2024-06-11", None) in got
    assert ("BRA", "BRICS", "host", "2025-03", "2025-03") in got


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The G7 presidency passes from Japan to Italy on January 1.",
            {("JPN", "G7", "president", None, "2024-01-01"), ("ITA", "G7", "president", "2024-01-01", None)},
        ),
        (
            "Türkiye, which joined NATO in 1952, blocked the plan for months.",
            {("TUR", "NATO", "member", "1952", None)},
        ),
        (
            "Kenya will take up its seat on the UN Human Rights Council in January.",
            {("KEN", "UNHRC", "member", "2025-01", None)},
        ),
        ("Which member of NATO spends the most?", set()),
    ],
)
def test_handovers_relatives_and_future_starts(nlp: Any, text: str, expected: set[tuple[Any, ...]]) -> None:
    assert _roles(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The AU became the 21st member of the G20 in September 2023.",
            {("AU", "G20", "member", "2023-09", None)},
        ),
        (
            (
                "The G20 met in Rome. At the leaders' summit in Rome on October 30, chaired by Prime Minister "
                "Mario Draghi, the African Union was admitted as a permanent member of the grouping."
            ),
            {("AU", "G20", "member", "2024-10-30", None)},
        ),
        (
            "Ethiopia was admitted as a member of BRICS in 2024, along with Egypt.",
            {("ETH", "BRICS", "member", "2024", None), ("EGY", "BRICS", "member", "2024", None)},
        ),
        (
            "Tokyo will host the next meeting of Quad foreign ministers.",
            {("JPN", "QUAD", "host", None, None)},
        ),
        ("NATO's decision to admit Sweden was welcomed by the EU.", set()),
    ],
)
def test_bodies_as_members_and_admissions(nlp: Any, text: str, expected: set[tuple[Any, ...]]) -> None:
    assert _roles(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ghana has been a member of the Commonwealth since independence in 1957.",
            {("GHA", "COMMONWEALTH", "member", "1957", None)},
        ),
        (
            (
                "The Council noted the decision of the Republic of Chad to withdraw from ECOWAS, "
                "which will take effect on 12 March 2025."
            ),
            {("TCD", "ECOWAS", "member", None, "2025-03-12")},
        ),
        (
            (
                "The summit received the notification by the Republic of Chad, the Republic of Benin and "
                "the Republic of Togo of their decision to withdraw from ECOWAS."
            ),
            {
                ("TCD", "ECOWAS", "member", None, None),
                ("BEN", "ECOWAS", "member", None, None),
                ("TGO", "ECOWAS", "member", None, None),
            },
        ),
        (
            "Ghana is a member of the African Union and of the Commonwealth since 1957.",
            {("GHA", "AU", "member", "1957", None), ("GHA", "COMMONWEALTH", "member", "1957", None)},
        ),
        (
            (
                "Peru will take up a seat on the Security Council in January 2026, after it was elected by the "
                "General Assembly in June."
            ),
            {("PER", "UNSC", "non_permanent_member", "2026-01", None)},
        ),
        (
            "Brazil is a founding member of the United Nations.",
            {("BRA", "UN", "member", None, None)},
        ),
        (
            "Uruguay will take part in the New Development Bank, which it joined as a shareholder in 2021.",
            {("URY", "NDB", "member", "2021", None)},
        ),
        (
            "Leaders discussed NATO, which Sweden joined in March 2024.",
            {("SWE", "NATO", "member", "2024-03", None)},
        ),
        ("Brazil is a responsible member of the United Nations.", set()),
        (
            "Ecuador was elected to the Human Rights Council for a three-year term starting in January 2025.",
            {("ECU", "UNHRC", "member", "2025", "2027")},
        ),
        ("Qatar was admitted to the Shanghai Cooperation Organization as a dialogue partner.", set()),
        ("Qatar joined the SCO as a full member in 2023.", {("QAT", "SCO", "member", "2023", None)}),
        (
            "The ASEAN Summit was hosted by the Philippines in 2017.",
            {("PHL", "ASEAN", "host", "2017", "2017")},
        ),
        (
            "The G20 summit will be hosted by South Africa in November.",
            {("ZAF", "G20", "host", "2024-11", "2024-11")},
        ),
        ("NATO was hosted by Spain.", set()),
        (
            "Peru already joined the BRICS-founded New Development Bank in March 2023.",
            {("PER", "NDB", "member", "2023-03", None)},
        ),
        ("Kenya contributed troops to the AU-led mission.", set()),
        ("Japan welcomed the ASEAN Summit, which Laos chaired.", {("LAO", "ASEAN", "chair", None, None)}),
        (
            "Leaders praised the African Union, which Gabon left in 1984.",
            {("GAB", "AU", "member", None, "1984")},
        ),
        ("Officials said the BRICS summit, which Russia criticised, was a failure.", set()),
        (
            "Leaders met under the Indian presidency of the G20 in 2023.",
            {("IND", "G20", "president", "2023", "2023")},
        ),
        (
            "Chile joined APEC in 1994. Chile attended under the Peruvian chairmanship of the group for 2024.",
            {("CHL", "APEC", "member", "1994", None), ("PER", "APEC", "chair", "2024", "2024")},
        ),
        ("Uruguay praised the WTO, which Chile hosted.", set()),
        (
            "Chad announced its withdrawal from the African Union, effective 1 July 2025.",
            {("TCD", "AU", "member", None, "2025-07-01")},
        ),
        (
            "The 12th APEC Summit, which Chile hosted in Santiago in November 2004, was a success.",
            {("CHL", "APEC", "host", "2004-11", "2004-11")},
        ),
        (
            "Leaders will attend the SCO summit that India will host in Delhi in July.",
            {("IND", "SCO", "host", "2024-07", "2024-07")},
        ),
    ],
)
def test_independence_starts_notified_withdrawals_and_hosting_clauses(
    nlp: Any, text: str, expected: set[tuple[Any, ...]]
) -> None:
    assert _roles(nlp, text) == expected
