from datetime import datetime

import pytest

from blocwatch.errors import InputError
from blocwatch.stories import CopyDetector

WIRE = """The foreign ministers of the Caspian states met in the port city of Aktau on Tuesday to
discuss shipping rules, fishing quotas and a new pipeline survey across the sea bed.

Officials said the talks lasted six hours and ended with a joint statement that asks the five
governments to draft a common inspection code for tankers before the end of the year.

The hosts proposed a permanent secretariat with a small staff and a rotating chair, an idea
that two delegations said they would study before the next summit in the autumn.

Environmental groups welcomed the promise of a survey but warned that falling water levels in
the northern basin already threaten spawning grounds and the livelihoods of coastal villages.

The next round of talks is planned for the spring, when experts will present the first
results of the survey and a timetable for the inspection code."""

OTHER = """A regional court in the mountain province ordered the release of three journalists on
Friday after prosecutors failed to present evidence that their reporting had broken the law.

The reporters had spent nine weeks in detention after publishing an investigation into the
awarding of road building contracts to companies owned by relatives of local officials.

Their lawyers said they would seek compensation and asked the national ombudsman to review
how the case had been opened, while the prosecutors said they would appeal the ruling."""

DAY = datetime(2023, 5, 2)


def detector_with_wire() -> CopyDetector:
    detector = CopyDetector()
    assert detector.add("wire", WIRE, published=DAY, outlet="Wire") is None
    return detector


def test_copy_with_cut_tail_is_found() -> None:
    detector = detector_with_wire()
    excerpt = "\n\n".join(WIRE.split("\n\n")[:3])
    assert detector.add("excerpt", excerpt, published=DAY) == "wire"


def test_copy_with_dateline_and_furniture_is_found() -> None:
    detector = detector_with_wire()
    dressed = (
        "Home » World\n\nShare on Facebook\n\nAKTAU, 2 May (Wire) - "
        + WIRE
        + "\n\nSign up for our newsletter\n\nBased on materials from Wire"
    )
    assert detector.add("dressed", dressed, published=DAY) == "wire"


def test_copy_with_typos_and_rewrapped_paragraphs_is_found() -> None:
    detector = detector_with_wire()
    retyped = WIRE.replace("\n\n", " ").replace("\n", " ")
    retyped = retyped.replace("shipping", "shpiping").replace("survey", "suvrey", 1)
    assert detector.add("retyped", retyped, published=DAY) == "wire"


def test_different_texts_are_not_grouped() -> None:
    detector = detector_with_wire()
    assert detector.add("other", OTHER, published=DAY) is None
    assert detector.groups() == []


def test_same_text_months_apart_is_not_a_copy() -> None:
    detector = detector_with_wire()
    assert detector.add("later", WIRE, published=datetime(2023, 11, 2)) is None


def test_group_prefers_fullest_then_earliest_and_lists_outlets() -> None:
    detector = CopyDetector()
    excerpt = "\n\n".join(WIRE.split("\n\n")[:3])
    detector.add("excerpt", excerpt, published=DAY, outlet="Steppe Post")
    detector.add("full", WIRE, published=DAY, outlet="Wire", origin_agency=["Wire"])
    detector.add("reprint", WIRE, published=datetime(2023, 5, 3), outlet="Harbour News")
    [group] = detector.groups()
    assert group.canonical_id == "full"
    assert set(group.copy_ids) == {"excerpt", "reprint"}
    assert group.outlets == ("Steppe Post", "Wire", "Harbour News")
    assert group.origin_agency == ("Wire",)


def test_forgotten_articles_are_no_longer_matched_but_keep_their_group() -> None:
    detector = detector_with_wire()
    assert detector.add("reprint", WIRE, published=DAY) == "wire"
    assert detector.forget_before(datetime(2023, 5, 10)) == 2
    assert detector.add("late", WIRE, published=DAY) is None
    assert [group.canonical_id for group in detector.groups()] == ["wire"]


def test_adding_an_id_twice_names_the_article() -> None:
    detector = detector_with_wire()
    with pytest.raises(InputError, match="wire"):
        detector.add("wire", WIRE, published=DAY)
