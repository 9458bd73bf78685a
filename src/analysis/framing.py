"""Which role does a sentence give the target? Frames from a codebook.

The codebook (``data/codebook.yaml``) lists roles the coverage gives Russia
(strategic partner, mediator, security guarantor, military actor, imperial
threat, counter-terrorism actor, economic lever, rival of the West), each with
indicator patterns, related Policy Frames Codebook dimensions (Boydstun et al.
2014) and verbatim seed sentences as examples.

Rule: a frame is assigned to a sentence that itself MENTIONS the target
(``mentions`` table) when one of its indicators matches and, if the frame has
``requires``, one of those matches too. A match is not counted when a negation
cue of the codebook's ``negation:`` section governs it: the cue stands before
it in the same clause, at most ``window`` words away ("Russia is not a
mediator", "no longer an ally"); a sentence whose only hits are negated gets no
frame (:func:`frame_evidence` lists every hit with the cue that negated it).
Patterns may use the codebook's ``placeholders:`` as ``{name}`` (the packaged
codebook: ``{russia}`` for words that count only with Russia as the agent).

A role word is the target's unless the sentence gives it to another actor of the
lexicon (:func:`attributed_to_target`): "Russian troops", "Russia's Gazprom",
"Turkish mediation", "Turkey, a mediator", "gas from Azerbaijan" hold roles of
Russia, Turkey and Azerbaijan, not of a target mentioned elsewhere in the
sentence; a word attached to the target too ("weapons from Russia", "dependent
on Russia") stays the target's. When the run's target is not the actor the
codebook was written for (its ``target:``), the codebook's words are that
actor's roles, so a match is also left out when another actor is nearer to it
than the target, or the codebook's actor is named in the match itself
("Russian peacekeepers" is no role of Armenia), or it names a counterpart (the West,
the Minsk Group) in a sentence that names the codebook's actor ("Zakharova said
Yerevan was flirting with the West"); a mention after an agent noun and a
preposition is then the counterpart ("the main supplier of Armenia's gas").
The codebook's optional ``target_names:`` (Russia's state companies: "Gazprom")
count as mentions of its ``target:`` for this attribution.
The quotation context is deliberately
NOT used: a label must be traceable to one evidence sentence that names the
target, so a sentence inside a quote that does not name Russia gets no frame
even if the quote's first sentence does. The matched words are reported in
``indicators`` (counted hits only).

Example:
    >>> import pandas as pd
    >>> from analysis.actors import find_mentions
    >>> s = pd.DataFrame({"doc_id": ["d"], "sentence_id": ["d:0000"],
    ...     "text": ["We buy modern weapons from Russia."]})
    >>> assign_frames(s, find_mentions(s)).values.tolist()
    [['d', 'd:0000', 'military_actor', 'weapons']]
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

try:  # the regex parser: re._parser since Python 3.11, sre_parse before
    from re import _constants as _sre_constants
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parser  # type: ignore[no-redef]

from analysis import config
from analysis.actors import target_actor
from analysis.io import read_yaml

__all__ = [
    "POLICY_FRAMES",
    "FRAME_COLUMNS",
    "Frame",
    "Negation",
    "Codebook",
    "load_codebook",
    "assign_frames",
    "attributed_to_target",
    "frame_evidence",
    "frame_counts",
    "frames_column",
    "required_keywords",
    "may_match",
]

#: The 15 dimensions of the Policy Frames Codebook (Boydstun et al. 2014).
POLICY_FRAMES: tuple[str, ...] = (
    "Economic", "Capacity & resources", "Morality", "Fairness & equality",
    "Legality/constitutionality", "Policy prescription", "Crime & punishment",
    "Security & defense", "Health & safety", "Quality of life", "Cultural identity",
    "Public opinion", "Political", "External regulation & reputation", "Other",
)
#: Columns of the frames table (docs/ARCHITECTURE.md).
FRAME_COLUMNS: list[str] = ["doc_id", "sentence_id", "frame", "indicators"]
#: Columns of :func:`frame_evidence`.
EVIDENCE_COLUMNS: list[str] = ["frame", "kind", "match", "start", "end", "negated_by"]
#: Values of a frame's ``negate:`` (which of its matches the negation rule applies to).
_NEGATE_VALUES: tuple[str, ...] = ("all", "indicators", "requires", "none")
#: A word for the negation window: "Armenia's", "co-chair" and "isn't" are one word each.
_WORD_RE = re.compile(r"[\w'’-]+")
#: ``{name}`` in a pattern: a placeholder of the codebook's ``placeholders:`` section.
#: A regex repetition ``{2}`` / ``{1,4}`` has digits only, so it is never taken for one;
#: an escaped ``\{`` is a literal brace.
_PLACEHOLDER_RE = re.compile(r"(?<!\\)\{([A-Za-z_]\w*)\}")
#: Clause breaks for attribution when a codebook has no ``negation:`` section (same as the packaged one's).
_DEFAULT_CLAUSE_BREAKS = re.compile(r"[,;:—–]| - |\b(?:but|while|although|though|whereas|however)\b",
                                    re.IGNORECASE)
#: Words that end a premodifier: "Russia has weapons" is a clause, "Russian natural gas" a noun phrase.
_FUNCTION_WORDS = frozenset("""
    a an the and or nor but of to in on at for with from by as than that which who whom whose this these those
    its their his her our your my it they we he she there here is are was were be been being has have had will
    would shall should can could may might must do does did not no also if then so
""".split())
#: A word that can stand between an actor and the noun it modifies ("Russian natural gas", "Russia's 102nd base").
_MODIFIER = r"[\w][\w-]*"
#: "X's ally", "X's guarantor", "X's arms supplier": the possessor of a relational role noun is the
#: counterpart, not the holder ("Armenia's energy sector", "Russia's Gazprom" are the possessor's own).
_AGENT_NOUN = re.compile(
    r"(?:partner|ally|allies|guarantor|mediator|broker|co-chair|chair|supplier|sponsor|patron|protector|"
    r"aggressor|occupier|adversary|adversaries|rival|enemy|enemies|friend|neighbou?r|"
    r"buyer|investor|creditor|lender|customer|importer|landlord)s?$", re.IGNORECASE)
#: The counterpart after an agent noun: "supplier of Armenia's gas", "investor in Armenia", "ally of Georgia".
_AGENT_NOUN_BEFORE = re.compile(_AGENT_NOUN.pattern[:-1] + r"\s+(?:of|in|to|for|on)\s+(?:the\s+)?$",
                                re.IGNORECASE)
#: Agent nouns whose holder is placed by "in": "our partners in Washington" are Washington's people.
_LOCATED_HOLDER = re.compile(r"(?:partner|ally|allies|friend|adversary|adversaries|rival|enemy|enemies)s?$",
                             re.IGNORECASE)
#: Prepositions that tie a role word to the target after it ("dependent on Russia", "cooperation with Moscow").
_TARGET_AFTER = re.compile(r"\s+(?:(?:on|with|of|to|from|by|for|against)\s+)?(?:the\s+)?", re.IGNORECASE)
#: Prepositions that give a role word to the actor after it, the source or agent ("gas from Azerbaijan").
_AGENT_AFTER = re.compile(r"\s+(?:from|by)\s+(?:the\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Frame:
    """One codebook entry.

    Attributes:
        id: Identifier written to the frames table.
        label: Human-readable name.
        definition: Coding rule in words.
        policy_frames: Related Policy Frames Codebook dimensions.
        indicators: Compiled "any of" regex.
        requires: Compiled regex of which one must also match, or None.
        examples: Verbatim seed sentences that must receive this frame.
        negate: Which matches the codebook's negation rule applies to:
            ``all``, ``indicators``, ``requires`` or ``none`` (the entry's
            optional ``negate:``; ``requires`` where the indicators name a
            counterpart, as "the West" for the rivalry frame, not a role).
    """

    id: str
    label: str
    definition: str
    policy_frames: tuple[str, ...]
    indicators: re.Pattern[str]
    requires: re.Pattern[str] | None
    examples: tuple[str, ...]
    negate: str = "all"


@dataclass(frozen=True)
class Negation:
    """The codebook's negation rule (its top-level ``negation:`` section).

    Attributes:
        cues: Compiled "any of" regex of negation cues ("not", "no longer", ...).
        window: Most words allowed between the end of a cue and the match it negates.
        clause_breaks: Compiled regex of clause boundaries a cue does not reach across.
        cancel: Compiled regex of words that cancel a cue when they stand between it
            and the end of the match (double negation: "cannot be ensured without
            Russia" affirms the role; a negated distance: "no longer a distant threat"
            asserts a threat now), or None.
    """

    cues: re.Pattern[str]
    window: int
    clause_breaks: re.Pattern[str]
    cancel: re.Pattern[str] | None = None

    def negating_cue(self, text: str, start: int,
                     evidence: Sequence[tuple[int, int]] = (), end: int | None = None) -> str:
        """The cue that negates a match beginning at ``start`` of ``text``, '' if none.

        A cue negates the match when it ends before ``start`` in the same clause (no
        clause break between them), at most ``window`` words before it, and no
        ``cancel`` word stands between the cue and the end of the match (a cancel
        word after the match belongs to another phrase: "no longer an ally ... must
        manage without it" still denies the alliance).

        Args:
            text: The sentence.
            start: Offset of the indicator match in ``text``.
            evidence: (start, end) spans of the same frame's own matches: a cue
                inside one is part of that evidence, not a negation ("Russia will
                not quietly allow the West ..." is a rivalry cue that contains "not").
            end: Offset where the match ends (``start`` if not given): a cancel
                word inside the match counts ("cannot be ensured without Russia",
                where the match is "without Russia").

        Returns:
            The matched cue text (the nearest one), or ''.

        Example:
            >>> neg = load_codebook().negation
            >>> text = "Russia is not a member of the EU, but remains Armenia's ally."
            >>> neg.negating_cue(text, text.index("member")), neg.negating_cue(text, text.index("ally"))
            ('not', '')
        """
        # The clause of the match: from the last break before it to the next one after it.
        clause_start = 0
        for brk in self.clause_breaks.finditer(text, 0, start):
            clause_start = brk.end()
        match_end = start if end is None else end
        found, previous_end, previous = "", -1, ""
        # Searched on the whole text so that a cue's lookahead sees past ``start``.
        for cue in self.cues.finditer(text):
            if cue.start() < clause_start or cue.end() > start:
                continue
            if any(a <= cue.start() and cue.end() <= b for a, b in evidence):
                continue
            # A negated negation affirms the role ("never ceased to be an ally", "has not stopped being a partner").
            # ... but "neither X nor Y" is two denials, not a double negation.
            negated = (previous_end >= 0 and not previous.lower().startswith("neither")
                       and len(_WORD_RE.findall(text, previous_end, cue.start())) <= self.window)
            previous_end, previous = cue.end(), cue.group()
            if negated or len(_WORD_RE.findall(text, cue.end(), start)) > self.window:
                found = ""
                continue
            if self.cancel is not None and self.cancel.search(text, cue.end(), match_end):
                continue
            found = cue.group()
        return found


@dataclass(frozen=True)
class Codebook:
    """A validated codebook.

    Attributes:
        frames: The frames, in file order.
        path: The file it came from.
        target: The actor whose roles the frames describe (the file's optional
            ``target:``), '' if the file does not say; the report warns when a
            run's target differs.
        negation: The file's optional ``negation:`` rule; None: every match counts.
        target_names: The file's optional ``target_names:``: words that name ``target``
            beside the actor lexicon's terms (its state companies: "Gazprom"); a match of
            them counts as a mention of ``target`` when roles are attributed. None if absent.
    """

    frames: tuple[Frame, ...]
    path: Path
    target: str = ""
    negation: Negation | None = None
    target_names: re.Pattern[str] | None = None

    @property
    def ids(self) -> list[str]:
        """Frame ids in file order."""
        return [f.id for f in self.frames]

    def table(self) -> pd.DataFrame:
        """The codebook as a table (id, label, definition, policy_frames, n_examples)."""
        return pd.DataFrame(
            [{"id": f.id, "label": f.label, "definition": f.definition,
              "policy_frames": "; ".join(f.policy_frames), "n_examples": len(f.examples)}
             for f in self.frames]
        )


def _load_placeholders(section: object, file: Path) -> dict[str, str]:
    """Validate the codebook's optional ``placeholders:`` (name -> regex) section."""
    if section is None:
        return {}
    if not isinstance(section, dict):
        raise ValueError(f"{file}: `placeholders` must be a mapping of name: regex.")
    placeholders: dict[str, str] = {}
    for name, value in section.items():
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise ValueError(f"{file}: `placeholders`: {name!r} is not a valid name "
                             f"(letters, digits and _, not starting with a digit).")
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{file}: `placeholders`: {name} must be a regex string, not {value!r}.")
        try:
            re.compile(value)
        except re.error as err:
            raise ValueError(f"{file}: `placeholders`: {name}: {value!r} is not a valid regex "
                             f"({err}).") from err
        placeholders[name] = value
    return placeholders


def _fill_placeholders(pattern: str, placeholders: dict[str, str], file: Path, where: str) -> str:
    """``pattern`` with each ``{name}`` replaced by its placeholder regex, as a group."""
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in placeholders:
            known = ", ".join(sorted(placeholders)) or "none"
            raise ValueError(f"{file}: {where}: {pattern!r} uses unknown placeholder {{{name}}} "
                             f"(the codebook's `placeholders:` defines: {known}).")
        return f"(?:{placeholders[name]})"
    return _PLACEHOLDER_RE.sub(fill, pattern)


def _compile_patterns(patterns: object, file: Path, where: str,
                      bounded: bool = True,
                      placeholders: dict[str, str] | None = None) -> re.Pattern[str]:
    if not isinstance(patterns, list) or not patterns or not all(
        isinstance(p, str) and p.strip() for p in patterns
    ):
        raise ValueError(f"{file}: {where} must be a non-empty list of regex strings.")
    patterns = [_fill_placeholders(p, placeholders or {}, file, where) for p in patterns]
    for p in patterns:
        try:
            re.compile(p)
        except re.error as err:
            raise ValueError(f"{file}: {where}: {p!r} is not a valid regex ({err}).") from err
    # Word-bounded, case-insensitive; longer patterns first so the reported
    # indicator is the most specific one ("strategic partnership", not "partnership").
    ordered = sorted(patterns, key=lambda p: (-len(p), p))
    alternatives = "|".join(f"(?:{p})" for p in ordered)
    if not bounded:
        return re.compile(alternatives, re.IGNORECASE)
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)


def _load_negation(section: object, file: Path,
                   placeholders: dict[str, str] | None = None) -> Negation | None:
    """Validate the codebook's top-level ``negation:`` section (None if absent)."""
    if section is None:
        return None
    if not isinstance(section, dict):
        raise ValueError(f"{file}: `negation` must be a mapping with cues, window and clause_breaks.")
    window = section.get("window")
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise ValueError(f"{file}: negation: `window` must be a whole number of words >= 0, "
                         f"not {window!r}.")
    cancel = section.get("cancel")
    return Negation(
        cues=_compile_patterns(section.get("cues"), file, "negation: `cues`",
                               placeholders=placeholders),
        window=window,
        # Breaks are punctuation as well as words, so they are not wrapped in word bounds.
        clause_breaks=_compile_patterns(section.get("clause_breaks"), file,
                                        "negation: `clause_breaks`", bounded=False,
                                        placeholders=placeholders),
        cancel=None if cancel is None else _compile_patterns(
            cancel, file, "negation: `cancel`", placeholders=placeholders),
    )


def load_codebook(path: str | os.PathLike | None = None) -> Codebook:
    """Load and validate a framing codebook.

    Args:
        path: Codebook YAML; defaults to ``config.CODEBOOK_PATH``.

    Returns:
        The :class:`Codebook`.

    Raises:
        FileNotFoundError: If the file does not exist.
        ValueError: If the YAML or an entry is malformed; the message names the
            file and the entry (e.g. ``frames[3] (military_actor): ...``).

    Example:
        >>> codebook = load_codebook()
        >>> codebook.ids[:3]
        ['strategic_partner', 'mediator', 'security_guarantor']
    """
    file = Path(path) if path is not None else config.CODEBOOK_PATH
    data = read_yaml(file, "codebook")
    entries = data.get("frames") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{file}: expected a non-empty `frames:` list (see data/codebook.yaml).")
    placeholders = _load_placeholders(data.get("placeholders"), file)
    frames: list[Frame] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ValueError(f"{file}: frames[{i}] must be a mapping with id, label, indicators.")
        frame_id = str(entry.get("id", "")).strip()
        where = f"frames[{i}] ({frame_id or 'no id'})"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", frame_id):
            raise ValueError(f"{file}: {where}: `id` must be a lower_snake_case identifier.")
        if frame_id in seen:
            raise ValueError(f"{file}: {where}: duplicate id {frame_id!r}.")
        seen.add(frame_id)
        for key in ("label", "definition"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise ValueError(f"{file}: {where}: `{key}` must be a non-empty string.")
        policy = entry.get("policy_frames")
        if not isinstance(policy, list) or not policy:
            raise ValueError(f"{file}: {where}: `policy_frames` must list at least one dimension.")
        unknown = [p for p in policy if p not in POLICY_FRAMES]
        if unknown:
            raise ValueError(f"{file}: {where}: unknown policy_frames {unknown}; "
                             f"allowed: {', '.join(POLICY_FRAMES)}.")
        examples = entry.get("examples", [])
        if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
            raise ValueError(f"{file}: {where}: `examples` must be a list of sentences.")
        requires = entry.get("requires")
        negate = entry.get("negate", "all")
        if negate not in _NEGATE_VALUES:
            raise ValueError(f"{file}: {where}: `negate` must be one of {', '.join(_NEGATE_VALUES)}, "
                             f"not {negate!r}.")
        frames.append(Frame(
            id=frame_id,
            label=entry["label"].strip(),
            definition=" ".join(entry["definition"].split()),
            policy_frames=tuple(policy),
            indicators=_compile_patterns(entry.get("indicators"), file, f"{where}: `indicators`",
                                         placeholders=placeholders),
            requires=None if requires is None else _compile_patterns(
                requires, file, f"{where}: `requires`", placeholders=placeholders),
            examples=tuple(examples),
            negate=negate,
        ))
    target = data.get("target", "")
    if not isinstance(target, str):
        raise ValueError(f"{file}: `target` must be the name of the actor the frames describe (e.g. Russia).")
    names = data.get("target_names")
    if names is not None and not target.strip():
        raise ValueError(f"{file}: `target_names` needs a `target:` (the actor these words name).")
    return Codebook(tuple(frames), file, target.strip(),
                    _load_negation(data.get("negation"), file, placeholders),
                    None if names is None else _compile_patterns(names, file, "`target_names`",
                                                                 placeholders=placeholders))


@functools.lru_cache(maxsize=1)
def _default_codebook() -> Codebook:
    return load_codebook()


def _as_codebook(codebook: Codebook | str | os.PathLike | None) -> Codebook:
    if codebook is None:
        return _default_codebook()
    if isinstance(codebook, Codebook):
        return codebook
    return load_codebook(codebook)


#: One mention in a sentence: (actor, start, end).
_Mention = tuple[str, int, int]


def _with_target_names(text: str, mentions: list[_Mention], book: Codebook) -> list[_Mention]:
    """``mentions`` plus a mention of the codebook's target for each ``target_names`` match.

    "Gazprom Armenia" names no actor of the lexicon (it is excluded from Armenia), but
    its gas is Russia's: the company counts as Russia where roles are attributed. A
    name inside a lexicon mention adds nothing.
    """
    if book.target_names is None or not book.target:
        return mentions
    extra = [(book.target, m.start(), m.end()) for m in book.target_names.finditer(text)
             if not any(a < m.end() and m.start() < b for _, a, b in mentions)]
    return sorted(mentions + extra, key=lambda m: (m[1], m[2])) if extra else mentions


def _counterpart(text: str, mention: _Mention) -> bool:
    """Whether ``mention`` follows an agent noun and a preposition: "supplier of Armenia's gas"."""
    return bool(_AGENT_NOUN_BEFORE.search(text, 0, mention[1]))


def _premodifies(text: str, mention: _Mention, start: int) -> str:
    """How the mention modifies a noun phrase beginning at ``start``: 'possessive', 'modifier' or ''.

    "Russia's Gazprom", "Moscow's leverage" are possessive; "Russian troops",
    "Russian natural gas", "Turkey buys gas" (its subject) modifier: the mention is
    followed by at most two words, none of them a function word, then the match.
    A mention that begins a hyphenated compound modifies it too: "the Baku-Supsa oil
    pipeline" is Azerbaijan's oil ("Azerbaijan-Russia trade" is both: coordination).
    """
    between = text[mention[2]:start]
    possessive = re.match(r"['’]s?(?=\s)", between)
    compound = None if possessive else re.match(r"(?:-[^\W_][\w]*)+(?=\s)", between)
    rest = between[possessive.end():] if possessive else between[compound.end():] if compound else between
    words = rest.split()
    if not re.fullmatch(r"(?:\s+" + _MODIFIER + r")*\s+", rest) or len(words) > 2 or any(
            w.lower() in _FUNCTION_WORDS for w in words):
        return ""
    return "possessive" if possessive else "modifier"


def _apposition(text: str, mention: _Mention, start: int, end: int) -> bool:
    """"Turkey, a mediator, ...": the match ends a noun phrase set beside the mention by commas.

    The phrase must close right after the match (comma, dash, bracket or the sentence
    end): in "Turkey, Russia and Iran, the organized terrorism was defeated" it does not.
    """
    between = re.fullmatch(r"\s*,\s*(?:a|an|the|one of the)\s+((?:" + _MODIFIER + r"\s+){0,2})",
                           text[mention[2]:start], re.IGNORECASE)
    closes = re.match(r"\s*(?:[,;:—–)\"”]|\s-\s|[.!?]?\s*$)", text[end:])
    return (between is not None and closes is not None
            and not any(w.lower() in _FUNCTION_WORDS for w in between.group(1).split()))


#: What joins coordinated mentions into one modifier or agent: "Russian-Iranian", "Turkey and Russia".
#: A bare comma is not enough: "the West, Moscow said" is no list.
_COORDINATION = re.compile(r"(?:['’]s?)?\s*(?:[-–/&]|,?\s*\b(?:and|or)\b)\s*", re.IGNORECASE)


def _coordinated(text: str, mentions: Sequence[_Mention], first: _Mention, step: int) -> list[_Mention]:
    """``first`` and the mentions coordinated with it, walking backwards (step -1) or forwards (+1)."""
    ordered = sorted(mentions, key=lambda m: m[1])
    i = ordered.index(first)
    group = [first]
    while 0 <= i + step < len(ordered):
        left, right = (ordered[i + step], ordered[i]) if step < 0 else (ordered[i], ordered[i + step])
        if not _COORDINATION.fullmatch(text, left[2], right[1]):
            break
        i += step
        group.append(ordered[i])
    return group


def _owners(text: str, start: int, end: int, mentions: Sequence[_Mention], target: str,
            foreign_codebook: bool = False) -> set[str]:
    """Actors the match ``text[start:end]`` is grammatically attached to (the target's ties are generous).

    The nearest mention before the match, when it premodifies it (a possessive not
    before a relational role noun: "Armenia's ally" names the ally's counterpart) or
    stands in apposition ("Turkey, a mediator,"); the nearest mention after it, when
    a source or agent preposition leads to it ("gas from Azerbaijan", "mediation by
    Turkey"), or for the target any preposition ("dependent on Russia", "cooperation
    with Moscow"), since a relation ("with", "of", "on") involves both sides. Mentions
    coordinated with that one ("Russian-Iranian", "Turkey and Russia") share it.
    A partner, ally or rival "in" a place is that place's ("our partners in Washington"),
    unless a word before the match already owns it ("Russian allies in Armenia"); then a
    possessive target before it is the relation's other side ("Russia's allies in Yerevan").
    With ``foreign_codebook``, a mention after an agent noun and a preposition is its
    counterpart, no holder ("the main supplier of Armenia's gas", "investor in Armenia").
    """
    owners: set[str] = set()
    if foreign_codebook:
        mentions = [m for m in mentions if not _counterpart(text, m)]
    before = [m for m in mentions if m[2] <= start]
    if before:
        nearest = max(before, key=lambda m: m[2])
        how = _premodifies(text, nearest, start)
        if (how == "modifier" or (how == "possessive" and not _AGENT_NOUN.search(text[start:end]))
                or _apposition(text, nearest, start, end)):
            owners.update(m[0] for m in _coordinated(text, mentions, nearest, -1))
    after = [m for m in mentions if m[1] >= end]
    if after:
        nearest = min(after, key=lambda m: m[1])
        between = text[end:nearest[1]]
        # A match that ends in its own preposition ("pressure from") leads straight to the actor.
        own_preposition = re.search(r"\b(?:from|by)$", text[start:end], re.IGNORECASE)
        if _AGENT_AFTER.fullmatch(between) or (own_preposition and re.fullmatch(r"\s+(?:the\s+)?", between)):
            owners.update(m[0] for m in _coordinated(text, mentions, nearest, +1))
        elif (not owners and _LOCATED_HOLDER.search(text, start, end)
              and re.fullmatch(r"\s+in\s+(?:the\s+)?", between)):
            owners.update(m[0] for m in _coordinated(text, mentions, nearest, +1))
            if before and _premodifies(text, max(before, key=lambda m: m[2]), start) == "possessive":
                owners.update(m[0] for m in _coordinated(text, mentions, max(before, key=lambda m: m[2]), -1))
        elif _TARGET_AFTER.fullmatch(between) and target in {m[0] for m in _coordinated(text, mentions, nearest, +1)}:
            owners.add(target)
    return owners


def _word_distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Words strictly between two spans of ``text``."""
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return len(_WORD_RE.findall(text, lo, hi))


def attributed_to_target(text: str, start: int, end: int, mentions: Sequence[_Mention], target: str,
                         codebook_target: str = "", clause_breaks: re.Pattern[str] | None = None) -> bool:
    """Whether a codebook match ``text[start:end]`` counts as the target's role.

    Rules, in order:

    1. The run's target is not the codebook's and the match begins with the
       codebook's actor ("Moscow treats Yerevan as its bridgehead" for Armenia):
       not counted, even though the target is named later inside it.
    2. The target is named inside the match ("Russian troops" for Russia): counted.
    3. The run's target is not the codebook's and the codebook's actor is named
       inside the match ("Russian peacekeepers" for Armenia): not counted.
    4. The match is grammatically attached (see :func:`_owners`) to the target:
       counted; only to other actors ("Turkish mediation", "Russia's Gazprom",
       "Turkey, a mediator", "gas from Azerbaijan"): not counted.
    5. The run's target is not the codebook's: the codebook's words describe its
       actor's roles, so the nearest mention outside the match decides (in the
       match's clause, else in the sentence; a possessive before an agent noun is
       the counterpart and is passed over): another actor strictly nearer than the
       target, not counted.
    6. Otherwise counted (no other actor claims it).

    A match that names another actor (the West in "rival of the West", the Minsk
    Group) names the codebook's counterpart or institution, not a role: counted
    (after rule 3); when the run's target is not the codebook's, such a match is
    the codebook actor's relation if that actor is in the sentence (not counted),
    else rules 4-6 decide. With a foreign codebook, a mention after an agent noun
    and a preposition ("supplier of Armenia's gas", "investor in Armenia") is the
    counterpart: it neither owns a match nor is a candidate in rule 5.

    Args:
        text: The sentence.
        start: Match start in ``text``.
        end: Match end.
        mentions: (actor, start, end) of every actor mention in the sentence.
        target: The run's target actor.
        codebook_target: The actor the codebook was written for ('' if unknown).
        clause_breaks: Clause boundaries for rule 5 (the codebook's negation
            breaks; a default set if None).

    Returns:
        True if the match counts for the target.

    Example:
        >>> text = "Georgia has agreed a gas deal with Russia's Gazprom and hosts Russian troops."
        >>> ms = [("Georgia", 0, 7), ("Russia", 35, 41), ("Russia", 63, 70)]
        >>> attributed_to_target(text, 21, 24, ms, "Georgia", "Russia")  # gas: Russia is nearer
        False
        >>> attributed_to_target(text, 21, 24, ms, "Georgia", "Georgia")  # a codebook for Georgia
        True
        >>> attributed_to_target(text, 63, 77, ms, "Georgia", "Russia")  # "Russian troops"
        False
    """
    inside_mentions = sorted((m for m in mentions if m[1] < end and start < m[2]), key=lambda m: m[1])
    inside = {m[0] for m in inside_mentions}
    foreign_codebook = bool(codebook_target) and codebook_target.lower() != target.lower()
    # A match led by the codebook's actor is its role, whoever it names later ("Moscow treats
    # Yerevan as its bridgehead": Armenia is the bridgehead, not the imperial power).
    if foreign_codebook and inside_mentions and inside_mentions[0][0].lower() == codebook_target.lower():
        return False
    if target in inside:
        return True
    if foreign_codebook and any(a.lower() == codebook_target.lower() for a in inside):
        return False
    outside = [m for m in mentions if not (m[1] < end and start < m[2])]
    if inside:  # the match names a counterpart ("the West", "NATO", "Minsk Group"): no role word to own
        if not foreign_codebook:
            return True
        # ... which the codebook describes for its own actor: with that actor in the sentence the
        # relation is its ("Russia's efforts as a co-chair of the Minsk Group", "Zakharova said
        # Yerevan was flirting with the West"); otherwise the words around the match decide.
        if any(m[0].lower() == codebook_target.lower() for m in outside):
            return False
    owners = _owners(text, start, end, outside, target, foreign_codebook)
    if owners:
        return target in owners
    if not foreign_codebook:
        return True
    # The counterpart of an agent noun ("Armenia's guarantor") is no candidate holder.
    agent_noun = bool(_AGENT_NOUN.search(text[start:end]))
    candidates = [m for m in outside
                  if not (agent_noun and m[2] <= start and _premodifies(text, m, start) == "possessive")
                  and not _counterpart(text, m)]
    breaks = clause_breaks or _DEFAULT_CLAUSE_BREAKS
    clause_start = max((b.end() for b in breaks.finditer(text, 0, start)), default=0)
    following = breaks.search(text, end)
    clause_end = following.start() if following else len(text)
    in_clause = [m for m in candidates if clause_start <= m[1] and m[2] <= clause_end]
    candidates = in_clause or candidates
    distance = {m: _word_distance(text, (start, end), (m[1], m[2])) for m in candidates}
    to_target = min((d for m, d in distance.items() if m[0] == target), default=None)
    to_other = min((d for m, d in distance.items() if m[0] != target), default=None)
    return to_other is None or (to_target is not None and to_target <= to_other)


#: What a pattern requires of a text: any of several alternatives, each all of several
#: sets of lower-case strings, of each set any one (see :func:`required_keywords`).
Keywords = tuple[tuple[frozenset[str], ...], ...]


def _required_literals(items: object) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of the parsed ``items`` contains, or None.

    Of the sets :func:`_conjuncts` finds (all of them required) the one with the
    longest shortest string is kept.
    """
    conjuncts = _conjuncts(items)
    return max(conjuncts, key=lambda strings: (min(map(len, strings)), -len(strings))) if conjuncts else None


def _conjuncts(items: object) -> list[frozenset[str]]:
    """Sets of lower-case ASCII strings; every match of the parsed ``items`` contains one of each set.

    Walks the parse tree: a run of literal characters is required as a whole, a
    group or a repetition of at least one by its contents, an alternation by the
    union of its branches' :func:`_required_literals` (nothing when a branch
    requires nothing). Lookarounds, classes, optional parts and non-ASCII
    literals (whose case folds may include ASCII letters: the Kelvin sign
    matches ``k``) require nothing.
    """
    c = _sre_constants
    found: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in items:  # type: ignore[attr-defined]
        if op is c.LITERAL and av < 128:
            run.append(chr(av))
            continue
        flush()
        if op is c.SUBPATTERN:
            found += _conjuncts(av[3])
        elif op is getattr(c, "ATOMIC_GROUP", None):
            found += _conjuncts(av)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            found += _conjuncts(av[2])
        elif op is c.BRANCH:
            branches = [_required_literals(branch) for branch in av[1]]
            if branches and all(branches):
                found.append(frozenset().union(*branches))
    flush()
    return found


def _alternatives(items: object) -> list[list[frozenset[str]]]:
    """:func:`_conjuncts` of each top-level alternative of the parsed ``items``.

    Zero-width assertions around a single group or alternation (``(?<!\\w)(?:a|b)(?!\\w)``)
    require nothing, so the alternation's branches are taken one by one.
    """
    c = _sre_constants
    zero_width = (c.AT, c.ASSERT, c.ASSERT_NOT)
    core = [(op, av) for op, av in items if op not in zero_width]  # type: ignore[attr-defined]
    if len(core) == 1:
        op, av = core[0]
        if op is c.SUBPATTERN:
            return _alternatives(av[3])
        if op is c.BRANCH:
            return [alternative for branch in av[1] for alternative in _alternatives(branch)]
    return [_conjuncts(items)]


@functools.lru_cache(maxsize=256)
def required_keywords(pattern: re.Pattern[str]) -> Keywords | None:
    """What every match of ``pattern`` contains: a cheap test before an expensive regex.

    For each top-level alternative of the pattern, sets of lower-case words such
    that a match of that alternative contains (in any case) one word of each
    set. A sentence that satisfies no alternative cannot match. Case is
    ignored even where the pattern keeps it, so the test is never stricter
    than the regex.

    Args:
        pattern: A compiled regex.

    Returns:
        The alternatives (most selective sets first), or None when some
        alternative requires no literal text (the test would always pass).

    Example:
        >>> orbit, abroad = required_keywords(re.compile(r"(?:Russia|Moscow)['’]s orbit|near abroad", re.I))
        >>> [sorted(words) for words in orbit], [sorted(words) for words in abroad]
        ([['s orbit'], ['moscow', 'russia']], [['near abroad']])
    """
    alternatives = _alternatives(_sre_parser.parse(pattern.pattern, pattern.flags))
    if not all(alternatives):
        return None
    by_selectivity = lambda strings: (-min(map(len, strings)), len(strings), sorted(strings))  # noqa: E731
    return tuple(tuple(sorted(conjuncts, key=by_selectivity)) for conjuncts in alternatives)


def _keywords_present(keywords: Keywords, lower: str) -> bool:
    """Whether lower-cased text satisfies one alternative of :func:`required_keywords`."""
    return any(all(any(word in lower for word in words) for words in alternative) for alternative in keywords)


@functools.lru_cache(maxsize=64)
def _keyword_regex(pattern: re.Pattern[str], target_words: frozenset[str]) -> re.Pattern[str] | None:
    """One regex over lower-cased text: a word of one required set of each alternative of ``pattern``.

    No match means no alternative can match. Each alternative contributes its
    most selective set, but not one a target's name satisfies (``target_words``,
    lower-cased surfaces): assign_frames only reads sentences that name the
    target, where such a set always passes. None if ``pattern`` requires nothing.
    """
    keywords = required_keywords(pattern)
    if keywords is None:
        return None

    def rank(words: frozenset[str]) -> tuple[bool, int, int, list[str]]:
        names_target = any(word in name for word in words for name in target_words)
        return names_target, -min(map(len, words)), len(words), sorted(words)

    chosen = set().union(*(min(alternative, key=rank) for alternative in keywords))
    return re.compile("|".join(re.escape(word) for word in sorted(chosen, key=lambda w: (-len(w), w))))


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only when ``pattern`` certainly does not match in ``text`` (:func:`required_keywords`).

    Only ASCII text is tested (a non-ASCII character may case-fold to an ASCII
    one); anything else may match.

    Example:
        >>> may_match(re.compile(r"Russia threatens", re.I), "Paris waits.")
        False
    """
    keywords = required_keywords(pattern)
    if keywords is None or not text.isascii():
        return True
    return _keywords_present(keywords, text.lower())


def assign_frames(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    target: str = config.DEFAULT_TARGET,
    codebook: Codebook | str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Assign codebook frames to the sentences that mention ``target``.

    Args:
        sentences: Sentences table (``doc_id``, ``sentence_id``, ``text``).
        mentions: Mentions table from ``actors.find_mentions``.
        target: Target actor (canonical name or lexicon term).
        codebook: A :class:`Codebook`, a YAML path, or None (packaged).

    Returns:
        The long frames table (``FRAME_COLUMNS``): one row per (sentence,
        frame), ``indicators`` the distinct counted matches (``; ``-joined,
        indicators in text order, then ``requires`` matches), rows in sentence
        order then codebook order. Matches a negation cue governs are not
        counted (:class:`Negation`; :func:`frame_evidence` shows them), nor
        indicator matches that belong to another actor
        (:func:`attributed_to_target`).

    Raises:
        ValueError: If the target is unknown or the codebook invalid.

    Example:
        >>> from analysis.actors import find_mentions
        >>> s = pd.DataFrame({"doc_id": ["d"], "sentence_id": ["d:0000"],
        ...     "text": ["Baku buys weapons from Ankara."]})
        >>> len(assign_frames(s, find_mentions(s)))
        0
        >>> s["text"] = ["Russia is no longer Armenia's ally."]
        >>> len(assign_frames(s, find_mentions(s)))
        0
    """
    book = _as_codebook(codebook)
    actor = target_actor(target, mentions)
    ids = set(mentions.loc[mentions["actor"] == actor, "sentence_id"])
    rows: list[tuple[str, str, str, str]] = []
    chosen = sentences[sentences["sentence_id"].isin(ids)]
    in_chosen = mentions[mentions["sentence_id"].isin(ids)]
    by_sentence: dict[str, list[_Mention]] = {}
    for sentence_id, who, a, b in zip(in_chosen["sentence_id"], in_chosen["actor"],
                                      in_chosen["start"], in_chosen["end"]):
        by_sentence.setdefault(sentence_id, []).append((str(who), int(a), int(b)))
    breaks = book.negation.clause_breaks if book.negation is not None else None
    target_words = frozenset(str(surface).lower() for surface in mentions.loc[mentions["actor"] == actor, "surface"])
    prefilters = [_keyword_regex(frame.indicators, target_words) for frame in book.frames]
    for doc_id, sentence_id, text in zip(chosen["doc_id"], chosen["sentence_id"], chosen["text"]):
        present = _with_target_names(text, by_sentence.get(sentence_id, []), book)
        # A sentence without any of a frame's required words cannot match it: a literal
        # search before the regex (see _keyword_regex; ASCII text only, see may_match).
        lower = text.lower() if text.isascii() else None
        for frame, prefilter in zip(book.frames, prefilters):
            if lower is not None and prefilter is not None and not prefilter.search(lower):
                continue
            if not frame.indicators.search(text):  # most frames miss most sentences: skip the negation work
                continue
            hits = _frame_hits(text, frame, book.negation)
            indicators = [h[1] for h in hits if h[0] == "indicator" and not h[4]
                          and attributed_to_target(text, h[2], h[3], present, actor, book.target, breaks)]
            if not indicators:
                continue
            if frame.requires is not None:
                required = [h[1] for h in hits if h[0] == "requires" and not h[4]]
                if not required:
                    continue
                indicators += required
            rows.append((doc_id, sentence_id, frame.id, "; ".join(dict.fromkeys(indicators))))
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)


def _frame_hits(text: str, frame: Frame,
                negation: Negation | None) -> list[tuple[str, str, int, int, str]]:
    """(kind, match, start, end, negating cue or '') for every pattern match of one frame."""
    # (kind, pattern, whether the negation rule applies to it)
    kinds = (("indicator", frame.indicators, frame.negate in ("all", "indicators")),
             ("requires", frame.requires, frame.negate in ("all", "requires")))
    matches = [(kind, m, negatable) for kind, pattern, negatable in kinds
               if pattern is not None for m in pattern.finditer(text)]
    spans = [m.span() for _, m, _ in matches]
    return [(kind, m.group(), m.start(), m.end(),
             negation.negating_cue(text, m.start(), spans, m.end())
             if negation is not None and negatable else "")
            for kind, m, negatable in matches]


def frame_evidence(
    text: str, codebook: Codebook | str | os.PathLike | None = None,
    target: str | None = None, lexicon: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every indicator and ``requires`` match in one sentence, counted or negated.

    The frames table keeps only counted hits; this is where a reader sees what
    the negation rule set aside and why. It does not check that the sentence
    mentions the target (:func:`assign_frames` does).

    Args:
        text: A sentence.
        codebook: A :class:`Codebook`, a YAML path, or None (packaged).
        target: If given, the column ``other_actor`` says for each indicator match
            whether it is left out as another actor's (:func:`attributed_to_target`).
        lexicon: Actor lexicon for ``target`` (``actors.load_lexicon``); packaged if None.

    Returns:
        ``EVIDENCE_COLUMNS``: ``frame`` (id), ``kind`` (``indicator`` or
        ``requires``), ``match``, ``start``, ``end`` (offsets in ``text``) and
        ``negated_by`` (the cue that negated the match, '' if it counts), in
        codebook order, then kind, then text order; with ``target``, also
        ``other_actor`` (bool; False for ``requires`` matches).

    Example:
        >>> frame_evidence("Europe must stop treating the Kremlin as a partner.").values.tolist()
        [['strategic_partner', 'indicator', 'partner', 43, 50, 'stop treating the Kremlin as']]
        >>> frame_evidence("Armenia hosts Russian troops.", target="Armenia")[["match", "other_actor"]].values.tolist()
        [['Russian troops', True]]
    """
    book = _as_codebook(codebook)
    rows = [(frame.id, *hit) for frame in book.frames
            for hit in _frame_hits(text, frame, book.negation)]
    evidence = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    if target is None:
        return evidence
    from analysis.actors import find_mentions

    mentions = find_mentions(pd.DataFrame({"doc_id": [""], "sentence_id": [""], "text": [text]}), lexicon)
    actor = target_actor(target, mentions)
    present = _with_target_names(
        text, [(str(a), int(x), int(y)) for a, x, y in zip(mentions["actor"], mentions["start"], mentions["end"])],
        book)
    breaks = book.negation.clause_breaks if book.negation is not None else None
    evidence["other_actor"] = [
        kind == "indicator" and not attributed_to_target(text, a, b, present, actor, book.target, breaks)
        for kind, a, b in zip(evidence["kind"], evidence["start"], evidence["end"])]
    return evidence


def frame_counts(frames: pd.DataFrame) -> pd.DataFrame:
    """Number of sentences per document and frame.

    Args:
        frames: Output of :func:`assign_frames`.

    Returns:
        ``doc_id``, ``frame``, ``n_sentences``, sorted by ``doc_id`` then ``frame``.

    Example:
        >>> f = pd.DataFrame({"doc_id": ["a", "a", "a"], "sentence_id": ["a:1", "a:2", "a:2"],
        ...                   "frame": ["mediator", "mediator", "military_actor"],
        ...                   "indicators": ["", "", ""]})
        >>> frame_counts(f).values.tolist()
        [['a', 'mediator', 2], ['a', 'military_actor', 1]]
    """
    if frames.empty:
        return pd.DataFrame({"doc_id": pd.Series(dtype=str), "frame": pd.Series(dtype=str),
                             "n_sentences": pd.Series(dtype="int64")})
    counts = (frames.drop_duplicates(["sentence_id", "frame"])
              .groupby(["doc_id", "frame"], sort=True).size().rename("n_sentences").reset_index())
    counts["n_sentences"] = counts["n_sentences"].astype("int64")
    return counts


def frames_column(sentences: pd.DataFrame, frames: pd.DataFrame) -> pd.DataFrame:
    """Add the ``frames`` column (``|``-joined sorted frame ids, "" if none).

    Args:
        sentences: Sentences table.
        frames: Output of :func:`assign_frames`.

    Returns:
        A copy of ``sentences`` with ``frames``.

    Example:
        >>> s = pd.DataFrame({"sentence_id": ["a:1", "a:2"]})
        >>> f = pd.DataFrame({"doc_id": ["a", "a"], "sentence_id": ["a:1", "a:1"],
        ...                   "frame": ["mediator", "economic_lever"], "indicators": ["", ""]})
        >>> frames_column(s, f).frames.tolist()
        ['economic_lever|mediator', '']
    """
    joined = frames.groupby("sentence_id")["frame"].agg(lambda f: "|".join(sorted(set(f))))
    out = sentences.copy()
    # A plain list: mapping onto an empty Series triggers a pandas dtype warning.
    # A dict lookup per sentence, not Series.get (pandas overhead on every sentence).
    by_id = joined.to_dict()
    out["frames"] = [by_id.get(s, "") for s in out["sentence_id"]]
    return out
