"""Who acts and who is acted on, read from the dependency parse.

The source of an event is the agent of its verb: the grammatical subject in the active
voice, the ``by`` phrase in the passive. The target is the patient: the direct object,
the dative ("gave Ukraine aid"), or the object of the preposition the verb's sense names
("met with Y", "imposed sanctions on Y"). A passive subject is a target, never a source,
so "a US drone was shot down" cannot make the United States the attacker.

A role phrase is turned into actors by :class:`ActorFinder`: a known actor named by the
phrase's head or by its modifiers ("Russian troops", "the president of Iran"); a name
spaCy's entity recogniser found that the dictionary does not know (a new person or
organisation); an agent noun with no state ("police", "rebels"); or, for "he" and "she",
the last person the article named before. A surname alone ("Strada said") or after a
title ("Mr Hussen") is the person the article named in full, whatever label the entity
recogniser gave the single word: small models often call a lone surname a place. Coordinated heads ("X and Y") give one actor
each. Anything else, a common noun ("the plan", "the area"), is no actor.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from blocwatch.model import ActorKind, EventActor, Mention, Sector, Token
from blocwatch.nlp.actors.agents import Agent
from blocwatch.nlp.actors.heads import HeadNouns
from blocwatch.nlp.actors.people import Person, PersonIndex, slug
from blocwatch.nlp.actors.registry import KnownPerson, PersonRegistry
from blocwatch.nlp.events.antecedents import Antecedents
from blocwatch.nlp.events.lexicon import Grammar, default_lexicon
from blocwatch.nlp.events.pronouns import PersonPronouns, reported_subject
from blocwatch.nlp.events.view import (
    MODIFIER_DEPS,
    Participant,
    SentenceView,
    entity_span,
    entity_tokens,
    phrase_text,
    relative_antecedent,
)

_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


class ActorFinder:
    """Turns role phrases into actors, using the article's mentions, entities and agents."""

    def __init__(
        self,
        mentions: Sequence[Mention],
        agents: Mapping[str, Sector],
        pronouns: Mapping[str, str],
        state_of: Mapping[str, str | None],
        event_nouns: frozenset[str] = frozenset(),
        people: PersonIndex | None = None,
        locate: Callable[[str], str | None] | None = None,
        demonyms: Mapping[str, str] | None = None,
        registry: PersonRegistry | None = None,
        day: date | None = None,
        heads: HeadNouns | None = None,
        grammar: Grammar | None = None,
        persons: PersonPronouns | None = None,
    ) -> None:
        self.places = [m for m in mentions if m.kind is ActorKind.PLACE]
        self.mentions = sorted(
            (m for m in mentions if m.kind is not ActorKind.PLACE),
            key=lambda m: m.evidence.span.start,
        )
        self._starts = [m.evidence.span.start for m in self.mentions]
        self.agents = agents
        self.pronouns = pronouns
        self.state_of = state_of
        self.event_nouns = event_nouns
        """Nouns that name events ("sanctions", "talks"): never a group of people."""
        self.people = people or PersonIndex(())
        """People the article names in full, found by full name or unshared surname."""
        self.speaker: Participant | None = None
        """Who speaks the sentence being read, when it sits in a quotation ("we")."""
        self.sentence = -1
        """The index of the sentence being read."""
        self.antecedents = Antecedents()
        """What the article told of before that sentence: its acts ("condemned the
        attack") and the body it was about ("It condemned ...")."""
        self.locate = locate
        self.demonyms = demonyms or {}
        """Plural demonyms ("palestinians") and the state whose people they name."""
        """The state (ISO3) a place name the dictionary lacks lies in, from a gazetteer."""
        self.registry = registry
        """Office-holders the recogniser does not match, for names it leaves unknown."""
        self.day = day
        self.heads = heads or HeadNouns.empty()
        """Head-noun cues: a body's sector, partitives, agent nouns of several words."""
        self.grammar = grammar or default_lexicon().grammar
        """The language's group nouns, whereabouts prepositions and stance prefixes."""
        self.persons = persons or PersonPronouns(mentions)
        """Whom "he" and "she" stand for: not a person whose names say the other sex, a
        recent subject before a person only mentioned since."""

    def actors(self, view: SentenceView, token: Token) -> list[Participant]:
        """The actors a role phrase headed by ``token`` names (one per conjunct)."""
        found: list[Participant] = []
        for head in view.conjuncts(token):
            named = self._actors_of_head(view, head)
            post = self._post_owner(view, head) if len(named) == 1 else None
            if post is not None and named[0].is_person:
                named = [replace(named[0], actor=replace(named[0].actor, code=post))]
            for participant in named:
                if all(p.actor != participant.actor for p in found):
                    found.append(participant)
        return found

    # ------------------------------------------------------------------ one head

    def _actors_of_head(self, view: SentenceView, head: Token) -> list[Participant]:
        """The actors one head word names, tried from the most certain reading to the
        least: a word standing for another, a name, an appositive person, then the
        modifiers, entities and agent nouns of a head no name gives."""
        referred = self._referred_actors(view, head)
        if referred is not None:
            return referred
        if self._place_at(head) is not None:
            return []  # a place named as a place ("talks in Sochi") is not an actor
        own = self._mention_at(head.start, head.end)
        sector, agent = self._head_sector(view, head)
        if own is not None:
            return [Participant(self._named_actor(view, head, own, sector), "name", head.i)]
        appositive = self._appositive_person(view, head)
        if appositive:
            return appositive
        modifier = self._modifier_mention(view, head)
        if modifier is not None and modifier.kind is ActorKind.PERSON and _person_name(head):
            modifier = None  # "Macron's Richard Ferrand" is Ferrand, not Macron
        if modifier is None or (modifier.kind is ActorKind.ORGANIZATION and head.pos == "PROPN"):
            # A name under an organisation's title ("UN envoy Staffan de Mistura", which
            # the recogniser may call an organisation) is that person, acting for it.
            named = self._unmodified_name(view, head, sector)
            if named is not None:
                return named
        return self._described_actors(view, head, modifier, sector, agent is not None)

    def _post_owner(self, view: SentenceView, head: Token) -> str | None:
        """The code of the body a person's post in apposition is held for: the UN in
        "Kenzo Oshima, the United Nations relief coordinator"; ``None`` when the name has
        no such apposition or the post names no known body."""
        for post in view.kids(head, "appos"):
            if post.lemma.lower() not in self.grammar.affiliation_nouns:
                continue
            owner = self._modifier_mention(view, post)
            if owner is not None and owner.kind not in (ActorKind.PERSON, ActorKind.PLACE):
                return self._from_mention(owner, None).code
        return None

    def _referred_actors(self, view: SentenceView, head: Token) -> list[Participant] | None:
        """The actors of a head that stands for another phrase (a relative pronoun, a
        partitive, a personal pronoun), or ``None`` when the head stands for itself; a
        pronoun that resolves to nobody names no actor rather than being read as a noun."""
        antecedent = relative_antecedent(view, head, self.grammar.relative_pronouns, named=True)
        if antecedent is not None:
            # "the U.N., which in March imposed sanctions": the relative pronoun is the noun.
            return self._actors_of_head(view, antecedent)
        group = self.heads.partitive(view, head)
        if group is not None and group.lemma.lower() not in self.event_nouns:
            # "some of the soldiers", "a gang of five smugglers": the group they are from.
            found = self._actors_of_head(view, group)
            if found:
                return found
        if head.pos == "PRON":
            resolved = reported_subject(self, view, head) or self._pronoun(head)
            return [resolved] if resolved is not None else []
        return None

    def _head_sector(self, view: SentenceView, head: Token) -> tuple[Sector | None, Agent | None]:
        """The sector the head word gives, and the agent noun it is, if any: a group noun
        with no sector of its own takes its modifier's ("opposition groups")."""
        sector = self.agents.get(head.lemma.lower())
        agent = self.heads.agent(view, head)  # "human rights groups", "smugglers"
        if agent is not None:
            sector = agent.sector or sector
        if sector is None and head.lemma.lower() in self.grammar.group_nouns:
            # "opposition groups", "militant factions": the modifier says who they are.
            sector = next(
                (
                    self.agents[c.lemma.lower()]
                    for c in view.kids(head, "compound", "amod")
                    if c.lemma.lower() in self.agents
                ),
                None,
            )
        return sector, agent

    def _named_actor(
        self, view: SentenceView, head: Token, own: Mention, sector: Sector | None
    ) -> EventActor:
        """The actor a head the recogniser matched names; a person of no known state
        takes the state a title or the name's own modifiers give, since a bare name says
        nothing of whom the person acts for."""
        actor = self._from_mention(own, sector)
        if own.kind is ActorKind.PERSON and actor.code is None:
            known = self._titled(view, head)
            if known is not None:
                actor = EventActor(known.actor_id, actor.name, known.state, actor.sector)
            else:
                # "Nigerian junior foreign minister Dubem Oniya", "Iran's Rouhani": the
                # state the name's own modifiers give.
                modifier = self._modifier_mention(view, head)
                if modifier is not None and modifier.kind is not ActorKind.PERSON:
                    code = self._from_mention(modifier, None).code
                    actor = EventActor(actor.actor_id, actor.name, code, actor.sector)
        return actor

    def _unmodified_name(
        self, view: SentenceView, head: Token, sector: Sector | None
    ) -> list[Participant] | None:
        """A name the dictionary does not know, on a head no known actor modifies: a
        person the article named, a state's people, or an entity spaCy found; ``None``
        when the head is none of these."""
        person = self._named_person(view, head)
        if person is not None:
            return [person]
        people_of = self.demonyms.get(head.text.lower()) if head.tag in {"NNPS", "NNS"} else None
        if people_of is not None:
            # "Palestinians blamed Israel", "Bolivians protested": a state's people.
            name = phrase_text(view, *view.noun_phrase(head))
            return [Participant(EventActor(None, name, people_of, sector), "entity", head.i)]
        entity = entity_span(view, head)
        if entity is None:
            named = next((c for c in view.kids(head, "compound") if c.ent_type == "ORG"), None)
            if named is not None:
                entity, head = entity_span(view, named), named
        if entity is not None:
            return [self._from_entity(view, entity, head)]
        return None

    def _described_actors(
        self,
        view: SentenceView,
        head: Token,
        modifier: Mention | None,
        sector: Sector | None,
        agent: bool,
    ) -> list[Participant]:
        """Actors a common noun names through what describes it: the known actor that
        modifies a body of people or a state's thing, or a body its agent noun, place or
        qualifier identifies; a common noun nothing identifies ("the plan") is no actor."""
        name = phrase_text(view, *view.noun_phrase(head))
        if modifier is not None and (
            sector is not None
            or (self._is_group_noun(head) and head.lemma.lower() not in self.event_nouns)
            # what "a Turkish boat" does or suffers, Turkey does or suffers (and what the
            # independence of Abkhazia or a Transnistrian official suffers, Transnistria)
            or modifier.kind in (ActorKind.STATE, ActorKind.CONTESTED)
        ):
            # "Hungarian and Romanian officials": one actor per coordinated modifier.
            found = []
            for mention in [modifier, *self._coordinated_modifiers(view, modifier)]:
                actor = self._from_mention(mention, sector)
                found.append(
                    Participant(
                        EventActor(actor.actor_id, name, actor.code, sector or actor.sector),
                        "name",
                        head.i,
                    )
                )
            return found
        body = head.lemma.lower() not in self.event_nouns and self.heads.body(view, head)
        if sector is not None or agent or body:
            # "demonstrators in Baghdad", "police in Kharkiv": a body of people named by
            # where it is belongs to that place's state. "A trade arbitration panel",
            # "Islamist groups": a body its qualifier names, of the sector its head gives.
            state = self._whereabouts(view, head) or self._owner_state(view, head)
            sector = sector or self.heads.sector(head)
            return [Participant(EventActor(None, name, state, sector), "agent", head.i)]
        return []

    def _appositive_person(self, view: SentenceView, head: Token) -> list[Participant]:
        """A role noun with the person's name in apposition is that person ("Emmanuel
        Macron's campaign manager Richard Ferrand", "Peru's economy minister, Luis
        Castilla"), of the state the role's owner gives (a state, or the state a person
        owning the role acts for) when the name has none."""
        if head.pos != "NOUN":
            return []
        for child in view.kids(head, "appos"):
            mention = self._mention_at(child.start, child.end)
            if not _person_name(child) and (
                mention is None or mention.kind is not ActorKind.PERSON
            ):
                continue
            found = self._actors_of_head(view, child)
            owner = self._modifier_mention(view, head)
            if owner is not None:
                code = self._from_mention(owner, None).code
                found = [
                    replace(p, actor=replace(p.actor, code=p.actor.code or code)) for p in found
                ]
            if found:
                return found
        return []

    def _whereabouts(self, view: SentenceView, head: Token) -> str | None:
        """The state of the place a body of people is named by: "police in Kharkiv",
        "Darfur rebels"."""
        for child in view.kids(head, "compound"):
            place = self.located_state(view, child)
            if place is not None:
                return place[0]
        for prep in view.kids(head, "prep"):
            if prep.lemma.lower() in self.grammar.whereabouts_prepositions:
                for obj in view.kids(prep, "pobj"):
                    place = self.located_state(view, obj)
                    if place is not None:
                        return place[0]
                    if self.names_the_state(obj):  # "a court in Guyana"
                        mention = self._mention_at(obj.start, obj.end)
                        return mention.actor_id if mention is not None else None
        return None

    def _owner_state(self, view: SentenceView, head: Token) -> str | None:
        """ "Bosnian Serbs said their forces had withdrawn": a body of people owned by a
        pronoun belongs to the state of the speaker the pronoun stands for."""
        for owner in view.kids(head, "poss"):
            if owner.pos == "PRON":
                resolved = reported_subject(self, view, owner)
                return resolved.actor.code if resolved is not None else None
        return None

    def _named_person(self, view: SentenceView, head: Token) -> Participant | None:
        """A name the article gave in full, or a name after a title ("Mr Hussen",
        "President Bouteflika")."""
        if head.pos != "PROPN":
            return None
        words = [c for c in view.kids(head, "compound") if c.i < head.i]
        titled = any(self.people.is_honorific(w.text) for w in words)
        names = [w for w in words if not self.people.is_honorific(w.text)]
        person = self.people.find([t.text for t in [*names, head]])
        if person is not None:
            return Participant(self._person_actor(person), "entity", head.i)
        # A full name the recogniser cut short ("Laurent" left out of "Gbagbo"), or a
        # surname after an office word.
        known = self._known([t.text for t in [*names, head]]) or self._titled(view, head)
        if known is not None:
            name = " ".join(t.text for t in [*words, head])
            return Participant(
                EventActor(known.actor_id, name, known.state, None), "entity", head.i
            )
        if titled:
            name = " ".join(t.text for t in [*names, head])
            return Participant(
                EventActor(f"person:{slug(name)}", name, None, None), "entity", head.i
            )
        return None

    def _person_actor(self, person: Person) -> EventActor:
        """A person of the article's index as an event side: the dictionary's actor when
        it knows them (by id, or by a name the recogniser left unmatched), else a new
        person of no known state."""
        if person.actor_id:
            return self.actor_by_id(person.actor_id, person.name)
        known = self._known(person.name.split())
        return EventActor(
            known.actor_id if known else person.key,
            person.name,
            known.state if known else None,
            None,
        )

    def _titled(self, view: SentenceView, head: Token) -> KnownPerson | None:
        """The dictionary person a surname after an office word names ("President
        Bouteflika"), when the article gives no given name and one person alone fits."""
        words = [c for c in view.kids(head, "compound") if c.i < head.i]
        if (
            self.registry is None
            or not words
            or any(w.ent_type == "PERSON" for w in words)
            or self.people.is_shared([head.text])
        ):
            return None
        return self.registry.by_title([w.text for w in words], head.text, self.day)

    def _known(self, words: Sequence[str]) -> KnownPerson | None:
        """The dictionary person a full name the recogniser left unknown names."""
        return self.registry.by_name(words, self.day) if self.registry is not None else None

    def in_subtree(
        self, view: SentenceView, root: Token, skip: frozenset[int], *, facing: bool = False
    ) -> Participant | None:
        """The first known actor named anywhere under ``root`` outside the ``skip``
        subtrees: a target the verb's frame does not point at directly ("sent inspectors
        to a site in Iran"). A state naming a border is passed over ("a stronghold on
        the Thai border"), unless the act faces across it (``facing``: "massed troops on
        the Ukrainian border")."""
        stack = [root]
        found: list[Token] = []
        while stack:
            token = stack.pop()
            found.append(token)
            stack.extend(c for c in view.kids(token) if c.i not in skip)
        for token in sorted(found, key=lambda t: t.i):
            mention = self._mention_at(token.start, token.end)
            if mention is None or mention.kind is ActorKind.PERSON:
                continue
            head = view.head(token)
            if (
                not facing
                and head is not None
                and head.lemma.lower() in self.grammar.boundary_nouns
            ):
                continue  # "on the Thai border": which line, not whose side
            return Participant(self._from_mention(mention, None), "subtree", token.i)
        return None

    def _coordinated_modifiers(self, view: SentenceView, mention: Mention) -> list[Mention]:
        span = mention.evidence.span
        inside = [t for t in view.tokens if span.start <= t.start and t.end <= span.end]
        # The name's own head ("Республики" in "Донецкой Народной Республики") carries
        # the coordination, not its first word.
        token = next(
            (t for t in inside if not span.start <= view.tokens[t.head].start < span.end),
            inside[0] if inside else None,
        )
        if token is None:
            return []
        found = []
        for other in view.conjuncts(token)[1:]:
            # "Donetsk and Luhansk people's republics" parsed with the conjunct on a noun
            # the second name modifies.
            hit = self._mention_at(other.start, other.end) or self._modifier_mention(view, other)
            if hit is not None and hit.actor_id != mention.actor_id:
                found.append(hit)
        return found

    def place_state(self, token: Token) -> Participant | None:
        """The state a place belongs to, when the token names a place (a visit's host)."""
        place = self._place_at(token)
        if place is None or not place.country:
            return None
        actor = EventActor(place.country, place.name, place.country, None)
        return Participant(actor, "name", token.i)

    def located_state(self, view: SentenceView, token: Token) -> tuple[str, str] | None:
        """The state a place named by ``token`` lies in, and the place's name: a place
        among the article's mentions ("Kharkiv", "the West Bank", "Moscow" read as a
        place), else a place name the entity recogniser found and the gazetteer knows by
        that very name. A name that is an actor (a state, a seat of power read as its
        government) is no place."""
        place = self._place_at(token)
        if place is not None:
            return (place.country, place.name) if place.country else None
        if token.ent_type not in _PLACE_ENTITIES or self.locate is None:
            return None
        if self._mention_at(token.start, token.end) is not None:
            return None
        start, end = entity_tokens(view, token)
        name = phrase_text(view, view.tokens[start].start, view.tokens[end - 1].end)
        state = self.locate(name)
        return (state, name) if state else None

    def names_the_state(self, token: Token) -> bool:
        """Whether the token is the name of a state or its government ("Russia",
        "Moscow said"), not of a body of its people ("Russian farmers")."""
        mention = self._mention_at(token.start, token.end)
        return mention is not None and mention.kind in (ActorKind.STATE, ActorKind.CONTESTED)

    def _place_at(self, token: Token) -> Mention | None:
        for place in self.places:
            span = place.evidence.span
            if span.start < token.end and token.start < span.end:
                return place
        return None

    def actor_by_id(self, actor_id: str, name: str) -> EventActor:
        """The event's view of an actor the article mentions (a quote's speaker)."""
        for mention in self.mentions:
            if mention.actor_id == actor_id:
                return replace(self._from_mention(mention, None), name=name or mention.name)
        return EventActor(actor_id, name, self.state_of.get(actor_id), None)

    def person_named(self, name: str) -> EventActor | None:
        """The person of the article a quote names as its speaker, when the dictionary
        does not know them ("Chris Christie said"): the name must be one the article's
        people carry, in full or as a surname only one of them has."""
        person = self.people.find(name.split())
        return None if person is None else self._person_actor(person)

    def _pronoun(self, head: Token) -> Participant | None:
        kind = self.pronouns.get(head.text.lower())
        if kind in ("group", "body"):
            return self.antecedents.subject_for(head, self.sentence, plural=kind == "group")
        if kind != "person":
            return None if kind != "speaker" else self.speaker

        found = self.persons.resolve(head.text, head.start)
        if found is None:
            return None
        if isinstance(found, Person):
            return Participant(self._person_actor(found), "pronoun", head.i)
        return Participant(self._from_mention(found, None), "pronoun", head.i)

    def _mention_at(self, start: int, end: int) -> Mention | None:
        index = bisect.bisect_right(self._starts, start) - 1
        for mention in self.mentions[max(0, index - 2) : index + 3]:
            span = mention.evidence.span
            if span.start < end and start < span.end and mention.kind is not ActorKind.PLACE:
                return mention
        return None

    def _modifier_mention(self, view: SentenceView, head: Token) -> Mention | None:
        """A known actor among the head's modifiers ("Russian troops", "Iran's army",
        "the president of Iran")."""
        for child in view.kids(head):
            if child.dep in MODIFIER_DEPS and not _stance(
                view, child, self.grammar.stance_prefixes
            ):
                found = self._mention_at(child.start, child.end) or self._modifier_mention(
                    view, child
                )
                if found is not None:
                    return found
            if child.dep == "acl" and self._is_group_noun(head):
                # "a military coalition led by Saudi Arabia" is Saudi Arabia's
                leader = self.heads.leader(view, head)
                found = self._mention_at(leader.start, leader.end) if leader else None
                if found is not None:
                    return found
            if child.dep == "prep" and (
                child.lemma in self.grammar.owner_prepositions
                or (
                    child.lemma in self.grammar.whereabouts_prepositions
                    and self._is_group_noun(head)
                )
            ):
                for obj in view.kids(child, "pobj"):
                    found = self._mention_at(obj.start, obj.end) or self._modifier_mention(
                        view, obj
                    )
                    if found is not None:
                        return found
        return None

    def _is_group_noun(self, token: Token) -> bool:
        """A plural or collective head ("Russians", "the Ukrainian side") under a state."""
        return token.tag in {"NNS", "NNPS"} or token.lemma in self.grammar.group_nouns

    def _from_mention(self, mention: Mention, sector: Sector | None) -> EventActor:
        code = mention.country
        if mention.kind is ActorKind.PERSON:
            code = self.state_of.get(mention.actor_id) or code
            known = self._known(mention.name.split()) if code is None else None
            if known is not None:
                return EventActor(known.actor_id, mention.name, known.state, sector)
        elif code is None:
            code = mention.actor_id
        return EventActor(mention.actor_id, mention.name, code, sector or mention.sector)

    def _from_entity(self, view: SentenceView, span: tuple[int, int], head: Token) -> Participant:
        tokens = view.tokens[span[0] : span[1]]
        name = phrase_text(view, tokens[0].start, tokens[-1].end)
        kind = head.ent_type
        prefix = "person" if kind == "PERSON" else "org"
        country = None
        # A title's own modifier counts too: in "UN envoy Staffan de Mistura" the UN
        # modifies "envoy", which modifies the name.
        titles = [c for c in view.kids(head, "compound") if c.pos == "NOUN"]
        for child in [*view.kids(head), *(g for t in titles for g in view.kids(t, "compound"))]:
            if (child.dep in MODIFIER_DEPS or child.dep == "appos") and not _stance(
                view, child, self.grammar.stance_prefixes
            ):
                mention = self._mention_at(child.start, child.end) or self._modifier_mention(
                    view, child
                )
                if mention is not None and mention.kind is not ActorKind.PERSON:
                    country = mention.country or mention.actor_id
        # Small models often label an unfamiliar person's name an organisation; a name
        # only a dictionary person carries is that person whatever the label.
        known = self._known(name.split()) if kind in {"PERSON", "ORG"} else None
        if known is not None:
            actor = EventActor(known.actor_id, name, country or known.state, None)
        else:
            # "Serco Services" a company, "the Defence Committee" a legislature.
            sector = self.heads.sector(tokens[-1]) if kind == "ORG" else None
            actor = EventActor(f"{prefix}:{slug(name)}", name, country, sector)
        return Participant(actor, "entity", head.i)


def _stance(view: SentenceView, token: Token, prefixes: frozenset[str]) -> bool:
    """A name written with a stance prefix ("anti-Syria journalist", "pro-Iranian group"):
    it says whom the head is for or against, not whose it is."""
    i = token.i
    return (
        i >= 2
        and view.tokens[i - 1].text == "-"
        and view.tokens[i - 1].start == view.tokens[i - 2].end
        and view.tokens[i - 2].text.lower() in prefixes
    )


def _person_name(token: Token) -> bool:
    return token.pos == "PROPN" and token.ent_type == "PERSON"
