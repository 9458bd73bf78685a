"""analysis: how a target actor's role is framed in news coverage.

The public API is re-exported here (see ``docs/ARCHITECTURE.md`` for the
table each function takes and returns):

* corpus: :func:`load_corpus`, :func:`iter_corpus`
* text: :func:`split_paragraphs`, :func:`split_sentences`, :func:`find_quote_spans`
* actors: :func:`load_lexicon`, :func:`find_mentions`, :func:`target_sentences`, :func:`resolve_target`
* sentiment: :func:`score_sentiment`, :func:`score_tone`, :func:`paragraph_sentiment`, :func:`document_sentiment`
* stance: :func:`score_stance`, :func:`stance_counts`, :class:`LexiconStanceScorer`
* framing: :func:`load_codebook`, :func:`assign_frames`, :func:`frame_counts`, :func:`frames_column`
* coding (frames and stance against human coding): :func:`coding_sheet`, :func:`evaluate_coding_sheet`,
  :func:`evaluate_frames`, :func:`evaluate_stance_coding`
* speakers: :func:`load_speaker_registry`
* quotes: :func:`extract_quotes`, :func:`attach_quote_stance`, :func:`speaker_voices`
* scorers: :func:`get_scorer`, :func:`available_scorers`
* pipeline: :func:`score_corpus`, :func:`run_pipeline`; report: :func:`run_report`

Example:
    >>> import analysis
    >>> docs = analysis.load_corpus(analysis.config.SEEDS_DIR)
    >>> len(docs)
    5
    >>> sentences = analysis.split_sentences(docs)
    >>> mentions = analysis.find_mentions(sentences)
    >>> scored = analysis.score_stance(sentences, mentions, target="Russia", scorer="lexicon")
    >>> sorted(set(scored["stance"]) - {""})
    ['critical', 'favourable', 'neutral']
"""

from analysis import config
from analysis.actors import find_mentions, load_lexicon, resolve_target, target_sentences
from analysis.coding import coding_sheet, evaluate_coding_sheet, evaluate_frames, evaluate_stance_coding
from analysis.corpus import CorpusError, CorpusWarning, iter_corpus, load_corpus
from analysis.evaluate import evaluate_file, validation_summary
from analysis.framing import assign_frames, frame_counts, frames_column, load_codebook
from analysis.io import read_table, write_table
from analysis.pipeline import run_pipeline, score_corpus
from analysis.quotes import attach_quote_stance, extract_quotes, speaker_voices
from analysis.report import run_report
from analysis.scorers import available_scorers, get_scorer, register_scorer
from analysis.sentiment import document_sentiment, paragraph_sentiment, score_sentiment, score_tone
from analysis.speakers import load_speaker_registry
from analysis.stance import LexiconStanceScorer, score_stance, stance_counts
from analysis.text import find_quote_spans, split_paragraphs, split_sentences

__all__ = [
    "config",
    "CorpusError",
    "CorpusWarning",
    "get_scorer",
    "available_scorers",
    "register_scorer",
    "evaluate_file",
    "validation_summary",
    "load_corpus",
    "iter_corpus",
    "split_paragraphs",
    "split_sentences",
    "find_quote_spans",
    "load_lexicon",
    "find_mentions",
    "target_sentences",
    "resolve_target",
    "score_sentiment",
    "score_tone",
    "paragraph_sentiment",
    "document_sentiment",
    "score_stance",
    "stance_counts",
    "LexiconStanceScorer",
    "load_codebook",
    "assign_frames",
    "frame_counts",
    "frames_column",
    "coding_sheet",
    "evaluate_frames",
    "evaluate_coding_sheet",
    "evaluate_stance_coding",
    "load_speaker_registry",
    "extract_quotes",
    "attach_quote_stance",
    "speaker_voices",
    "score_corpus",
    "run_pipeline",
    "run_report",
    "read_table",
    "write_table",
]
__version__ = "0.1.0"
