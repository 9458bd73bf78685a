"""Sentence sentiment: TextBlob's PatternAnalyzer (with word evidence) and the validated tone.

Two sentence-level scores sit side by side:

* ``polarity`` / ``subjectivity`` / ``assessments``: TextBlob's PatternAnalyzer.
  One lexicon call per sentence gives the score and the word-level assessments
  (the evidence: which words carried the score). It is the transparent baseline,
  but it agrees poorly with human raters of news sentences.
* ``tone``: the sentence sentiment of the report's scorer (by default the trained
  ``linear`` regressor), the score validated against human ratings of NYT
  editorial sentences (see :mod:`analysis.evaluate`); figures and aggregates
  of the report use it.

Aggregates weight
each sentence by its length in characters, so a short aside does not count as
much as a long statement, and report counts of positive/negative sentences
alongside the means.

Example:
    >>> import pandas as pd
    >>> s = pd.DataFrame({"doc_id": ["d", "d"], "paragraph_id": [0, 0],
    ...                   "text": ["A good deal.", "It was a terrible war."]})
    >>> scored = score_sentiment(s)
    >>> scored.polarity.tolist(), scored.assessments[0]
    ([0.7, -1.0], '[[["good"], 0.7, 0.6000000000000001]]')
"""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd
from textblob.en import sentiment as pattern_sentiment

__all__ = [
    "SENTIMENT_COLUMNS",
    "TONE_COLUMNS",
    "sentence_sentiment",
    "score_sentiment",
    "score_tone",
    "paragraph_sentiment",
    "document_sentiment",
]

#: Columns added by :func:`score_sentiment`.
SENTIMENT_COLUMNS: list[str] = ["polarity", "subjectivity", "assessments"]
#: Columns added by :func:`score_tone`.
TONE_COLUMNS: list[str] = ["tone", "tone_scorer"]


# The pipeline scores every sentence twice with the pattern lexicon: once here for the
# TextBlob columns and once inside the scorer's tone features. The memo (larger than a
# chunk's sentences) makes the second pass a lookup.
@lru_cache(maxsize=1 << 15)
def sentence_sentiment(text: str) -> tuple[float, float, str]:
    """Score one text with the PatternAnalyzer lexicon.

    Same numbers as ``TextBlob(text).sentiment_assessments`` but with a single
    lexicon pass (TextBlob's wrapper runs the lexicon twice).

    Args:
        text: A sentence.

    Returns:
        ``(polarity, subjectivity, assessments_json)``; the JSON is a list of
        ``[[words], polarity, subjectivity]``, in text order.

    Example:
        >>> sentence_sentiment("not interested")
        (-0.125, 0.5, '[[["not", "interested"], -0.125, 0.5]]')
    """
    score = pattern_sentiment(text if isinstance(text, str) else "")
    assessments = [[list(words), pol, subj] for words, pol, subj, _label in score.assessments]
    return float(score[0]), float(score[1]), json.dumps(assessments, ensure_ascii=False)


def score_sentiment(sentences: pd.DataFrame) -> pd.DataFrame:
    """Add ``polarity``, ``subjectivity`` and ``assessments`` to a sentences table.

    Args:
        sentences: Table with a ``text`` column.

    Returns:
        A copy with the three sentiment columns.

    Raises:
        KeyError: If there is no ``text`` column.

    Example:
        >>> score_sentiment(pd.DataFrame({"text": ["Fine."]})).polarity.item()
        0.4166666666666667
    """
    if "text" not in sentences.columns:
        raise KeyError("score_sentiment: the sentences table needs a `text` column.")
    scores = [sentence_sentiment(t) for t in sentences["text"]]
    out = sentences.copy()
    out["polarity"] = [s[0] for s in scores]
    out["subjectivity"] = [s[1] for s in scores]
    out["assessments"] = [s[2] for s in scores]
    return out


def score_tone(sentences: pd.DataFrame, scorer=None) -> pd.DataFrame:
    """Add ``tone`` (the scorer's sentence sentiment in [-1, 1]) and ``tone_scorer``.

    All sentences go to the scorer in one ``polarity_many`` call (batching is
    what makes a trained or transformer scorer fast).

    Args:
        sentences: Table with a ``text`` column.
        scorer: Scorer object, registry name, or None (the best installed scorer,
            as for stance: :func:`analysis.stance.resolve_scorer`).

    Returns:
        A copy with ``tone`` (float) and ``tone_scorer`` (the scorer's name).

    Raises:
        KeyError: If there is no ``text`` column.

    Example:
        >>> out = score_tone(pd.DataFrame({"text": ["A good deal.", "A terrible war."]}), scorer="textblob")
        >>> out.tone.tolist(), out.tone_scorer.iloc[0]
        ([0.7, -1.0], 'textblob')
    """
    from analysis.stance import resolve_scorer

    if "text" not in sentences.columns:
        raise KeyError("score_tone: the sentences table needs a `text` column.")
    scorer_object = resolve_scorer(scorer)
    texts = [t if isinstance(t, str) else "" for t in sentences["text"]]
    out = sentences.copy()
    out["tone"] = [float(v) for v in scorer_object.polarity_many(texts)] if texts else []
    out["tone_scorer"] = scorer_object.name
    return out


def _aggregate(sentences: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if "polarity" not in sentences.columns:
        sentences = score_sentiment(sentences)
    frame = pd.DataFrame({k: sentences[k] for k in keys})
    weight = sentences["text"].str.len().astype("float64")
    frame["_w"] = weight
    frame["_wp"] = weight * sentences["polarity"]
    frame["_ws"] = weight * sentences["subjectivity"]
    frame["_pos"] = (sentences["polarity"] > 0).astype("int64")
    frame["_neg"] = (sentences["polarity"] < 0).astype("int64")
    has_tone = "tone" in sentences.columns
    frame["_wt"] = weight * sentences["tone"].astype("float64") if has_tone else 0.0
    grouped = frame.groupby(keys, sort=True)
    out = grouped.agg(
        n_sentences=("_w", "size"), _w=("_w", "sum"), _wp=("_wp", "sum"), _ws=("_ws", "sum"),
        _wt=("_wt", "sum"), n_positive=("_pos", "sum"), n_negative=("_neg", "sum"),
    ).reset_index()
    # An all-empty group has weight 0: report NaN rather than divide by zero.
    denominator = out["_w"].where(out["_w"] > 0)
    out["polarity"] = out["_wp"] / denominator
    out["subjectivity"] = out["_ws"] / denominator
    out["n_neutral"] = out["n_sentences"] - out["n_positive"] - out["n_negative"]
    columns = keys + ["n_sentences", "polarity", "subjectivity", "n_positive", "n_negative", "n_neutral"]
    if has_tone:
        out["tone"] = out["_wt"] / denominator
        columns.append("tone")
    return out[columns]


def paragraph_sentiment(sentences: pd.DataFrame) -> pd.DataFrame:
    """Length-weighted sentiment per paragraph.

    Args:
        sentences: Sentences table (scored or not; scored on the fly if not).

    Returns:
        ``doc_id``, ``paragraph_id``, ``n_sentences``, ``polarity``,
        ``subjectivity`` (means weighted by sentence length), ``n_positive``,
        ``n_negative``, ``n_neutral`` (sentences with polarity >0, <0, ==0),
        and ``tone`` (length-weighted mean) when the table has a ``tone`` column.

    Example:
        >>> s = pd.DataFrame({"doc_id": ["d", "d"], "paragraph_id": [0, 0],
        ...                   "text": ["Good.", "A bad, bad war."]})
        >>> paragraph_sentiment(s)[["n_sentences", "n_positive", "n_negative"]].values.tolist()
        [[2, 1, 1]]
    """
    return _aggregate(sentences, ["doc_id", "paragraph_id"])


def document_sentiment(sentences: pd.DataFrame) -> pd.DataFrame:
    """Length-weighted sentiment per document.

    Args:
        sentences: Sentences table (scored or not; scored on the fly if not).

    Returns:
        ``doc_id``, ``n_sentences``, ``polarity``, ``subjectivity``,
        ``n_positive``, ``n_negative``, ``n_neutral``, sorted by ``doc_id``,
        and ``tone`` (length-weighted mean) when the table has a ``tone`` column.

    Example:
        >>> s = pd.DataFrame({"doc_id": ["b", "a"], "text": ["Good.", "Bad."]})
        >>> document_sentiment(s)[["doc_id", "polarity"]].values.tolist()
        [['a', -0.6999999999999998], ['b', 0.7]]
    """
    return _aggregate(sentences, ["doc_id"])
