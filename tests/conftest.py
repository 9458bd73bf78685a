"""Shared test fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def us_corpus(tmp_path: Path) -> Path:
    """A JSONL corpus with a date that reads both ways (04/05/2021) and one article in Russian."""
    rows = [
        {"doc_id": "us", "published": "04/05/2021", "title": "Moscow and Yerevan",
         "text": "Russia sent peacekeepers to the region. Armenia welcomed the move."},
        {"doc_id": "ru", "published": "2021-04-06", "title": "Москва и Ереван",
         "text": "Россия направила миротворцев в регион. Армения приветствовала это решение правительства."},
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path
