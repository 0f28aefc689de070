"""The events extractor on short sentences in wire, ministry, readout and transcript styles (written for these tests)."""

from __future__ import annotations

from typing import Any

from diplograph.extract import events
from diplograph.model import Fact
from diplograph.nlp import analyze_text


def _events(nlp: Any, text: str, published: str | None = "2024-06-15") -> list[Fact]:
    return events.extract(analyze_text(text, published=published, nlp=nlp))


def _summary(facts: list[Fact]) -> set[tuple[Any, ...]]:
    return {(f.get("kind"), f.get("date") or f.get("start"), frozenset(f.get("participants"))) for f in facts}


def test_one_sentence_several_visits(nlp: Any) -> None:
    text = ("President William Ruto's state visit to Japan and Prime Minister Narendra Modi's visits to Egypt "
            "and Turkey in March 2024 drew attention.")
    found = {(f.get("kind"), f.get("date"), tuple(sorted(f.get("participants")))) for f in _events(nlp, text)}
    assert ("visit", "2024-03", ("JPN", "William Ruto")) in found
    assert ("visit", "2024-03", ("EGY", "Narendra Modi")) in found
    assert ("visit", "2024-03", ("Narendra Modi", "TUR")) in found
    assert len(found) == 3


def test_meeting_with_place_and_day(nlp: Any) -> None:
    text = ("Foreign Minister Hakan Fidan met Egyptian Foreign Minister Badr Abdelatty in Cairo on "
            "February 3, 2024.")
    facts = _events(nlp, text)
    assert len(facts) == 1
    fact = facts[0]
    assert fact.get("kind") == "meeting"
    assert fact.get("date") == "2024-02-03"
    assert {"Hakan Fidan", "Badr Abdelatty"} <= set(fact.get("participants"))
    assert fact.get("location") == "Cairo"


def test_paying_a_visit_to_a_person_is_a_meeting(nlp: Any) -> None:
    text = ("Somali President Hassan Sheikh Mohamud paid a courtesy visit to Kenyan President William Ruto "
            "at State House in Nairobi on May 2, 2024.")
    kinds = {(f.get("kind"), f.get("date")) for f in _events(nlp, text)}
    assert ("meeting", "2024-05-02") in kinds
    assert not any(kind == "visit" for kind, _ in kinds)


def test_phone_call_today_takes_the_document_date(nlp: Any) -> None:
    text = "Prime Minister Fumio Kishida spoke by phone today with President Yoon Suk Yeol of the Republic of Korea."
    facts = _events(nlp, text, published="2023-03-02")
    assert ("call", "2023-03-02") in {(f.get("kind"), f.get("date")) for f in facts}


def test_named_conference_with_label(nlp: Any) -> None:
    text = "Prime Minister Navin Ramgoolam addressed the 12th Indian Ocean Conference in Perth on March 9, 2025."
    facts = [f for f in _events(nlp, text) if f.get("kind") == "conference"]
    assert len(facts) == 1
    assert facts[0].get("date") == "2025-03-09"
    assert "Indian Ocean Conference" in (facts[0].get("label") or "")
    assert "Navin Ramgoolam" in facts[0].get("participants")


def test_joint_exercise_between_two_countries(nlp: Any) -> None:
    text = "India and Egypt held the joint military exercise Cyclone in Rajasthan on January 22, 2024."
    summary = _summary(_events(nlp, text))
    assert ("exercise", "2024-01-22", frozenset({"IND", "EGY"})) in summary


def test_interview_with_a_news_agency(nlp: Any) -> None:
    text = "In an interview with the Vietnam News Agency, Ambassador Ken Okaniwa said trade would grow."
    facts = [f for f in _events(nlp, text) if f.get("kind") == "interview"]
    assert len(facts) == 1
    assert "VNA" in facts[0].get("participants")


def test_undated_plans_have_no_date_and_generic_mentions_give_nothing(nlp: Any) -> None:
    [plan] = _events(nlp, "President William Ruto will visit Japan to deepen ties.")
    assert (plan.get("kind"), plan.get("date"), set(plan.get("participants"))) == ("visit", None, {"William Ruto", "JPN"})
    assert _events(nlp, "Regular meetings between the two foreign ministries are important.") == []
    assert _events(nlp, "There were 45 visits by foreign leaders to Turkey last year.") == []


def test_dated_plan_is_kept(nlp: Any) -> None:
    text = "The 14th ECOWAS Summit is scheduled to open in Abuja on July 7, 2025."
    facts = _events(nlp, text)
    assert [(f.get("kind"), f.get("date")) for f in facts] == [("conference", "2025-07-07")]
    assert "ECOWAS" in facts[0].get("participants")


def test_readout_title_and_first_line_are_one_call(nlp: Any) -> None:
    text = ("Readout of President Smith's Call with Prime Minister Narendra Modi of India\n\n"
            "President Jane Smith spoke today with Prime Minister Narendra Modi of India about trade.")
    calls = [f for f in _events(nlp, text, published="2024-02-01") if f.get("kind") == "call"]
    assert len(calls) == 1
    assert calls[0].get("date") == "2024-02-01"
    assert "Narendra Modi" in calls[0].get("participants")


def test_signing_needs_a_party_and_is_not_a_count(nlp: Any) -> None:
    assert _events(nlp, "Kenya has signed over 40 agreements with its neighbours.") == []
    facts = _events(nlp, "Japan and Mauritius signed a memorandum on maritime security in Port Louis on May 5, 2024.")
    assert _summary(facts) == {("signing", "2024-05-05", frozenset({"JPN", "MUS"}))}


def test_transcript_speaker_is_the_visitor(nlp: Any) -> None:
    text = ("Remarks by President Jane Smith and Prime Minister Fumio Kishida of Japan\n\n"
            "PRIME MINISTER KISHIDA: Thank you. I visited Washington in January last year.")
    visits = [f for f in _events(nlp, text, published="2024-04-10") if f.get("kind") == "visit"]
    assert [(v.get("date"), sorted(v.get("participants"))) for v in visits] == [("2023-01", ["Fumio Kishida", "USA"])]


def test_the_two_leaders_are_the_last_pair_named(nlp: Any) -> None:
    text = ("President Abdel Fattah El-Sisi received Somali President Hassan Sheikh Mohamud in Cairo on Sunday. "
            "A spokesman, Ahmed Fahmy, said talks covered security. "
            "The two leaders witnessed the signing of a defence protocol.")
    signings = [f for f in _events(nlp, text, published="2024-01-21") if f.get("kind") == "signing"]
    assert len(signings) == 1
    assert {"Abdel Fattah El-Sisi", "Hassan Sheikh Mohamud"} <= set(signings[0].get("participants"))
    assert "Ahmed Fahmy" not in signings[0].get("participants")


def test_dated_future_visit_with_a_range(nlp: Any) -> None:
    text = "Foreign Minister Yoko Kamikawa will visit Egypt from February 12 to 14."
    facts = _events(nlp, text, published="2024-02-09")
    assert [(f.get("kind"), f.get("date") or f.get("start")) for f in facts] == [("visit", "2024-02-12")]


def test_hosting_and_talks_of_the_same_pair_are_one_meeting(nlp: Any) -> None:
    text = ("President William Ruto on Monday hosted his Somali counterpart Hassan Sheikh Mohamud in Nairobi. "
            "The two leaders held bilateral talks. Ruto later left for Addis Ababa to attend the African Union summit.")
    facts = _events(nlp, text, published="2024-03-04")
    gatherings = [f for f in facts if f.get("kind") in ("meeting", "talks")]
    assert len(gatherings) == 1
    assert {"William Ruto", "Hassan Sheikh Mohamud"} <= set(gatherings[0].get("participants"))
    assert any(f.get("kind") == "conference" for f in facts)  # the summit stays its own event


def test_signing_a_joint_declaration_is_one_signing(nlp: Any) -> None:
    text = "Turkish President Recep Tayyip Erdogan and Egyptian President Abdel Fattah al-Sisi signed a joint declaration in Ankara."
    assert [f.get("kind") for f in _events(nlp, text)] == ["signing"]


def test_wire_dateline_agency_is_no_participant(nlp: Any) -> None:
    text = "SEOUL, June 19 (Yonhap) -- South Korea and the United States staged a combined naval exercise on Wednesday."
    facts = _events(nlp, text, published="2024-06-19")
    assert [set(f.get("participants")) for f in facts] == [{"KOR", "USA"}]


def test_a_statement_told_in_a_statement(nlp: Any) -> None:
    text = "Foreign Minister Ana Lopes said in a statement on Tuesday that the port deal would help exports."
    found = _summary(_events(nlp, text, published="2024-06-15"))
    assert any(kind == "statement" and date == "2024-06-11" and "Ana Lopes" in parts
               for kind, date, parts in found)


def test_a_spokesperson_at_a_regular_briefing(nlp: Any) -> None:
    text = "The visa rules will change, foreign ministry spokesperson Ravi Menon told a regular press briefing."
    found = _summary(_events(nlp, text))
    assert any(kind == "briefing" and "Ravi Menon" in parts for kind, _, parts in found)


def test_regular_briefings_are_no_event(nlp: Any) -> None:
    assert not _events(nlp, "Ravi Menon said regular briefings would resume.")


def test_a_bloc_said_on_a_weekday_is_a_statement(nlp: Any) -> None:
    text = "The African Union said Monday it would send observers to the vote."
    found = _summary(_events(nlp, text, published="2024-06-15"))
    assert ("statement", "2024-06-10", frozenset({"AU"})) in found


def test_attribution_after_a_clause_is_no_statement(nlp: Any) -> None:
    text = "Ghana has opened an embassy in Seoul, the foreign ministry said Monday."
    assert not any(f.get("kind") == "statement" for f in _events(nlp, text))


def test_a_minister_said_on_a_weekday_is_a_dated_statement(nlp: Any) -> None:
    text = "Prime Minister Ana Lopes said Monday that Portugal would raise defence spending."
    found = _summary(_events(nlp, text, published="2024-06-19"))
    assert ("statement", "2024-06-17", frozenset({"Ana Lopes", "PRT"})) in found

def test_the_same_day_takes_the_day_told_before(nlp: Any) -> None:
    text = ("Chile and Peru signed a fisheries accord on 3 May 2024. "
            "Bolivian President Luis Arce welcomed the accord in a statement issued the same day.")
    found = _summary(_events(nlp, text, published="2024-05-06"))
    assert ("statement", "2024-05-03", frozenset({"Luis Arce", "BOL"})) in found or \
        any(k == "statement" and d == "2024-05-03" for k, d, _ in found)


def test_arrival_keeps_its_own_destination(nlp: Any) -> None:
    text = ("Turkish President Recep Tayyip Erdogan, who arrived in Baku on Monday for his first trip "
            "to the country since 2019, held talks with Aliyev.")
    found = _summary(_events(nlp, text, published="2024-06-19"))
    assert any(k == "visit" and "AZE" in parts for k, _, parts in found)


def test_an_exercise_needs_forces(nlp: Any) -> None:
    assert not _events(nlp, "Kenya and Japan began a mapping exercise on trade rules on 3 May 2024.")
    found = _summary(_events(nlp, "The navies of India and France began a joint exercise on 3 May 2024."))
    assert any(kind == "exercise" for kind, _, _ in found)


def test_a_visit_by_a_states_leader(nlp: Any) -> None:
    text = "It was the first visit by a Spanish king to Peru since 2015."
    found = _summary(_events(nlp, text, published="2024-05-04"))
    assert ("visit", "2024-05-04", frozenset({"ESP", "PER"})) in found  # this visit, not the one in 2015


def test_both_sides_as_the_subject_are_the_pair(nlp: Any) -> None:
    text = ("Chilean President Gabriel Boric visited Argentina on 3 May 2024. "
            "Ministers from both sides also signed a series of agreements on energy.")
    found = _summary(_events(nlp, text, published="2024-05-04"))
    assert any(k == "signing" and {"CHL", "ARG"} <= parts for k, _, parts in found)


def test_a_summit_with_a_leader_is_a_meeting(nlp: Any) -> None:
    text = "Chinese President Xi Jinping travelled to Brazil in May 2023 for a summit with President Lula."
    found = _summary(_events(nlp, text, published="2024-05-04"))
    assert any(k == "meeting" and d == "2023-05" for k, d, _ in found)


def test_a_year_before_a_comma_is_no_count(nlp: Any) -> None:
    text = ("Turkish President Recep Tayyip Erdogan, on his first trip since 2019, held talks with "
            "Azerbaijani President Ilham Aliyev in Baku on 3 May 2024.")
    found = _summary(_events(nlp, text, published="2024-05-04"))
    assert any(k == "talks" and d == "2024-05-03" for k, d, _ in found)


def test_announcing_the_elevation_of_ties_is_a_statement(nlp: Any) -> None:
    text = ("Australian Prime Minister Anthony Albanese and Indonesian President Joko Widodo "
            "announced the elevation of ties to a comprehensive strategic partnership on 3 May 2024.")
    found = _summary(_events(nlp, text, published="2024-05-04"))
    assert any(k == "statement" and "Anthony Albanese" in parts for k, _, parts in found)


def test_due_in_a_country_on_a_weekday_is_the_coming_day(nlp: Any) -> None:
    # 2024-06-19 is a Wednesday: "on Friday" in a plan is 2024-06-21, not the Friday before
    text = "Indian Prime Minister Narendra Modi is due in Austria on Friday for a one-day visit."
    found = _summary(_events(nlp, text, published="2024-06-19"))
    assert ("visit", "2024-06-21", frozenset({"Narendra Modi", "AUT"})) in found


def test_due_in_part_is_no_visit(nlp: Any) -> None:
    text = "The delay is due in part to Russian objections, Foreign Minister Ana Lopes said on 3 May 2024."
    assert not any(f.get("kind") == "visit" for f in _events(nlp, text))


def test_a_single_state_said_on_a_weekday(nlp: Any) -> None:
    found = _summary(_events(nlp, "Japan said Tuesday it would send a team.", published="2024-06-19"))
    assert ("statement", "2024-06-18", frozenset({"JPN"})) in found


def test_an_apposition_before_the_attribution_is_no_subject(nlp: Any) -> None:
    text = "Chile has opened ties with Fiji, a partner of New Zealand, the foreign ministry said Tuesday."
    statements = [f for f in _events(nlp, text, published="2024-06-19") if f.get("kind") == "statement"]
    assert [set(f.get("participants")) for f in statements] == [{"CHL"}]

def test_a_bare_month_in_a_dated_report_is_that_year(nlp: Any) -> None:
    facts = _events(nlp, "In February, President Ruto paid a state visit to Ghana.", published="2024-11-20")
    assert [(f.get("kind"), f.get("date")) for f in facts] == [("visit", "2024-02")]
    later = _events(nlp, "In December, Prime Minister Kishida visited Kenya.", published="2024-03-05")
    assert {f.get("date") for f in later} == {"2023-12"}


def test_a_day_span_before_the_month_is_a_range(nlp: Any) -> None:
    facts = _events(nlp, "President Lula paid a state visit to Kenya on 7 and 8 May.", published="2024-06-15")
    assert [(f.get("start"), f.get("end")) for f in facts] == [("2024-05-07", "2024-05-08")]
    facts = _events(nlp, "Chancellor Scholz will visit Japan from 12 to 14 July.", published="2024-06-15")
    assert [(f.get("start"), f.get("end")) for f in facts] == [("2024-07-12", "2024-07-14")]


def test_a_talk_told_back_with_one_side_is_no_new_meeting(nlp: Any) -> None:
    text = "South African President Cyril Ramaphosa told reporters after the talks that trade would grow."
    assert [f for f in _events(nlp, text) if f.get("kind") in ("meeting", "talks")] == []
    text = "South African President Cyril Ramaphosa held talks with Kenyan President William Ruto on Monday."
    assert [f.get("kind") for f in _events(nlp, text)] == ["talks"]


def test_a_count_of_visits_is_no_visit(nlp: Any) -> None:
    text = ("President Cyril Ramaphosa made 14 official foreign visits during the year and hosted leaders "
            "in Pretoria, the ministry said.")
    assert [f for f in _events(nlp, text, published="2024-12-30") if f.get("kind") == "visit"] == []


def test_a_relative_clause_visitor(nlp: Any) -> None:
    text = "The talks were attended by Kenyan Foreign Minister Musalia Mudavadi, who visited Beijing in January."
    found = {(f.get("kind"), f.get("date"), tuple(sorted(f.get("participants"))))
             for f in _events(nlp, text, published="2024-10-07")}
    assert found == {("visit", "2024-01", ("CHN", "Musalia Mudavadi"))}


def test_addressing_the_nation_or_the_general_assembly_is_a_statement(nlp: Any) -> None:
    facts = _events(nlp, "Addressing the nation from his office, Kenyan President William Ruto described the day "
                         "as historic.", published="2024-09-13")
    assert [(f.get("kind"), f.get("date")) for f in facts] == [("statement", "2024-09-13")]
    facts = _events(nlp, "Indian Prime Minister Narendra Modi will address the 79th session of the UN General "
                         "Assembly on 24 September.", published="2024-09-13")
    assert [(f.get("kind"), f.get("date")) for f in facts] == [("statement", "2024-09-24")]
    assert "UNGA" in facts[0].get("participants")
    assert _events(nlp, "The envoy said the issue was addressed the following week.") == []


def test_a_start_date_in_a_relative_clause_does_not_date_the_event(nlp: Any) -> None:
    text = ("A Joint Statement was issued in Nairobi by Kenyan President William Ruto and Ghanaian President "
            "John Mahama, following talks which started in March 2021.")
    dates = {f.get("date") for f in _events(nlp, text, published="2024-10-03") if f.get("kind") == "statement"}
    assert dates and "2021-03" not in dates


def test_hosted_by_one_leader_is_no_meeting(nlp: Any) -> None:
    text = ("The Prime Minister will attend the fourth Regional Summit, which will be hosted by South African "
            "President Cyril Ramaphosa on 21 September.")
    assert [f for f in _events(nlp, text, published="2024-09-13") if f.get("kind") == "meeting"] == []
    text = "South African President Cyril Ramaphosa hosted Kenyan President William Ruto on Monday."
    assert [f.get("kind") for f in _events(nlp, text, published="2024-09-13")] == ["meeting"]


def test_a_question_tells_no_event(nlp: Any) -> None:
    assert _events(nlp, "Has the President spoken with President Lula about the summit?") == []
    assert _events(nlp, "Q Will Prime Minister Albanese meet President Prabowo in Jakarta next week?") == []


def test_a_legislature_is_no_gathering_but_a_party_congress_is(nlp: Any) -> None:
    found = _events(nlp, "President Milei Calls on Congress to Pass the Budget")
    assert [f.get("kind") for f in found if f.get("kind") == "conference"] == []
    found = _events(nlp, "The 13th National Congress of the Lao People's Revolutionary Party opened on January 13, 2021.")
    assert [f.get("kind") for f in found] == ["conference"]


def test_a_council_or_parliament_that_votes_sits(nlp: Any) -> None:
    found = _summary(_events(nlp, "The Ghanaian parliament voted on Tuesday to ratify the accord.", "2024-06-14"))
    assert found == {("meeting", "2024-06-11", frozenset({"GHA"}))}
    assert _events(nlp, "Voters in Chile voted on Sunday.", "2024-06-14") == []


def test_a_past_happening_is_not_dated_after_its_report(nlp: Any) -> None:
    # the only date belongs to a target, not to the meeting told in the past tense
    text = "At his meeting with President Ruto, the President discussed funding for clean energy between now and 2030."
    assert all(f.get("date") != "2030" for f in _events(nlp, text, "2024-06-15"))


def test_a_group_named_as_the_object_does_what_the_infinitive_says(nlp: Any) -> None:
    from diplograph.extract.frames import DocParses

    adoc = analyze_text("President Ana Costa announced the designation of a delegation to attend the inauguration "
                        "of President Lai in Taipei.", published="2024-05-10", nlp=nlp)
    parse = next(iter(DocParses(adoc)))
    attend = next(f for f in parse.frames() if f.lemma == "attend")
    assert [parse.lemma(a.head) for a in attend.agents] == ["delegation"]
    assert not any("Ana Costa" in f.get("participants") for f in events.extract(adoc)
                   if f.get("kind") not in ("statement",))


def test_naming_and_meeting_needs_are_no_events(nlp: Any) -> None:
    assert _events(nlp, "Volunteers built homes for a charity called Casa Nueva in Quito on Monday.") == []
    found = _events(nlp, "President Ruto said on Monday that farmers are ready to meet demand.")
    assert [f.get("kind") for f in found if f.get("kind") == "meeting"] == []


def test_telling_a_reporter_is_no_talks_but_telling_a_minister_is(nlp: Any) -> None:
    kinds = {f.get("kind") for f in _events(nlp, "Senator Ana Ruiz told my colleague, Tom Baker, on Monday that the deal is dead.")}
    assert "talks" not in kinds
    kinds = {f.get("kind") for f in _events(nlp, "Foreign Minister Penny Wong told Chinese Foreign Minister Wang Yi on Monday that trade must resume.")}
    assert "talks" in kinds


def test_an_invitation_to_visit_in_a_month_looks_ahead(nlp: Any) -> None:
    found = _events(nlp, "The President invited Prime Minister Carney to visit Washington in June.", "2025-04-12")
    assert [(f.get("kind"), f.get("date")) for f in found if f.get("kind") == "visit"] == [("visit", "2025-06")]


def test_they_refers_to_the_pair_only_right_after_it(nlp: Any) -> None:
    text = ("Brazil's week in review\nPresident Lula met President Boric in Santiago on Monday.\n"
            "The economy grew last year.\nInflation fell in March.\n"
            "They met with farmers in Brasilia on Friday.")
    found = _events(nlp, text, "2024-06-15")
    assert not any(f.get("date") == "2024-06-14" and "Lula" in " ".join(f.get("participants")) for f in found)


def test_an_undated_election_told_in_the_past_is_no_event_of_the_day(nlp: Any) -> None:
    assert _events(nlp, "Because of your work, Maria Santos was elected president of the republic.") == []
    found = _events(nlp, "Maria Santos was elected president of the republic on Sunday.", "2024-06-15")
    assert [(f.get("kind"), f.get("date")) for f in found] == [("election", "2024-06-09")]


def test_a_present_perfect_happening_is_not_dated_by_the_report(nlp: Any) -> None:
    found = _events(nlp, "President Ramaphosa has met Prime Minister Modi several times in New Delhi.", "2024-06-15")
    assert found and all(f.get("date") is None for f in found)
    found = _events(nlp, "President Ramaphosa met Prime Minister Modi in New Delhi.", "2024-06-15")
    assert [f.get("date") for f in found] == ["2024-06-15"]


def test_background_and_next_or_recent_happenings_take_no_report_date(nlp: Any) -> None:
    found = _events(nlp, "Talks stalled after Senator Ana Ruiz visited Taiwan.", "2024-06-15")
    assert all(f.get("date") is None for f in found if f.get("kind") == "visit")
    found = _events(nlp, "Both sides will meet at the next Ocean Summit organized by Chile and Peru.", "2024-06-15")
    assert all(f.get("date") is None for f in found if f.get("kind") == "conference")


def test_an_election_is_dated_by_its_own_phrase(nlp: Any) -> None:
    text = "President Lula called Prime Minister Modi today to congratulate him on his victory in India's election."
    found = _events(nlp, text, "2024-06-05")
    assert [f for f in found if f.get("kind") == "election"] == []
    found = _events(nlp, "William Ruto was elected president in the August 9 election.", "2022-08-20")
    assert [(f.get("kind"), f.get("date")) for f in found if f.get("kind") == "election"] == [("election", "2022-08-09")]


def test_a_promise_to_sign_with_one_side_and_a_this_week_headline_are_no_events(nlp: Any) -> None:
    assert _events(nlp, "When Congress passes the bill, I will sign it into law.") == []
    assert _events(nlp, "This Week in the Economy: Prices Fall") == []


def test_meetings_with_titled_partners_of_two_countries_are_two(nlp: Any) -> None:
    text = "Speaker Rosa Lima met Chilean Senate President Ana Soto and Peruvian Congress Speaker Juan Vera on Monday."
    found = _summary(_events(nlp, text, "2024-06-15"))
    pairs = {frozenset(p for p in parts if " " in p) for kind, _, parts in found if kind == "meeting"}
    assert pairs == {frozenset({"Rosa Lima", "Ana Soto"}), frozenset({"Rosa Lima", "Juan Vera"})}


def test_a_ceremony_of_a_named_meeting_is_one_gathering(nlp: Any) -> None:
    text = "Foreign Minister Ana Soto on July 9 attended the opening ceremony of the 12th Andean Forum in Lima."
    found = [f for f in _events(nlp, text, "2024-07-12") if f.get("kind") in ("conference", "meeting")]
    assert len(found) == 1 and found[0].get("label")


def test_a_government_named_by_its_country_speaks_for_it(nlp: Any) -> None:
    found = _summary(_events(nlp, "The Ghanaian government said on Monday it would reopen the border.", "2024-06-12"))
    assert found == {("statement", "2024-06-10", frozenset({"GHA"}))}
    assert _events(nlp, "The report said on Monday that prices would rise.", "2024-06-12") == []


def test_a_speakers_date_hung_on_a_misread_word_and_no_label_from_a_sentence_capital(nlp: Any) -> None:
    found = _summary(_events(nlp, "President William Ruto wrote in a social media posting late Monday that talks "
                                  "must resume.", "2024-06-12"))
    assert ("statement", "2024-06-10", frozenset({"William Ruto", "KEN"})) in found
    found = _events(nlp, "Negotiations between Chile and Bolivia on sea access have gone on for years.")
    assert [f.get("label") for f in found] == [None]


def test_speaking_to_the_press_is_a_briefing_and_a_gathering_hosted_is_a_meeting(nlp: Any) -> None:
    text = ("President William Ruto met President Yoweri Museveni in Nairobi on Thursday.\n"
            "Speaking to reporters, Ruto said trade had doubled.")
    assert ("briefing", "2024-08-08") in {(f.get("kind"), f.get("date")) for f in _events(nlp, text, "2024-08-08")}
    found = _events(nlp, "The city of Lyon hosted a gathering on Monday with 500 French expatriates.", "2024-08-08")
    assert [f.get("kind") for f in found] == ["meeting"]


def test_a_courtesy_call_is_a_meeting(nlp: Any) -> None:
    found = _summary(_events(nlp, "On Tuesday, Foreign Minister Penny Wong paid a courtesy call on Prime Minister "
                                  "Lawrence Wong in Singapore.", "2024-06-12"))
    assert ("meeting", "2024-06-11", frozenset({"Penny Wong", "Lawrence Wong", "AUS", "SGP"})) in found


def test_labels_need_a_name_beyond_the_trigger_and_keep_an_of_complement(nlp: Any) -> None:
    found = _events(nlp, "President Lula met today with President Boric on the margins of the Summit of the Americas.",
                    "2024-06-09")
    assert "Summit of the Americas" in {f.get("label") for f in found}
    found = _events(nlp, "Readout of the President's Meeting with Prime Minister Kishida", "2024-06-09")
    assert all(f.get("label") != "Meeting" for f in found)


def test_the_same_day_and_this_occasion_are_the_last_happenings_day(nlp: Any) -> None:
    text = ("Diplomatic ties were set up on May 8, 1989.\n"
            "Prime Minister Anwar Ibrahim held talks with President Prabowo Subianto in Jakarta on January 27.\n"
            "On this occasion, the two leaders witnessed the exchange of a memorandum of understanding on energy.\n"
            "Earlier the same day, Anwar met Vice President Gibran Rakabuming Raka.")
    found = {(f.get("kind"), f.get("date")) for f in _events(nlp, text, "2025-01-28")}
    assert ("signing", "2025-01-27") in found and ("meeting", "2025-01-27") in found
    assert not any(date and date.startswith("1989") for _, date in found)


def test_his_visit_is_the_visit_of_the_clauses_subject(nlp: Any) -> None:
    text = ("President William Ruto held talks with President Xi Jinping in Beijing on September 3, as part of "
            "his state visit to China from September 2 to 6.")
    found = {(f.get("kind"), f.get("start")) for f in _events(nlp, text, "2024-09-07")}
    assert ("visit", "2024-09-02") in found


def test_following_the_talks_is_the_day_of_the_talks(nlp: Any) -> None:
    text = ("President Ruto held talks with President Xi Jinping in Beijing on September 3.\n"
            "He was elected at a party meeting on August 9.\n"
            "Following the talks, the two leaders witnessed the signing of 12 cooperation documents.")
    found = {(f.get("kind"), f.get("date")) for f in _events(nlp, text, "2024-09-05")}
    assert ("signing", "2024-09-03") in found


def test_a_name_suffix_is_no_second_subject(nlp: Any) -> None:
    text = ("President John Example, Jr. spoke by phone today with President Ana Muster about the March 2023 "
            "regional summit.")
    calls = [f for f in _events(nlp, text) if f.get("kind") == "call"]
    assert calls and {"John Example", "Ana Muster"} <= set(calls[0].get("participants"))


def test_with_hung_on_the_object_is_the_partner(nlp: Any) -> None:
    found = _summary(_events(nlp, "Chile's foreign minister Ana Muster discussed the border dispute with "
                                  "Peruvian envoy Juan Ejemplo on Tuesday.", published="2024-06-14"))
    assert any(k in ("talks", "meeting", "call") and d == "2024-06-11" and "Juan Ejemplo" in p
               for k, d, p in found), found


def test_speaking_at_a_news_conference_is_one_briefing_on_its_day(nlp: Any) -> None:
    found = _summary(_events(nlp, "Speaking at a news conference in Lima on Tuesday, Peruvian President Ana "
                                  "Muster said the talks went well.", published="2024-06-14"))
    assert found == {("briefing", "2024-06-11", frozenset({"Ana Muster", "PER"}))}, found
    found = _summary(_events(nlp, "Peruvian President Ana Muster held a press conference on Tuesday.",
                             published="2024-06-14"))
    assert {k for k, _, _ in found} == {"briefing"}, found


def test_the_leader_of_a_visiting_delegation_takes_part(nlp: Any) -> None:
    found = _summary(_events(nlp, "A delegation of the Socialist Party led by its chairman Juan Ejemplo paid "
                                  "a working visit to Chile on Monday.", published="2024-06-14"))
    assert any(k == "visit" and "Juan Ejemplo" in p for k, _, p in found), found


def test_earlier_in_the_day_and_a_partner_per_with_phrase(nlp: Any) -> None:
    text = ("LIMA, May 6 (Agency) -- Chilean President Ana Muster held talks with Peruvian President Juan Ejemplo "
            "on Tuesday. Earlier in the day, Muster met with Senate leader Rosa Modelo over breakfast, and with "
            "Foreign Minister Luis Romero at the ministry.")
    found = _summary(_events(nlp, text, published="2025-05-06"))
    meetings = [(d, p) for k, d, p in found if k == "meeting"]
    assert len(meetings) == 2 and all(d == "2025-05-06" for d, _ in meetings), found
    assert any("Rosa Modelo" in p and "Luis Romero" not in p for _, p in meetings), found


def test_the_elected_of_a_relative_clause_and_a_demonym_venue(nlp: Any) -> None:
    found = _summary(_events(nlp, "The bloc's outgoing chair, Ghanaian President Kofi Example, who was elected to the "
                                  "post in July 2023 at a summit in Accra, stepped down on Sunday.",
                             published="2025-06-23"))
    assert ("election", "2023-07", frozenset({"Kofi Example", "GHA"})) in found, found
    facts = _events(nlp, "Chilean President Ana Muster held talks with Peruvian President Juan Ejemplo in the "
                         "Peruvian capital on Monday.", published="2025-06-24")
    assert [f.get("location") for f in facts] == ["PER"], [f.to_json() for f in facts]


def test_a_subject_the_parser_split_in_two_is_one(nlp: Any) -> None:
    found = _summary(_events(nlp, "Chilean President Ana Muster and her Peruvian counterpart Juan Ejemplo attended "
                                  "a business forum in Lima on Tuesday.", published="2025-05-28"))
    assert any({"Ana Muster", "Juan Ejemplo"} <= p for _, _, p in found), found


def test_a_readout_headline_is_the_meeting_its_body_dates(nlp: Any) -> None:
    from diplograph.model import Document
    from diplograph.nlp import analyze
    title = "Readout of Foreign Minister Ana Muster's Meeting with Prime Minister Juan Ejemplo of Peru"
    body = ("Chilean Foreign Minister Ana Muster held a meeting with Prime Minister Juan Ejemplo in Lima on May 7. "
            "They discussed trade.")
    doc = next(analyze([Document(id="t", text=title + "\n\n" + body, title=title, published="2025-05-08")], nlp=nlp))
    meetings = [f for f in events.extract(doc) if f.get("kind") == "meeting"]
    assert [f.get("date") for f in meetings] == ["2025-05-07"], [f.to_json() for f in meetings]


def test_a_date_in_what_was_said_and_a_convention_on_a_topic(nlp: Any) -> None:
    found = _summary(_events(nlp, "Energy Minister Ana Muster described the reform as a package that runs until July "
                                  "4th.", published="2024-05-22"))
    assert {d for _, d, _ in found} <= {"2024-05-22"}, found
    found = _summary(_events(nlp, "Chile and Peru support the United Nations Convention on the Law of the Sea.",
                             published="2024-05-22"))
    assert not any(k == "conference" for k, _, _ in found), found


def test_presenting_credentials_is_meeting_the_head_of_state(nlp: Any) -> None:
    found = _summary(_events(nlp, "Chilean Ambassador Ana Muster presented her credentials to Peruvian President "
                                  "Juan Ejemplo in Lima on Monday.", published="2025-03-25"))
    assert any(k == "meeting" and {"Ana Muster", "Juan Ejemplo"} <= p for k, _, p in found), found
    assert not _events(nlp, "The company presented its plan to investors on Monday.", published="2025-03-25")
