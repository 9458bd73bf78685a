"""Paragraphs, quotation spans and sentences with offsets into the document text.

Every sentence keeps ``start``/``end`` offsets into ``documents.text`` so a label
can always be traced back to the exact evidence (``text == doc_text[start:end]``).

The default splitter is a precompiled-regex splitter with an abbreviation list:
it is fast (the splitter is the first cost of the scoring stage) and handles the
patterns of news about the South Caucasus: initials (``I. Aliyev``,
``H.Mammadov``), ``U.S.``, ``e.g.``, ``Dr.``, ``No. 5``, numbers and quotations.
pysbd is available as ``splitter="pysbd"`` for comparison; it is much slower.

Quotations (``"..."``, ``“...”``, ``«...»``, ``‘...’``) are split into their
sentences too, by both splitters; each sentence holding words of a quotation of
several sentences, and each sentence that is mostly one quotation, carries the
quotation's ``quote_id`` (``"{doc_id}:q{j:03d}"``, ``j`` = index of the span in
:func:`find_quote_spans`; rule in :func:`split_sentences`).

Example:
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ['U.S. envoy J. Smith came. '
    ...     '"We talk. We agree," he said.\\n\\nIt ended.']})
    >>> split_sentences(docs)[["sentence_id", "paragraph_id", "text", "quote_id"]].values.tolist()
    [['d:0000', 0, 'U.S. envoy J. Smith came.', ''], ['d:0001', 0, '"We talk.', 'd:q000'], \
['d:0002', 0, 'We agree," he said.', 'd:q000'], ['d:0003', 1, 'It ended.', '']]
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterable, NamedTuple

import pandas as pd

__all__ = [
    "SENTENCE_COLUMNS",
    "ABBREVIATIONS",
    "NUMBER_ABBREVIATIONS",
    "AMBIGUOUS_ABBREVIATIONS",
    "QuoteSpan",
    "split_paragraphs",
    "scan_quotes",
    "find_quote_spans",
    "sentence_spans",
    "split_sentences",
]

#: Column contract of the sentences table (docs/ARCHITECTURE.md).
SENTENCE_COLUMNS: list[str] = [
    "doc_id", "paragraph_id", "sentence_id", "start", "end", "text", "quote_id",
]

#: Abbreviations (lower case, without the final period) after which a sentence
#: never ends: titles before a name (``Gen. Shoigu``, ``St. Petersburg``) and
#: ``e.g.``/``i.e.``/``cf.``/``vs.``.
ABBREVIATIONS: frozenset[str] = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cmdr adm sen rep gov pres amb
    st mt sec vs e.g i.e cf""".split()
)
#: Abbreviations that stand before a number (``No. 5``, ``Art. 9``, ``Jan. 20``,
#: ``est. 1990``): they end no sentence before a digit only. Most are also words
#: or codes that close sentences (``The answer is no. He left.``, ``modern art.``,
#: ``Los Angeles, CA.``, ``I met Jan. He ...``).
NUMBER_ABBREVIATIONS: frozenset[str] = frozenset(
    """no nos vol fig art approx ca est
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
#: Abbreviations that may also end a sentence (``... in the U.S. The ...``):
#: a boundary is accepted after them only when a typical sentence opener follows.
AMBIGUOUS_ABBREVIATIONS: frozenset[str] = frozenset("etc inc ltd co corp jr sr bros dept".split())

#: Words that typically open an English sentence; used after ambiguous abbreviations.
_SENTENCE_OPENERS: frozenset[str] = frozenset(
    """the this that these those it its he she they we i you there here in on at
    but and however a an as for if when while so meanwhile moreover thus what why
    how who his her their our after before since although yet some many all no
    according nevertheless furthermore also then""".split()
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets,
# then whitespace. Decided in `_is_boundary` by what precedes and follows.
# A colon that introduces a quotation (``said that ...: "The ...``) also ends a
# sentence, so the quotation's sentences carry only quoted words.
_BOUNDARY_RE = re.compile(
    r"[.!?\u2026]+[\"'\u201d\u2019\u00bb\u203a)\]]*(?=\s)|:(?=\s*[\"\u201c\u00ab][A-Z])"
)
_TOKEN_BEFORE_RE = re.compile(r"(\S+)\.$")
# The word before a period ends at a dash: "accept it\u2014Mr. Smith" is about "Mr.".
_DASHES_RE = re.compile("[-\u2010-\u2015]")
_WORD_CHAR_RE = re.compile(r"\w")
_DOTTED_RE = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_NEXT_WORD_RE = re.compile(r"[A-Za-z]+")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_QUOTE_CHAR_RE = re.compile("[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u2039\u203a]")
_OPENING_QUOTES = "\"'\u201c\u2018\u00ab\u2039"
_CLOSING_QUOTES = "\"'\u201d\u2019\u00bb\u203a"
_SINGLE = "'\u2018\u2019\u2039\u203a"
# Marks that open or close by their shape, whatever their context: these can
# nest (a quotation inside a quotation of the same marks), straight " cannot.
_DOUBLE_OPENERS = "\u201c\u00ab"
_DOUBLE_CLOSERS = "\u201d\u00bb"
# Characters after which a quote mark opens a quotation (besides whitespace).
_OPEN_CONTEXT = "([{:;-\u2013\u2014/\"\u201c\u2018\u00ab\u2039"
# Characters before which a quote mark closes a quotation (besides whitespace).
_CLOSE_CONTEXT = ".,;:!?)]}-\u2013\u2014\u2026\"\u201d'\u2019\u00bb\u203a"


class QuoteSpan(NamedTuple):
    """One quotation found by :func:`scan_quotes`.

    Attributes:
        start: Offset of the opening mark (or of the paragraph start when a
            quotation continues from the previous paragraph).
        end: Offset just after the closing mark (or the paragraph end when the
            quotation is left open).
        depth: 0 for an outer quotation, 1 for one nested inside it.
        mark: ``"double"`` or ``"single"``.
        closed: False when the closing mark is missing (closed at paragraph end).
        continued: True when the span starts at a paragraph start because the
            previous paragraph ended inside an open quotation.
    """

    start: int
    end: int
    depth: int
    mark: str
    closed: bool
    continued: bool


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of the paragraphs of ``text`` (blocks separated by blank lines).

    Offsets exclude surrounding whitespace; empty blocks are skipped.

    Args:
        text: A document text.

    Returns:
        ``(start, end)`` pairs in order, with ``text[start:end]`` the paragraph.

    Example:
        >>> text = "One.\\n\\n  Two.  \\n \\nThree."
        >>> [text[a:b] for a, b in split_paragraphs(text)]
        ['One.', 'Two.', 'Three.']
    """
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _PARAGRAPH_BREAK_RE.finditer(text):
        _append_stripped(text, position, match.start(), spans)
        position = match.end()
    _append_stripped(text, position, len(text), spans)
    return spans


def _append_stripped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``(start, end)`` narrowed to exclude surrounding whitespace, if not empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _classify_quote_mark(text: str, i: int, para_start: int, para_end: int) -> tuple[bool, bool]:
    """Whether the mark at ``text[i]`` can open and/or close a quotation, by its context."""
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + 1] if i + 1 < para_end else " "
    can_open = (prev.isspace() or prev in _OPEN_CONTEXT) and not nxt.isspace()
    can_close = nxt.isspace() or nxt in _CLOSE_CONTEXT
    return can_open, can_close


def scan_quotes(text: str) -> list[QuoteSpan]:
    """Find quotations, nested ones included, with their depth and how they end.

    Rules, paragraph by paragraph (quotations never cross a blank line):

    * Double marks (``"``, ``“``, ``”``, ``«``, ``»``) pair up. ``“`` and ``«``
      open, ``”`` and ``»`` close when a quotation is open; a straight ``"``
      opens or closes by its context (after a space/colon it opens, before a
      space/punctuation it closes). A ``“`` typed as a closer (``win“ he
      said``, an open quotation and a space after it) closes.
    * ``“``/``«`` inside an open double quotation open a nested one (depth 1:
      ``“The so-called “referendum” is void,” he said``) when the paragraph
      still has a ``”``/``»`` for each open quotation and the new one; else
      they are stray marks and ignored, so the outer quotation keeps its
      closing mark. A straight ``"`` never nests: it cannot say which way it
      faces.
    * Single marks (``'``, ``‘``, ``’``, ``‹``, ``›``) quote only when they look
      like quote marks: between two letters ``'``/``’`` are apostrophes
      (``Russia’s``, ``O'Brien``), and a trailing ``'`` (``countries'``) closes
      only an open single quotation. Unclosed single quotations are dropped.
    * A double quotation left open at the paragraph end is closed there. In the
      paragraph after such an unclosed quotation, a quotation that opens at the
      paragraph start (the convention for a quotation running over paragraphs),
      or a closing mark with nothing open, continues it (``continued``).

    Args:
        text: A document text.

    Returns:
        The quotations sorted by start (outer before nested).

    Example:
        >>> text = 'He said: "Russia’s role is ‘key’ for O\\'Brien." Then'
        >>> [(text[s.start:s.end], s.depth) for s in scan_quotes(text)]
        [('"Russia’s role is ‘key’ for O\\'Brien."', 0), ('‘key’', 1)]
        >>> text = '“The so-called “referendum” is void,” he said: «Now.»'
        >>> [(text[s.start:s.end], s.depth) for s in scan_quotes(text)]
        [('“The so-called “referendum” is void,”', 0), ('“referendum”', 1), ('«Now.»', 0)]
    """
    spans: list[QuoteSpan] = []
    previous_unclosed = False
    for para_start, para_end in split_paragraphs(text):
        stack: list[tuple[str, int, bool]] = []  # (mark kind, start, continued)
        seen_open = False
        unclosed_here = False
        for match in _QUOTE_CHAR_RE.finditer(text, para_start, para_end):
            i = match.start()
            char = text[i]
            can_open, can_close = _classify_quote_mark(text, i, para_start, para_end)
            if char in _SINGLE:
                prev = text[i - 1] if i > para_start else " "
                nxt = text[i + 1] if i + 1 < para_end else " "
                if char in "'\u2019\u2018" and prev.isalnum() and nxt.isalnum():
                    continue  # apostrophe: Russia’s, O'Brien, don't, and a mistyped Azerbaijan‘s
                if char == "\u2018":
                    can_open, can_close = not nxt.isspace(), False
                elif char == "\u2039":
                    can_open, can_close = True, False  # ‹ only opens (‹ so-called › too)
                elif char == "\u203a":
                    can_open, can_close = False, True
                single_open = bool(stack) and stack[-1][0] == "single"
                if single_open and can_close:
                    _, start, _ = stack.pop()
                    spans.append(QuoteSpan(start, i + 1, len(stack), "single", True, False))
                elif can_open and not can_close:
                    stack.append(("single", i, False))
                continue
            n_open = sum(kind == "double" for kind, _, _ in stack)
            double_open = n_open > 0
            if char in _DOUBLE_OPENERS:
                closes = double_open and can_close
                if double_open and not closes and _count_closers(text, i + 1, para_end) <= n_open:
                    continue  # a nested opener no closing mark is left for: a stray mark
                opens = not closes
            elif char in _DOUBLE_CLOSERS:
                closes, opens = double_open, not double_open and can_open
            else:  # straight ": its context decides
                closes, opens = double_open and (can_close or not can_open), not double_open and can_open
            if closes:
                # Close the innermost double quotation; single ones left open inside it are dropped.
                while stack and stack[-1][0] != "double":
                    stack.pop()
                _, start, continued = stack.pop()
                spans.append(QuoteSpan(start, i + 1, len(stack), "double", True, continued))
            elif double_open and opens:
                stack.append(("double", i, False))  # nested: “The so-called “referendum” is ...”
            elif opens:
                # Reopened at the paragraph start after a paragraph left open: the usual way
                # to run one quotation over several paragraphs.
                reopened = previous_unclosed and not seen_open and not text[para_start:i].strip()
                stack.append(("double", i, reopened))
                seen_open = True
            elif not double_open and can_close and not seen_open and previous_unclosed:
                # Continuation of a quotation left open at the previous paragraph end.
                spans.append(QuoteSpan(para_start, i + 1, 0, "double", True, True))
                seen_open = True
        depth = 0
        for kind, start, continued in stack:
            if kind == "double":
                spans.append(QuoteSpan(start, para_end, depth, "double", False, continued))
                depth += 1
                unclosed_here = True
        previous_unclosed = unclosed_here
    spans.sort(key=lambda s: (s.start, -s.end, s.depth))
    return spans


def _count_closers(text: str, start: int, end: int) -> int:
    """Number of shaped closing double marks (``”``, ``»``) in ``text[start:end]``."""
    return sum(text.count(mark, start, end) for mark in _DOUBLE_CLOSERS)


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of all quotations in ``text`` (outer and nested), marks included.

    See :func:`scan_quotes` for the rules. The index ``j`` of a span in this list
    is the ``j`` of its ``quote_id`` (``"{doc_id}:q{j:03d}"``).

    Args:
        text: A document text.

    Returns:
        ``(start, end)`` pairs sorted by start.

    Example:
        >>> text = 'Shoigu said: “Peace. Now.” Russia’s view.\\n\\n"Open end'
        >>> [text[a:b] for a, b in find_quote_spans(text)]
        ['“Peace. Now.”', '"Open end']
    """
    return [(span.start, span.end) for span in scan_quotes(text)]


def _is_boundary(text: str, match: re.Match[str], end: int, abbreviations: frozenset[str]) -> bool:
    """Decide whether the candidate boundary ``match`` ends a sentence."""
    after = match.end()
    j = after
    while j < end and text[j].isspace():
        j += 1
    if j >= end:
        return True
    nxt = text[j]
    if nxt in _OPENING_QUOTES or nxt in "([":
        # A detached closing mark (`... countries. "`) stays with its sentence.
        following = text[j + 1] if j + 1 < end else " "
        if not (following.isupper() or following.isdigit() or following in _OPENING_QUOTES):
            return False
    elif nxt in "-\u2013\u2014":
        pass  # a dash-led line (interview answers) starts a new sentence
    elif not (nxt.isupper() or nxt.isdigit()):
        return False
    punct = match.group()
    if punct != ".":
        return True  # colon, !, ?, ellipsis, or a period followed by a closing quote/bracket
    token_match = _TOKEN_BEFORE_RE.search(text, max(0, match.start() - 40), match.start() + 1)
    if token_match is None:
        return True
    token = _DASHES_RE.split(token_match.group(1))[-1].lstrip(_OPENING_QUOTES + "([").lower()
    if token in abbreviations:
        return False
    if token in NUMBER_ABBREVIATIONS:
        return not nxt.isdigit()  # No. 5, Jan. 20; but "The answer is no. He left."
    if len(token) == 1 and token.isalpha() and text[match.start() - 1].isupper():
        return False  # an initial: I. Aliyev, V. Putin
    if token in AMBIGUOUS_ABBREVIATIONS or _DOTTED_RE.match(token):
        word = _NEXT_WORD_RE.match(text, j)
        return word is not None and word.group().lower() in _SENTENCE_OPENERS
    return True


def _regex_sentence_spans(
    text: str, start: int, end: int, abbreviations: frozenset[str]
) -> list[tuple[int, int]]:
    """Sentence offsets within ``text[start:end]`` by the regex splitter."""
    spans: list[tuple[int, int]] = []
    position = start
    for match in _BOUNDARY_RE.finditer(text, start, end):
        if _is_boundary(text, match, end, abbreviations):
            _append_stripped(text, position, match.end(), spans)
            position = match.end()
    _append_stripped(text, position, end, spans)
    return spans


@lru_cache(maxsize=1)
def _pysbd_segmenter():  # pragma: no cover - exercised only with splitter="pysbd"
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _pysbd_sentence_spans(
    text: str, start: int, end: int, abbreviations: frozenset[str], quotes: list[QuoteSpan]
) -> list[tuple[int, int]]:
    """Sentence offsets within ``text[start:end]`` by pysbd (slow reference splitter).

    pysbd keeps a quotation of several sentences as one sentence; each of its
    sentences is cut further where the regex splitter ends a sentence inside a
    quotation, or at a colon that introduces one, as ``splitter="regex"`` does.
    """
    spans: list[tuple[int, int]] = []
    for piece in _pysbd_segmenter().segment(text[start:end]):
        position, piece_end = start + piece.start, start + piece.end
        for match in _BOUNDARY_RE.finditer(text, position, piece_end):
            cut = match.end()
            if (match.group() == ":" or _inside_quote(text, cut, quotes)) and _is_boundary(
                text, match, piece_end, abbreviations
            ):
                _append_stripped(text, position, cut, spans)
                position = cut
        _append_stripped(text, position, piece_end, spans)
    return spans


def _inside_quote(text: str, position: int, quotes: list[QuoteSpan]) -> bool:
    """Whether ``position`` has quoted words of one quotation on both sides."""
    return any(
        span.start < position < span.end and _WORD_CHAR_RE.search(text, position, span.end)
        for span in quotes
    )


def sentence_spans(
    text: str,
    splitter: str = "regex",
    abbreviations: Iterable[str] | None = None,
) -> list[tuple[int, int, int]]:
    """Sentence offsets of one document, paragraph by paragraph.

    Args:
        text: A document text.
        splitter: ``"regex"`` (fast, default) or ``"pysbd"``.
        abbreviations: Extra abbreviations (without final period) after which a
            sentence never ends, added to :data:`ABBREVIATIONS`.

    Returns:
        ``(paragraph_id, start, end)`` triples in order.

    Raises:
        ValueError: If ``splitter`` is unknown.

    Both splitters also end a sentence inside a quotation (pysbd alone keeps a
    quotation of several sentences whole) and at a colon that introduces one.

    Example:
        >>> sentence_spans("Dr. No met H.Mammadov. Fine.\\n\\nNext, e.g. this.")
        [(0, 0, 22), (0, 23, 28), (1, 30, 46)]
        >>> text = 'He said: "We will win. Now." Done.'
        >>> [text[a:b] for _, a, b in sentence_spans(text, splitter="pysbd")]
        ['He said:', '"We will win.', 'Now."', 'Done.']
    """
    if splitter not in {"regex", "pysbd"}:
        raise ValueError(f"splitter={splitter!r} is unknown; use 'regex' or 'pysbd'")
    known = ABBREVIATIONS
    if abbreviations:
        known = known | {a.lower().rstrip(".") for a in abbreviations}
    triples: list[tuple[int, int, int]] = []
    quotes = scan_quotes(text) if splitter == "pysbd" else []
    for paragraph_id, (para_start, para_end) in enumerate(split_paragraphs(text)):
        if splitter == "regex":
            spans = _regex_sentence_spans(text, para_start, para_end, known)
        else:
            spans = _pysbd_sentence_spans(text, para_start, para_end, known, quotes)
        triples.extend((paragraph_id, a, b) for a, b in spans)
    return triples


def _quote_id_for(
    text: str, start: int, end: int, quotes: list[QuoteSpan], doc_id: str,
    starts: list[int] | None = None, longest: int | None = None,
) -> str:
    """quote_id of the sentence ``text[start:end]`` (see :func:`split_sentences`).

    ``starts`` (the quotations' sorted starts) and ``longest`` (the longest
    quotation's length) let the scan begin at the first quotation that can reach
    the sentence, so a long document is not scanned from its top for every sentence.
    """
    best = ""
    best_key = (-1, 0)
    length = max(1, end - start)
    first = bisect.bisect_left(starts, start - longest) if starts is not None and longest is not None else 0
    for j in range(first, len(quotes)):
        span = quotes[j]
        if span.start >= end:
            break
        if span.end <= start:
            continue
        overlap = min(end, span.end) - max(start, span.start)
        # A quotation that runs past the sentence (one of several sentences)
        # links every sentence holding some of its words; one held whole by the
        # sentence links it only if it is at least half of it (not a scare quote).
        crosses = span.start < start or span.end > end
        if overlap * 2 >= length or (
            crosses and _WORD_CHAR_RE.search(text, max(start, span.start), min(end, span.end))
        ):
            key = (span.depth, overlap)  # the innermost quotation, then the larger share
            if key > best_key:
                best, best_key = f"{doc_id}:q{j:03d}", key
    return best


def split_sentences(
    documents: pd.DataFrame,
    splitter: str = "regex",
    abbreviations: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Split every document into sentences with offsets and quotation links.

    Paragraphs first (blank lines), then sentences. A sentence gets the
    ``quote_id`` of a quotation when

    * the quotation runs over several sentences and the sentence holds some of
      its words, however few: ``"We talk.`` and ``Yes," the Foreign Minister
      said in Baku.`` both carry the quotation of ``"We talk. Yes,"``; or
    * the quotation lies inside the sentence and is at least half of its
      characters (``"Talks are over," he said.``; not ``He called it a
      "referendum".``).

    So ``quote_id`` says "holds quoted words", not "is all quotation": a
    sentence that is half quotation and half narration (the attribution
    ``the Foreign Minister said ..., adding that ...``) carries the quotation,
    and readers of the narration (reported speech in
    :func:`analysis.quotes.extract_quotes`) look at the words outside the
    quotation marks themselves. Among several quotations the innermost wins
    (nested ones), then the one with more of the sentence.

    Args:
        documents: The documents table (needs ``doc_id`` and ``text``).
        splitter: ``"regex"`` (fast, default) or ``"pysbd"``.
        abbreviations: Extra abbreviations that never end a sentence.

    Returns:
        The sentences table: ``doc_id``, ``paragraph_id``, ``sentence_id``
        (``"{doc_id}:{i:04d}"``), ``start``, ``end``, ``text``, ``quote_id``;
        rows in document order, then text order.

    Raises:
        KeyError: If ``documents`` lacks ``doc_id`` or ``text``.
        ValueError: If ``splitter`` is unknown.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["V. Putin met I. Aliyev. Talks went on."]})
        >>> split_sentences(docs)["text"].tolist()
        ['V. Putin met I. Aliyev.', 'Talks went on.']
    """
    missing = [c for c in ("doc_id", "text") if c not in documents.columns]
    if missing:
        raise KeyError(
            f"split_sentences: documents table lacks column(s) {missing}; "
            "pass the table returned by analysis.corpus.load_corpus"
        )
    rows: list[tuple] = []
    for doc_id, text in zip(documents["doc_id"].astype(str), documents["text"]):
        text = "" if not isinstance(text, str) else text
        quotes = scan_quotes(text)
        starts = [span.start for span in quotes]
        longest = max((span.end - span.start for span in quotes), default=0)
        for i, (paragraph_id, start, end) in enumerate(
            sentence_spans(text, splitter=splitter, abbreviations=abbreviations)
        ):
            rows.append((
                doc_id, paragraph_id, f"{doc_id}:{i:04d}", start, end, text[start:end],
                _quote_id_for(text, start, end, quotes, doc_id, starts, longest),
            ))
    table = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return table.astype({"paragraph_id": "int64", "start": "int64", "end": "int64"})
