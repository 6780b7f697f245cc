"""A Wikidata import brings Russian names with the actor's id; the Russian reader finds them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from blocwatch.nlp.actors import ActorDictionary, import_wikidata
from blocwatch.nlp.russian.actors import RussianActorRecognizer
from blocwatch.nlp.sentences import split_sentences


def test_russian_labels_become_aliases_and_are_matched_inflected(tmp_path: Path) -> None:
    entities = {
        "Q4001": {
            "labels": {
                "en": {"value": "Caspian Shipping Council"},
                "ru": {"value": "Каспийский совет судоходства"},
            },
            "aliases": {"ru": [{"value": "КСС"}]},
            "claims": {},
        },
        "Q4002": {
            "labels": {"en": {"value": "Olga Sidorova"}, "ru": {"value": "Ольга Сидорова"}},
            "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": "Q5"}}}}]},
        },
    }
    path = tmp_path / "entities.json"
    path.write_text(json.dumps({"entities": entities}, ensure_ascii=False), encoding="utf-8")
    actors = {a.id: a for a in import_wikidata(path)}
    council = actors["wd:Q4001"]
    assert council.aliases == ("Каспийский совет судоходства", "КСС")
    recognizer = RussianActorRecognizer(ActorDictionary.from_actors(list(actors.values())))
    text = "Ольгу Сидорову избрали главой Каспийского совета судоходства. В КСС это одобрили."
    found = recognizer.recognize("t", text, split_sentences(text), date(2024, 1, 1))
    assert [(m.actor_id, m.name) for m in found] == [
        ("person:olga-sidorova", "Ольгу Сидорову"),
        ("wd:Q4001", "Каспийского совета судоходства"),
        ("wd:Q4001", "КСС"),
    ]
