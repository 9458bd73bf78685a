"""Baseline scorers that ignore the target: TextBlob and VADER sentence sentiment.

They are the reference points the trained scorers are validated against: a
target-blind score labels a sentence such as "Russia condemned the attack" as
critical of Russia, which is exactly the error a target-aware scorer avoids.

Example:
    >>> TextBlobScorer().analyze("A good and fair deal.", 0, 1).label
    'favourable'
    >>> VaderScorer().analyze("A terrible war.", 2, 10).label
    'critical'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from analysis.scorers.base import Scorer, StanceResult, label_for_score

__all__ = ["TextBlobScorer", "VaderScorer", "textblob_polarities", "vader_compounds"]


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def textblob_polarities(texts: Sequence[str]) -> list[float]:
    """TextBlob (PatternAnalyzer) polarity of each text, offline.

    Args:
        texts: Sentences.

    Returns:
        Polarities in [-1, 1].

    Example:
        >>> [round(p, 3) for p in textblob_polarities(["good", "bad"])]
        [0.7, -0.7]
    """
    import textblob.en as textblob_en

    # The pattern analyzer behind TextBlob(...).sentiment, called directly: same
    # numbers, without building a TextBlob object per sentence.
    return [float(textblob_en.sentiment(t)[0]) for t in texts]


def vader_compounds(texts: Sequence[str]) -> list[float]:
    """VADER compound score of each text.

    Args:
        texts: Sentences.

    Returns:
        Compound scores in [-1, 1].

    Example:
        >>> vader_compounds(["good"])
        [0.4404]
    """
    analyzer = _vader()
    return [float(analyzer.polarity_scores(t)["compound"]) for t in texts]


class TextBlobScorer(Scorer):
    """Sentence polarity of TextBlob's PatternAnalyzer; ``analyze`` ignores the target."""

    name = "textblob"

    def polarity(self, text: str) -> float:
        """TextBlob polarity of ``text`` in [-1, 1]."""
        return textblob_polarities([text])[0]

    def polarity_many(self, texts: Sequence[str]) -> list[float]:
        """TextBlob polarity of many texts."""
        return textblob_polarities(texts)

    def analyze(self, sentence: str, start: int, end: int) -> StanceResult:
        """Sentence polarity as the stance; cues are the lexicon words TextBlob matched.

        Args:
            sentence: The sentence.
            start: Mention start (ignored).
            end: Mention end (ignored).

        Returns:
            The :class:`StanceResult`.
        """
        import textblob.en as textblob_en

        result = textblob_en.sentiment(sentence)
        score = float(result[0])
        cues = tuple(" ".join(item[0]) for item in getattr(result, "assessments", []))
        return StanceResult(score, label_for_score(score), cues)


class VaderScorer(Scorer):
    """VADER compound score of the sentence; ``analyze`` ignores the target."""

    name = "vader"

    def polarity(self, text: str) -> float:
        """VADER compound of ``text``."""
        return vader_compounds([text])[0]

    def polarity_many(self, texts: Sequence[str]) -> list[float]:
        """VADER compound of many texts."""
        return vader_compounds(texts)

    def analyze(self, sentence: str, start: int, end: int) -> StanceResult:
        """VADER compound as the stance; cues are the sentence's lexicon words.

        Args:
            sentence: The sentence.
            start: Mention start (ignored).
            end: Mention end (ignored).

        Returns:
            The :class:`StanceResult`.
        """
        analyzer = _vader()
        score = float(analyzer.polarity_scores(sentence)["compound"])
        words = [w.strip(".,;:!?\"'()").lower() for w in sentence.split()]
        cues = tuple(sorted({w for w in words if w in analyzer.lexicon}))
        # VADER's own neutral threshold is 0.05; we keep the project-wide band for comparability.
        return StanceResult(score, label_for_score(score), cues)
