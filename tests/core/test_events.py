from xrefviewer.core.events import build_events, timex_sort_key
from xrefviewer.core.model import Document, Mention


def doc(text: str) -> Document:
    return Document("d1", "a.txt", "A", text, "2014-06-05", "dateline")


def test_one_event_per_date_in_its_sentence_with_the_mentions_inside():
    text = "Nothing here. On June 3, 41 people were killed in Ashraf. Later on."
    s = text.index("June 3")
    f = text.index("41")
    n = text.index("Ashraf")
    mentions = [
        Mention("m1", "d1", "date", s, s + 6, "June 3", "2014-06-03"),
        Mention("m2", "d1", "figure", f, f + 2, "41", 41),
        Mention("m3", "d1", "name", n, n + 6, "Ashraf", "Camp Ashraf"),
        Mention("m4", "d1", "name", 0, 7, "Nothing", "Nothing"),
    ]
    [event] = build_events([doc(text)], mentions)
    assert event.text == "On June 3, 41 people were killed in Ashraf."
    assert event.date == "2014-06-03"
    assert event.mentions == ("m1", "m2", "m3")
    assert text[event.start : event.end] == event.text


def test_events_are_in_chronological_order_coarse_before_fine():
    text = "In 1988 it began. On 2 May 1988 more. In May 1988 also. Recently, too."
    where = {
        "1988": (text.index("1988"), "1988"),
        "2 May 1988": (text.index("2 May 1988"), "1988-05-02"),
        "May 1988": (text.index("In May 1988") + 3, "1988-05"),
        "Recently": (text.index("Recently"), "PAST_REF"),
    }
    mentions = [
        Mention(f"m{i}", "d1", "date", s, s + len(t), t, v)
        for i, (t, (s, v)) in enumerate(where.items(), 1)
    ]
    events = build_events([doc(text)], mentions)
    assert [e.date for e in events] == ["1988", "1988-05", "1988-05-02", "PAST_REF"]
    assert [e.id for e in events] == ["e1", "e2", "e3", "e4"]


def test_sort_key_orders_weeks_seasons_and_quarters_by_time():
    values = ["2014-Q3", "2014-W02", "2014-SU", "2013", "2014-11"]
    assert sorted(values, key=timex_sort_key) == [
        "2013",
        "2014-W02",
        "2014-SU",
        "2014-Q3",
        "2014-11",
    ]


def test_sort_key_puts_decades_and_centuries_at_their_first_year():
    values = ["PAST_REF", "2001", "19XX", "1995", "199X", "18XX"]
    assert sorted(values, key=timex_sort_key) == [
        "18XX",
        "19XX",
        "199X",
        "1995",
        "2001",
        "PAST_REF",
    ]


def test_a_line_that_is_only_a_date_is_not_a_statement():
    text = "Wednesday, July 31, 2024\nOn May 2 the talks ended."
    banner = Mention("m1", "d1", "date", 0, 24, text[:24], "2024-07-31")
    s = text.index("May 2")
    talks = Mention("m2", "d1", "date", s, s + 5, "May 2", "2014-05-02")
    assert [e.date for e in build_events([doc(text)], [banner, talks])] == ["2014-05-02"]


def test_the_analysis_makes_the_events_build_events_makes_from_its_mentions():
    from xrefviewer.core.analyze import analyze
    from xrefviewer.core.model import SourceText

    texts = [
        "BEIRUT, June 5, 2014 - On June 3, 41 people were killed in Ashraf. Mr. Doyle said "
        "on Monday that 2 May 1988 was the start.\nWednesday, July 31, 2024\nIn 1988 it began.",
        "Nothing dated here, said Clara Doyle.",
        "On Jan. 5, 2013 and on Jan. 6, 2013 the talks in Geneva ended; 12 soldiers left.",
    ]
    result = analyze([SourceText(f"d{i}.txt", t, f"D{i}") for i, t in enumerate(texts)])
    assert result.events
    assert result.events == build_events(result.documents, result.mentions)
