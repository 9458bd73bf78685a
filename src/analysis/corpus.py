"""Load a news corpus into the ``documents`` table (see docs/ARCHITECTURE.md).

Accepted inputs:

* a folder of ``.txt`` files (searched recursively, read one at a time in
  sorted order of their relative paths; other files are ignored),
* a single ``.txt`` file,
* a ``.csv``, ``.jsonl`` or ``.parquet`` file with a ``text`` column (optional
  columns ``doc_id``/``id``, ``title``, ``published``/``date``, ``outlet``,
  ``author``).

Raw text (``.txt`` files, and tabular rows without a ``title``) is treated as a
scraped web page: the headline is found once, the publication date is read
from a date line where the page states one, and page furniture (share prompts,
widgets, section lists, counters, a repeated headline) is removed with general
line heuristics plus the documented pattern list in ``data/furniture.yaml``.
Every field records where it came from in the ``notes`` column, with line
numbers of the raw file, so each value can be checked against its evidence.

A dateline (``Tbilisi, 14 March 2023`` on its own line, or opening the first
paragraph before a dash) is a date stated in the text; a numeric date that reads
both ways (``03/04/2024``) is read day-first (``date_order="month-first"`` for US
dates) and flagged ``ambiguous`` in ``date_note``. Files that
are not UTF-8 are decoded as cp1251 or cp1252/latin-1, chosen by whether their
letters form Cyrillic words or accented Latin ones (noted and warned).

Curated metadata (``metadata.csv`` beside the ``.txt`` files, or the
``metadata`` argument) fills what the text does not state; a date stated in the
text always wins (``date_source`` ``text``). A date from a ``published``/``date``
column of a tabular file also has ``date_source`` ``metadata`` (given with the
text, not stated in it). A metadata row's ``doc_id`` is the file stem, or the
relative path (``a/story``) when several files share a stem; a row matching
several files is applied to none. A bad row in a ``metadata.csv`` found beside
the corpus is left out, warned and noted on its document; the other rows apply
(an explicit ``metadata`` argument is checked strictly: bad rows raise).

Every lexicon and model here reads English: a document that is clearly not
English (mostly non-Latin letters, or Latin-script words of which few are common
English words; :func:`non_english_reason`) is skipped with the reason, unless
``keep_non_english=True``.

Nothing is dropped silently: unreadable documents are listed in
``documents.attrs["skipped"]`` (``source_path``, ``reason``) and announced with a
:class:`CorpusWarning`; documents with the same normalised text are kept and
flagged in ``duplicate_of``.

Example:
    >>> docs = load_corpus(config.SEEDS_DIR)
    >>> docs["published"].tolist()
    ['2018-04-06', '2017-08-01', '2015-10-12', '2017-07-25', '2024-08-07']
    >>> docs["date_source"].tolist()
    ['metadata', 'text', 'text', 'text', 'metadata']
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import logging
import os
import re
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple, Union

import pandas as pd

from analysis import config
from analysis.io import read_yaml

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "DOCUMENT_COLUMNS",
    "SKIPPED_COLUMNS",
    "METADATA_COLUMNS",
    "FurniturePatterns",
    "ParsedArticle",
    "load_furniture_patterns",
    "normalize_whitespace",
    "unwrap_lines",
    "parse_article",
    "load_metadata",
    "iter_corpus",
    "load_corpus",
    "checked_date_order",
    "FALLBACK_ENCODINGS",
    "natural_sort_key",
    "non_english_reason",
    "ENGLISH_FUNCTION_WORDS",
]

logger = logging.getLogger(__name__)

#: Columns of the documents table, in order (docs/ARCHITECTURE.md).
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id", "title", "published", "date_source", "date_note", "outlet", "author", "text",
    "n_words", "source_path", "notes", "duplicate_of",
)
#: ``date_note`` values (joined with "; " when both apply): the date used was a
#: numeric date that reads both ways, read day-first (or month-first); a date given in a column
#: could not be read and was ignored.
DATE_AMBIGUOUS = "ambiguous"
DATE_UNREADABLE = "unreadable"
#: Columns of ``documents.attrs["skipped"]``.
SKIPPED_COLUMNS: tuple[str, ...] = ("source_path", "reason")
#: Columns of a curated metadata file (only ``doc_id`` is required).
METADATA_COLUMNS: tuple[str, ...] = ("doc_id", "published", "outlet", "author", "url", "notes")

TABULAR_SUFFIXES: tuple[str, ...] = (".csv", ".jsonl", ".parquet")
METADATA_FILENAME = "metadata.csv"

PathLike = Union[str, "os.PathLike[str]"]
MetadataArg = Union[PathLike, pd.DataFrame, None]


class CorpusError(ValueError):
    """A corpus (or its metadata) cannot be loaded; the message names the file and the fix."""


class CorpusWarning(UserWarning):
    """A document was skipped or read with a fallback; the message names the file."""


# --------------------------------------------------------------------------- text normalisation
# One regex pass finds every character that needs changing (NBSP and other
# spaces, odd line breaks, control/zero-width characters); a dict maps it. Much
# faster than str.translate on long texts, and cheap enough for 100k documents.
_LINE_BREAKS = "\u2028\u2029\x85\x0b\x0c\r"
_SPACES = "\t\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Invisible characters that are not part of any word: zero-width space, word
# joiner, BOM, soft hyphen. ZWJ/ZWNJ are kept: they change spelling in some scripts.
_INVISIBLE = "\u200b\u2060\ufeff\xad"
_REPLACEMENT = {c: "\n" for c in _LINE_BREAKS}
_REPLACEMENT.update({c: " " for c in _SPACES})
_REPLACEMENT.update({c: "" for c in _INVISIBLE})
_SPECIAL_CHAR_RE = re.compile(
    "[" + re.escape(_LINE_BREAKS + _SPACES + _INVISIBLE) + r"\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]"
)
_MULTI_SPACE_RE = re.compile(r" {2,}")
_DIGIT_RE = re.compile(r"\d")
# A sentence end, allowing closing quotes/brackets and stray spaces after it
# (seed 003 writes `countries. "`).
_CLOSERS = " \"'”’»)]"
_TERMINAL = ".!?…"


def normalize_whitespace(text: str) -> list[str]:
    """Normalise whitespace and split into stripped lines (empty lines kept).

    NBSP and other space characters become a plain space, runs of spaces
    collapse to one, control and zero-width characters are removed, all line
    break conventions become ``\\n``. The characters of words (curly quotes,
    diacritics) are untouched.

    Args:
        text: Raw text.

    Returns:
        The lines of the text, each stripped.

    Example:
        >>> normalize_whitespace("A\\xa0 “quote”  \\r\\nB\\u200b ")
        ['A “quote”', 'B']
    """
    text = _SPECIAL_CHAR_RE.sub(lambda m: _REPLACEMENT.get(m.group(), ""), text.replace("\r\n", "\n"))
    text = _MULTI_SPACE_RE.sub(" ", text)
    return [line.strip() for line in text.split("\n")]


#: A line ending so is complete: a sentence end, or a quotation or bracket closing one.
_LINE_END_RE = re.compile(r"[.!?:;\"\u201d\u2019'\u00bb)\]]$")
_BYLINE_START_RE = re.compile(r"^(?:by|from|and)\b", re.IGNORECASE)


def unwrap_lines(lines: list[str]) -> tuple[list[str], int]:
    """Join the lines of a paragraph that a fixed line width broke apart.

    Paragraphs end at a blank line or at a short line. Two rules join a line
    to the next in the same block:

    * the line ends mid-sentence and the next starts with a small letter
      (``... agreement on`` / ``monday``); a byline (``by Jane Roe``) is kept apart;
    * the text is hard-wrapped (at least three lines inside blocks, most of them
      ending mid-sentence, all at most 200 characters) and the line is long
      (at least 60% of the widest), so the width, not the writer, ended it.

    One paragraph per line (the usual scraped page) and headlines, dates and
    bylines above the text (short lines) are left as they are.

    Args:
        lines: Stripped lines (``normalize_whitespace``), blank lines as ``""``.

    Returns:
        ``(lines, n_joined)``: the lines with each paragraph on one line (blank
        lines kept), and how many line breaks were removed.

    Example:
        >>> unwrap_lines(['Lavrov said: "We will', 'not leave."', "", "Next paragraph."])
        (['Lavrov said: "We will not leave."', '', 'Next paragraph.'], 1)
        >>> page = ["Russia and Azerbaijan signed an agreement on", "Monday, officials in Baku said",
        ...         "in a statement. The text of the agreement", "was not published.", "", "Next paragraph."]
        >>> unwrap_lines(page)[0][0]
        'Russia and Azerbaijan signed an agreement on Monday, officials in Baku said in a statement. The text of the agreement was not published.'
        >>> unwrap_lines(["Headline", "by Jane Roe", "", "It rained in Baku.", "It rained again."])
        (['Headline', 'by Jane Roe', '', 'It rained in Baku.', 'It rained again.'], 0)
    """
    numbered, joined = _unwrap_numbered(lines)
    return [line for _, line in numbered], joined


#: A line ending so stops mid-phrase: a comma, dash or slash, or a word that
#: cannot end an English headline (article, preposition, conjunction, auxiliary).
_MID_PHRASE_END_RE = re.compile(
    r"(?:[,&/–—-]|\b(?:a|an|the|of|in|on|at|to|for|with|from|by|over|under|after|before|between|into|"
    r"about|against|amid|among|as|and|or|but|nor|than|that|its|his|her|their|our|is|are|was|were|be|"
    r"has|have|had|will|would|not|via|during|despite|through|toward|towards|across|within|without|"
    r"while|who|which|whose|if))$",
    re.IGNORECASE,
)
#: A header block holds at most this many field lines (headline, wrapped
#: headline, outlet) above its first byline/date line.
_MAX_HEADER_FIELDS = 3


def _header_block_lines(lines: list[str], is_marker: Any) -> set[int]:
    """Indices of the lines of a header block: its field lines and its byline/date lines.

    A header block is a run of non-empty lines, before any line of running text
    (:func:`_is_real_paragraph`), whose first byline or date line (``is_marker``)
    comes after at most :data:`_MAX_HEADER_FIELDS` lines; the block's lines up to
    that marker and the markers right after it are the header (``Title`` /
    ``Outlet`` / ``By Author`` / ``2016-04-08``). Such lines are separate fields:
    a line width did not end them.
    """
    header: set[int] = set()
    start = 0
    while start < len(lines):
        if not lines[start]:
            start += 1
            continue
        end = start
        while end < len(lines) and lines[end]:
            end += 1
        block = range(start, end)
        first_marker = next((i for i in block if is_marker(lines[i])), None)
        if first_marker is not None and first_marker - start <= _MAX_HEADER_FIELDS:
            last = first_marker
            while last + 1 < end and is_marker(lines[last + 1]):
                last += 1
            header.update(range(start, last + 1))
        if any(_is_real_paragraph(lines[i]) for i in block if i not in header):
            break  # running text has begun: later blocks are body
        start = end
    return header


def _unwrap_numbered(
    lines: list[str], keep_apart: re.Pattern[str] | None = None, is_marker: Any = None,
) -> tuple[list[tuple[int, str]], int]:
    """:func:`unwrap_lines` keeping, for each line, the 1-based number of its first raw line.

    A line ``keep_apart`` matches whole (page furniture such as ``Read more``) is
    never joined, so the parser can still drop it. ``is_marker`` (a predicate for
    byline and date lines) marks header blocks (:func:`_header_block_lines`):
    their lines are separate fields, joined only where a line stops mid-phrase
    (``... gas transit through`` / ``Georgia``), and they do not count towards
    deciding whether the text is hard-wrapped.
    """
    header = _header_block_lines(lines, is_marker) if is_marker is not None else set()
    inner = [line for i, (line, following) in enumerate(zip(lines, lines[1:]))
             if line and following and i not in header and i + 1 not in header]
    width = max((len(line) for line in inner), default=0)
    wrapped = (
        len(inner) >= 3 and width <= 200
        and sum(not _LINE_END_RE.search(line) for line in inner) > len(inner) / 2
    )
    out: list[tuple[int, str]] = []
    joined = 0
    previous = ""  # the raw line before this one ("" after a blank line)
    for index, line in enumerate(lines):
        apart = keep_apart is not None and (keep_apart.fullmatch(line) or keep_apart.fullmatch(previous))
        small_letter_next = (not _LINE_END_RE.search(previous) and line[:1].islower()
                             and not _BYLINE_START_RE.match(line))
        if index in header or index - 1 in header:
            # Header fields: join a headline wrapped mid-phrase, never a field to the next one.
            join = (small_letter_next or bool(_MID_PHRASE_END_RE.search(previous))) and not (
                is_marker(line) or is_marker(previous))
        else:
            join = small_letter_next or (wrapped and len(previous) >= 0.6 * width)
        if line and previous and not apart and join:
            out[-1] = (out[-1][0], out[-1][1] + " " + line)
            joined += 1
        else:
            out.append((index + 1, line))
        previous = line
    return out, joined


def _count_words(text: str) -> int:
    """Whitespace-separated tokens (the ``n_words`` column): 7x faster than a
    word regex on long texts and within 0.5% of it on the seeds."""
    return len(text.split())


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_real_paragraph(line: str) -> bool:
    """A line of running text: at least four words and a sentence end."""
    # split(None, 4) stops after four tokens: cheap on long paragraphs.
    return _ends_sentence(line) and len(line.split(None, 4)) >= 4


def _title_like(line: str) -> bool:
    """A headline: at most 30 words and no final full stop."""
    return _count_words(line) <= 30 and not line.rstrip(_CLOSERS).endswith(".")


def _dedupe_key(text: str) -> str:
    normalised = " ".join(text.casefold().split())
    return hashlib.blake2b(normalised.encode("utf-8", "replace"), digest_size=16).hexdigest()


# --------------------------------------------------------------------------- language check
# Every lexicon and model of the package reads English, so a document in another
# language would be scored as noise. Two cheap, offline signals decide "clearly
# not English": the script of the letters, and, for Latin-script text, how many
# of the words are very common English function words (about a third of the
# words of English news; a few percent in French, German, Azerbaijani, ...).
_LETTER_RE = re.compile(r"[^\W\d_]")
# Latin letters: ASCII, Latin-1, Extended-A/B, IPA (Azerbaijani ə), Extended Additional.
_LATIN = "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u1e00-\u1eff"
# A letter outside the Latin ranges: one C-level findall instead of a Python loop per letter.
_NON_LATIN_LETTER_RE = re.compile(f"[^\\W\\d_{_LATIN}]")
_LATIN_WORD_RE = re.compile(f"[{_LATIN}]+")
#: Very common English words that are rare as words of other Latin-script
#: languages (no ``a``, ``in``, ``de``, ``die``, which other languages share).
ENGLISH_FUNCTION_WORDS: frozenset[str] = frozenset("""
    the of and to is that for with was it from be are has have had were this which said not will but they
    their his its would been by at an who after also than he she we our there about or can into over
    could all what when should these those them while against""".split())
#: Characters of a document (title and body) the check reads: enough to decide, cheap on long texts.
LANGUAGE_SAMPLE_CHARS = 5_000
#: A document is in another script when at least this share of its letters is not Latin ...
NON_LATIN_SHARE = 0.5
#: ... and it has at least this many letters (a few Cyrillic words in a short English text are not enough).
MIN_LETTERS_FOR_SCRIPT = 20
#: Latin-script text is judged by its function words only from this many words on: a short
#: text (a headline, a one-line test document) has too few words to tell.
MIN_WORDS_FOR_FUNCTION_WORDS = 40
#: Latin-script text is not English when fewer of its words than this share are English function words.
MIN_ENGLISH_FUNCTION_WORD_SHARE = 0.08


def non_english_reason(text: str) -> str:
    """Why ``text`` is clearly not English, or ``""`` when it may be English.

    Two offline rules on the first :data:`LANGUAGE_SAMPLE_CHARS` characters:

    * at least :data:`MIN_LETTERS_FOR_SCRIPT` letters, and at least
      :data:`NON_LATIN_SHARE` of them in a non-Latin script (Cyrillic,
      Armenian, Georgian, Arabic, ...); the reason names the script;
    * Latin-script text of at least :data:`MIN_WORDS_FOR_FUNCTION_WORDS`
      words of which fewer than :data:`MIN_ENGLISH_FUNCTION_WORD_SHARE` are
      very common English words (:data:`ENGLISH_FUNCTION_WORDS`: about a third
      of the words of English news, a few percent in other languages).

    English text quoting names or titles in Cyrillic, and short texts, pass.

    Args:
        text: The document's title and body.

    Returns:
        A reason such as ``"not English: 96% of its 120 letters are Cyrillic; ..."``, or ``""``.

    Example:
        >>> non_english_reason("Президенты России и Азербайджана встретились в Баку в понедельник.")
        'not English: 100% of its 57 letters are Cyrillic; the lexicons and models are English-only'
        >>> non_english_reason("Lavrov (Сергей Лавров) said Russia would stay in Gyumri, officials said.")
        ''
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    ascii_only = sample.isascii()  # the usual case: no non-Latin letter, casefold is lower
    other = [] if ascii_only else _NON_LATIN_LETTER_RE.findall(sample)
    # Without a non-Latin letter the script rule cannot fire: skip counting all letters.
    n_letters = len(_LETTER_RE.findall(sample)) if other else 0
    if n_letters >= MIN_LETTERS_FOR_SCRIPT and len(other) >= NON_LATIN_SHARE * n_letters:
        # The script is the first word of the Unicode name (CYRILLIC SMALL LETTER A); ties go to the first seen.
        script = Counter(unicodedata.name(ch, "OTHER").split(" ")[0] for ch in other).most_common(1)[0][0].title()
        return (f"not English: {len(other) / n_letters:.0%} of its {n_letters} letters are {script}; "
                "the lexicons and models are English-only")
    words = (_LATIN_WORD_RE.findall(sample.lower()) if ascii_only
             else [w.casefold() for w in _LATIN_WORD_RE.findall(sample)])
    if len(words) >= MIN_WORDS_FOR_FUNCTION_WORDS:
        common = sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS)
        if common < MIN_ENGLISH_FUNCTION_WORD_SHARE * len(words):
            return (f"not English: only {common} of its {len(words)} Latin-script words ({common / len(words):.0%}) "
                    "are common English words such as 'the', 'of', 'and', against about a third in English news; "
                    "the lexicons and models are English-only")
    return ""


# --------------------------------------------------------------------------- furniture patterns
@dataclass(frozen=True)
class FurniturePatterns:
    """Compiled patterns from a furniture YAML file (see ``data/furniture.yaml``).

    Attributes:
        source: The YAML file the patterns came from.
        furniture: Whole-line patterns of page furniture.
        date_lines: ``(name, pattern)`` of whole-line publication dates.
        clock_lines: Whole-line page clocks ("Friday, 21:00").
        byline_lines: Whole-line author bylines (group ``author``).
        outlet_lead_lines: Body lines naming the producing outlet (group ``outlet``).
        outlets: Known outlet names, casefolded -> canonical spelling.
        byline_stopwords: Casefolded words that never occur in a person's name.
        month_numbers: Casefolded month name or 3-letter abbreviation -> 1..12.
    """

    source: Path
    furniture: tuple[re.Pattern[str], ...]
    date_lines: tuple[tuple[str, re.Pattern[str]], ...]
    clock_lines: tuple[re.Pattern[str], ...]
    byline_lines: tuple[re.Pattern[str], ...]
    outlet_lead_lines: tuple[re.Pattern[str], ...]
    outlets: dict[str, str]
    byline_stopwords: frozenset[str]
    month_numbers: dict[str, int] = field(default_factory=dict)
    #: How a numeric date with the day group before the month (``03/04/2024``) is
    #: read: ``day-first`` (the patterns' own order) or ``month-first`` (US style).
    date_order: str = config.DEFAULT_DATE_ORDER
    #: All ``furniture`` / ``clock_lines`` patterns as one alternation: one C call per line.
    furniture_any: re.Pattern[str] | None = None
    clock_any: re.Pattern[str] | None = None


def _compile(path: Path, section: str, index: int, pattern: Any, flags: int) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise CorpusError(
            f"{path}: {section}[{index}] must be a non-empty regex string, got {pattern!r}; "
            "fix the entry (see the header of src/analysis/data/furniture.yaml)."
        )
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise CorpusError(
            f"{path}: {section}[{index}] is not a valid regex ({exc}): {pattern!r}; "
            "fix or quote it in the YAML file."
        ) from exc


def load_furniture_patterns(path: PathLike | None = None) -> FurniturePatterns:
    """Load and compile the page-furniture patterns.

    Args:
        path: A YAML file in the format of ``src/analysis/data/furniture.yaml``;
            ``None`` loads that packaged file.

    Returns:
        The compiled patterns (cached per file path).

    Raises:
        CorpusError: If the file is missing, is not YAML, lacks a section or
            holds an invalid regex; the message names the file and the entry.

    Example:
        >>> patterns = load_furniture_patterns()
        >>> any(p.fullmatch("Text size: bigger smaller") for p in patterns.furniture)
        True
    """
    resolved = Path(path) if path is not None else config.FURNITURE_PATTERNS_PATH
    return _load_furniture_cached(str(resolved.resolve()))


@functools.lru_cache(maxsize=8)
def _load_furniture_cached(path_str: str) -> FurniturePatterns:
    path = Path(path_str)
    if not path.is_file():
        raise CorpusError(f"{path}: furniture pattern file not found; pass an existing YAML file.")
    try:
        data = read_yaml(path, "furniture pattern file")
    except ValueError as exc:
        raise CorpusError(str(exc)) from exc
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: expected a YAML mapping with the sections described in its header.")

    def section(name: str, required: bool = True) -> list[Any]:
        value = data.get(name)
        if value is None and not required:
            return []
        if not isinstance(value, list):
            raise CorpusError(f"{path}: section {name!r} must be a YAML list; add or fix it.")
        return value

    months = [str(m).casefold() for m in section("month_names")]
    weekdays = [str(w).casefold() for w in section("weekday_names")]
    if len(months) != 12 or len(weekdays) != 7:
        raise CorpusError(f"{path}: month_names needs 12 names and weekday_names 7.")
    month_numbers: dict[str, int] = {}
    for number, name in enumerate(months, start=1):
        month_numbers[name] = number
        month_numbers[name[:3]] = number
    month_numbers["sept"] = 9
    month_alt = "|".join(sorted(month_numbers, key=len, reverse=True))
    weekday_alt = "|".join(sorted({*weekdays, *(w[:3] for w in weekdays)}, key=len, reverse=True))

    def expand(pattern: Any) -> Any:
        if isinstance(pattern, str):
            return pattern.replace("{month}", f"(?:{month_alt})").replace("{weekday}", f"(?:{weekday_alt})")
        return pattern

    flags = re.IGNORECASE
    furniture = []
    for i, entry in enumerate(section("furniture_lines")):
        pattern = entry.get("pattern") if isinstance(entry, dict) else entry
        furniture.append(_compile(path, "furniture_lines", i, pattern, flags))
    prefix = str(data.get("date_prefix") or "")
    date_lines = []
    for i, entry in enumerate(section("date_lines")):
        if not isinstance(entry, dict) or "pattern" not in entry:
            raise CorpusError(f"{path}: date_lines[{i}] needs `name` and `pattern` keys.")
        compiled = _compile(path, "date_lines", i, prefix + str(expand(entry["pattern"])), flags)
        if not {"day", "month", "year"} <= set(compiled.groupindex):
            raise CorpusError(
                f"{path}: date_lines[{i}] must define the named groups day, month and year."
            )
        date_lines.append((str(entry.get("name", f"date_{i}")), compiled))
    clock_lines = tuple(
        _compile(path, "clock_lines", i, expand(p), flags) for i, p in enumerate(section("clock_lines"))
    )
    # Bylines are case-sensitive on purpose (a capitalised "By" and name).
    byline_lines = tuple(_compile(path, "byline_lines", i, p, 0) for i, p in enumerate(section("byline_lines")))
    outlet_lead = tuple(
        _compile(path, "outlet_lead_lines", i, p, 0)
        for i, p in enumerate(section("outlet_lead_lines", required=False))
    )
    for name, group, compiled_set in (("byline_lines", "author", byline_lines),
                                      ("outlet_lead_lines", "outlet", outlet_lead)):
        for i, compiled in enumerate(compiled_set):
            if group not in compiled.groupindex:
                raise CorpusError(f"{path}: {name}[{i}] must define the named group {group!r}.")
    outlets = {str(o).casefold(): str(o) for o in section("outlets", required=False)}
    stopwords = frozenset(str(w).casefold() for w in section("byline_stopwords", required=False))
    return FurniturePatterns(
        source=path,
        furniture=tuple(furniture),
        date_lines=tuple(date_lines),
        clock_lines=clock_lines,
        byline_lines=byline_lines,
        outlet_lead_lines=outlet_lead,
        outlets=outlets,
        byline_stopwords=stopwords,
        month_numbers=month_numbers,
        furniture_any=_alternation(furniture),
        clock_any=_alternation(clock_lines),
    )


def _alternation(compiled: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``compiled`` (never matches when empty)."""
    parts = [f"(?:{p.pattern})" for p in compiled]
    return re.compile("|".join(parts) if parts else r"(?!)", re.IGNORECASE)


# --------------------------------------------------------------------------- article parsing
@dataclass
class ParsedArticle:
    """What :func:`parse_article` reads from one raw page.

    Attributes:
        title: The headline, or ``""`` when the first line does not read as one.
        published: ISO date stated in the text, or ``""``.
        outlet: Outlet revealed by the text, or ``""``.
        author: Author revealed by the text, or ``""``.
        published_ambiguous: ``published`` is a numeric date that reads both
            ways (``03.04.2024``), read in ``patterns.date_order``.
        paragraphs: Clean body paragraphs in order (title not included).
        notes: Provenance of each field and of every removed line.
    """

    title: str = ""
    published: str = ""
    outlet: str = ""
    author: str = ""
    published_ambiguous: bool = False
    paragraphs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Date(NamedTuple):
    """A date read from a line."""

    iso: str
    name: str  # the date_lines pattern that matched
    ambiguous: bool = False  # numeric day and month both 1-12 and different: read in patterns.date_order
    place: str = ""  # a dateline's place ("Tbilisi" in "Tbilisi, 14 March 2023")


def _match_date(line: str, patterns: FurniturePatterns) -> _Date | None:
    for name, pattern in patterns.date_lines:
        match = pattern.fullmatch(line)
        if not match:
            continue
        month_text = match.group("month")
        month = int(month_text) if month_text.isdigit() else patterns.month_numbers.get(month_text.casefold(), 0)
        try:
            day, year = int(match.group("day")), int(match.group("year"))
            if not 1800 <= year <= 2200:
                continue
            # D/M/Y read month-first: the pattern's day group holds the month.
            if patterns.date_order == "month-first" and month_text.isdigit() and match.start("day") < match.start("month"):
                day, month = month, day
            iso = dt.date(year, month, day).isoformat()
        except ValueError:  # 31.02.2017 and the like: not a date, keep looking
            continue
        # 03/04/2024 could be 3 April or March 4; a year-first date (ISO) is not ambiguous.
        ambiguous = (month_text.isdigit() and day != month and day <= 12 and month <= 12
                     and match.start("day") < match.start("year"))
        return _Date(iso, name, ambiguous)
    return None


# "Tbilisi, 14 March 2023", "TBILISI, March 14 (Reuters)": a place, a comma, a date.
_DATELINE_LINE_RE = re.compile(r"(?P<place>[^,]{2,40}),\s*(?P<date>.+?)(?:\s*\((?P<agency>[^()]{1,40})\))?")
# The same at the start of a paragraph, ended by a dash: "Tbilisi, 14 March 2023 — Georgia is ...".
_DATELINE_START_RE = re.compile(
    r"(?P<place>[^,]{2,40}),\s*(?P<date>[^—–()]{3,40}?)(?:\s*\((?P<agency>[^()]{1,40})\))?"
    r"(?:\s*[—–]|\s+-{1,2})\s+(?=\S)"
)


def _place_like(place: str) -> bool:
    """One to four words naming a place: capitalised (``St. Petersburg``,
    ``TBILISI``, ``Nur-Sultan``), short lowercase links inside (``Rio de Janeiro``)."""
    tokens = place.split()
    if not 1 <= len(tokens) <= 4:
        return False
    for i, token in enumerate(tokens):
        if not token[0].isalpha() or not all(ch.isalpha() or ch in ".'’-" for ch in token):
            return False
        if not token[0].isupper() and (i in (0, len(tokens) - 1) or len(token) > 3):
            return False
    return sum(ch.isalpha() for ch in place) >= 3


def _yearless(text: str, patterns: FurniturePatterns) -> bool:
    """``March 14`` or ``14 March``: a day and a month name, no year."""
    tokens = text.replace(".", " ").replace(",", " ").split()
    if len(tokens) != 2:
        return False
    day, month = (tokens[1], tokens[0]) if tokens[1].isdigit() else (tokens[0], tokens[1])
    return day.isdigit() and 1 <= int(day) <= 31 and month.casefold() in patterns.month_numbers


def _parse_date(line: str, patterns: FurniturePatterns) -> _Date | None:
    """The date when the whole line is a valid date line or a dateline (place, date)."""
    date = _match_date(line, patterns)
    if date is not None or "," not in line:
        return date
    match = _DATELINE_LINE_RE.fullmatch(line)
    if match and _place_like(match.group("place")):
        date = _match_date(match.group("date"), patterns)
        if date is not None:
            return date._replace(place=match.group("place"))
    return None


def _yearless_dateline(line: str, patterns: FurniturePatterns) -> bool:
    """A whole line ``TBILISI, March 14 (Reuters)``: a dateline that cannot date the article."""
    match = _DATELINE_LINE_RE.fullmatch(line)
    return bool(match and _place_like(match.group("place")) and _yearless(match.group("date"), patterns))


def _dateline_start(text: str, patterns: FurniturePatterns) -> tuple[_Date | None, str] | None:
    """A dateline opening a paragraph: ``(date or None when it has no year, the dateline text)``."""
    match = _DATELINE_START_RE.match(text)
    if not match or not _place_like(match.group("place")):
        return None
    head = match.group().strip()
    date = _match_date(match.group("date"), patterns)
    if date is not None:
        return date._replace(place=match.group("place")), head
    if _yearless(match.group("date"), patterns):
        return None, head
    return None


def _name_like(line: str, patterns: FurniturePatterns) -> bool:
    """Two to four capitalised name tokens, none of them a furniture word."""
    tokens = line.split()
    if not 2 <= len(tokens) <= 4:
        return False
    for token in tokens:
        core = token.strip(".,")
        if not core or not core[0].isupper() or core.casefold() in patterns.byline_stopwords:
            return False
        if not all(ch.isalpha() or ch in ".-'’" for ch in core):
            return False
    return any(sum(ch.isalpha() for ch in t) >= 3 for t in tokens)


def _outlet_like(line: str) -> bool:
    """An outlet name: one to eight words, at most 60 characters, no sentence end
    and no closing colon (``Caucasus Wire Service``, ``news.am``)."""
    stripped = line.rstrip(_CLOSERS)
    return (1 <= _count_words(line) <= 8 and len(line) <= 60 and bool(stripped)
            and stripped[-1] not in _TERMINAL + ":;" and line[0].isalnum())


def _quote(line: str, limit: int = 60) -> str:
    return repr(line if len(line) <= limit else line[: limit - 3] + "...")


def parse_article(raw_text: str, patterns: FurniturePatterns | None = None) -> ParsedArticle:
    """Split a raw scraped page into headline, date, outlet, author and clean body.

    Zones (over the non-empty lines): the *header* runs up to the first real
    paragraph (four or more words ending a sentence) after the headline; the
    *tail* is everything after the last real paragraph. Header: the headline
    (first line that is not furniture/date/byline), its repeats, date lines,
    ``Author:`` lines, and the outlet: a short line right after the headline
    (or after its date/byline lines) that a byline or date line follows
    (``Title`` / ``Caucasus Wire Service`` / ``By Staff reporter``); other header
    lines (a standfirst) stay in the body. Lines of such a header block are
    separate fields, never joined as a hard-wrapped headline unless a line stops
    mid-phrase (``... gas transit through`` / ``Georgia and Turkey``).
    A date line above the headline followed by a clock line ("Friday, 21:00")
    is the page clock, not the publication date. Tail: a sign-off right after
    the last paragraph that is a known outlet or a person's name is recorded;
    other short lines without a sentence end are page furniture and dropped.
    Lines matching ``furniture_lines`` are dropped everywhere.

    Args:
        raw_text: The page text.
        patterns: Compiled furniture patterns; ``None`` uses the packaged ones.

    Returns:
        The parsed article; ``notes`` cite raw line numbers (1-based).

    Example:
        >>> page = "Big news\\n\\nBig news\\n\\n12.03.2020\\n\\nShare\\n\\nIt rained in Baku today.\\n\\nJane Roe"
        >>> art = parse_article(page)
        >>> art.title, art.published, art.author, art.paragraphs
        ('Big news', '2020-03-12', 'Jane Roe', ['It rained in Baku today.'])
    """
    patterns = patterns or load_furniture_patterns()
    furniture_any = patterns.furniture_any or _alternation(patterns.furniture)
    clock_any = patterns.clock_any or _alternation(patterns.clock_lines)

    def header_marker(text: str) -> bool:
        """A byline, date or clock line: what ends the field lines of a header block."""
        if any(p.fullmatch(text) for p in patterns.byline_lines):
            return True
        return (len(text) <= 160 and _DIGIT_RE.search(text) is not None
                and (_parse_date(text, patterns) is not None or clock_any.fullmatch(text) is not None))

    numbered, joined = _unwrap_numbered(normalize_whitespace(raw_text), keep_apart=furniture_any,
                                        is_marker=header_marker)
    lines = [(n, text) for n, text in numbered if text]
    art = ParsedArticle()
    if joined:
        art.notes.append(f"{joined} line break(s) inside paragraphs removed (hard-wrapped text)")

    def kind(text: str) -> str:
        if any(p.fullmatch(text) for p in patterns.byline_lines):
            return "byline"
        if furniture_any.fullmatch(text):
            return "furniture"
        # Every date and clock line is short and has a digit: skip the date
        # regexes for paragraphs.
        has_digit = len(text) <= 160 and _DIGIT_RE.search(text) is not None
        if has_digit and _parse_date(text, patterns):
            return "date"
        if has_digit and clock_any.fullmatch(text):
            return "clock"
        if has_digit and "," in text and _yearless_dateline(text, patterns):
            return "dateline"
        return "other"

    kinds = [kind(text) for _, text in lines]
    n = len(lines)
    title_idx = next((i for i, k in enumerate(kinds) if k == "other"), None)
    if title_idx is not None and _title_like(lines[title_idx][1]):
        art.title = lines[title_idx][1]
        art.notes.append(f"title: text line {lines[title_idx][0]}")
    else:
        title_idx = None
        art.notes.append("title: none (first text line reads as body, not a headline)")
    search_from = (title_idx + 1) if title_idx is not None else 0
    first_para = next((i for i in range(search_from, n) if kinds[i] == "other" and _is_real_paragraph(lines[i][1])), n)
    last_para = next((i for i in range(n - 1, first_para - 1, -1) if kinds[i] == "other" and _is_real_paragraph(lines[i][1])), None)
    if last_para is None:  # no running text at all: keep every line, trim nothing
        last_para = n - 1

    # (raw line number, date, line text)
    dates_after_title: list[tuple[int, _Date, str]] = []
    dates_before_title: list[tuple[int, _Date, str]] = []
    tail_dates: list[tuple[int, _Date, str]] = []
    yearless: list[tuple[int, str]] = []
    removed: list[int] = []
    repeats: list[int] = []
    standfirst: list[int] = []
    title_key = art.title.casefold()
    body: list[tuple[int, str]] = []

    def take_byline(i: int) -> bool:
        for pattern in patterns.byline_lines:
            match = pattern.fullmatch(lines[i][1])
            if match and not art.author:
                art.author = match.group("author").strip()
                art.notes.append(f"author: text line {lines[i][0]} ({_quote(lines[i][1])})")
                return True
        return False

    def outlet_field(i: int) -> bool:
        """A short line between the headline and a byline/date line, only
        header lines between (``Title`` / ``Outlet`` / ``By Author``): the outlet."""
        if title_idx is None or i <= title_idx or not _outlet_like(lines[i][1]):
            return False
        if any(kinds[j] == "other" for j in range(title_idx + 1, i)):
            return False  # a standfirst or other text came first
        following = next((kinds[j] for j in range(i + 1, first_para) if kinds[j] != "furniture"), "")
        return following in ("byline", "date")

    for i, (lineno, text) in enumerate(lines):
        k = kinds[i]
        if i == title_idx:
            continue
        if i < first_para:  # header
            if k == "other" and title_key and text.casefold() == title_key:
                repeats.append(lineno)
            elif k == "other" and not art.outlet and outlet_field(i):
                art.outlet = text
                art.notes.append(f"outlet: text line {lineno} ({_quote(text)}, a short line between the headline "
                                 "and the byline or date)")
            elif k == "date":
                target = dates_before_title if title_idx is not None and i < title_idx else dates_after_title
                target.append((lineno, _parse_date(text, patterns), text))  # type: ignore[arg-type]
            elif k == "dateline":
                yearless.append((lineno, text))
            elif k == "byline":
                if not take_byline(i):
                    removed.append(lineno)
            elif k in ("furniture", "clock"):
                removed.append(lineno)
            else:
                body.append((lineno, text))  # a standfirst or other header text: content
                standfirst.append(lineno)
        elif i <= last_para:  # body
            if k == "furniture":
                removed.append(lineno)
            else:
                body.append((lineno, text))
        else:  # tail: after the last real paragraph
            sign_off = i <= last_para + 2 and all(kinds[j] in ("other", "byline") for j in range(last_para + 1, i + 1))
            outlet = patterns.outlets.get(text.casefold())
            if k == "byline" and take_byline(i):
                continue
            if k == "date":
                tail_dates.append((lineno, _parse_date(text, patterns), text))  # type: ignore[arg-type]
            elif sign_off and outlet and not art.outlet:
                art.outlet = outlet
                art.notes.append(f"outlet: text line {lineno} (sign-off {_quote(text)} after the last paragraph)")
            elif sign_off and k == "other" and not art.author and _name_like(text, patterns):
                art.author = text
                art.notes.append(f"author: text line {lineno} (byline {_quote(text)} after the last paragraph)")
            elif k == "other" and _count_words(text) >= 25:
                body.append((lineno, text))  # long running text without a full stop: keep, it is not furniture
            else:
                removed.append(lineno)

    # Publication date: after the headline first; then the page foot; a date
    # above the headline only when no clock line marks it as the page clock.
    clock_after = {lines[i][0] for i in range(n - 1) if kinds[i] == "date" and kinds[i + 1] == "clock"}
    page_clocks = [d for d in dates_before_title if d[0] in clock_after]
    for lineno, iso, text in page_clocks:
        art.notes.append(f"page clock: line {lineno} {_quote(text)} above the headline ignored")
    # A dateline opening the body ("Tbilisi, 14 March 2023 — Georgia is ..."):
    # read as a date line after the headline; the paragraph keeps its words.
    opening = _dateline_start(body[0][1], patterns) if body else None
    inline: list[tuple[int, _Date, str]] = []
    if opening is not None and opening[0] is not None:
        inline.append((body[0][0], opening[0], opening[1]))
    elif opening is not None:
        yearless.append((body[0][0], opening[1]))
    for lineno, text in yearless:
        art.notes.append(f"dateline line {lineno} {_quote(text)} has no year; not used as the date")
    candidates = (dates_after_title + inline + tail_dates
                  + [d for d in dates_before_title if d[0] not in clock_after])
    if candidates:
        lineno, date, text = candidates[0]
        art.published = date.iso
        what = "dateline " if date.place else ""
        art.notes.append(f"published: text line {lineno} ({what}{_quote(text)})")
        if date.ambiguous:
            art.published_ambiguous = True
            art.notes.append(f"date {_quote(text)} is ambiguous (day and month both 12 or less), "
                             f"read {patterns.date_order} as {date.iso}")
        for other_line, other, other_text in candidates[1:]:
            if other.iso != art.published:
                art.notes.append(f"other date line {other_line} {_quote(other_text)} ignored")

    if not art.outlet:
        for lineno, text in body[:3]:
            for pattern in patterns.outlet_lead_lines:
                match = pattern.fullmatch(text)
                if match:
                    art.outlet = match.group("outlet")
                    art.notes.append(
                        f"outlet: text line {lineno} ({_quote(text, 40)} names the outlet that produced the piece; "
                        "the page may be a republication)"
                    )
                    break
            if art.outlet:
                break

    if standfirst:
        art.notes.append("kept as body above the first paragraph (standfirst): line "
                         + ", ".join(map(str, standfirst)))
    if repeats:
        art.notes.append("repeated headline removed: line " + ", ".join(map(str, repeats)))
    removed.extend(lineno for lineno, text in yearless if lineno not in {b[0] for b in body})
    if removed:
        art.notes.append("furniture removed: line " + ", ".join(map(str, sorted(removed))))
    art.paragraphs = [text for _, text in body]
    return art


# --------------------------------------------------------------------------- metadata
_NUMBER_RE = re.compile(r"(\d+)")


def natural_sort_key(value: str) -> tuple[tuple[Any, ...], str]:
    """Sort key comparing the numbers inside a string as numbers.

    ``news.jsonl#line=9`` sorts before ``news.jsonl#line=10``; the string
    itself breaks ties (``7`` / ``07``), so the order is total and deterministic.

    Example:
        >>> sorted(["a#line=10", "a#line=9", "a#line=09", "b#line=1"], key=natural_sort_key)
        ['a#line=09', 'a#line=9', 'a#line=10', 'b#line=1']
    """
    parts = _NUMBER_RE.split(str(value))  # text, number, text, ...: types line up position by position
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts)), str(value)


def _blank(value: Any) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_or_none(value: str) -> str | None:
    head = value[:10]
    if _ISO_DATE_RE.fullmatch(head) and (len(value) == 10 or value[10] in "T "):
        try:
            return dt.date.fromisoformat(head).isoformat()
        except ValueError:
            return None
    return None


def load_metadata(metadata: PathLike | pd.DataFrame, errors: str = "raise") -> pd.DataFrame:
    """Load curated per-document metadata (``seeds/metadata.csv`` format).

    Args:
        metadata: A CSV file or a DataFrame with a ``doc_id`` column and any of
            ``published`` (``YYYY-MM-DD`` or empty), ``outlet``, ``author``,
            ``url``, ``notes``. A ``doc_id`` is a document id (the file stem
            for ``.txt`` files) or, for a folder, a file's relative path
            (``a/story`` or ``a/story.txt``).
        errors: What a bad row does (an empty ``doc_id``, a non-ISO date, a
            repeated ``doc_id``): ``"raise"`` (the default) raises
            :class:`CorpusError`; ``"report"`` leaves the row out (every row
            of a repeated ``doc_id``) and lists it in ``attrs["problems"]``,
            a table of ``line`` (the file's line, or ``row N`` of a DataFrame),
            ``doc_id`` and ``problem``. The loader reads a ``metadata.csv``
            found beside the corpus with ``"report"``, so one bad cell costs
            one row, announced in a warning and in that document's ``notes``.

    Returns:
        A table with exactly :data:`METADATA_COLUMNS`, all strings, one row per
        ``doc_id``, sorted by ``doc_id``.

    Raises:
        CorpusError: If the file is missing or unreadable or has no ``doc_id``
            column (whatever ``errors`` says), or, with ``errors="raise"``,
            repeats a ``doc_id``, has an empty one or holds a non-ISO date;
            the message names the file and line.

    Example:
        >>> meta = load_metadata(config.SEEDS_METADATA_PATH)
        >>> meta.set_index("doc_id").loc["000_1226ae9bc1f03672", "published"]
        '2018-04-06'
        >>> bad = pd.DataFrame({"doc_id": ["a", "b"], "published": ["2020-01-02", "02/01/2020"]})
        >>> table = load_metadata(bad, errors="report")
        >>> table["doc_id"].tolist(), table.attrs["problems"].values.tolist()
        (['a'], [['row 2', 'b', "published '02/01/2020' is not an ISO date YYYY-MM-DD"]])
    """
    if errors not in ("raise", "report"):
        raise ValueError(f"errors must be 'raise' or 'report', got {errors!r}")
    if isinstance(metadata, pd.DataFrame):
        table, where = metadata.copy(), "metadata table"
    else:
        path = Path(metadata)
        where = str(path)
        if not path.is_file():
            raise CorpusError(f"{path}: metadata file not found; pass an existing CSV or metadata=None.")
        try:
            # Blank lines kept (and dropped below) so the line numbers in errors are the file's.
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", skip_blank_lines=False)
        except Exception as exc:  # any parser failure becomes one clear message
            raise CorpusError(f"{path}: cannot read metadata CSV ({exc}).") from exc
    table.columns = [str(c).strip().lower() for c in table.columns]
    if "doc_id" not in table.columns:
        raise CorpusError(
            f"{where}: metadata needs a doc_id column; found columns {list(table.columns)}."
        )
    out = pd.DataFrame({c: [_blank(v) for v in table[c]] if c in table.columns else [""] * len(table)
                        for c in METADATA_COLUMNS})
    # The file's own line numbers (the header is line 1); a DataFrame's rows count from 1.
    if isinstance(metadata, pd.DataFrame):
        lines = pd.Series([f"row {i}" for i in range(1, len(out) + 1)], index=out.index, dtype=object)
    else:
        lines = pd.Series([f"line {i}" for i in range(2, len(out) + 2)], index=out.index, dtype=object)
    empty_rows = table.apply(lambda column: column.astype(str).str.strip().eq("")).all(axis=1).to_numpy()
    out, lines = out[~empty_rows].reset_index(drop=True), lines[~empty_rows].reset_index(drop=True)
    problems: list[tuple[int, str, str, str]] = []  # (position, line, doc_id, problem)
    for i, (line, doc_id, published) in enumerate(zip(lines, out["doc_id"], out["published"])):
        problem = ""
        if not doc_id:
            problem = "empty doc_id"
            if errors == "raise":
                raise CorpusError(f"{where}, {line}: empty doc_id; fill it or delete the row.")
        elif published and _iso_or_none(published) is None:
            problem = f"published {published!r} is not an ISO date YYYY-MM-DD"
            if errors == "raise":
                raise CorpusError(f"{where}, {line}: {problem}; fix the cell or leave it empty.")
        if problem:
            problems.append((i, line, doc_id, problem))
    repeated = (out["doc_id"].ne("") & out["doc_id"].duplicated(keep=False)).tolist()
    if any(repeated):
        if errors == "raise":
            first = out["doc_id"][repeated].iloc[0]
            raise CorpusError(f"{where}: doc_id {first!r} appears more than once; keep one row per document.")
        lines_of: dict[str, list[str]] = {}
        for i in (i for i, r in enumerate(repeated) if r):
            lines_of.setdefault(out["doc_id"].iat[i], []).append(lines.iat[i])
        for i in (i for i, r in enumerate(repeated) if r):
            doc_id = out["doc_id"].iat[i]
            problems.append((i, lines.iat[i], doc_id,
                             f"doc_id {doc_id!r} appears more than once ({', '.join(lines_of[doc_id])})"))
    problems.sort(key=lambda p: p[0])  # stable: a row's date problem before its repeat
    bad = {p[0] for p in problems}
    out = out[[i not in bad for i in range(len(out))]].reset_index(drop=True)
    out["published"] = [(_iso_or_none(p) or "") if p else "" for p in out["published"]]
    out = out.sort_values("doc_id", kind="mergesort").reset_index(drop=True)
    if errors == "report":
        out.attrs["problems"] = pd.DataFrame([p[1:] for p in problems], columns=["line", "doc_id", "problem"])
    return out


# --------------------------------------------------------------------------- reading sources
@dataclass
class _RawDoc:
    doc_id: str
    source_path: str
    text: str
    clean: bool = False  # tabular text with a title column: already clean
    title: str = ""
    published: str = ""
    published_field: str = ""
    outlet: str = ""
    author: str = ""
    notes: list[str] = field(default_factory=list)
    rel_path: str = ""  # a .txt file's path relative to the corpus folder (posix), for metadata keys


@dataclass
class _Skip:
    source_path: str
    reason: str


def _warn(message: str) -> None:
    warnings.warn(message, CorpusWarning, stacklevel=3)


#: Encodings tried after UTF-8 fails. cp1251 (Cyrillic) and cp1252 (Western
#: European) both decode nearly any byte string, so when both do, the letters
#: decide (:func:`_cyrillic_or_latin`: cp1251 only when more words read as
#: Cyrillic than as accented Latin); latin-1 (which decodes anything) takes
#: what cp1252 cannot. cp1252 comes before latin-1 because latin-1 reads
#: cp1252's curly quotes and dashes (0x91-0x97) as control characters.
FALLBACK_ENCODINGS: tuple[str, ...] = ("cp1251", "cp1252", "latin-1")
_CYRILLIC_ENCODINGS = frozenset({"cp1251"})

# A word with at least one non-ASCII letter byte: 0xC0-0xFF (letters in both
# cp1251 and cp1252), 0xA8/0xB8 (Ё/ё) and the letters among 0x8A-0x9F (Љ/Š, Њ/Œ, ...).
_HIGH_LETTERS = rb"\x8a\x8c-\x8f\x9a\x9c-\x9f\xa8\xb8\xc0-\xff"
_HIGH_WORD_RE = re.compile(
    rb"[A-Za-z" + _HIGH_LETTERS + rb"]*[" + _HIGH_LETTERS + rb"][A-Za-z" + _HIGH_LETTERS + rb"]*"
)
_ASCII_LETTER_RE = re.compile(rb"[A-Za-z]")


def _letter_evidence(block: bytes) -> tuple[int, int]:
    """``(cyrillic, latin)`` word counts: a word of two or more non-ASCII letters
    only reads as Cyrillic in cp1251 (``Россия``); a word mixing ASCII and
    non-ASCII letters reads as accented Latin in cp1252 (``café``; in cp1251
    ``cafй``). One-letter words (``à``, ``в``) are no evidence."""
    cyrillic = latin = 0
    for match in _HIGH_WORD_RE.finditer(block):
        word = match.group()
        if _ASCII_LETTER_RE.search(word):
            latin += 1
        elif len(word) >= 2:
            cyrillic += 1
    return cyrillic, latin


def _cyrillic_or_latin(valid: list[str], cyrillic: int, latin: int) -> tuple[str, str]:
    """Pick among the fallback encodings that decode the file: ``(encoding, why)``."""
    latin_valid = [name for name in valid if name not in _CYRILLIC_ENCODINGS]
    cyrillic_valid = [name for name in valid if name in _CYRILLIC_ENCODINGS]
    if cyrillic_valid and latin_valid:
        evidence = f"{cyrillic} word(s) read as Cyrillic, {latin} as accented Latin"
        # Cyrillic needs Cyrillic words. Without letters beyond ASCII (only curly
        # quotes and dashes, which both code pages place alike) the text is Latin.
        if cyrillic > latin:
            return cyrillic_valid[0], f"{evidence}; not {latin_valid[0]}"
        return latin_valid[0], f"{evidence}; not {cyrillic_valid[0]}"
    return valid[0], ""


def _scan_encoding(path: Path) -> tuple[str | None, str]:
    """Read a file in blocks: ``(encoding, why)``, or ``(None, reason)`` when binary/empty.

    UTF-8 (with or without BOM) first; otherwise the :data:`FALLBACK_ENCODINGS`
    that decode the whole file, Cyrillic or Latin chosen by its letters (``why``
    says how; a second pass counts the letters). Incremental decoders keep memory
    flat for large CSV/JSONL files.
    """
    candidates = ["utf-8-sig", *FALLBACK_ENCODINGS]
    decoders = {name: codecs.getincrementaldecoder(name)() for name in candidates}
    size = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            if not size and block.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return "utf-16", ""
            size += len(block)
            if b"\x00" in block:
                return None, "binary file (contains NUL bytes); convert it to UTF-8 text"
            for name in list(decoders):
                try:
                    decoders[name].decode(block)
                except UnicodeDecodeError:
                    del decoders[name]
    if size == 0:
        return None, "empty file"
    valid = []
    for name in candidates:
        if name in decoders:
            try:
                decoders[name].decode(b"", final=True)
                valid.append(name)
            except UnicodeDecodeError:
                continue
    if "utf-8-sig" in valid:
        return "utf-8-sig", ""
    if not valid:  # pragma: no cover - latin-1 never fails
        return "latin-1", ""
    cyrillic = latin = 0
    if any(name in _CYRILLIC_ENCODINGS for name in valid) and len(valid) > 1:
        # A second pass, for the rare file that is not UTF-8: count its letters.
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                c, l = _letter_evidence(block)
                cyrillic, latin = cyrillic + c, latin + l
    return _cyrillic_or_latin(valid, cyrillic, latin)


def _warn_fallback(path: Path, encoding: str, why: str = "") -> None:
    if encoding in FALLBACK_ENCODINGS:
        _warn(f"{path}: not valid UTF-8; decoded as {encoding}" + (f" ({why})" if why else "")
              + ". Check its characters or re-save it as UTF-8.")


def _read_txt(path: Path, doc_id: str) -> _RawDoc | _Skip:
    try:
        encoding, reason = _scan_encoding(path)
        if encoding is None:
            return _Skip(str(path), reason)
        text = path.read_bytes().decode(encoding)
    except OSError as exc:
        return _Skip(str(path), f"cannot read file ({exc.strerror or exc})")
    except UnicodeDecodeError as exc:  # e.g. a UTF-16 BOM followed by odd bytes
        return _Skip(str(path), f"cannot decode as {encoding} ({exc.reason})")
    notes = []
    if encoding in FALLBACK_ENCODINGS:
        _warn_fallback(path, encoding, reason)
        notes.append(f"encoding: {encoding} (file is not valid UTF-8" + (f"; {reason})" if reason else ")"))
    elif encoding == "utf-16":
        notes.append("encoding: utf-16 (BOM)")
    return _RawDoc(doc_id=doc_id, source_path=str(path), text=text, notes=notes)


def _walk_folder(root: Path) -> Iterator[Path]:
    """Every non-hidden file under ``root``, in sorted order of relative paths."""
    for dirpath, dirnames, filenames in os.walk(root):
        # Sorting in place makes os.walk descend in sorted order: deterministic
        # and lazy (one folder listing at a time).
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def _is_txt(path: Path) -> bool:
    return path.name.lower().endswith(".txt")


def _iter_txt_folder(root: Path) -> Iterator[_RawDoc | _Skip]:
    ignored = 0
    for file_path in _walk_folder(root):
        if not _is_txt(file_path):
            ignored += 1
            continue
        item = _read_txt(file_path, file_path.stem)
        if isinstance(item, _RawDoc):
            item.rel_path = file_path.relative_to(root).as_posix()
        yield item
    if ignored:
        logger.info("%s: ignored %d non-.txt file(s) (folders are read as .txt documents)", root, ignored)


_COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "doc_id": ("doc_id", "id"),
    "title": ("title",),
    "published": ("published", "date"),
    "outlet": ("outlet",),
    "author": ("author",),
}


def _resolve_columns(columns: Iterable[Any], path: Path) -> dict[str, str]:
    """Map contract field -> actual column name; CorpusError without ``text``."""
    by_lower: dict[str, str] = {}
    for column in columns:
        by_lower.setdefault(str(column).strip().lower(), column)
    if "text" not in by_lower:
        raise CorpusError(
            f"{path}: no 'text' column; found columns {sorted(map(str, columns))}. "
            "Rename the column holding the article text to 'text'."
        )
    mapping = {"text": by_lower["text"]}
    for target, aliases in _COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in by_lower:
                mapping[target] = by_lower[alias]
                break
    return mapping


def _row_to_raw(record: dict[str, Any], mapping: dict[str, str], path: Path, row: int,
                where: str) -> _RawDoc | _Skip:
    raw_text = record.get(mapping["text"])
    if isinstance(raw_text, (int, float)) and not isinstance(raw_text, bool) and not pd.isna(raw_text):
        raw_text = str(raw_text)
    if raw_text is not None and not isinstance(raw_text, str):
        if not (isinstance(raw_text, float) and pd.isna(raw_text)):
            return _Skip(where, f"'text' is a {type(raw_text).__name__}, not a string")
        raw_text = None
    if not raw_text or not raw_text.strip():
        return _Skip(where, "empty text")
    values = {k: _blank(record.get(col)) for k, col in mapping.items() if k != "text"}
    doc_id = values.get("doc_id") or f"{path.stem}-r{row:06d}"
    notes = [] if values.get("doc_id") else [f"doc_id: from the record's position ({where}; {path.name} has no id)"]
    doc = _RawDoc(doc_id=doc_id, source_path=where, text=raw_text, notes=notes,
                  title=values.get("title", ""), published=values.get("published", ""),
                  published_field=mapping.get("published", ""),
                  outlet=values.get("outlet", ""), author=values.get("author", ""))
    doc.clean = bool(doc.title)
    return doc


def _iter_csv(path: Path, chunk_size: int) -> Iterator[_RawDoc | _Skip]:
    encoding, reason = _scan_encoding(path)
    if encoding is None:
        yield _Skip(str(path), reason)
        return
    _warn_fallback(path, encoding, reason)
    try:
        # Blank lines are kept (and passed over below) so that row numbers match a spreadsheet's.
        reader = pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=chunk_size,
                             encoding=encoding, skip_blank_lines=False)
        row = 0
        mapping: dict[str, str] | None = None
        filled = 0
        for frame in reader:
            if mapping is None:
                mapping = _resolve_columns(frame.columns, path)
            for record in frame.to_dict("records"):
                if any(str(v).strip() for v in record.values()):
                    filled += 1
                    # numbered as a spreadsheet shows the row (the header is row 1); doc ids keep the 0-based index
                    yield _row_to_raw(record, mapping, path, row, f"{path}#row={row + 2}")
                row += 1
        if not filled:  # pandas gives a header-only file one empty frame, so count rows, not frames
            yield _Skip(str(path), "CSV has a header but no rows" if not row else f"CSV has only empty rows ({row})")
    except CorpusError:
        raise
    except pd.errors.EmptyDataError:
        yield _Skip(str(path), "empty file")
    except Exception as exc:  # pandas raises many types for malformed CSV
        raise CorpusError(f"{path}: malformed CSV ({type(exc).__name__}: {exc}). Fix the file and retry.") from exc


def _iter_jsonl(path: Path) -> Iterator[_RawDoc | _Skip]:
    encoding, reason = _scan_encoding(path)
    if encoding is None:
        yield _Skip(str(path), reason)
        return
    _warn_fallback(path, encoding, reason)
    # Text mode streams line by line in any encoding; JSON strings cannot hold
    # raw newlines, so a physical line is one record.
    with path.open("r", encoding=encoding, errors="replace") as handle:
        for lineno, raw_line in enumerate(handle, start=1):
            where = f"{path}#line={lineno}"
            line = raw_line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except (ValueError, RecursionError) as exc:
                message = f"line {lineno}: malformed JSON ({exc})"
                _warn(f"{path}, {message}; the line is skipped. Fix it and reload.")
                yield _Skip(where, message)
                continue
            if not isinstance(record, dict):
                yield _Skip(where, f"line {lineno}: expected a JSON object, got {type(record).__name__}")
                continue
            try:
                line_mapping = _resolve_columns(record.keys(), path)
            except CorpusError:
                yield _Skip(where, f"line {lineno}: no 'text' field (fields: {sorted(map(str, record))[:10]})")
                continue
            yield _row_to_raw(record, line_mapping, path, lineno - 1, where)


def _iter_parquet(path: Path, chunk_size: int) -> Iterator[_RawDoc | _Skip]:
    import pyarrow.parquet as pq  # local: only Parquet users pay the import

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:
        raise CorpusError(f"{path}: not a readable Parquet file ({type(exc).__name__}: {exc}).") from exc
    mapping = _resolve_columns(parquet.schema_arrow.names, path)
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=chunk_size, columns=sorted(set(mapping.values()))):
            for record in batch.to_pylist():
                yield _row_to_raw(record, mapping, path, row, f"{path}#row={row + 1}")  # 1-based
                row += 1
    except CorpusError:
        raise
    except Exception as exc:
        raise CorpusError(f"{path}: cannot read Parquet row group ({type(exc).__name__}: {exc}).") from exc


def _iter_sources(path: Path, chunk_size: int) -> Iterator[_RawDoc | _Skip]:
    if path.is_dir():
        yield from _iter_txt_folder(path)
        return
    suffix = path.suffix.lower()
    if suffix == ".txt":
        item = _read_txt(path, path.stem)
        if isinstance(item, _RawDoc):
            item.rel_path = path.name
        yield item
    elif suffix == ".csv":
        yield from _iter_csv(path, chunk_size)
    elif suffix == ".jsonl":
        yield from _iter_jsonl(path)
    elif suffix == ".parquet":
        yield from _iter_parquet(path, chunk_size)


# --------------------------------------------------------------------------- building documents
def _build_document(raw: _RawDoc, patterns: FurniturePatterns, meta: dict[str, str],
                    metadata_name: str, meta_notes: list[str],
                    keep_non_english: bool = False) -> dict[str, Any] | _Skip:
    notes = list(raw.notes)
    if raw.clean:
        unwrapped, joined = unwrap_lines(normalize_whitespace(raw.text))
        paragraphs = [line for line in unwrapped if line]
        if joined:
            notes.append(f"{joined} line break(s) inside paragraphs removed (hard-wrapped text)")
        title = normalize_whitespace(raw.title)
        title = " ".join(t for t in title if t)
        notes.insert(0, "title: column 'title'; text taken as clean (whitespace normalised only)")
        text_date, text_outlet, text_author = "", "", ""
        text_date_ambiguous = False
    else:
        article = parse_article(raw.text, patterns)
        paragraphs, title = article.paragraphs, article.title
        text_date, text_outlet, text_author = article.published, article.outlet, article.author
        text_date_ambiguous = article.published_ambiguous
        notes[:0] = article.notes
    text = "\n\n".join(paragraphs)
    if not text:
        return _Skip(raw.source_path, "no body text (empty, or only a headline and page furniture)")
    if not keep_non_english:
        reason = non_english_reason(f"{title}\n\n{text}")
        if reason:
            return _Skip(raw.source_path, reason)

    published, date_source = "", "missing"
    column_date = _iso_or_none(raw.published) if raw.published else None
    column_ambiguous = unreadable = False
    if raw.published and column_date is None:
        parsed = _match_date(raw.published, patterns)
        column_date = parsed.iso if parsed else None
        if column_date is None:
            unreadable = True
            notes.append(f"column {raw.published_field!r} value {raw.published!r} is not a date; ignored")
        elif parsed is not None and parsed.ambiguous:
            column_ambiguous = True
            notes.append(f"column {raw.published_field!r} value {raw.published!r} is ambiguous (day and month "
                         f"both 12 or less), read {patterns.date_order} as {column_date}")
    # Flags on the date actually used, so the report can count them without parsing notes.
    date_flags = []
    if (text_date and text_date_ambiguous) or (not text_date and column_date and column_ambiguous):
        date_flags.append(DATE_AMBIGUOUS)
    if unreadable:
        date_flags.append(DATE_UNREADABLE)
    if text_date:
        published, date_source = text_date, "text"
        for label, other in (("column", column_date), ("metadata", meta.get("published"))):
            if other and other != text_date:
                notes.append(f"{label} date {other} differs; the date stated in the text wins")
    elif column_date:
        published, date_source = column_date, "metadata"
        # date_source stays "metadata" (a date given beside the text, not stated in it);
        # the report and the plots count on these three values.
        notes.append(f"published: column {raw.published_field!r} (given with the text, not stated in it)")
    elif meta.get("published"):
        published, date_source = meta["published"], "metadata"
        notes.append(f"published: {metadata_name}")
    else:
        notes.append("published: missing (no date line in the text, no metadata)")

    fields = {}
    for name, from_text, from_column in (("outlet", text_outlet, raw.outlet), ("author", text_author, raw.author)):
        if from_text:
            value = from_text
        elif from_column:
            value = from_column
            notes.append(f"{name}: column {name!r}")
        elif meta.get(name):
            value = meta[name]
            notes.append(f"{name}: {metadata_name}")
        else:
            value = ""
            if not any(n.startswith(f"{name}:") for n in notes):
                notes.append(f"{name}: missing")
        fields[name] = value
    if meta.get("url"):
        notes.append(f"url: {meta['url']}")
    if meta.get("notes"):
        notes.append(f"metadata notes: {meta['notes']}")
    notes.extend(meta_notes)
    return {
        "doc_id": raw.doc_id,
        "title": title,
        "published": published,
        "date_source": date_source,
        "date_note": "; ".join(date_flags),
        "outlet": fields["outlet"],
        "author": fields["author"],
        "text": text,
        "n_words": _count_words(text),
        "source_path": raw.source_path,
        "notes": "; ".join(notes),
        "duplicate_of": "",
    }


def _documents_frame(records: list[dict[str, Any]], skipped: list[_Skip]) -> pd.DataFrame:
    frame = pd.DataFrame({c: [r[c] for r in records] for c in DOCUMENT_COLUMNS})
    frame["n_words"] = frame["n_words"].astype("int64")
    frame.attrs["skipped"] = _skipped_frame(skipped)
    return frame


def _skipped_frame(skipped: list[_Skip]) -> pd.DataFrame:
    return pd.DataFrame({"source_path": [s.source_path for s in skipped],
                         "reason": [s.reason for s in skipped]}, columns=list(SKIPPED_COLUMNS))


@dataclass
class _MetadataIndex:
    """Curated metadata as the loader uses it: rows by key, and what could not be applied."""

    name: str = ""  # how notes name the source ("metadata.csv", "metadata table")
    where: str = ""  # how warnings name it (the full path)
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    #: key -> notes for rows left out (bad cell, repeated doc_id), cited on the matching document
    problems: dict[str, list[str]] = field(default_factory=dict)
    #: file stem -> relative paths of the several files sharing it (folder corpora)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # keys that met a document

    def lookup(self, raw: _RawDoc, seen_ids: dict[str, int]) -> tuple[dict[str, str], list[str]]:
        """The row for ``raw`` and the notes explaining a row not applied.

        A relative path (``a/story`` or ``a/story.txt``) wins over the doc_id;
        a doc_id that names several files of a folder, or a document whose
        doc_id an earlier document already took, gets no row.
        """
        notes: list[str] = []
        path_keys = [raw.rel_path] if raw.rel_path else []
        if raw.rel_path.lower().endswith(".txt"):
            path_keys.append(raw.rel_path[:-4])
        path_keys = [key for key in path_keys if key != raw.doc_id]  # a top-level file: its stem is its doc_id
        keys = [*path_keys, raw.doc_id]
        for key in keys:
            notes.extend(self.problems.get(key, ()))
            if key in self.problems:
                self.used.add(key)
        for key in path_keys:
            if key in self.rows:
                self.used.add(key)
                return self.rows[key], [*notes, f"metadata: {self.name} row {key!r} (relative path)"]
        doc_id = raw.doc_id
        if doc_id not in self.rows:
            return {}, notes
        self.used.add(doc_id)
        if doc_id in self.ambiguous:
            paths = self.ambiguous[doc_id]
            notes.append(f"metadata: {self.name} row {doc_id!r} not applied: it matches {len(paths)} files "
                         f"({', '.join(paths)}); give the relative path as doc_id to choose one")
            return {}, notes
        if doc_id in seen_ids:
            notes.append(f"metadata: {self.name} row {doc_id!r} not applied: an earlier document "
                         "with this doc_id took it")
            _warn(f"{raw.source_path}: doc_id {doc_id!r} repeats an earlier document's; {self.where} row "
                  f"{doc_id!r} was applied to the first one only. Give the documents distinct ids.")
            return {}, notes
        return self.rows[doc_id], notes


def _resolve_metadata(path: Path, metadata: MetadataArg) -> _MetadataIndex:
    if metadata is None:
        folder = path if path.is_dir() else path.parent
        candidate = folder / METADATA_FILENAME
        if path.suffix.lower() in TABULAR_SUFFIXES or not candidate.is_file():
            return _MetadataIndex()
        try:
            # A bad row costs that row only (warned, and noted on its document), not the file.
            table = load_metadata(candidate, errors="report")
        except CorpusError as exc:
            _warn(f"{exc} The metadata file beside the corpus is ignored; pass metadata= to use it.")
            return _MetadataIndex()
        index = _MetadataIndex(name=candidate.name, where=str(candidate))
        for line, doc_id, problem in table.attrs["problems"].itertuples(index=False):
            _warn(f"{candidate}, {line}: {problem}; the row is not applied (the other rows are). Fix the row.")
            if doc_id:
                index.problems.setdefault(doc_id, []).append(f"{index.name} {line}: {problem}; row not applied")
    else:
        table = load_metadata(metadata)
        name = "metadata table" if isinstance(metadata, pd.DataFrame) else Path(metadata).name
        index = _MetadataIndex(name=name, where=name if isinstance(metadata, pd.DataFrame) else str(metadata))
    index.rows = {r["doc_id"]: r for r in table.to_dict("records")}
    if path.is_dir() and index.rows:
        # One pass over the file names (not the texts): a row whose doc_id is the
        # stem of several files cannot say which one it describes.
        by_stem: dict[str, list[str]] = {}
        for file_path in _walk_folder(path):
            if _is_txt(file_path) and file_path.stem in index.rows:
                by_stem.setdefault(file_path.stem, []).append(file_path.relative_to(path).as_posix())
        index.ambiguous = {stem: paths for stem, paths in by_stem.items() if len(paths) > 1}
        for stem, paths in sorted(index.ambiguous.items()):
            _warn(f"{index.where}: row {stem!r} matches {len(paths)} files ({', '.join(paths)}) and is applied "
                  f"to none; use the relative path (e.g. {paths[0][:-4]!r}) as doc_id to choose one.")
    return index


def checked_date_order(value: Any) -> str:
    """``value`` if it is a date order the loader knows (:data:`config.DATE_ORDERS`).

    The one check of the ``date_order`` option, wherever it is given: :func:`iter_corpus`
    (and so the pipeline) and the report's parameters.

    Raises:
        CorpusError: Naming the allowed values, what each does and how to pass one.

    Example:
        >>> checked_date_order("month-first")
        'month-first'
    """
    if value not in config.DATE_ORDERS:
        day_first, month_first = config.DATE_ORDERS
        raise CorpusError(
            f"date_order must be {day_first!r} or {month_first!r}, not {value!r}. It says how a numeric date "
            f"that reads both ways (04/05/2021) is read: {day_first} (the default) as 4 May, {month_first} "
            f"(US style) as 5 April. Pass one of the two (-p date_order={month_first} to analysis report, "
            f"date_order={month_first!r} in Python) or leave the option out.")
    return value


def iter_corpus(path: PathLike, chunk_size: int = 1000, metadata: MetadataArg = None,
                furniture: PathLike | None = None, keep_non_english: bool = False,
                date_order: str = config.DEFAULT_DATE_ORDER) -> Iterator[pd.DataFrame]:
    """Stream a corpus as documents tables of at most ``chunk_size`` rows.

    Nothing holds the whole corpus: folder files are listed and read one at a
    time, CSV is read with ``chunksize``, JSONL line by line, Parquet by record
    batches. Each chunk's ``attrs["skipped"]`` lists the documents skipped since
    the previous chunk (skips after the last document go on the last chunk).

    Args:
        path: A folder of ``.txt`` files, or a ``.txt``/``.csv``/``.jsonl``/
            ``.parquet`` file.
        chunk_size: Maximum rows per chunk (>= 1).
        metadata: Curated metadata (CSV path or DataFrame, see
            :func:`load_metadata`); ``None`` uses ``metadata.csv`` beside the
            ``.txt`` files when there is one.
        furniture: A furniture-pattern YAML file; ``None`` uses the packaged one.
        keep_non_english: Keep documents that are clearly not English
            (:func:`non_english_reason`); by default they are skipped, with the
            reason, because every lexicon and model here reads English.
        date_order: ``"day-first"`` (the default: ``08/04/2016`` is 8 April) or
            ``"month-first"`` (US style: 4 August, and ``03/25/2024`` reads)
            for numeric dates written day/month/year or month/day/year, in the
            text and in a ``published``/``date`` column. A date that reads both
            ways is flagged ``ambiguous`` in ``date_note`` either way.

    Returns:
        An iterator of documents tables (columns :data:`DOCUMENT_COLUMNS`).

    Raises:
        CorpusError: Missing path, unsupported file type, bad ``chunk_size``,
            tabular file without a ``text`` column, malformed CSV/Parquet, or no
            usable document at all (raised when iteration ends).

    Example:
        >>> [len(chunk) for chunk in iter_corpus(config.SEEDS_DIR, chunk_size=2)]
        [2, 2, 1]
    """
    source = Path(path)
    if not source.exists():
        raise CorpusError(f"{source}: corpus path does not exist; pass a folder of .txt files or a "
                          ".txt/.csv/.jsonl/.parquet file.")
    if source.is_file() and source.suffix.lower() not in (".txt", *TABULAR_SUFFIXES):
        raise CorpusError(f"{source}: unsupported file type {source.suffix!r}; use a folder of .txt files "
                          "or a .txt/.csv/.jsonl/.parquet file.")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise CorpusError(f"chunk_size must be a positive integer, got {chunk_size!r}.")
    checked_date_order(date_order)
    patterns = load_furniture_patterns(furniture)
    if date_order != patterns.date_order:
        patterns = dataclasses.replace(patterns, date_order=date_order)  # the cached patterns stay as they are
    meta_index = _resolve_metadata(source, metadata)
    # Loading one file of a folder uses only its own metadata row: no warning
    # about the others.
    warn_unmatched = metadata is not None or source.is_dir()
    return _generate_chunks(source, chunk_size, patterns, meta_index, warn_unmatched, keep_non_english)


def _generate_chunks(source: Path, chunk_size: int, patterns: FurniturePatterns,
                     meta_index: _MetadataIndex, warn_unmatched: bool,
                     keep_non_english: bool = False) -> Iterator[pd.DataFrame]:
    seen_ids: dict[str, int] = {}
    first_by_text: dict[str, str] = {}
    records: list[dict[str, Any]] = []
    skipped: list[_Skip] = []
    pending: pd.DataFrame | None = None  # held back so trailing skips can join the last chunk
    n_documents = 0
    all_skips: list[_Skip] = []

    for item in _iter_sources(source, chunk_size):
        if isinstance(item, _RawDoc):
            meta, meta_notes = meta_index.lookup(item, seen_ids)
            built = _build_document(item, patterns, meta, meta_index.name, meta_notes, keep_non_english)
        else:
            built = item
        if isinstance(built, _Skip):
            if "malformed JSON" not in built.reason:  # already warned with its line number
                _warn(f"{built.source_path}: skipped ({built.reason}).")
            skipped.append(built)
            all_skips.append(built)
            continue
        doc_id = built["doc_id"]
        if doc_id in seen_ids:
            seen_ids[doc_id] += 1
            new_id = f"{doc_id}__{seen_ids[doc_id]}"
            while new_id in seen_ids:
                seen_ids[doc_id] += 1
                new_id = f"{doc_id}__{seen_ids[doc_id]}"
            _warn(f"{built['source_path']}: doc_id {doc_id!r} already used; renamed to {new_id!r}.")
            built["notes"] += f"; doc_id: {doc_id!r} was already used, renamed"
            built["doc_id"] = doc_id = new_id
        seen_ids.setdefault(doc_id, 1)
        key = _dedupe_key(built["text"])
        if key in first_by_text:
            built["duplicate_of"] = first_by_text[key]
            built["notes"] += f"; duplicate: same normalised text as {first_by_text[key]}"
        else:
            first_by_text[key] = doc_id
        records.append(built)
        n_documents += 1
        if len(records) == chunk_size:
            if pending is not None:
                yield pending
            pending = _documents_frame(records, skipped)
            records, skipped = [], []

    if records:
        if pending is not None:
            yield pending
        pending = _documents_frame(records, skipped)
        skipped = []
    if n_documents == 0:
        reasons = "; ".join(f"{s.source_path}: {s.reason}" for s in all_skips[:5])
        more = f" (and {len(all_skips) - 5} more)" if len(all_skips) > 5 else ""
        raise CorpusError(f"{source}: no usable documents. {reasons or 'No .txt files found.'}{more}")
    unmatched = sorted(set(meta_index.rows) - meta_index.used) if warn_unmatched else []
    if unmatched:
        # A typo in a doc_id would otherwise lose its curated date silently.
        _warn(f"{meta_index.name}: {len(unmatched)} doc_id(s) match no document, e.g. {unmatched[:5]}; "
              "check the spelling (doc_id = file stem or id column).")
    assert pending is not None
    if skipped:
        pending.attrs["skipped"] = pd.concat([pending.attrs["skipped"], _skipped_frame(skipped)],
                                             ignore_index=True)
    yield pending


def load_corpus(path: PathLike, metadata: MetadataArg = None,
                furniture: PathLike | None = None, keep_non_english: bool = False,
                date_order: str = config.DEFAULT_DATE_ORDER) -> pd.DataFrame:
    """Load a whole corpus into one documents table (concatenated :func:`iter_corpus` chunks).

    Args:
        path: A folder of ``.txt`` files, or a ``.txt``/``.csv``/``.jsonl``/
            ``.parquet`` file.
        metadata: Curated metadata (CSV path or DataFrame); ``None`` uses
            ``metadata.csv`` beside the ``.txt`` files when there is one.
        furniture: A furniture-pattern YAML file; ``None`` uses the packaged one.
        keep_non_english: Keep documents that are clearly not English (see
            :func:`iter_corpus`).
        date_order: ``"day-first"`` or ``"month-first"`` for numeric dates (see :func:`iter_corpus`).

    Returns:
        The documents table, columns :data:`DOCUMENT_COLUMNS`; skipped documents
        in ``attrs["skipped"]`` (``source_path``, ``reason``).

    Raises:
        CorpusError: See :func:`iter_corpus`.

    Example:
        >>> docs = load_corpus(config.SEEDS_DIR)
        >>> docs.loc[2, ["title", "outlet"]].tolist()
        ['Expert: Moscow and Baku’s positions on ISIL ‘very close’', 'Oxu.Az']
        >>> len(docs.attrs["skipped"])
        0
    """
    frames, skipped = [], []
    for chunk in iter_corpus(path, metadata=metadata, furniture=furniture, keep_non_english=keep_non_english,
                             date_order=date_order):
        skipped.append(chunk.attrs.get("skipped", _skipped_frame([])))
        chunk.attrs = {}  # pandas cannot concat frames whose attrs hold DataFrames
        frames.append(chunk)
    documents = pd.concat(frames, ignore_index=True)
    documents.attrs = {"skipped": pd.concat(skipped, ignore_index=True) if skipped else _skipped_frame([])}
    return documents
