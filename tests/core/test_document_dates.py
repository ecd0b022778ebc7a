"""The document's own date from synthetic documents: each kind of evidence, and the traps."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xrefviewer.core.document_dates import (
    date_collection,
    infer_document_date,
    reference_year_of,
)
from xrefviewer.core.model import DocumentDate


def test_dateline_alone_on_a_top_line() -> None:
    text = "Ministers meet on flooding\nMay 12, 2021\n\nThe ministers met on Monday in Rome."
    assert infer_document_date(text) == DocumentDate("2021-05-12", "dateline")


def test_signature_date_under_the_signature() -> None:
    text = "The council calls for calm.\n\nSecretariat of the Council\nJanuary 20, 2014\n"
    date = infer_document_date(text)
    assert (date.value, date.source) == ("2014-01-20", "signature")


def test_stale_banner_loses_to_the_signature() -> None:
    text = (
        "Wednesday, July 31, 2024\nStatement on the camp\n\n"
        "On 19 October 2013 the camp was attacked.\n\nSecretariat\nJanuary 20, 2014"
    )
    assert infer_document_date(text).value == "2014-01-20"


def test_stale_banner_without_signature_gives_way_to_the_content() -> None:
    text = (
        "Wednesday, July 31, 2024\nStatement on the camp\n\n"
        "On 19 October 2013 the camp was attacked, and again on 2 December 2013.\n"
    )
    date = infer_document_date(text)
    assert (date.value, date.source) == ("2013-12", "inferred: latest date in text")


def test_weekday_fits_one_year_near_the_reference() -> None:
    text = "On Tuesday, June 3, the spokesperson said the 1988 massacre was justified."
    date = infer_document_date(text, reference_year=2014)
    assert (date.value, date.source) == ("2014-06", "inferred: weekday fits 2014")


def test_anniversary_dates_the_text() -> None:
    text = "The rally, held on the 30th anniversary of the 1991 uprising, drew crowds."
    date = infer_document_date(text)
    assert (date.value, date.source) == ("2021", "inferred: anniversary of 1991")


def test_nothing_to_go_on() -> None:
    assert infer_document_date("The minister spoke about the 1988 massacre.") == DocumentDate(
        None, "none"
    )


def test_posted_on_line_is_a_dateline() -> None:
    text = "Talks collapse\nPosted on 3 June 2014 by admin\n\nThe talks collapsed on Monday.\n"
    assert infer_document_date(text) == DocumentDate("2014-06-03", "dateline")


def test_a_title_with_a_date_is_not_a_dateline() -> None:
    text = "Remembering the massacre of July 28, 1988\n\nSurvivors gathered in Paris.\n"
    assert infer_document_date(text).source != "dateline"


def test_agency_dateline_takes_its_year_from_the_weekday() -> None:
    text = (
        "GENEVA, Tuesday, June 3 (Reuters) - The agency said the camp, attacked on "
        "May 19, 2013, must be protected.\n"
    )
    assert infer_document_date(text) == DocumentDate("2014-06-03", "inferred: dateline, year 2014")


def test_banner_kept_when_the_text_only_recalls_history() -> None:
    text = "Tuesday, July 16, 2024\n\nSurvivors recalled the 1988 massacre at a rally.\n"
    assert infer_document_date(text) == DocumentDate("2024-07-16", "dateline")


def test_banner_kept_when_an_anniversary_agrees() -> None:
    text = (
        "Tuesday, July 16, 2024\n\nOn the 36th anniversary of the 1988 massacre, survivors "
        "recalled the attack of 1 September 2013.\n"
    )
    assert infer_document_date(text) == DocumentDate("2024-07-16", "dateline")


def test_dateline_and_signature_agreeing() -> None:
    text = "12 May 2021\nStatement\n\nThe council met.\n\nThe Secretariat\n12 May 2021\n"
    assert infer_document_date(text) == DocumentDate("2021-05-12", "dateline")


def test_weekday_beats_the_latest_stated_date_when_later() -> None:
    text = "On Tuesday, June 3, the ministry recalled the attack of May 19, 2013.\n"
    assert infer_document_date(text) == DocumentDate("2014-06", "inferred: weekday fits 2014")


def test_weekday_older_than_a_stated_date_gives_way() -> None:
    text = (
        "Strikers have refused food since Wednesday 25th September.\n"
        "He was moved to another prison on December 10, 2019.\n"
    )
    assert infer_document_date(text) == DocumentDate("2019-12", "inferred: latest date in text")


def test_weekday_without_any_year_is_not_enough() -> None:
    text = "On Tuesday, June 3, the spokesperson repeated the demand.\n"
    assert infer_document_date(text) == DocumentDate(None, "none")


def test_copyright_is_the_last_resort() -> None:
    text = "The group called for an inquiry.\n\nCopyright © 2020 All Rights Reserved\n"
    assert infer_document_date(text) == DocumentDate("2020", "inferred: copyright year")


def test_copyright_loses_to_content() -> None:
    text = "On 23 October 2019 the parliament met.\n\nCopyright © 2020 All Rights Reserved\n"
    assert infer_document_date(text).value == "2019-10"


def test_empty_and_odd_texts() -> None:
    assert infer_document_date("") == DocumentDate(None, "none")
    assert infer_document_date("\n\n  \n") == DocumentDate(None, "none")
    assert infer_document_date("2014").value is None


def test_reference_year_of_a_collection() -> None:
    assert reference_year_of(["2014-01-20", None, "2009-07-28", "2014-08", "2019"]) == 2014
    assert reference_year_of([None]) is None


def test_a_deadline_ahead_is_not_the_latest_statement() -> None:
    text = (
        "The agency reported on 3 March 2021 that the camp was full.\n"
        "The government will close it by 31 December 2023.\n"
    )
    assert infer_document_date(text) == DocumentDate("2021-03", "inferred: latest date in text")


def test_dateline_under_a_menu_and_byline() -> None:
    text = "Home | News | World\nFloods in the north\nBy Jane Doe\nJune 3, 2014\n\nRivers rose.\n"
    assert infer_document_date(text) == DocumentDate("2014-06-03", "dateline")


_TIMEX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_LINES = st.sampled_from(
    [
        "Wednesday, July 31, 2024",
        "Posted on 3 June 2014 by admin",
        "GENEVA, June 3 (Reuters) - The agency spoke.",
        "On Tuesday, June 3, the spokesperson said.",
        "The 26th anniversary of the 1988 massacre was marked.",
        "Copyright © 2020 All Rights Reserved",
        "Secretariat of the Council",
        "January 20, 2014",
        "The council met on 19 October 2013 and will meet by 31 December 2030.",
        "",
        "Nothing to see here.",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=12).map("\n".join), st.one_of(st.none(), st.integers(1990, 2030)))
def test_property_document_dates_are_well_formed(text: str, reference: int | None) -> None:
    date = infer_document_date(text, reference)
    assert date.source
    assert date.value is None or _TIMEX.match(date.value)
    assert (date.value is None) == (date.source == "none")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_property_any_text_has_a_document_date_or_none(text: str) -> None:
    date = infer_document_date(text)
    assert date.value is None or _TIMEX.match(date.value)


def test_a_collection_dates_what_its_texts_alone_cannot() -> None:
    texts = [
        "On Tuesday, June 3, the spokesperson repeated the demand.\n",
        "The council met.\n\nThe Secretariat\nJanuary 20, 2014\n",
        "Talks resumed.\n\nThe Secretariat\nMay 2, 2014\n",
    ]
    first = [infer_document_date(t) for t in texts]
    assert first[0] == DocumentDate(None, "none")
    dated = date_collection(texts, first)
    assert dated[0] == DocumentDate("2014-06", "inferred: weekday fits 2014")
    assert dated[1:] == first[1:]


def test_a_collection_year_beats_a_history_year_that_also_fits_a_yearless_dateline() -> None:
    # June 14 is a Monday in 2021 and in 2027: "since March 2021" is history, not the year
    texts = [
        "PORTVILLE, June 14 (AFP) - The count ended, the commission said on Monday. "
        "Turnout has fallen since March 2021.\n",
        "Results\n\nThe Commission\nJune 13, 2027\n",
    ]
    first = [infer_document_date(t) for t in texts]
    assert first[0] == DocumentDate("2021-06-14", "inferred: dateline, year 2021")
    dated = date_collection(texts, first)
    assert dated[0] == DocumentDate("2027-06-14", "inferred: dateline, year 2027")
    # a collection of that year keeps it
    texts[1] = "Results\n\nThe Commission\nJune 13, 2021\n"
    assert date_collection(texts, [infer_document_date(t) for t in texts])[0] == first[0]


def test_datelines_opening_the_first_paragraph() -> None:
    for text, value in [
        ("Talks\n\nParis, France, 3 June 2014 – The talks ended.\n", "2014-06-03"),
        ("Talks\n\nJune 3, 2014 — The talks ended.\n", "2014-06-03"),
        ("Talks\n\nLONDON (AP) -- none here\nOn Monday talks ended.\n", None),
    ]:
        assert infer_document_date(text).value == value


def test_a_line_naming_the_kind_of_document_is_a_dateline() -> None:
    for top in ("Press release, 17 August 2027", "Joint statement – 17 August 2027"):
        text = f"STATISTICS OFFICE\n\n{top}\n\nOutput grew.\nNext release: 15 November 2027.\n"
        assert infer_document_date(text) == DocumentDate("2027-08-17", "dateline")


def test_last_updated_line_is_a_dateline() -> None:
    text = "Floods\nLast updated: 3 June 2014\n\nRivers rose on Monday.\n"
    assert infer_document_date(text) == DocumentDate("2014-06-03", "dateline")


def test_a_later_stated_date_beats_an_anniversary() -> None:
    text = (
        "The 30th anniversary of the 1988 massacre was marked in 2018.\n"
        "On 5 March 2020 the campaign presented its report.\n"
    )
    assert infer_document_date(text) == DocumentDate("2020-03", "inferred: latest date in text")


def test_a_top_date_labelled_issued_is_the_documents_own_even_above_old_history() -> None:
    text = (
        "SITUATION REPORT No. 2\nIssued: Friday 5 March 2021\n\n"
        "Three people died on Thursday. The area was last hit in July 2013.\n"
    )
    assert infer_document_date(text) == DocumentDate("2021-03-05", "dateline")


def test_a_signature_issued_in_a_place() -> None:
    text = "Results of the vote.\n\nTurnout was 62.4 percent.\n\nIssued in Vardan, 15 May 2023\n"
    assert infer_document_date(text) == DocumentDate("2023-05-15", "signature")


def test_a_yearless_dateline_takes_its_weekday_from_the_lede() -> None:
    text = (
        "KABUL, March 3 (Reuters) - A quake struck late on Tuesday, killing 41 people, "
        "officials said on Wednesday.\nIt was the strongest since the 1990s.\n"
    )
    # alone, nothing gives the year; beside documents of around 2021, Wednesday does
    assert infer_document_date(text).value is None
    assert infer_document_date(text, reference_year=2022).value == "2021-03-03"
    # "Sunday's vote" is the event's day, not the dateline's
    lede = "VARDAN, May 15 - She won Sunday's election, results showed on Monday.\n"
    assert infer_document_date(lede, reference_year=2021).value == "2023-05-15"


def test_a_yearless_dateline_takes_no_year_from_history_its_weekday_contradicts() -> None:
    text = (
        "SELUR, Aug 9 (Reuters) - Floods hit on Thursday night, the agency said on Friday.\n"
        "It was the heaviest rain since August 1998.\n"
    )
    # August 9 was no Friday in 1998: the collection decides, not the history
    assert infer_document_date(text) == DocumentDate(None, "none")
    assert infer_document_date(text, reference_year=2023).value == "2024-08-09"
    # a stated year the weekday fits is the year
    fits = text.replace("August 1998", "August 2019")
    assert infer_document_date(fits).value == "2019-08-09"


def test_a_top_date_two_years_after_the_events_it_counts_back_to_is_no_print_date() -> None:
    text = (
        "Officer convicted\nBy Selin Arda\nFriday, June 6, 2025\n\n"
        "A court convicted him over a death during protests two years ago. He fired on "
        "14 March 2023, the court found.\n"
    )
    assert infer_document_date(text) == DocumentDate("2025-06-06", "dateline")


@pytest.mark.parametrize(
    "top",
    [
        "WASHINGTON, Wednesday, March 5, 2025 (Reuters)",
        "WASHINGTON (AP) — March 5, 2025",
        "By Jane Doe | March 5, 2025, 10:32 a.m.",
        "Wednesday 5 March 2025 14.20 GMT",
        "LONDON, 5 March 2025 /PRNewswire/ --",
    ],
)
def test_dateline_forms_of_news_pages(top: str) -> None:
    text = f"{top}\n\nOfficials met this morning. Sales rose this week.\n"
    assert infer_document_date(text) == DocumentDate("2025-03-05", "dateline")


def test_a_place_and_date_on_the_last_line_sign_the_text() -> None:
    text = (
        "Free the detainees\n\nWe call for the release of all detainees.\n\nLondon, 24 October 2019"
    )
    assert infer_document_date(text) == DocumentDate("2019-10-24", "signature")
