from xrefviewer.core.titles import guess_title


def test_skips_date_lines_breadcrumbs_tag_lists_and_captions():
    text = (
        "Wednesday, July 31, 2024\n"
        "Home > News > World\n"
        "Politics,World,Elections,Europe\n"
        "Jane Doe\n"
        "Ministers meet to discuss the flooding\n"
    )
    assert guess_title(text, "fallback") == "Ministers meet to discuss the flooding"


def test_long_first_line_is_cut_at_a_word():
    title = guess_title("word " * 100, "x")
    assert title.endswith("…") and len(title) <= 141


def test_falls_back_to_the_file_name():
    assert guess_title("\n\n12 May 2020\n", "statement-3") == "statement-3"
