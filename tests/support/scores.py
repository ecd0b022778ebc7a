"""Precision, recall and F1 for the evaluation tests (tests/core/eval)."""

from __future__ import annotations

from dataclasses import dataclass


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_line(name: str, precision: float, recall: float, detail: str, width: int = 14) -> str:
    """ "dates          P 0.980  R 0.980  F1 0.980  (detail)" """
    return (
        f"{name:<{width}} P {precision:.3f}  R {recall:.3f}  F1 {f1(precision, recall):.3f}"
        f"  ({detail})"
    )


@dataclass(slots=True)
class Score:
    """Counts of a pairwise or mention score: right, predicted, gold."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def line(self, name: str, width: int = 14) -> str:
        detail = f"tp {self.tp}, predicted {self.predicted}, gold {self.gold}"
        return score_line(name, self.precision, self.recall, detail, width)
