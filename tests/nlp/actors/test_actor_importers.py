from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from blocwatch.model import ActorKind, Role
from blocwatch.nlp.actors import ActorDictionary, ActorRecognizer, import_petrarch, import_wikidata
from blocwatch.nlp.actors.variants import name_variants
from blocwatch.nlp.sentences import split_sentences

PETRARCH = """\
# a small actor dictionary in the PETRARCH format
<!-- written for this test -->
IVAN_PETROV_  ; from a list
+I._PETROV_
\t[RUSELI 450101-141231]
\t[RUSGOV 150101-201231]
\t[RUSELI >20210101]
KAZAKHSTAN_ [KAZ]
+KAZAKSTAN_
"""


def test_petrarch_entries_become_people_and_states(tmp_path: Path) -> None:
    path = tmp_path / "small.actors.txt"
    path.write_text(PETRARCH)
    person, state = import_petrarch(path)
    assert (person.id, person.name, person.kind, person.country) == (
        "person:ivan-petrov",
        "Ivan Petrov",
        ActorKind.PERSON,
        "RUS",
    )
    assert person.roles == (
        Role("elite", "RUS", date(1945, 1, 1), date(2014, 12, 31)),
        Role("government", "RUS", date(2015, 1, 1), date(2020, 12, 31)),
        Role("elite", "RUS", date(2021, 1, 1), None),
    )
    assert (state.id, state.kind, state.aliases) == ("KAZ", ActorKind.STATE, ("Kazakstan",))


def test_wikidata_flat_list(tmp_path: Path) -> None:
    path = tmp_path / "wd.json"
    path.write_text(
        json.dumps(
            [
                {
                    "id": "Q1",
                    "label": "Olga Sidorova",
                    "aliases": ["Sidorova"],
                    "country": "BLR",
                    "positions": [{"title": "ambassador", "of": "BLR", "start": "2019-03-01"}],
                }
            ]
        )
    )
    (actor,) = import_wikidata(path)
    assert (actor.id, actor.country, actor.roles[0].start) == (
        "person:olga-sidorova",
        "BLR",
        date(2019, 3, 1),
    )


def test_wikidata_entity_json(tmp_path: Path) -> None:
    def item(qid: str) -> dict[str, object]:
        return {"mainsnak": {"datavalue": {"value": {"id": qid}}}}

    entities = {
        "Q100": {
            "labels": {"en": {"value": "Olga Sidorova"}},
            "aliases": {"en": [{"value": "O. Sidorova"}]},
            "claims": {
                "P31": [item("Q5")],
                "P27": [item("Q200")],
                "P39": [
                    {
                        **item("Q300"),
                        "qualifiers": {
                            "P580": [{"datavalue": {"value": {"time": "+2019-03-01T00:00:00Z"}}}]
                        },
                    }
                ],
            },
        },
        "Q200": {
            "labels": {"en": {"value": "Belarus"}},
            "claims": {
                "P31": [item("Q3624078")],
                "P298": [{"mainsnak": {"datavalue": {"value": "BLR"}}}],
            },
        },
        "Q300": {"labels": {"en": {"value": "Ambassador"}}},
    }
    path = tmp_path / "entities.json"
    path.write_text(json.dumps({"entities": entities}))
    actors = {a.id: a for a in import_wikidata(path)}
    person = actors["person:olga-sidorova"]
    assert person.country == "BLR"
    assert person.roles == (Role("ambassador", "BLR", date(2019, 3, 1), None),)
    assert actors["BLR"].kind is ActorKind.STATE


def test_imported_actors_are_recognised(tmp_path: Path) -> None:
    path = tmp_path / "small.actors.txt"
    path.write_text(PETRARCH)
    recognizer = ActorRecognizer(ActorDictionary.from_actors(import_petrarch(path)))
    text = "Ivan Petrov visited Kazakhstan."
    mentions = recognizer.recognize("a", text, split_sentences(text), date(2022, 1, 1))
    assert [m.actor_id for m in mentions] == ["person:ivan-petrov", "KAZ"]


def test_spelling_variants_cover_common_transliterations() -> None:
    assert "Sergei Lavrov" in name_variants("Sergey Lavrov")
    assert "Aleksandr Lukashenko" in name_variants("Alexander Lukashenko")
    assert "Kassym-Jomart Tokaev" in name_variants("Kassym-Jomart Tokayev")
    assert "Sergei Nikolaevich" in name_variants("Sergei Nikolayevich")
    assert "Recep Tayyip Erdogan" in name_variants("Recep Tayyip Erdoğan")
