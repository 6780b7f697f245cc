"""What a verb or an event noun means here: its sense read from its particles, objects
and dependents.

blocwatch's own verb table (:mod:`~blocwatch.nlp.events.lexicon`) is asked first, then a
light verb's event noun ("carried out raids"), then the broad PETRARCH2 dictionary. A verb
of violence between people in politics is read as criticism, not an assault.
"""

from __future__ import annotations

from dataclasses import replace

from blocwatch.model import Sector, Token
from blocwatch.nlp.events.lexicon import Grammar, Lexicon, Sense, VerbUse
from blocwatch.nlp.events.view import Participant, SentenceView, relative_antecedent

_CONFLICT_MATERIAL = frozenset({"ASSAULT", "COERCE"})
_POLITICAL = frozenset(
    {Sector.PARTY, Sector.OPPOSITION, Sector.LEGISLATURE, Sector.GOVERNMENT, Sector.MEDIA}
)
_TIME_ENTITIES = frozenset({"DATE", "TIME"})


def verb_sense(
    view: SentenceView, verb: Token, lexicon: Lexicon, *, use_broad: bool
) -> Sense | None:
    """The verb's sense: blocwatch's table when it names the verb with its object, else
    the event of a light verb's object, else the table's bare verb, else (``use_broad``)
    the PETRARCH2 dictionary's reading of the verb's dependents."""
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
    # "the sanctions that Japan imposed": the relative pronoun's noun is the object.
    relatives = lexicon.grammar.relative_pronouns
    heads = [relative_antecedent(view, h, relatives) or h for h in heads]
    heads += [c for h in heads for c in _act_before_generic_head(view, h, lexicon.grammar)]
    objects = {c.lemma.lower() for c in heads} | {c.text.lower() for c in heads}
    lemma = _known_lemma(verb, lexicon)
    clause = any(c.pos in {"VERB", "AUX"} for c in view.kids(verb, "ccomp"))
    own = lexicon.verb_sense(lemma, particles, objects, clause)
    if own is not None and own.objects:
        return own  # "hold talks", "impose sanctions": the table names the pair
    light = _light_verb_sense(view, verb, lexicon)
    if light is not None:
        return light
    if own is not None or not use_broad:
        return own
    return lexicon.broad_sense(_verb_use(view, verb))


def _known_lemma(verb: Token, lexicon: Lexicon) -> str:
    """The parser's lemma, or, when no verb table knows it, the regular lemma of the
    word that one does: small models lemmatise some verbs wrongly ("staged" as
    "stag")."""
    lemma = verb.lemma.lower()
    broad = lexicon.broad
    if lemma in lexicon.verbs or (broad is not None and lemma in broad):
        return lemma
    word = verb.text.lower()
    for cut, add in (("d", ""), ("ed", ""), ("s", ""), ("es", ""), ("ing", ""), ("ing", "e")):
        candidate = word[: len(word) - len(cut)] + add if word.endswith(cut) else ""
        if candidate and candidate in lexicon.verbs:
            return candidate
    return lemma


def _light_verb_sense(view: SentenceView, verb: Token, lexicon: Lexicon) -> Sense | None:
    """A verb that only carries its object's event ("carried out raids", "waged an
    offensive", "staged a walkout") takes the sense of that event noun: from the
    noun table, else read as the verb it is made from ("raid", "bombing")."""
    if verb.lemma.lower() not in lexicon.grammar.support_verbs:
        return None
    for obj in view.kids(verb, "dobj"):
        for noun in [obj, *_act_before_generic_head(view, obj, lexicon.grammar)]:
            senses = noun_senses(view, noun, lexicon)
            if senses:
                return max(senses, key=lambda s: s.specificity)
    return None


def _act_before_generic_head(view: SentenceView, head: Token, grammar: Grammar) -> list[Token]:
    """The nouns compounded before a head that only says an act was tried ("mediation"
    in "mediation efforts"), which name the act."""
    if head.lemma.lower() not in grammar.generic_heads:
        return []
    return [c for c in view.kids(head, "compound") if c.pos == "NOUN" and c.i < head.i]


def literal_or_figurative(
    view: SentenceView,
    sense: Sense,
    verb: Token,
    source: Participant | None,
    target: Participant | None,
    lexicon: Lexicon,
) -> Sense | None:
    """Violence needs something it can be done to; a politician "attacking" a rival
    or a policy is criticising it, and so is one who "mounted an attack" on them. An
    act that is not itself violence ("extradition", "a ruling") cannot be fought with
    arms at all."""
    if sense.type not in _CONFLICT_MATERIAL:
        return sense
    grammar = lexicon.grammar
    if sense.type == "ASSAULT" and any(
        _peaceful_act(o.lemma.lower(), lexicon) for o in view.kids(verb, "dobj")
    ):
        return None  # "battling extradition", "fighting the ruling": a process, no body
    words = {verb.lemma.lower()} | {o.lemma.lower() for o in view.kids(verb, "dobj")}
    if words.isdisjoint(grammar.figurative_verbs):
        return sense
    if source is None:
        # "The minister was attacked over the bill": with no doer, no telling; but
        # nobody "kills" a journalist in words.
        political = target is not None and (target.is_person or target.actor.sector in _POLITICAL)
        verbal = verb.lemma.lower() in grammar.criticism_verbs
        return None if political and verbal else sense
    armed = source.actor.sector in {Sector.MILITARY, Sector.ARMED_GROUP, Sector.POLICE}
    individual = source.is_person or (source.how == "agent" and verb.tag != "NNS")
    if armed or not individual:
        return sense
    if target is None:
        return None  # "attacked the plan": nothing an event could be about
    if verb.lemma.lower() in grammar.lethal_verbs and (
        target.is_person or target.actor.code is None
    ):
        return sense  # "Korkoneas killed Grigoropoulos": nobody kills a person in words
    if target.is_person or target.actor.sector in _POLITICAL:
        return replace(sense, type="ACCUSE", cameo="111", mode=None)
    return sense


def _peaceful_act(lemma: str, lexicon: Lexicon) -> bool:
    """Whether a noun names an act of some other kind than violence or coercion
    ("extradition", "sanctions", "talks"), not "an attack" or "a raid"."""
    senses = lexicon.act_senses(lemma)
    return bool(senses) and all(s.type not in _CONFLICT_MATERIAL for s in senses)


def noun_senses(view: SentenceView, noun: Token, lexicon: Lexicon) -> list[Sense]:
    """The senses of an event noun its modifiers allow ("phone call"), or those of
    the verb it is made from."""
    modifiers = {c.lemma.lower() for c in view.kids(noun, "compound", "amod")}
    senses = [
        s
        for s in lexicon.noun_senses(noun.lemma.lower()) + lexicon.noun_senses(noun.text.lower())
        if s.particle is None or s.particle in modifiers
    ]
    if not senses and noun.pos == "NOUN":
        senses = list(lexicon.nominal_senses(noun.lemma.lower()))
    return senses


# ------------------------------------------------------------------ actors


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
