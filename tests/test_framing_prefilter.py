"""The cheap keyword prefilter of assign_frames never rejects a sentence a frame's regex matches."""

import re
from pathlib import Path

import pytest

from analysis import framing

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _seed_sentences() -> list[str]:
    texts = []
    for path in sorted(SEEDS.glob("*.txt")):
        texts += [s for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8")) if s]
    return texts


@pytest.mark.parametrize("pattern, text", [
    (r"(?<!\w)(?:Russia|Moscow)(?:['’]s)? threat(?!\w)", "MOSCOW threat"),
    (r"(?:sphere|zone)s? of (?:interests?|influence)", "a ZONE OF Influence"),
    (r"a(?-i:B)c", "abc"),  # case-sensitive inside: the filter may only be looser
    (r"x{2,}y", "xxxy"),
    (r"(?:foo|ba[rz])+qux", "bazqux"),
])
def test_required_keywords_are_present_in_every_match(pattern, text):
    compiled = re.compile(pattern, re.IGNORECASE)
    keywords = framing.required_keywords(compiled)
    assert keywords, "the pattern has literal words; the prefilter should find some"
    assert framing.may_match(compiled, text) or compiled.search(text) is None


def test_without_literals_there_is_no_prefilter():
    compiled = re.compile(r"\w+\s\d", re.IGNORECASE)
    assert framing.required_keywords(compiled) is None
    assert framing.may_match(compiled, "anything")


def test_prefilter_rejects_a_sentence_without_the_keywords():
    compiled = re.compile(r"(?<!\w)(?:Russia|Moscow) (?:threatens|coerces)(?!\w)", re.IGNORECASE)
    assert not framing.may_match(compiled, "Paris welcomes the delegation.")


def test_prefilter_agrees_with_the_codebook_regexes_on_the_seeds():
    book = framing.load_codebook()
    sentences = _seed_sentences()
    for frame in book.frames:
        for pattern in (frame.indicators, frame.requires):
            if pattern is None:
                continue
            for text in sentences:
                if pattern.search(text):
                    assert framing.may_match(pattern, text), (frame.id, text)


def test_keyword_regex_of_assign_frames_never_rejects_a_match():
    """The per-call literal prefilter (target names left out) is also only a necessary condition."""
    book = framing.load_codebook()
    target_words = frozenset({"russia", "russian", "moscow", "kremlin", "putin"})
    for frame in book.frames:
        prefilter = framing._keyword_regex(frame.indicators, target_words)
        for text in _seed_sentences():
            if text.isascii() and frame.indicators.search(text):
                assert prefilter is None or prefilter.search(text.lower()), (frame.id, text)
