"""Who an event's source and target are, read from the verb's syntax.

The source is the subject of an active verb, the ``by`` phrase of a passive one, or is
inherited from a governing or coordinated verb; the target is the object or the object of
one of the sense's prepositions. :func:`same_actor` says when the two are one actor, and
:func:`outside_the_frame` which dependents never hold the target.
"""

from __future__ import annotations

from collections.abc import Sequence

from blocwatch.model import EventActor, Sector, Token
from blocwatch.nlp.events.implicit import doer_of_the_means, located_target
from blocwatch.nlp.events.lexicon import Grammar, Lexicon, Sense
from blocwatch.nlp.events.ontology import VERBAL_TYPES
from blocwatch.nlp.events.roles import ActorFinder
from blocwatch.nlp.events.senses import verb_sense
from blocwatch.nlp.events.view import Participant, SentenceView, relative_antecedent

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


def sources_of(
    view: SentenceView, finder: ActorFinder, verb: Token, sense: Sense, grammar: Grammar
) -> tuple[list[Participant], bool]:
    """The agent: subject (active), ``by`` phrase (passive), inherited from a
    governing or coordinated verb when the verb has no subject of its own. The flag says
    the agent was inferred rather than read from the verb's own phrases."""
    passive = bool(view.kids(verb, "nsubjpass", "auxpass"))
    if sense.reverse:
        return _reverse_sources(view, finder, verb, grammar), False
    if stative(view, verb, grammar) and (passive or verb.dep == "acomp"):
        # "Israel is opposed to the plan": the subject holds the attitude (parsed as
        # a passive, or as the complement of "is").
        holder = verb if passive else view.head(verb)
        for subject in view.kids(holder, "nsubjpass", "nsubj") if holder else []:
            return finder.actors(view, subject), False
    if passive:
        return _passive_sources(view, finder, verb, grammar)
    own = _subject_sources(view, finder, verb, grammar)
    if own is not None:
        return own, False
    if verb.dep == "acl" and verb.tag == "VBG" and sense.type in grammar.participle_types:
        owner = participle_agent(view, finder, verb, grammar)
        return owner, bool(owner)
    if misread_main_verb(view, verb):
        head = view.head(verb)
        return (finder.actors(view, head) if head is not None else []), False
    return _inherited_sources(view, finder, verb, grammar)


def misread_main_verb(view: SentenceView, verb: Token) -> bool:
    """A sentence's main verb the parser hung on its subject as a reduced relative
    ("Israeli airstrikes killed at least 20 people": "airstrikes" the root, "killed" a
    participle describing it). A past participle describing a noun is passive and takes
    no direct object, so one that has an object is the noun's own verb."""
    head = view.head(verb)
    return (
        verb.dep == "acl"
        and verb.tag in {"VBN", "VBD"}
        and bool(view.kids(verb, "dobj"))
        and head is not None
        and view.head(head) is None
        and head.pos in {"NOUN", "PROPN"}
    )


def _reverse_sources(
    view: SentenceView, finder: ActorFinder, verb: Token, grammar: Grammar
) -> list[Participant]:
    """The source of a reverse sense, which the verb's object receives from it ("drew
    criticism from Y", "received aid from Y"): the subject is the target, so the source
    is the object of a source preposition, on the verb or on its object."""
    holders = [verb, *view.kids(verb, "dobj")]
    for prep in [p for h in holders for p in view.kids(h, "prep")]:
        if prep.lemma.lower() in grammar.source_prepositions:
            for obj in view.kids(prep, "pobj"):
                actors = finder.actors(view, obj)
                if actors:
                    return actors
    return []


def _passive_sources(
    view: SentenceView, finder: ActorFinder, verb: Token, grammar: Grammar
) -> tuple[list[Participant], bool]:
    """The agent of a passive: its ``by`` phrase, else the doer of the means it names
    (inferred, so flagged), since the passive subject is the one acted on."""
    for agent in view.kids(verb, "agent"):
        for obj in view.kids(agent, "pobj"):
            actors = finder.actors(view, obj)
            if actors:
                return actors, False
    means = doer_of_the_means(view, finder, verb, grammar)
    return means, bool(means)


def _subject_sources(
    view: SentenceView, finder: ActorFinder, verb: Token, grammar: Grammar
) -> list[Participant] | None:
    """The actors of an active verb's own subject, or ``None`` when it has none (and
    the agent must be inherited). Two subjects on one verb is a misparse; the one
    nearest before the verb is its own."""
    for subject in sorted(view.kids(verb, "nsubj"), key=lambda s: (s.i > verb.i, -s.i)):
        # "X, who met Y": the relative pronoun stands for X; any other is no actor.
        if subject.text.lower() in grammar.unreferring_subjects and (
            relative_antecedent(view, subject, grammar.relative_pronouns, named=True) is None
        ):
            return []
        if subject.tag == "VBG":
            # "The Red Cross operating in Iraq said": a participle the parser took
            # for the subject; its own subject is the speaker.
            subject = next(iter(view.kids(subject, "nsubj")), subject)
        return finder.actors(view, subject)
    return None


def _inherited_sources(
    view: SentenceView, finder: ActorFinder, verb: Token, grammar: Grammar
) -> tuple[list[Participant], bool]:
    """The agent a verb with no subject shares with the verb that governs it or that it
    is coordinated with ("agreed to withdraw", "met and signed"), flagged as inferred."""
    head = view.head(verb)
    governor = view.head(head) if head is not None and head.dep == "prep" else None
    # "Obama said after meeting with Putin": a gerund under a preposition of the verb
    # shares that verb's subject; not when the verb has an object, which may be the
    # gerund's subject ("accused Belarus of pushing migrants").
    adjunct = verb.dep == "pcomp" and governor is not None and not view.kids(governor, "dobj")
    if adjunct:
        head = governor
    if (
        head is not None
        and (verb.dep in {"xcomp", "conj", "advcl"} or adjunct)
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
        if governor.lemma.lower() in grammar.plan_verbs:
            # "Putin is expected to visit": the passive subject of a plan verb acts.
            for subject in view.kids(governor, "nsubjpass"):
                return finder.actors(view, subject), True
        inherited, _ = sources_of(view, finder, governor, Sense(governor.lemma, "", ""), grammar)
        return inherited, bool(inherited)
    return [], False


def targets_of(
    view: SentenceView,
    finder: ActorFinder,
    verb: Token,
    sense: Sense,
    lexicon: Lexicon,
    more_preps: frozenset[str] = frozenset(),
) -> tuple[Participant, ...]:
    """The target, then the actors coordinated with it in the same phrase."""
    passive = bool(view.kids(verb, "nsubjpass", "auxpass"))
    if sense.reverse:
        candidates = view.kids(verb, "nsubj")
    elif passive and stative(view, verb, lexicon.grammar):
        candidates = []
    elif passive:
        candidates = view.kids(verb, "nsubjpass")
    else:
        candidates = view.kids(verb, "dobj", "dative")
    preps = lexicon.target_prepositions(sense) | more_preps
    phrases = list(candidates)
    phrases += [
        o for p in view.kids(verb, "prep") if p.lemma.lower() in preps for o in view.kids(p, "pobj")
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
                return tuple(a for a in actors if a is actor or a.how != "agent" or a.actor.code)
            # "sent troops to Y": troops of no state are what is sent, not the target.
            fallback = fallback or actor
    located = located_target(view, finder, verb, sense, phrases, fallback)
    if located is not None:
        return (located,)
    if fallback is not None and not sense.objects and sense.type in _AGENT_TARGET_TYPES:
        if fallback.actor.sector is Sector.CIVILIANS and sense.type in VERBAL_TYPES:
            return ()  # "urged voters to ...": an appeal to the public, not to an actor
        return (fallback,)
    return ()


def stative(view: SentenceView, verb: Token, grammar: Grammar) -> bool:
    """A participle of attitude with no ``by`` phrase ("is opposed to", "is committed
    to"): a state of its subject, not something done to it."""
    return verb.lemma.lower() in grammar.stative_participles and not view.kids(verb, "agent")


def has_object(view: SentenceView, verb: Token, lexicon: Lexicon, sense: Sense) -> bool:
    """Whether the verb names someone it acts on that could not be resolved (a name or a
    pronoun as object, or after a target preposition): "X and Y met with Z" is not X
    meeting Y, while "X and Y discussed the situation" is."""
    preps = lexicon.target_prepositions(sense)
    objects = view.kids(verb, "dobj", "dative") + [
        o for p in view.kids(verb, "prep") if p.lemma.lower() in preps for o in view.kids(p, "pobj")
    ]
    return any(o.pos in {"PROPN", "PRON"} for o in objects)


def same_actor(a: EventActor, b: EventActor) -> bool:
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


def at_home(host: Participant, sources: Sequence[Participant]) -> bool:
    """Whether a visit's host is of a doer's own state: the visitor did not leave home."""
    code = host.actor.code
    return code is not None and any(s.actor.code == code for s in sources)


def outside_the_frame(view: SentenceView, verb: Token, grammar: Grammar) -> frozenset[int]:
    """Dependents of a verb whose actors are not its target: the subject, an agent, the
    reported speaker of a wrapping clause, relative and adverbial clauses, and the
    language's scene-setting prepositions (``setting_prepositions`` in its grammar)."""
    direct = frozenset(
        c.i
        for c in view.kids(verb)
        if c.dep in {"nsubj", "nsubjpass", "agent", "advcl", "relcl", "parataxis", "npadvmod"}
        or (c.dep == "prep" and c.lemma.lower() in grammar.circumstance_prepositions)
    )
    # A scene-setting preposition anywhere below the verb ("обсудили ситуацию на полях
    # саммита ШОС"): the forum is where it happened, not who was acted on.
    scenes = frozenset(
        t.i
        for t in view.tokens
        if t.dep == "prep" and t.lemma.lower() in grammar.setting_prepositions
    )
    return direct | scenes


def shared_agent(view: SentenceView, finder: ActorFinder, verb: Token) -> list[Participant]:
    """The ``by`` phrase of a passive coordinated with this one, when this one has none:
    in "were beheaded and shot by the militia" both acts are the militia's."""
    if not view.kids(verb, "auxpass") and verb.tag != "VBN":
        return []
    head = view.head(verb)
    others = view.kids(verb, "conj")
    if verb.dep == "conj" and head is not None:
        others.append(head)
    for other in others:
        if other.tag != "VBN":
            continue
        for agent in view.kids(other, "agent"):
            actors = [a for obj in view.kids(agent, "pobj") for a in finder.actors(view, obj)]
            if actors:
                return actors
    return []


def clause_subjects(
    view: SentenceView, finder: ActorFinder, verb: Token, *, mandative: bool = False
) -> list[Participant]:
    """The actors named as the subject of the verb's that-clause: whom "X alleged that Y
    had lied" accuses. With ``mandative``, only a clause that says what its subject is to
    do, in the bare form ("demanded that Y withdraw", "that he be reinstated") or with
    "should": "insisted that the President had said" asks nothing of anyone. A clause
    whose subject is a pronoun ("insisted it would") names nobody else."""
    for clause in view.kids(verb, "ccomp"):
        if clause.pos not in {"VERB", "AUX"}:
            continue
        if mandative and not is_mandative(view, clause):
            continue
        for subject in view.kids(clause, "nsubj", "nsubjpass"):
            if subject.pos == "PRON":
                return []
            return finder.actors(view, subject)
    return []


def condition_subjects(
    view: SentenceView, finder: ActorFinder, verbs: Sequence[Token | None], grammar: Grammar
) -> list[Participant]:
    """The actors named as the subject of a condition on the verbs ("... if Hamas ran",
    "... unless the president steps down"): CAMEO codes an act made conditional on
    another's conduct as a threat aimed at that other. A pronoun subject names nobody."""
    for verb in verbs:
        if verb is None:
            continue
        for clause in view.kids(verb, "advcl"):
            marks = view.kids(clause, "mark")
            if not any(m.lemma.lower() in grammar.condition_markers for m in marks):
                continue
            for subject in view.kids(clause, "nsubj", "nsubjpass"):
                return [] if subject.pos == "PRON" else finder.actors(view, subject)
    return []


def names_addressee(view: SentenceView, verb: Token, sense: Sense, lexicon: Lexicon) -> bool:
    """Whether a request names whom it asks, as its object or the object of its target
    preposition ("urged voters to ...", "called on fellow Republicans to ..."), actor or
    not: then the act it asks for does not give its target."""
    if view.kids(verb, "dobj"):
        return True
    asked = lexicon.target_prepositions(sense)
    return any(
        p.lemma.lower() in asked and view.kids(p, "pobj") for p in view.kids(verb, "prep", "prt")
    )


def is_mandative(view: SentenceView, clause: Token) -> bool:
    """Whether a that-clause says what its subject is to do: a bare verb ("that Y
    withdraw", "that he be reinstated"), "should", or an infinitive with its own subject
    ("wants China to stop")."""
    auxiliaries = view.kids(clause, "aux", "auxpass")
    if auxiliaries:
        first = min(auxiliaries, key=lambda a: a.i)
        return first.tag in {"VB", "TO"} or first.lemma.lower() == "should"
    # The bare form is the present plural's too, and small models tag either ("demanded
    # that the United States match"); only "be" tells them apart ("that they are").
    return clause.tag == "VB" or (clause.tag == "VBP" and clause.lemma.lower() != "be")


def complement_of(view: SentenceView, verb: Token) -> Token | None:
    for child in view.kids(verb, "xcomp", "ccomp"):
        if child.pos in {"VERB", "AUX"} and child.dep == "xcomp":
            return child
    for adjective in view.kids(verb, "acomp"):
        for child in view.kids(adjective, "xcomp"):
            return child
    return None


def act_owner(
    view: SentenceView, finder: ActorFinder, head: Token, lexicon: Lexicon, reverse: bool = False
) -> Participant | None:
    """Whom a criticism or rejection of an act is aimed at, when the act names no actor
    itself: the owner of the verb's object or of the object of a grievance preposition
    ("condemned Netanyahu's remarks", "outrage at the Kremlin's decision", "rejected the
    proposal by Y"), or of what a noun of criticism is "of" ("made a strong condemnation
    of Y's test"). The "of" phrase of any other act is its patient ("the killing of X")."""
    grammar = lexicon.grammar
    acts = view.kids(head, "dobj", "nsubjpass")
    if reverse:
        # "Lukashenko's remarks drew criticism from Poland": the subject is the act.
        acts = view.kids(head, "nsubj")
    if head.pos in {"NOUN", "PROPN"}:
        # A noun of criticism: what it is "of" ("Poland's criticism of Y's remarks").
        acts = [
            o
            for p in view.kids(head, "prep")
            if p.lemma.lower() in grammar.criticised_act_prepositions
            for o in view.kids(p, "pobj")
        ]
    for holder in [head, *view.kids(head, "dobj")]:
        preps = set(grammar.grievance_prepositions)
        if holder is not head and _names_criticism(holder, lexicon):
            preps |= grammar.criticised_act_prepositions
        acts += [
            o
            for p in view.kids(holder, "prep")
            if p.lemma.lower() in preps
            for o in view.kids(p, "pobj")
        ]
    for act in acts:
        owner = _owner(view, finder, act, grammar)
        if owner is not None:
            return owner
    return None


_GRIEVANCE_TYPES = frozenset({"ACCUSE", "PROTEST", "REJECT"})
"""Types of a purpose clause that says what a demonstration is against."""


def purpose_grievance(
    view: SentenceView, finder: ActorFinder, verb: Token, lexicon: Lexicon, *, use_broad: bool
) -> tuple[Participant, Token] | None:
    """Whom a demonstration that names no target is against, when its purpose clause
    says so, and that clause: "marched to protest against the American occupation",
    "rallied to denounce Uganda's border closure". Only a clause of protest, criticism or
    rejection, and its own target or the owner of the act it is against."""
    for clause in view.kids(verb, "advcl", "xcomp"):
        if not any(a.lemma.lower() == "to" for a in view.kids(clause, "aux")):
            continue
        sense = verb_sense(view, clause, lexicon, use_broad=use_broad)
        if sense is None or sense.type not in _GRIEVANCE_TYPES:
            continue
        targets = targets_of(view, finder, clause, sense, lexicon)
        found = targets[0] if targets else act_owner(view, finder, clause, lexicon)
        if found is not None:
            return found, clause
    return None


def _names_criticism(noun: Token, lexicon: Lexicon) -> bool:
    lemma = noun.lemma.lower()
    senses = lexicon.act_senses(lemma)
    return any(s.type in lexicon.grammar.owner_target_types for s in senses)


def _owner(
    view: SentenceView, finder: ActorFinder, act: Token, grammar: Grammar
) -> Participant | None:
    """The actor an act noun belongs to: the actor the noun phrase names (a state's
    "latest gambit"), its possessor (not a pronoun), a name compounded with it, or its
    "by" phrase."""
    if act.pos != "NOUN":
        return None
    for preposition in view.kids(act, "prep"):
        if preposition.lemma.lower() in grammar.agent_prepositions:
            # "the killing of a citizen by border agents": whoever the "by" phrase names
            # did it, whatever the "of" phrase says about the victim.
            for agent in view.kids(preposition, "pobj"):
                actors = finder.actors(view, agent)
                if actors:
                    return actors[0]
    named = finder.actors(view, act)
    if named:
        return named[0]  # "North Korea's latest gambit": the state owns what it names
    owners = [c for c in view.kids(act, "poss") if c.pos != "PRON"]
    owners += [c for c in view.kids(act, "compound") if c.pos == "PROPN"]
    for owner in owners:
        actors = finder.actors(view, owner)
        if actors:
            return actors[0]
    return None


def participle_agent(
    view: SentenceView, finder: ActorFinder, verb: Token, grammar: Grammar
) -> list[Participant]:
    """Who acts in a participle on a noun: the noun itself when it names actors
    ("leaders condemning the test"), else whoever issued what the noun names, its
    possessor or the subject of the verb it is the object of ("the Council issued a
    statement condemning Y", "the U.N. had a vote condemning Y")."""
    noun = view.head(verb)
    if noun is None or noun.pos not in {"NOUN", "PROPN"}:
        return []
    named = finder.actors(view, noun)
    if named or noun.pos == "PROPN":
        return named
    owners = [a for c in view.kids(noun, "poss") for a in finder.actors(view, c)]
    if owners:
        return owners
    issuer = view.head(noun)
    if noun.dep != "dobj" or issuer is None:
        return []
    found, _ = sources_of(view, finder, issuer, Sense(issuer.lemma, "", ""), grammar)
    return found
