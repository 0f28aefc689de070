"""Tests for the office-holder gazetteer (packaged data plus a tiny hand-made index)."""

from __future__ import annotations

from importlib import resources

from diplograph import officeholders
from diplograph.officeholders import _parse, country_of, fold, lookup, offices_of

HEADER = "name\taliases\tcountry\torg\toffice\tstart\tend\tgender\n"


def test_full_name_and_title_prefix() -> None:
    assert country_of("William Ruto") == "KEN"
    assert country_of("President William Ruto", on="2024-03-01") == "KEN"
    assert offices_of("William Ruto", on="2024") == [("KEN", None, "President")]


def test_alias_native_order_and_diacritics() -> None:
    assert country_of("Erdoğan") == "TUR"
    assert country_of("el-Sisi") == "EGY"
    assert country_of("KISHIDA Fumio") == "JPN"
    assert country_of("Tô Lâm") == "VNM"
    assert fold("Nguyễn Phú Trọng") == "nguyen phu trong"


def test_date_picks_the_office_held_then() -> None:
    assert offices_of("Fumio Kishida", on="2015-06") == [("JPN", None, "Foreign Minister")]
    assert offices_of("Fumio Kishida", on="2022-05-10") == [("JPN", None, "Prime Minister")]
    # Without a date every term is returned.
    assert {o for _, _, o in offices_of("Fumio Kishida")} == {"Foreign Minister", "Prime Minister"}


def test_international_official_has_org_not_country() -> None:
    terms = lookup("Antonio Guterres", on="2023")
    assert [(t.org, t.office) for t in terms] == [("UN", "Secretary-General")]
    assert country_of("Antonio Guterres") is None
    # Moved from national office to an international one: the date decides.
    assert country_of("Mark Rutte", on="2020") == "NLD"
    assert country_of("Mark Rutte", on="2025") is None
    assert offices_of("Mark Rutte", on="2025") == [(None, "NATO", "Secretary General")]


def test_unique_surname_matches_ambiguous_does_not() -> None:
    assert country_of("Ruto") == "KEN"
    assert lookup("Jugnauth") == []  # two Mauritian prime ministers
    assert lookup("Kim") == []  # family-name-first names count towards ambiguity
    assert lookup("Emmanuel") == []  # a first name alone is never a surname match
    assert lookup("Nguyen Quoc Dung") == []  # shares family and last name with a PM, still someone else
    assert country_of("Joao Manuel Goncalves Lourenco") == "AGO"
    assert lookup("Store") == [] and country_of("Jonas Gahr Støre") == "NOR"  # everyday word: full name only


def test_unknown_and_empty_names() -> None:
    assert lookup("Nobody Inparticular") == []
    assert lookup("") == []
    assert country_of("Nobody Inparticular") is None


def test_small_index_ambiguity_and_explicit_alias() -> None:
    text = HEADER + (
        "Ann Smith\tSmith\tGBR\t\tForeign Minister\t2015\t2018\tf\n"
        "Bob Smith\t\tUSA\t\tSecretary of State\t2019\t\tm\n"
        "Carl Jones\t\tKEN\t\tPresident\t2020-01-01\t2021-06-30\tm\n"
    )
    index = _parse(text)
    assert index.people("Smith") == []  # an explicit alias does not beat a second person
    assert index.people("ann smith") == ["Ann Smith"]
    assert [t.country for t in index.lookup("Jones", on="2021-06")] == ["KEN"]
    assert index.lookup("Jones", on="2021-07")[0].covers("2021-07") is False


def test_packaged_file_is_well_formed() -> None:
    text = resources.files("diplograph.data").joinpath("people.tsv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == HEADER.rstrip("\n")
    for line in lines[1:]:
        cols = line.split("\t")
        assert len(cols) == 8, line
        assert cols[2] or cols[3], line
        assert cols[7] in {"m", "f"}, line
        assert cols[6] == "" or cols[5][:4] <= cols[6][:4], line
    assert len(officeholders.load()) >= 500
