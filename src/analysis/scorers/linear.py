"""The ``linear`` scorer: a target-aware logistic regression trained on NewsMTSC.

The model (trained by :func:`analysis.train.train_all`) is stored as plain JSON
(vocabularies, feature names, hyperparameters) plus a NumPy ``.npz`` (idf
weights, scaler, coefficients). Loading never unpickles anything, so a shipped
model file cannot execute code, and the arrays are inspectable.

Two models live in one folder:

* ``linear_stance.{json,npz}``: 3-class classifier (critical / neutral /
  favourable) on the features of :mod:`analysis.scorers.features`.
* ``linear_polarity.{json,npz}``: ridge regression of sentence sentiment,
  used by :meth:`LinearScorer.polarity`.

Example:
    >>> scorer = LinearScorer()
    >>> s = "Critics accused Russia of bombing civilians."
    >>> scorer.analyze(s, 16, 22).label
    'critical'
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import scipy.sparse as sp

from analysis.config import MODELS_DIR
from analysis.scorers.base import POLARITY_TO_LABEL, Scorer, StanceResult
from analysis.scorers.features import (
    DENSE_FEATURE_NAMES,
    SENTENCE_FEATURE_NAMES,
    feature_words,
    mention_features,
    sentence_features,
)

__all__ = [
    "LinearScorer",
    "LinearMiniLMScorer",
    "readable_cue",
    "TextBlock",
    "load_linear_model",
    "ridge_tone",
    "save_model",
    "STANCE_MODEL_STEM",
    "POLARITY_MODEL_STEM",
    "ModelFileError",
    "POLARITY_DENSE_NAMES",
]

STANCE_MODEL_STEM = "linear_stance"
POLARITY_MODEL_STEM = "linear_polarity"
#: How many features a scorer names as the cues of a decision.
N_CUES = 5


class ModelFileError(FileNotFoundError):
    """A model file is missing or unreadable; the message says how to rebuild it."""


@dataclass
class TextBlock:
    """A TF-IDF block rebuilt from its stored vocabulary and idf (no unpickling).

    Attributes:
        source: Which text of the features it reads (``masked``, ``window``, ``text``).
        prefix: Prefix of its feature names in cues (``w:``, ``win:``, ``c:``).
        analyzer: ``word`` or ``char_wb``.
        ngram_range: Smallest and largest n.
        lowercase: Whether text is lower-cased first.
        token_pattern: Word regex (``word`` analyzer only).
        vocabulary: Terms in column order.
        idf: Inverse document frequencies, one per term.
    """

    source: str
    prefix: str
    analyzer: str
    ngram_range: tuple[int, int]
    lowercase: bool
    token_pattern: str | None
    vocabulary: list[str]
    idf: np.ndarray

    def __post_init__(self) -> None:
        from sklearn.feature_extraction.text import CountVectorizer

        kwargs = {"token_pattern": self.token_pattern} if self.token_pattern else {}
        # A CountVectorizer with a fixed vocabulary needs no fitting; idf, sublinear
        # tf and l2 norm are applied below exactly as TfidfVectorizer does.
        self._counter = CountVectorizer(
            analyzer=self.analyzer,
            ngram_range=tuple(self.ngram_range),
            lowercase=self.lowercase,
            vocabulary={t: i for i, t in enumerate(self.vocabulary)},
            dtype=np.float64,
            **kwargs,
        )

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """TF-IDF rows (sublinear tf, l2-normalised) of ``texts``."""
        counts = self._counter.transform(texts).tocsr()
        counts.data = 1.0 + np.log(counts.data)
        weighted = counts @ sp.diags(self.idf)
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ weighted)

    def meta(self) -> dict:
        """JSON-serialisable description (vocabulary included, idf excluded)."""
        return {
            "source": self.source,
            "prefix": self.prefix,
            "analyzer": self.analyzer,
            "ngram_range": list(self.ngram_range),
            "lowercase": self.lowercase,
            "token_pattern": self.token_pattern,
            "vocabulary": self.vocabulary,
        }


def save_model(
    out_dir: str | os.PathLike,
    stem: str,
    meta: dict,
    blocks: list[TextBlock],
    arrays: dict[str, np.ndarray],
) -> list[Path]:
    """Write a model as ``{stem}.json`` + ``{stem}.npz`` (atomic, deterministic).

    Args:
        out_dir: Folder to write to (created if missing).
        stem: File name stem.
        meta: JSON-serialisable description (hyperparameters, names, scores).
        blocks: TF-IDF blocks; their vocabularies go to JSON, idf to the npz.
        arrays: Further arrays (``coef``, ``intercept``, ``scaler_mean``, ...).

    Returns:
        The two paths written.
    """
    from analysis.io import atomic_path, write_text

    out = Path(out_dir)
    full_meta = dict(meta, blocks=[b.meta() for b in blocks])
    json_path = write_text(json.dumps(full_meta, indent=1, sort_keys=True) + "\n", out / f"{stem}.json")
    all_arrays = {f"idf_{i}": b.idf.astype(np.float32) for i, b in enumerate(blocks)}
    all_arrays.update({k: np.asarray(v, dtype=np.float32) for k, v in arrays.items()})
    npz_path = out / f"{stem}.npz"
    with atomic_path(npz_path) as tmp:
        with open(tmp, "wb") as handle:
            np.savez_compressed(handle, **dict(sorted(all_arrays.items())))
    return [json_path, npz_path]


def _load(model_dir: Path, stem: str) -> tuple[dict, list[TextBlock], dict[str, np.ndarray]]:
    json_path, npz_path = model_dir / f"{stem}.json", model_dir / f"{stem}.npz"
    for path in (json_path, npz_path):
        if not path.exists():
            raise ModelFileError(
                f"{path}: model file not found. Rebuild the models with `analysis train "
                f"--out {model_dir}` (needs data/benchmarks/newsmtsc/train.jsonl)."
            )
    try:
        meta = json.loads(json_path.read_text(encoding="utf-8"))
        with np.load(npz_path, allow_pickle=False) as npz:
            arrays = {k: npz[k].astype(np.float64) for k in npz.files}
    except (ValueError, OSError) as exc:
        raise ModelFileError(f"{json_path} / {npz_path}: unreadable model ({exc}). "
                             f"Rebuild with `analysis train --out {model_dir}`.") from exc
    blocks = [
        TextBlock(
            source=b["source"], prefix=b["prefix"], analyzer=b["analyzer"],
            ngram_range=tuple(b["ngram_range"]), lowercase=b["lowercase"],
            token_pattern=b["token_pattern"], vocabulary=b["vocabulary"], idf=arrays[f"idf_{i}"],
        )
        for i, b in enumerate(meta.pop("blocks"))
    ]
    return meta, blocks, arrays


def load_linear_model(model_dir: str | os.PathLike | None = None) -> dict:
    """Load both linear models from ``model_dir``.

    Args:
        model_dir: Folder with the model files; default ``config.MODELS_DIR``.

    Returns:
        ``{"stance": (meta, blocks, arrays), "polarity": (meta, blocks, arrays)}``.

    Raises:
        ModelFileError: If a file is missing or unreadable (says how to rebuild).

    Example:
        >>> sorted(load_linear_model())
        ['polarity', 'stance']
    """
    folder = Path(model_dir) if model_dir is not None else MODELS_DIR
    return {"stance": _load(folder, STANCE_MODEL_STEM), "polarity": _load(folder, POLARITY_MODEL_STEM)}


def _dense_block(dense: np.ndarray, arrays: dict[str, np.ndarray]) -> sp.csr_matrix:
    return sp.csr_matrix((dense - arrays["scaler_mean"]) / arrays["scaler_scale"])


def ridge_tone(X, arrays: dict[str, np.ndarray]) -> list[float]:
    """Tone of each row of a tone design matrix: the ridge's prediction, clipped to [-1, 1], 6 decimals.

    Args:
        X: Design matrix (rows: texts), as the ridge in ``arrays`` was trained on.
        arrays: The model's ``coef`` and ``intercept``.

    Returns:
        One tone per row.
    """
    pred = np.asarray(X @ arrays["coef"].ravel()).ravel() + float(arrays["intercept"].ravel()[0])
    return [round(float(v), 6) for v in np.clip(pred, -1.0, 1.0)]


def tone_dense_features(texts: Sequence[str]) -> np.ndarray:
    """Dense features of the sentence tone regressors (names: :data:`POLARITY_DENSE_NAMES`)."""
    from analysis.scorers.simple import textblob_polarities, vader_compounds

    return np.column_stack([sentence_features(texts), vader_compounds(texts), textblob_polarities(texts)])


def tone_design(texts: Sequence[str], blocks: list[TextBlock], arrays: dict[str, np.ndarray]) -> sp.csr_matrix:
    """Design matrix ``[TF-IDF blocks | standardised dense features]`` of a tone regressor.

    Args:
        texts: Sentences.
        blocks: The fitted TF-IDF blocks (source ``text``).
        arrays: Must hold ``scaler_mean`` and ``scaler_scale``.

    Returns:
        Sparse matrix, one row per text.
    """
    texts = list(texts)
    parts = [b.transform({"text": texts}[b.source]) for b in blocks]
    parts.append(_dense_block(tone_dense_features(texts), arrays))
    return sp.hstack(parts).tocsr()


_REGIONS = {
    "sentence": "in the sentence",
    "left": "left of the target",
    "right": "right of the target",
    "clause": "in the target's clause",
    "window": "near the target",
}
_STATS = {
    "sum": "overall tone",
    "min": "most negative word",
    "max": "most positive word",
    "npos": "positive words",
    "nneg": "negative words",
    "mean": "mean tone",
    "compound": "compound score",
}
_SPECIAL = {
    "vader_distance_weighted": "VADER tone weighted by closeness to the target",
    "textblob_distance_weighted": "TextBlob tone weighted by closeness to the target",
    "negation_in_window": "negation near the target",
    "target_at_start": "target opens the sentence",
    "target_in_quote": "target inside a quotation",
    "log_n_tokens": "sentence length",
}


def readable_cue(name: str, words: Sequence[str] | None = None) -> str:
    """Turn a model feature name into words a reader of the report understands.

    Args:
        name: A feature name of the stance model.
        words: For a lexicon feature, the words of the sentence behind its value
            (:func:`analysis.scorers.features.feature_words`): named after a colon,
            ``none`` when empty, so a reader can check the cue; None: no words.

    Example:
        >>> readable_cue("textblob_right_sum"), readable_cue("win:r_is"), readable_cue("w:imperial")
        ('TextBlob overall tone right of the target', '"is" after the target', '"imperial"')
        >>> readable_cue("win:TARGET r_will"), readable_cue("negation_in_window")
        ('"TARGET will"', 'negation near the target')
        >>> readable_cue("vader_right_nneg", ['"anti-Russian"']), readable_cue("vader_right_npos", [])
        ('VADER negative words right of the target: "anti-Russian"', 'VADER positive words right of the target: none')
    """
    if words is not None:
        return f"{readable_cue(name)}: {', '.join(words) if words else 'none'}"
    if name in _SPECIAL:
        return _SPECIAL[name]
    if name.startswith("w:"):
        return f'"{name[2:]}"'
    if name.startswith("win:"):
        body = name[4:]
        if " " not in body and body[:2] in {"l_", "r_"}:
            side = "after" if body[0] == "r" else "before"
            return f'"{body[2:]}" {side} the target'
        words = [w[2:] if w[:2] in {"l_", "r_"} else w for w in body.split()]
        return '"' + " ".join(words) + '"'
    lexicon, _, rest = name.partition("_")
    region, _, stat = rest.partition("_")
    if lexicon in {"textblob", "vader"} and region in _REGIONS and stat in _STATS:
        return f"{'TextBlob' if lexicon == 'textblob' else 'VADER'} {_STATS[stat]} {_REGIONS[region]}"
    return name


class LinearScorer(Scorer):
    """Target-aware stance classifier and sentence sentiment regressor.

    Args:
        model_dir: Folder with ``linear_stance.*`` and ``linear_polarity.*``;
            default ``config.MODELS_DIR``.

    Raises:
        ModelFileError: If the model files are missing.
    """

    name = "linear"

    def __init__(self, model_dir: str | os.PathLike | None = None) -> None:
        models = load_linear_model(model_dir)
        self._stance_meta, self._stance_blocks, self._stance_arrays = models["stance"]
        self._pol_meta, self._pol_blocks, self._pol_arrays = models["polarity"]
        if self._stance_meta["dense_feature_names"] != DENSE_FEATURE_NAMES:
            raise ModelFileError(
                "linear_stance.json: its feature names differ from this version of "
                "analysis.scorers.features; retrain with `analysis train`."
            )
        self.classes = [int(c) for c in self._stance_meta["classes"]]
        self.feature_names = [
            f"{b.prefix}{t}" for b in self._stance_blocks for t in b.vocabulary
        ] + list(DENSE_FEATURE_NAMES)
        # Character n-grams are poor evidence for a reader; cues name words and lexicon scores.
        self._cue_mask = np.array(
            [not name.startswith("c:") for name in self.feature_names], dtype=bool
        )

    @classmethod
    def is_available(cls, model_dir: str | os.PathLike | None = None) -> str | None:
        """None if the model files exist, else why the scorer cannot be built."""
        folder = Path(model_dir) if model_dir is not None else MODELS_DIR
        for stem in (STANCE_MODEL_STEM, POLARITY_MODEL_STEM):
            for suffix in (".json", ".npz"):
                if not (folder / f"{stem}{suffix}").exists():
                    return f"model file {folder / (stem + suffix)} is missing"
        return None

    def _stance_matrix(self, sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int]) -> sp.csr_matrix:
        return self._stance_design(mention_features(sentences, starts, ends))

    def _stance_design(self, feats: dict) -> sp.csr_matrix:
        parts = [b.transform(feats[b.source]) for b in self._stance_blocks]
        parts.append(_dense_block(feats["dense"], self._stance_arrays))
        return sp.hstack(parts).tocsr()

    def analyze_many(self, items: Iterable[tuple[str, int, int]]) -> list[StanceResult]:
        """Score many ``(sentence, start, end)`` mentions in one vectorised pass.

        Args:
            items: Mentions as sentence text and 0-based offsets (end exclusive).

        Returns:
            One :class:`StanceResult` per mention: score = P(favourable) -
            P(critical), label = most probable class after the critical-class
            bias (which moves labels, not scores), cues = the features that
            pushed most towards that class; a lexicon feature's cue names the
            words behind it (:func:`analysis.scorers.features.feature_words`).
        """
        triples = list(items)
        if not triples:
            return []
        sentences, starts, ends = zip(*triples)
        feats = mention_features(sentences, starts, ends, evidence=True)
        X = self._stance_design(feats)
        first_dense = len(self.feature_names) - len(DENSE_FEATURE_NAMES)
        coef, intercept = self._stance_arrays["coef"], self._stance_arrays["intercept"]
        # class_bias: the CV-chosen shift of the critical class (models older than it have none). It moves
        # the label only: the score stays P(favourable) - P(critical) of the unshifted model, because the
        # shift made mean scores more critical than the human labels on NewsMTSC dev (review, dev_mt).
        bias = self._stance_arrays.get("class_bias", np.zeros_like(intercept))
        raw = np.asarray(X @ coef.T) + intercept
        labels = np.argmax(raw + bias, axis=1)
        logits = raw - raw.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        i_pos, i_neg = self.classes.index(1), self.classes.index(-1)
        # Contrast of a class against the mean of all classes: what favours *this* label.
        contrast = coef - coef.mean(axis=0, keepdims=True)
        results = []
        for row in range(X.shape[0]):
            best = int(labels[row])
            lo, hi = X.indptr[row], X.indptr[row + 1]
            cols, vals = X.indices[lo:hi], X.data[lo:hi]
            contrib = vals * contrast[best, cols]
            keep = self._cue_mask[cols] & (contrib > 0)
            order = np.lexsort((cols[keep], -contrib[keep]))[:N_CUES]
            evidence = feats["evidence"][row]
            cues = tuple(
                readable_cue(
                    self.feature_names[c],
                    feature_words(DENSE_FEATURE_NAMES[c - first_dense], evidence) if c >= first_dense else None,
                )
                for c in cols[keep][order]
            )
            score = float(probs[row, i_pos] - probs[row, i_neg])
            results.append(StanceResult(round(score, 6), POLARITY_TO_LABEL[self.classes[best]], cues))
        return results

    def analyze(self, sentence: str, start: int, end: int) -> StanceResult:
        """Stance towards the mention ``sentence[start:end]``.

        Args:
            sentence: The sentence.
            start: Mention start offset.
            end: Mention end offset (exclusive).

        Returns:
            The :class:`StanceResult`.
        """
        return self.analyze_many([(sentence, start, end)])[0]

    def polarity_many(self, texts: Sequence[str]) -> list[float]:
        """Sentence sentiment in [-1, 1] of many texts (ridge regression, clipped).

        Args:
            texts: Sentences.

        Returns:
            One polarity per text.
        """
        texts = list(texts)
        if not texts:
            return []
        return ridge_tone(tone_design(texts, self._pol_blocks, self._pol_arrays), self._pol_arrays)

    def polarity(self, text: str) -> float:
        """Sentence sentiment in [-1, 1].

        Args:
            text: A sentence.

        Returns:
            The predicted polarity.
        """
        return self.polarity_many([text])[0]


def _first_missing(paths: Sequence[Path]) -> Path | None:
    return next((p for p in paths if not p.exists()), None)


class LinearMiniLMScorer(LinearScorer):
    """The ``linear`` stance model with a sentence tone that also reads the MiniLM embedding.

    Stance is exactly ``linear``'s. The tone (:func:`analysis.scorers.minilm.minilm_tone`)
    adds the all-MiniLM-L6-v2 sentence embedding, computed with NumPy, to the
    ``linear`` tone features: NYT editorials r 0.61 against 0.54, with no torch. The
    encoder costs about 15 ms per sentence on one core, so for corpora of many
    thousands of articles ``--scorer linear`` is the fast choice.

    Args:
        model_dir: Folder with the ``linear`` files and ``minilm_tone.{json,npz}``.

    Raises:
        ModelFileError: If a model file is missing.
        ImportError: If the MiniLM model package is not installed (says how to install it).
    """

    name = "linear-minilm"

    def __init__(self, model_dir: str | os.PathLike | None = None) -> None:
        from analysis.scorers.minilm import missing_model_reason, tone_files

        super().__init__(model_dir)
        self.model_dir = Path(model_dir) if model_dir is not None else MODELS_DIR
        reason = missing_model_reason()
        if reason:
            raise ImportError(reason)
        missing = _first_missing(tone_files(self.model_dir))
        if missing:
            raise ModelFileError(f"{missing}: tone model not found; rebuild with `analysis train --out {self.model_dir}`")

    @classmethod
    def is_available(cls, model_dir: str | os.PathLike | None = None) -> str | None:
        """None if the ``linear`` files, the tone files and the MiniLM model package are present."""
        from analysis.scorers.minilm import missing_model_reason, tone_files

        reason = super().is_available(model_dir) or missing_model_reason()
        if reason:
            return reason
        missing = _first_missing(tone_files(Path(model_dir) if model_dir is not None else MODELS_DIR))
        return f"model file {missing} is missing: run `analysis train`" if missing else None

    def polarity_many(self, texts: Sequence[str]) -> list[float]:
        """Sentence tone in [-1, 1] of many texts (ridge over lexical features and the MiniLM embedding)."""
        from analysis.scorers.minilm import minilm_tone

        return minilm_tone(texts, self.model_dir)


#: Dense feature names of the polarity regressor (sentence lexicon features + analyzers).
POLARITY_DENSE_NAMES: list[str] = list(SENTENCE_FEATURE_NAMES) + ["vader_compound", "textblob_polarity"]
