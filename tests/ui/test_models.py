from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from xrefviewer.store.records import (
    DocumentInfo,
    EventInfo,
    LinkInfo,
    NoteInfo,
    Occurrence,
    SearchHit,
)
from xrefviewer.ui.models import (
    SORT_ROLE,
    DocumentTableModel,
    EventFilterProxy,
    EventTableModel,
    LinkFilterProxy,
    LinkTableModel,
    NoteTableModel,
    OccurrenceTableModel,
    SearchHitModel,
)

pytestmark = pytest.mark.gui


def _event(id, date_value, doc=1, uncertain=False, text="It happened."):
    return EventInfo(id, doc, f"Doc {doc}", date_value, "then", 0, 12, text, uncertain, (id * 10,))


def _doc(id, title, figures=0):
    return DocumentInfo(
        id, f"/d/{id}.txt", title, "2014-06-03", "dateline", "h", datetime(2024, 1, 1), figures
    )


LINKS = [
    LinkInfo(1, "figure", "41 killed", 5, 3),
    LinkInfo(2, "name", "WHO", 9, 4),
    LinkInfo(3, "name", "Tripoli", 2, 2),
]


@pytest.mark.parametrize(
    "model",
    [
        lambda: DocumentTableModel([_doc(1, "A", 3), _doc(2, "B", 10)]),
        lambda: LinkTableModel(LINKS),
        lambda: EventTableModel([_event(1, "2014"), _event(2, "2013-05", uncertain=True)]),
        lambda: NoteTableModel(
            [NoteInfo(1, "link", 2, "check this", datetime(2024, 1, 1), datetime(2024, 1, 2))],
            describe=lambda n: f"{n.target_kind} {n.target_id}",
        ),
        lambda: SearchHitModel([SearchHit(1, "A", "the [WHO] said", 4)]),
        lambda: OccurrenceTableModel([]),
    ],
    ids=["documents", "links", "events", "notes", "search", "occurrences-empty"],
)
def test_models_are_valid(qtmodeltester, model):
    qtmodeltester.check(model())


def test_proxies_are_valid(qtmodeltester):
    proxy = EventFilterProxy()
    proxy.setSourceModel(EventTableModel([_event(1, "2014"), _event(2, "2013-05")]))
    proxy.set_period(date(2014, 1, 1), None)
    qtmodeltester.check(proxy)
    links = LinkFilterProxy()
    links.setSourceModel(LinkTableModel(LINKS))
    links.set_kind("name")
    qtmodeltester.check(links)


def test_uncertain_dates_are_marked():
    model = EventTableModel([_event(1, "2013-05", uncertain=True), _event(2, "2014")])
    assert model.index(0, 0).data() == "~2013-05"
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(0, 0).data(SORT_ROLE) == "2013-05-00"  # sorted by time, mark or not
    assert model.index(1, 0).data() == "2014"
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole) is None


def test_event_proxy_filters_by_period_document_and_ids():
    events = [
        _event(1, "2013-05"),
        _event(2, "2014-06-03", doc=2),
        _event(3, "2014"),
        _event(4, "PAST_REF"),
    ]
    proxy = EventFilterProxy()
    proxy.setSourceModel(EventTableModel(events))

    def visible():
        return sorted(
            proxy.index(r, 0).data(Qt.ItemDataRole.UserRole).id for r in range(proxy.rowCount())
        )

    assert visible() == [1, 2, 3, 4]
    proxy.set_period(date(2014, 6, 1), date(2014, 6, 30))
    assert visible() == [2, 3]
    proxy.set_document(2)
    assert visible() == [2]
    proxy.set_document(None)
    proxy.set_period(None, None)
    proxy.set_event_ids([1, 4])
    assert visible() == [1, 4]


def test_link_proxy_sorts_numbers_as_numbers_and_filters_kind_and_text():
    proxy = LinkFilterProxy()
    proxy.setSourceModel(LinkTableModel([*LINKS, LinkInfo(4, "figure", "7 wounded", 30, 12)]))
    proxy.sort(2, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 1).data() for r in range(proxy.rowCount())] == [
        "7 wounded",
        "WHO",
        "41 killed",
        "Tripoli",
    ]
    proxy.set_kind("name")
    assert proxy.rowCount() == 2
    proxy.set_text("trip")
    assert [proxy.index(r, 1).data() for r in range(proxy.rowCount())] == ["Tripoli"]


def test_occurrence_model_marks_the_current_row():
    mention = __import__("xrefviewer.store.records", fromlist=["MentionInfo"]).MentionInfo(
        1, 1, "figure", 0, 2, "41", "41", link_id=1
    )
    occ = Occurrence(mention, "A", None, "41 died", 0, 1, 1)
    model = OccurrenceTableModel([occ, occ])
    model.set_current_row(1)
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None


def test_a_bad_record_shows_blank_instead_of_raising():
    model = DocumentTableModel([object()])
    assert model.index(0, 0).data() is None
