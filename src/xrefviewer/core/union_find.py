"""Disjoint sets over 0..n-1: the linkers' and groupers' one way of merging what belongs together."""

from __future__ import annotations


class UnionFind:
    """Path-halving union-find; the smaller index is always the root, so results never depend
    on the order unions happen in."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra < rb:
            self.parent[rb] = ra
        elif rb < ra:
            self.parent[ra] = rb

    def roots(self) -> list[int]:
        """The root of every element. A parent is always smaller than its child, so going up
        from 0 each parent is already settled when its children are reached: one pass."""
        parent = self.parent
        for i in range(len(parent)):
            parent[i] = parent[parent[i]]
        return parent.copy()
