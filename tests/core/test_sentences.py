import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xrefviewer.core.sentences import SentenceFinder, SentenceIndex, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_splits_at_full_stops_before_capitals():
    assert sentences("It rained. Then it stopped! Did it? Yes.") == [
        "It rained.", "Then it stopped!", "Did it?", "Yes.",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith arrived late.",
        "Dr. A. B. Jones spoke at the U.N. meeting.",
        "The U.S. Secretary of State left.",
        "He met Gen. Ward on Jan. 5 in Kabul.",
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(text: str):
    assert sentences(text) == [text]


def test_list_enumerators_stay_with_their_item():
    assert sentences("Intro line\n1. First item here.\n2. Second item.") == [
        "Intro line", "1. First item here.", "2. Second item.",
    ]  # fmt: skip


def test_closing_quote_belongs_to_the_sentence():
    assert sentences("He said: “It is over.” Then he left.") == [
        "He said: “It is over.”", "Then he left.",
    ]  # fmt: skip


def test_index_finds_the_sentence_around_an_offset():
    text = "First one. Second one here.\nThird."
    index = SentenceIndex(text)
    a, b = index.around(text.index("here"))
    assert text[a:b] == "Second one here."


@given(st.text(alphabet=st.sampled_from(list('ab .!?\nM r1"”'))))
def test_spans_are_ordered_trimmed_and_inside(text: str):
    spans = sentence_spans(text)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        last = b


_PIECES = ["a", "b", " ", ".", "!", "?", "\n", "M", "r", "1", '"', "”", "\t", "iv", "x",
           "U.S.", "Mr.", " 1.", "\n1. ", " Jan. 5", "a.m.", "...", " II. ", "(a). ", "1.5 ",
           "Hello. ", "\u00a0"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.randoms(use_true_random=False))
def test_the_sentence_finder_agrees_with_the_whole_index(pieces: list[str], rnd) -> None:
    # The finder splits only the text near each offset; it must give what splitting the
    # whole text gives, whatever order the offsets come in.
    text = "".join(pieces)
    offsets = list(range(-1, len(text) + 1))
    index = SentenceIndex(text)
    want = {o: index.around(o) for o in offsets}
    in_order = SentenceFinder(text)
    assert {o: in_order.around(o) for o in offsets} == want
    rnd.shuffle(offsets)
    shuffled = SentenceFinder(text)
    assert {o: shuffled.around(o) for o in offsets} == want
