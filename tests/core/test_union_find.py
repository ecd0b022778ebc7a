from hypothesis import given
from hypothesis import strategies as st

from xrefviewer.core.union_find import UnionFind


@given(st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19))))
def test_groups_do_not_depend_on_the_order_of_unions(pairs):
    forward, backward = UnionFind(20), UnionFind(20)
    for a, b in pairs:
        forward.union(a, b)
    for a, b in reversed(pairs):
        backward.union(b, a)
    assert [forward.find(i) for i in range(20)] == [backward.find(i) for i in range(20)]
    for a, b in pairs:
        assert forward.find(a) == forward.find(b) == min(forward.find(a), forward.find(b))
