"""timex: each kind of expression, with and without a reference date, keeping precision."""

from __future__ import annotations

import pytest

from diplograph.timex import TimeValue, date_document, find, resolve


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("on April 27", "2021-12-20", TimeValue("2021-04-27", "day")),
        ("on April 27", None, TimeValue("--04-27", "day")),
        ("in April", None, TimeValue("--04", "month")),
        ("at noon of November 1, 2021 (local time)", None, TimeValue("2021-11-01", "day")),
        ("the afternoon of December 19, 2021", "2022", TimeValue("2021-12-19", "day")),
        ("Dec 14", "2021-12", TimeValue("2021-12-14", "day")),
        ("Sept. 5", "2019", TimeValue("2019-09-05", "day")),
        ("14 December 2021", None, TimeValue("2021-12-14", "day")),
        ("the 15th of March next year", "2022-05-05", TimeValue("2023-03-15", "day")),
        ("December 12-13", "2023-12-20", TimeValue("2023-12-12", "day", "2023-12-12", "2023-12-13")),
        ("December 12-13", None, TimeValue("--12-12", "day", "--12-12", "--12-13")),
        ("in December 2021", None, TimeValue("2021-12", "month")),
        ("2020-2021", None, TimeValue("2020", "year", "2020", "2021")),
        ("2023–2025", None, TimeValue("2023", "year", "2023", "2025")),
        ("2021-30", None, TimeValue("2021", "year", "2021", "2030")),
        ("from 2010 to 2015", None, TimeValue("2010", "year", "2010", "2015")),
        ("early 2026", None, TimeValue("2026", "year")),
        ("an early-2026 interview", "2026-01", TimeValue("2026-01", "month")),
        ("mid-2024", None, TimeValue("2024", "year")),
        ("by the end of 2025", None, TimeValue("2025-12", "month")),
        ("the first half of 2022", None, TimeValue("2022", "year")),
        ("late August last year", "2026-01", TimeValue("2025-08", "month")),
        ("last December", "2022-03-01", TimeValue("2021-12", "month")),
        ("next March", "2022-03-01", TimeValue("2023-03", "month")),
        ("the June Summit", "2022-04-29", TimeValue("2022-06", "month")),
        ("the New Year 2026", None, TimeValue("2026-01", "month")),
        ("19/5/2022", None, TimeValue("2022-05-19", "day")),
        ("5/19/2022", None, TimeValue("2022-05-19", "day")),
        ("4/5/2022", None, TimeValue("2022", "year")),  # day and month order unknown
        ("2021-12-14", None, TimeValue("2021-12-14", "day")),
        ("today", "2023-11-13", TimeValue("2023-11-13", "day")),
        ("today", "2023-11", TimeValue("2023-11", "month")),
        ("yesterday", "2023-11-13", TimeValue("2023-11-12", "day")),
        ("this year", "2023-11-13", TimeValue("2023", "year")),
        ("last year", "2023", TimeValue("2022", "year")),
        ("next year", "2023-02", TimeValue("2024", "year")),
        ("this month", "2023-11-13", TimeValue("2023-11", "month")),
        ("last month", "2023-01-13", TimeValue("2022-12", "month")),
        ("last week", "2023-11-13", TimeValue("2023-11", "month", "2023-11-06", "2023-11-12")),
        ("One year ago", "2024-09-25", TimeValue("2023-09", "month")),
        ("three days ago", "2022-03-10", TimeValue("2022-03-07", "day")),
        ("this fall", "2023-09-11", TimeValue("2023", "year")),
        ("September last year", "2024-09-25", TimeValue("2023-09", "month")),
        ("last night", "2024-09-25", TimeValue("2024-09-24", "day")),
        ("2024/06/05", None, TimeValue("2024-06-05", "day")),
        ("Friday", "2024-09-25", TimeValue("2024-09-20", "day")),  # a Wednesday: the Friday before
        # a year-less date near the reference, on the side the clause's tense points to
        ("on Dec 28", "2024-01-05", TimeValue("2023-12-28", "day")),
        ("The tariff was imposed in August", "2025-06-15", TimeValue("2024-08", "month")),
        ("They will meet in January", "2025-11-20", TimeValue("2026-01", "month")),
        ("They looked forward to meeting at the June Summit", "2022-04-29", TimeValue("2022-06", "month")),
        ("the dialogue held on April 11", "2022-05-24", TimeValue("2022-04-11", "day")),
        ("said on Friday", "2024-09-27", TimeValue("2024-09-27", "day")),
        ("will meet on Friday", "2024-09-25", TimeValue("2024-09-27", "day")),
        ("last Friday", "2024-09-27", TimeValue("2024-09-20", "day")),
    ],
)
def test_resolve(text: str, ref: str | None, expected: TimeValue) -> None:
    assert resolve(text, ref) == expected


@pytest.mark.parametrize(
    "text",
    ["today", "yesterday", "last week", "this year", "Friday", "One year ago", "this fall", "last month"],
)
def test_relative_expressions_need_a_reference(text: str) -> None:
    assert resolve(text, None) is None


@pytest.mark.parametrize(
    "text",
    ["May I ask a question?", "a 2,000 mile border", "some 1945 soldiers", "$2021 million", "xyzzy",
     "Resolution No. 2018", "a 25 percent tariff", "the 1990s", "200 years", "2:17 P.M. EDT", "in 12 months",
     "the next 10 years", "two-day", "Day One"],
)
def test_not_a_time(text: str) -> None:
    assert resolve(text, "2020-05-05") is None


def test_find_gives_offsets_and_keeps_each_expression() -> None:
    text = "It sat on the council in 2008-2009 and 2020-2021, hosted the forum in 2006 and 2017, and met on Dec 14."
    found = find(text, "2021-12-20")
    assert [text[s:e] for s, e, _ in found] == ["2008-2009", "2020-2021", "2006", "2017", "Dec 14"]
    assert found[-1][2] == TimeValue("2021-12-14", "day")


def test_find_joins_a_range_of_full_dates() -> None:
    text = "the anniversary (April 30, 1975 - April 30, 2022) was marked"
    [(start, end, value)] = find(text, None)
    assert text[start:end] == "April 30, 1975 - April 30, 2022"
    assert (value.start, value.end) == ("1975-04-30", "2022-04-30")


def test_find_ignores_amounts_and_order_numbers() -> None:
    text = "Executive Order 14257 of April 2, 2025 set a 20 percent rate on 1,100 goods."
    assert [v.value for _, _, v in find(text, None)] == ["2025-04-02"]


def test_date_document_takes_the_latest_dated_past_event() -> None:
    text = ("Wed - 26/02/2016\n"  # a site's header: far older than the article
            "The minister reviewed the year's results on December 15.\n"
            "The country served on the council for 2020-2021 and will chair it by 2030.\n"
            "Talks were held on December 2, 2021.")
    assert date_document(text) == TimeValue("2021-12-15", "day")


def test_date_document_skips_future_dates_and_respects_segments() -> None:
    text = ("Menu 01/01/2030\n"
            "In an interview on the occasion of the New Year 2026, the envoy spoke.\n"
            "The deal was signed on October 29, 2025. The congress is scheduled to open on January 19, 2026.")
    body = ((text.index("In an"), len(text)),)
    assert date_document(text, body) == TimeValue("2026-01", "month")


def test_date_document_year_review_is_dated_to_its_december() -> None:
    text = "Five outstanding results in foreign affairs in 2023\nThe ministry looked at 2021-2030 goals."
    assert date_document(text) == TimeValue("2023-12", "month")


def test_date_document_without_dates() -> None:
    assert date_document("Remarks at 2:17 P.M. EDT. Thank you all.") is None


def test_date_document_prefers_a_wire_dateline() -> None:
    text = ("NAIROBI, March 12 (Reuters) - Kenya said on Tuesday it would send more police to Haiti.\n"
            "The mission began in June 2024 and was extended in 2025 until 2026.")
    assert date_document(text) == TimeValue("2025-03-12", "day")


def test_date_document_does_not_date_a_text_by_one_passing_year() -> None:
    # One historical year and a yearless month: too thin to date the text (relative dates hang on it).
    text = "Both sides agreed to restart the exercise, last held in 2017.\nThe soldiers were detained in July."
    assert date_document(text) is None


def test_date_document_ignores_years_in_names() -> None:
    text = ("The partners back the 2030 Agenda and the 2050 Strategy for the Blue Pacific Continent.\n"
            "They met on April 11, 2022.")
    assert date_document(text) == TimeValue("2022-04-11", "day")


def test_date_document_reads_a_title_line_date_and_skips_citations_and_deadlines() -> None:
    text = ("Press Briefing by the Foreign Ministry Spokesperson, March 29, 2021\n"
            "The spokesperson answered questions on the visit.")
    assert date_document(text) == TimeValue("2021-03-29", "day")
    text = ("The emergency declared in Executive Order 13664 of April 3, 2014, continues.\n"
            "The measures were reviewed in March 2021 and stay in force until June 30, 2022.")
    assert date_document(text) == TimeValue("2021-03", "month")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("21.03.2025\n\nPort Louis hosts a regional meeting\n\nThe ministers met in 2025.", "2025-03-21"),
        ("Updated 9:05 AM UTC, May 6, 2025\n\nANKARA (AP) — Officials met in 2025.", "2025-05-06"),
        ("Published on: 19/11/2024 - 10:15\nThe summit in 2024 ended.", "2024-11-19"),
    ],
)
def test_a_page_date_stamp_dates_the_document(text: str, expected: str) -> None:
    value = date_document(text)
    assert value is not None and value.value == expected


def test_a_site_header_far_older_than_the_body_is_not_the_date() -> None:
    text = "Mon - 01/03/2015\nA review of 2022\nIn 2022 the ministry signed 12 deals. In 2022 it also hosted a forum."
    value = date_document(text)
    assert value is not None and value.value.startswith("2022")


def test_a_published_stamp_beats_a_newer_site_header_and_an_update_stamp() -> None:
    text = ("Ministry news\nMonday, 3 March 2025\n\nMinister visits Accra\nPublished: 12 February 2025\n\n"
            "The minister travelled to Accra in 2025.")
    assert date_document(text) == TimeValue("2025-02-12", "day")


def test_a_dated_lead_beats_a_last_updated_stamp() -> None:
    text = ("Last updated on 19 May 2025 - 08:00\n\nTitle of the release\n\n"
            "PIO - 18 May 2025: The minister said that talks held in 2025 went well.")
    assert date_document(text) == TimeValue("2025-05-18", "day")


@pytest.mark.parametrize("text, expected", [
    ("Also on Monday, the prime minister will host the Kenyan delegation.", "2021-07-26"),
    ("Tuesday, Foreign Minister Ana Reyes is scheduled to fly to Lima.", "2021-07-27"),
    ("On Monday, the envoy met the minister and will return home later.", "2021-07-19"),
    ("On Tuesday, the minister said the talks will resume.", "2021-07-20"),
])
def test_a_day_set_before_a_clause_about_the_future_lies_ahead(text: str, expected: str) -> None:
    # published on a Friday
    assert [v.value for _, _, v in find(text, "2021-07-23")] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Twenty-five years ago, the two countries opened embassies.", "1999-07"),
    ("fifteen years ago", "2009-07"),
    ("The minister is headed to Nairobi on Monday, where she will open talks.", "2024-07-29"),
])
def test_spelled_out_spans_and_trips_under_way(text: str, expected: str) -> None:
    # published on Thursday 2024-07-25
    assert [v.value for _, _, v in find(text, "2024-07-25")] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Fiji will host next year's leaders meeting.", "2025"),
    ("The chair passed to Samoa at the start of the week.", "2024-08"),
])
def test_possessive_years_and_the_start_of_the_week(text: str, expected: str) -> None:
    assert [v.value for _, _, v in find(text, "2024-08-30")] == [expected]


def test_a_weekday_names_the_date_that_follows_it() -> None:
    assert [v.value for _, _, v in find("On Sunday, May 8, the minister will travel to Lima.", "2022-05-02")] == [
        "2022-05-08"]


def test_the_stamp_with_a_time_under_the_headline_dates_a_web_page() -> None:
    from diplograph.timex import date_document
    page = ("Some headline\n\nHome | World | Business | Culture\n\nSaturday, 07/06/2025\n\nSome headline\n\n"
            "Tuesday, 21/01/2025 - 10:40\n\n(Agency) - The minister met her counterpart in Lima on Monday.")
    found = date_document(page)
    assert found is not None and found.value == "2025-01-21"
