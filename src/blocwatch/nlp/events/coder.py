"""Who did what to whom: PLOVER events from the dependency parse of each sentence.

For every verb the lexicon knows (:mod:`~blocwatch.nlp.events.lexicon`), the coder reads
its sense from the verb's particles and objects, its source and target from its syntax
(:mod:`~blocwatch.nlp.events.roles`) and its status from the words that govern it
(:mod:`~blocwatch.nlp.events.status`). Nouns that name events ("talks between X and Y",
"X's visit to Y") make events only when the noun phrase says who acts.

CAMEO's conventions decide the rest:

* a verb that governs another ("agreed to send troops", "threatened to impose
  sanctions", "urged Y to withdraw") is the event, and the governed verb lends it its
  target; a plan ("plans to visit Y") is the governed action with status ``planned``; a
  refusal ("refused to meet Y") is a REJECT;
* mutual actions ("X and Y met", "X met Y") are coded in both directions, everything
  else one way; an act is mutual when the lexicon marks the verb so *and* its type is
  one of :data:`~blocwatch.nlp.events.ontology.SYMMETRIC_TYPES` (consult, agree,
  cooperate): recognising, supporting or signing something toward Y is one way, while
  "X and Y restored ties", where the text makes both agents, is mutual whatever its type;
* a verb of violence done by a person to a person, a party or nothing that can be hit
  ("the minister attacked the opposition") is criticism (111), not an assault;
* a material act on a place, or on something in a place, is an act on the place's state
  ("strikes on Odesa", "shelled a power plant in Kharkiv"); where a meeting or a signing
  took place is only its venue.

**No-event gate.** A sentence gives an event only when a verb (or event noun) of the
lexicon has a source that is an actor; a target is looked for but not invented. What is
unsure gets a lower ``confidence`` (a sense from the broad PETRARCH2 dictionary only, a
role found through a pronoun or by inheritance, no target), and pages show events at or
above ``settings.min_confidence`` by default.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from blocwatch.model import (
    ActorKind,
    Event,
    EventActor,
    EventStatus,
    Mention,
    Parse,
    Quote,
    Sector,
    Sentence,
    TimeExpression,
    Token,
)
from blocwatch.nlp.actors.people import PersonIndex
from blocwatch.nlp.actors.registry import PersonRegistry
from blocwatch.nlp.events.evaluation import judged_actor
from blocwatch.nlp.events.implicit import (
    doer_of_the_means,
    gazetteer_state,
    located_target,
    protested_authority,
    unnamed_doer,
)
from blocwatch.nlp.events.lexicon import Grammar, Lexicon, Sense, VerbUse, default_lexicon
from blocwatch.nlp.events.records import Coded, event_records
from blocwatch.nlp.events.roles import (
    ActorFinder,
    Participant,
    SentenceView,
    iter_verbs,
)
from blocwatch.nlp.events.status import Status, status_of
from blocwatch.nlp.tone import word_valence

if TYPE_CHECKING:
    from blocwatch.nlp.actors import ActorDictionary, ActorRecognizer
    from blocwatch.nlp.syntax import SyntaxParser

_CONFLICT_MATERIAL = frozenset({"ASSAULT", "COERCE"})
_POLITICAL = frozenset(
    {Sector.PARTY, Sector.OPPOSITION, Sector.LEGISLATURE, Sector.GOVERNMENT, Sector.MEDIA}
)
_OUTSIDE_STATE = frozenset(
    {
        Sector.PARTY,
        Sector.OPPOSITION,
        Sector.ARMED_GROUP,
        Sector.COMPANY,
        Sector.MEDIA,
        Sector.NGO,
        Sector.CIVILIANS,
    }
)
"""Bodies of a state's people that are not its government: acting on them is domestic."""
_AGENT_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "ACCUSE", "PROTEST", "REQUEST"})
"""Types whose target may be a body of no known state ("police fired on protesters")."""
_COMPLEMENT_TARGET_PREPS = frozenset({"to", "with", "for", "on", "against"})
"""Whom a governed action is for: "offered to hand over X to Y", "agreed to cooperate with Y"."""
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
_PLACE_PREPS = frozenset({"in", "at", "near", "outside"})


class EventCoder:
    """Codes PLOVER events, with CAMEO codes and Goldstein scores, from parsed sentences."""

    def __init__(
        self,
        dictionary: ActorDictionary | None = None,
        lexicon: Lexicon | None = None,
        agents: Mapping[str, Sector] | None = None,
        *,
        use_broad: bool = True,
        use_registry: bool = True,
    ) -> None:
        self._dictionary = dictionary
        self.lexicon = lexicon or default_lexicon()
        self.agents = agents if agents is not None else default_agents()
        self._parser: SyntaxParser | None = None
        self._recognizer: ActorRecognizer | None = None
        self._plural_demonyms: dict[str, str] | None = None
        self.use_broad = use_broad
        """Fall back on the PETRARCH2 verb dictionary for verbs blocwatch's table lacks."""
        self.use_registry = use_registry
        """Link names the recogniser leaves unknown to the Phoenix office-holders."""

    # ------------------------------------------------------------------ public API

    def code(
        self,
        article_id: str,
        text: str,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        parses: Sequence[Parse],
        *,
        times: Sequence[TimeExpression] = (),
        quotes: Sequence[Quote] = (),
        published: datetime | None = None,
    ) -> list[Event]:
        """Events of one article, in text order, each with its sentence as evidence."""
        day = published.date() if published else None
        finder = ActorFinder(
            mentions,
            self.agents,
            self.lexicon.grammar.pronouns,
            self._states_of(mentions, day),
            frozenset(self.lexicon.nouns),
            PersonIndex.build(parses, mentions),
            gazetteer_state,
            self._demonyms(),
            PersonRegistry.default() if self.use_registry else None,
            day,
        )
        by_index = {s.index: s for s in sentences}
        ordered_times = sorted((t for t in times if t.value), key=lambda t: t.evidence.span.start)
        events: list[Event] = []
        for parse in parses:
            sentence = by_index.get(parse.sentence_index)
            if sentence is None:
                continue
            view = SentenceView(parse)
            if _headline_case(view):
                continue  # "China Accepts First Taliban Envoy": names cannot be told from words
            speaker = _quote_speaker(quotes, sentence, finder)
            finder.speaker = Participant(speaker, "pronoun", -1) if speaker else None
            for coded in self._code_sentence(view, finder):
                events.extend(
                    event_records(
                        article_id, text, sentence, view, coded, ordered_times, published, speaker
                    )
                )
        return events

    def code_sentence(self, sentence: str, *, published: datetime | None = None) -> list[Event]:
        """Events of one sentence (or short text), finding its actors and dates itself."""
        from blocwatch.nlp.actors import ActorRecognizer
        from blocwatch.nlp.dates import extract_times
        from blocwatch.nlp.sentences import split_sentences
        from blocwatch.nlp.syntax import SyntaxParser

        if self._parser is None:
            self._parser = SyntaxParser()
        sentences = split_sentences(sentence)
        if self._recognizer is None:
            self._recognizer = ActorRecognizer(self._actor_dictionary())
        mentions = self._recognizer.recognize(
            "sentence", sentence, sentences, published.date() if published else None
        )
        times = extract_times("sentence", sentence, sentences, published)
        parses = self._parser.parse(sentence, sentences)
        return self.code(
            "sentence", sentence, sentences, mentions, parses, times=times, published=published
        )

    # ------------------------------------------------------------------ one sentence

    def _code_sentence(self, view: SentenceView, finder: ActorFinder) -> list[Coded]:
        found: list[Coded] = []
        consumed: set[int] = set()
        for verb in iter_verbs(view):
            demand = self._obligation(view, finder, verb)
            if demand is not None:
                # "X said Y must hand over Z" is X's demand, not Y's promise to hand over.
                found.append(demand[0])
                consumed.add(demand[1].i)
        for verb in iter_verbs(view):
            if verb.i in consumed:
                continue
            coded = self._code_verb(view, finder, verb, consumed) or self._judgement(
                view, finder, verb
            )
            if coded is not None:
                found.append(coded)
        for token in view.tokens:
            if token.pos in {"NOUN", "PROPN"} and token.i not in consumed:
                coded = self._code_noun(view, finder, token)
                if coded is not None:
                    found.append(coded)
        return sorted(found, key=lambda c: c.anchor.i)

    def _code_verb(
        self, view: SentenceView, finder: ActorFinder, verb: Token, consumed: set[int]
    ) -> Coded | None:
        grammar = self.lexicon.grammar
        head = view.head(verb)
        if (
            head is not None
            and verb.dep == "xcomp"
            and head.lemma.lower() in grammar.cessation_verbs
        ):
            return None  # "stop arming Y": the end of an action, which the verb table cannot code
        complement = _complement(view, verb)
        lemma = verb.lemma.lower()
        if (
            complement is not None
            and lemma in grammar.plan_verbs
            and lemma not in self.lexicon.verbs
        ):
            return None  # "is expected to visit": the visit is the event, planned
        sense = self._sense(view, verb)
        if sense is None and complement is not None and lemma in grammar.refusal_verbs:
            sense = Sense(verb.lemma, "REJECT", "120")
        if sense is None:
            return None
        sources, inherited = self._sources(view, finder, verb, sense)
        if not sources and not unnamed_doer(view, verb, sense, grammar):
            return None
        for obj in view.kids(verb, "dobj"):
            consumed.add(obj.i)  # "held talks" is the verb's event, not the noun's
        if complement is not None and self._sense(view, complement) is not None:
            consumed.add(complement.i)
        source = sources[0] if sources else None
        targets = self._targets(view, finder, verb, sense)
        if not targets and complement is not None:
            targets = self._targets(view, finder, complement, sense, _COMPLEMENT_TARGET_PREPS)
        target = targets[0] if targets else None
        if target is None and not sense.alone and not (sense.symmetric and len(sources) > 1):
            # Not for "X and Y discussed the meeting of Z": X and Y are each other's partners.
            target = finder.in_subtree(view, verb, _outside_the_frame(view, verb, grammar))
        if target is not None and any(_same_actor(target.actor, p.actor) for p in sources):
            target = None
        if source is None and target is None:
            return None  # neither doer nor target: nothing to tell
        if target is None and source is not None and sense.type == "PROTEST":
            target = protested_authority(view, finder, source)
        sense = self._literal_or_figurative(view, sense, verb, source, target)
        if sense is None:
            return None
        if sense.mode == "visit" and source is not None and source.actor.sector is Sector.MILITARY:
            # Troops that "arrive in" a country are deployed there, not visiting.
            sense = replace(sense, type="MOBILIZE", cameo="150", mode=None, symmetric=False)
        status = status_of(view, verb, sense, grammar, finder)
        partners = tuple(sources[1:])
        if target is None and sense.symmetric and _has_object(view, verb, self.lexicon, sense):
            partners = ()  # "X and Y met with Z": not a meeting of X with Y
        co_targets = tuple(
            other
            for other in targets[1:]
            if target is not None and not any(_same_actor(other.actor, p.actor) for p in sources)
        )
        return Coded(
            sense,
            source,
            target,
            status,
            verb,
            partners=partners,
            co_targets=co_targets,
            inherited=inherited,
        )

    def _sense(self, view: SentenceView, verb: Token) -> Sense | None:
        if view.kids(verb, "oprd"):
            # "called Burma a success story", "named him envoy": the verb says what its
            # object is, which is a characterisation, not an act between the two.
            return None
        particles = {
            c.lemma.lower()
            for c in view.kids(verb, "prt", "prep")
            # "called Putin on Tuesday": a preposition that only dates the act is no particle.
            if not any(o.ent_type in _TIME_ENTITIES for o in view.kids(c, "pobj"))
        }
        heads = view.kids(verb, "dobj", "nsubjpass", "attr")
        for obj in view.kids(verb, "dobj"):
            heads.extend(view.kids(obj, "conj"))
        objects = {c.lemma.lower() for c in heads} | {c.text.lower() for c in heads}
        lemma = self._known_lemma(verb)
        own = self.lexicon.verb_sense(lemma, particles, objects)
        if own is not None and own.objects:
            return own  # "hold talks", "impose sanctions": the table names the pair
        light = self._light_verb_sense(view, verb)
        if light is not None:
            return light
        if own is not None or not self.use_broad:
            return own
        return self.lexicon.broad_sense(_verb_use(view, verb))

    def _known_lemma(self, verb: Token) -> str:
        """The parser's lemma, or, when no verb table knows it, the regular lemma of the
        word that one does: small models lemmatise some verbs wrongly ("staged" as
        "stag")."""
        lemma = verb.lemma.lower()
        broad = self.lexicon.broad
        if lemma in self.lexicon.verbs or (broad is not None and lemma in broad):
            return lemma
        word = verb.text.lower()
        for cut, add in (("d", ""), ("ed", ""), ("s", ""), ("es", ""), ("ing", ""), ("ing", "e")):
            candidate = word[: len(word) - len(cut)] + add if word.endswith(cut) else ""
            if candidate and candidate in self.lexicon.verbs:
                return candidate
        return lemma

    def _light_verb_sense(self, view: SentenceView, verb: Token) -> Sense | None:
        """A verb that only carries its object's event ("carried out raids", "waged an
        offensive", "staged a walkout") takes the sense of that event noun: from the
        noun table, else read as the verb it is made from ("raid", "bombing")."""
        if verb.lemma.lower() not in self.lexicon.grammar.support_verbs:
            return None
        for obj in view.kids(verb, "dobj"):
            senses = self._noun_senses(view, obj)
            if senses:
                return max(senses, key=lambda s: s.specificity)
        return None

    def _sources(
        self, view: SentenceView, finder: ActorFinder, verb: Token, sense: Sense
    ) -> tuple[list[Participant], bool]:
        """The agent: subject (active), ``by`` phrase (passive), inherited from a
        governing or coordinated verb when the verb has no subject of its own."""
        passive = bool(view.kids(verb, "nsubjpass", "auxpass"))
        if sense.reverse:
            for prep in view.kids(verb, "prep"):
                if prep.lemma in {"from", "by"}:
                    for obj in view.kids(prep, "pobj"):
                        actors = finder.actors(view, obj)
                        if actors:
                            return actors, False
            return [], False
        if _stative(view, verb, self.lexicon.grammar) and (passive or verb.dep == "acomp"):
            # "Israel is opposed to the plan": the subject holds the attitude (parsed as
            # a passive, or as the complement of "is").
            holder = verb if passive else view.head(verb)
            for subject in view.kids(holder, "nsubjpass", "nsubj") if holder else []:
                return finder.actors(view, subject), False
        if passive:
            for agent in view.kids(verb, "agent"):
                for obj in view.kids(agent, "pobj"):
                    actors = finder.actors(view, obj)
                    if actors:
                        return actors, False
            means = doer_of_the_means(view, finder, verb, self.lexicon.grammar)
            return means, bool(means)
        # Two subjects on one verb is a misparse; the one nearest before the verb is its own.
        for subject in sorted(view.kids(verb, "nsubj"), key=lambda s: (s.i > verb.i, -s.i)):
            if subject.text.lower() in {"this", "that", "there", "which", "who", "what"}:
                return [], False
            if subject.tag == "VBG":
                # "The Red Cross operating in Iraq said": a participle the parser took
                # for the subject; its own subject is the speaker.
                subject = next(iter(view.kids(subject, "nsubj")), subject)
            return finder.actors(view, subject), False
        head = view.head(verb)
        if (
            head is not None
            and verb.dep in {"xcomp", "conj", "advcl"}
            and head.pos
            in {
                "VERB",
                "AUX",
                "ADJ",
            }
        ):
            governor = head
            if head.pos == "ADJ":
                governor = view.head(head) or head
            if governor.lemma.lower() in self.lexicon.grammar.plan_verbs:
                # "Putin is expected to visit": the passive subject of a plan verb acts.
                for subject in view.kids(governor, "nsubjpass"):
                    return finder.actors(view, subject), True
            inherited, _ = self._sources(view, finder, governor, Sense(governor.lemma, "", ""))
            return inherited, bool(inherited)
        return [], False

    def _targets(
        self,
        view: SentenceView,
        finder: ActorFinder,
        verb: Token,
        sense: Sense,
        more_preps: frozenset[str] = frozenset(),
    ) -> tuple[Participant, ...]:
        """The target, then the actors coordinated with it in the same phrase."""
        passive = bool(view.kids(verb, "nsubjpass", "auxpass"))
        if sense.reverse:
            candidates = view.kids(verb, "nsubj")
        elif passive and _stative(view, verb, self.lexicon.grammar):
            candidates = []
        elif passive:
            candidates = view.kids(verb, "nsubjpass")
        else:
            candidates = view.kids(verb, "dobj", "dative")
        preps = self.lexicon.target_prepositions(sense) | more_preps
        phrases = list(candidates)
        phrases += [
            o
            for p in view.kids(verb, "prep")
            if p.lemma.lower() in preps
            for o in view.kids(p, "pobj")
        ]
        # "imposed sanctions on Y": the target hangs on the object noun.
        phrases += [
            o
            for d in view.kids(verb, "dobj")
            for p in view.kids(d, "prep")
            if p.lemma.lower() in preps
            for o in view.kids(p, "pobj")
        ]
        if sense.mode == "visit":
            # "a visit to Moscow", "arrived at the White House": the host state is the target.
            for phrase in phrases:
                host = finder.place_state(phrase)
                if host is not None:
                    return (host,)
        fallback: Participant | None = None
        for phrase in phrases:
            actors = finder.actors(view, phrase)
            for actor in actors:
                if actor.how != "agent" or actor.actor.code is not None:
                    return tuple(
                        a for a in actors if a is actor or a.how != "agent" or a.actor.code
                    )
                # "sent troops to Y": troops of no state are what is sent, not the target.
                fallback = fallback or actor
        located = located_target(view, finder, verb, sense, phrases, fallback)
        if located is not None:
            return (located,)
        if fallback is not None and not sense.objects and sense.type in _AGENT_TARGET_TYPES:
            return (fallback,)
        return ()

    def _literal_or_figurative(
        self,
        view: SentenceView,
        sense: Sense,
        verb: Token,
        source: Participant | None,
        target: Participant | None,
    ) -> Sense | None:
        """Violence needs something it can be done to; a politician "attacking" a rival
        or a policy is criticising it, and so is one who "mounted an attack" on them."""
        if sense.type not in _CONFLICT_MATERIAL:
            return sense
        words = {verb.lemma.lower()} | {o.lemma.lower() for o in view.kids(verb, "dobj")}
        if words.isdisjoint(self.lexicon.grammar.figurative_verbs):
            return sense
        if source is None:
            # "The minister was attacked over the bill": with no doer, no telling; but
            # nobody "kills" a journalist in words.
            political = target is not None and (
                target.is_person or target.actor.sector in _POLITICAL
            )
            verbal = verb.lemma.lower() in self.lexicon.grammar.criticism_verbs
            return None if political and verbal else sense
        armed = source.actor.sector in {Sector.MILITARY, Sector.ARMED_GROUP, Sector.POLICE}
        individual = source.is_person or (source.how == "agent" and verb.tag != "NNS")
        if armed or not individual:
            return sense
        if target is None:
            return None  # "attacked the plan": nothing an event could be about
        if target.is_person or target.actor.sector in _POLITICAL:
            return replace(sense, type="ACCUSE", cameo="111", mode=None)
        return sense

    def _judgement(self, view: SentenceView, finder: ActorFinder, verb: Token) -> Coded | None:
        """ "X said Y was reckless", "X called Y's plan a disgrace": X criticises Y."""
        judged = judged_actor(view, finder, verb, self.lexicon.grammar, word_valence)
        if judged is None:
            return None
        sources, _ = self._sources(view, finder, verb, Sense(verb.lemma, "", ""))
        if not sources or _same_actor(sources[0].actor, judged.actor):
            return None
        sense = Sense(verb.lemma, "ACCUSE", "111", origin="evaluation")
        return Coded(sense, sources[0], judged, Status(EventStatus.HAPPENED), verb)

    def _obligation(
        self, view: SentenceView, finder: ActorFinder, verb: Token
    ) -> tuple[Coded, Token] | None:
        """ "X said Y must stop ...": X's demand on Y, a REQUEST on the verb of saying."""
        if verb.lemma.lower() not in self.lexicon.grammar.speech_verbs:
            return None
        for clause in view.kids(verb, "ccomp"):
            if not any(a.lemma.lower() in {"must", "should"} for a in view.kids(clause, "aux")):
                continue
            sources, _ = self._sources(view, finder, verb, Sense(verb.lemma, "", ""))
            obliged = [a for s in view.kids(clause, "nsubj") for a in finder.actors(view, s)]
            if sources and obliged and obliged[0].actor.code != sources[0].actor.code:
                sense = Sense(verb.lemma, "REQUEST", "100")
                coded = Coded(sense, sources[0], obliged[0], Status(EventStatus.HAPPENED), verb)
                return coded, clause
        return None

    def _code_noun(self, view: SentenceView, finder: ActorFinder, noun: Token) -> Coded | None:
        """ "talks between X and Y", "X's visit to Y", "sanctions by X against Y"."""
        senses = self._noun_senses(view, noun)
        if not senses:
            return None
        sense = max(senses, key=lambda s: s.specificity)
        source: Participant | None = None
        target: Participant | None = None
        patient: Participant | None = None
        for child in view.kids(noun, "poss"):
            actors = finder.actors(view, child)
            source = actors[0] if actors else None
        for prep in view.kids(noun, "prep"):
            objects = [a for obj in view.kids(prep, "pobj") for a in finder.actors(view, obj)]
            if prep.lemma == "between" and len(objects) >= 2:
                source, target = objects[0], objects[1]
            elif prep.lemma == "by" and objects and source is None:
                source = objects[0]
            elif (prep.lemma.lower() in self.lexicon.target_prepositions(sense) and objects) or (
                prep.lemma == "to" and sense.mode == "visit" and objects
            ):
                target = objects[0]
            elif prep.lemma == "of" and objects and sense.mode != "visit":
                patient = objects[0]
        if target is None and source is not None:
            # "Russia's annexation of Crimea": with the agent given, "of" names the patient.
            target = patient
        if source is None or target is None:
            return None
        status = status_of(view, noun, sense, self.lexicon.grammar, finder)
        return Coded(sense, source, target, status, noun, noun=True)

    def _noun_senses(self, view: SentenceView, noun: Token) -> list[Sense]:
        """The senses of an event noun its modifiers allow ("phone call"), or those of
        the verb it is made from."""
        modifiers = {c.lemma.lower() for c in view.kids(noun, "compound", "amod")}
        senses = [
            s
            for s in self.lexicon.noun_senses(noun.lemma.lower())
            + self.lexicon.noun_senses(noun.text.lower())
            if s.particle is None or s.particle in modifiers
        ]
        if not senses and noun.pos == "NOUN":
            senses = list(self.lexicon.nominal_senses(noun.lemma.lower()))
        return senses

    # ------------------------------------------------------------------ actors

    def _actor_dictionary(self) -> ActorDictionary:
        if self._dictionary is None:
            from blocwatch.nlp.actors import ActorDictionary

            self._dictionary = ActorDictionary.default()
        return self._dictionary

    def _demonyms(self) -> Mapping[str, str]:
        """Plural demonyms of the dictionary's states ("Palestinians", "Bolivians"), from
        their adjectives: the recogniser finds "Palestinian" but not its plural."""
        if self._plural_demonyms is None:
            found: dict[str, str] = {}
            for actor_id, entry in self._actor_dictionary().entries.items():
                if entry.actor.kind is not ActorKind.STATE:
                    continue
                for adjective in entry.adjectives:
                    if adjective[-1:].isalpha() and not adjective.endswith(
                        ("s", "sh", "ch", "ese")
                    ):
                        found.setdefault(adjective.lower() + "s", actor_id)
            self._plural_demonyms = found
        return self._plural_demonyms

    def _states_of(self, mentions: Sequence[Mention], day: date | None) -> dict[str, str | None]:
        """The state or organisation each person stands for on the day (Lavrov: Russia)."""
        dictionary = self._actor_dictionary()
        return {
            m.actor_id: dictionary.state_of(m.actor_id, day) or m.country
            for m in mentions
            if m.kind is ActorKind.PERSON
        }


def default_agents() -> dict[str, Sector]:
    """Agent nouns ("police", "troops", "rebels") and the sector each names."""
    from blocwatch.nlp.actors.agents import default_agent_sectors

    return default_agent_sectors()


def _stative(view: SentenceView, verb: Token, grammar: Grammar) -> bool:
    """A participle of attitude with no ``by`` phrase ("is opposed to", "is committed
    to"): a state of its subject, not something done to it."""
    return verb.lemma.lower() in grammar.stative_participles and not view.kids(verb, "agent")


def _has_object(view: SentenceView, verb: Token, lexicon: Lexicon, sense: Sense) -> bool:
    """Whether the verb names someone it acts on that could not be resolved (a name or a
    pronoun as object, or after a target preposition): "X and Y met with Z" is not X
    meeting Y, while "X and Y discussed the situation" is."""
    preps = lexicon.target_prepositions(sense)
    objects = view.kids(verb, "dobj", "dative") + [
        o for p in view.kids(verb, "prep") if p.lemma.lower() in preps for o in view.kids(p, "pobj")
    ]
    return any(o.pos in {"PROPN", "PRON"} for o in objects)


def _verb_use(view: SentenceView, verb: Token) -> VerbUse:
    """The verb's dependents as the broad dictionary's patterns read them."""
    dependents: set[str] = set()
    prep_objects: dict[str, frozenset[str]] = {}
    for child in view.kids(verb):
        if child.dep == "prep":
            words = {
                o.lemma.lower() for obj in view.kids(child, "pobj") for o in _phrase(view, obj)
            }
            prep_objects[child.lemma.lower()] = frozenset(words)
        elif child.dep not in {"punct", "cc", "advcl", "ccomp", "conj", "relcl"}:
            dependents.update(t.lemma.lower() for t in _phrase(view, child))
    particle = next((c.lemma.lower() for c in view.kids(verb, "prt")), None)
    passive = bool(view.kids(verb, "nsubjpass", "auxpass"))
    return VerbUse(verb.lemma.lower(), particle, frozenset(dependents), prep_objects, passive)


def _phrase(view: SentenceView, head: Token) -> list[Token]:
    """A noun phrase's words: the head and its modifiers, not its clauses."""
    found = [head]
    for child in view.kids(head):
        if child.dep in {"compound", "amod", "det", "poss", "nummod", "prep", "pobj", "conj"}:
            found.extend(_phrase(view, child))
    return found


def _same_actor(a: EventActor, b: EventActor) -> bool:
    """One actor on both sides: the same id, or a state and a body standing for it ("the
    Kremlin" and Russia). A person acting on their own state is a domestic act, which
    CAMEO codes with the state on both sides ("President X extended the curfew in Y"), and
    so is a state acting on a body of its people outside the state ("Turkey will let
    Turkish refugees return", "police detained Russian opposition activists")."""
    if a.sector != b.sector and (a.sector in _OUTSIDE_STATE or b.sector in _OUTSIDE_STATE):
        return False
    if a.actor_id and b.actor_id and a.actor_id == b.actor_id:
        return True
    if any((x.actor_id or "").startswith("person:") for x in (a, b)):
        return False
    state_level = a.actor_id == a.code or b.actor_id == b.code
    return state_level and a.code is not None and a.code == b.code


def _headline_case(view: SentenceView) -> bool:
    """A line in title case (a headline, a caption): its verbs are capitalised mid-line,
    and the entity recogniser reads its common words as names. The body restates it."""
    verbs = [t for t in view.tokens if t.pos in {"VERB", "AUX"} and t.i > 0 and t.text.isalpha()]
    return bool(verbs) and sum(t.text[0].isupper() for t in verbs) * 2 > len(verbs)


def _quote_speaker(
    quotes: Sequence[Quote], sentence: Sentence, finder: ActorFinder
) -> EventActor | None:
    """Who speaks the quotation a sentence sits in (its events are that speaker's claims)."""
    for quote in quotes:
        span = quote.evidence.span
        if span.start <= sentence.span.start < span.end or (
            sentence.span.start <= span.start < sentence.span.end
        ):
            if quote.speaker_actor_id is None:
                return None
            return finder.actor_by_id(quote.speaker_actor_id, quote.speaker or "")
    return None


def _outside_the_frame(view: SentenceView, verb: Token, grammar: Grammar) -> frozenset[int]:
    """Dependents of a verb whose actors are not its target: the subject, an agent, the
    reported speaker of a wrapping clause, relative and adverbial clauses, and the
    language's scene-setting prepositions (``setting_prepositions`` in its grammar)."""
    direct = frozenset(
        c.i
        for c in view.kids(verb)
        if c.dep in {"nsubj", "nsubjpass", "agent", "advcl", "relcl", "parataxis", "npadvmod"}
        or (
            c.dep == "prep" and c.lemma.lower() in {"after", "before", "during", "since", "despite"}
        )
    )
    # A scene-setting preposition anywhere below the verb ("обсудили ситуацию на полях
    # саммита ШОС"): the forum is where it happened, not who was acted on.
    scenes = frozenset(
        t.i
        for t in view.tokens
        if t.dep == "prep" and t.lemma.lower() in grammar.setting_prepositions
    )
    return direct | scenes


def _complement(view: SentenceView, verb: Token) -> Token | None:
    for child in view.kids(verb, "xcomp", "ccomp"):
        if child.pos in {"VERB", "AUX"} and child.dep == "xcomp":
            return child
    for adjective in view.kids(verb, "acomp"):
        for child in view.kids(adjective, "xcomp"):
            return child
    return None
