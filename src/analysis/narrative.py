"""Prose of the report, generated from the computed tables (no typed-in numbers).

Every function takes tables and returns Markdown (``str``) or a small table; the
report notebook displays them. Numbers in the prose are formatted here from the
tables, so a change of corpus, target or scorer changes the text with them.

Example:
    >>> plural(1, "article"), plural(3, "article")
    ('1 article', '3 articles')
    >>> share(1, 4)
    '25%'
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, NamedTuple, Sequence

import pandas as pd

from analysis import config

__all__ = [
    "frame_labels",
    "removed_lines",
    "plural",
    "share",
    "WESTERN_COUNTRIES",
    "speaker_bloc",
    "article_summary",
    "counted_documents",
    "describe_corpus",
    "describe_framing",
    "describe_stance_check",
    "describe_mean_stance",
    "critical_value",
    "printed_interval",
    "describe_articles",
    "translation_notes",
    "article_texts",
    "evidence_sentences",
    "describe_evidence",
    "stance_by_year",
    "stance_trend",
    "describe_trend",
    "describe_shift",
    "mean_standard_error",
    "bloc_summary",
    "describe_voices",
    "describe_reliability",
    "describe_frame_validation",
    "describe_stance_coding",
    "MIN_CODED_FOR_A_FRAME",
    "stronger_scorers",
    "describe_limitations",
]

#: Said wherever speakers are counted: attribution is by rule and has no human-coded benchmark here.
ATTRIBUTION_CAVEAT = (
    " Speakers are attributed by rules (quotation marks, reporting verbs, a pronoun or description read as the "
    "last person it fits), which no human coding of this corpus has checked: a quotation can be given to the wrong "
    "person, and a speaker's mean stance is that of the sentences quoted, which can be about another actor. Every "
    "attribution is in `tables/quotes.csv` with its cue and sentence ids, to be checked before a voice is cited."
)
#: The region's states and its neighbours each form their own bloc of voices.
_REGIONAL_BLOCS = {"Armenia": "Armenian", "Georgia": "Georgian", "Turkey": "Turkish", "Iran": "Iranian"}
#: Countries grouped as "Western" voices.
WESTERN_COUNTRIES = frozenset(
    {"United States", "USA", "United Kingdom", "European Union", "France", "Germany", "NATO", "Canada"}
)


def frame_labels(codebook: Any) -> dict[str, str]:
    """Frame id -> readable label from a loaded codebook (DataFrame, list or dict of frames).

    Example:
        >>> frame_labels([{"id": "mediator", "label": "Mediator / peace broker"}])
        {'mediator': 'Mediator / peace broker'}
    """
    if hasattr(codebook, "table"):  # analysis.framing.Codebook
        codebook = codebook.table()
    if isinstance(codebook, pd.DataFrame):
        id_col = "frame" if "frame" in codebook.columns else "id"
        return {str(r[id_col]): str(r.get("label", r[id_col])) for _, r in codebook.iterrows()}
    if isinstance(codebook, dict):
        items = codebook.get("frames", codebook)
        if isinstance(items, dict):
            return {str(k): str((v or {}).get("label", k)) if isinstance(v, dict) else str(k) for k, v in items.items()}
        codebook = items
    out = {}
    for item in codebook:
        if isinstance(item, dict):
            key = str(item.get("id") or item.get("frame"))
            out[key] = str(item.get("label", key))
        else:
            key = str(getattr(item, "id", getattr(item, "frame", item)))
            out[key] = str(getattr(item, "label", key))
    return out


def removed_lines(documents: pd.DataFrame, sentences: pd.DataFrame, max_docs: int = 20) -> pd.DataFrame:
    """Lines of each raw ``.txt`` file that are not part of its clean text.

    Shows what the loader stripped (repeated headlines, date lines, page furniture),
    so a reader can check that no article text was lost. The clean text is
    rebuilt from the document's sentences, so the table works from the written
    tables alone.

    Args:
        documents: documents table with ``doc_id``, ``title`` and ``source_path``
            (relative to the project root or absolute).
        sentences: sentences table (``doc_id``, ``text``).
        max_docs: Look at the first ``max_docs`` documents only (large corpora).

    Returns:
        DataFrame with ``doc_id``, ``line_no`` (1-based in the raw file), ``removed``
        (the line, whitespace normalised) and ``reason`` (``title`` for a headline
        line, else ``furniture``). Documents from tabular sources are not listed.
    """
    # Compare without any whitespace: sentence joins and line wraps differ from the raw file.
    texts = sentences.groupby("doc_id", sort=False)["text"].apply(lambda s: "".join("".join(t.split()) for t in s))
    rows = []
    for doc in documents.head(max_docs).itertuples(index=False):
        path = Path(str(doc.source_path).split("#")[0])
        path = path if path.is_absolute() else config.PROJ_ROOT / path
        if path.suffix.lower() != ".txt" or not path.is_file():
            continue
        raw = path.read_bytes().decode("utf-8", errors="replace")
        clean = texts.get(doc.doc_id, "")
        title = " ".join(str(doc.title).split())
        for no, line in enumerate(raw.splitlines(), start=1):
            norm = " ".join(line.split())
            if norm and "".join(norm.split()) not in clean:
                rows.append({"doc_id": doc.doc_id, "line_no": no, "removed": norm,
                             "reason": "title" if norm == title else "furniture"})
    return pd.DataFrame(rows, columns=["doc_id", "line_no", "removed", "reason"])


def plural(n: int, word: str, many: str | None = None) -> str:
    """``'1 article'`` / ``'2 articles'``."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def share(part: float, whole: float) -> str:
    """Percentage string, ``'n/a'`` when ``whole`` is 0."""
    if not whole:
        return "n/a"
    return f"{100 * part / whole:.0f}%"


def _str(value: Any) -> str:
    """A text field as read back from CSV: NaN (empty cell) becomes ''."""
    return value if isinstance(value, str) else ""


def _fmt_score(x: float) -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:+.2f}"


def speaker_bloc(country: str) -> str:
    """Group a speaker's country into the blocs the report compares.

    Example:
        >>> speaker_bloc("Azerbaijan"), speaker_bloc("Georgia"), speaker_bloc("United States"), speaker_bloc("")
        ('Azerbaijani', 'Georgian', 'Western', 'unknown')
    """
    country = (country or "").strip()
    if not country or country == "unknown":
        return "unknown"
    if country == "Azerbaijan":
        return "Azerbaijani"
    if country == "Russia":
        return "Russian"
    if country in _REGIONAL_BLOCS:
        return _REGIONAL_BLOCS[country]
    if country in WESTERN_COUNTRIES:
        return "Western"
    return "other"


def _target_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    return sentences[sentences["mentions_target"].astype(bool)]


def article_summary(documents: pd.DataFrame, sentences: pd.DataFrame, frame_counts: pd.DataFrame) -> pd.DataFrame:
    """One row per article: date, outlet, target sentences, stance counts, mean, top frames.

    Args:
        documents: documents table.
        sentences: scored sentences.
        frame_counts: ``doc_id``, ``frame``, ``n_sentences``.

    Returns:
        DataFrame sorted by publication date with columns ``doc_id``, ``published``,
        ``title``, ``outlet``, ``n_sentences``, ``n_target``, ``n_favourable``,
        ``n_neutral``, ``n_critical``, ``mean_stance``, ``top_frames`` (the three
        frames with most sentences, ``frame (n)``; ties: codebook id order) and
        ``n_frames`` (distinct frames in the article, so a reader sees when
        ``top_frames`` leaves some out).
    """
    from analysis.stance import stance_counts

    count_cols = ["n_sentences", "n_target", "n_favourable", "n_neutral", "n_critical"]
    counts = stance_counts(sentences, by="doc_id").set_index("doc_id")
    top = (
        frame_counts.sort_values(["doc_id", "n_sentences", "frame"], ascending=[True, False, True])
        .groupby("doc_id", sort=False)
        .head(3)
        .assign(label=lambda d: d["frame"] + " (" + d["n_sentences"].astype(str) + ")")
        .groupby("doc_id", sort=False)["label"]
        .agg(", ".join)
    )
    out = pd.DataFrame(
        {
            "doc_id": documents["doc_id"],
            "published": documents["published"].map(_str),
            "title": documents["title"].map(_str),
            "outlet": documents["outlet"].map(_str),
        }
    )
    by_doc = counts.reindex(out["doc_id"])
    for col in count_cols:
        out[col] = by_doc[col].fillna(0).astype(int).to_numpy()
    out["mean_stance"] = by_doc["mean_stance"].astype(float).round(3).to_numpy()
    out["top_frames"] = out["doc_id"].map(top).astype(object).fillna("")  # object: all-NaN when no frames
    out["n_frames"] = out["doc_id"].map(frame_counts.groupby("doc_id")["frame"].nunique()).fillna(0).astype(int)
    return out.sort_values(["published", "doc_id"]).reset_index(drop=True)


def counted_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents the figures count: all but word-for-word copies of an earlier one.

    A syndicated copy (``duplicate_of`` set by the loader) is not scored by the
    pipeline, so counting it as an article would add an article without sentences.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "duplicate_of": ["", "a", ""]})
        >>> counted_documents(docs)["doc_id"].tolist()
        ['a', 'c']
    """
    if "duplicate_of" not in documents.columns:
        return documents
    return documents[documents["duplicate_of"].fillna("").astype(str) == ""].reset_index(drop=True)


#: Skipped documents listed by name in the report up to this many (all are in skipped.csv).
MAX_SKIPPED_LISTED = 10


#: Documents named per kind of date problem (ambiguous, unreadable); the rest are counted.
MAX_DATE_NOTES_LISTED = 3


def _named(ids: list[str], limit: int = MAX_DATE_NOTES_LISTED) -> str:
    """``a, b, c and 2 more``."""
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


#: The loader's note on an ambiguous date names the order it read it in.
_READ_ORDER_RE = re.compile(r"ambiguous \(day and month both 12 or less\), read (day-first|month-first) as")


def _date_note_sentences(documents: pd.DataFrame) -> list[str]:
    """Sentences on dates read day-first although they read both ways, and on given dates ignored.

    Read from the loader's ``date_note`` column; a table written before that
    column existed falls back to the loader's note on an ignored date value.
    """
    if "date_note" in documents:
        flags = documents["date_note"].astype(object).fillna("").astype(str)
        ambiguous = flags.str.contains("ambiguous", regex=False)
        unreadable = flags.str.contains("unreadable", regex=False)
    else:
        notes = documents["notes"].fillna("").astype(str) if "notes" in documents else pd.Series("", index=documents.index)
        ambiguous = pd.Series(False, index=documents.index)
        unreadable = notes.str.contains("is not a date; ignored", regex=False)
    out = []
    if ambiguous.any():
        rows = documents[ambiguous]
        # The date as read, month spelled out: true whichever order the loader used (day-first by default).
        read = [f"{r.doc_id} as {_long_date(str(r.published))}" for r in rows.itertuples()]
        read[0] = read[0].replace(" as ", " was read as ", 1)
        n = int(ambiguous.sum())
        out.append(f"{plural(n, 'numeric date')} could be read either way (day and month both 12 or less): "
                   f"{_named(read)}.")
        # The order the loader used is in its note ("read month-first as ..."); a table without notes says nothing.
        notes = rows["notes"].fillna("").astype(str) if "notes" in rows else pd.Series("", index=rows.index)
        order = next((m.group(1) for m in map(_READ_ORDER_RE.search, notes) if m), "")
        they, them = ("It was", "it") if n == 1 else ("They were", "them")
        if order == "month-first":
            out.append(f"{they} read month-first (US style, `date_order=month-first`); "
                       f"`-p date_order=day-first` reads {them} day-first.")
        elif order == "day-first":
            out.append(f"{they} read day-first; if the corpus writes the month first (US style), "
                       "rerun with `-p date_order=month-first`.")
    if unreadable.any():
        n = int(unreadable.sum())
        out.append(f"{plural(n, 'article')} {'has' if n == 1 else 'have'} a given date that could not be read as a "
                   f"date and was ignored: {_named(documents.loc[unreadable, 'doc_id'].astype(str).tolist())} "
                   "(the `notes` column of `tables/documents.csv` gives the value).")
    return out


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


#: The loader's note on a date taken from a column of a tabular corpus (JSONL, CSV).
_COLUMN_DATE_NOTE_RE = re.compile(r"published: column '([^']+)'")


def _metadata_date_sentences(documents: pd.DataFrame, n_articles: int) -> list[str]:
    """Where the dates not stated in the texts came from, worded for the corpus's kind.

    A date column is the normal source of a tabular corpus's dates, so it is named
    plainly; a ``metadata.csv`` fills a ``.txt`` file's date only where its text has no
    date line, which is worth saying. Read from the loader's ``notes``; without them the
    sentence names both sources.

    Example:
        >>> docs = pd.DataFrame({"date_source": ["metadata", "metadata", "text"],
        ...     "notes": ["published: column 'date' (given with the text)"] * 2 + [""]})
        >>> _metadata_date_sentences(docs, 3)
        ["2 dates came from the corpus's `date` column."]
    """
    meta = documents[documents["date_source"] == "metadata"]
    notes = meta["notes"].astype(object).fillna("").astype(str) if "notes" in meta else pd.Series("", index=meta.index)
    columns = notes.str.extract(_COLUMN_DATE_NOTE_RE, expand=False)
    from_file = notes.str.contains("published: ", regex=False) & columns.isna()
    unexplained = len(meta) - int(columns.notna().sum()) - int(from_file.sum())
    out = []
    for column, count in columns.dropna().value_counts(sort=False).sort_index().items():
        out.append(f"The dates are those of the corpus's `{column}` column." if count == n_articles
                   else f"{plural(int(count), 'date')} came from the corpus's `{column}` column.")
    if from_file.any():
        out.append(f"{plural(int(from_file.sum()), 'date')} came from the metadata file, not from a date line in the text.")
    if unexplained:
        out.append(f"{plural(unexplained, 'date')} came from metadata (a date column or the metadata file), "
                   "not from a date line in the text.")
    return out


def _long_date(iso: str) -> str:
    """``2016-04-08`` -> ``8 April 2016`` (month spelled out, so the reading is plain; locale-independent)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return iso
    return f"{int(match.group(3))} {_MONTH_NAMES[int(match.group(2)) - 1]} {match.group(1)}"


def _unregistered_clauses(quotes: pd.DataFrame, sentences: pd.DataFrame | None = None) -> list[str]:
    """Predicates splitting the quotations without a registered speaker: named people the registry lacks,
    named organisations, anonymous or described voices, and speakers the tool did not identify.

    Each follows a count of those quotations ("Of these 9, 3 are by 2 named people the registry does not
    know ...; 1 is by 1 named organisation ...; 2 have an anonymous or described speaker; 3 have a speaker
    the tool did not identify"); the four counts add up to it.
    ``sentences`` (the articles' text) let a bare surname take the full name its article introduced.
    """
    voices = _unregistered_voices(quotes, sentences)
    clauses = []
    if voices.n_named:
        clauses.append(f"{voices.n_named:,} {'is' if voices.n_named == 1 else 'are'} by {_named_people(voices.people)} "
                       f"the registry does not know (most quoted: {_most_quoted(voices.people)}; to attribute "
                       "them, add them to a copy of the registry and pass it with `--speakers`)")
    if voices.n_organisation:
        n_names = len(voices.organisations)
        shown = ", ".join(name for name, _ in voices.organisations[:MAX_UNREGISTERED_NAMED])
        more = ", ..." if n_names > MAX_UNREGISTERED_NAMED else ""
        clauses.append(f"{voices.n_organisation:,} {'is' if voices.n_organisation == 1 else 'are'} by "
                       f"{plural(n_names, 'named organisation')} ({shown}{more}): named sources, not anonymous ones")
    if voices.n_anonymous:
        shown = ", ".join(f'"{d}"' for d in voices.descriptions[:MAX_UNREGISTERED_NAMED])
        more = ", ..." if len(voices.descriptions) > MAX_UNREGISTERED_NAMED else ""
        clauses.append(f"{voices.n_anonymous:,} {'has' if voices.n_anonymous == 1 else 'have'} an anonymous or "
                       f"described speaker" + (f" (e.g. {shown}{more})" if shown else ""))
    if voices.n_unidentified:
        clauses.append(f"{voices.n_unidentified:,} {'has' if voices.n_unidentified == 1 else 'have'} a speaker the "
                       "tool did not identify (no speaker found, a pronoun it could not resolve, or a single name word "
                       "that the article does not give in full); these are not anonymous sources")
    return clauses


def _join_clauses(clauses: list[str]) -> str:
    """``a; b; and c``: the clauses hold commas of their own."""
    return clauses[0] if len(clauses) == 1 else "; ".join(clauses[:-1]) + "; and " + clauses[-1]


def describe_corpus(documents: pd.DataFrame, skipped: pd.DataFrame, quotes: pd.DataFrame,
                    sentences: pd.DataFrame | None = None) -> str:
    """Paragraph on the corpus: size, dates, outlets, date provenance and problems, copies, skipped files, who speaks.

    Args:
        documents: documents table, copies included (they are named and left out
            of the counts, see :func:`counted_documents`).
        skipped: ``source_path``, ``reason`` of documents that could not be loaded or were left out
            (not English, no body text).
        quotes: quotes table.
        sentences: sentences table (``doc_id``, ``text``), or None: with it a quoted bare
            surname takes the full name its article introduced (:func:`_unregistered_voices`).

    Returns:
        Markdown.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "published": ["2020-01-02", "2020-01-02"],
        ...     "outlet": ["X", "Y"], "n_words": [10, 10], "date_source": ["text", "text"], "duplicate_of": ["", "a"]})
        >>> skipped = pd.DataFrame({"source_path": ["/data/news.jsonl#line=4"], "reason": ["empty text"]})
        >>> quotes = pd.DataFrame({"quotation_id": [], "speaker": []})
        >>> print(describe_corpus(docs, skipped, quotes))  # doctest: +NORMALIZE_WHITESPACE
        The corpus holds **1 article** (10 words), published on 2020-01-02, after 1 word-for-word
        copy of another article was counted once (b repeats a). Outlets named in the texts or the metadata: X.
        1 document was skipped and is in no figure: `news.jsonl#line=4` (empty text); it is also listed in
        `tables/skipped.csv`.
        The articles contain no quotation (direct, reported or interview answer).
    """
    copies = documents[~documents["doc_id"].isin(counted_documents(documents)["doc_id"])]
    documents = counted_documents(documents)
    n = len(documents)
    dates = documents["published"].fillna("").astype(str)
    known = sorted(d for d in dates if d)
    outlets = sorted({o for o in documents["outlet"].fillna("") if o})
    n_words = int(documents["n_words"].sum())
    from_meta = int((documents["date_source"] == "metadata").sum())
    missing = int((documents["date_source"] == "missing").sum())
    text = [
        f"The corpus holds **{plural(n, 'article')}** ({n_words:,} words)"
        + ((f", published on {known[0]}" if known[0] == known[-1] else f", published between {known[0]} and {known[-1]}")
           if known else "")
        + (f", after {plural(len(copies), 'word-for-word copy', 'word-for-word copies')} of another article "
           f"{'was' if len(copies) == 1 else 'were'} counted once ("
           + "; ".join(f"{r.doc_id} repeats {r.duplicate_of}" for r in copies.head(MAX_SKIPPED_LISTED).itertuples())
           + ("; all are flagged in the `duplicate_of` column of `tables/documents.csv`" if len(copies) > MAX_SKIPPED_LISTED else "")
           + ")" if len(copies) else "")
        + "."
    ]
    if outlets:
        text.append(f"Outlets named in the texts or the metadata: {', '.join(outlets)}.")
    unknown_outlet = int((documents["outlet"].fillna("") == "").sum())
    if unknown_outlet:
        text.append(f"{plural(unknown_outlet, 'article')} name{'s' if unknown_outlet == 1 else ''} no outlet.")
    if from_meta:
        text.extend(_metadata_date_sentences(documents, n))
    if missing:
        text.append(f"{plural(missing, 'article')} {'has' if missing == 1 else 'have'} no date: neither the text nor "
                    "the metadata gives one.")
    text.extend(_date_note_sentences(documents))
    if len(skipped):
        k = len(skipped)
        if k <= MAX_SKIPPED_LISTED:
            named = "; ".join(f"`{Path(str(r.source_path)).name}` ({r.reason})" for r in skipped.itertuples())
            text.append(f"{plural(k, 'document')} {'was' if k == 1 else 'were'} skipped and {'is' if k == 1 else 'are'} "
                        f"in no figure: {named}; {'it is' if k == 1 else 'they are'} also listed in `tables/skipped.csv`.")
        else:
            text.append(f"{plural(k, 'document')} were skipped and are in no figure; they are listed with the reason in "
                        "`tables/skipped.csv`.")
    else:
        text.append("No document was skipped.")
    # A quotation over several paragraphs is one quotation (several rows, one quotation_id).
    quotation = quotes["quotation_id"] if "quotation_id" in quotes else quotes.index.to_series()
    n_quotations = int(quotation.nunique())
    registered = quotes["speaker"] != "unknown"
    n_speakers = quotes.loc[registered, "speaker"].nunique()
    n_registered = int(quotation[registered].nunique())
    # The unregistered count is what is left, so the two parts add up to the total.
    n_unknown = n_quotations - n_registered
    if not n_quotations:
        text.append("The articles contain no quotation (direct, reported or interview answer).")
    elif not n_unknown:
        text.append(f"The articles contain {plural(n_quotations, 'quotation')} (direct, reported and interview "
                    f"answers), all by {plural(n_speakers, 'speaker')} in the speaker registry.")
    else:
        # Most unattributed quotations are usually named people the registry lacks: say so,
        # and how to add them, apart from organisations, anonymous voices and speakers the tool missed.
        text.append(f"The articles contain {plural(n_quotations, 'quotation')} (direct, reported and interview "
                    f"answers): {n_registered:,} by {plural(n_speakers, 'speaker')} in the speaker registry and "
                    f"{n_unknown:,} by speakers it lacks. Of these {n_unknown:,}, "
                    + _join_clauses(_unregistered_clauses(quotes, sentences)) + ".")
    return " ".join(text)


#: How many unregistered people the prose names.
MAX_UNREGISTERED_NAMED = 3


class UnregisteredVoices(NamedTuple):
    """The quotations without a registered speaker, split four ways (see :func:`_unregistered_voices`).

    ``descriptions`` are the anonymous or described surfaces fit to quote as examples
    (noun phrases with a person noun as head, each once); ``organisations`` are
    ``[(name, quotations)]``, most quoted first.
    """

    n_named: int
    people: list[tuple[str, int]]
    n_anonymous: int
    n_unidentified: int
    quotations_of: dict[str, list[str]]
    descriptions: list[str]
    n_organisation: int = 0
    organisations: list[tuple[str, int]] = []


def article_texts(sentences: pd.DataFrame | None) -> dict[str, str]:
    """Each article's text rebuilt from its sentences (the documents tables do not keep the text).

    Example:
        >>> article_texts(pd.DataFrame({"doc_id": ["a", "a"], "text": ["One.", "Two."]}))
        {'a': 'One. Two.'}
    """
    if sentences is None or not len(sentences) or "text" not in sentences or "doc_id" not in sentences:
        return {}
    return {str(k): " ".join(v) for k, v in
            sentences["text"].astype(object).fillna("").astype(str).groupby(sentences["doc_id"].astype(str), sort=False)}


def _article_full_name(text: str, word: str) -> str | None:
    """The first full name in ``text`` that ends with ``word`` (``Zohrab Mnatsakanyan`` for ``Mnatsakanyan``), or None.

    Titles before the name are dropped (``Foreign Minister Zohrab Mnatsakanyan``), see ``speakers.leading_name``.
    """
    from analysis.speakers import is_full_name, leading_name

    for match in re.finditer(r"(?:[A-Z][\w'’.-]*\s+){1,4}" + re.escape(word) + r"(?!\w)", text):
        words = match.group().split()
        # The name is the longest tail of the capitalised run that reads as a name.
        for i in range(len(words) - 1):
            name = leading_name(" ".join(words[i:]))
            if name and is_full_name(name) and name.split()[-1] == word:
                return name
    return None


def _unregistered_voices(quotes: pd.DataFrame, sentences: pd.DataFrame | None = None) -> UnregisteredVoices:
    """Split the quotations without a registered speaker into named people, named organisations, anonymous
    voices and unidentified speakers.

    A surface of two name words or more (``Farid Mammadov``) is a named person; a bare
    surname counts as the person named in full with it in the same article, as a quoted
    speaker (``Balayan`` after ``Anahit Balayan``) or, with ``sentences``, anywhere in the
    article's text (``Mnatsakanyan`` after ``Foreign Minister Zohrab Mnatsakanyan``).
    A quotation with no speaker surface, a person pronoun or a single name word that no
    full name of its article explains has a speaker the tool did not identify: it is
    not an anonymous source. An organisation named as a source (``SOCAR``, ``the European
    Union``; :func:`analysis.speakers.organisation_name`) is a named source too. Anything
    else (``Western diplomats``, ``the source``) is anonymous or described. A quotation of
    several rows counts once.

    Returns:
        :class:`UnregisteredVoices`: quotations by named people, ``[(name, quotations)]``
        most quoted first, anonymous quotations, unidentified quotations, and the
        ``quotation_id`` s of each named person.
    """
    from analysis.speakers import PERSON_NOUNS, PERSON_PRONOUNS, description_head, is_full_name, leading_name, \
        organisation_name

    unknown = quotes[quotes["speaker"] == "unknown"]
    quotation = unknown["quotation_id"] if "quotation_id" in unknown else unknown.index.to_series().astype(str)
    surfaces = unknown["speaker_surface"].astype(object).fillna("").astype(str).str.strip() \
        if "speaker_surface" in unknown else pd.Series("", index=unknown.index)
    docs = unknown["doc_id"].astype(str) if "doc_id" in unknown else pd.Series("", index=unknown.index)
    texts = article_texts(sentences)
    full: dict[tuple[str, str], str] = {}
    for doc, surface in zip(docs, surfaces):
        if is_full_name(surface):
            full.setdefault((doc, surface.split()[-1]), surface)
    person_of: dict[str, str] = {}
    anonymous: set[str] = set()
    unidentified: set[str] = set()
    descriptions: list[str] = []
    organisation_of: dict[str, str] = {}
    for qid, doc, surface in zip(quotation.astype(str), docs, surfaces):
        words = surface.split()
        if not words or surface.lower() in PERSON_PRONOUNS:
            unidentified.add(qid)
            continue
        organisation = organisation_name(surface)
        if organisation is not None:
            organisation_of.setdefault(qid, organisation)
            continue
        if len(words) >= 2:
            name = surface if is_full_name(surface) else None
        else:
            name = full.get((doc, words[0]))
            if name is None and leading_name(words[0]) == words[0]:
                name = _article_full_name(texts.get(doc, ""), words[0])
                if name is None:
                    unidentified.add(qid)  # a surname (or a name word) the article does not explain
                    continue
        if name is not None:
            person_of.setdefault(qid, name)
        else:
            anonymous.add(qid)
            descriptions.append(surface)
    # A quotation of several rows: a name on any row wins, then a description, then nothing.
    organisation_of = {qid: name for qid, name in organisation_of.items() if qid not in person_of}
    anonymous -= set(person_of) | set(organisation_of)
    unidentified -= set(person_of) | set(organisation_of) | anonymous
    quotations_of: dict[str, list[str]] = {}
    for qid, name in person_of.items():
        quotations_of.setdefault(name, []).append(qid)
    people = sorted(((name, len(ids)) for name, ids in quotations_of.items()), key=lambda kv: (-kv[1], kv[0]))
    # Examples are noun phrases headed by a person noun ("critics", "A Western diplomat in Baku"), each
    # once whatever its case; a clause fragment ("Some in Yerevan still") is counted but not shown.
    described: dict[str, str] = {}
    for description in descriptions:
        if description_head(description.split()) in PERSON_NOUNS:
            described.setdefault(description.lower(), description)
    organisations: dict[str, list[str]] = {}
    for qid, name in organisation_of.items():
        organisations.setdefault(name.lower(), []).append(name)
    firsts = {key: names[0] for key, names in organisations.items()}
    ranked = sorted(((firsts[key], len(names)) for key, names in organisations.items()),
                    key=lambda kv: -kv[1])  # stable: first seen first among equals
    return UnregisteredVoices(len(person_of), people, len(anonymous), len(unidentified), quotations_of,
                              list(described.values()),
                              len(organisation_of), ranked)


def _named_people(people: list[tuple[str, int]]) -> str:
    return f"{len(people):,} named {'person' if len(people) == 1 else 'people'}"


def _most_quoted(people: list[tuple[str, int]]) -> str:
    return ", ".join(f"{name} ({n})" for name, n in people[:MAX_UNREGISTERED_NAMED])


def describe_framing(sentences: pd.DataFrame, frames: pd.DataFrame, target: str, frame_labels: dict[str, str], scorer: str,
                     stance_check: pd.DataFrame | None = None, codebook_target: str = "") -> str:
    """Paragraph on the overall framing of the target: stance counts and frequent frames.

    Args:
        sentences: scored sentences.
        frames: long frames table.
        target: Target name.
        frame_labels: frame id -> label.
        scorer: Name of the stance scorer used.
        stance_check: ``tables/stance_validation.csv`` when a coding sheet with stance
            codes was given, else None: the shares are then followed by how far the labels
            agree with the coder on this corpus, and by any label share that the check shows
            is off (see :func:`describe_stance_check`).
        codebook_target: The actor the codebook was written for (``Codebook.target``);
            when it is not ``target`` the frames sentence says so, where the roles are
            first named.

    Returns:
        Markdown.
    """
    tgt = _target_sentences(sentences)
    n_t, n = len(tgt), len(sentences)
    if not n_t:
        return f"No sentence in the corpus mentions {target}, so no stance or frame can be reported."
    c = tgt["stance"].value_counts()
    fav, neu, cri = (int(c.get(k, 0)) for k in ("favourable", "neutral", "critical"))
    text = (
        f"{plural(n_t, 'sentence')} of {n:,} ({share(n_t, n)}) mention {target}. "
        f"Scored with the `{scorer}` stance scorer, {fav:,} ({share(fav, n_t)}) present {target} favourably, "
        f"{cri:,} ({share(cri, n_t)}) critically and {neu:,} ({share(neu, n_t)}) neutrally; "
        + describe_mean_stance(tgt["stance_score"], tgt["doc_id"])
    )
    text += describe_stance_check(stance_check, target)
    text += _asking_questions(tgt)
    neutral = pd.to_numeric(tgt.loc[tgt["stance"] == "neutral", "stance_score"], errors="coerce").dropna()
    if (len(neutral) >= 2 and round(float(neutral.min()), 2) != round(float(neutral.max()), 2)
            and float(neutral.abs().max()) > config.STANCE_NEUTRAL_BAND):
        # Users read "neutral" as "score near 0"; with a probabilistic scorer it is the most probable class.
        # A scorer whose neutral label is the band around 0 itself (lexicon) needs no such sentence.
        text += (
            f" The shares count each sentence's label and the mean averages its score, which can differ: "
            f"the sentences labelled neutral score from {_fmt_score(float(neutral.min()))} "
            f"to {_fmt_score(float(neutral.max()))}."
        )
    if len(frames):
        # groupby sorts frames by id; the stable sort keeps that order among ties.
        fc = frames.groupby("frame")["sentence_id"].nunique().sort_values(ascending=False, kind="stable")
        n_framed = frames["sentence_id"].nunique()
        # The three most frequent, and any frame tied with the third (named if few, counted if many).
        third = int(fc.iloc[min(2, len(fc) - 1)])
        above, tied = fc[fc > third], fc[fc == third]
        named = [*above.items(), *tied.items()] if len(above) + len(tied) <= 5 else list(above.items())
        top = ", ".join(f"*{frame_labels.get(f, f)}* ({plural(int(v), 'sentence')})" for f, v in named)
        if len(named) < len(above) + len(tied):
            top += f"{', and ' if named else ''}{len(tied):,} frames with {plural(third, 'sentence')} each"
        text += (
            f" {plural(n_framed, 'sentence')} about {target} ({share(n_framed, n_t)}) carry at least one frame of the codebook; "
            f"the most frequent roles are {top}. The codebook finds a role only where its words are used, so a role put "
            "in other words (a metaphor, an allusion) is not counted and these counts are more likely too low than too high."
        )
    if codebook_target and codebook_target.lower() != target.lower():
        # Said here, not only under Limitations: a reader takes the roles at face value.
        text += (
            f" The codebook was written for {codebook_target}'s roles: a frame here is a role it describes for "
            f"{codebook_target}, found in a sentence about {target} (words tied to another actor, as in "
            f"\"{codebook_target}'s gas\", are not counted), and roles particular to {target} are not looked for; "
            f"a codebook written for {target} (`--codebook`) would fit better."
        )
    return text


def _asking_questions(target_sentences: pd.DataFrame) -> str:
    """Sentence saying how many neutral target sentences are questions that were not scored ('' if none).

    Example:
        >>> from analysis.stance import QUESTION_CUE
        >>> s = pd.DataFrame({"text": ["Could Russia leave?"], "stance_cues": [QUESTION_CUE]})
        >>> _asking_questions(s)[:60]
        ' 1 of the neutral sentences is a question that asks rather t'
    """
    from analysis.stance import QUESTION_CUE

    if "stance_cues" not in target_sentences.columns:
        return ""
    asked = target_sentences[target_sentences["stance_cues"] == QUESTION_CUE]
    if not len(asked):
        return ""
    one = len(asked) == 1
    return (
        f" {len(asked):,} of the neutral sentences {'is a question' if one else 'are questions'} that "
        f"{'asks' if one else 'ask'} rather than {'asserts' if one else 'assert'}, a heading or an interviewer's "
        f"question (such as \"{asked['text'].iloc[0]}\"): {'it is' if one else 'they are'} not scored and "
        f"{'counts' if one else 'count'} as neutral with a score of 0."
    )


def describe_stance_check(table: pd.DataFrame | None, target: str) -> str:
    """Sentences for the headline shares from the coding-sheet check of this corpus, or ''.

    The check is reported in full in the reliability section; this repeats its
    gist where the shares are read, so that a reader does not take shares at face
    value that the hand coding contradicts.

    Args:
        table: ``tables/stance_validation.csv`` (``coding.stance_validation_table``), or None.
        target: Target actor.

    Returns:
        ' Checked against N sentences ... agree with the coder on X% ...' and, for each
        label whose share difference has a 95% interval that excludes 0, in which
        direction the share above is likely off; '' without a check.

    Example:
        >>> t = pd.DataFrame({"label": ["critical", "neutral", "favourable", "all"],
        ...     "share_difference": [0.12, -0.1, -0.02, None], "share_difference_low": [0.05, -0.2, -0.08, None],
        ...     "share_difference_high": [0.2, 0.01, 0.04, None], "n_sentences": 60,
        ...     "accuracy": [None, None, None, 0.55], "macro_f1": [None, None, None, 0.5]})
        >>> print(describe_stance_check(t, "Russia").strip())  # doctest: +NORMALIZE_WHITESPACE
        Checked against 60 sentences of this corpus that a person coded for their stance towards Russia, the labels
        agree with the coder on 55% (macro-F1 0.50); on those sentences the scorer labels critical 12 points more
        often than the coder (95% CI +5 to +20), so the critical share above is likely too high (see *How reliable
        are the labels?*).
    """
    if table is None or not len(table) or "label" not in table.columns or "all" not in set(table["label"]):
        return ""
    rows = table.set_index("label")
    overall = rows.loc["all"]
    text = (f" Checked against {plural(_count(overall['n_sentences']), 'sentence')} of this corpus that a person coded "
            f"for their stance towards {target}, the labels agree with the coder on "
            f"{share(_num(overall['accuracy']), 1)} (macro-F1 {_num(overall['macro_f1']):.2f})")
    off = [f for f in _share_differences(rows) if _clear(f)]
    if not off:
        return text + ("; the label shares of those sentences are within chance of the coder's (see *How reliable are "
                       "the labels?*).")
    parts = "; ".join(_more_often(f) for f in off)
    which = " and ".join(f"the {lab} share above is likely too {'high' if d > 0 else 'low'}" for lab, d, _, _ in off)
    return text + f"; on those sentences the scorer labels {parts}, so {which} (see *How reliable are the labels?*)."


def critical_value(unit: str, n_articles: int) -> float:
    """Two-sided 95% critical value for a standard error from :func:`mean_standard_error`.

    Article-clustered errors from few articles get Student t with ``n_articles - 1``
    degrees of freedom (the normal 1.96 would be too narrow); sentence-level ones 1.96.

    Example:
        >>> round(critical_value("articles", 5), 3), critical_value("sentences", 1)
        (2.776, 1.96)
    """
    if unit != "articles":
        return 1.96
    from scipy.stats import t as student_t

    return float(student_t.ppf(0.975, max(n_articles - 1, 1)))


def printed_interval(centre: float, half_width: float, limit: float) -> tuple[float, float]:
    """``centre -/+ half_width`` within ``-limit..+limit``, rounded as the prose prints it.

    A direction is called from these bounds, so the prose never names one beside a
    bound printed as "+0.00".

    Example:
        >>> printed_interval(0.004, 0.003, limit=1.0), printed_interval(-0.5, 0.9, limit=1.0)
        ((0.0, 0.01), (-1.0, 0.4))
    """
    return tuple(round(min(max(b, -limit), limit), 2) for b in (centre - half_width, centre + half_width))


def describe_mean_stance(scores: pd.Series, articles: pd.Series) -> str:
    """'the mean stance is -0.06 on a -1 to +1 scale (95% CI ...), so ...': the lean, called only when the interval excludes 0.

    Args:
        scores: Stance scores of the sentences about the target.
        articles: The ``doc_id`` of each.

    Returns:
        A clause (lower case, ends with a full stop).

    Example:
        >>> articles = pd.Series(["a", "a", "b", "b", "c", "c"])
        >>> describe_mean_stance(pd.Series([-0.5, -0.4, -0.6, -0.5, -0.45, -0.55]), articles)
        'the mean stance is -0.50 on a -1 to +1 scale (95% CI -0.62 to -0.38, with the article as the unit), so on balance the coverage is **critical**.'
        >>> describe_mean_stance(pd.Series([-0.5, 0.4, -0.6, 0.5, -0.4, 0.5]), articles).split("), ")[1]
        'so the coverage is **neither** clearly favourable nor critical: the interval includes 0.'
    """
    x = pd.to_numeric(scores, errors="coerce").reset_index(drop=True)
    keep = x.notna().to_numpy()
    x, docs = x[keep], articles.reset_index(drop=True)[keep]
    if not len(x):
        return "no stance score to average."
    mean = float(x.mean())
    se, unit = mean_standard_error(x, docs)
    head = f"the mean stance is {_fmt_score(mean)} on a -1 to +1 scale"
    if math.isnan(se):
        return head + " (a single sentence: no interval, no lean)."
    low, high = printed_interval(mean, critical_value(unit, int(docs.nunique())) * se, limit=1.0)
    if unit == "articles":
        text = f"{head} (95% CI {_fmt_score(low)} to {_fmt_score(high)}, with the article as the unit), "
        subject = "on balance the coverage is"
    else:  # one article: its sentences are the only unit, which says nothing about other articles
        text = (f"{head} (95% CI {_fmt_score(low)} to {_fmt_score(high)} over the sentences of a single article, "
                "which cannot speak for other articles), ")
        subject = "on balance this article is"
    if low > 0 or high < 0:
        return text + f"so {subject} **{'favourable' if mean > 0 else 'critical'}**."
    return text + f"so {subject.replace('on balance ', '')} **neither** clearly favourable nor critical: the interval includes 0."


def describe_articles(summary: pd.DataFrame, target: str, limit: int = 25, frame_labels: dict[str, str] | None = None) -> str:
    """Bullet list, one per article about the target, from :func:`article_summary`.

    A corpus of more than ``limit`` articles about the target lists the ``limit``
    articles with the most sentences about it (ties: earlier first), says so, and
    points to the full table ``tables/article_summary.csv``. Articles without a
    sentence about the target have no stance and are named apart ("2 articles do not
    mention Armenia: ..."). The list ends by saying that its counts are sentence
    labels, not a reading of each article as a whole.

    Args:
        summary: Output of :func:`article_summary`.
        target: Target name for the prose.
        limit: Most articles to list.
        frame_labels: Frame id -> label, to name the frames as the rest of the report does.

    Returns:
        Markdown list.

    Example:
        >>> summary = pd.DataFrame({"title": ["A", "B"], "published": ["2015", "2016"], "outlet": ["", ""],
        ...     "n_target": [1, 3], "n_favourable": [1, 0], "n_neutral": [0, 1], "n_critical": [0, 2],
        ...     "mean_stance": [0.5, -0.4], "top_frames": ["", "mediator (1)"]})
        >>> print(describe_articles(summary, "Russia", limit=1).split("\\n\\nEach line")[0])
        The 1 article with the most sentences about Russia, of 2 (all of them: `tables/article_summary.csv`):
        <BLANKLINE>
        - **B** (2016): 3 sentences about Russia, 0 favourable / 1 neutral / 2 critical, mean -0.40; frames: mediator (1).
        >>> describe_articles(summary, "Russia", frame_labels={"mediator": "Mediator"}).split("frames: ")[1].split("\\n")[0]
        'Mediator (1).'
        >>> many = summary.assign(top_frames=["", "mediator (4), rival_of_west (2), economic_lever (1)"], n_frames=[0, 5])
        >>> describe_articles(many, "Russia").split("\\n")[1].split("; ")[-1]
        'top 3 of 5 frames: mediator (4), rival_of_west (2), economic_lever (1).'
    """
    names = frame_labels or {}
    # An article without a sentence about the target has no stance to list: named apart below.
    about = summary["n_target"].fillna(0).astype(int) > 0
    rows, absent = summary[about], summary[~about]
    intro = ""
    if len(rows) > limit:
        rows = rows.assign(_order=range(len(rows))).sort_values(["n_target", "_order"], ascending=[False, True]).head(limit)
        intro = (
            f"The {plural(limit, 'article')} with the most sentences about {target}, of {len(summary):,} "
            "(all of them: `tables/article_summary.csv`):\n\n"
        )
    lines = []
    for r in rows.itertuples(index=False):
        top = re.sub(r"\b([a-z0-9_]+)(?= \(\d+\))", lambda m: names.get(m.group(1), m.group(1)), _str(r.top_frames))
        n_frames = int(getattr(r, "n_frames", 0) or 0)
        shown = len(re.findall(r"\(\d+\)", _str(r.top_frames)))  # before labels, which may hold " ("
        frames = (f"; frames: {top}" if n_frames <= shown else f"; top {shown} of {n_frames} frames: {top}") if top else "; no frame"
        lines.append(
            f"- **{r.title}** ({r.published or 'undated'}{', ' + r.outlet if r.outlet else ''}): "
            f"{plural(r.n_target, 'sentence')} about {target}, {r.n_favourable:,} favourable / {r.n_neutral:,} neutral / "
            f"{r.n_critical:,} critical, mean {_fmt_score(r.mean_stance)}{frames}."
        )
    text = intro + "\n".join(lines)
    if len(absent):
        k = len(absent)
        named = [f"**{r.title}** ({r.published or 'undated'}{', ' + r.outlet if r.outlet else ''})"
                 for r in absent.head(MAX_SKIPPED_LISTED).itertuples(index=False)]
        more = (f" and {k - MAX_SKIPPED_LISTED:,} more (`tables/article_summary.csv`, `n_target` 0)"
                if k > MAX_SKIPPED_LISTED else "")
        text += ("\n\n" if lines else "") + (f"{plural(k, 'article')} {'does' if k == 1 else 'do'} not mention {target}: "
                                              + "; ".join(named) + more + ".")
    if lines:
        text += ("\n\nEach line counts the labels of the article's sentences about " + target + "; it is not a reading "
                 "of the article as a whole, which can argue its case in sentences each scored neutral, or quote "
                 "voices it rejects.")
    return text


def evidence_sentences(sentences: pd.DataFrame, label: str, k: int = 3) -> pd.DataFrame:
    """The ``k`` strongest sentences with a stance label, for quoting as evidence.

    Args:
        sentences: scored sentences.
        label: ``favourable`` or ``critical``.
        k: How many.

    Returns:
        Rows sorted by strength (|score|), then sentence id, one per distinct text
        (a sentence repeated across articles, e.g. syndicated wire copy, is quoted
        once); ``n_articles`` counts the articles that carry the same text.

    Example:
        >>> s = pd.DataFrame({"sentence_id": ["a:1", "b:1", "c:1"], "doc_id": ["a", "b", "c"],
        ...     "text": ["Same.", "Same.", "Other."], "mentions_target": [True, True, True],
        ...     "stance": ["critical"] * 3, "stance_score": [-0.9, -0.9, -0.5]})
        >>> evidence_sentences(s, "critical")[["sentence_id", "n_articles"]].values.tolist()
        [['a:1', 2], ['c:1', 1]]
    """
    tgt = _target_sentences(sentences)
    sel = tgt[tgt["stance"] == label].copy()
    sel["strength"] = sel["stance_score"].abs()
    sel["n_articles"] = sel.groupby("text")["doc_id"].transform("nunique").astype(int)
    sel = sel.sort_values(["strength", "sentence_id"], ascending=[False, True])
    return sel.drop_duplicates("text").head(k)


def _label_agreement(stance_check: pd.DataFrame | None, label: str) -> str:
    """' In the coded sample of this corpus, the coder agreed with 2 of the scorer's 8 favourable labels.' or ''."""
    if stance_check is None or not len(stance_check) or "label" not in stance_check.columns:
        return ""
    rows = stance_check.set_index("label")
    if label not in rows.index or "n_machine" not in rows.columns or "n_both" not in rows.columns:
        return ""
    n_machine, n_both = _count(rows.loc[label, "n_machine"]), _count(rows.loc[label, "n_both"])
    if not n_machine:
        return f" In the coded sample of this corpus the scorer gave no {label} label, so these are unchecked."
    return (f" In the coded sample of this corpus, the coder agreed with {n_both:,} of the scorer's "
            f"{plural(n_machine, label + ' label')}.")


def describe_evidence(sentences: pd.DataFrame, documents: pd.DataFrame, target: str, k: int = 3,
                      stance_check: pd.DataFrame | None = None) -> str:
    """The sentences the scorer rated most favourable and most critical, quoted with their source and cues.

    They are the labels with the highest scores (:func:`evidence_sentences`), i.e. the
    scorer's most confident ones, and are presented as such: a reader sees how many
    labels they were picked from and that a high score is the scorer's reading, not a
    person's. On hand-coded test corpora the higher-scored labels were right more often
    than the lower-scored ones, and neither the cues' position nor quotation marks
    picked better examples, so the score is the choice.

    Args:
        sentences: scored sentences (``stance_scorer`` names the scorer when present).
        documents: documents table (``doc_id``, ``title``).
        target: Target name.
        k: Sentences per label.
        stance_check: ``tables/stance_validation.csv`` when a coding sheet with stance codes
            was given: each label's examples are followed by how many of the scorer's
            labels of that kind the coder agreed with.

    Returns:
        Markdown.
    """
    titles = documents.set_index("doc_id")["title"]
    tgt = _target_sentences(sentences)
    used = tgt["stance_scorer"].dropna().astype(str) if "stance_scorer" in tgt else pd.Series(dtype=str)
    scorer = f"the `{used.iloc[0]}` scorer" if len(used) else "the scorer"
    parts = [f"The examples below are the sentences {scorer} rated most strongly, with the words behind each score: "
             "a high score is the scorer's reading of the words around the target, not a person's judgement, and the "
             "words may be a quoted speaker's, may concern another actor, or may be meant ironically. How far the "
             "labels agree with human coders is under *How reliable are the labels?*.\n"]
    for label in ("favourable", "critical"):
        ev = evidence_sentences(sentences, label, k)
        if not len(ev):
            parts.append(f"No sentence presents {target} as {label}.")
            continue
        n_label, shown = int((tgt["stance"] == label).sum()), len(ev)
        picked = (f"its only {label} label" if n_label == shown == 1 else
                  f"all {n_label:,} of its {label} labels" if n_label == shown else
                  f"{shown:,} of its {n_label:,} {label} labels, those with the highest scores")
        parts.append(f"**The {plural(shown, 'sentence')} {scorer} rated most {label}** ({picked})."
                     f"{_label_agreement(stance_check, label)}\n")
        for r in ev.itertuples(index=False):
            cues = f" — cues: {r.stance_cues}" if _str(getattr(r, "stance_cues", "")) else ""
            frames = f"; frames: {r.frames}" if _str(getattr(r, "frames", "")) else ""
            also = f"; the same sentence is in {plural(r.n_articles - 1, 'other article')}" if r.n_articles > 1 else ""
            parts.append(
                f"> {r.text}\n>\n> — *{titles.get(r.doc_id, r.doc_id)}* (`{r.sentence_id}`, score "
                f"{_fmt_score(r.stance_score)}{cues}{frames}{also})\n"
            )
    return "\n".join(parts)


def mean_standard_error(values: pd.Series, articles: pd.Series) -> tuple[float, str]:
    """Standard error of a mean stance, with the article as the unit when possible.

    Sentences of one article are not independent (one author, one event), so with
    two or more articles the error is cluster-robust by article
    (``sqrt(G / (G - 1) * sum_g (sum_{i in g} (x_i - mean))^2) / n`` for ``G``
    articles); with one article only the sentence-level error ``sd / sqrt(n)`` is
    possible, and it is labelled so.

    Args:
        values: Stance scores.
        articles: The article (``doc_id``) of each score.

    Returns:
        ``(se, unit)`` with unit ``"articles"``, ``"sentences"`` or ``"none"``
        (fewer than two scores: se is NaN). Rounded to 4 decimals.

    Example:
        >>> mean_standard_error(pd.Series([0.5, 0.3, -0.2, -0.4]), pd.Series(["a", "a", "b", "b"]))
        (0.35, 'articles')
        >>> mean_standard_error(pd.Series([0.5, 0.3]), pd.Series(["a", "a"]))
        (0.1, 'sentences')
    """
    x = values.astype(float).to_numpy()
    n = len(x)
    if n < 2:
        return float("nan"), "none"
    sums = pd.Series(x - x.mean()).groupby(articles.to_numpy()).sum()
    g = len(sums)
    if g >= 2:
        return round(math.sqrt(g / (g - 1) * float((sums**2).sum())) / n, 4), "articles"
    return round(float(x.std(ddof=1)) / math.sqrt(n), 4), "sentences"


def stance_by_year(documents: pd.DataFrame, sentences: pd.DataFrame, frames: pd.DataFrame) -> pd.DataFrame:
    """Stance and frames towards the target per publication year.

    Returns:
        DataFrame with ``year``, ``n_articles``, ``n_target``, ``mean_stance``,
        ``sd_stance`` (sample standard deviation; NaN below two sentences),
        ``n_target_articles`` (articles with sentences about the target),
        ``se_stance`` and ``se_unit`` (see :func:`mean_standard_error`),
        ``n_favourable``, ``n_critical``, ``top_frame``.
    """
    years = documents.set_index("doc_id")["published"].fillna("").astype(str).str[:4].replace("", "undated")
    tgt = _target_sentences(sentences).assign(year=lambda d: d["doc_id"].map(years))
    fr = frames.assign(year=frames["doc_id"].map(years))
    rows = []
    for year in sorted(years.unique()):
        t = tgt[tgt["year"] == year]
        f = fr[fr["year"] == year]["frame"].value_counts()
        f = f.sort_index().sort_values(ascending=False, kind="stable")
        rows.append(
            {
                "year": year,
                "n_articles": int((years == year).sum()),
                "n_target": len(t),
                "mean_stance": round(float(t["stance_score"].mean()), 3) if len(t) else float("nan"),
                "sd_stance": round(float(t["stance_score"].std(ddof=1)), 3) if len(t) > 1 else float("nan"),
                "n_target_articles": int(t["doc_id"].nunique()),
                **dict(zip(("se_stance", "se_unit"), mean_standard_error(t["stance_score"], t["doc_id"]))),
                "n_favourable": int((t["stance"] == "favourable").sum()),
                "n_critical": int((t["stance"] == "critical").sum()),
                # "a|b" when two frames tie; none when more do (no frame stands out)
                "top_frame": "|".join(f.index[f == f.iloc[0]]) if len(f) and (f == f.iloc[0]).sum() <= 2 else "",
            }
        )
    return pd.DataFrame(rows)


def stance_trend(documents: pd.DataFrame, sentences: pd.DataFrame) -> dict[str, Any]:
    """Least-squares trend of the articles' mean stance over publication date, all years at once.

    Each dated article with sentences about the target is one point (its mean
    stance score, whatever its length: the article is the unit, as for the
    intervals elsewhere); x is the publication date in decimal years. The 95%
    interval of the slope uses Student t with ``n - 2`` degrees of freedom.
    The comparison of the first and the last year (:func:`describe_shift`) uses
    two years only; this uses every dated article in between too.

    Args:
        documents: Documents table (``doc_id``, ``published`` as ``YYYY-MM-DD`` or empty).
        sentences: Sentences table with ``mentions_target`` and ``stance_score``.

    Returns:
        Dict with ``n_articles`` (dated articles with sentences about the
        target), ``first``/``last`` (their earliest and latest dates),
        ``span_years``, ``slope`` (per year), ``se`` (of the slope), ``df`` (``n - 2``, 0 below two articles),
        ``change`` (slope x span: the fitted line's change from the first to
        the last date) and ``low``/``high`` (its 95% interval). The numbers are
        NaN when there are fewer than three such articles or they share one date.

    Example:
        >>> docs = pd.DataFrame({"doc_id": list("abcd"),
        ...     "published": ["2015-01-01", "2018-01-01", "2021-01-01", "2024-01-01"]})
        >>> s = pd.DataFrame({"doc_id": list("aabcd"), "mentions_target": True,
        ...     "stance_score": [-0.4, -0.2, -0.1, 0.0, 0.3]})
        >>> t = stance_trend(docs, s)
        >>> t["n_articles"], round(t["slope"], 3), round(t["change"], 2), t["df"]
        (4, 0.063, 0.57, 2)
    """
    published = documents.set_index("doc_id")["published"].fillna("").astype(str)
    means = _target_sentences(sentences).groupby("doc_id")["stance_score"].mean().dropna()
    dates = pd.to_datetime(means.index.map(published), format="%Y-%m-%d", errors="coerce")
    keep = ~dates.isna()
    means, dates = means[keep], dates[keep]
    x = (dates.year + (dates.day_of_year - 1) / (365 + dates.is_leap_year.astype(int))).to_numpy(dtype=float)
    y = means.to_numpy(dtype=float)
    nan = float("nan")
    out: dict[str, Any] = {
        "n_articles": len(y), "first": str(dates.min().date()) if len(y) else "",
        "last": str(dates.max().date()) if len(y) else "",
        "span_years": float(x.max() - x.min()) if len(y) else nan,
        "slope": nan, "se": nan, "df": max(len(y) - 2, 0), "change": nan, "low": nan, "high": nan,
    }
    if len(y) < 3 or out["span_years"] <= 0:
        return out
    xc = x - x.mean()
    slope = float((xc * (y - y.mean())).sum() / (xc**2).sum())
    residuals = y - y.mean() - slope * xc
    se = math.sqrt(float((residuals**2).sum()) / (len(y) - 2) / float((xc**2).sum()))
    from scipy.stats import t as student_t

    half = float(student_t.ppf(0.975, len(y) - 2)) * se * out["span_years"]
    change = slope * out["span_years"]
    out.update(slope=slope, se=se, change=change, low=change - half, high=change + half)
    return out


def describe_trend(trend: dict[str, Any], target: str) -> str:
    """Sentence on the all-years trend from :func:`stance_trend`; the direction only when its interval excludes zero.

    Example:
        >>> describe_trend({"n_articles": 2, "first": "2015-01-01", "last": "2024-01-01"}, "Russia")
        'With fewer than three dated articles about Russia on different dates, no trend over all years is fitted.'
    """
    if math.isnan(float(trend.get("change", float("nan")))):
        return (f"With fewer than three dated articles about {target} on different dates, "
                "no trend over all years is fitted.")
    change = round(float(trend["change"]), 2)
    # No clamp: a fitted line's change over the span can exceed the -2..+2 of a difference of two means.
    low, high = printed_interval(change, (trend["high"] - trend["low"]) / 2, limit=math.inf)
    clear = low > 0 or high < 0
    verdict = (f"**{'more favourable' if change > 0 else 'more critical'}** over time" if clear
               else "**no clear trend**")
    return (
        f"Over all {plural(int(trend['n_articles']), 'dated article')} about {target} "
        f"({trend['first'][:4]} to {trend['last'][:4]}), a straight line fitted through each article's "
        f"mean stance changes by {_fmt_score(change)} from the first to the last date "
        f"(95% CI {_fmt_score(low)} to {_fmt_score(high)}; each article one point, "
        f"Student t with {plural(int(trend['df']), 'degree')} of freedom): {verdict}."
    )


def describe_shift(
    by_year: pd.DataFrame, target: str, frame_labels: dict[str, str], trend: dict[str, Any] | None = None
) -> str:
    """Paragraph on how stance and framing move over the years.

    With ``trend`` (:func:`stance_trend`) the paragraph opens with the trend
    over all dated articles (:func:`describe_trend`), then compares the first
    and the last year.

    The change of mean stance between the first and the last year comes with a
    95% interval from the two years' standard errors (:func:`mean_standard_error`:
    article-clustered when each year has two or more articles, then with a Student
    t critical value for the fewest articles; else sentence-level, normal, and
    said to be too narrow); the direction is called only when the interval
    excludes zero and is article-clustered (a year of a single article compares two
    articles, not two years of coverage).

    Args:
        by_year: Output of :func:`stance_by_year`.
        target: Target name.
        frame_labels: frame id -> label.
        trend: Output of :func:`stance_trend`, or None for the first/last comparison alone.

    Returns:
        Markdown.

    Example:
        >>> by_year = pd.DataFrame({"year": ["2015", "2024"], "n_articles": [1, 1], "n_target": [400, 400],
        ...     "mean_stance": [-0.04, -0.05], "n_target_articles": [1, 1], "se_stance": [0.025, 0.025],
        ...     "se_unit": ["sentences", "sentences"], "top_frame": ["", ""]})
        >>> describe_shift(by_year, "Russia", {}).split(". Year")[0]
        'From 2015 to 2024 the stance towards Russia shows **no clear change** (-0.04 to -0.05; change -0.01, 95% CI -0.08 to +0.06)'
    """
    dated = by_year[(by_year["year"] != "undated") & (by_year["n_target"] > 0)]
    if len(dated) < 2:
        few_years = "The corpus covers fewer than two years with sentences about the target, so "
        if trend is not None and not math.isnan(float(trend.get("change", float("nan")))):
            # months of one year still give a trend
            return describe_trend(trend, target) + " " + few_years + "years cannot be compared."
        return few_years + "no shift over time can be described."
    first, last = dated.iloc[0], dated.iloc[-1]
    # The change of the printed (rounded) means, so the sentence's arithmetic adds up.
    change = round(float(last.mean_stance), 2) - round(float(first.mean_stance), 2)
    by_articles = first.se_unit == last.se_unit == "articles"
    se = math.sqrt(first.se_stance**2 + last.se_stance**2)
    single = [str(r.year) for r in (first, last) if r.n_target_articles < 2]
    too_narrow = (f"{' and '.join(single)} {'each have' if len(single) > 1 else 'has'} a single article about {target}, "
                  f"so the interval treats {'their' if len(single) > 1 else 'its'} sentences as independent and is too narrow")
    unit_note = ("the interval treats the article as the unit (sentences of one article are not independent)"
                 if by_articles else f"{too_narrow}")
    if math.isnan(se):  # no interval, so no direction is called (as for the overall lean)
        verdict = "**cannot be compared**"
        interval = "; one of the two years has a single sentence about the target, so there is no interval"
        unit_note = ""
    else:
        # Few articles: Student t with (fewest articles - 1) degrees of freedom, not the normal 1.96.
        critical = critical_value("articles" if by_articles else "sentences",
                                  int(min(first.n_target_articles, last.n_target_articles)))
        low, high = printed_interval(change, critical * se, limit=2.0)  # a change lies within -2..+2
        clear = low > 0 or high < 0
        if critical * se >= 2.0:
            # At least as wide as the whole scale of a change (-2..+2) before clipping: it says nothing,
            # whether it is clipped at both ends or, off-centre, at one ("-2.00 to +1.95").
            counts = (f"{plural(int(first.n_target_articles), 'article')} about {target} in {first.year} and "
                      f"{int(last.n_target_articles):,} in {last.year}" if by_articles else
                      f"{plural(int(first.n_target), 'sentence')} about {target} in {first.year} and "
                      f"{int(last.n_target):,} in {last.year}")
            verdict = "shows **no change that can be assessed**"
            interval = (f"; change {_fmt_score(change)}; with only {counts}, too few "
                        f"{'articles per year' if by_articles else 'sentences'} give no usable interval: at 95% it "
                        "would be as wide as the whole possible range of a change, -2 to +2")
            unit_note = ""
        elif clear and not by_articles:
            # A year of one article: the sentence-level interval is too narrow, and the difference is
            # between two articles rather than two years of coverage, so no direction is called.
            verdict = "shows **no change that can be called**"
            interval = (f"; change {_fmt_score(change)}, 95% CI {_fmt_score(low)} to {_fmt_score(high)}, which excludes 0, "
                        f"but {too_narrow}, and {'each year' if len(single) > 1 else single[0]}'s mean is one "
                        "article's, not a year's coverage")
            unit_note = ""
        else:
            verdict = f"becomes **{'more favourable' if change > 0 else 'more critical'}**" if clear else "shows **no clear change**"
            interval = f"; change {_fmt_score(change)}, 95% CI {_fmt_score(low)} to {_fmt_score(high)}"
    steps = "; ".join(
        f"{r.year}: mean {_fmt_score(r.mean_stance)} over {plural(r.n_target, 'sentence')}"
        + (", mostly " + " and ".join(f"*{frame_labels.get(t, t)}*" for t in r.top_frame.split("|"))
           + (" (tied)" if "|" in r.top_frame else "") if r.top_frame else "")
        for r in dated.itertuples(index=False)
    )
    opening = (describe_trend(trend, target) + " Comparing only the first and the last year: from"
               if trend is not None else "From")
    return (
        f"{opening} {first.year} to {last.year} the stance towards {target} {verdict} "
        f"({_fmt_score(first.mean_stance)} to {_fmt_score(last.mean_stance)}{interval}). Year by year — {steps}. "
        # Articles about the target, as the trend sentence counts them (not every article of those years).
        f"With {plural(int(dated['n_target_articles'].sum()), 'article')} about {target} across {plural(len(dated), 'year')}, "
        f"these are observations about these articles, not a trend in the press at large"
        + (f"; {unit_note}." if unit_note else ".")
    )


def _quotes_about(n_quotes: int, n_target: int, fav: int, neu: int, cri: int, target: str) -> str:
    """'12 of them about Russia, in 20 sentences about Russia (5 favourable, ...)' with the one/all/none cases worded.

    Example:
        >>> _quotes_about(1, 1, 0, 0, 1, "Russia")
        'about Russia, in 1 sentence about Russia (0 favourable, 0 neutral, 1 critical)'
        >>> _quotes_about(3, 0, 0, 0, 0, "Russia")
        'none of them about Russia'
    """
    n_quotes, n_target = int(n_quotes), int(n_target)
    if not n_target:
        return f"not about {target}" if n_quotes == 1 else f"none of them about {target}"
    which = (f"about {target}" if n_quotes == 1 else f"all of them about {target}" if n_target == n_quotes
             else f"{n_target:,} of them about {target}")
    return (f"{which}, in {plural(int(fav + neu + cri), 'sentence')} about {target} "
            f"({int(fav):,} favourable, {int(neu):,} neutral, {int(cri):,} critical)")


def bloc_summary(voices: pd.DataFrame) -> pd.DataFrame:
    """Voices grouped by bloc (Azerbaijani, Russian, Western, ...).

    Returns:
        DataFrame with ``bloc``, ``n_speakers``, ``n_quotes``, ``n_target_quotes``,
        ``n_favourable``, ``n_neutral``, ``n_critical``.
    """
    v = voices.assign(bloc=voices["speaker_country"].fillna("").map(speaker_bloc))
    out = (
        v.groupby("bloc")
        .agg(
            n_speakers=("speaker", "nunique"),
            n_quotes=("n_quotes", "sum"),
            n_target_quotes=("n_target_quotes", "sum"),
            n_favourable=("n_favourable", "sum"),
            n_neutral=("n_neutral", "sum"),
            n_critical=("n_critical", "sum"),
        )
        .reset_index()
        .sort_values(["n_quotes", "bloc"], ascending=[False, True])
        .reset_index(drop=True)
    )
    return out


def _quotation_mean_stance(quotes: pd.DataFrame, quotation_ids: list[str]) -> float:
    """Mean ``stance_score`` of the rows of these quotations whose quoted words mention the target (NaN if none)."""
    if "stance_score" not in quotes or "quotation_id" not in quotes:
        return float("nan")
    rows = quotes[quotes["quotation_id"].astype(str).isin(quotation_ids)]
    if "mentions_target" in rows:
        rows = rows[rows["mentions_target"].astype(str).str.lower().isin(["true", "1"])]
    scores = pd.to_numeric(rows["stance_score"], errors="coerce").dropna()
    return float(scores.mean()) if len(scores) else float("nan")


def describe_voices(voices: pd.DataFrame, target: str, quotes: pd.DataFrame | None = None,
                    sentences: pd.DataFrame | None = None) -> str:
    """Paragraph on whose voices carry which stance/framing, by bloc and top speakers.

    Quotations without a registered speaker (``speaker == "unknown"``) are reported
    on their own, not as a speaker; with ``quotes`` they are split into named people
    the registry does not know (how many, the most quoted, how to add them),
    named organisations, anonymous or described voices, and speakers the tool did not identify
    (:func:`_unregistered_voices`), and the most quoted speakers include the named
    people the registry does not know.

    Args:
        voices: voices table (:func:`analysis.quotes.speaker_voices`).
        target: Target name.
        quotes: quotes table (``quotation_id``, ``speaker``, ``speaker_surface``,
            ``doc_id``, ``mentions_target``, ``stance_score``), or None.
        sentences: sentences table (``doc_id``, ``text``), or None: with it a bare
            surname takes the full name its article introduced.

    Returns:
        Markdown.
    """
    if not len(voices):
        return "No quotation was found, so no voices can be compared."
    unattributed = voices[voices["speaker"] == "unknown"]
    voices = voices[voices["speaker"] != "unknown"]
    parts = []
    for r in bloc_summary(voices).itertuples(index=False):
        who = "Voices of unknown origin" if r.bloc == "unknown" else f"{r.bloc} voices"
        about = _quotes_about(r.n_quotes, r.n_target_quotes, r.n_favourable, r.n_neutral, r.n_critical, target)
        parts.append(f"{who} ({plural(r.n_speakers, 'speaker')}) account for {plural(r.n_quotes, 'quotation')}, {about}")
    text = "; ".join(parts) + "." if parts else ""
    has_unknown_quotes = quotes is not None and (quotes["speaker"] == "unknown").any()
    if len(unattributed):
        u = unattributed[["n_quotes", "n_target_quotes", "n_favourable", "n_neutral", "n_critical"]].fillna(0).astype(int).sum()
        about = _quotes_about(u.n_quotes, u.n_target_quotes, u.n_favourable, u.n_neutral, u.n_critical, target)
        if has_unknown_quotes:
            text += (f" {plural(int(u.n_quotes), 'quotation')} {'has' if int(u.n_quotes) == 1 else 'have'} no "
                     f"registered speaker, {about}. Of these, " + _join_clauses(_unregistered_clauses(quotes, sentences)) + ".")
        else:
            text += f" {plural(int(u.n_quotes), 'quotation')} could not be attributed to a speaker, {about}."
    # Registered speakers and named people the registry lacks compete for "most quoted".
    ranked = [(int(r.n_quotes), r.speaker,
               f"{_str(r.speaker_role) or _str(r.speaker_country) or 'role unknown'}", float(r.mean_stance))
              for r in voices.itertuples(index=False)]
    if has_unknown_quotes:
        named = _unregistered_voices(quotes, sentences)
        ranked += [(len(ids), name, "not in the speaker registry", _quotation_mean_stance(quotes, ids))
                   for name, ids in named.quotations_of.items()]
    if not ranked:
        return (text + ATTRIBUTION_CAVEAT).strip()
    top = sorted(ranked, key=lambda r: (-r[0], r[1]))[:3]
    tops = ", ".join(
        f"{name} ({role}; {plural(n, 'quotation')}"
        + (f", mean stance {_fmt_score(mean)}" if not math.isnan(mean) else "") + ")"
        for n, name, role, mean in top
    )
    return (text + f" The most quoted speakers are {tops}." + ATTRIBUTION_CAVEAT).strip()


_DATASET_NAMES = {
    "newsmtsc dev_rw": "NewsMTSC real-world dev split",
    "newsmtsc dev_mt": "NewsMTSC multi-target dev split",
    "nyt dev": "NYT editorial snippets (dev)",
}
_METRIC_NAMES = {"macro_f1": "macro-F1", "pearson_r": "Pearson r"}


def _figures(rows: pd.DataFrame) -> str:
    return "; ".join(
        f"{_METRIC_NAMES.get(r.metric, r.metric)} {r.value:.3f} on the {_DATASET_NAMES.get(r.dataset, r.dataset)} "
        f"(95% CI {r.ci_low:.3f}–{r.ci_high:.3f}, n = {r.n})"
        for r in rows.itertuples(index=False)
    )


def stronger_scorers(scorer: str, stored: dict | None = None) -> pd.DataFrame:
    """Scorers not used in this run whose stored validation figures are at least ``scorer``'s on every dataset and better on one.

    Args:
        scorer: The scorer the run used.
        stored: Content of the package's ``validation.json`` (default: read it from
            ``config.MODELS_DIR``; an absent file gives no rows).

    Returns:
        Columns ``scorer``, ``dev_rw``, ``dev_mt`` (macro-F1), ``nyt`` (Pearson r),
        best first.

    Example:
        >>> stored = {"scorers": {
        ...     "linear": {"dev_rw": {"macro_f1": 0.68}, "dev_mt": {"macro_f1": 0.66}, "nyt": {"pearson_r": 0.54}},
        ...     "transformer": {"dev_rw": {"macro_f1": 0.82}, "dev_mt": {"macro_f1": 0.73}, "nyt": {"pearson_r": 0.61}},
        ...     "vader": {"dev_rw": {"macro_f1": 0.50}, "dev_mt": {"macro_f1": 0.53}, "nyt": {"pearson_r": 0.50}}}}
        >>> stronger_scorers("linear", stored)["scorer"].tolist()
        ['transformer']
        >>> stored["scorers"]["linear-minilm"] = {"dev_rw": {"macro_f1": 0.68}, "dev_mt": {"macro_f1": 0.66},
        ...                                      "nyt": {"pearson_r": 0.61}}  # same stance, better tone
        >>> stronger_scorers("linear", stored)["scorer"].tolist()
        ['transformer', 'linear-minilm']
    """
    import json

    if stored is None:
        path = config.MODELS_DIR / "validation.json"
        stored = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    figures = {}
    for name, result in (stored.get("scorers") or {}).items():
        try:
            figures[name] = {"dev_rw": float(result["dev_rw"]["macro_f1"]), "dev_mt": float(result["dev_mt"]["macro_f1"]),
                             "nyt": float(result["nyt"]["pearson_r"])}
        except (KeyError, TypeError, ValueError):
            continue  # e.g. {"unavailable": reason}
    columns = ["scorer", "dev_rw", "dev_mt", "nyt"]
    if scorer not in figures:
        return pd.DataFrame(columns=columns)
    own = figures[scorer]
    rows = [{"scorer": n, **f} for n, f in figures.items()
            if n != scorer and all(f[k] >= own[k] for k in own) and any(f[k] > own[k] for k in own)]
    return pd.DataFrame(rows, columns=columns).sort_values(["dev_rw", "scorer"], ascending=[False, True]).reset_index(drop=True)


def describe_reliability(validation: pd.DataFrame, scorer: str, stored: dict | None = None) -> str:
    """Paragraph on how reliable the automatic labels are, from the validation table.

    Args:
        validation: One row per (scorer, dataset) with ``scorer``, ``dataset``, ``metric``,
            ``value``, ``ci_low``, ``ci_high``, ``n``.
        scorer: The stance scorer used in the report.
        stored: Stored validation figures of all scorers (see :func:`stronger_scorers`).

    Returns:
        Markdown. The report's sentence tone is the same scorer's sentence
        sentiment, so its NYT figure is given; TextBlob's figures are given too,
        because its polarity (with word evidence) is kept in the tables. If a
        scorer that is not used here measured better on every dataset (e.g. the
        optional transformer tier), the paragraph names it and its figures.
    """
    if not len(validation):
        return ("No validation figures are available: notebook `05_validation.ipynb` writes them to "
                "`tables/validation.csv`. `analysis report` runs it; with papermill, run it before this notebook "
                "with the same `out_dir`.")
    stance = validation[(validation["scorer"] == scorer) & (validation["metric"] == "macro_f1")]
    text = (
        f"The stance labels in this report come from the `{scorer}` scorer. Measured against the majority label of "
        f"human coders on sentiment towards a named target in news sentences, it reaches {_figures(stance) or 'no measured figures'}."
    )
    own_nyt = validation[(validation["scorer"] == scorer) & (validation["metric"] == "pearson_r")]
    if scorer != "textblob":
        text += (
            f" The sentence tone shown in this report (the tone figure and the `tone` columns) is the `{scorer}` scorer's "
            "sentence sentiment; against the mean rating of human raters of NYT editorial sentences it reaches "
            f"{_figures(own_nyt) or 'no measured figures'}."
        )
    blob = validation[validation["scorer"] == "textblob"]
    if len(blob) and scorer != "textblob":
        text += (
            " TextBlob's polarity is kept beside it in the tables because it lists the words behind each score "
            f"(`assessments`); it reaches {_figures(blob)}."
        )
    elif len(blob):
        text += f" The sentence tone shown in this report is TextBlob's polarity; it reaches {_figures(blob)}."
    better = stronger_scorers(scorer, stored)
    if len(better):
        from analysis.scorers import available_scorers, install_hint

        b = better.iloc[0]
        how = (
            f"it is installed here: rerun with `scorer={b.scorer}`" if b.scorer in available_scorers()
            else f"to install it: {install_hint(b.scorer)}"
        )
        text += (
            f" A stronger scorer exists: `{b.scorer}` measured macro-F1 {b.dev_rw:.3f} (real-world split), "
            f"{b.dev_mt:.3f} (multi-target split) and Pearson r {b.nyt:.3f} on the NYT snippets (the package's stored "
            f"figures, `validation.json`); {how}."
        )
    text += (
        " Macro-F1 averages the F1 of the negative, neutral and positive classes (a perfect scorer gets one; guessing "
        "gets about a third); Pearson r measures agreement with the mean rating of the human raters of each snippet."
    )
    return text


#: A frame's own agreement figures are named only when the coder gave it at least this often.
MIN_CODED_FOR_A_FRAME = 5


def _num(value: Any) -> float:
    """A figure read back from CSV as float (empty cell: NaN)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def _stat(value: Any) -> str:
    """A figure with two decimals, or 'undefined' (e.g. an alpha when the codes do not vary)."""
    x = _num(value)
    return "undefined" if math.isnan(x) else f"{x:.2f}"


def _count(value: Any) -> int:
    """A count read back from CSV (empty cell or missing column: 0)."""
    x = _num(value)
    return 0 if math.isnan(x) else int(x)


def _interval(low: Any, high: Any, unit: str, n: int, n_articles: int) -> str:
    """' (95% CI a–b, resampling articles)' or the sentence-level variant with its caveat; '' without an interval."""
    if math.isnan(_num(low)):
        return ""
    if unit == "article":
        return f" (95% CI {_num(low):.2f}–{_num(high):.2f}, resampling the {n_articles:,} articles)"
    return (f" (95% CI {_num(low):.2f}–{_num(high):.2f}, resampling sentences; the {n:,} sentences come from "
            f"{plural(n_articles, 'article')} and those of one article are not independent, so it is too narrow)")


def _rows_left_out(row: pd.Series, not_coded: str, target: str, first: Sequence[tuple[int, str]] = ()) -> str:
    """' Left out: 2 rows not coded and 1 row without a mention of X ...' from a validation table row, or ''.

    ``first``: further ``(count, why)`` reasons, named before the table's.
    """
    left = [*first, (_count(row.get("n_not_coded", 0)), not_coded),
            (_count(row.get("n_no_target_mention", 0)), f"without a mention of {target} the lexicon finds")]
    left = [f"{plural(k, 'row')} {why}" for k, why in left if k]
    return f" Left out: {' and '.join(left)}." if left else ""


def describe_frame_validation(table: pd.DataFrame | None, target: str, frame_labels: dict[str, str],
                              out_hint: str = "reports", missing_reason: str = "", rerun: str = "analysis report",
                              on_codebook_examples: bool = False) -> str:
    """Paragraph on how well the codebook's frames match human coding of this corpus.

    Args:
        table: ``tables/frame_validation.csv`` (see ``coding.frame_validation_table``),
            or None / empty when no coded sheet was given.
        target: Target actor.
        frame_labels: Frame id -> label.
        out_hint: The output folder to name in the how-to.
        missing_reason: Why a given coding sheet could not measure the frames (e.g.
            its ``human_frames`` column is empty); said instead of the how-to.
        rerun: The command that made this run (``report.rerun_command``), so that the
            how-to reruns the same corpus, target and output folder.
        on_codebook_examples: The corpus is the one the codebook's examples come from
            (``RunConfig.codebook_written_on_corpus``): said, since agreement there
            overstates agreement on other news.

    Returns:
        Markdown: precision and recall of the codebook's labels, the pooled F1 with
        its interval, kappa over all sentence-frame decisions, the mean F1 over the
        frames used, the best and worst frames among those given at least
        ``MIN_CODED_FOR_A_FRAME`` times by coder or codebook, the agreement between
        two coders when the sheet has a second coder's codes (else that it is
        unknown), and the rows left out; without a coded sheet, that the frames
        are unchecked and how to check them.

    Example:
        >>> print(describe_frame_validation(None, "Russia", {}))  # doctest: +ELLIPSIS
        The frame labels have not been checked against human coding of this corpus...
    """
    how = (
        f"draw a sample with `analysis coding-sheet {out_hint} --n 100 --out sheet.csv`, write the frame ids a reader "
        f"sees in each sentence (or `none`) in its `human_frames` column, and rerun with `{rerun} -p coding_sheet=sheet.csv`"
    )
    if (table is None or not len(table)) and missing_reason:
        return f"The frame labels were not checked against the coding sheet: {missing_reason}."
    if table is None or not len(table):
        return (
            "The frame labels have not been checked against human coding of this corpus: keyword indicators can miss "
            "a role said in other words and fire on a word used in another sense, and no public benchmark codes these "
            f"roles. To measure it, {how}; `analysis evaluate coding sheet.csv` prints the same figures as JSON."
        )
    from analysis.coding import MACRO, POOLED

    pooled = table[table["frame"] == POOLED].iloc[0]
    macro = table[table["frame"] == MACRO].iloc[0]
    frames = table[~table["frame"].isin([POOLED, MACRO])].copy()
    n = int(pooled["n_sentences"])
    n_machine, n_human, n_both = int(pooled["n_machine"]), int(pooled["n_human"]), int(pooled["n_both"])
    text = (
        f"The frame labels were checked against {plural(n, 'sentence')} about {target} that a person coded by hand "
        f"without the codebook's labels in view (`{Path(str(pooled['sheet'])).name}`). "
    )
    if n_machine + n_human == 0:
        text += ("Neither the coder nor the codebook gave any frame to these sentences, so agreement cannot be "
                 "measured; code a larger sample.")
    else:
        precision = (f"of the {plural(n_machine, 'label')} the codebook gave, the coder also gave "
                     f"{share(n_both, n_machine)} (precision)" if n_machine else "the codebook gave no label")
        recall = (f"of the coder's {plural(n_human, 'label')}, the codebook found {share(n_both, n_human)} (recall)"
                  if n_human else "the coder gave no label")
        ci = _interval(pooled["f1_ci_low"], pooled["f1_ci_high"], _str(pooled.get("ci_unit", "")) or "sentence", n,
                       _count(pooled.get("n_articles", 0)))
        n_used = int(frames["f1"].map(_num).notna().sum())
        text += (
            f"{precision[0].upper() + precision[1:]}; {recall}. The F1 pooled over frames is {_num(pooled['f1']):.2f}{ci}; "
            f"Cohen's kappa over all {plural(n * len(frames), 'sentence-frame decision')} is {_num(pooled['kappa']):.2f} "
            "(most of them agreed \"no\", which raises it; the kappa of each frame is in `frame_validation.csv`); the mean "
            f"F1 over the {plural(n_used, 'frame')} either side used is {_num(macro['f1']):.2f}; "
            f"{share(_num(pooled['exact_match']), 1)} of the sentences got exactly the coder's set of frames."
        )
        frames["f1"] = frames["f1"].map(_num)
        often = (frames["n_human"].map(_num).fillna(0) >= MIN_CODED_FOR_A_FRAME) | (
            frames["n_machine"].map(_num).fillna(0) >= MIN_CODED_FOR_A_FRAME)
        judged = frames[often & frames["f1"].notna()].sort_values(["f1", "frame"], ascending=[False, True], kind="mergesort")
        name = lambda r: (f"{frame_labels.get(r.frame, r.frame)} (F1 {r.f1:.2f}; coder {_count(r.n_human)}, "  # noqa: E731
                          f"codebook {_count(r.n_machine)} labels)")
        if len(judged) >= 2:
            text += f" Among the frames given at least {MIN_CODED_FOR_A_FRAME} times, the codebook finds {name(judged.iloc[0])} best and {name(judged.iloc[-1])} worst."
        elif len(judged) == 1:
            text += f" Only {name(judged.iloc[0])} was given often enough to be judged on its own."
        few = frames[~often]["frame"]
        if len(few):
            text += (f" {plural(len(few), 'frame')} given fewer than {MIN_CODED_FOR_A_FRAME} times by either side "
                     f"({', '.join(frame_labels.get(f, f) for f in few)}) cannot be judged on their own from this sample.")
    n_double = _count(pooled.get("n_double_coded", 0))
    if n_double:
        text += (
            f" A second coder coded {n_double:,} of the sentences independently: the two coders "
            f"agree with pooled F1 {_stat(pooled['coders_f1'])} and Krippendorff's alpha {_stat(pooled['coders_alpha'])}; "
            f"on the same sentences the codebook agrees with the first coder at F1 {_num(pooled['codebook_f1_on_double_coded']):.2f}. "
            "Agreement between people is the yardstick for the codebook's."
        )
    else:
        text += (
            " Only one person coded the frames, so how far two coders agree on these roles (the yardstick for the "
            "codebook) is not known; a second coder's codes of a copy, pasted as a "
            "`human_frames_2` column, add it."
        )
    text += (f" Recall counts only sentences the actor lexicon found; a reference to {target} it misses is in no "
             "sample.")
    if on_codebook_examples:
        text += (" These sentences come from the corpus the codebook was written on (its examples are sentences of it), "
                 "so the agreement overstates what the codebook achieves on other news.")
    return text + _rows_left_out(pooled, "not coded", target)


def _alpha_note(agreement: float, alpha: float) -> str:
    """Why alpha can be far below the share of agreement (or undefined), when it is."""
    if math.isnan(alpha):
        return " (Alpha is undefined because both coders used a single label throughout, so chance agreement is total.)"
    if agreement - alpha >= 0.3:
        return (" (Alpha is much lower than the share of agreement because it discounts the agreement expected by "
                "chance, which is high when most sentences get the same label; with few double-coded sentences it "
                "is also unstable.)")
    return ""


def describe_stance_coding(table: pd.DataFrame | None, target: str, out_hint: str = "reports",
                           missing_reason: str = "", rerun: str = "analysis report") -> str:
    """Paragraph on how the run's stance labels compare with human coding of this corpus.

    Args:
        table: ``tables/stance_validation.csv`` (see ``coding.stance_validation_table``),
            or None / empty when the sheet has no stance codes (or there is no sheet).
        target: Target actor.
        out_hint: The output folder to name in the how-to.
        missing_reason: Why a given coding sheet could not measure the stance labels;
            said instead of the how-to.
        rerun: The command that made this run (see :func:`describe_frame_validation`).

    Returns:
        Markdown: macro-F1 and accuracy with the interval, how the coder and the
        scorer distributed the labels, the agreement of a second coder (or that it is
        unknown), rows left out; or that the stance labels are unchecked on this
        corpus and how to check them.

    Example:
        >>> print(describe_stance_coding(None, "Russia"))  # doctest: +ELLIPSIS
        The stance labels have not been checked against human coding of this corpus...
    """
    if (table is None or not len(table)) and missing_reason:
        return f"The stance labels were not checked against the coding sheet: {missing_reason}."
    if table is None or not len(table):
        return (
            "The stance labels have not been checked against human coding of this corpus: the NewsMTSC figures come "
            "from other news, and outlets, translation and topic can change how well a scorer reads stance. To check "
            f"it, draw a sheet with `analysis coding-sheet {out_hint} --n 100 --out sheet.csv`, write favourable, neutral "
            f"or critical (towards {target}) in its `human_stance` column (`skip` for a sentence not really about {target}), "
            f"and rerun with `{rerun} -p coding_sheet=sheet.csv`."
        )
    rows = table.set_index("label")
    overall = rows.loc["all"]
    n = _count(overall["n_sentences"])
    counts = {lab: (_count(rows.loc[lab, "n_human"]), _count(rows.loc[lab, "n_machine"]))
              for lab in ("critical", "neutral", "favourable")}
    ci = _interval(overall["ci_low"], overall["ci_high"], _str(overall.get("ci_unit", "")) or "sentence", n,
                   _count(overall.get("n_articles", 0)))
    averaged = [lab for lab in _str(overall.get("macro_labels", "")).split("|") if lab]
    over = f" over the labels either side used ({' and '.join(averaged)})" if 0 < len(averaged) < 3 else ""
    text = (
        f"On this corpus, against {plural(n, 'sentence')} about {target} that a person coded for their stance "
        f"(`{Path(_str(overall['sheet'])).name}`), the `{_str(overall['scorer'])}` labels reach macro-F1 "
        f"{_num(overall['macro_f1']):.2f}{over}{ci} and accuracy {share(_num(overall['accuracy']), 1)}; the coder called "
        f"{counts['critical'][0]:,} critical, {counts['neutral'][0]:,} neutral and {counts['favourable'][0]:,} favourable, "
        f"the scorer {counts['critical'][1]:,}, {counts['neutral'][1]:,} and {counts['favourable'][1]:,}."
    )
    text += _share_bias(rows, target)
    unused = [lab for lab, (h, m) in counts.items() if h == 0 and m > 0]
    if unused:
        text += (f" Macro-F1 averages the labels, so {' and '.join(unused)}, which the scorer gave but the coder "
                 "never did, counts as zero.")
    n_double = _count(overall.get("n_double_coded", 0))
    if n_double:
        text += (f" A second coder coded {n_double:,} of the sentences: the two people agree on "
                 f"{share(_num(overall['coders_agreement']), 1)} of them (Krippendorff's alpha "
                 f"{_stat(overall['coders_alpha'])}), and on the same sentences the scorer agrees with the first coder on "
                 f"{share(_num(overall['scorer_agreement_on_double_coded']), 1)}. Agreement between people is the yardstick "
                 "for the scorer's." + _alpha_note(_num(overall["coders_agreement"]), _num(overall["coders_alpha"])))
    else:
        text += (" Only one person coded the stance, so how far two coders agree (the yardstick for the scorer) is not "
                 "known; a second coder's codes of a copy, pasted as a `human_stance_2` column, add it.")
    skipped = (_count(overall.get("n_skipped", 0)), f"the coder marked `skip` (not about {target}, or the stance cannot be told)")
    return text + _rows_left_out(overall, "without a stance code", target, first=[skipped])


def _share_differences(rows: pd.DataFrame) -> list[tuple[str, int, int, int]]:
    """``(label, difference, low, high)`` in whole points, as printed, for each label with a measured share difference.

    ``rows``: ``tables/stance_validation.csv`` indexed by ``label``; a table written before
    the ``share_difference`` columns existed gives none.
    """
    if "share_difference" not in rows.columns:
        return []
    figures = []
    for lab in ("critical", "neutral", "favourable"):
        if lab not in rows.index:
            continue
        d, low, high = (_num(rows.loc[lab, c]) for c in ("share_difference", "share_difference_low", "share_difference_high"))
        if math.isnan(d) or math.isnan(low) or math.isnan(high):
            continue
        figures.append((lab, round(d * 100), round(low * 100), round(high * 100)))
    return figures


def _clear(figure: tuple[str, int, int, int]) -> bool:
    """A direction is named only when the printed interval excludes 0."""
    return figure[2] > 0 or figure[3] < 0


def _more_often(figure: tuple[str, int, int, int]) -> str:
    """'critical 12 points more often than the coder (95% CI +5 to +20)'."""
    lab, d, low, high = figure
    return f"{lab} {abs(d)} points {'more' if d > 0 else 'less'} often than the coder (95% CI {low:+d} to {high:+d})"


def _share_bias(rows: pd.DataFrame, target: str) -> str:
    """' On the same sentences the scorer gives critical 7 points more often than the coder (95% CI ...)...'.

    The difference of label shares links the measured disagreement to the report's headline
    shares; a direction is named only when its printed interval (whole points) excludes zero.

    Example:
        >>> rows = pd.DataFrame({"share_difference": [0.12, -0.1, -0.02], "share_difference_low": [0.05, -0.2, -0.08],
        ...     "share_difference_high": [0.2, 0.01, 0.04]}, index=["critical", "neutral", "favourable"])
        >>> print(_share_bias(rows, "Russia").strip())  # doctest: +NORMALIZE_WHITESPACE
        On the same sentences the scorer labels critical 12 points more often than the coder (95% CI +5 to +20);
        the differences for neutral -10 points (95% CI -20 to +1), favourable -2 points (95% CI -8 to +4) are within
        chance. As far as the coded
        sentences are a random sample of those about Russia (as `analysis coding-sheet` draws them), the label
        shares reported above are off in the same direction.
    """
    figures = _share_differences(rows)
    if not figures:
        return ""
    clear = [f for f in figures if _clear(f)]
    unclear = [f for f in figures if not _clear(f)]
    parts = "; ".join(_more_often(f) for f in clear)
    rest = ", ".join(f"{lab} {d:+d} points (95% CI {low:+d} to {high:+d})" for lab, d, low, high in unclear)
    if not clear:
        return (f" On the same sentences the scorer's share of each label is within chance of the coder's: {rest}; "
                "so this sample shows no measurable difference in the label shares (a smaller one than these intervals "
                "cannot be ruled out).")
    return (f" On the same sentences the scorer labels {parts}"
            + (f"; the difference{'s' if len(unclear) > 1 else ''} for {rest} "
               f"{'are' if len(unclear) > 1 else 'is'} within chance" if unclear else "")
            + f". As far as the coded sentences are a random sample of those about {target} (as `analysis coding-sheet` "
            "draws them), the label shares reported above are off in the same direction.")


#: Words by which an article or its metadata says it is a translation; the match is quoted in the report.
_TRANSLATION_RE = re.compile(
    r"\b(?:[Tt]ranslated|[Tt]ranslation)\s+(?:from|by)\s+(?:the\s+)?[\w'’-]+"
    r"|\b[Oo]riginally\s+(?:published|written|appeared)\s+in\s+[A-Z][a-z]+(?:an|ian|ish|ese|i)\b"
    r"|\b[Mm]achine[- ]translat\w*"
    r"|\bEnglish[- ](?:edition|version|service)\b"
)


def translation_notes(documents: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The articles whose text or metadata says they are a translation, with the words that say so.

    Looked for in ``title``, ``author``, ``outlet``, ``notes`` and ``text`` (whichever the
    table has), and in the article's text rebuilt from ``sentences`` (the documents
    tables do not keep it): "translated from/by ...", "originally published in <language>",
    "machine-translated", "English edition/version/service".

    Returns:
        DataFrame with ``doc_id`` and ``evidence`` (the first match), in table order.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Body. Translated from Georgian.", "Body."]})
        >>> translation_notes(docs).values.tolist()
        [['a', 'Translated from Georgian']]
    """
    columns = [c for c in ("title", "author", "outlet", "notes", "text") if c in documents.columns]
    texts = article_texts(sentences)
    rows = []
    for _, doc in documents.iterrows():
        for field in [_str(doc[c]) for c in columns] + [texts.get(str(doc["doc_id"]), "")]:
            match = _TRANSLATION_RE.search(field)
            if match:
                rows.append({"doc_id": str(doc["doc_id"]), "evidence": match.group()})
                break
    return pd.DataFrame(rows, columns=["doc_id", "evidence"])


def _translation_sentence(documents: pd.DataFrame, sentences: pd.DataFrame | None = None) -> str:
    """Whether the wording may pass through a translator, said from what the corpus itself says."""
    notes = (translation_notes(documents, sentences) if "doc_id" in documents.columns
             else pd.DataFrame(columns=["doc_id", "evidence"]))
    if not len(notes):
        return (" Nothing in the texts or the metadata marks an article as a translation (words such as \"translated "
                "from\" or \"originally published in\"); an article translated without saying so would be scored on "
                "its translator's wording, since every lexicon and model here reads the English as written.")
    k = len(notes)
    evidence = "; ".join(f"{r.doc_id}: \"{r.evidence}\"" for r in notes.head(MAX_DATE_NOTES_LISTED).itertuples())
    more = f"; and {k - MAX_DATE_NOTES_LISTED:,} more" if k > MAX_DATE_NOTES_LISTED else ""
    return (f" {plural(k, 'article')} ({_named(notes['doc_id'].tolist())}) "
            f"{'says it is a translation' if k == 1 else 'say they are translations'} ({evidence}{more}): "
            f"{'its' if k == 1 else 'their'} wording, and therefore every lexicon-based score, passes through a translator.")


def describe_limitations(documents: pd.DataFrame, target: str, scorer: str, codebook_target: str = "",
                         codebook_negation: bool = False, sentences: pd.DataFrame | None = None) -> str:
    """Paragraph on the limits of the evidence, computed from the corpus.

    Args:
        documents: The counted documents (:func:`counted_documents`).
        target: The run's target.
        scorer: The stance scorer used.
        codebook_target: The actor the codebook was written for (``Codebook.target``);
            when it is not the run's target, the paragraph says the frames may not fit.
        codebook_negation: Whether the codebook has a negation rule
            (``Codebook.negation``); if so, the paragraph says what it does and misses.
        sentences: sentences table (``doc_id``, ``text``), or None: the articles' text, searched
            with the metadata for words saying an article is a translation (:func:`translation_notes`);
            the paragraph says an article passes through a translator only where the corpus says so.

    Returns:
        Markdown.

    Example:
        >>> docs = pd.DataFrame({"outlet": ["X"]})
        >>> "written for Russia's roles" in describe_limitations(docs, "Armenia", "linear", codebook_target="Russia")
        True
    """
    n = len(documents)
    named = documents["outlet"].fillna("").astype(str)
    outlets = sorted({o for o in named if o})
    unnamed = int((named == "").sum())
    if outlets and unnamed:
        source = f" ({n - unnamed:,} from {', '.join(outlets)}; {unnamed:,} name{'s' if unnamed == 1 else ''} no outlet)"
    elif outlets:
        source = f" from {', '.join(outlets)}"
    else:
        source = ""
    return (
        f"The findings rest on {plural(n, 'article')}{source}."
        + _translation_sentence(documents, sentences)
        + f" Stance towards {target} is scored "
        f"automatically by the `{scorer}` scorer and frames by a keyword codebook: both read words, not intentions, and irony, "
        "quoted positions the author rejects, or implicit framing can be misread. "
        + ("The codebook does not count an indicator that a negation governs in its clause (\"not a mediator\", "
           "\"no longer an ally\"); a denial worded otherwise is still read as the role, and a negated verb can hide "
           "a role its object names (\"does not trust its ally\"). " if codebook_negation else "")
        + "Every label in the tables links to its "
        "sentence so that a reader can check it; small counts should be read as examples, not as estimates for the press as a whole. "
        "The 95% intervals reflect which articles happen to be in the corpus, not the scorer's own errors (see the "
        "reliability section above)."
        + (f" The frame codebook was written for {codebook_target}'s roles: applied to {target}, its indicators can miss "
           f"{target}'s roles or read {codebook_target}'s into them; a codebook written for {target} (`--codebook`) "
           "would fit better." if codebook_target and codebook_target.lower() != target.lower() else "")
    )
