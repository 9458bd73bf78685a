"""Paths and defaults: every other module takes its locations from here.

Paths derive from this file's location, so the package works from a clone
(installed editable with ``pip install -e .``) without any environment setup.

Example:
    >>> from analysis import config
    >>> (config.PROJ_ROOT / "pyproject.toml").exists()
    True
    >>> config.DEFAULT_TARGET
    'Russia'
"""

from __future__ import annotations

from pathlib import Path

#: The package folder (``src/analysis``).
PACKAGE_DIR: Path = Path(__file__).resolve().parent
#: The repository root (``src/analysis/config.py`` -> two levels up).
PROJ_ROOT: Path = PACKAGE_DIR.parents[1]

#: Knowledge shipped with the package: lexicons, codebook, speaker registry, models.
PACKAGE_DATA_DIR: Path = PACKAGE_DIR / "data"
ACTOR_LEXICON_PATH: Path = PACKAGE_DATA_DIR / "actors.yaml"
CODEBOOK_PATH: Path = PACKAGE_DATA_DIR / "codebook.yaml"
SPEAKER_REGISTRY_PATH: Path = PACKAGE_DATA_DIR / "speakers.yaml"
FURNITURE_PATTERNS_PATH: Path = PACKAGE_DATA_DIR / "furniture.yaml"
MODELS_DIR: Path = PACKAGE_DATA_DIR / "models"

#: The user's seed corpus (raw, immutable) and its curated metadata.
SEEDS_DIR: Path = PROJ_ROOT / "seeds"
SEEDS_METADATA_PATH: Path = SEEDS_DIR / "metadata.csv"

#: Human-labelled benchmark data copied into the project (see data/benchmarks/README.md).
BENCHMARKS_DIR: Path = PROJ_ROOT / "data" / "benchmarks"
NEWSMTSC_DIR: Path = BENCHMARKS_DIR / "newsmtsc"
NYT_DIR: Path = BENCHMARKS_DIR / "nyt_editorials"
#: Human-rated review and tweet snippets (same protocol as the NYT editorials): training
#: data of the sentence sentiment regressors, never used for validation.
VADER_SNIPPETS_DIR: Path = BENCHMARKS_DIR / "vader_snippets"

NOTEBOOKS_DIR: Path = PROJ_ROOT / "notebooks"
REPORTS_DIR: Path = PROJ_ROOT / "reports"
CACHE_DIR: Path = PROJ_ROOT / ".cache"

#: Analysis defaults.
DEFAULT_TARGET: str = "Russia"
#: How the loader may read a numeric date that reads both ways (``04/05/2021``): 4 May
#: (day-first, the default) or 5 April (month-first, US style).
DATE_ORDERS: tuple[str, str] = ("day-first", "month-first")
#: The loader's date order unless one is given (the notebooks' parameter cells repeat it as a literal).
DEFAULT_DATE_ORDER: str = DATE_ORDERS[0]
STANCE_LABELS: tuple[str, str, str] = ("critical", "neutral", "favourable")
#: Scores within this distance of zero are labelled ``neutral``.
STANCE_NEUTRAL_BAND: float = 0.1
RANDOM_SEED: int = 20240806
