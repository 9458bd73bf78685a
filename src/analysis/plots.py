"""Figures of the report: each function takes tables and returns a matplotlib Figure.

Figures are labelled with units and sized for a laptop-width browser page.
:func:`save_figure` writes PNGs atomically and without a timestamp, so reruns
give identical files, and closes the figure (a notebook cell that returns it
shows it once). matplotlib chooses its backend: inline in Jupyter, Agg without
a display.

Example:
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["A", "B"],
    ...                      "published": ["2015-10-12", "2017-07-25"]})
    >>> sents = pd.DataFrame({"doc_id": ["a", "a", "b"], "mentions_target": [True, False, True],
    ...                       "stance_score": [0.5, float("nan"), -0.2],
    ...                       "stance": ["favourable", "", "critical"]})
    >>> fig = timeline_figure(docs, sents, target="Russia")
    >>> fig.axes[0].get_ylabel(), fig.axes[0].get_title()[:28]
    ('mean stance (-1 to 1)', 'Stance towards Russia per ar')
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis.io import atomic_path

__all__ = [
    "MAX_ARTICLE_COLUMNS",
    "article_columns",
    "save_figure",
    "figure_description",
    "show_figure",
    "articles_figure",
    "timeline_figure",
    "frame_heatmap",
    "sentiment_comparison_figure",
    "voices_figure",
    "confusion_matrix_figure",
    "short_title",
]

STANCE_COLOURS = {"critical": "#c0392b", "neutral": "#95a5a6", "favourable": "#2471a3"}
#: Above this many articles, the per-article figures show one column per month or year
#: instead: thousands of article columns would be unreadable (and slow to draw).
MAX_ARTICLE_COLUMNS = 30


def short_title(title: str, width: int = 38) -> str:
    """Shorten a headline for an axis label.

    Example:
        >>> short_title("Ilham Aliyev received secretary of the Security Council of the Russian Federation")
        'Ilham Aliyev received secretary of…'
    """
    return textwrap.shorten(str(title), width=width, placeholder="…")


def save_figure(fig: plt.Figure, path: str | Path) -> Path:
    """Save ``fig`` as PNG atomically, without time stamps in the metadata.

    Args:
        fig: The figure.
        path: Destination ``.png``.

    Returns:
        The destination path.
    """
    final = Path(path)
    with atomic_path(final) as tmp:
        fig.savefig(tmp, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    # Closed figures are not shown again at the end of a notebook cell; the cell's
    # returned `fig` is still rendered once, inline.
    plt.close(fig)
    return final


def figure_description(fig: plt.Figure) -> str:
    """A text alternative of a figure for screen readers: its panels' titles and axes.

    Example:
        >>> fig, ax = plt.subplots()
        >>> _ = ax.set_title("Stance per year"); _ = ax.set_ylabel("mean stance")
        >>> figure_description(fig)
        'Figure. Stance per year (y axis: mean stance).'
        >>> plt.close(fig)
    """
    panels = []
    for ax in fig.axes:
        title, xlabel, ylabel = ax.get_title(), ax.get_xlabel(), ax.get_ylabel()
        axes = "; ".join(f"{name} axis: {label}" for name, label in (("x", xlabel), ("y", ylabel)) if label)
        if title or axes:
            panels.append((title or "Panel") + (f" ({axes})" if axes else ""))
    suptitle = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) is not None else ""
    return "Figure. " + ". ".join(([suptitle] if suptitle else []) + panels) + "."


def show_figure(fig: plt.Figure) -> None:
    """Display ``fig`` in the notebook with :func:`figure_description` as its alt text.

    The HTML report (``report.render_html``) gives the image that text instead of
    nbconvert's "No description has been provided for this image".
    """
    from IPython.display import display

    display(fig, metadata={"image/png": {"alt": figure_description(fig)}})


def _doc_labels(documents: pd.DataFrame) -> pd.Series:
    year = documents["published"].fillna("").astype(str).str[:4].replace("", "n.d.")
    return year + " · " + documents["title"].map(short_title)


def article_columns(documents: pd.DataFrame, max_columns: int = MAX_ARTICLE_COLUMNS) -> tuple[pd.Series, list[str], str]:
    """Axis column of each article in the per-article figures: itself, or its month or year.

    A corpus of at most ``max_columns`` articles gets one column per article
    ("year · title", in publication order). A larger one is grouped by publication
    month if that gives at most ``max_columns`` columns, otherwise by year;
    undated articles form a last column, ``undated``.

    Args:
        documents: documents table (``doc_id``, ``title``, ``published``).
        max_columns: Largest number of article columns before grouping.

    Returns:
        ``(column_of_doc, columns, unit)``: a Series doc_id -> column label, the
        labels in axis order, and the unit (``"article"``, ``"month"`` or ``"year"``).

    Example:
        >>> docs = pd.DataFrame({"doc_id": list("abc"), "title": ["A", "B", "C"],
        ...                      "published": ["2015-10-12", "2015-11-02", None]})
        >>> col, labels, unit = article_columns(docs, max_columns=2)
        >>> unit, labels, col.tolist()
        ('month', ['2015-10', '2015-11', 'undated'], ['2015-10', '2015-11', 'undated'])
    """
    docs = documents.assign(date=pd.to_datetime(documents["published"], errors="coerce"))
    docs = docs.sort_values(["date", "doc_id"], na_position="last")
    if len(docs) <= max_columns:
        labels = _doc_labels(docs)
        # Two articles with the same year and title still get a column each.
        labels = labels.where(~labels.duplicated(keep=False), labels + " (" + docs["doc_id"].astype(str) + ")")
        return pd.Series(labels.to_numpy(), index=docs["doc_id"].to_numpy()), labels.tolist(), "article"
    months = docs["date"].dt.strftime("%Y-%m")
    unit, period = ("month", months) if months.dropna().nunique() <= max_columns else ("year", docs["date"].dt.strftime("%Y"))
    period = period.fillna("undated")
    columns = list(dict.fromkeys(period.tolist()))  # date order, undated last
    return pd.Series(period.to_numpy(), index=docs["doc_id"].to_numpy()), columns, unit


def _column_ticks(ax: plt.Axes, columns: list[str], counts: pd.Series | None) -> None:
    """Label the x axis with the columns (and the number of articles in each, when grouped)."""
    labels = columns if counts is None else [f"{c} ({int(counts.get(c, 0))})" for c in columns]
    ax.set_xticks(np.arange(len(columns)))
    small = len(columns) > 12
    ax.set_xticklabels(labels, rotation=45 if small else 25, ha="right", fontsize=7 if small else 8)


def articles_figure(documents: pd.DataFrame) -> plt.Figure:
    """Articles on a time axis, bar height = length in words.

    Args:
        documents: documents table (``published``, ``n_words``, ``title``, ``date_source``).

    Returns:
        Figure; undated articles are listed in the title rather than placed on the axis.
        Above :data:`MAX_ARTICLE_COLUMNS` articles: the number of articles per month
        or year (see :func:`article_columns`).
    """
    if len(documents) > MAX_ARTICLE_COLUMNS:
        column, columns, unit = article_columns(documents)
        per = column.value_counts().reindex(columns, fill_value=0)
        fig, ax = plt.subplots(figsize=(9, 3.5))
        ax.bar(np.arange(len(columns)), per.to_numpy(), color="#34495e")
        _column_ticks(ax, columns, None)
        ax.set_ylabel("articles (count)")
        ax.set_xlabel(f"publication {unit}")
        ax.set_title(f"{len(documents):,} articles by publication {unit}")
        fig.tight_layout()
        return fig
    docs = documents.assign(date=pd.to_datetime(documents["published"], errors="coerce"))
    dated = docs[docs["date"].notna()].sort_values(["date", "doc_id"])
    fig, ax = plt.subplots(figsize=(9, 3.5))
    colours = dated["date_source"].map({"text": "#34495e", "metadata": "#e67e22"}).fillna("#95a5a6")
    ax.bar(dated["date"], dated["n_words"], width=60, color=colours)
    for r in dated.itertuples(index=False):
        ax.annotate(short_title(r.title, 28), (r.date, r.n_words), textcoords="offset points", xytext=(0, 3),
                    ha="center", fontsize=7, rotation=0)
    ax.set_ylabel("article length (words)")
    ax.set_xlabel("publication date (orange: date from curated metadata)")
    n_undated = len(docs) - len(dated)
    ax.set_title("Articles by publication date" + (f" ({n_undated} undated not shown)" if n_undated else ""))
    ax.margins(x=0.08, y=0.15)
    fig.tight_layout()
    return fig


def timeline_figure(documents: pd.DataFrame, sentences: pd.DataFrame, target: str) -> plt.Figure:
    """Articles over time with the mean stance towards the target and its counts.

    Args:
        documents: documents table (``doc_id``, ``title``, ``published``).
        sentences: scored sentences (``doc_id``, ``mentions_target``, ``stance_score``, ``stance``).
        target: Target actor name for labels.

    Returns:
        Figure: mean stance per article (dots, sized by number of target sentences),
        stacked counts of stance labels below; per month or year above
        :data:`MAX_ARTICLE_COLUMNS` articles (see :func:`article_columns`).
    """
    column, columns, unit = article_columns(documents)
    tgt = sentences[sentences["mentions_target"].astype(bool)]
    tgt_column = tgt["doc_id"].map(column)
    per = tgt.groupby(tgt_column)["stance_score"].agg(["mean", "size"]).reindex(columns)
    counts = tgt.groupby([tgt_column, tgt["stance"]]).size().unstack(fill_value=0).reindex(columns, fill_value=0)
    x = np.arange(len(columns))
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(9, 6), sharex=True, gridspec_kw={"height_ratios": [1, 1]})
    means = per["mean"].astype(float).to_numpy()
    sizes = per["size"].fillna(0).astype(float).to_numpy()
    if unit != "article" and sizes.max(initial=0) > 0:
        sizes = 25 * sizes / sizes.max()  # grouped columns hold thousands of sentences: scale the dots
    ax1.axhline(0, color="#bbbbbb", lw=1)
    ax1.scatter(x, means, s=30 + 8 * sizes, color="#34495e", zorder=3)
    ax1.plot(x, means, color="#34495e", alpha=0.4)
    ax1.set_ylim(-1, 1)
    ax1.set_ylabel("mean stance (-1 to 1)")
    if unit == "article":
        ax1.set_title(f"Stance towards {target} per article, in publication order (dot size = sentences mentioning {target})")
    else:
        ax1.set_title(f"Stance towards {target} per {unit} over {len(documents):,} articles (dot size = sentences mentioning {target})")
    bottom = np.zeros(len(columns))
    for label in ("critical", "neutral", "favourable"):
        vals = counts[label].to_numpy(dtype=float) if label in counts else np.zeros(len(columns))
        ax2.bar(x, vals, bottom=bottom, color=STANCE_COLOURS[label], label=label)
        bottom += vals
    ax2.set_ylabel("sentences (count)")
    # Beside the bars, not over them (it hid the first article's bar).
    ax2.legend(title="stance", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    if unit == "article":
        ax2.set_xticks(x)
        ax2.set_xticklabels(columns, rotation=25, ha="right", fontsize=8)
    else:
        _column_ticks(ax2, columns, column.value_counts())
        ax2.set_xlabel(f"publication {unit} (articles)")
    fig.tight_layout()
    return fig


def frame_heatmap(frame_counts: pd.DataFrame, documents: pd.DataFrame, frame_labels: dict[str, str] | None = None) -> plt.Figure:
    """Frame-by-document heatmap of sentence counts.

    Args:
        frame_counts: ``doc_id``, ``frame``, ``n_sentences``.
        documents: documents table, for order and labels.
        frame_labels: Optional frame id -> readable label.

    Returns:
        Figure with one row per frame and one column per document (per month or
        year above :data:`MAX_ARTICLE_COLUMNS` articles, see :func:`article_columns`).
    """
    column, columns, unit = article_columns(documents)
    frames = sorted(frame_labels) if frame_labels else sorted(frame_counts["frame"].unique())
    grid = (
        frame_counts.assign(column=frame_counts["doc_id"].map(column))
        .pivot_table(index="frame", columns="column", values="n_sentences", aggfunc="sum", fill_value=0)
        .reindex(index=frames, columns=columns, fill_value=0)
        .fillna(0)
    )
    fig, ax = plt.subplots(figsize=(9, 0.45 * max(len(frames), 3) + 2))
    im = ax.imshow(grid.to_numpy(dtype=float), cmap="Blues", aspect="auto", vmin=0)
    ax.set_yticks(range(len(frames)))
    ax.set_yticklabels([(frame_labels or {}).get(f, f) for f in frames], fontsize=8)
    if unit == "article":
        ax.set_xticks(range(len(columns)))
        ax.set_xticklabels(columns, rotation=25, ha="right", fontsize=8)
    else:
        _column_ticks(ax, columns, column.value_counts())
    if len(columns) <= MAX_ARTICLE_COLUMNS:
        values = grid.to_numpy(dtype=float)
        for (i, j), v in np.ndenumerate(values):
            if v:
                ax.text(j, i, f"{int(v)}", ha="center", va="center", fontsize=8, color="black" if v < values.max() / 2 else "white")
    fig.colorbar(im, ax=ax, label="sentences carrying the frame (count)")
    if unit == "article":
        ax.set_title("Frames per article (sentences mentioning the target)")
    else:
        ax.set_title(f"Frames per {unit} over {len(documents):,} articles (sentences mentioning the target)")
    fig.tight_layout()
    return fig


def sentiment_comparison_figure(sentences: pd.DataFrame, target: str) -> plt.Figure:
    """Sentence sentiment of the sentences that mention the target vs the other sentences.

    Uses the validated ``tone`` column (the scorer's sentence sentiment) when the
    table has one, else TextBlob ``polarity``; the axis label names which.

    Args:
        sentences: scored sentences (``tone`` and ``tone_scorer`` or ``polarity``; ``mentions_target``).
        target: Target name for labels.

    Returns:
        Figure with two histograms on a shared axis.
    """
    mask = sentences["mentions_target"].astype(bool)
    column = "tone" if "tone" in sentences.columns else "polarity"
    if column == "tone":
        names = sorted(set(sentences["tone_scorer"].dropna().astype(str))) if "tone_scorer" in sentences.columns else []
        axis = f"sentence tone, `{'/'.join(names) or 'unknown'}` scorer (-1 negative to +1 positive)"
    else:
        axis = "TextBlob sentence polarity (-1 negative to +1 positive)"
    bins = np.linspace(-1, 1, 21)
    fig, ax = plt.subplots(figsize=(8, 4))
    for sel, label, colour in ((mask, f"mention {target}", "#2471a3"), (~mask, "other sentences", "#95a5a6")):
        vals = sentences.loc[sel, column].astype(float)
        weights = np.full(len(vals), 100.0 / max(len(vals), 1))
        ax.hist(vals, bins=bins, weights=weights, alpha=0.6, color=colour, label=f"{label} (n={len(vals)}, mean={vals.mean():+.3f})")
    ax.set_xlabel(axis)
    ax.set_ylabel("share of sentences (%)")
    ax.set_title(f"Sentence sentiment: sentences mentioning {target} vs the rest")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def voices_figure(voices: pd.DataFrame, top: int = 15) -> plt.Figure:
    """Who is quoted: per speaker, the stance of the quoted sentences about the target.

    Args:
        voices: voices table (``speaker``, ``speaker_country``, ``n_quotes``,
            ``n_target_quotes``, ``n_favourable``, ``n_neutral``, ``n_critical``; the
            stance counts are sentences about the target inside the speaker's quotations).
        top: Number of speakers shown (most quoted first).

    Returns:
        Horizontal stacked bars of sentence counts by stance, each labelled with the
        speaker's number of quotations.
    """
    v = voices.sort_values(["n_quotes", "speaker"], ascending=[False, True]).head(top).iloc[::-1]
    country = v["speaker_country"].fillna("").astype(str).replace({"": "origin unknown", "nan": "origin unknown"})
    labels = (v["speaker"].astype(str) + " (" + country + ")").where(v["speaker"] != "unknown", "unattributed quotations")
    fig, ax = plt.subplots(figsize=(9, 0.4 * max(len(v), 3) + 1.5))
    y = np.arange(len(v))
    left = np.zeros(len(v))
    for label in ("critical", "neutral", "favourable"):
        vals = v[f"n_{label}"].fillna(0).to_numpy(dtype=float)
        ax.barh(y, vals, left=left, color=STANCE_COLOURS[label], label=label)
        left += vals
    for yi, x, r in zip(y, left, v.itertuples(index=False)):
        ax.text(x + 0.2, yi, f"{int(r.n_quotes)} quotation{'' if int(r.n_quotes) == 1 else 's'}, {int(r.n_target_quotes or 0)} about the target",
                va="center", fontsize=7, color="#555555")
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xlim(0, max(float(left.max()), 1.0) * 1.6)
    ax.set_xlabel("sentences about the target inside the speaker's quotations (count)")
    ax.set_title("Voices: stance towards the target of each speaker's quoted sentences")
    ax.legend(title="stance", fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def confusion_matrix_figure(matrix: list[list[int]], labels: list[str], title: str) -> plt.Figure:
    """A confusion matrix (rows: human label, columns: scorer label) with counts.

    Args:
        matrix: Square count matrix.
        labels: Class labels in matrix order.
        title: Figure title.

    Returns:
        The figure.
    """
    m = np.asarray(matrix, dtype=float)
    fig, ax = plt.subplots(figsize=(4.2, 3.6))
    ax.imshow(m, cmap="Blues")
    for (i, j), v in np.ndenumerate(m):
        ax.text(j, i, f"{int(v)}", ha="center", va="center", color="white" if v > m.max() / 2 else "black")
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels)
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels)
    ax.set_xlabel("scorer label")
    ax.set_ylabel("human label")
    ax.set_title(title, fontsize=9)
    fig.tight_layout()
    return fig
