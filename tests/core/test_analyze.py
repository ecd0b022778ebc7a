"""The pipeline's handling of the cyclic collector: results unchanged, and the collector
left as the caller had it."""

from __future__ import annotations

import gc

import pytest

from xrefviewer.core.analyze import analyze, analyze_document
from xrefviewer.core.model import SourceText

_TEXT = (
    "GENEVA, March 5, 2025 (Reuters) - Floods killed 41 villagers on Monday, the "
    "World Health Organization (WHO) said. WHO officials said 41 people were killed."
)


@pytest.fixture
def collector():
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    if not was_enabled:
        gc.disable()


def test_what_survives_a_document_goes_to_the_oldest_generation(collector) -> None:
    result = analyze_document(SourceText(path="a.txt", text=_TEXT, title="a"))
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    oldest = gc.get_objects(generation=2)
    assert any(o is result for o in oldest)
    assert any(o is result.names[0] for o in oldest)


def test_collector_left_disabled_when_the_caller_disabled_it(collector) -> None:
    gc.disable()
    analyze_document(SourceText(path="a.txt", text=_TEXT, title="a"))
    assert not gc.isenabled()


def test_objects_the_caller_froze_stay_frozen(collector) -> None:
    kept = [{"x": [1]} for _ in range(10)]  # tracked containers
    gc.freeze()
    frozen = gc.get_freeze_count()
    analyze([SourceText(path="a.txt", text=_TEXT, title="a")])
    assert gc.get_freeze_count() == frozen > 0
    assert kept


def test_results_do_not_depend_on_the_collector(collector) -> None:
    sources = [SourceText(path="a.txt", text=_TEXT, title="a")]
    with_collector = analyze(sources)
    gc.disable()
    without = analyze(sources)
    gc.enable()
    assert with_collector == without
    assert [link.kind for link in with_collector.links].count("name") == 1
