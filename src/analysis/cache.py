"""Content-addressed cache of scored chunks, so unchanged reruns cost nothing.

A chunk's key is the SHA-256 of everything its tables depend on: every column
of its documents (ids, texts, metadata), the analysis parameters (target,
engine-independent settings), the hashes of the knowledge files (lexicon,
codebook, speaker registry, furniture patterns, models), the hash of the
scorer (its name, class source and any model file it points to), the package
version and the hash of the package source. Change any of them and the key
changes, so a stale result is never served; keep them all and a rerun copies
the cached Parquet parts instead of scoring again.

A cache entry is a folder ``{cache_dir}/{key[:2]}/{key}/`` holding one
file per table and format (``sentences.parquet``, ``sentences.csv``, ...) and a
``COMPLETE`` marker written last, so an
entry interrupted half-way is simply ignored (and overwritten next time).

Example:
    >>> import pandas as pd, tempfile, pathlib
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["Russia said."]})
    >>> key = chunk_key(docs, {"target": "Russia"})
    >>> key == chunk_key(docs.copy(), {"target": "Russia"})
    True
    >>> key == chunk_key(docs, {"target": "Turkey"})
    False
    >>> cache = ChunkCache(pathlib.Path(tempfile.mkdtemp()))
    >>> cache.get(key) is None
    True
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd

from analysis import config
from analysis.io import atomic_path

__all__ = [
    "file_fingerprint",
    "object_fingerprint",
    "package_fingerprint",
    "scorer_fingerprint",
    "chunk_key",
    "ChunkCache",
]

_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")

#: Marker file written last into a cache entry; entries without it are incomplete.
COMPLETE_MARKER: str = "COMPLETE"


def file_fingerprint(path: str | os.PathLike) -> str:
    """SHA-256 of a file's bytes, or of every file below a folder (sorted by path).

    Args:
        path: A file or a folder.

    Returns:
        Hex digest; ``"missing:<path>"`` if ``path`` does not exist (so creating
        the file later changes the fingerprint).

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.yaml"
        >>> _ = p.write_text("a: 1")
        >>> file_fingerprint(p) == hashlib.sha256(b"a: 1").hexdigest()
        True
    """
    p = Path(path)
    if not p.exists():
        return f"missing:{p}"
    if p.is_file():
        digest = hashlib.sha256()
        with p.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    digest = hashlib.sha256()
    # Sorted relative paths: the same folder gives the same digest everywhere.
    for child in sorted(q for q in p.rglob("*") if q.is_file() and "__pycache__" not in q.parts):
        digest.update(child.relative_to(p).as_posix().encode())
        digest.update(file_fingerprint(child).encode())
    return digest.hexdigest()


def object_fingerprint(obj: Any) -> str:
    """Fingerprint of a knowledge argument: a path (hash its bytes) or a loaded object.

    Args:
        obj: ``None``, a path to a file, or an already-loaded object (a dict, a
            DataFrame, ...). Loaded objects are hashed by their whole content
            (:func:`_digest_content`), not their ``repr``, which elides.

    Returns:
        Hex digest (or ``"default"`` for ``None``: the default files are covered
        by :func:`package_fingerprint`).

    Example:
        >>> object_fingerprint(None)
        'default'
        >>> object_fingerprint({"a": 1}) == object_fingerprint({"a": 1})
        True
    """
    if obj is None:
        return "default"
    if isinstance(obj, (str, os.PathLike)):
        return file_fingerprint(obj)
    digest = hashlib.sha256()
    _digest_content(obj, digest)
    return digest.hexdigest()


def _digest_content(value: Any, digest: Any, _seen: frozenset[int] = frozenset()) -> None:
    """Feed the whole content of a loaded object into ``digest``.

    ``repr`` is not enough: it shortens long compiled patterns (a codebook's
    indicator regex) and prints only the ends of large NumPy arrays (a model's
    weights), so an edited codebook or a retrained model could keep its key
    and be served stale labels. Containers are walked, arrays hashed by their
    bytes, patterns by their full source, other objects by class and attributes;
    memory addresses are dropped from what remains.
    """
    if id(value) in _seen:
        digest.update(b"<cycle>")
        return
    seen = _seen | {id(value)}
    if isinstance(value, pd.DataFrame):
        digest.update(b"frame:" + value.to_json(orient="split", date_format="iso", default_handler=str).encode())
    elif isinstance(value, pd.Series):
        _digest_content(value.to_frame(), digest, seen)
    elif isinstance(value, np.ndarray):
        digest.update(f"array:{value.dtype.str}:{value.shape}:".encode())
        if value.dtype == object:
            for item in value.ravel():
                _digest_content(item, digest, seen)
        else:
            digest.update(np.ascontiguousarray(value).tobytes())
    elif isinstance(value, re.Pattern):
        digest.update(f"pattern:{value.flags}:{value.pattern!s}".encode())
    elif isinstance(value, dict) and all(type(k) is str for k in value) and all(
        type(v) in (str, int, float, bool) for v in value.values()
    ):
        digest.update(json.dumps(value, sort_keys=True).encode())  # e.g. a vocabulary {term: column}
    elif isinstance(value, dict):
        digest.update(f"dict:{len(value)}:".encode())
        for key in sorted(value, key=repr):
            _digest_content(key, digest, seen)
            _digest_content(value[key], digest, seen)
    elif isinstance(value, (list, tuple)):
        digest.update(f"{type(value).__name__}:{len(value)}:".encode())
        if all(type(item) is str for item in value):  # vocabularies: one update, not one per word
            digest.update(json.dumps(value).encode())
            return
        for item in value:
            _digest_content(item, digest, seen)
    elif isinstance(value, (set, frozenset)):
        digest.update(f"set:{len(value)}:".encode())
        for item in sorted(value, key=repr):
            _digest_content(item, digest, seen)
    elif isinstance(value, (str, bytes, int, float, bool, complex, type(None), Path, np.generic)):
        digest.update(f"{type(value).__name__}:{value!r}".encode())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Declared fields are the state; what __post_init__ derives (a vectorizer that
        # fills lazy caches when first used) would change the key after one run.
        digest.update(f"dataclass:{type(value).__module__}.{type(value).__qualname__}:".encode())
        for f in dataclasses.fields(value):
            digest.update(f.name.encode())
            _digest_content(getattr(value, f.name), digest, seen)
    elif getattr(type(value), "__getstate__", None) not in (None, getattr(object, "__getstate__", None)):
        # The object says what its state is (e.g. a scorer that leaves out a loaded network).
        digest.update(f"state:{type(value).__module__}.{type(value).__qualname__}:".encode())
        _digest_content(value.__getstate__(), digest, seen)
    elif hasattr(value, "__dict__") or hasattr(value, "__slots__"):
        cls = type(value)
        digest.update(f"object:{cls.__module__}.{cls.__qualname__}:".encode())
        names = sorted(set(getattr(value, "__dict__", {})) | set(getattr(cls, "__slots__", ())))
        for name in names:
            if hasattr(value, name) and not callable(getattr(value, name)):
                digest.update(name.encode())
                _digest_content(getattr(value, name), digest, seen)
    else:
        digest.update(_ADDRESS.sub("0x", repr(value)).encode())


@functools.lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """Hash of the package version, its Python source and its shipped data files.

    The brief asks for the package version in the key; the source and data hash
    are added because a fix during development rarely bumps the version, and a
    cache that survives a code change would serve stale labels.

    Returns:
        Hex digest, computed once per process.

    Example:
        >>> len(package_fingerprint())
        64
    """
    from analysis import __version__

    digest = hashlib.sha256(f"version={__version__}".encode())
    for source in sorted(config.PACKAGE_DIR.rglob("*.py")):
        if "__pycache__" in source.parts:
            continue
        digest.update(source.relative_to(config.PACKAGE_DIR).as_posix().encode())
        digest.update(file_fingerprint(source).encode())
    digest.update(file_fingerprint(config.PACKAGE_DATA_DIR).encode())
    return digest.hexdigest()


def scorer_fingerprint(scorer: Any) -> str:
    """Fingerprint of a stance scorer: its name, class and any model file it uses.

    Args:
        scorer: ``None`` (the default scorer), a scorer name, or a scorer object.
            Attributes of the object that point to existing files (e.g.
            ``model_path``) are hashed by content, so a retrained model
            invalidates the cache; other attributes (loaded weights, cue
            lexicons, settings) by their whole content.

    Returns:
        Hex digest.

    Example:
        >>> scorer_fingerprint("textblob") == scorer_fingerprint("textblob")
        True
    """
    if scorer is None or isinstance(scorer, str):
        return hashlib.sha256(f"scorer={scorer}".encode()).hexdigest()
    parts = [
        f"name={getattr(scorer, 'name', '')}",
        f"class={type(scorer).__module__}.{type(scorer).__qualname__}",
    ]
    for attribute in sorted(vars(scorer)) if hasattr(scorer, "__dict__") else []:
        value = getattr(scorer, attribute)
        if isinstance(value, (str, os.PathLike)) and Path(value).exists():
            parts.append(f"{attribute}={file_fingerprint(value)}")  # a model file or folder
        else:
            # Loaded weights, cue tables, settings: their whole content (not a
            # repr, which elides array middles), without memory addresses.
            digest = hashlib.sha256()
            _digest_content(value, digest)
            parts.append(f"{attribute}={digest.hexdigest()}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def chunk_key(documents: pd.DataFrame, parameters: Mapping[str, Any]) -> str:
    """Cache key of one chunk: its documents (all columns) plus the parameters.

    Args:
        documents: The chunk's documents table.
        parameters: JSON-serialisable settings and fingerprints (target, knowledge
            hashes, scorer hash, package hash, ...).

    Returns:
        64-character hex digest.
    """
    digest = hashlib.sha256()
    digest.update(json.dumps(dict(parameters), sort_keys=True, default=str).encode("utf-8"))
    digest.update(json.dumps([str(c) for c in documents.columns]).encode("utf-8"))
    for column in documents.columns:
        # One pass per column; "\x1f" separates values so ("ab","c") != ("a","bc").
        values = documents[column].astype(str).tolist()
        digest.update("\x1f".join(values).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1e")
    return digest.hexdigest()


def _link_or_copy(source: Path, destination: Path) -> None:
    """Hard-link ``source`` to ``destination`` (atomic), copying across file systems."""
    with atomic_path(destination) as tmp:
        tmp.unlink()
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copyfile(source, tmp)


class ChunkCache:
    """Parquet parts of scored chunks, keyed by :func:`chunk_key`.

    Files are never modified in place (every write is temp + rename), so hard
    links between the cache and a run's ``parts/`` folder are safe.

    Args:
        directory: Where entries live (created on first write).
    """

    def __init__(self, directory: str | os.PathLike) -> None:
        self.directory = Path(directory)

    def entry(self, key: str) -> Path:
        """Folder of the entry for ``key``."""
        return self.directory / key[:2] / key

    def get(self, key: str) -> dict[str, Path] | None:
        """The cached ``{file name: path}`` for ``key``, or ``None`` on a miss."""
        folder = self.entry(key)
        if not (folder / COMPLETE_MARKER).exists():
            return None
        return {p.name: p for p in sorted(folder.iterdir()) if p.name != COMPLETE_MARKER}

    def put(self, key: str, parts: Mapping[str, Path]) -> Path:
        """Store a chunk's parts (hard links when possible); the marker goes last.

        Args:
            key: The chunk key.
            parts: ``{file name: path}`` just written for the chunk, e.g.
                ``{"sentences.parquet": .../part-00003.parquet}``.

        Returns:
            The entry folder.
        """
        folder = self.entry(key)
        folder.mkdir(parents=True, exist_ok=True)
        for name, path in parts.items():
            _link_or_copy(Path(path), folder / name)
        with atomic_path(folder / COMPLETE_MARKER) as tmp:
            tmp.write_text(key, encoding="utf-8")
        return folder

    def restore(self, key: str, destinations: Mapping[str, Path]) -> bool:
        """Copy a cached entry to ``destinations`` (``{file name: path}``).

        Returns:
            ``True`` if every file was restored, ``False`` on a miss or when the
            entry lacks one of the files (then nothing is trusted).
        """
        cached = self.get(key)
        if cached is None or not set(destinations) <= set(cached):
            return False
        for name, destination in destinations.items():
            _link_or_copy(cached[name], Path(destination))
        return True
