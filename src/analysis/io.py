"""Atomic file output: a run never leaves a half-written table or report.

Every writer goes to a temporary file in the destination folder and renames it
into place (``os.replace`` is atomic on one file system), so a reader sees
either the old file or the complete new one.

Example:
    >>> import pandas as pd, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = write_table(pd.DataFrame({"a": [1, 2]}), folder / "t.csv")
    >>> path.read_text()
    'a\\n1\\n2\\n'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()

__all__ = ["atomic_path", "write_table", "write_text", "read_table", "read_yaml"]


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it to ``path`` on success.

    Args:
        path: Final destination. Its folder is created if missing.

    Yields:
        A temporary path in the same folder to write to.

    Raises:
        Whatever the body raises; the temporary file is then removed and
        ``path`` is left untouched.
    """
    final = Path(path)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        # mkstemp creates 0600 files; give outputs the usual permissions.
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_table(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write ``df`` atomically as CSV (``.csv``) or Parquet (``.parquet``).

    CSV is written without the index, with ``\\n`` line endings and UTF-8, so the
    same table gives the same bytes on every run.

    Args:
        df: The table.
        path: Destination ending in ``.csv`` or ``.parquet``.

    Returns:
        The destination path.

    Raises:
        ValueError: If the suffix is neither ``.csv`` nor ``.parquet``.
    """
    final = Path(path)
    if final.suffix not in {".csv", ".parquet"}:
        raise ValueError(f"{final}: tables are written as .csv or .parquet, not {final.suffix!r}")
    with atomic_path(final) as tmp:
        if final.suffix == ".csv":
            df.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8")
        else:
            df.to_parquet(tmp, index=False)
    return final


def read_table(path: str | os.PathLike) -> pd.DataFrame:
    """Read a table written by :func:`write_table`.

    Args:
        path: A ``.csv`` or ``.parquet`` file (or a folder of Parquet parts).

    Returns:
        The table.

    Raises:
        FileNotFoundError: If ``path`` does not exist; the message says which
            notebook or command writes it.
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(
            f"{p}: table not found. Run the earlier notebooks (or `analysis report`) "
            "to produce it."
        )
    if p.suffix == ".csv":
        return pd.read_csv(p, keep_default_na=False, na_values=[""])
    return pd.read_parquet(p)


def write_text(text: str, path: str | os.PathLike) -> Path:
    """Write ``text`` atomically as UTF-8.

    Args:
        text: The content.
        path: Destination.

    Returns:
        The destination path.
    """
    final = Path(path)
    with atomic_path(final) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return final


def read_yaml(path: str | os.PathLike, what: str) -> Any:
    """Read a knowledge file (lexicon, codebook, cue list, registry) as YAML.

    Args:
        path: The YAML file.
        what: What the file is, for the error message (e.g. ``"codebook"``).

    Returns:
        The parsed content (``{}`` for an empty file).

    Raises:
        FileNotFoundError: If ``path`` does not exist (names the file).
        ValueError: If the file is not UTF-8 or not valid YAML (names the file,
            the line and the error).
    """
    file = Path(path)
    if not file.exists():
        raise FileNotFoundError(f"{file}: {what} not found. Pass an existing YAML file.")
    import yaml

    try:
        text = file.read_text(encoding="utf-8-sig")  # a BOM from a Windows editor is no content
    except UnicodeDecodeError as err:
        line = file.read_bytes()[:err.start].count(b"\n") + 1
        raise ValueError(
            f"{file}: {what} is not UTF-8 (byte 0x{err.object[err.start]:02x} on line {line}). "
            "Save it as UTF-8 in your editor."
        ) from err
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        raise ValueError(f"{file}: not valid YAML ({err}). Fix the syntax.") from err
