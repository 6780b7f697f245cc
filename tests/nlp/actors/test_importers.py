from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from blocwatch.model import ActorKind, Role, Sector
from blocwatch.nlp.actors import ActorDictionary, ActorRecognizer, import_petrarch, import_wikidata
from blocwatch.nlp.actors.importers import read_petrarch
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


PHOENIX_GROUPS = """\
HARAKAT_AL-SHABAAB_  [SOMREB]
+AL-SHABAB_
AL-QAEDA_IN_THE_ISLAMIC_MAGHREB_ [IMGMUSALQ]
THE_ISLAMIC_STATE
+ISIL_
\t[IMGMUSISI >20130408]
ABU_EXAMPLE_AL-COMMANDER_
\t[PSEREBHMS 19870101-20040322]
INTERNATIONAL_WIDGET_AGENCY_ [IGOWID]
O'NEILL_PETERSON_ [USAGOV]
HASSAN_BIN_EXAMPLE_ [IMGMUSALQ]
"""


def test_petrarch_armed_groups_and_organisations_get_their_kind_and_sector(
    tmp_path: Path,
) -> None:
    path = tmp_path / "groups.actors.txt"
    path.write_text(PHOENIX_GROUPS)
    entries = {entry.actor.name: entry for entry in read_petrarch(path)}
    kinds = {name: (e.actor.kind, e.sector) for name, e in entries.items()}
    armed = (ActorKind.ORGANIZATION, Sector.ARMED_GROUP)
    assert kinds == {
        "Harakat Al-Shabaab": armed,
        "Al-Qaeda in the Islamic Maghreb": armed,
        "the Islamic State": armed,
        "Abu Example Al-Commander": (ActorKind.PERSON, None),  # named, codes limited in time
        "International Widget Agency": (ActorKind.ORGANIZATION, None),
        "O'Neill Peterson": (ActorKind.PERSON, None),
        "Hassan bin Example": (ActorKind.PERSON, None),  # a group's leader, named as one
    }
    shabaab = entries["Harakat Al-Shabaab"].actor
    assert (shabaab.id, shabaab.country, shabaab.aliases) == (
        "armed_group:harakat-al-shabaab",
        "SOM",
        ("Al-Shabab",),
    )
    assert entries["the Islamic State"].actor.aliases == ("ISIL",)
    assert entries["International Widget Agency"].actor.id == "org:international-widget-agency"
    assert [a.name for a in import_petrarch(path)] == list(entries)


def test_shipped_dictionary_knows_armed_groups_and_keeps_project_entries() -> None:
    dictionary = ActorDictionary.default()
    houthis = dictionary.entry("armed_group:houthis")
    assert houthis is not None
    assert (houthis.actor.kind, houthis.sector) == (ActorKind.ORGANIZATION, Sector.ARMED_GROUP)
    assert dictionary.state_of("armed_group:houthis") == "armed_group:houthis"
    phoenix_only = [
        e
        for e in dictionary.entries.values()
        if e.sector is Sector.ARMED_GROUP and e.actor.country == "COL"
    ]
    assert phoenix_only, "the converted Phoenix groups are loaded"
    russia = dictionary.get("RUS")
    assert russia is not None and russia.name == "Russia"  # the project's own entry wins


def test_armed_groups_are_recognised_in_text() -> None:
    text = "Houthi rebels fired a missile at a ship. Al-Shabaab claimed the attack in Mogadishu."
    mentions = ActorRecognizer().recognize("a1", text, split_sentences(text))
    found = {(m.name, m.actor_id) for m in mentions}
    assert ("Houthi", "armed_group:houthis") in found
    assert ("Al-Shabaab", "armed_group:al-shabaab") in found
