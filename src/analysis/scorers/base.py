"""The scorer interface shared by stance (target-aware) and sentence sentiment.

A scorer is any object with a ``name`` and two methods, like TextBlob's
pluggable analyzers:

* ``analyze(sentence, start, end) -> StanceResult``: the stance/sentiment the
  sentence expresses towards the target mention at ``sentence[start:end]``.
* ``polarity(text) -> float``: sentence-level sentiment in [-1, 1] (used for the
  NYT editorial benchmark and the sentence sentiment columns).

``analyze_many`` and ``polarity_many`` have default loops; scorers override them
when batching is faster (e.g. a transformer).

Example:
    >>> label_for_score(0.4), label_for_score(-0.05), label_for_score(-0.3)
    ('favourable', 'neutral', 'critical')
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from analysis.config import STANCE_NEUTRAL_BAND

__all__ = ["StanceResult", "Scorer", "label_for_score", "majority_label", "POLARITY_TO_LABEL", "LABEL_TO_POLARITY"]

#: NewsMTSC polarity (-1, 0, 1) to stance label, and back.
POLARITY_TO_LABEL: dict[int, str] = {-1: "critical", 0: "neutral", 1: "favourable"}
LABEL_TO_POLARITY: dict[str, int] = {v: k for k, v in POLARITY_TO_LABEL.items()}


def label_for_score(score: float, band: float = STANCE_NEUTRAL_BAND) -> str:
    """Map a score in [-1, 1] to ``critical`` / ``neutral`` / ``favourable``.

    Args:
        score: Stance or sentiment score.
        band: Scores with ``abs(score) <= band`` are ``neutral``.

    Returns:
        The label.
    """
    if score > band:
        return "favourable"
    if score < -band:
        return "critical"
    return "neutral"


def majority_label(labels: Iterable[str], tie: str) -> str:
    """The most frequent non-empty label; ``tie`` when two labels share the top count.

    One rule for a sentence with several target mentions (``tie`` = the label of
    their mean score) and a quote of several sentences (``tie`` = ``neutral``).

    Args:
        labels: Labels, empty ones ignored.
        tie: What a tie for the top count gives.

    Returns:
        The label; '' when there is none.

    Example:
        >>> majority_label(["neutral", "neutral", "critical"], "critical"), majority_label(["favourable", "critical"], "neutral")
        ('neutral', 'neutral')
        >>> majority_label([], "neutral")
        ''
    """
    counts = Counter(label for label in labels if label).most_common()
    if not counts:
        return ""
    if len(counts) > 1 and counts[0][1] == counts[1][1]:
        return tie
    return counts[0][0]


@dataclass(frozen=True)
class StanceResult:
    """What a scorer says about one target mention.

    Attributes:
        score: Stance score in [-1, 1] (negative = critical of the target).
        label: ``critical``, ``neutral`` or ``favourable``.
        cues: The words/features that carried the decision, for evidence.
    """

    score: float
    label: str
    cues: tuple[str, ...] = field(default_factory=tuple)


class Scorer:
    """Base class with default batch loops. Subclasses set ``name`` and implement
    :meth:`analyze` and :meth:`polarity`."""

    name: str = "base"

    def analyze(self, sentence: str, start: int, end: int) -> StanceResult:  # pragma: no cover
        raise NotImplementedError

    def polarity(self, text: str) -> float:  # pragma: no cover
        raise NotImplementedError

    def analyze_many(self, items: Iterable[tuple[str, int, int]]) -> list[StanceResult]:
        """Score many ``(sentence, start, end)`` triples."""
        return [self.analyze(s, a, b) for s, a, b in items]

    def polarity_many(self, texts: Sequence[str]) -> list[float]:
        """Sentence-level polarity of many texts."""
        return [self.polarity(t) for t in texts]
