"""Event confidence: the features each record is scored on, and the shipped model's scores,
on sentences written for the tests (through ``EventCoder.code_sentence``)."""

from __future__ import annotations

import pytest

from blocwatch.errors import ConfigError
from blocwatch.model import Event
from blocwatch.nlp.events import EventCoder
from blocwatch.nlp.events.confidence import (
    ConfidenceModel,
    Features,
    default_confidence_model,
)


class KeepingFeatures(ConfidenceModel):
    """The shipped model, keeping the features of every record it scores."""

    def __init__(self) -> None:
        super().__init__(default_confidence_model().weights)
        self.features: list[Features] = []

    def rate(self, event: Event, features: Features) -> Event:
        self.features.append(features)
        return super().rate(event, features)


@pytest.fixture(scope="module")
def keeper() -> KeepingFeatures:
    return KeepingFeatures()


@pytest.fixture(scope="module")
def coder(keeper: KeepingFeatures) -> EventCoder:
    return EventCoder(confidence=keeper)


def _coded(coder: EventCoder, keeper: KeepingFeatures, text: str) -> list[tuple[Event, Features]]:
    keeper.features.clear()
    events = coder.code_sentence(text)
    assert len(events) == len(keeper.features)
    return list(zip(events, keeper.features, strict=True))


def test_roles_in_their_own_slots_are_features(coder: EventCoder, keeper: KeepingFeatures) -> None:
    [(event, features)] = _coded(coder, keeper, "Norway condemned Iran.")
    assert (event.type, event.source and event.source.code) == ("ACCUSE", "NOR")
    assert features["source_subject"] == features["target_object"] == 1.0
    assert "target_none" not in features and "sense_petrarch2" not in features


def test_a_passive_names_its_doer_in_the_by_phrase(
    coder: EventCoder, keeper: KeepingFeatures
) -> None:
    [(event, features)] = _coded(
        coder, keeper, "Turkish border guards were attacked by Syrian militants."
    )
    assert (event.source and event.source.code, event.target and event.target.code) == (
        "SYR",
        "TUR",
    )
    assert features["source_by_agent"] == features["target_passive_subject"] == 1.0


def test_an_event_noun_takes_its_doer_from_the_possessive(
    coder: EventCoder, keeper: KeepingFeatures
) -> None:
    [(event, features)] = _coded(coder, keeper, "Russia's invasion of Georgia shocked Europe.")
    assert event.type == "ASSAULT"
    assert features["event_noun"] == features["source_possessor"] == 1.0
    assert features["target_prep_object"] == 1.0


def test_the_other_direction_of_a_meeting_is_a_derived_record(
    coder: EventCoder, keeper: KeepingFeatures
) -> None:
    found = _coded(
        coder, keeper, "The Norwegian foreign minister met his Iranian counterpart in Oslo."
    )
    assert [(e.source and e.source.code, e.target and e.target.code) for e, _ in found] == [
        ("NOR", "IRN"),
        ("IRN", "NOR"),
    ]
    assert "derived_reverse" not in found[0][1]
    assert found[1][1]["derived_reverse"] == 1.0


def test_a_reported_attack_is_also_the_speakers_accusation(
    coder: EventCoder, keeper: KeepingFeatures
) -> None:
    found = _coded(coder, keeper, "Peru said Chile had attacked Bolivia.")
    accusation = [f for e, f in found if e.type == "ACCUSE"]
    assert accusation and accusation[0]["derived_accusation"] == 1.0
    assert accusation[0]["source_speaker"] == 1.0
    attack = [f for e, f in found if e.type == "ASSAULT"]
    assert attack and attack[0]["claimed"] == 1.0


def test_an_act_with_no_actor_on_the_other_side_stays_below_the_default_view(
    coder: EventCoder, keeper: KeepingFeatures
) -> None:
    [(aimed, _)] = _coded(coder, keeper, "Norway condemned Iran.")
    [(unaimed, features)] = _coded(coder, keeper, "Norway condemned the decision.")
    assert features["target_none"] == 1.0
    assert unaimed.confidence < 0.5 <= aimed.confidence


def test_the_same_act_told_in_two_sentences_is_corroborated(
    coder: EventCoder, keeper: KeepingFeatures
) -> None:
    text = "Norway condemned Iran on Monday. Oslo again condemned Iran a day later."
    found = _coded(coder, keeper, text)
    assert [(e.type, e.evidence.sentence_index) for e, _ in found] == [
        ("ACCUSE", 0),
        ("ACCUSE", 1),
    ]
    assert all(f["corroborated"] == 1.0 for _, f in found)
    [(alone, features)] = _coded(coder, keeper, "Norway condemned Iran on Monday.")
    assert "corroborated" not in features
    assert found[0][0].confidence > alone.confidence


def test_another_act_or_a_mutual_act_in_one_sentence_corroborates_nothing(
    coder: EventCoder, keeper: KeepingFeatures
) -> None:
    praised = _coded(coder, keeper, "Norway condemned Iran. Norway praised Iran.")
    met = _coded(coder, keeper, "The Norwegian foreign minister met his Iranian counterpart.")
    assert all("corroborated" not in f for _, f in praised + met)


def test_confidences_are_probabilities_with_two_decimals() -> None:
    model = default_confidence_model()
    for features in ({"bias": 1.0}, {"bias": 1.0, "target_none": 1.0}, {"bias": 1.0, "x": 9.0}):
        value = model.confidence(features)
        assert 0 < value < 1 and value == round(value, 2)


def test_a_model_file_without_weights_is_refused_by_name() -> None:
    with pytest.raises(ConfigError, match=r"mine\.json"):
        ConfidenceModel.from_json('{"floor": 0.5}', "mine.json")
    model = ConfidenceModel.from_json('{"weights": {"bias": 0.0, "event_noun": 2.0}}')
    assert model.score({"bias": 1.0}) == 0.5 < model.score({"bias": 1.0, "event_noun": 1.0})
