from xrefviewer.core.names import extract_names


def names(text: str) -> list[tuple[str, str, str]]:
    return [(n.text, n.canonical, n.type) for n in extract_names(text)]


def test_title_is_set_aside_and_surname_resolves_to_full_name():
    found = names("Prime Minister Nouri al-Maliki met reporters. Later Maliki left.")
    assert ("Nouri al-Maliki", "Nouri al-Maliki", "person") in found
    assert ("Maliki", "Nouri al-Maliki", "person") in found


def test_acronym_declared_in_parentheses_is_an_alias():
    spans = extract_names("The World Health Organization (WHO) warned. The WHO said more.")
    assert [s.text for s in spans] == ["World Health Organization", "WHO", "WHO"]
    assert {s.canonical for s in spans} == {"World Health Organization"}
    assert spans[0].aliases == ("WHO",)
