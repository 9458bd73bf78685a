"""Sentence sentiment equals TextBlob's PatternAnalyzer and aggregates add up."""

from __future__ import annotations

import json

import pandas as pd
from textblob import TextBlob

from analysis.sentiment import document_sentiment, paragraph_sentiment, score_sentiment, score_tone

TEXTS = [
    "Russia is a significant factor and reality.",
    "Moscow is not interested in the signing of a peace agreement.",
    "These are extremely dangerous words, they can create a very bad situation.",
    "Armenia depends on the 102nd military base.",
]


def test_matches_textblob_sentiment_assessments():
    scored = score_sentiment(pd.DataFrame({"text": TEXTS}))
    for row in scored.itertuples():
        expected = TextBlob(row.text).sentiment_assessments
        assert row.polarity == expected.polarity
        assert row.subjectivity == expected.subjectivity
        assert json.loads(row.assessments) == [[w, p, s] for w, p, s, _ in expected.assessments]
    assert scored.polarity.tolist()[1] == -0.125  # "not interested"


def test_aggregates_are_length_weighted_with_counts():
    s = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "paragraph_id": [0, 0, 1, 0], "text": TEXTS})
    docs = document_sentiment(s)
    scored = score_sentiment(s)
    a = scored[scored.doc_id == "a"]
    weights = a.text.str.len()
    row = docs.set_index("doc_id").loc["a"]
    assert abs(row.polarity - (weights * a.polarity).sum() / weights.sum()) < 1e-12
    assert (row.n_sentences, row.n_positive, row.n_negative, row.n_neutral) == (3, 1, 2, 0)
    paras = paragraph_sentiment(s)
    assert paras[["doc_id", "paragraph_id", "n_sentences"]].values.tolist() == [
        ["a", 0, 2], ["a", 1, 1], ["b", 0, 1]]
    # Plain TextBlob reads "military base" as negative ("base" = vile); sentence
    # sentiment reports that faithfully, the stance scorer ignores the word.
    assert docs.set_index("doc_id").loc["b", "n_negative"] == 1


def test_seed_corpus_is_deterministic_and_fast():
    import time

    from analysis import config
    from analysis.corpus import load_corpus
    from analysis.text import split_sentences

    sentences = split_sentences(load_corpus(config.SEEDS_DIR))
    t0 = time.perf_counter()
    first = score_sentiment(sentences)
    assert time.perf_counter() - t0 < 1.0
    assert first.equals(score_sentiment(sentences))
    assert first.polarity.between(-1, 1).all()


def test_tone_is_the_scorers_sentence_sentiment_and_is_aggregated():
    from analysis.scorers import get_scorer

    s = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "paragraph_id": [0, 0, 1, 0], "text": TEXTS})
    linear = get_scorer("linear")
    toned = score_tone(score_sentiment(s), linear)
    assert toned.tone.tolist() == linear.polarity_many(TEXTS)
    assert set(toned.tone_scorer) == {"linear"}
    a = toned[toned.doc_id == "a"]
    weights = a.text.str.len()
    row = document_sentiment(toned).set_index("doc_id").loc["a"]
    assert abs(row.tone - (weights * a.tone).sum() / weights.sum()) < 1e-12
    # Without a tone column the aggregates keep their old shape.
    assert "tone" not in document_sentiment(s).columns
