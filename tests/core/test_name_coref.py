"""name_coref's shortcuts give what the long way gives."""

from __future__ import annotations

from xrefviewer.core.model import NameSpan
from xrefviewer.core.name_coref import _Group, _non_overlapping, _place_core
from xrefviewer.core.name_shapes import Candidate


def _spans(*offsets: tuple[int, int]) -> list[NameSpan]:
    return [NameSpan(a, b, "x" * (b - a), "X", "other") for a, b in offsets]


def _sorted_way(spans: list[NameSpan]) -> list[NameSpan]:
    """What `_non_overlapping` does when spans do not come in order."""
    out: list[NameSpan] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not out or s.start >= out[-1].end:
            out.append(s)
    return out


def test_non_overlapping_spans_in_order_are_kept() -> None:
    spans = _spans((0, 4), (4, 9), (12, 20))
    assert _non_overlapping(list(spans)) == spans


def test_non_overlapping_sorts_and_drops_as_before() -> None:
    cases = [
        _spans((5, 9), (0, 4)),  # out of order
        _spans((0, 4), (2, 9)),  # overlapping
        _spans((0, 3), (0, 8), (8, 9)),  # same start: the longest
        _spans((3, 3), (3, 7)),  # an empty span at another's start
    ]
    for spans in cases:
        assert _non_overlapping(list(spans)) == _sorted_way(spans)


def test_group_of_one_mention_is_what_add_gives_an_empty_group() -> None:
    for m in [
        Candidate(3, 15, "Hillary  Clinton", "person", 1, False, gender="f"),
        Candidate(20, 23, "WHO", "organisation", 1, True),
        Candidate(30, 36, "Farmers’ Union", "organisation", 2, False),
    ]:
        built = _Group("", "other", -1)
        built.add(m)
        built.canonical = next(iter(built.forms))
        assert _Group.of(m) == built


def test_place_core() -> None:
    words = frozenset({"camp", "lake"})
    assert _place_core(("camp", "david"), words) == "david"
    assert _place_core(("david", "camp"), words) == "david"
    assert _place_core(("david",), words) == ""  # no place word
    assert _place_core(("camp",), words) == ""  # nothing else
