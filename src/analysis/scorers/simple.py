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
    from analysis.sentiment import sentence_sentiment

    # The pattern analyzer behind TextBlob(...).sentiment, called directly (same numbers,
    # no TextBlob object per sentence) and memoised with the sentiment stage's scores.
    return [sentence_sentiment(t)[0] for t in texts]


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


class _SentencePolarityScorer(Scorer):
    """A baseline whose stance is the sentence's polarity; ``analyze`` ignores the target.

    Subclasses implement ``polarity_many`` and ``_cues``.
    """

    def polarity(self, text: str) -> float:
        """Polarity of ``text`` in [-1, 1]."""
        return self.polarity_many([text])[0]

    def _cues(self, sentence: str) -> tuple[str, ...]:  # pragma: no cover
        raise NotImplementedError

    def analyze(self, sentence: str, start: int, end: int) -> StanceResult:
        """Sentence polarity as the stance; cues are the lexicon words behind it.

        Args:
            sentence: The sentence.
            start: Mention start (ignored).
            end: Mention end (ignored).

        Returns:
            The :class:`StanceResult` (the project-wide neutral band applies, for comparability).
        """
        score = self.polarity(sentence)
        return StanceResult(score, label_for_score(score), self._cues(sentence))


class TextBlobScorer(_SentencePolarityScorer):
    """Sentence polarity of TextBlob's PatternAnalyzer; ``analyze`` ignores the target."""

    name = "textblob"

    def polarity_many(self, texts: Sequence[str]) -> list[float]:
        """TextBlob polarity of many texts."""
        return textblob_polarities(texts)

    def _cues(self, sentence: str) -> tuple[str, ...]:
        import textblob.en as textblob_en

        return tuple(" ".join(item[0]) for item in getattr(textblob_en.sentiment(sentence), "assessments", []))


class VaderScorer(_SentencePolarityScorer):
    """VADER compound score of the sentence; ``analyze`` ignores the target."""

    name = "vader"

    def polarity_many(self, texts: Sequence[str]) -> list[float]:
        """VADER compound of many texts."""
        return vader_compounds(texts)

    def _cues(self, sentence: str) -> tuple[str, ...]:
        lexicon = _vader().lexicon
        words = [w.strip(".,;:!?\"'()").lower() for w in sentence.split()]
        return tuple(sorted({w for w in words if w in lexicon}))
