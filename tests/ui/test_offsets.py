from hypothesis import given
from hypothesis import strategies as st

from xrefviewer.ui.offsets import Utf16Map


def test_plain_text_maps_one_to_one():
    m = Utf16Map("plain text, no emoji")
    assert [m.to_qt(i) for i in range(5)] == [0, 1, 2, 3, 4]
    assert m.from_qt(7) == 7


def test_astral_characters_take_two_positions():
    text = "a🙂b😀c"
    m = Utf16Map(text)
    assert [m.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [m.from_qt(q) for q in range(8)] == [0, 1, 1, 2, 3, 3, 4, 5]


@given(st.text())
def test_round_trip_and_agreement_with_utf16(text):
    m = Utf16Map(text)
    for i in range(len(text) + 1):
        q = m.to_qt(i)
        assert q == len(text[:i].encode("utf-16-le")) // 2
        assert m.from_qt(q) == i
