"""Figure linking: the same quantity of the same thing, never equal numbers of different things."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from xrefviewer.core.figure_links import link_figures
from xrefviewer.core.figures import extract_figures
from xrefviewer.core.model import Cluster, FigureSpan, Ref


def refs_of(*documents: str) -> list[Ref]:
    """Every figure of each text, as refs m1, m2, ... of documents d1, d2, ..."""
    refs = []
    for doc_number, text in enumerate(documents, start=1):
        for figure in extract_figures(text):
            refs.append(Ref(f"m{len(refs) + 1}", f"d{doc_number}", figure))
    return refs


def texts(refs: list[Ref], cluster: Cluster) -> list[str]:
    by_id = {r.mention: r for r in refs}
    return [by_id[m].span.text for m in cluster.mentions]


def linked(*documents: str) -> list[list[str]]:
    refs = refs_of(*documents)
    return [texts(refs, c) for c in link_figures(refs)]


def test_killed_villagers_and_people_killed_link() -> None:
    assert linked("Gunmen killed 41 villagers.", "41 people were killed in the raid.") == [
        ["41", "41"]
    ]


def test_a_small_share_with_a_decimal_links_within_its_document() -> None:
    assert linked("Economy grows 0.6% in Q2.\n\nGDP grew by 0.6% in the quarter.") == [
        ["0.6%", "0.6%"]
    ]
    assert linked("GDP grew 0.6%.", "Prices rose 0.6%.") == []
    assert linked("Turnout was 6%. Support was 6%.") == []


def test_a_bare_number_joins_the_one_sum_of_its_value() -> None:
    assert linked(
        "Profit was NOK 745 million in the quarter.", "Profit rose from 745 million a year before."
    ) == [["NOK 745 million", "745 million"]]
    assert (
        linked("Revenue was $745 million.", "It owes €745 million.", "It made 745 million.") == []
    )


def test_hostages_freed_or_rescued_are_the_hostages_taken() -> None:
    assert linked("Rebels took twelve hostages.", "The 12 hostages were freed on Monday.") == [
        ["twelve", "12"]
    ]
    assert linked("Rebels took twelve hostages.", "Troops rescued 12 hostages.") == [
        ["twelve", "12"]
    ]
    assert linked("Rebels took twelve hostages.", "Police released 12 prisoners.") == []


def test_hostages_link_with_and_without_the_verb() -> None:
    assert linked("The 12 hostages are safe.", "The militants took twelve hostages.") == [
        ["12", "twelve"]
    ]


def test_same_subject_links_across_documents() -> None:
    docs = (
        "The regime slaughtered 30,000 political prisoners in 1988.",
        "the massacre of over 30,000 political prisoners",
        "More than 30,000 political prisoners lost their lives.",
        "Most of the 30,000 who died were young.",
    )
    [cluster] = link_figures(refs_of(*docs))
    assert len(cluster.mentions) == 4
    assert cluster.label == "30,000 political prisoners"


def test_elliptical_and_generic_mentions_join_the_one_matching_subject() -> None:
    docs = ("The regime has killed 116 residents.", "Attacks that have so far killed 116 people.")
    assert linked(*docs) == [["116", "116"]]


def test_equal_numbers_of_different_things_never_link() -> None:
    assert linked("They took twelve hostages.", "Twelve soldiers were executed.") == []
    assert linked("There were three bombings.", "He got three years in prison.") == []
    assert linked("It lasted four years.", "She was four years old.") == []
    assert linked("over the past four years", "for four years") == []
    assert linked("Turnout was 40%.", "Prices rose 40%.") == []


def test_bare_numbers_never_link() -> None:
    assert linked("The score was 41.", "He counted to 41.") == []


def test_different_actions_on_the_same_subject_do_not_link() -> None:
    assert linked("Police arrested 300 protesters.", "300 protesters were released.") == []


def test_executions_and_killings_are_compatible() -> None:
    assert linked("The regime executed 120 prisoners.", "120 prisoners were killed.") == [
        ["120", "120"]
    ]


def test_a_subjectless_action_is_ambiguous_between_two_subjects() -> None:
    docs = ("Troops killed 50 villagers.", "Rebels killed 50 soldiers.", "50 were killed.")
    assert linked(*docs) == []


def test_small_numbers_need_a_subject() -> None:
    assert linked("Two were killed in Kabul.", "two were killed in Paris") == []
    assert linked("Two policemen were killed.", "The two policemen were killed.") == [
        ["Two", "two"]
    ]


def test_larger_subjectless_figures_link_on_a_shared_action() -> None:
    assert linked("The attack left 52 killed.", "Agents killed fifty-two in cold blood.") == [
        ["52", "fifty-two"]
    ]


def test_durations_link_only_with_a_shared_action_in_one_document() -> None:
    text = "He was sentenced to nine years in prison. The nine years began in May."
    assert linked(text) == []
    text = "He was sentenced to nine years in prison and later sentenced to nine years again."
    assert linked(text) == [["nine", "nine"]]
    docs = ("He was sentenced to nine years in prison.", "She was sentenced to nine years.")
    assert linked(*docs) == []


def test_compounds_link_on_unit_and_subject() -> None:
    assert linked("the ten-point plan", "her ten-point plan") == [["ten", "ten"]]
    assert linked("a 22-year-old son", "a 22-year-old student") == []


def test_measures_compare_what_they_measure() -> None:
    docs = ("2,750 tonnes of ammonium nitrate", "2,750 tonnes of wheat", "2,750 tonnes")
    assert linked(*docs) == []
    assert linked("2,750 tonnes of ammonium nitrate", "2,750 tonnes of ammonium nitrate") == [
        ["2,750", "2,750"]
    ]


def test_synonyms_and_plurals() -> None:
    assert linked("seven hostages", "one of the seven captives") == [["seven", "seven"]]
    assert linked("one child", "one child") == []  # "one" recurs by chance
    assert linked("one child was hurt and one child was not") == [["one", "one"]]
    assert linked("3 children", "three children") == [["3", "three"]]


def test_values_never_mix_and_mentions_are_in_one_cluster() -> None:
    docs = (
        "killed 41 villagers, 41 people were killed",
        "killed 42 villagers and 42 people were killed",
    )
    refs = refs_of(*docs)
    clusters = link_figures(refs)
    by_id = {r.mention: r.span.value for r in refs}
    seen: set[str] = set()
    for cluster in clusters:
        assert len({by_id[m] for m in cluster.mentions}) == 1
        assert len(cluster.mentions) >= 2
        assert not seen & set(cluster.mentions)
        seen |= set(cluster.mentions)
    assert len(clusters) == 2


def test_output_is_deterministic_and_ordered() -> None:
    docs = ("Six women and 12 hostages.", "twelve hostages; six women", "Six women.")
    refs = refs_of(*docs)
    first = link_figures(refs)
    assert first == link_figures(list(refs))
    starts = [int(c.mentions[0][1:]) for c in first]
    assert starts == sorted(starts)


def test_ignores_refs_that_are_not_figures() -> None:
    from xrefviewer.core.model import NameSpan

    name = NameSpan(0, 3, "Bob", "Bob")
    figure = FigureSpan(0, 2, "41", 41, counts="villagers")
    refs = [Ref("m1", "d1", name), Ref("m2", "d1", figure), Ref("m3", "d2", figure)]
    assert [c.mentions for c in link_figures(refs)] == [("m2", "m3")]


def test_scales_to_many_mentions_by_value_blocks() -> None:
    refs = [
        Ref(f"m{i}", f"d{i % 97}", FigureSpan(0, 2, "x", 2 + i % 500, counts="villagers"))
        for i in range(20_000)
    ]
    clusters = link_figures(refs)
    assert len(clusters) == 500
    assert sum(len(c.mentions) for c in clusters) == 20_000


def test_different_proper_modifiers_are_different_things() -> None:
    docs = ("Rebels killed 12 Afghan soldiers.", "12 American soldiers were killed.")
    assert linked(*docs) == []
    docs = ("taken seven PMOI (MEK) members hostage", "abducted seven MEK members")
    assert linked(*docs) == [["seven", "seven"]]
    docs = ("Rebels killed 12 Afghan soldiers.", "12 soldiers were killed.")
    assert linked(*docs) == [["12", "12"]]


def test_labels_read_like_the_text() -> None:
    def labels(*docs: str) -> list[str]:
        return [c.label for c in link_figures(refs_of(*docs))]

    assert labels("over 30,000 Political Prisoners", "30,000 political prisoners") == [
        "30,000 Political Prisoners"
    ]
    assert labels("the attack left 52 killed", "they killed fifty-two") == ["52 killed"]
    assert labels("the ten-point plan", "her ten-point plan") == ["10-point plan"]
    assert labels("40% of voters backed it", "40 percent of the voters") == ["40% of voters"]
    assert labels("$3 billion in aid was pledged", "$3 billion in aid") == []


def test_a_duration_next_to_an_unrelated_verb_never_links() -> None:
    text = "Troops killed for three years. Rebels killed for three years too."
    assert linked(text) == []


def test_generic_others_join_the_one_subject_with_the_same_action() -> None:
    docs = (
        "The regime tormented 20 residents to death.",
        "It killed 116 people and brought 20\u00a0others to\u00a0death.",
    )
    assert linked(*docs) == [["20", "20"]]


def test_a_small_number_with_a_generic_noun_links_only_within_its_document() -> None:
    text = "Four people are missing. Rescuers said at least four people remain missing."
    assert linked(text) == [["Four", "four"]]
    assert [c.label for c in link_figures(refs_of(text))] == ["4 people missing"]
    assert linked("Four people are missing.", "At least four people remain missing.") == []
    assert linked("Rescue teams saved 30 people.", "30 people died in the floods.") == []


def test_a_small_generic_mention_never_joins_another_documents_subject() -> None:
    docs = ("Two people were killed in the blast.", "Troops killed two attackers.")
    assert linked(*docs) == []
    docs = ("41 people were killed in the blast.", "Troops killed 41 villagers.")
    assert linked(*docs) == [["41", "41"]]


def test_houses_and_homes_are_one_subject() -> None:
    docs = ("300 houses were destroyed.", "The floods destroyed 300 homes.")
    assert linked(*docs) == [["300", "300"]]


_SENTENCES = [
    "Gunmen killed 41 villagers.",
    "41 people were killed.",
    "They took twelve hostages.",
    "Twelve soldiers were executed.",
    "It lasted four years.",
    "the 30,000 who died",
    "30,000 political prisoners were executed",
    "some 30,000 political opponents",
    "Police arrested 41 protesters.",
    "two men and two women",
    "one man was taken hostage",
    "Turnout was 41%.",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_SENTENCES), max_size=5), max_size=6))
def test_link_invariants_on_any_collection(collection: list[list[str]]) -> None:
    refs = refs_of(*(" ".join(doc) for doc in collection))
    clusters = link_figures(refs)
    value = {r.mention: r.span.value for r in refs if isinstance(r.span, FigureSpan)}
    seen: set[str] = set()
    for cluster in clusters:
        assert len(cluster.mentions) >= 2
        assert len({value[m] for m in cluster.mentions}) == 1
        assert not seen & set(cluster.mentions)
        seen |= set(cluster.mentions)
    assert clusters == link_figures(list(refs))


def test_people_taken_hostage_or_abducted_are_the_hostages() -> None:
    docs = (
        "They have taken seven PMOI (MEK) members hostage.",
        "The attackers took seven hostages.",
        "Agents abducted seven MEK members.",
        "The 7 hostages are in Iran.",
    )
    [cluster] = link_figures(refs_of(*docs))
    assert len(cluster.mentions) == 4
    assert cluster.label == "7 hostages"


def test_bodies_count_the_dead() -> None:
    docs = ("The attack left 52 killed.", "Witnesses saw 52 bodies.")
    assert linked(*docs) == [["52", "52"]]


def test_proper_modifiers_connect_through_shared_words() -> None:
    docs = (
        "Agents abducted seven PMOI members.",
        "They have taken seven PMOI (MEK) members hostage.",
        "The seven MEK members were abducted.",
    )
    [cluster] = link_figures(refs_of(*docs))
    assert len(cluster.mentions) == 3


def test_an_action_only_mention_joins_the_subject_most_mentions_give() -> None:
    docs = (
        "Troops killed 500 villagers.",
        "500 villagers were killed.",
        "the massacre of 500 villagers",
        "Rebels said 500 soldiers were killed.",
        "Of the 500 who died, few were armed.",
    )
    clusters = link_figures(refs_of(*docs))
    assert [len(c.mentions) for c in clusters] == [4]
    assert clusters[0].label == "500 villagers"


def test_a_measured_material_links_whatever_verb_follows_it() -> None:
    assert linked(
        "An explosion of 2,750 tonnes of ammonium nitrate tore through the port.",
        "The blast, caused by 2,750 tonnes of ammonium nitrate stored at the port, was heard.",
    ) == [["2,750", "2,750"]]


def test_distinctive_sums_and_shares_link_without_a_subject() -> None:
    assert linked("Revenue was €2.4 billion.", "Revenue rose to 2.4 billion euros.") == [
        ["€2.4 billion", "2.4 billion"]
    ]
    assert linked("Turnout was 62.4 percent.", "She won 62.4 percent of the vote.") == [
        ["62.4 percent", "62.4 percent"]
    ]


def test_round_sums_and_shares_do_not_link_on_their_value() -> None:
    assert linked("It spent $900 million.", "A loss of $900 million.") == []
    assert linked("Turnout was 18%.", "Prices rose 18%.") == []
    assert linked("Revenue was €2.4 billion.", "Debt stood at $2.4 billion.") == []


def test_a_bare_count_joins_the_one_counted_figure_of_its_document() -> None:
    doc = "The court sentenced 14 people. The 14 were among 300 detained. All 14 will appeal."
    assert linked(doc) == [["14", "14", "14"]]
    # not the same document: "the 14" there may be anything
    assert linked("The court sentenced 14 people.", "The 14 were among them.") == []


def test_a_distinctive_bare_count_joins_the_one_group_across_documents() -> None:
    assert linked("It hired 350 engineers.", "The firm said it had added 350.") == [["350", "350"]]
    assert linked("It employs 6,800 people.", "A workforce of 6,800 is too small.") == [
        ["6,800", "6,800"]
    ]
    # two bare numbers with nothing counted stay apart
    assert linked("The score was 410.", "He counted to 410.") == []
    # a bare number with two candidate groups is ambiguous
    assert linked("It hired 350 engineers.", "It sold 350 cars.", "Then came 350.") == []


def test_protesters_and_demonstrators_are_one_subject() -> None:
    assert linked("Police killed 12 protesters.", "12 demonstrators were shot dead.") == [
        ["12", "12"]
    ]


def test_people_forced_from_their_homes_are_displaced() -> None:
    assert linked(
        "About 12,000 people were displaced.", "12,000 people have been forced from their homes."
    ) == [["12,000", "12,000"]]


def test_a_currency_code_is_its_currency() -> None:
    doc = "The society seeks 2.3 million Swiss francs. Budget: CHF 2.3 million."
    assert linked(doc) == [["2.3 million", "CHF 2.3 million"]]


def test_crowns_are_one_currency_under_their_codes() -> None:
    assert linked("Revenue was NOK 6.84 billion.", "Revenue climbed to 6.84 billion crowns.") == [
        ["NOK 6.84 billion", "6.84 billion"]
    ]


def test_workers_and_employees_jobs_and_positions_are_one_subject() -> None:
    assert linked("The plant laid off 285 workers.", "It laid off 285 employees.") == [
        ["285", "285"]
    ]
    assert linked("It will cut 140 positions.", "It would cut some 140 jobs.") == [["140", "140"]]


def test_a_distinctive_count_of_people_repeated_in_one_document() -> None:
    doc = "We will support 6,000 people.\nKey figures\n1. 6,000 people targeted"
    assert linked(doc) == [["6,000", "6,000"]]


def test_families_and_households_police_and_officers() -> None:
    assert linked("It left 1,140 families homeless.", "1,140 households lost their homes.") == [
        ["1,140", "1,140"]
    ]
    assert linked("300 officers surrounded the area.", "the 300 police involved") == [
        ["300", "300"]
    ]


def test_people_taken_hostage_are_still_those_people() -> None:
    docs = (
        "Gunmen took 19 passengers hostage, including four foreigners.",
        "The 19 passengers will be flown to the capital.",
        "All 19 passengers are Canadian citizens.",
    )
    assert linked(*docs) == [["19", "19", "19"]]


def test_passengers_something_else_happened_to_are_not_the_hostages() -> None:
    docs = ("Gunmen took 19 passengers hostage.", "A crash killed 19 passengers in 2009.")
    assert linked(*docs) == []


def test_a_prison_term_is_one_term_whether_sentenced_or_jailed() -> None:
    doc = "Mayor jailed for nine years. The mayor was sentenced to nine years in prison."
    assert linked(doc) == [["nine", "nine"]]
    assert linked("He was jailed for nine years.", "She was sentenced to nine years.") == []
