"""Unit tests for graph.extract.dates: date expressions against an anchor."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from graph.extract.date_resolution import resolve as resolve_article
from graph.extract.dates import (
    DateMention,
    days_before,
    find_dates,
    resolve,
    sequel_days,
    year_hint,
)

SAT = date(2023, 9, 9)  # a Saturday


def only(text: str, anchor: date | None = SAT) -> DateMention:
    """The single mention in ``text`` (fails if there are zero or several)."""
    mentions = find_dates(text, anchor)
    assert len(mentions) == 1, mentions
    return mentions[0]


def d(month: int, day: int, year: int = 2023) -> date:
    return date(year, month, day)


# --- absolute dates ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("May 2, 2023", d(5, 2)),
        ("Sept. 9, 2023", d(9, 9)),
        ("Sept 9, 2023", d(9, 9)),
        ("Sep. 9, 2023", d(9, 9)),
        ("SEPT. 9, 2023", d(9, 9)),
        ("2023-09-09", d(9, 9)),
        ("9/9/2023", d(9, 9)),
        ("9 September 2023", d(9, 9)),
        ("17th of August, 2023", d(8, 17)),
        ("Friday, Sept. 8, 2023", d(9, 8)),
        ("Jan. 5, 2024", d(1, 5, 2024)),
        ("Dec 31 2022", d(12, 31, 2022)),
    ],
)
def test_absolute_dates_resolve_without_anchor(text: str, expected: date) -> None:
    m = only(text, None)
    assert m.dates == (expected,)
    assert m.kind == "absolute"
    assert m.text == text


@pytest.mark.parametrize(
    "abbr", ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
             "Oct", "Nov", "Dec"],
)
def test_month_abbreviations_with_and_without_dot(abbr: str) -> None:
    for form in (abbr, abbr + "."):
        m = only(f"on {form} 3, 2020", None)
        assert m.dates[0].day == 3 and m.dates[0].year == 2020
        assert m.text == f"{form} 3, 2020"


def test_invalid_calendar_date_is_unresolved() -> None:
    m = only("Feb. 30, 2023")
    assert m.dates == () and m.kind == "unresolved"


# --- month + day without a year ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("July 14", d(7, 14)), ("Aug. 22", d(8, 22)), ("August 17th", d(8, 17)),
     ("Sept. 27", d(9, 27)), ("22 August", d(8, 22))],
)
def test_month_day_takes_anchor_year(text: str, expected: date) -> None:
    m = only(text)
    assert m.dates == (expected,) and m.kind == "absolute"


@pytest.mark.parametrize("text", ["July 14", "Aug. 22", "August 17th",
                                  "Aug. 17th and 18th", "22 August"])
def test_month_day_without_anchor_never_guesses_year(text: str) -> None:
    m = only(text, None)
    assert m.dates == ()
    assert m.kind == "unresolved"
    assert resolve(text, None) == ()


def test_month_day_rolls_back_to_previous_year() -> None:
    assert resolve("Dec. 20", date(2024, 1, 10)) == (date(2023, 12, 20),)
    assert resolve("Nov. 15", SAT) == (date(2022, 11, 15),)  # 67 days ahead


def test_rollback_boundary_is_60_days() -> None:
    assert resolve("Nov. 8", SAT) == (date(2023, 11, 8),)  # exactly 60 days
    assert resolve("Nov. 9", SAT) == (date(2022, 11, 9),)  # 61 days


def test_list_never_straddles_years() -> None:
    # Year chosen from the first day: both days in the same year.
    assert resolve("Nov. 8 and 9", SAT) == (date(2023, 11, 8), date(2023, 11, 9))


# --- coordinated days --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aug. 17th and 18th", (d(8, 17), d(8, 18))),
        ("August 17 and 18", (d(8, 17), d(8, 18))),
        ("Aug. 17-18", (d(8, 17), d(8, 18))),
        ("Aug. 17\u201319", (d(8, 17), d(8, 18), d(8, 19))),
        ("July 10, 11 and 12", (d(7, 10), d(7, 11), d(7, 12))),
        ("Aug. 17th and 18th, 2022", (d(8, 17, 2022), d(8, 18, 2022))),
        ("17 and 18 August", (d(8, 17), d(8, 18))),
    ],
)
def test_coordinated_days_are_one_mention(text: str, expected: tuple[date, ...]) -> None:
    m = only(text)
    assert m.text == text
    assert m.dates == expected


def test_aug_17th_and_18th_in_sentence() -> None:
    text = "Negotiators met Aug. 17th and 18th at the AMPTP offices."
    m = only(text)
    assert m.dates == (d(8, 17), d(8, 18))
    assert text[m.start:m.end] == m.text == "Aug. 17th and 18th"


def test_comma_number_after_date_is_not_a_day() -> None:
    m = only("On July 10, 11 writers were arrested.")
    assert m.text == "July 10" and m.dates == (d(7, 10),)


# --- weekdays (anchor Saturday 2023-09-09) ----------------------------------


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("The strike on Friday hit 129 days.", "Friday", d(9, 8)),
        ("Friday's statement was short.", "Friday", d(9, 8)),
        ("earlier Friday", "earlier Friday", d(9, 8)),
        ("late Friday", "late Friday", d(9, 8)),
        ("Saturday", "Saturday", d(9, 9)),  # anchor's own weekday -> anchor
        ("Sunday", "Sunday", d(9, 3)),
        ("Monday", "Monday", d(9, 4)),
        # "last X": most recent X strictly before the anchor (not "the
        # previous week's X"): on Saturday, last Friday is yesterday.
        ("last Friday", "last Friday", d(9, 8)),
        ("last Saturday", "last Saturday", d(9, 2)),
        ("this past Friday", "this past Friday", d(9, 8)),
        # "this X": the X of the anchor's Monday-Sunday week.
        ("this Friday", "this Friday", d(9, 8)),
        ("this Monday", "this Monday", d(9, 4)),
        ("this Sunday", "this Sunday", d(9, 10)),
        # "next X": first X strictly after the anchor.
        ("next Friday", "next Friday", d(9, 15)),
        ("next Saturday", "next Saturday", d(9, 16)),
        ("Last Friday, talks resumed.", "Last Friday", d(9, 8)),
    ],
)
def test_weekdays_against_saturday(text: str, span: str, expected: date) -> None:
    m = only(text)
    assert m.text == span
    assert m.dates == (expected,)
    assert m.kind == "weekday"


@pytest.mark.parametrize("text", ["Friday", "on Friday", "last Friday",
                                  "this Friday", "earlier Friday"])
def test_weekday_without_anchor_is_unresolved(text: str) -> None:
    m = only(text, None)
    assert m.dates == () and m.kind == "unresolved"


def test_weekday_relative_to_other_event_is_unresolved() -> None:
    m = only("the following Monday")
    assert m.dates == () and m.kind == "unresolved"


@pytest.mark.parametrize(
    "text",
    ["Fridays are long.", "Black Friday sales", "He watched Friday Night Lights.",
     'Netflix paused "Wednesday" production.'],
)
def test_weekday_names_that_are_not_dates(text: str) -> None:
    assert find_dates(text, SAT) == []


def test_weekday_accepts_datetime_anchor() -> None:
    assert resolve("Friday", datetime(2023, 9, 9, 18, 30)) == (d(9, 8),)


# --- relative expressions ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", SAT),
        ("yesterday", d(9, 8)),
        ("tomorrow", d(9, 10)),
        ("Today, the guild said", SAT),
        ("three days ago", d(9, 6)),
        ("a week ago", d(9, 2)),
        ("two weeks ago", d(8, 26)),
        ("10 days ago", d(8, 30)),
    ],
)
def test_relative_days(text: str, expected: date) -> None:
    m = only(text)
    assert m.dates == (expected,) and m.kind == "relative"


@pytest.mark.parametrize("text", ["yesterday", "two weeks ago", "today"])
def test_relative_days_without_anchor(text: str) -> None:
    m = only(text, None)
    assert m.dates == () and m.kind == "unresolved"


@pytest.mark.parametrize(
    ("text", "span"),
    [("earlier this week", "earlier this week"), ("this week", "this week"),
     ("next week's vote", "next week"), ("over the weekend", "the weekend"),
     ("a few days ago", "a few days ago"), ("two months ago", "two months ago")],
)
def test_weeks_and_vague_spans_are_mentions_without_days(text: str, span: str) -> None:
    for anchor in (SAT, None):
        m = only(text, anchor)
        assert m.text == span and m.dates == () and m.kind == "relative"


def test_usa_today_is_a_name() -> None:
    (m,) = find_dates("USA Today reported it today.", SAT)
    assert m.text == "today"


# --- month and year precision ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("September 2023", "September 2023"),
        ("Sept. 2023", "Sept. 2023"),
        ("in late August", "late August"),
        ("the beginning of May", "the beginning of May"),
        ("early May", "early May"),
        ("by mid-August", "mid-August"),
        ("in August", "August"),
        ("In May, talks stalled.", "May"),
        ("last month", "last month"),
        ("this month", "this month"),
        ("earlier this month", "earlier this month"),
    ],
)
def test_month_precision_has_no_day(text: str, span: str) -> None:
    for anchor in (SAT, None):
        m = only(text, anchor)
        assert m.text == span and m.dates == () and m.kind == "month"


@pytest.mark.parametrize(
    ("text", "span"),
    [("in 2023", "2023"), ("since 1960", "1960"), ("the 2023 strike", "2023"),
     ("last year", "last year"), ("earlier this year", "earlier this year")],
)
def test_years_have_no_day(text: str, span: str) -> None:
    m = only(text)
    assert m.text == span and m.dates == () and m.kind == "year"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Writers Guild Strike 2023 TV Shows Explained", 2023),
        ("From 1960 to 2023: in 2023 the guild struck again", 2023),
        ("2022 and 2023", 2023),  # tie -> latest
        ("1988, 1988 and 2007", 1988),  # most frequent wins
        ("Strike ends on Sept. 27, 2023", 2023),
        ("No year: 129 days, $1.2 billion, Local 399, 1960s", None),
        ("Out of range: 1850 and 2150", None),
        ("Local 2023 voted", None),
    ],
)
def test_year_hint(text: str, expected: int | None) -> None:
    assert year_hint(text) == expected


# --- non-dates and may-as-verb ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a 5% raise",
        "the strike hit 129 days",
        "a $1.2 billion deal",
        "IATSE Local 399",
        "2,000 members",
        "the writers may strike",
        "May I ask?",
        "by Jan the producer",
        "the March on Washington",
        "August Wilson's Fences",
        "the 1960s",
        "call 555-2012",
    ],
)
def test_non_dates_not_matched(text: str) -> None:
    assert find_dates(text, SAT) == []


# --- offsets, ordering, resolve, days_before ---------------------------------


def test_offsets_and_order_in_a_paragraph() -> None:
    text = (
        "The WGA went on strike May 2, 2023. On Friday the strike hit 129 days, "
        "and talks held Aug. 17th and 18th broke down. Negotiations resume "
        "next week, a 5% raise aside, after SAG-AFTRA joined July 14."
    )
    mentions = find_dates(text, SAT)
    assert [m.text for m in mentions] == [
        "May 2, 2023", "Friday", "Aug. 17th and 18th", "next week", "July 14",
    ]
    for m in mentions:
        assert text[m.start:m.end] == m.text
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert mentions[1].dates == (d(9, 8),)
    assert mentions[2].dates == (d(8, 17), d(8, 18))
    assert mentions[3].dates == ()


def test_weekday_plus_date_is_one_mention() -> None:
    m = only("on Friday, Sept. 8, the guild said")
    assert m.text == "Friday, Sept. 8" and m.dates == (d(9, 8),)


def test_modified_weekday_plus_date_is_one_mention() -> None:
    m = only("a meeting for this Friday, August 4. The trades", date(2023, 8, 1))
    assert m.text == "this Friday, August 4" and m.dates == (d(8, 4),)


def test_sentence_full_stop_is_not_part_of_month() -> None:
    text = "the strike that began in May. In August, talks stalled."
    assert [m.text for m in find_dates(text, SAT)] == ["May", "August"]
    assert only("in Sept. The union").text == "Sept."  # abbreviation keeps dot
    assert only("on 22 August.").text == "22 August"


def test_resolve_single_expressions() -> None:
    assert resolve("on Friday", SAT) == (d(9, 8),)
    assert resolve("Aug. 17th and 18th", SAT) == (d(8, 17), d(8, 18))
    assert resolve("earlier this week", SAT) == ()
    assert resolve("129 days", SAT) == ()


def test_days_before_counts_elapsed_days() -> None:
    friday = resolve("on Friday", SAT)[0]
    assert days_before(friday, 129) == date(2023, 5, 2)
    assert days_before(date(2023, 9, 8), 129) == date(2023, 5, 2)
    assert days_before(SAT, 0) == SAT
    with pytest.raises(ValueError):
        days_before(SAT, -1)


def test_mentions_are_frozen() -> None:
    m = only("July 14")
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]


@pytest.mark.parametrize(("text", "days"), [
    ("three days later", 3), ("Two days later", 2), ("a week later", 7), ("two weeks earlier", -14),
    ("the next day", 1), ("The following day", 1), ("10 days later", 10),
])
def test_a_sequel_counts_days_from_the_day_named_before_it(text: str, days: int) -> None:
    assert only(text).kind == "sequel" and only(text).dates == ()
    assert sequel_days(text) == days


def test_sequels_resolve_against_the_last_single_day_of_the_article() -> None:
    text = "Talks began on June 3. Three days later the board met. The next day, members voted."
    days = [m.dates for m in resolve_article(text, SAT, None).values()]
    assert days == [(d(6, 3),), (d(6, 6),), (d(6, 7),)]


def test_a_sequel_with_no_day_before_it_is_unresolved() -> None:
    mentions = resolve_article("In March the guild met. Two days later it voted.", SAT, None).values()
    assert [(m.kind, m.dates) for m in mentions] == [("month", ()), ("unresolved", ())]
