from __future__ import annotations

import json
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from blocwatch.errors import InputError
from blocwatch.model import Actor, ActorKind, Role
from blocwatch.nlp.actors import ActorDictionary
from blocwatch.nlp.actors.titles import office_class

_UN_MEMBERS_TEXT = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA
BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK
COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD
GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ
LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE
MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT
QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF
SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA
USA URY UZB VUT VEN VNM YEM ZMB ZWE
"""
UN_MEMBERS = _UN_MEMBERS_TEXT.split()


@pytest.fixture(scope="module")
def shipped() -> ActorDictionary:
    return ActorDictionary.default()


def test_every_un_member_and_observer_state_is_shipped(shipped: ActorDictionary) -> None:
    assert len(UN_MEMBERS) == 193
    for code in [*UN_MEMBERS, "VAT", "PSE"]:
        actor = shipped.get(code)
        assert actor is not None and actor.kind is ActorKind.STATE, code


def test_state_of_states_people_seats_and_organisations(shipped: ActorDictionary) -> None:
    assert shipped.state_of("RUS") == "RUS"
    assert shipped.state_of("person:sergey-lavrov", date(2022, 5, 1)) == "RUS"
    assert shipped.state_of("place:kremlin") == "RUS"
    assert shipped.state_of("CIS") == "CIS"
    assert shipped.state_of("person:sergei-lebedev", date(2020, 1, 1)) == "CIS"
    assert shipped.state_of("person:nobody") is None


def test_office_holder_by_date(shipped: ActorDictionary) -> None:
    def holder(title: str, of: str, day: date | None) -> str | None:
        actor = shipped.office_holder(title, of, day)
        return actor.id if actor else None

    assert holder("foreign minister", "RUS", date(2022, 5, 13)) == "person:sergey-lavrov"
    assert holder("foreign minister", "RUS", date(2001, 1, 1)) == "person:igor-ivanov"
    assert holder("president", "RUS", date(2010, 1, 1)) == "person:dmitry-medvedev"
    assert holder("prime minister", "RUS", date(2010, 1, 1)) == "person:vladimir-putin"
    assert holder("foreign minister", "USA", date(2022, 5, 2)) == "person:antony-blinken"
    assert holder("Minister of Foreign Affairs", "UZB", date(2022, 5, 12)) == (
        "person:vladimir-norov"
    )
    assert holder("secretary general", "CIS", date(2022, 1, 1)) == "person:sergei-lebedev"
    assert holder("high representative", "EU", date(2022, 1, 1)) == "person:josep-borrell"
    assert holder("foreign minister", "RUS", None) == "person:sergey-lavrov"


def test_office_titles_compare_as_offices() -> None:
    assert office_class("Secretary of State") == office_class("foreign minister")
    assert office_class("premier") == office_class("Prime Minister")
    assert office_class("acting president") == office_class("president")
    assert office_class("deputy foreign minister") != office_class("foreign minister")


def test_shipped_office_terms_do_not_overlap(shipped: ActorDictionary) -> None:
    terms: dict[tuple[str, str], list[tuple[Role, str]]] = {}
    for actor in shipped:
        for role in actor.roles:
            if role.title.startswith(("acting", "interim", "deputy")) or role.start is None:
                continue
            terms.setdefault((office_class(role.title), role.of), []).append((role, actor.id))
    for office, held in terms.items():
        held.sort(key=lambda pair: pair[0].start or date.min)
        for (earlier, who), (later, successor) in pairwise(held):
            end = earlier.end or date.max
            assert later.start is not None
            assert end <= later.start + timedelta(days=5), (office, who, successor)


def test_save_then_load_round_trips(tmp_path: Path, shipped: ActorDictionary) -> None:
    path = tmp_path / "mine.json"
    mine = ActorDictionary.from_actors(
        [
            Actor(
                "person:ivan-petrov",
                "Ivan Petrov",
                ActorKind.PERSON,
                "RUS",
                ("I. Petrov",),
                (Role("governor", "RUS", date(2020, 1, 1)),),
            )
        ],
        include_default=False,
    )
    mine.save(path)
    loaded = ActorDictionary.load(path, include_default=False)
    assert list(loaded) == list(mine)
    combined = ActorDictionary.load(path)
    assert combined.get("person:ivan-petrov") is not None
    assert combined.get("RUS") is not None


def test_user_file_overrides_a_shipped_entry(tmp_path: Path) -> None:
    path = tmp_path / "fix.json"
    path.write_text(
        json.dumps(
            {
                "format": "blocwatch-actors/1",
                "actors": [{"id": "MDA", "kind": "state", "name": "Moldova", "aliases": ["RM"]}],
            }
        )
    )
    actor = ActorDictionary.load(path).get("MDA")
    assert actor is not None and actor.aliases == ("RM",)


def test_bad_actor_file_names_the_file_and_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"actors": [{"id": "X"}]}')
    with pytest.raises(InputError) as caught:
        ActorDictionary.load(path)
    assert "broken.json" in str(caught.value) and "actor #0" in str(caught.value)
