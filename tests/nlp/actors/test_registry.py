"""Linking names the recogniser leaves unknown to dictionary people, on entries written here."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from blocwatch.nlp.actors.registry import PersonRegistry, default_office_kinds, name_key

PEOPLE = [
    {
        "id": "person:amara-tsholo",
        "kind": "person",
        "name": "Amara Tsholo",
        "country": "BWA",
        "roles": [{"title": "government", "of": "BWA", "start": "2001-01-01", "end": "2009-12-31"}],
    },
    {
        "id": "person:jonas-veldt",
        "kind": "person",
        "name": "Jonas Veldt",
        "country": "NLD",
        "roles": [{"title": "military", "of": "NLD"}],
    },
    {
        "id": "person:petra-veldt",
        "kind": "person",
        "name": "Petra Veldt",
        "country": "BEL",
        "roles": [{"title": "government", "of": "BEL", "start": "2015-01-01"}],
    },
    {
        "id": "person:ines-moreau",
        "kind": "person",
        "name": "Ines Moreau",
        "country": "FRA",
        "roles": [{"title": "government", "of": "FRA"}],
    },
    {
        "id": "person:luc-moreau",
        "kind": "person",
        "name": "Luc Moreau",
        "country": "CAN",
        "roles": [{"title": "government", "of": "CAN"}],
    },
    {
        "id": "person:jean-pierre-okello",
        "kind": "person",
        "name": "Jean Pierre Okello",
        "country": "UGA",
        "roles": [{"title": "government", "of": "UGA"}],
    },
    {
        "id": "person:yusuf-karim-adil-al-najdi",
        "kind": "person",
        "name": "Yusuf Karim Adil Al Najdi",
        "country": "OMN",
        "roles": [{"title": "government", "of": "OMN"}],
    },
    {
        "id": "person:samir-habib-nadim-haddad",
        "kind": "person",
        "name": "Samir Habib Nadim Haddad",
        "country": "LBN",
        "roles": [{"title": "government", "of": "LBN"}],
    },
    {
        "id": "person:samir-habib-walid-haddad",
        "kind": "person",
        "name": "Samir Habib Walid Haddad",
        "country": "SYR",
        "roles": [{"title": "government", "of": "SYR"}],
    },
]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> PersonRegistry:
    path: Path = tmp_path_factory.mktemp("people") / "people.json"
    path.write_text(json.dumps({"format": "blocwatch-actors/1", "actors": PEOPLE}), "utf-8")
    return PersonRegistry.load(path)


def test_a_full_name_is_found_whatever_its_hyphens_and_case(registry: PersonRegistry) -> None:
    found = registry.by_name(["Jean-Pierre", "OKELLO's"])
    assert found is not None and found.actor_id == "person:jean-pierre-okello"
    assert found.state == "UGA"
    assert name_key(["Jean-Pierre", "Okello’s"]) == "jean pierre okello"


def test_a_full_name_is_found_whatever_its_accents(registry: PersonRegistry) -> None:
    # The list writes names in plain letters; news keeps the accents.
    found = registry.by_name(["Jonas", "Véldt"])
    assert found is not None and found.actor_id == "person:jonas-veldt"
    assert name_key(["Ahmet", "Doğan"]) == "ahmet dogan"


def test_a_name_with_middle_names_left_out_is_the_one_person_it_fits(
    registry: PersonRegistry,
) -> None:
    found = registry.by_name(["Yusuf", "Karim", "al-Najdi"])
    assert found is not None and found.state == "OMN"
    assert registry.by_name(["Yusuf", "al-Najdi"]) == found  # "al" counts as a word
    # Two people fit "Samir Habib Haddad"; two words alone are too common a fit to trust.
    assert registry.by_name(["Samir", "Habib", "Haddad"]) is None
    nadim = registry.by_name(["Samir", "Nadim", "Haddad"])
    assert nadim is not None and nadim.state == "LBN"
    assert registry.by_name(["Yusuf", "Najdi"]) is None


def test_a_name_is_nobody_before_the_first_office_the_list_knows(
    registry: PersonRegistry,
) -> None:
    # Petra Veldt's only office began in 2015: in 2010 the name may be anyone's.
    assert registry.by_name(["Petra", "Veldt"], date(2010, 3, 1)) is None
    later = registry.by_name(["Petra", "Veldt"], date(2016, 3, 1))
    assert later is not None and later.state == "BEL"
    assert registry.by_name(["Petra", "Veldt"]) is not None  # no day: not ruled out
    # An office that has ended still tells whose national the person is.
    ended = registry.by_name(["Amara", "Tsholo"], date(2015, 6, 1))
    assert ended is not None and ended.state == "BWA"


def test_a_surname_alone_is_never_a_full_name(registry: PersonRegistry) -> None:
    assert registry.by_name(["Tsholo"]) is None


def test_a_titled_surname_needs_a_role_of_the_title_s_kind(registry: PersonRegistry) -> None:
    found = registry.by_title(["President"], "Tsholo", date(2005, 6, 1))
    assert found is not None and found.state == "BWA"
    assert registry.by_title(["General"], "Tsholo", date(2005, 6, 1)) is None


def test_a_titled_surname_is_nobody_outside_the_role_s_dates(registry: PersonRegistry) -> None:
    assert registry.by_title(["President"], "Tsholo", date(2015, 6, 1)) is None
    assert registry.by_title(["President"], "Tsholo") is not None  # no day: not ruled out


def test_the_title_kind_tells_two_people_of_one_surname_apart(registry: PersonRegistry) -> None:
    general = registry.by_title(["Gen."], "Veldt", date(2020, 1, 1))
    minister = registry.by_title(["Prime", "Minister"], "Veldt", date(2020, 1, 1))
    assert general is not None and general.actor_id == "person:jonas-veldt"
    assert minister is not None and minister.state == "BEL"


def test_two_people_fitting_a_titled_surname_give_nothing(registry: PersonRegistry) -> None:
    assert registry.by_title(["Minister"], "Moreau") is None


def test_a_word_that_is_no_office_gives_nothing(registry: PersonRegistry) -> None:
    assert registry.by_title(["Mr"], "Tsholo") is None
    assert registry.by_title(["Senior", "Tsholo"], "Tsholo") is None


def test_office_kinds_are_read_from_the_language_file() -> None:
    kinds = default_office_kinds()
    assert kinds["president"] == "government"
    assert kinds["colonel"] == "military"
