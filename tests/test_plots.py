"""Figures: small corpora get one column per article, large ones one per month or year."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from analysis import narrative
from analysis.plots import MAX_ARTICLE_COLUMNS, article_columns, articles_figure, frame_heatmap, timeline_figure

STANCES = ("critical", "neutral", "favourable")


def _corpus(n_docs: int, years: int, undated: int = 0) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``n_docs`` articles spread over ``years`` years (the last ``undated`` without a date)."""
    rng = np.random.default_rng(7)
    start = pd.Timestamp("2015-01-01")
    days = rng.integers(0, 365 * years, size=n_docs)
    published = [(start + pd.Timedelta(days=int(d))).strftime("%Y-%m-%d") for d in days]
    published[n_docs - undated:] = [None] * undated
    docs = pd.DataFrame({"doc_id": [f"d{i:04d}" for i in range(n_docs)], "title": [f"Article {i}" for i in range(n_docs)],
                         "published": published, "n_words": 500, "date_source": "text"})
    rows = []
    for doc in docs["doc_id"]:
        for k in range(int(rng.integers(1, 6))):
            label = STANCES[int(rng.integers(0, 3))]
            rows.append({"doc_id": doc, "mentions_target": bool(k % 2 == 0), "stance": label,
                         "stance_score": {"critical": -0.5, "neutral": 0.0, "favourable": 0.5}[label]})
    sentences = pd.DataFrame(rows)
    tgt = sentences[sentences["mentions_target"]]
    frames = pd.DataFrame({"doc_id": tgt["doc_id"], "frame": np.where(np.arange(len(tgt)) % 2, "mediator", "imperial_threat"),
                           "n_sentences": 1})
    frame_counts = frames.groupby(["doc_id", "frame"], as_index=False)["n_sentences"].sum()
    return docs, sentences, frame_counts


def test_a_small_corpus_gets_one_column_per_article_in_publication_order():
    docs, sentences, frame_counts = _corpus(5, years=9)
    column, columns, unit = article_columns(docs)
    assert unit == "article" and len(columns) == 5 == column.nunique()
    order = docs.assign(d=pd.to_datetime(docs["published"])).sort_values("d")["doc_id"]
    assert columns == column.reindex(order).tolist()
    fig = timeline_figure(docs, sentences, "Russia")
    assert len(fig.axes[1].get_xticks()) == 5 and "per article" in fig.axes[0].get_title()


def test_two_articles_with_the_same_title_and_year_keep_a_column_each():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["Same", "Same"], "published": ["2020-01-01", "2020-05-01"]})
    column, columns, unit = article_columns(docs)
    assert unit == "article" and len(set(columns)) == 2


@pytest.mark.parametrize("n_docs, years, unit", [(40, 2, "month"), (400, 10, "year")])
def test_a_large_corpus_is_grouped_by_period_and_no_sentence_is_lost(n_docs, years, unit):
    docs, sentences, frame_counts = _corpus(n_docs, years=years, undated=3)
    column, columns, got_unit = article_columns(docs)
    assert got_unit == unit and len(columns) <= MAX_ARTICLE_COLUMNS + 1 and columns[-1] == "undated"
    assert columns[:-1] == sorted(columns[:-1])
    fig = timeline_figure(docs, sentences, "Russia")
    assert len(fig.axes[1].get_xticks()) == len(columns) and f"per {unit}" in fig.axes[0].get_title()
    bar_total = sum(p.get_height() for p in fig.axes[1].patches)
    assert bar_total == int(sentences["mentions_target"].sum())
    heat = frame_heatmap(frame_counts, docs)
    image = heat.axes[0].images[0].get_array()
    assert image.shape == (2, len(columns)) and image.sum() == frame_counts["n_sentences"].sum()
    bars = articles_figure(docs)
    assert sum(p.get_height() for p in bars.axes[0].patches) == n_docs


def test_a_large_corpus_lists_only_its_top_articles_and_names_the_full_table():
    docs, sentences, frame_counts = _corpus(60, years=3)
    sentences["stance"] = sentences["stance"].where(sentences["mentions_target"], "")
    summary = narrative.article_summary(docs.assign(outlet=""), sentences, frame_counts)
    text = narrative.describe_articles(summary, "Russia", limit=10)
    assert text.count("- **") == 10 and "of 60" in text and "tables/article_summary.csv" in text
    listed = summary.sort_values("n_target", ascending=False, kind="stable").head(10)
    assert all(f"**{t}**" in text for t in listed["title"])
    assert narrative.describe_articles(summary.head(10), "Russia", limit=10).count("- **") == 10
