"""Who did what to whom: PLOVER events from the dependency parse of each sentence.

For every verb the lexicon knows (:mod:`~blocwatch.nlp.events.lexicon`), the coder reads
its sense from the verb's particles and objects (:mod:`~blocwatch.nlp.events.senses`), its
source and target from its syntax (:mod:`~blocwatch.nlp.events.participants`, over
:mod:`~blocwatch.nlp.events.roles`) and its status from the words that govern it
(:mod:`~blocwatch.nlp.events.status`). Nouns that name events ("talks between X and Y",
"X's visit to Y") make events only when the noun phrase says who acts. A verb no table
codes may still be an act of saying: a judgement, a finding of fault, a demand, or a
quotation's own judgement of an actor (:mod:`~blocwatch.nlp.events.speech_acts`).

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
lexicon has a source that is an actor; a target is looked for but not invented. Each
record's ``confidence`` is the probability that it is right, from a model over how it was
found (:mod:`~blocwatch.nlp.events.confidence`: a sense from the broad PETRARCH2
dictionary only, a role found through a pronoun or by inheritance, no target, ...), and
pages show events at or above ``settings.min_confidence`` by default. Records are rated
once the whole article is coded: a fact another sentence tells again is corroborated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from blocwatch.model import (
    ActorKind,
    Article,
    Event,
    EventActor,
    Mention,
    Parse,
    Quote,
    Sector,
    Sentence,
    TimeExpression,
    Token,
)
from blocwatch.nlp.actors.heads import HeadNouns
from blocwatch.nlp.actors.people import PersonIndex
from blocwatch.nlp.actors.registry import PersonRegistry
from blocwatch.nlp.events.antecedents import antecedent_owner, remember_acts
from blocwatch.nlp.events.assertion import headline_case, owned_up, question, supposed
from blocwatch.nlp.events.claims import quote_claimant, quote_speaker
from blocwatch.nlp.events.confidence import (
    ConfidenceModel,
    Pending,
    corroborate,
    default_confidence_model,
)
from blocwatch.nlp.events.implicit import (
    gazetteer_state,
    implied_agent,
    protested_authority,
    unnamed_doer,
)
from blocwatch.nlp.events.lexicon import Lexicon, Sense, default_lexicon
from blocwatch.nlp.events.nominal import code_noun
from blocwatch.nlp.events.ontology import COOPERATIVE_TYPES
from blocwatch.nlp.events.participants import (
    act_owner,
    at_home,
    clause_subjects,
    complement_of,
    condition_subjects,
    has_object,
    is_mandative,
    names_addressee,
    outside_the_frame,
    purpose_grievance,
    same_actor,
    shared_agent,
    sources_of,
    targets_of,
)
from blocwatch.nlp.events.pronouns import PersonPronouns
from blocwatch.nlp.events.readings import in_context
from blocwatch.nlp.events.records import Coded, event_records
from blocwatch.nlp.events.roles import ActorFinder
from blocwatch.nlp.events.senses import literal_or_figurative, verb_sense
from blocwatch.nlp.events.speech_acts import judgement, obligation, quoted_judgement
from blocwatch.nlp.events.status import status_of
from blocwatch.nlp.events.view import Participant, SentenceView, iter_verbs

if TYPE_CHECKING:
    from blocwatch.nlp.actors import ActorDictionary, ActorRecognizer
    from blocwatch.nlp.syntax import SyntaxParser

DISAPPROVAL_ROOT = "11"
"""CAMEO's root code of disapproval (criticise, denounce, accuse)."""
_CLAUSE_TARGET_TYPES = frozenset({"REQUEST", "ACCUSE"})
"""Speech acts whose that-clause names whom they address: "demanded that Y withdraw",
"alleged that Y had lied"."""


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
        confidence: ConfidenceModel | None = None,
        heads: HeadNouns | None = None,
    ) -> None:
        self._dictionary = dictionary
        self.lexicon = lexicon or default_lexicon()
        self.agents = agents if agents is not None else default_agents()
        self.heads = heads or (HeadNouns.default() if agents is None else HeadNouns.empty())
        """Head-noun cues for actors no name gives (English with the default agents)."""
        self._parser: SyntaxParser | None = None
        self._recognizer: ActorRecognizer | None = None
        self._plural_demonyms: dict[str, str] | None = None
        self.use_broad = use_broad
        """Fall back on the PETRARCH2 verb dictionary for verbs blocwatch's table lacks."""
        self.use_registry = use_registry
        """Link names the recogniser leaves unknown to the Phoenix office-holders."""
        self.confidence = confidence or default_confidence_model()
        """Scores each event record (:mod:`~blocwatch.nlp.events.confidence`)."""

    # ------------------------------------------------------------------ public API

    def code_article(self, article: Article) -> list[Event]:
        """Events of an article the earlier stages have read (sentences, mentions, parses,
        times and quotes), dated by its publication: what the pipeline's event step runs."""
        return self.code(
            article.id,
            article.text,
            article.sentences,
            article.mentions,
            article.parses,
            times=article.times,
            quotes=article.quotes,
            published=article.published_at,
        )

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
        finder = self.actor_finder(mentions, parses, published.date() if published else None)
        by_index = {s.index: s for s in sentences}
        ordered_times = sorted((t for t in times if t.value), key=lambda t: t.evidence.span.start)
        pending: list[Pending] = []
        for parse in parses:
            sentence = by_index.get(parse.sentence_index)
            if sentence is None:
                continue
            view = SentenceView(parse)
            if headline_case(view) or question(view):
                continue  # "China Accepts First Taliban Envoy": names cannot be told from words
            speaker = quote_speaker(quotes, sentence, finder)
            finder.speaker = Participant(speaker, "pronoun", -1) if speaker else None
            finder.sentence = parse.sentence_index
            found = self._code_sentence(
                view, finder, lambda token: quote_claimant(quotes, token, finder)
            )
            remember_acts(finder.antecedents, parse.sentence_index, view, finder, found)
            for coded in found:
                pending.extend(
                    event_records(
                        article_id,
                        text,
                        sentence,
                        view,
                        coded,
                        ordered_times,
                        published,
                        quote_claimant(quotes, coded.anchor, finder) if speaker else None,
                    )
                )
        return [self.confidence.rate(event, features) for event, features in corroborate(pending)]

    def actor_finder(
        self, mentions: Sequence[Mention], parses: Sequence[Parse], day: date | None
    ) -> ActorFinder:
        """What turns an article's role phrases into actors (also read by bench scripts)."""
        people = PersonIndex.build(parses, mentions)
        return ActorFinder(
            mentions,
            self.agents,
            self.lexicon.grammar.pronouns,
            self._states_of(mentions, day),
            frozenset(self.lexicon.nouns),
            people,
            gazetteer_state,
            self._demonyms(),
            PersonRegistry.default() if self.use_registry else None,
            day,
            self.heads,
            self.lexicon.grammar,
            PersonPronouns(mentions, parses, people=people),
        )

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

    def _code_sentence(
        self,
        view: SentenceView,
        finder: ActorFinder,
        claimant: Callable[[Token], EventActor | None] = lambda token: None,
    ) -> list[Coded]:
        """The events of one sentence; ``claimant`` tells who speaks the quotation a word
        stands in (``None`` outside quotations)."""
        found: list[Coded] = []
        consumed: set[int] = set()
        for verb in iter_verbs(view):
            demand = obligation(view, finder, verb, self.lexicon)
            if demand is not None:
                # "X said Y must hand over Z" is X's demand, not Y's promise to hand over.
                found.append(demand[0])
                consumed.add(demand[1].i)
        for verb in iter_verbs(view):
            if verb.i in consumed:
                continue
            coded = (
                self._code_verb(view, finder, verb, consumed)
                or judgement(view, finder, verb, self.lexicon)
                or quoted_judgement(view, finder, verb, claimant(verb), self.lexicon)
            )
            if coded is not None:
                found.append(coded)
        for token in view.tokens:
            if token.pos in {"NOUN", "PROPN"} and token.i not in consumed:
                coded = code_noun(view, finder, token, self.lexicon)
                if coded is not None:
                    found.append(coded)
        return sorted(found, key=lambda c: c.anchor.i)

    def _code_verb(
        self, view: SentenceView, finder: ActorFinder, verb: Token, consumed: set[int]
    ) -> Coded | None:
        """The event a verb names, with its roles and status, or ``None``."""
        complement = complement_of(view, verb)
        sense = self._verb_reading(view, verb, complement)
        if sense is None:
            return None
        sources, inherited = sources_of(view, finder, verb, sense, self.lexicon.grammar)
        construction = None
        if not sources and view.kids(verb, "nsubjpass"):
            sources = shared_agent(view, finder, verb)
            inherited, construction = bool(sources), "shared_agent" if sources else None
        implied = None if sources else implied_agent(finder, view, verb)
        if implied is not None:  # "he was arrested": by the police
            sources, construction = [implied], "implied_agent"
        if not sources and not unnamed_doer(view, verb, sense, self.lexicon.grammar):
            return None
        reading = self._warning(view, finder, verb, sense)
        if reading is None:
            return None
        warning, sense = reading is not sense, reading
        for obj in view.kids(verb, "dobj"):
            consumed.add(obj.i)  # "held talks" is the verb's event, not the noun's
        if (
            complement is not None
            and verb_sense(view, complement, self.lexicon, use_broad=self.use_broad) is not None
        ):
            consumed.add(complement.i)
        targets, found_by = self._verb_targets(view, finder, verb, complement, sense, sources)
        if found_by == "clause_target" and sense.type == "REQUEST":
            # "wants the UK to extradite Y": the act asked for is what is asked, not done.
            consumed.update(c.i for c in view.kids(verb, "ccomp"))
        if sense.mode == "visit" and any(at_home(t, sources) for t in targets):
            # "Netanyahu visited a settlement south of Jerusalem": no other actor met.
            targets, found_by = [], None
        if sense.type == "PROTEST" and not targets and sources:
            purpose = purpose_grievance(view, finder, verb, self.lexicon, use_broad=self.use_broad)
            if purpose is not None:
                # "marched to protest against the occupation": one protest, at its target.
                targets, found_by = [purpose[0]], "purpose"
                consumed.add(purpose[1].i)
        construction = "warning_clause" if warning else found_by or construction
        coded = self._verb_event(view, finder, verb, sense, sources, targets, inherited)
        return replace(coded, construction=construction) if coded and construction else coded

    def _verb_reading(
        self, view: SentenceView, verb: Token, complement: Token | None
    ) -> Sense | None:
        """The verb's sense, or ``None`` when the verb is not itself the event: the end
        of an action ("stop arming Y") or a plan whose governed verb is the event."""
        grammar = self.lexicon.grammar
        head = view.head(verb)
        if (
            head is not None
            and verb.dep == "xcomp"
            and head.lemma.lower() in grammar.cessation_verbs
        ):
            return None  # "stop arming Y": the end of an action, which the verb table cannot code
        if supposed(view, verb, grammar):
            return None  # "... if the United States attacked": a supposition, not an act
        lemma = verb.lemma.lower()
        if (
            complement is not None
            and lemma in grammar.plan_verbs
            and lemma not in self.lexicon.verbs
        ):
            return None  # "is expected to visit": the visit is the event, planned
        if complement is not None and lemma in grammar.promise_verbs:
            promised = verb_sense(view, complement, self.lexicon, use_broad=self.use_broad)
            if (
                promised is not None
                and promised.origin == "blocwatch"
                and promised.type not in COOPERATIVE_TYPES
            ):
                # "vowed to retaliate against Y", "pledged to block Y's bill": a promise of
                # a hostile act is no agreement; the act is the event, planned (a threat).
                # Only when blocwatch's own table reads the act: the broad dictionary's
                # patterns take "continue military aid" for fighting.
                return None
        if complement is not None and lemma in grammar.desire_verbs:
            return None  # "wants to continue the policies": a wish about one's own acts
        if lemma in grammar.admission_verbs and owned_up(view, verb):
            return None  # "admitted threatening Y": the threat is the event
        if complement is not None and lemma in grammar.refusal_verbs:
            withheld = verb_sense(view, complement, self.lexicon, use_broad=self.use_broad)
            if withheld is not None and withheld.type in grammar.withheld_types:
                return None  # "declined to condemn Y": the criticism is the event, negated
        sense = verb_sense(view, verb, self.lexicon, use_broad=self.use_broad)
        if sense is None and complement is not None and lemma in grammar.refusal_verbs:
            sense = Sense(verb.lemma, "REJECT", "120")
        return sense

    def _warning(
        self, view: SentenceView, finder: ActorFinder, verb: Token, sense: Sense
    ) -> Sense | None:
        """The reading of a warning with a that-clause, as the clause's subject decides:
        a named actor's doing ("X warned that Y wants to force a referendum") is criticism
        of that actor (CAMEO 111); a body of people's ("warned that police will not
        tolerate rallies") or the speaker's own ("that it would retaliate") stays a threat;
        a risk with no actor ("warned that growth could slow") is no event between actors.
        Told to Y, what Y is doing ("warned Israel it was destroying its image") is
        criticism of Y, what will happen ("warned Y it would retaliate") a threat; "warned Y
        to ..." is left to the verb table."""
        grammar = self.lexicon.grammar
        if verb.lemma.lower() not in grammar.warning_verbs:
            return sense
        clauses = [c for c in view.kids(verb, "ccomp") if c.pos in {"VERB", "AUX"}]
        if view.kids(verb, "dobj", "dative"):
            # "warned Israel it was destroying its image": what Y is doing, not what will
            # befall it, is criticism of Y; "warned Y it would retaliate" stays a threat.
            if clauses and not any(
                a.lemma.lower() in grammar.modal_auxiliaries
                for c in clauses
                for a in view.kids(c, "aux")
            ):
                return Sense(verb.lemma, "ACCUSE", "111")
            return sense
        if not clauses or any(
            s.pos == "PRON" for c in clauses for s in view.kids(c, "nsubj", "nsubjpass")
        ):
            return sense  # "warned that it would retaliate": a threat of the speaker's own
        subjects = clause_subjects(view, finder, verb)
        if any(p.how in {"name", "entity"} for p in subjects):
            return Sense(verb.lemma, "ACCUSE", "111")
        return sense if subjects else None

    def _verb_targets(
        self,
        view: SentenceView,
        finder: ActorFinder,
        verb: Token,
        complement: Token | None,
        sense: Sense,
        sources: list[Participant],
    ) -> tuple[list[Participant], str | None]:
        """The verb's targets and the construction that found them: its own object or
        target phrase, else the governed verb's ("agreed to cooperate with Y"), else the
        subject of a speech act's that-clause ("demanded that Y withdraw"), else the
        first actor elsewhere under the verb."""
        targets = list(targets_of(view, finder, verb, sense, self.lexicon))
        for_whom = self.lexicon.grammar.complement_target_prepositions
        addressed = sense.type == "REQUEST" and names_addressee(view, verb, sense, self.lexicon)
        if not targets and complement is not None and not addressed:
            # Not for "urged voters to back Labour", "called on fellow Republicans to
            # unendorse Trump": a request's target is whom it asks.
            targets = list(targets_of(view, finder, complement, sense, self.lexicon, for_whom))
        own_side = bool(targets) and all(
            any(same_actor(t.actor, s.actor) for s in sources) for t in targets
        )
        if own_side and sense.type in self.lexicon.grammar.owner_target_types:
            # "Mexico denounced the killing of a Mexican citizen by US agents": the victim
            # is Mexico's own; the act's owner is whom the criticism is aimed at.
            owner = act_owner(view, finder, verb, self.lexicon, sense.reverse)
            if owner is not None and not any(same_actor(owner.actor, s.actor) for s in sources):
                return [owner], "act_owner"
        if targets or sense.alone or (sense.symmetric and len(sources) > 1):
            # Not for "X and Y discussed the meeting of Z": X and Y are each other's partners.
            return targets, None
        if sense.type in self.lexicon.grammar.owner_target_types:
            owner = act_owner(view, finder, verb, self.lexicon, sense.reverse)
            if owner is not None:
                return [owner], "act_owner"
            earlier = antecedent_owner(view, finder, verb, self.lexicon)
            if earlier is not None and not any(same_actor(earlier.actor, s.actor) for s in sources):
                # "North Korea tested a bomb. Japan condemned the test": North Korea's.
                return [earlier], "antecedent_act"
        conditioned = condition_subjects(view, finder, [verb, complement], self.lexicon.grammar)
        if conditioned:
            # "threatened to ban the vote if Hamas ran": aimed at whoever must not act.
            return conditioned, "condition_target"
        if sense.type in _CLAUSE_TARGET_TYPES:
            named = clause_subjects(view, finder, verb, mandative=sense.type == "REQUEST")
            if named:
                return named, "clause_target"
        if sense.cameo.startswith(DISAPPROVAL_ROOT):
            # Criticism names its target in its frame or through the act it is about;
            # any other name below it is what was breached or where ("condemned a
            # breach of U.N. resolutions").
            return [], None
        found = self._target_below(view, finder, verb, sense)
        return ([found] if found is not None else []), None

    def _target_below(
        self, view: SentenceView, finder: ActorFinder, verb: Token, sense: Sense
    ) -> Participant | None:
        """The first actor elsewhere under the verb, outside what never holds its target:
        the frame's other roles, where or through what words were said, the topic of an
        act of cooperation, and a that-clause that asks nothing."""
        grammar = self.lexicon.grammar
        skip = outside_the_frame(view, verb, grammar)
        media = grammar.medium_prepositions.get(sense.cameo[:2], frozenset())
        if sense.type in COOPERATIVE_TYPES:
            # "spoke about the fighting in Y": a partner is never the topic. (A conflict's
            # "over" phrase may name its grievance: "a strike over a bill signed by Y".)
            media = media | grammar.topic_prepositions
        skip |= {p.i for p in view.kids(verb, "prep") if p.lemma.lower() in media}
        if sense.type == "REQUEST":
            # "insisted that Y had broken the treaty" asks nothing of Y.
            skip |= {c.i for c in view.kids(verb, "ccomp") if not is_mandative(view, c)}
        facing = sense.type in grammar.border_facing_types
        return finder.in_subtree(view, verb, skip, facing=facing)

    def _verb_event(
        self,
        view: SentenceView,
        finder: ActorFinder,
        verb: Token,
        sense: Sense,
        sources: list[Participant],
        targets: list[Participant],
        inherited: bool,
    ) -> Coded | None:
        """The coded event from a verb's sense and roles, read literally or figuratively,
        with its status, partners and coordinated targets."""
        grammar = self.lexicon.grammar
        source = sources[0] if sources else None
        target = targets[0] if targets else None
        if target is not None and any(same_actor(target.actor, p.actor) for p in sources):
            target = None
        if source is None and target is None:
            return None  # neither doer nor target: nothing to tell
        if target is None and source is not None and sense.type == "PROTEST":
            target = protested_authority(view, finder, source)
        reading = literal_or_figurative(view, sense, verb, source, target, self.lexicon)
        if reading is None:
            return None
        sense = reading
        sense = in_context(view, verb, sense, sources, self.lexicon)
        status = status_of(view, verb, sense, grammar, finder)
        partners = tuple(sources[1:])
        if target is None and sense.symmetric and has_object(view, verb, self.lexicon, sense):
            partners = ()  # "X and Y met with Z": not a meeting of X with Y
        co_targets = tuple(
            other
            for other in targets[1:]
            if target is not None and not any(same_actor(other.actor, p.actor) for p in sources)
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
