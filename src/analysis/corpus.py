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

Curated metadata (``metadata.csv`` beside the ``.txt`` files, or the
``metadata`` argument) fills what the text does not state; a date stated in the
text always wins (``date_source`` ``text``).

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
import datetime as dt
import functools
import hashlib
import json
import logging
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Union

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
    "FALLBACK_ENCODINGS",
]

logger = logging.getLogger(__name__)

#: Columns of the documents table, in order (docs/ARCHITECTURE.md).
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id", "title", "published", "date_source", "outlet", "author", "text",
    "n_words", "source_path", "notes", "duplicate_of",
)
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


def _unwrap_numbered(lines: list[str]) -> tuple[list[tuple[int, str]], int]:
    """:func:`unwrap_lines` keeping, for each line, the 1-based number of its first raw line."""
    inner = [line for line, following in zip(lines, lines[1:]) if line and following]
    width = max((len(line) for line in inner), default=0)
    wrapped = (
        len(inner) >= 3 and width <= 200
        and sum(not _LINE_END_RE.search(line) for line in inner) > len(inner) / 2
    )
    out: list[tuple[int, str]] = []
    joined = 0
    previous = ""  # the raw line before this one ("" after a blank line)
    for number, line in enumerate(lines, start=1):
        if line and previous and (
            (not _LINE_END_RE.search(previous) and line[0].islower() and not _BYLINE_START_RE.match(line))
            or (wrapped and len(previous) >= 0.6 * width)
        ):
            out[-1] = (out[-1][0], out[-1][1] + " " + line)
            joined += 1
        else:
            out.append((number, line))
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
        paragraphs: Clean body paragraphs in order (title not included).
        notes: Provenance of each field and of every removed line.
    """

    title: str = ""
    published: str = ""
    outlet: str = ""
    author: str = ""
    paragraphs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _parse_date(line: str, patterns: FurniturePatterns) -> tuple[str, str] | None:
    """``(iso_date, pattern_name)`` when the whole line is a valid date line."""
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
            return dt.date(year, month, day).isoformat(), name
        except ValueError:  # 31.02.2017 and the like: not a date, keep looking
            continue
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


def _quote(line: str, limit: int = 60) -> str:
    return repr(line if len(line) <= limit else line[: limit - 3] + "...")


def parse_article(raw_text: str, patterns: FurniturePatterns | None = None) -> ParsedArticle:
    """Split a raw scraped page into headline, date, outlet, author and clean body.

    Zones (over the non-empty lines): the *header* runs up to the first real
    paragraph (four or more words ending a sentence) after the headline; the
    *tail* is everything after the last real paragraph. Header: the headline
    (first line that is not furniture/date/byline), its repeats, date lines,
    ``Author:`` lines; other header lines (a standfirst) stay in the body.
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
    numbered, joined = _unwrap_numbered(normalize_whitespace(raw_text))
    lines = [(n, text) for n, text in numbered if text]
    art = ParsedArticle()
    if joined:
        art.notes.append(f"{joined} line break(s) inside paragraphs removed (hard-wrapped text)")

    furniture_any = patterns.furniture_any or _alternation(patterns.furniture)
    clock_any = patterns.clock_any or _alternation(patterns.clock_lines)

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

    dates_after_title: list[tuple[int, str, str]] = []
    dates_before_title: list[tuple[int, str, str]] = []
    tail_dates: list[tuple[int, str, str]] = []
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

    for i, (lineno, text) in enumerate(lines):
        k = kinds[i]
        if i == title_idx:
            continue
        if i < first_para:  # header
            if k == "other" and title_key and text.casefold() == title_key:
                repeats.append(lineno)
            elif k == "date":
                iso, name = _parse_date(text, patterns)  # type: ignore[misc]
                target = dates_before_title if title_idx is not None and i < title_idx else dates_after_title
                target.append((lineno, iso, text))
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
                iso, _ = _parse_date(text, patterns)  # type: ignore[misc]
                tail_dates.append((lineno, iso, text))
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
    candidates = dates_after_title + tail_dates + [d for d in dates_before_title if d[0] not in clock_after]
    if candidates:
        lineno, art.published, text = candidates[0]
        art.notes.append(f"published: text line {lineno} ({_quote(text)})")
        for other_line, other_iso, other_text in candidates[1:]:
            if other_iso != art.published:
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
    if removed:
        art.notes.append("furniture removed: line " + ", ".join(map(str, sorted(removed))))
    art.paragraphs = [text for _, text in body]
    return art


# --------------------------------------------------------------------------- metadata
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


def load_metadata(metadata: PathLike | pd.DataFrame) -> pd.DataFrame:
    """Load curated per-document metadata (``seeds/metadata.csv`` format).

    Args:
        metadata: A CSV file or a DataFrame with a ``doc_id`` column and any of
            ``published`` (``YYYY-MM-DD`` or empty), ``outlet``, ``author``,
            ``url``, ``notes``.

    Returns:
        A table with exactly :data:`METADATA_COLUMNS`, all strings, one row per
        ``doc_id``, sorted by ``doc_id``.

    Raises:
        CorpusError: If the file is missing or unreadable, has no ``doc_id``
            column, repeats a ``doc_id`` or holds a non-ISO date; the message
            names the file and line.

    Example:
        >>> meta = load_metadata(config.SEEDS_METADATA_PATH)
        >>> meta.set_index("doc_id").loc["000_1226ae9bc1f03672", "published"]
        '2018-04-06'
    """
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
    lines = pd.Series(range(2, len(out) + 2), index=out.index)  # header is line 1
    empty_rows = table.apply(lambda column: column.astype(str).str.strip().eq("")).all(axis=1).to_numpy()
    out, lines = out[~empty_rows].reset_index(drop=True), lines[~empty_rows]
    for line, doc_id, published in zip(lines, out["doc_id"], out["published"]):
        if not doc_id:
            raise CorpusError(f"{where}, line {line}: empty doc_id; fill it or delete the row.")
        if published and _iso_or_none(published) is None:
            raise CorpusError(
                f"{where}, line {line}: published {published!r} is not an ISO date YYYY-MM-DD; "
                "fix the cell or leave it empty."
            )
    out["published"] = [(_iso_or_none(p) or "") if p else "" for p in out["published"]]
    duplicated = out["doc_id"][out["doc_id"].duplicated()]
    if len(duplicated):
        raise CorpusError(f"{where}: doc_id {duplicated.iloc[0]!r} appears more than once; keep one row per document.")
    return out.sort_values("doc_id", kind="mergesort").reset_index(drop=True)


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


@dataclass
class _Skip:
    source_path: str
    reason: str


def _warn(message: str) -> None:
    warnings.warn(message, CorpusWarning, stacklevel=3)


#: Encodings tried in order after UTF-8 fails; latin-1 decodes any byte string.
FALLBACK_ENCODINGS: tuple[str, ...] = ("cp1251", "latin-1")


def _scan_encoding(path: Path) -> tuple[str | None, str]:
    """Stream a file once: ``(encoding, "")`` or ``(None, reason)`` when binary/empty.

    UTF-8 (with or without BOM) first, then each of :data:`FALLBACK_ENCODINGS`;
    incremental decoders keep memory flat for large CSV/JSONL files.
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
    for name in candidates:
        if name in decoders:
            try:
                decoders[name].decode(b"", final=True)
                return name, ""
            except UnicodeDecodeError:
                continue
    return "latin-1", ""  # pragma: no cover - latin-1 never fails


def _warn_fallback(path: Path, encoding: str) -> None:
    if encoding in FALLBACK_ENCODINGS:
        _warn(f"{path}: not valid UTF-8; decoded as {encoding}. "
              "Check its characters or re-save it as UTF-8.")


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
        _warn_fallback(path, encoding)
        notes.append(f"encoding: {encoding} (file is not valid UTF-8)")
    elif encoding == "utf-16":
        notes.append("encoding: utf-16 (BOM)")
    return _RawDoc(doc_id=doc_id, source_path=str(path), text=text, notes=notes)


def _iter_txt_folder(root: Path) -> Iterator[_RawDoc | _Skip]:
    ignored = 0
    for dirpath, dirnames, filenames in os.walk(root):
        # Sorting in place makes os.walk descend in sorted order: deterministic
        # and lazy (one folder listing at a time).
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if not name.lower().endswith(".txt"):
                ignored += 1
                continue
            file_path = Path(dirpath) / name
            yield _read_txt(file_path, file_path.stem)
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
    _warn_fallback(path, encoding)
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
    _warn_fallback(path, encoding)
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
        yield _read_txt(path, path.stem)
    elif suffix == ".csv":
        yield from _iter_csv(path, chunk_size)
    elif suffix == ".jsonl":
        yield from _iter_jsonl(path)
    elif suffix == ".parquet":
        yield from _iter_parquet(path, chunk_size)


# --------------------------------------------------------------------------- building documents
def _build_document(raw: _RawDoc, patterns: FurniturePatterns,
                    metadata: dict[str, dict[str, str]], metadata_name: str) -> dict[str, Any] | _Skip:
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
    else:
        article = parse_article(raw.text, patterns)
        paragraphs, title = article.paragraphs, article.title
        text_date, text_outlet, text_author = article.published, article.outlet, article.author
        notes[:0] = article.notes
    text = "\n\n".join(paragraphs)
    if not text:
        return _Skip(raw.source_path, "no body text (empty, or only a headline and page furniture)")

    meta = metadata.get(raw.doc_id, {})
    published, date_source = "", "missing"
    column_date = _iso_or_none(raw.published) if raw.published else None
    if raw.published and column_date is None:
        parsed = _parse_date(raw.published, patterns)
        column_date = parsed[0] if parsed else None
        if column_date is None:
            notes.append(f"column {raw.published_field!r} value {raw.published!r} is not a date; ignored")
    if text_date:
        published, date_source = text_date, "text"
        for label, other in (("column", column_date), ("metadata", meta.get("published"))):
            if other and other != text_date:
                notes.append(f"{label} date {other} differs; the date stated in the text wins")
    elif column_date:
        published, date_source = column_date, "metadata"
        notes.append(f"published: column {raw.published_field!r}")
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
    return {
        "doc_id": raw.doc_id,
        "title": title,
        "published": published,
        "date_source": date_source,
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


def _resolve_metadata(path: Path, metadata: MetadataArg) -> tuple[dict[str, dict[str, str]], str]:
    if metadata is None:
        folder = path if path.is_dir() else path.parent
        candidate = folder / METADATA_FILENAME
        if path.suffix.lower() in TABULAR_SUFFIXES or not candidate.is_file():
            return {}, ""
        try:
            table = load_metadata(candidate)
        except CorpusError as exc:
            _warn(f"{exc} The metadata file beside the corpus is ignored; pass metadata= to use it.")
            return {}, ""
        name = candidate.name
    else:
        table = load_metadata(metadata)
        name = "metadata table" if isinstance(metadata, pd.DataFrame) else Path(metadata).name
    rows = {r["doc_id"]: r for r in table.to_dict("records")}
    return rows, name


def iter_corpus(path: PathLike, chunk_size: int = 1000, metadata: MetadataArg = None,
                furniture: PathLike | None = None) -> Iterator[pd.DataFrame]:
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
    patterns = load_furniture_patterns(furniture)
    meta_rows, meta_name = _resolve_metadata(source, metadata)
    # Loading one file of a folder uses only its own metadata row: no warning
    # about the others.
    warn_unmatched = metadata is not None or source.is_dir()
    return _generate_chunks(source, chunk_size, patterns, meta_rows, meta_name, warn_unmatched)


def _generate_chunks(source: Path, chunk_size: int, patterns: FurniturePatterns,
                     meta_rows: dict[str, dict[str, str]], meta_name: str,
                     warn_unmatched: bool) -> Iterator[pd.DataFrame]:
    seen_ids: dict[str, int] = {}
    first_by_text: dict[str, str] = {}
    records: list[dict[str, Any]] = []
    skipped: list[_Skip] = []
    pending: pd.DataFrame | None = None  # held back so trailing skips can join the last chunk
    n_documents = 0
    all_skips: list[_Skip] = []

    for item in _iter_sources(source, chunk_size):
        if isinstance(item, _RawDoc):
            built = _build_document(item, patterns, meta_rows, meta_name)
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
    unmatched = sorted(set(meta_rows) - set(seen_ids)) if warn_unmatched else []
    if unmatched:
        # A typo in a doc_id would otherwise lose its curated date silently.
        _warn(f"{meta_name}: {len(unmatched)} doc_id(s) match no document, e.g. {unmatched[:5]}; "
              "check the spelling (doc_id = file stem or id column).")
    assert pending is not None
    if skipped:
        pending.attrs["skipped"] = pd.concat([pending.attrs["skipped"], _skipped_frame(skipped)],
                                             ignore_index=True)
    yield pending


def load_corpus(path: PathLike, metadata: MetadataArg = None,
                furniture: PathLike | None = None) -> pd.DataFrame:
    """Load a whole corpus into one documents table (concatenated :func:`iter_corpus` chunks).

    Args:
        path: A folder of ``.txt`` files, or a ``.txt``/``.csv``/``.jsonl``/
            ``.parquet`` file.
        metadata: Curated metadata (CSV path or DataFrame); ``None`` uses
            ``metadata.csv`` beside the ``.txt`` files when there is one.
        furniture: A furniture-pattern YAML file; ``None`` uses the packaged one.

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
    for chunk in iter_corpus(path, metadata=metadata, furniture=furniture):
        skipped.append(chunk.attrs.get("skipped", _skipped_frame([])))
        chunk.attrs = {}  # pandas cannot concat frames whose attrs hold DataFrames
        frames.append(chunk)
    documents = pd.concat(frames, ignore_index=True)
    documents.attrs = {"skipped": pd.concat(skipped, ignore_index=True) if skipped else _skipped_frame([])}
    return documents
