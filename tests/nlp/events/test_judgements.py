"""Judgements in quotations: a speaker's praise or criticism of an actor, said in words
that name no act ("she is a disgrace", "he was a brilliant opponent").

Short articles written for the tests, through the whole default pipeline, so that the
quotation finder names each quotation's speaker as it would on a real page.
"""

from __future__ import annotations

import pytest

from blocwatch.model import Article, Event, MediaType, RawDocument
from blocwatch.settings import Settings
from blocwatch.stages import default_pipeline

CONTINUED = "\u201cShe has been disrespecting our veterans for years.\u201d"
CAMPAIGN = f"""Rivals trade blows before the debate

Senator Maria Delgado toured a shipyard in Norfolk on Monday.

\u201cShe\u2019s a disgrace,\u201d Governor Tom Harlan told reporters at a rally in Richmond. {CONTINUED}

Harlan spoke warmly of his own running mate, Paul Okafor. \u201cOkafor was a brilliant partner on every budget we wrote,\u201d Harlan said.

\u201cIt was a disaster,\u201d Harlan added of the shipyard\u2019s finances.

\u201cPeople are angry and they are tired,\u201d said Okafor.
"""

HARLAN, DELGADO = "person:tom-harlan", "person:maria-delgado"
"""People no dictionary knows: ids made from the fullest name the article gives."""


def _read(text: str) -> Article:
    doc = RawDocument(
        source="t.txt",
        content=text.encode(),
        media_type=MediaType.TEXT,
        published="2024-10-01T08:00:00+00:00",
    )
    (result,) = list(default_pipeline().run([doc]))
    assert isinstance(result, Article)
    return result


def _triples(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {
        (
            e.type,
            e.source.actor_id if e.source else None,
            e.target.actor_id if e.target else None,
        )
        for e in events
    }


@pytest.fixture(scope="module")
def campaign() -> Article:
    return _read(CAMPAIGN)


def test_a_quoted_judgement_of_a_person_is_the_speakers_criticism(campaign: Article) -> None:
    found = _triples(campaign.events)
    # A pronoun resolved to the one woman named before; the speaker is a person no
    # dictionary knows, named by the quotation finder.
    assert ("ACCUSE", HARLAN, DELGADO) in found


def test_a_verb_of_wrongdoing_in_a_continued_quotation_judges_its_subject(
    campaign: Article,
) -> None:
    verb = [e for e in campaign.events if "disrespecting" in e.evidence.text]
    assert _triples(verb) == {("ACCUSE", HARLAN, DELGADO)}
    assert all(e.claimed_by is None for e in verb)  # the criticism happened: it was said


def test_clear_praise_in_a_quotation_is_support(campaign: Article) -> None:
    assert ("SUPPORT", HARLAN, "person:paul-okafor") in _triples(campaign.events)


def test_a_situation_or_a_crowd_is_judged_by_nobody(campaign: Article) -> None:
    judged = {e.target.actor_id for e in campaign.events if e.target and e.type == "ACCUSE"}
    assert judged == {DELGADO}  # not "It" (the finances), not "People"


def test_a_judgement_told_once_stays_out_of_the_default_view(campaign: Article) -> None:
    (praise,) = [e for e in campaign.events if e.type == "SUPPORT"]
    assert praise.confidence < Settings().min_confidence


def test_a_judgement_told_twice_is_surer_than_either_told_once(campaign: Article) -> None:
    # The same criticism in two sentences corroborates itself: the same article without
    # the second sentence gives the first a lower score.
    told_once = _read(CAMPAIGN.replace(CONTINUED, ""))
    (first_once,) = [e for e in told_once.events if "disgrace" in e.evidence.text]
    (first_twice,) = [e for e in campaign.events if "disgrace" in e.evidence.text]
    assert first_twice.confidence > first_once.confidence


def test_we_in_the_quotation_of_a_speaker_no_dictionary_knows_is_that_speaker() -> None:
    article = _read(
        "Lawyers meet in Ohio\n\n"
        "Dana Whitfield, a civil rights lawyer, spoke in Columbus on Monday.\n\n"
        "Whitfield said: \u201cOur clients were wronged that night. "
        "We condemn the Columbus police.\u201d\n"
    )
    # The second sentence of the quotation has no verb of saying of its own: its "we"
    # is the quotation's speaker, a person the article names but no dictionary knows.
    (condemned,) = [e for e in article.events if e.type == "ACCUSE"]
    assert condemned.source is not None and condemned.source.actor_id == "person:dana-whitfield"
    assert condemned.target is not None and "police" in condemned.target.name
    assert condemned.claimed_by is None  # her own act, not a claim about another
