"""Roles a sentence implies rather than names.

* **A place for its state.** A material act on a place, or on something in a place, is an
  act on the place's state: "shelled Kharkiv", "strikes on Odesa", "a power plant in
  Kharkiv", "blockades in the West Bank"; "civilians in Kharkiv" are Ukrainian civilians.
  Places come from the article's mentions (the actor dictionary's places, and seats of
  power read as places), else from GeoNames by the name the entity recogniser found.
  Only material acts (``MATERIAL_TYPES`` in the ontology) take a place as target: where
  a meeting or a signing took place is its venue, not a party to it.
* **A doer left unnamed.** "A drone was shot down over Yemen" and "a roadside bomb killed
  two soldiers" tell of an act and its target but not who did it: an event with no
  source, which stays below the default view (nobody can check or count it by actor).
  Some acts imply their doer: "he was arrested in Minsk" is the police's, of Belarus.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from blocwatch.model import EventActor, Token
from blocwatch.nlp.events.lexicon import Grammar, Sense
from blocwatch.nlp.events.ontology import MATERIAL_TYPES
from blocwatch.nlp.events.roles import ActorFinder
from blocwatch.nlp.events.view import Participant, SentenceView

_DESCRIBING_CLAUSES = frozenset({"relcl", "acl", "advcl", "amod", "pcomp"})
"""Clauses that describe an actor or a circumstance rather than tell the main event."""
_DONE_WHERE_IT_FALLS = frozenset({"ASSAULT", "COERCE"})
"""Types whose act falls on the place it is done in ("arrested protesters in Kirkuk")."""


def gazetteer_state(name: str) -> str | None:
    """The state of a city or country GeoNames knows by this very name (read once)."""
    from blocwatch.places import place_states

    return place_states().state_of(name)


def located_target(
    view: SentenceView,
    finder: ActorFinder,
    verb: Token,
    sense: Sense,
    phrases: Sequence[Token],
    agent: Participant | None,
) -> Participant | None:
    """A material act on a place, or on something in a place, is an act on the place's
    state: "shelled Kharkiv", "strikes on Odesa", "a power plant in Kharkiv", "blockades
    in the West Bank" (and "civilians in Kharkiv" are Ukrainian civilians). Only for
    material acts (PLOVER's material cooperation and conflict): where a meeting or an agreement took
    place is its venue, not a party to it."""
    if sense.alone or sense.type not in MATERIAL_TYPES:
        return None
    where_it_is = finder.grammar.location_prepositions
    found: tuple[tuple[str, str], Token] | None = None
    for phrase in phrases:
        place = finder.located_state(view, phrase)
        if place is not None:
            found = (place, phrase)
            break
    for phrase in phrases if found is None else ():
        for obj in _where_it_lies(view, phrase, where_it_is):
            place = finder.located_state(view, obj)
            if place is not None and found is None:
                found = (place, obj)
    if found is None and sense.type in _DONE_WHERE_IT_FALLS:
        # Violence and coercion fall on the place they are done in: "police arrested
        # protesters in Kirkuk", "killed five people near Kharkiv".
        for prep in view.kids(verb, "prep"):
            if prep.lemma.lower() not in where_it_is - finder.grammar.noun_location_prepositions:
                continue
            for obj in view.kids(prep, "pobj"):
                # "killed in a car bomb explosion in eastern Beirut": the scene can nest.
                for where in [obj, *_where_it_lies(view, obj, where_it_is)]:
                    place = finder.located_state(view, where)
                    if place is not None and found is None:
                        found = (place, where)
    if found is None:
        return None
    (state, name), token = found
    if agent is not None:
        actor = EventActor(None, agent.actor.name, state, agent.actor.sector)
        return Participant(actor, "place", agent.token)
    return Participant(EventActor(state, name, state, None), "place", token.i)


def _where_it_lies(
    view: SentenceView, phrase: Token, prepositions: frozenset[str], depth: int = 2
) -> Iterator[Token]:
    """Objects of the locative prepositions of a noun phrase, one level down too ("dozens
    of students in Kirkuk", "a blast in a district of Beirut")."""
    for prep in view.kids(phrase, "prep"):
        if prep.lemma.lower() not in prepositions:
            continue
        for obj in view.kids(prep, "pobj"):
            yield obj
            if depth > 1:
                yield from _where_it_lies(view, obj, prepositions, depth - 1)


def unnamed_doer(view: SentenceView, verb: Token, sense: Sense, grammar: Grammar) -> bool:
    """Whether the verb's act has a doer the sentence does not name, so that it is an event
    with no source rather than no event: a passive without an actor in its ``by`` phrase
    ("a drone was shot down over Yemen", "was killed by a roadside bomb"), or violence
    whose subject is its means ("a roadside bomb killed two soldiers"). Not in relative or
    adverbial clauses, which describe an actor or a circumstance of the main event."""
    if sense.reverse or sense.alone or verb.dep in _DESCRIBING_CLAUSES:
        return False
    if view.kids(verb, "nsubjpass"):
        return True
    subjects = view.kids(verb, "nsubj")
    if not subjects or sense.type not in {"ASSAULT", "COERCE"}:
        return False
    return subjects[0].lemma.lower() in grammar.cause_nouns


def doer_of_the_means(
    view: SentenceView, finder: ActorFinder, verb: Token, grammar: Grammar
) -> list[Participant]:
    """The doer behind the means of a passive act, when the sentence names it: "killed in
    an air strike by government forces", "killed by Israeli tank shelling"."""
    for prep in view.kids(verb, "prep", "agent"):
        if prep.lemma.lower() not in grammar.means_prepositions:
            continue
        for means in view.kids(prep, "pobj"):
            if means.lemma.lower() not in grammar.cause_nouns:
                continue
            actors = finder.actors(view, means)
            if actors:
                return actors
            for by in view.kids(means, "prep"):
                if by.lemma.lower() in grammar.agent_prepositions:
                    actors = [a for obj in view.kids(by, "pobj") for a in finder.actors(view, obj)]
                    if actors:
                        return actors
    return []


def protested_authority(
    view: SentenceView, finder: ActorFinder, source: Participant
) -> Participant | None:
    """Whom a protest that names no target is against, as CAMEO and PLOVER code it: the
    protesters' own authorities ("Bolivian farmers blocked roads", "demonstrators in
    Baghdad rallied"). Not for the state itself (a government does not demonstrate
    against itself), and only implied: below the default view."""
    state = source.actor.code
    if state is None or finder.names_the_state(view.tokens[source.token]):
        return None
    authority = finder.actor_by_id(state, "")
    authority = replace(authority, code=state, name=authority.name or state, sector=None)
    return Participant(authority, "implied", source.token)


def implied_agent(finder: ActorFinder, view: SentenceView, verb: Token) -> Participant | None:
    """The body a passive act with no ``by`` phrase implies ("he was arrested in
    Minsk": the police, of Belarus), of the state of the place it was done in; only
    implied, so below the default view. Not in a clause that describes someone ("X,
    who had been arrested in May, was freed"): the sentence's event is elsewhere."""
    noun = finder.heads.implied.get(verb.lemma.lower())
    if (
        noun is None
        or verb.dep in _DESCRIBING_CLAUSES
        or view.kids(verb, "agent")
        or not view.kids(verb, "nsubjpass")
    ):
        return None
    state = None
    where = finder.grammar.whereabouts_prepositions - finder.grammar.origin_prepositions
    for prep in view.kids(verb, "prep"):
        if prep.lemma.lower() in where:
            for obj in view.kids(prep, "pobj"):
                place = finder.located_state(view, obj)
                state = state or (place[0] if place else None)
    actor = EventActor(None, noun, state, finder.agents.get(noun))
    return Participant(actor, "implied", verb.i)
