"""A small number told only with an action links across documents when the sentences name
the same place or year: the same incident, not a number that recurs by chance."""

from __future__ import annotations

from xrefviewer.core.analyze import analyze
from xrefviewer.core.model import Analysis, SourceText


def _analysis(*texts: str) -> Analysis:
    return analyze(
        [SourceText(path=f"d{n}.txt", text=t, title=f"d{n}") for n, t in enumerate(texts, 1)]
    )


def _figure_links(*texts: str) -> list[list[tuple[str, str]]]:
    result = _analysis(*texts)
    by_id = {m.id: m for m in result.mentions}
    return [
        [(by_id[m].document, by_id[m].text) for m in link.mentions]
        for link in result.links
        if link.kind == "figure"
    ]


def test_the_same_place_in_the_sentence_links_a_small_number() -> None:
    assert _figure_links(
        "An earthquake struck near Caldmoor on Sunday, killing three people, officials said.",
        "Three people were killed when the quake hit homes in Caldmoor.",
    ) == [[("d1", "three"), ("d2", "Three")]]


def test_different_places_keep_small_numbers_apart() -> None:
    assert (
        _figure_links(
            "Gunmen killed three people in Caldmoor, police said.",
            "Three people were killed in Bramholt, police said.",
        )
        == []
    )


def test_the_same_year_in_the_sentence_links_a_small_number() -> None:
    assert _figure_links(
        "It was the worst since the summer of 2013, when two quakes killed nine people.",
        "The area was last hit in July 2013, when nine people died.",
    ) == [[("d1", "nine"), ("d2", "nine")]]


def test_a_small_number_with_nothing_in_common_stays_in_its_document() -> None:
    assert (
        _figure_links(
            "Officials said three people were killed.",
            "Three people were killed, a spokesman said.",
        )
        == []
    )


def test_a_term_links_across_documents_when_the_same_person_serves_it() -> None:
    assert _figure_links(
        "The journalist Anouk Verhaegen was sentenced to eight years in prison.",
        "Anouk Verhaegen, jailed for eight years in August, began a hunger strike.",
    ) == [[("d1", "eight"), ("d2", "eight")]]


def test_terms_of_two_people_stay_apart() -> None:
    assert (
        _figure_links(
            "The journalist Anouk Verhaegen was sentenced to eight years in prison.",
            "The lawyer Pieter Claes was jailed for eight years.",
        )
        == []
    )


def test_a_name_its_document_did_not_type_may_be_the_place() -> None:
    assert _figure_links(
        "Gunmen opened fire in Caldmoor on Sunday, killing four people.",
        "Caldmoor shooting: four dead\n\nPolice gave no names.",
    ) == [[("d1", "four"), ("d2", "four")]]
