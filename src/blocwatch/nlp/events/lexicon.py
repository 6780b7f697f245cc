"""What words name events, and the grammar words that change them: loaded from data files.

Three sources, most specific first:

* ``data/events/verbs_en.tsv`` and ``nouns_en.tsv``, written for blocwatch: verb senses
  keyed on the lemma, refined by a particle ("call off"), the direct object's head noun
  ("impose sanctions" ≠ "impose a curfew") and the preposition that introduces the target;
* the PETRARCH2 verb dictionary (``data/events/verbs.jsonl``, MIT, Open Event Data
  Alliance), when shipped: some 1,800 verbs with their CAMEO codes, for breadth;
* ``data/events/grammar_en.toml``: modal and plan verbs, refusals, verbs of saying, and
  which prepositions introduce a target for each PLOVER type.

Nothing here looks at sentences: the coder (:mod:`~blocwatch.nlp.events.coder`) asks for
the sense of a verb given the dependents the parser found.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cache
from typing import Any

from blocwatch.data import read_text, toml_fields
from blocwatch.errors import ConfigError
from blocwatch.nlp.events.ontology import PLOVER_TYPES, cameo_type
from blocwatch.nlp.events.verbs import VerbDictionary


@dataclass(frozen=True, slots=True)
class Sense:
    """One reading of a verb or noun: the event it names and what the reading needs."""

    lemma: str
    type: str
    cameo: str
    particle: str | None = None
    prep: str | None = None
    """The preposition that introduces the target ("with" in "met with Y")."""
    objects: frozenset[str] = frozenset()
    """Head nouns the direct object must have for this sense (empty: any or none)."""
    mode: str | None = None
    symmetric: bool = False
    alone: bool = False
    reverse: bool = False
    transitive: bool = False
    """The sense needs an object, whatever it is: "drones struck Odesa" is an attack,
    "dockers struck" a strike."""
    intransitive: bool = False
    """The sense holds only with no object: "the two ministers signed" is an agreement,
    "signed false certifications" none (the objects that make signing one are listed)."""
    clause: bool = False
    """The sense needs a that-clause: "agreed with Y that the vote was fair" concurs with
    Y's view (support), where "agreed with Y on a ceasefire" is an agreement."""
    origin: str = "blocwatch"
    """Which dictionary the sense comes from: ``blocwatch`` or ``petrarch2``."""

    @property
    def specificity(self) -> int:
        return 2 * bool(self.objects) + bool(self.particle) + self.transitive + self.clause


@dataclass(frozen=True, slots=True)
class Grammar:
    """Closed-class words of one language that decide an event's status and roles."""

    modal_auxiliaries: frozenset[str]
    plan_verbs: frozenset[str]
    readiness_adjectives: frozenset[str]
    refusal_verbs: frozenset[str]
    cessation_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    non_actor_subjects: frozenset[str]
    figurative_verbs: frozenset[str]
    target_prepositions: Mapping[str, frozenset[str]]
    pronouns: Mapping[str, str]
    setting_prepositions: frozenset[str] = frozenset()
    criticism_verbs: frozenset[str] = frozenset()
    """Verbs of violence that, done to a person, also mean criticism ("attacked the
    minister"), unlike "killed the minister"."""
    lethal_verbs: frozenset[str] = frozenset()
    """Verbs of violence never read as words when people are their object ("killed the
    teenager"), whoever the doer."""
    naming_verbs: frozenset[str] = frozenset()
    """Verbs that say what their object is ("called the plan reckless")."""
    warning_verbs: frozenset[str] = frozenset()
    """Verbs of warning, whose that-clause about an actor is criticism of that actor."""
    suffering_words: frozenset[str] = frozenset()
    """Negative words that judge nobody ("victim", "injured")."""
    denial_verbs: frozenset[str] = frozenset()
    """Verbs of saying that deny what they report ("denied that troops fired")."""
    support_verbs: frozenset[str] = frozenset()
    """Verbs that only carry the event their object names ("carried out raids")."""
    stative_participles: frozenset[str] = frozenset()
    """Verbs whose passive participle is its subject's attitude ("is opposed to")."""
    cause_nouns: frozenset[str] = frozenset()
    """What harms rather than who ("a bomb", "an explosion"): as the subject of a verb of
    violence it leaves the doer unnamed."""
    place_prepositions: frozenset[str] = frozenset()
    """Prepositions that put an event at a named place ("in", "near")."""
    medium_prepositions: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """By CAMEO root, prepositions whose phrase on the verb is where or through what a
    speech act was made ("in a statement"), never its target."""
    participle_types: frozenset[str] = frozenset()
    """Speech acts whose participle on a noun is the noun's issuer's ("a statement
    condemning Y")."""
    owner_target_types: frozenset[str] = frozenset()
    """Types whose target is the owner of the act they are about ("condemned Y's test")."""
    grievance_prepositions: frozenset[str] = frozenset()
    """Prepositions whose object is the act a criticism is about ("outrage at Y's move")."""
    criticised_act_prepositions: frozenset[str] = frozenset()
    """After a noun of criticism, prepositions whose object is the act criticised ("a
    condemnation of Y's test")."""
    agent_prepositions: frozenset[str] = frozenset()
    """Prepositions whose object on an act noun is its doer ("the remarks by Y")."""
    source_prepositions: frozenset[str] = frozenset()
    """Prepositions whose object is the source of a reverse sense ("drew criticism from
    Y", "was criticised by Y")."""
    verdict_verbs: frozenset[str] = frozenset()
    """Verbs of a finding ("found Y in breach"), whose culpable object is accused."""
    culpability_predicates: Mapping[str, str] = field(default_factory=dict)
    """Predicates of fault ("guilty", "breach") and the CAMEO code of the finding."""
    culpability_prepositions: frozenset[str] = frozenset()
    """Prepositions whose object may be a predicate of fault ("found Y in breach")."""
    avoidance_verbs: frozenset[str] = frozenset()
    """Verbs by which the subject keeps from the governed act ("avoided condemning")."""
    withheld_types: frozenset[str] = frozenset()
    """Types a refusal withholds rather than turns into a rejection ("declined to condemn")."""
    desire_verbs: frozenset[str] = frozenset()
    """Verbs of wanting: wanting to do something oneself asks nothing of anyone."""
    admission_verbs: frozenset[str] = frozenset()
    """Verbs of owning up ("admitted threatening Y"): what is admitted is the event; the
    admission itself is none (the broad dictionary reads them as disclosures to a partner)."""
    generic_heads: frozenset[str] = frozenset()
    """Object nouns that say only that something was tried or under way ("mediation
    efforts", "the peace process"): the noun before one names the act."""
    boundary_nouns: frozenset[str] = frozenset()
    """Nouns of a line between two states ("the Thai border"): the state named on one
    says which line, not on which side of it anything lies."""
    border_facing_types: frozenset[str] = frozenset()
    """PLOVER types of an act that faces the state across a border it is done at."""
    affiliation_nouns: frozenset[str] = frozenset()
    """Nouns of a post held for a body ("chief", "envoy"): "X, the UN aid chief" acts for
    the UN, whatever else the dictionary knows of X."""
    group_nouns: frozenset[str] = frozenset()
    """Nouns for a group its modifier identifies ("opposition groups", "the Ukrainian side")."""
    promise_verbs: frozenset[str] = frozenset()
    """Verbs of promising ("vowed to"): a promised hostile act is a threat, not an agreement."""
    crowd_nouns: frozenset[str] = frozenset()
    """Heads of a crowd ("thousands", "protesters"): what a crowd protests it demonstrates."""
    demonstration_verbs: frozenset[str] = frozenset()
    """Verbs of protest that a crowd does in the street ("protested against the law")."""
    whereabouts_prepositions: frozenset[str] = frozenset()
    """Prepositions that place a body of people ("police in Kharkiv"), for its state."""
    origin_prepositions: frozenset[str] = frozenset()
    """Whereabouts that say where a body comes from ("from"), not where an act was done."""
    stance_prefixes: frozenset[str] = frozenset()
    """Hyphenated prefixes of a stance ("anti-", "pro-"): the name after one is not an owner."""
    location_prepositions: frozenset[str] = frozenset()
    """Prepositions that say where a patient lies ("a power plant in Kharkiv")."""
    noun_location_prepositions: frozenset[str] = frozenset()
    """Location prepositions that locate only inside a noun phrase ("the town of X")."""
    complement_target_prepositions: frozenset[str] = frozenset()
    """Whom a governed action is for: "offered to hand over X to Y", "cooperate with Y"."""
    circumstance_prepositions: frozenset[str] = frozenset()
    """Prepositions of time or concession ("after", "despite"), whose phrase is no target."""
    topic_prepositions: frozenset[str] = frozenset()
    """Prepositions of what an act is about ("spoke about Y", "talked of Y's invasion"):
    their phrase is the topic, and an actor named there is not the act's partner."""
    unreferring_subjects: frozenset[str] = frozenset()
    """Subjects that name no actor unless a relative pronoun stands for one."""
    relative_pronouns: frozenset[str] = frozenset()
    """Pronouns that open a relative clause and stand for its noun ("X, who met Y")."""
    condition_markers: frozenset[str] = frozenset()
    """Subordinators of a condition ("if", "unless"): a conditional plan is a threat."""
    not_yet_adverbs: frozenset[str] = frozenset()
    """Adverbs by which a governed act has not happened yet ("has yet to sign")."""
    means_prepositions: frozenset[str] = frozenset()
    """Prepositions whose object may be the means of a passive act ("killed in a strike")."""
    obligation_auxiliaries: frozenset[str] = frozenset()
    """Auxiliaries of obligation ("Y must stop"): said of another actor, a demand on it."""
    mutual_prepositions: frozenset[str] = frozenset()
    """Prepositions whose two objects are an act noun's parties ("talks between X and Y")."""
    destination_prepositions: frozenset[str] = frozenset()
    """Prepositions whose object is where a visit goes ("a visit to Y")."""
    patient_prepositions: frozenset[str] = frozenset()
    """Prepositions whose object on an act noun is what it is done to ("annexation of Y")."""
    infinitive_markers: frozenset[str] = frozenset()
    """The marker of an infinitive clause on a noun ("threats to wall off Y")."""
    copulas: frozenset[str] = frozenset()
    """Linking verbs of a reported judgement ("said Y was reckless")."""
    owner_prepositions: frozenset[str] = frozenset()
    """Prepositions whose object owns the noun they hang on ("the president of Iran")."""
    nominal_endings: tuple[tuple[str, str], ...] = ()
    """(noun ending, verb ending) pairs that turn an event noun back into its verb."""
    """Prepositions that set a scene (place, time, forum: Russian "в", "на"): an actor
    under one is not the target the verb's subtree is searched for."""


@dataclass(frozen=True, slots=True)
class VerbUse:
    """What the parse says of one use of a verb, for the broad dictionary's patterns."""

    lemma: str
    particle: str | None
    dependents: frozenset[str]
    """Lemmas of the verb's dependents and of the words of its subject and object phrases."""
    prep_objects: Mapping[str, frozenset[str]]
    passive: bool


class Lexicon:
    """Verb and noun senses with their grammar, for one language."""

    def __init__(
        self,
        verbs: Mapping[str, tuple[Sense, ...]],
        nouns: Mapping[str, tuple[Sense, ...]],
        grammar: Grammar,
        broad: VerbDictionary | None = None,
    ) -> None:
        self.verbs = verbs
        self.nouns = nouns
        self.grammar = grammar
        self.broad = broad

    @classmethod
    def load(cls, language: str = "en") -> Lexicon:
        verbs = _read_senses(read_text(f"events/verbs_{language}.tsv"), True)
        nouns = _read_senses(read_text(f"events/nouns_{language}.tsv"), False)
        with toml_fields(f"events/grammar_{language}.toml") as data:
            grammar = _read_grammar(data)
        return cls(verbs, nouns, grammar, VerbDictionary.default() if language == "en" else None)

    def verb_sense(
        self,
        lemma: str,
        particles: Collection[str] = (),
        objects: Collection[str] = (),
        clause: bool = False,
    ) -> Sense | None:
        """The most specific sense of ``lemma`` that the verb's dependents allow.

        ``particles`` are the verb's particles and prepositions, ``objects`` the lemmas of
        its objects' head nouns (direct object, or passive subject), ``clause`` whether it
        governs a that-clause. A sense that needs an object, particle or clause the
        sentence lacks, or no object where it has one, is not a candidate; among the rest
        the most specific wins.
        """
        candidates = [
            s
            for s in self.verbs.get(lemma, ())
            if (s.particle is None or s.particle in particles)
            and (not s.objects or not s.objects.isdisjoint(objects))
            and (not s.transitive or bool(objects))
            and (not s.intransitive or not objects)
            and (not s.clause or clause)
        ]
        if candidates:
            # Among equally specific senses, one whose target preposition the verb has
            # ("warned against X") beats the bare sense, which beats one whose
            # preposition is absent ("warned Israel" is a warning, not a criticism).
            return max(
                candidates,
                key=lambda s: (s.specificity, 1 if s.prep is None else 2 * (s.prep in particles)),
            )
        return None

    def unshared(self, sense: Sense) -> Sense | None:
        """The table's other reading of a mutual sense's very words, for when the act has
        no partner: "X and Y held drills" is joint exercises, "X held drills near Y" a
        show of force. Only for a sense bound to its objects (the words are the same);
        ``None`` when the table lists no other reading of them."""
        if not sense.objects:
            return None
        return next(
            (
                other
                for other in self.verbs.get(sense.lemma, ())
                if not other.symmetric
                and other.particle == sense.particle
                and other.objects >= sense.objects
            ),
            None,
        )

    def broad_sense(self, use: VerbUse) -> Sense | None:
        """The PETRARCH2 dictionary's reading of a verb blocwatch's table does not list.

        Its "no event" patterns are respected: a use it says is no event gives ``None``.
        """
        if self.broad is None:
            return None
        found = self.broad.match(
            use.lemma, use.particle, use.dependents, use.prep_objects, use.passive
        )
        event_type = cameo_type(found.cameo) if found and found.cameo else None
        if found is None or found.cameo is None or event_type is None:
            return None
        return Sense(
            use.lemma,
            event_type,
            found.cameo,
            prep=found.target_prep,
            reverse=found.subject_is_target,
            origin="petrarch2",
        )

    def noun_senses(self, lemma: str) -> tuple[Sense, ...]:
        return self.nouns.get(lemma, ())

    def act_senses(self, lemma: str) -> tuple[Sense, ...]:
        """The acts a noun names: the noun table's senses, else those of the verb it is
        made from ("extradition" is "extradite")."""
        return self.noun_senses(lemma) or self.nominal_senses(lemma)

    def nominal_senses(self, lemma: str) -> tuple[Sense, ...]:
        """Senses of the verb an event noun is made from ("annexation" is "annex"), from
        the verb table only, and only senses that need no particle or object: the noun
        phrase does not show them."""
        found: list[Sense] = []
        for noun_end, verb_end in self.grammar.nominal_endings:
            if not lemma.endswith(noun_end) or len(lemma) - len(noun_end) < 3:
                continue
            verb = lemma[: len(lemma) - len(noun_end)] + verb_end
            for sense in self.verbs.get(verb, ()):
                if not (sense.particle or sense.objects or sense.alone or sense.transitive):
                    found.append(replace(sense, origin="nominal"))
            if found:
                return tuple(found)
        return ()

    def target_prepositions(self, sense: Sense) -> frozenset[str]:
        if sense.prep:
            return frozenset({sense.prep})
        return self.grammar.target_prepositions.get(sense.type, frozenset())


@cache
def default_lexicon() -> Lexicon:
    """The shipped English lexicon (read once per process; it is immutable)."""
    return Lexicon.load("en")


def _read_senses(table: str, verbs: bool) -> dict[str, tuple[Sense, ...]]:
    found: dict[str, list[Sense]] = {}
    for number, line in enumerate(table.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            if verbs:
                lemma, particle, prep, objects, event_type, cameo, mode, flags = fields
            else:
                lemma, modifier, event_type, cameo, mode, flags = fields
                particle, prep, objects = modifier, "", ""
        except ValueError as exc:
            raise ConfigError(
                f"line {number}: expected tab-separated columns", source="lexicon"
            ) from exc
        if event_type not in PLOVER_TYPES:
            raise ConfigError(
                f"line {number}: unknown PLOVER type {event_type!r}", source="lexicon"
            )
        marks = set(flags.split(",")) if flags else set()
        sense = Sense(
            lemma=lemma,
            type=event_type,
            cameo=cameo,
            particle=particle or None,
            prep=prep or None,
            objects=frozenset(o for o in objects.split("|") if o),
            mode=mode or None,
            symmetric="sym" in marks,
            alone="alone" in marks,
            reverse="reverse" in marks,
            transitive="transitive" in marks,
            intransitive="intransitive" in marks,
            clause="clause" in marks,
        )
        found.setdefault(lemma, []).append(sense)
    return {lemma: tuple(senses) for lemma, senses in found.items()}


def _read_grammar(data: Mapping[str, Any]) -> Grammar:
    """Every word list of :class:`Grammar` is read from the key of its own name (a
    missing key is an empty list, as a language may lack a construction); the tables
    are read one by one."""
    return Grammar(
        **{name: frozenset(data.get(name, ())) for name in _WORD_LISTS},
        target_prepositions={
            k: frozenset(v) for k, v in data.get("target_prepositions", {}).items()
        },
        pronouns=dict(data.get("pronouns", {})),
        medium_prepositions={
            k: frozenset(v) for k, v in data.get("medium_prepositions", {}).items()
        },
        culpability_predicates={
            str(k): str(v) for k, v in data.get("culpability_predicates", {}).items()
        },
        nominal_endings=tuple((str(n), str(v)) for n, v in data.get("nominal_endings", ())),
    )


_WORD_LISTS = tuple(f.name for f in fields(Grammar) if f.type == "frozenset[str]")
"""The fields of :class:`Grammar` that are plain word lists."""
