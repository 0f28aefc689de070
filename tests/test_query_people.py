"""query.people: one identity per person across documents, and no false merges."""

from __future__ import annotations

from typing import Any

from diplograph.model import Evidence, Fact
from diplograph.query import MemorySource, entity_profile, merge
from diplograph.query.api import person_names
from diplograph.query.people import PeopleIndex, people_index, same_full_name


def fact(doc: str, type: str, **fields: Any) -> Fact:
    return Fact(type, fields, Evidence(doc, 0, 0, 10, "A sentence."), "test", 0.6)


NAMES = {"Biden": 300, "Joseph R. Biden Jr.": 90, "Joe Biden": 80, "President Biden": 5, "Joseph R. Biden": 40,
         "Jill Biden": 6, "Hunter Biden": 2, "Bui Thanh Son": 4, "Son": 3, "Kim Jong Un": 20, "Kim Yo Jong": 8,
         "Kim": 5, "Nguyen Phu Trong": 9, "Phu Trong": 2, "Trong": 3, "Nguyen Xuan Phuc": 7, "Nguyen": 2,
         "Ana Lopez": 3, "Ana Ruiz Lopez": 2, "Maria Lopez": 3, "Lopez": 4, "Xi Jinping": 12, "Xi": 6}


def test_spellings_of_one_person_are_one_identity_with_the_fullest_name() -> None:
    index = PeopleIndex(NAMES)
    for name in ("Biden", "Joe Biden", "President Biden", "Joseph R. Biden", "Joseph R. Biden Jr."):
        assert index.canonical(name) == "Joseph R. Biden Jr.", name
    assert set(index.aliases("Biden")) == {"Biden", "Joseph R. Biden Jr.", "Joe Biden", "President Biden",
                                           "Joseph R. Biden"}
    assert index.canonical("Son") == "Bui Thanh Son"
    assert index.canonical("Trong") == index.canonical("Phu Trong") == "Nguyen Phu Trong"
    assert index.canonical("Xi") == "Xi Jinping"
    assert index.identity("Biden").facts == 300 + 90 + 80 + 5 + 40


def test_people_sharing_a_surname_stay_apart() -> None:
    index = PeopleIndex(NAMES)
    assert index.canonical("Jill Biden") == "Jill Biden" and index.same("Jill Biden", "Biden") is False
    assert index.same("Kim Jong Un", "Kim Yo Jong") is False
    assert index.canonical("Kim") == "Kim"  # two Kims, neither dominant: no guess
    assert index.same("Nguyen Phu Trong", "Nguyen Xuan Phuc") is False
    assert index.canonical("Nguyen") == "Nguyen"
    # "Lopez" fits Ana Lopez and Maria Lopez about equally: it stays a name of its own
    assert index.canonical("Lopez") == "Lopez"
    assert index.same("Ana Lopez", "Maria Lopez") is False


def test_given_names_must_agree() -> None:
    assert same_full_name(["joe", "biden"], ["joseph", "biden"])
    assert same_full_name(["alex", "roe"], ["alexander", "roe"])
    assert same_full_name(["phu", "trong"], ["nguyen", "phu", "trong"])
    assert not same_full_name(["jill", "biden"], ["joe", "biden"])
    assert not same_full_name(["mary", "ann", "smith"], ["mary", "beth", "smith"])
    assert not same_full_name(["kim", "jong", "un"], ["kim", "yo", "jong"])


def test_unknown_spellings_resolve_by_their_words() -> None:
    index = PeopleIndex(NAMES)
    assert index.canonical("JOE BIDEN") == "Joseph R. Biden Jr."  # same words as a known spelling
    assert index.canonical("Dr. Jill Biden") == "Jill Biden"  # a title before the name is not part of it
    assert index.canonical("Zed Quill") == "Zed Quill"  # not known: left as it is
    assert index.identity("VNM") is None  # ids are no people


def _source() -> MemorySource:
    return MemorySource([
        fact("a", "event", kind="meeting", date="2023-09-10", participants=["Joe Biden", "Nguyen Phu Trong", "USA", "VNM"]),
        fact("b", "event", kind="talks", date="2023-09-10", participants=["Biden", "Trong", "VNM", "USA"]),
        fact("c", "position", person="Joseph R. Biden Jr.", title="President", org="USA", as_of="2023"),
        fact("d", "position", person="Biden", title="President", org="USA", as_of="2023-09"),
        fact("e", "event", kind="visit", date="2023-09-11", participants=["Jill Biden", "VNM"]),
        fact("f", "event", kind="visit", date="2023-09-11", participants=["Biden", "VNM"]),
        # Joe Biden is cited far more than Jill Biden, so a bare "Biden" is his
        *(fact(f"g{i}", "event", kind="call", date=f"2023-0{i}", participants=["Joe Biden", "JPN"])
          for i in range(1, 6)),
    ])


def test_entity_profile_of_a_surname_finds_every_spelling_but_no_namesake() -> None:
    source = _source()
    profile = entity_profile(source, "Biden")
    assert profile.name == "Joseph R. Biden Jr."
    docs = {d for f in (*profile.events, *profile.offices) for d in f.doc_ids}
    assert docs == {"a", "b", "c", "d", "f", "g1", "g2", "g3", "g4", "g5"}  # not "e": Jill Biden's visit
    assert len(profile.offices) == 1 and profile.offices[0].get("person") == "Joseph R. Biden Jr."
    assert person_names(source, "Jill Biden") == ["Jill Biden"]


def test_merge_with_the_index_shows_canonical_names_and_keeps_namesakes_apart() -> None:
    source = _source()
    index = people_index(source)
    merged = merge(source.facts(type="event"), people=index)
    meeting = [m for m in merged if m.get("kind") in ("meeting", "talks")]
    assert len(meeting) == 1 and set(meeting[0].get("participants")) >= {"Joseph R. Biden Jr.", "Nguyen Phu Trong"}
    visits = [m for m in merged if m.get("kind") == "visit"]
    assert len(visits) == 2  # Jill Biden's visit and Joe Biden's are two
    # without the index the scorer's surname rule would join them
    assert len([m for m in merge(source.facts(type="event")) if m.get("kind") == "visit"]) == 1


def test_a_single_word_prefers_the_surname_position() -> None:
    index = PeopleIndex({"Bui Thanh Son": 2, "Choe Son Hui": 9, "Son": 1})
    assert index.canonical("Son") == "Bui Thanh Son"  # the last word, though the other is cited more
    assert index.canonical("Hui") == "Choe Son Hui"
    assert index.same("Son", "Choe Son Hui") is False
