"""The diplomatic channel of events and agreements (written for these tests, several countries)."""

from __future__ import annotations

from typing import Any

import pytest

from diplograph.extract import extract_facts
from diplograph.nlp import analyze_text


def _channels(nlp: Any, text: str) -> set[str]:
    facts = extract_facts(analyze_text(text, published="2024-11-20", nlp=nlp), types=["event", "agreement"])
    return {str(f.get("channel")) for f in facts}


@pytest.mark.parametrize("text, expected", [
    # what the text says decides
    ("Prime Minister Pham Minh Chinh paid an official visit to Brazil on Wednesday.", "state"),
    ("A Party delegation led by Cuban official Roberto Morales met Laotian leaders in Vientiane on Monday.", "party"),
    ("Hanoi and Vientiane signed a sister-city agreement on Tuesday.", "people"),
    ("Lawmakers from Ghana and Nigeria held parliamentary talks in Accra on Friday.", "parliament"),
    # else the offices of the leading participants
    ("Party General Secretary To Lam received a delegation of the Lao People's Revolutionary Party in Hanoi "
     "on Monday.", "party"),
    ("National Assembly Chairman Tran Thanh Man held talks with Speaker of the Indian Lok Sabha Om Birla on "
     "Tuesday.", "parliament"),
    ("Kenyan President William Ruto met Chinese President Xi Jinping in Beijing on Thursday.", "state"),
    ("Chilean Foreign Minister Alberto van Klaveren held talks with his Peruvian counterpart on Monday.", "state"),
])
def test_channel(nlp: Any, text: str, expected: str) -> None:
    assert _channels(nlp, text) == {expected}


def test_every_event_and_agreement_has_a_channel(nlp: Any) -> None:
    text = ("Kenya and Uganda signed a memorandum of understanding on trade on Monday. "
            "The two presidents met in Kampala the same day.")
    facts = extract_facts(analyze_text(text, published="2024-11-20", nlp=nlp))
    assert facts and all(f.get("channel") in ("party", "state", "parliament", "people")
                         for f in facts if f.type in ("event", "agreement"))
