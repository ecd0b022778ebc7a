"""The document's own date from synthetic documents: each kind of evidence, and the traps."""

from __future__ import annotations

from xrefviewer.core.document_dates import infer_document_date
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
