"""Cross-document name linking (core/name_links.py) and the keys it blocks on (core/name_keys.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xrefviewer.core.model import Cluster, NameSpan, Ref
from xrefviewer.core.name_keys import name_key, names_alike, skeleton, soft, tokens_alike
from xrefviewer.core.name_links import blocking_keys, link_names
from xrefviewer.core.names import extract_names


def ref(mention: str, document: str, text: str, canonical: str = "", kind: str = "person",
        aliases: tuple[str, ...] = ()) -> Ref:  # fmt: skip
    span = NameSpan(0, len(text), text, canonical or text, kind, aliases)  # type: ignore[arg-type]
    return Ref(mention, document, span)


def clusters_of(refs: list[Ref]) -> dict[str, Cluster]:
    out = {}
    for cluster in link_names(refs):
        for mention in cluster.mentions:
            out[mention] = cluster
    return out


def linked(refs: list[Ref], a: str, b: str) -> bool:
    by_mention = clusters_of(refs)
    return by_mention[a] is by_mention[b]


# -- keys ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Gaddafi", "Qaddafi"),
        ("Gaddafi", "Kadhafi"),
        ("Mojtaba", "Mujtaba"),
        ("Mujahidin", "Mujahideen"),
        ("Husieni", "Huseini"),
        ("Quran", "Koran"),
        ("Hamburg", "Hambourg"),
        ("Mohammad", "Muhammad"),
        ("Muammar", "Moammar"),
        ("Yousef", "Yusuf"),
    ],
)
def test_spelling_variants_are_alike(a: str, b: str) -> None:
    assert tokens_alike(soft(a.lower()), soft(b.lower()))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Iran", "Iraq"),
        ("Iraq", "Arak"),
        ("Austria", "Australia"),
        ("Ban", "Bin"),
        ("Oman", "Amman"),
        ("Mali", "Malik"),
        ("Sudan", "Sedan"),
        ("Niger", "Nigeria"),
        ("Georgia", "Georgina"),
        ("Salami", "Salim"),
    ],
)
def test_different_names_are_not_alike(a: str, b: str) -> None:
    assert not tokens_alike(soft(a.lower()), soft(b.lower()))


def test_name_key_folds_case_accents_particles_and_hyphens() -> None:
    assert name_key("Nouri al-Maliki") == name_key("NOURI MALIKI")
    assert name_key("Ban Ki-moon") == name_key("Ban Ki Moon")
    assert name_key("José Núñez") == name_key("Jose Nunez")
    assert name_key("People’s Party") == name_key("People's Party")


def test_skeleton_blocks_variants_together() -> None:
    assert skeleton(soft("gaddafi")) == skeleton(soft("kadhafi")) == skeleton(soft("qaddafi"))
    assert skeleton("iran") != skeleton("iraq")


def test_names_alike_needs_every_token() -> None:
    assert names_alike(("muammar", "gadafi"), ("moammar", "kadafi"))
    assert not names_alike(("ebrahim", "karimi"), ("ali", "karimi"))
    assert not names_alike(("karimi",), ("ebrahim", "karimi"))


# -- clusters -----------------------------------------------------------------------------------


def test_every_mention_is_in_exactly_one_cluster() -> None:
    refs = [ref("m1", "d1", "Iran", kind="place"), ref("m2", "d2", "Iraq", kind="place"),
            ref("m3", "d2", "Iran", kind="place")]  # fmt: skip
    clusters = link_names(refs)
    mentions = [m for c in clusters for m in c.mentions]
    assert sorted(mentions) == ["m1", "m2", "m3"]
    assert linked(refs, "m1", "m3") and not linked(refs, "m1", "m2")


def test_empty_input() -> None:
    assert link_names([]) == []


def test_label_is_the_fullest_form() -> None:
    refs = [
        ref("m1", "d1", "WHO", "World Health Organization", "organisation", ("WHO",)),
        ref("m2", "d2", "WHO", "WHO", "organisation"),
    ]
    by_mention = clusters_of(refs)
    assert by_mention["m2"].label == "World Health Organization"
    assert linked(refs, "m1", "m2")


def test_declared_aliases_link_across_documents() -> None:
    refs = [
        ref("m1", "d1", "Northern Valley Alliance", kind="organisation", aliases=("NVA", "TSH")),
        ref("m2", "d2", "TSH", kind="organisation"),
        ref("m3", "d3", "Tahrir-e Shomal", kind="organisation", aliases=("TSH",)),
    ]
    assert linked(refs, "m1", "m2") and linked(refs, "m1", "m3")
    assert clusters_of(refs)["m3"].label == "Northern Valley Alliance"


def test_gazetteer_links_acronym_and_long_form() -> None:
    refs = [ref("m1", "d1", "UN", kind="organisation"),
            ref("m2", "d2", "United Nations", kind="organisation")]  # fmt: skip
    assert linked(refs, "m1", "m2")


def test_transliteration_variants_link() -> None:
    refs = [ref("m1", "d1", "Muammar Gaddafi"), ref("m2", "d2", "Moammar Qaddafi"),
            ref("m3", "d3", "Muammar Kadhafi")]  # fmt: skip
    assert linked(refs, "m1", "m2") and linked(refs, "m1", "m3")


def test_transliteration_variants_of_different_types_stay_apart() -> None:
    refs = [ref("m1", "d1", "Tabuk", kind="place"), ref("m2", "d2", "Tabuki", kind="person")]
    assert not linked(refs, "m1", "m2")


def test_different_people_sharing_a_surname_never_merge() -> None:
    refs = [ref("m1", "d1", "Ebrahim Karimi"), ref("m2", "d2", "Ali Karimi"),
            ref("m3", "d3", "Karimi", kind="other")]  # fmt: skip
    assert not linked(refs, "m1", "m2")
    assert not linked(refs, "m3", "m1") and not linked(refs, "m3", "m2")


def test_unambiguous_surname_links_to_the_full_name() -> None:
    refs = [ref("m1", "d1", "Ebrahim Karimi"), ref("m2", "d2", "Karimi", kind="other"),
            ref("m3", "d3", "Ebrahim Karimi")]  # fmt: skip
    assert linked(refs, "m1", "m2") and linked(refs, "m2", "m3")


def test_surname_stays_apart_from_an_organisation_with_that_word() -> None:
    refs = [ref("m1", "d1", "Karimi Foundation", kind="organisation"),
            ref("m2", "d2", "Karimi", kind="other")]  # fmt: skip
    assert not linked(refs, "m1", "m2")


def test_fuller_name_links_when_it_is_the_only_one() -> None:
    refs = [ref("m1", "d1", "Clara Wynn Doyle"), ref("m2", "d2", "Clara Doyle")]
    assert linked(refs, "m1", "m2")


def test_fuller_name_stays_apart_when_two_fuller_names_differ() -> None:
    refs = [ref("m1", "d1", "Clara Wynn Doyle"), ref("m2", "d2", "Clara Doyle"),
            ref("m3", "d3", "Clara Mary Doyle")]  # fmt: skip
    assert not linked(refs, "m1", "m3")
    assert not linked(refs, "m2", "m1") and not linked(refs, "m2", "m3")


def test_place_word_order_and_bare_core() -> None:
    refs = [ref("m1", "d1", "Camp Zaatari", kind="place"), ref("m2", "d2", "Zaatari Camp", kind="place"),
            ref("m3", "d3", "Zaatari", kind="other")]  # fmt: skip
    assert linked(refs, "m1", "m2") and linked(refs, "m1", "m3")


def test_bare_core_shared_by_two_kinds_of_place_stays_apart() -> None:
    refs = [ref("m1", "d1", "Camp Zaatari", kind="place"), ref("m2", "d2", "Lake Zaatari", kind="place"),
            ref("m3", "d3", "Zaatari", kind="other")]  # fmt: skip
    assert not linked(refs, "m1", "m2")
    assert not linked(refs, "m3", "m1") and not linked(refs, "m3", "m2")


def test_bare_core_that_is_a_surname_stays_apart() -> None:
    refs = [ref("m1", "d1", "Camp Zaatari", kind="place"), ref("m2", "d2", "Zaatari", kind="other"),
            ref("m3", "d3", "Hamid Zaatari")]  # fmt: skip
    assert not linked(refs, "m1", "m2")


def test_hillary_and_bill_clinton_end_to_end() -> None:
    docs = ["Hillary Clinton arrived. Mrs. Clinton spoke.", "Bill Clinton waited.", "Clinton left."]
    refs = [
        Ref(f"d{d}m{i}", f"d{d}", span)
        for d, text in enumerate(docs)
        for i, span in enumerate(extract_names(text))
    ]
    by_mention = clusters_of(refs)
    assert by_mention["d0m0"] is by_mention["d0m1"]
    assert by_mention["d0m0"] is not by_mention["d1m0"]
    assert (
        by_mention["d2m0"] is not by_mention["d0m0"]
        and by_mention["d2m0"] is not by_mention["d1m0"]
    )


# -- properties and growth ----------------------------------------------------------------------

_NAME = st.text(alphabet="abcdeghiklmnoqrsuyz- ", min_size=1, max_size=14).map(str.title)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), _NAME), max_size=30))
def test_clusters_partition_the_mentions(items: list[tuple[int, str]]) -> None:
    refs = [ref(f"m{i}", f"d{d}", text.strip() or "X") for i, (d, text) in enumerate(items)]
    clusters = link_names(refs)
    mentions = [m for c in clusters for m in c.mentions]
    assert sorted(mentions) == sorted(r.mention for r in refs)
    assert all(c.label for c in clusters)


def test_many_distinct_names_stay_apart() -> None:
    """Blocking must not merge a crowd: 3,000 people sharing given names, each named twice."""
    given_names = ["Ali", "Maryam", "Hassan", "Sara", "Reza", "Leila"]
    names = [f"{given_names[i % 6]} Karimi{i}" for i in range(3000)]
    refs = [ref(f"m{i}", f"d{i % 50}", name) for i, name in enumerate(names + names)]
    clusters = link_names(refs)
    assert len(clusters) == len(names)
    assert all(len(c.mentions) == 2 for c in clusters)


def test_undeclared_acronym_links_to_the_one_long_form_it_spells() -> None:
    refs = [ref("m1", "d1", "National Council of Farmers", kind="organisation"),
            ref("m2", "d2", "NCF", kind="organisation")]  # fmt: skip
    assert linked(refs, "m1", "m2")
    assert clusters_of(refs)["m2"].label == "National Council of Farmers"


def test_undeclared_acronym_spelling_two_long_forms_stays_apart() -> None:
    refs = [ref("m1", "d1", "National Council of Farmers", kind="organisation"),
            ref("m2", "d2", "Northern Coalition of Fishermen", kind="organisation"),
            ref("m3", "d3", "NCF", kind="organisation")]  # fmt: skip
    assert not linked(refs, "m3", "m1") and not linked(refs, "m3", "m2")


def test_two_letter_acronyms_need_a_declaration() -> None:
    refs = [ref("m1", "d1", "Lowland Party", kind="organisation"),
            ref("m2", "d2", "LP", kind="organisation")]  # fmt: skip
    assert not linked(refs, "m1", "m2")


def test_initials_variants_keep_or_skip_small_words() -> None:
    from xrefviewer.core.name_keys import initials_variants

    assert initials_variants("Bank of England") == {"be", "boe"}
    assert "nsoa" in initials_variants("National Society of Authors")


def test_spaces_and_hyphens_inside_a_name_come_and_go() -> None:
    refs = [ref("m1", "d1", "Mostafa PourMohammadi"), ref("m2", "d2", "Mostafa Pour-Mohammadi"),
            ref("m3", "d3", "PourMohammadi", kind="other"), ref("m4", "d4", "Pour Mohammadi")]  # fmt: skip
    assert linked(refs, "m1", "m2") and linked(refs, "m3", "m4")
    assert linked(refs, "m1", "m3")


def test_a_given_name_alone_never_links_across_documents() -> None:
    refs = [ref("m1", "d1", "Ahmad", kind="other"), ref("m2", "d2", "Ahmad", kind="other")]
    assert not linked(refs, "m1", "m2")
    refs = [ref("m1", "d1", "Obama", kind="other"), ref("m2", "d2", "Obama", kind="other")]
    assert linked(refs, "m1", "m2")


@pytest.mark.parametrize(
    ("acronym", "long_form", "fits"),
    [
        ("NSOA", "National Society of Authors", True),
        ("NSA", "National Society of Authors", True),
        ("MoD", "Ministry of Defence", True),
        ("UNHCR", "United Nations High Commissioner for Refugees", True),
        ("MEK", "Mujahideen-e Kanun", True),
        ("MOIS", "Ministry of Intelligence and Security", True),
        ("ABC", "National Society of Authors", False),
        ("NS", "National Society of Authors", False),
        ("WHO", "World Health", False),
    ],
)
def test_initials_fit(acronym: str, long_form: str, fits: bool) -> None:
    from xrefviewer.core.name_shapes import initials_fit

    assert initials_fit(acronym, long_form) is fits


# -- a lone surname spelled another way; a word written in capitals ------------------------------


def test_a_lone_surname_finds_the_one_full_name_it_is_a_variant_of() -> None:
    refs = [ref("m1", "d1", "Muammar Gaddafi"), ref("m2", "d2", "Qaddafi", kind="other")]
    assert linked(refs, "m1", "m2")


def test_a_lone_variant_stays_alone_when_two_people_carry_the_name() -> None:
    refs = [
        ref("m1", "d1", "Muammar Gaddafi"),
        ref("m2", "d2", "Saif Qadhafi"),
        ref("m3", "d3", "Kadafi", kind="other"),
    ]
    by_mention = clusters_of(refs)
    assert len(by_mention["m3"].mentions) == 1
    assert not linked(refs, "m1", "m2")


def test_a_dateline_in_capitals_links_to_the_place_written_normally() -> None:
    refs = [ref("m1", "d1", "BEIRUT", kind="place"), ref("m2", "d2", "Beirut", kind="place")]
    assert linked(refs, "m1", "m2")


def test_a_short_acronym_is_not_read_as_a_word() -> None:
    refs = [ref("m1", "d1", "WHO", kind="organisation"), ref("m2", "d2", "Who", kind="other")]
    assert not linked(refs, "m1", "m2")


# -- the library's re-link scope relies on these keys --------------------------------------------


def _entities_share_a_key_whenever_linked(texts: list[str]) -> int:
    refs: list[Ref] = []
    for d, text in enumerate(texts):
        for i, span in enumerate(extract_names(text)):
            refs.append(Ref(f"m{d}_{i}", f"d{d}", span))
    by_id = {r.mention: r for r in refs}
    checked = 0
    for cluster in link_names(refs):
        entities = {
            (by_id[m].document, by_id[m].span.canonical): by_id[m] for m in cluster.mentions
        }
        keys = [
            blocking_keys(r.span.canonical, r.span.type, r.span.aliases) for r in entities.values()
        ]
        # the entities of one cluster must be connected through shared keys
        reached, frontier = {0}, [0]
        while frontier:
            i = frontier.pop()
            for j in range(len(keys)):
                if j not in reached and keys[i] & keys[j]:
                    reached.add(j)
                    frontier.append(j)
        assert len(reached) == len(keys), [e for e in entities]
        checked += len(keys) > 1
    return checked


def test_every_cross_document_link_is_reachable_through_blocking_keys() -> None:
    from pathlib import Path

    corpus = sorted((Path(__file__).resolve().parents[2] / "corpus").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in corpus] + [
        "BEIRUT, Aug. 5 - The World Health Organization (WHO) met Muammar Gaddafi.",
        "The WHO said Qaddafi met Mrs. Clinton; Hillary Clinton and Bill Clinton spoke.",
        "Residents of Camp Nadira fled to Nadira Camp; Adel al-Jubeir and Adel Jubeir spoke.",
    ]
    assert _entities_share_a_key_whenever_linked(texts) > 10


def test_name_without_its_first_given_name_finds_the_one_full_name() -> None:
    refs = [ref("m1", "d1", "Recep Tayyip Erdogan"), ref("m2", "d2", "Tayyip Erdoğan"),
            ref("m3", "d3", "Tayyip Erdogan")]  # fmt: skip
    assert linked(refs, "m1", "m2") and linked(refs, "m1", "m3")


def test_name_tail_stays_apart_when_two_full_names_end_so() -> None:
    refs = [ref("m1", "d1", "Mohammed Ali Khan"), ref("m2", "d2", "Ali Khan"),
            ref("m3", "d3", "Hassan Ali Khan")]  # fmt: skip
    assert not linked(refs, "m2", "m1") and not linked(refs, "m2", "m3")


def test_name_tail_stays_apart_when_someone_else_has_that_first_and_last() -> None:
    refs = [ref("m1", "d1", "Mohammed Ali Khan"), ref("m2", "d2", "Ali Khan"),
            ref("m3", "d3", "Ali Reza Khan")]  # fmt: skip
    assert not linked(refs, "m2", "m1")


def test_a_company_without_its_legal_form_is_the_same_company() -> None:
    refs = [ref("m1", "d1", "Tarvik Shipping Ltd", kind="organisation"),
            ref("m2", "d2", "Tarvik Shipping", kind="other"),
            ref("m3", "d3", "Brightwater & Co.", kind="organisation"),
            ref("m4", "d4", "Brightwater", kind="other")]  # fmt: skip
    assert linked(refs, "m1", "m2") and linked(refs, "m3", "m4")
    assert not linked(refs, "m1", "m3")


def test_a_surname_with_its_article_fused_is_the_same_name() -> None:
    refs = [ref("m1", "d1", "Yousef al-Harazi"), ref("m2", "d2", "Yusuf el-Harazi"),
            ref("m3", "d3", "Yousef Alharazi"), ref("m4", "d4", "Yousef Albright")]  # fmt: skip
    assert linked(refs, "m1", "m2") and linked(refs, "m1", "m3")
    assert not linked(refs, "m1", "m4")


def test_a_place_named_like_a_woman_links_across_documents() -> None:
    docs = ["Floods hit Victoria on Monday.", "The premier of Victoria declared an emergency."]
    refs = [
        Ref(f"m{i}", f"d{i}", span) for i, text in enumerate(docs) for span in extract_names(text)
    ]
    assert linked(refs, "m0", "m1")
