"""Events named by nouns: "talks between X and Y", "X's visit to Y", "sanctions by X
against Y", "Russia's annexation of Crimea".

An event noun's source is its possessor or its agent ("by") phrase, its target the object
of a preposition its sense names (or "between" two actors, or a visit's destination); with
the agent given, its "of" phrase is the patient. Without a named target, the noun phrase
may still give one: the state of a place a material act is done to, the target of the act
the noun announces ("X's threats to wall off Y"), or the owner of a criticised act.
"""

from __future__ import annotations

from dataclasses import replace

from blocwatch.model import Token
from blocwatch.nlp.events.lexicon import Lexicon, Sense
from blocwatch.nlp.events.ontology import MATERIAL_TYPES
from blocwatch.nlp.events.participants import act_owner, same_actor, targets_of
from blocwatch.nlp.events.records import Coded
from blocwatch.nlp.events.roles import ActorFinder
from blocwatch.nlp.events.senses import noun_senses
from blocwatch.nlp.events.status import status_of
from blocwatch.nlp.events.view import Participant, SentenceView


def code_noun(
    view: SentenceView, finder: ActorFinder, noun: Token, lexicon: Lexicon
) -> Coded | None:
    """ "talks between X and Y", "X's visit to Y", "sanctions by X against Y"."""
    senses = noun_senses(view, noun, lexicon)
    if not senses:
        return None
    sense = max(senses, key=lambda s: s.specificity)
    source, target, patient = _noun_roles(view, finder, noun, sense, lexicon)
    construction = None
    if target is None and source is not None:
        # "Russia's annexation of Crimea": with the agent given, "of" names the patient.
        target = patient
        if target is None:
            target, construction = _noun_implied_target(view, finder, noun, sense, lexicon)
        if target is None and sense.type in lexicon.grammar.owner_target_types:
            # "Poland's criticism of Lukashenko's remarks": the act's owner.
            target = act_owner(view, finder, noun, lexicon)
            construction = "act_owner" if target is not None else None
    if source is None or target is None or same_actor(source.actor, target.actor):
        return None
    status = status_of(view, noun, sense, lexicon.grammar, finder)
    return Coded(sense, source, target, status, noun, noun=True, construction=construction)


def _noun_roles(
    view: SentenceView, finder: ActorFinder, noun: Token, sense: Sense, lexicon: Lexicon
) -> tuple[Participant | None, Participant | None, Participant | None]:
    """Source, target and "of" patient of an event noun, from its possessor and
    prepositions."""
    grammar = lexicon.grammar
    source: Participant | None = None
    target: Participant | None = None
    patient: Participant | None = None
    for child in view.kids(noun, "poss"):
        actors = finder.actors(view, child)
        source = actors[0] if actors else None
    for prep in view.kids(noun, "prep"):
        objects = [a for obj in view.kids(prep, "pobj") for a in finder.actors(view, obj)]
        if prep.lemma in grammar.mutual_prepositions and len(objects) >= 2:
            source, target = objects[0], objects[1]
        elif prep.lemma in grammar.agent_prepositions and objects and source is None:
            source = objects[0]
        elif (prep.lemma.lower() in lexicon.target_prepositions(sense) and objects) or (
            prep.lemma in grammar.destination_prepositions and sense.mode == "visit" and objects
        ):
            target = objects[0]
        elif prep.lemma in grammar.patient_prepositions and objects and sense.mode != "visit":
            patient = objects[0]
    return source, target, patient


def _noun_implied_target(
    view: SentenceView, finder: ActorFinder, noun: Token, sense: Sense, lexicon: Lexicon
) -> tuple[Participant | None, str | None]:
    """A target the noun phrase gives other than by an actor's name: the state of a
    place a material act is done to ("Russia's annexation of Crimea"), or the target
    of the act a noun announces ("X's threats to wall off Y", "X's plan to visit Y")."""
    if sense.type in MATERIAL_TYPES and sense.mode != "visit":
        for prep in view.kids(noun, "prep"):
            if prep.lemma.lower() not in lexicon.grammar.patient_prepositions:
                continue
            for obj in view.kids(prep, "pobj"):
                place = finder.place_state(obj)
                if place is not None:
                    return replace(place, how="place"), "noun_place_patient"
    for clause in view.kids(noun, "acl"):
        markers = lexicon.grammar.infinitive_markers
        if clause.pos != "VERB" or not any(a.lemma in markers for a in view.kids(clause, "aux")):
            continue
        for_whom = lexicon.grammar.complement_target_prepositions
        targets = targets_of(view, finder, clause, sense, lexicon, for_whom)
        if targets:
            return targets[0], "noun_complement_target"
    return None, None
