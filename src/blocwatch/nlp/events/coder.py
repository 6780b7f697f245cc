"""Who did what to whom: PLOVER events from sentences, actor mentions and dates.

The coder needs no parser and no model. It finds event phrases with the lexicon, cuts
each sentence into clauses at strong breaks (semicolons, colons, quotation marks, "but",
"while", "which", "where"), and reads the roles from the actor mentions around the
phrase:

* the **source** is the nearest actor (or "X and Y") before the phrase in its clause;
  a first-person pronoun in between makes it the quote's speaker ("we condemned");
* the **target** is the first actor after the verb in the clause ("accused Y of ...",
  "condemned the actions by Y", "held talks with Y");
* in the **passive** ("Y was attacked by X", "the support provided by X") the roles swap;
* **nouns** make an event only when the words say who: "a meeting between X and Y",
  "X's visit to Y", "sanctions by X against Y";
* mutual actions ("X and Y discussed", "X met Y", "a meeting between X and Y") are coded
  as **two directed events**, X→Y and Y→X, as GDELT and PETRARCH do, so that relation
  counts per direction stay symmetric;
* one event per clause: the first phrase governs its complements ("threatened to impose
  sanctions" is one THREATEN), except verbs joined by "and" ("travelled to Y and held
  talks with Z"), which share their subject;
* an action on a known target by an agent that is not a known actor ("Masked gunmen
  attacked Ukraine") keeps the target with no source; a pronoun subject, an infinitive
  or a participle that only modifies a noun ("a report released in ...") makes none;
* a person the dictionary does not know takes the state of the sentence when the
  sentence names only one ("President X of Kenya").

Status: ``negated`` ("did not attack"), ``planned`` ("will meet", "is expected to visit",
"plans to"), ``claimed`` (inside a quote or reported speech of someone other than the
source, who is kept as ``claimed_by``), else ``happened``. A refusal ("will not provide
aid") is coded as the REJECT it is. A conflictual claim by a named speaker about another
actor ("the US is trying to invade ...", Lavrov said) also yields the speaker's ACCUSE
against that actor, which is what a reader takes from such a sentence.

Across an article, an event that lacks its date or its destination takes them from a
later back-reference to the same kind of event ("... the telephone conversation between
the two leaders on April 29"; "the PM's recent visit to Moscow"), and the back-reference
is not counted twice.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from blocwatch.model import (
    ActorKind,
    DatePrecision,
    Event,
    EventActor,
    EventStatus,
    Evidence,
    Mention,
    Quote,
    Sentence,
    Span,
    TimeExpression,
)
from blocwatch.nlp.events.lexicon import Lexicon, Phrase, Trigger, VerbForm, default_lexicon
from blocwatch.nlp.events.ontology import (
    COOPERATIVE_TYPES,
    REJECT_CODE,
    goldstein,
    intent_code,
    quad_class,
)

if TYPE_CHECKING:
    from blocwatch.nlp.actors import ActorDictionary, ActorRecognizer

_CLAUSE_BREAK = re.compile(
    r"""[;"“”«»]|:\s|\s[—–]\s|\s--\s|(?:,\s*|\s)(?:but|while|whereas|although|though|where)\b"""
    r"""|,\s*(?:which|who)\b|``|''"""
)
_TITLE_GAP = re.compile(
    r"^(?:\s+|'s\b|’s\b|\b(?:of|the|for|and\s+(?=[A-Z]\w+\s+(?:Minister|Secretary)))\b|"
    r"\b[A-Z][\w.\-]*\b|\b(?:president|prime|minister|foreign|defence|defense|secretary|"
    r"general|state|deputy|chief|head|leader|ambassador|envoy|spokesman|spokeswoman|"
    r"spokesperson|chairman|commander|king|queen|emir|premier|chancellor|speaker|official|"
    r"officials|counterpart|new|former|interim|acting|top|senior|pm)\b)*$"
)
_COORDINATION_GAP = re.compile(
    r"^(?:\s+(?:[A-Z][\w.\-]*|leader|president|minister|officials?))*"
    r"\s*(?:,\s*)?(?:and|&|,|as\s+well\s+as)?\s*(?:the\s+)?$"
)
_AUXILIARY_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|get|gets|got)\s+"
    r"(?:(?:\w+ly|indeed|also|not|already|then|now|just|since|never)\s+)?$",
    re.IGNORECASE,
)
_BY_AGENT = re.compile(r"\s+(?:\w+ly\s+)?by\s+(?:the\s+)?$", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer|neither|nor|fail(?:s|ed)?\s+to)\b|n't\b", re.I)
_NOT_ONLY = re.compile(r"\bnot\s+only\b", re.IGNORECASE)
_PLANNED = re.compile(
    r"\b(?:will|would|shall|going\s+to|plan(?:s|ned|ning)?\s+to|intend(?:s|ed)?\s+to|"
    r"expected\s+to|scheduled\s+to|set\s+to|due\s+to|(?:is|are)\s+to|ready\s+to|"
    r"willing\s+to|prepared\s+to|seek(?:s|ing)?\s+to|sought\s+to|want(?:s|ed)?\s+to|"
    r"tr(?:y|ies|ying|ied)\s+to|attempt(?:s|ed|ing)?\s+to|hop(?:e|es|ed|ing)\s+to|"
    r"aim(?:s|ed|ing)?\s+to|may|might|could)\b|'ll\b",
    re.IGNORECASE,
)
_NOUN_PLANNED_BEFORE = re.compile(
    r"\b(?:upcoming|planned|proposed|next|forthcoming|future|scheduled|expected)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_NOUN_PLANNED_AFTER = re.compile(
    r"\b(?:will|is\s+expected|are\s+expected|is\s+scheduled|is\s+set|to\s+take\s+place|"
    r"to\s+be\s+held)\b",
    re.IGNORECASE,
)
_COORDINATED_VERB = re.compile(
    r"(?:(?:,\s*)?\band\s+(?:(?:has|have|had|then|also|later|will|would)\s+)*|,\s+(?=\w+ing\b))$",
    re.I,
)
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|our|my|your|this|that|these|those|any|no|every|each|"
    r"recent|upcoming|planned|first|official|further|continuous|new|of|for|two-day|"
    r"three-day|one-day|state|working)|['’]s)\s+$",
    re.IGNORECASE,
)
_SUBJECT_PRONOUN_BEFORE = re.compile(r"\b(?:it|he|she|who|which|that)\s+(?:\w+ly\s+)?$", re.I)
_BASE_VERBAL_BEFORE = re.compile(
    r"(?:\b(?:will|would|shall|can|could|should|must|may|might|to|not|do|does|did|we|they|I|"
    r"you|and|or|also|jointly|further|then)|n't|'ll|^)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_GERUND_VERBAL_BEFORE = re.compile(
    r"(?:\b(?:is|are|was|were|be|been|am|and)|,)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|I)\b")
_SUBJECT_PRONOUN = re.compile(r"\b(?:[Ww]e|I|[Tt]hey|[Hh]e|[Ss]he|[Ii]t)\b")
_SPEECH_CUE = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|added|adds|announced|announces|noted|"
    r"stressed|emphasi[sz]ed|confirmed|reiterated|insisted|argued|reported|reports|claimed|"
    r"claims|believes|concluded|declared)\b"
)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_TRAILING_ATTRIBUTION = re.compile(
    r",\s*(?:[^,;:\"“”]{3,120}?)\s+(?:has\s+|had\s+)?(?:said|says|reported|reports|"
    r"added|stated|charged|announced)\b[^,;:\"“”]{0,40}$"
)
_ADVERBS_ONLY = re.compile(
    r"^\s*(?:(?:has|have|had|also|further|then|later|today|yesterday|again|earlier|"
    r"on\s+\w+|\w+ly)\s+)*$",
    re.IGNORECASE,
)
_SPEAKER_GAP = re.compile(r"^\s*(?:[\w\-'’.]+\s+){0,3}$")
_OBLIGATION = re.compile(
    r"\b(?:must|should|has\s+to|have\s+to|needs?\s+to|ought\s+to)\b", re.IGNORECASE
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:of|in|from|with|for|against|to|by|on|at|about|near|throughout|inside|across|"
    r"into|over|toward|towards|between|among)\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+)?$",
    re.IGNORECASE,
)
_OBLIGED_GAP = re.compile(r"^\s+(?:[\w\-]+\s+){0,5}$")
_PLACE_BEFORE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
_BETWEEN_AFTER = re.compile(r"\s+(?:[\w'’\-]+\s+){0,3}?between\s+(?:the\s+)?", re.IGNORECASE)
_POSSESSIVE_GAP = re.compile(r"^(?:\s+[A-Z][\w\-]*)?(?:(?:'s|’s)(?:\s+[\w\-]+){0,2}?)?\s+$")
_NOUN_OBJECT_GAP = re.compile(
    r"\s+(?:[\w'’\-]+\s+){0,2}?(?:to|with|against|on|of|from)\s+(?:the\s+)?$", re.I
)
_CONDITION = re.compile(r"\b(?:unless|otherwise)\b", re.IGNORECASE)
_SPEECH_ACTS = frozenset({"AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE"})
"""Types whose announcement is already the act: "will demand" is still a demand."""
THREAT_CODE = "130"
_AND = re.compile(r"\b(?:and|as\s+well\s+as)\b|&")
_NOT_THE_ACTOR = re.compile(
    r"(?:'s|’s)\s+(?:\w+\s+)?(?:partners|allies|neighbou?rs|friends|enemies|critics|"
    r"opponents|rivals|citizens|people|nationals|refugees|supporters)\b",
    re.IGNORECASE,
)
"""A possessive whose head is not the actor itself: "Russia's partners"."""
_INTRANSITIVE_COMPLEMENT = re.compile(
    r"\s+(?:resign|step\s+down|quit|retire|stand\s+down)\b", re.IGNORECASE
)
""""agreed to resign": a promise with nobody at the receiving end."""
_OBJECT_START = re.compile(r"\s+(?:the|a|an|its|their|his|her|\d[\d,]*)\b", re.IGNORECASE)
_LAST_WORD = re.compile(r"\b([A-Za-z][\w\-]*)\s+$")
_NOT_NOUNS = frozenset(
    {
        *("has", "have", "had", "was", "were", "is", "are", "be", "been", "being"),
        *("also", "then", "later", "again", "who", "which", "that", "it", "they", "he"),
        *("she", "we", "and", "or", "not", "never", "already", "just", "reportedly"),
        "allegedly",
    }
)
_MILITARY = re.compile(
    r"\b(?:troops|soldiers|forces|peacekeep\w*|army|units|battalions?|contingent|warships|"
    r"jets|aircraft|tanks)\b",
    re.IGNORECASE,
)
_FINITE = frozenset({VerbForm.PAST, VerbForm.THIRD})
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|am)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PLACE_KINDS = frozenset({ActorKind.PLACE, ActorKind.STATE})
_LOCAL_ACTIONS = frozenset({"PROTEST", "COERCE"})
"""Actions whose unnamed agent belongs where they happen: protesters, arresting police."""
_MAX_PAIRS = 6
_ADJECTIVE_ENDINGS = ("an", "ese", "ish", "i", "ic")
"""How a state's adjective ends ("Russian", "Chinese", "Turkish", "Iraqi", "Baltic")."""


@dataclass(frozen=True, slots=True)
class _Unit:
    """One actor as the text names it: a title chain such as "Russian Foreign Minister
    Sergey Lavrov" is one unit whose head is the most specific mention."""

    start: int
    end: int
    mention: Mention


@dataclass(frozen=True, slots=True)
class _Group:
    """Actors joined by "and" or commas, acting together."""

    units: tuple[_Unit, ...]

    @property
    def start(self) -> int:
        return self.units[0].start

    @property
    def end(self) -> int:
        return self.units[-1].end


@dataclass(frozen=True, slots=True)
class _Speech:
    """Words someone else says: a quotation or reported speech, and who says it."""

    start: int
    end: int
    speaker: EventActor | None
    accuses: bool = True
    """Whether the speaker's charge against another actor counts as an accusation: not
    when the speaker is a reporting source named by an adjective ("Thai police said")."""
    after: bool = True
    """Whether the speaker is named after the words (", X said"): the event then comes
    first, the speaker's accusation second."""


@dataclass(slots=True)
class _Candidate:
    type: str
    cameo: str
    mode: str | None
    source: EventActor | None
    target: EventActor | None
    sentence: Sentence
    span: Span
    position: int
    status: EventStatus
    claimed_by: EventActor | None
    date: str | None
    own_date: bool
    place: str | None
    noun: bool
    reference: bool = False
    """A back-reference that names no actor: used to date or complete another event."""
    keep: bool = True


@dataclass(slots=True)
class _SentenceContext:
    article_id: str
    text: str
    sentence: Sentence
    units: list[_Unit]
    groups: list[_Group]
    clauses: list[tuple[int, int]]
    speech: list[_Speech]
    times: list[TimeExpression]
    published: str | None
    day: date | None
    used_clauses: set[int] = field(default_factory=set)


class EventCoder:
    """Codes PLOVER events, with CAMEO codes and Goldstein scores, from sentences."""

    def __init__(self, dictionary: ActorDictionary | None = None) -> None:
        self._dictionary = dictionary
        self._lexicon: Lexicon = default_lexicon()
        self._recognizer: ActorRecognizer | None = None

    # ------------------------------------------------------------------ public API

    def code(
        self,
        article_id: str,
        text: str,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        *,
        times: Sequence[TimeExpression] = (),
        quotes: Sequence[Quote] = (),
        published: datetime | None = None,
    ) -> list[Event]:
        """Events of one article, in text order, each with its sentence as evidence."""
        day = published.date() if published else None
        published_iso = day.isoformat() if day else None
        ordered_mentions = sorted(
            (m for m in mentions if m.kind is not ActorKind.PLACE or m.country),
            key=lambda m: (m.evidence.span.start, -m.evidence.span.end),
        )
        mention_starts = [m.evidence.span.start for m in ordered_mentions]
        ordered_times = sorted((t for t in times if t.value), key=lambda t: t.evidence.span.start)
        time_starts = [t.evidence.span.start for t in ordered_times]
        quote_speech = [self._quote_speech(q, ordered_mentions, day) for q in quotes]
        candidates: list[_Candidate] = []
        for sentence in sentences:
            lo, hi = sentence.span.start, sentence.span.end
            in_sentence = ordered_mentions[
                bisect.bisect_left(mention_starts, lo) : bisect.bisect_left(mention_starts, hi)
            ]
            sentence_times = ordered_times[
                bisect.bisect_left(time_starts, lo) : bisect.bisect_left(time_starts, hi)
            ]
            units = _with_inferred_states(_units(text, in_sentence))
            context = _SentenceContext(
                article_id=article_id,
                text=text,
                sentence=sentence,
                units=units,
                groups=_groups(text, units),
                clauses=_clauses(text, lo, hi),
                speech=[s for s in quote_speech if s.start < hi and s.end > lo],
                times=sentence_times,
                published=published_iso,
                day=day,
            )
            context.speech.extend(self._reported_speech(context))
            candidates.extend(self._code_sentence(context))
        _resolve_back_references(candidates)
        return [_event(article_id, text, c) for c in candidates if c.keep and not c.reference]

    def code_sentence(self, sentence: str, *, published: datetime | None = None) -> list[Event]:
        """Events of one sentence (or short text), finding its actors and dates itself."""
        from blocwatch.nlp.dates import extract_times
        from blocwatch.nlp.sentences import split_sentences

        sentences = split_sentences(sentence)
        mentions = self._actor_recognizer().recognize(
            "sentence", sentence, sentences, published.date() if published else None
        )
        times = extract_times("sentence", sentence, sentences, published)
        return self.code(
            "sentence", sentence, sentences, mentions, times=times, published=published
        )

    # ------------------------------------------------------------------ actors

    def _actor_dictionary(self) -> ActorDictionary:
        if self._dictionary is None:
            from blocwatch.nlp.actors import ActorDictionary

            self._dictionary = ActorDictionary.default()
        return self._dictionary

    def _actor_recognizer(self) -> ActorRecognizer:
        if self._recognizer is None:
            from blocwatch.nlp.actors import ActorRecognizer

            self._recognizer = ActorRecognizer(self._actor_dictionary())
        return self._recognizer

    def _actor(self, mention: Mention, day: date | None) -> EventActor:
        """The event's view of an actor: a person stands for the state or organisation
        of the office held on the day (Lebedev for the CIS, Lavrov for Russia)."""
        code = mention.country
        if mention.kind is ActorKind.PERSON and mention.actor_id.startswith("person:"):
            code = self._actor_dictionary().state_of(mention.actor_id, day) or code
        if code is None and mention.kind is not ActorKind.PERSON:
            code = mention.actor_id
        return EventActor(actor_id=mention.actor_id, name=mention.name, code=code)

    def _quote_speech(self, quote: Quote, mentions: Sequence[Mention], day: date | None) -> _Speech:
        speaker: EventActor | None = None
        if quote.speaker_actor_id:
            known = next((m for m in mentions if m.actor_id == quote.speaker_actor_id), None)
            if known is not None:
                speaker = replace(self._actor(known, day), name=quote.speaker or known.name)
            else:
                speaker = EventActor(quote.speaker_actor_id, quote.speaker or "", None)
        elif quote.speaker:
            speaker = EventActor(None, quote.speaker, None)
        return _Speech(quote.evidence.span.start, quote.evidence.span.end, speaker)

    def _reported_speech(self, context: _SentenceContext) -> list[_Speech]:
        """Reported speech inside one sentence: "X said (that) ...", "..., X said",
        "according to X", and quotations with their cue next to them."""
        text, lo, hi = context.text, context.sentence.span.start, context.sentence.span.end
        found: list[_Speech] = []
        for cue in _SPEECH_CUE.finditer(text, lo, hi):
            before = _group_ending_before(context, cue.start(), _SPEAKER_GAP)
            if before is not None:
                unit = before.units[0]
                speaker = self._actor(_head(unit), context.day)
                accuses = _speaks_for_itself(text, unit, text[before.end : cue.start()])
                preceding = text[lo : before.start].rstrip(" \"'”’“")
                if preceding.endswith(",") and before.start - lo > 20:
                    found.append(_Speech(lo, before.start, speaker, accuses))
                else:
                    found.append(_Speech(cue.end(), hi, speaker, accuses, after=False))
                continue
            after = _group_starting_after(context, cue.end(), max_gap=6)
            if after is not None and text[lo : cue.start()].rstrip(" \"'”’“").endswith(","):
                unit = after.units[0]
                speaker = self._actor(_head(unit), context.day)
                found.append(
                    _Speech(lo, cue.start(), speaker, _speaks_for_itself(text, unit, None))
                )
        trailing = _TRAILING_ATTRIBUTION.search(text, lo, hi)
        if trailing is not None and not any(s.start == lo and s.after for s in found):
            # ", a member of the Chadian team trying to broker a pact has said."
            groups = [g for g in context.groups if trailing.start() <= g.start < hi]
            reporter = groups[0].units[0] if groups else None
            said_by = self._actor(_head(reporter), context.day) if reporter else None
            accuses = reporter is not None and _speaks_for_itself(text, reporter, None)
            found.append(_Speech(lo, trailing.start(), said_by, accuses))
        for group in context.groups:
            if _ACCORDING_TO.search(text, max(lo, group.start - 20), group.start):
                unit = group.units[0]
                speaker = self._actor(_head(unit), context.day)
                found.append(_Speech(lo, hi, speaker, _speaks_for_itself(text, unit, None)))
        return found

    # ------------------------------------------------------------------ one sentence

    def _code_sentence(self, context: _SentenceContext) -> list[_Candidate]:
        text, sentence = context.text, context.sentence
        out: list[_Candidate] = []
        previous_sources: tuple[_Unit, ...] = ()
        unnamed_subject: set[int] = set()
        triggers = list(self._lexicon.find(text, sentence.span.start, sentence.span.end))
        triggers = [t for t in triggers if not _is_name(text, t, context)]
        triggers.extend(_obligations(context))
        triggers.sort(key=lambda t: t.start)
        # A verb joined by "and" starts a new event: the object search stops there.
        verb_starts = [
            t.start
            for t in triggers
            if not t.phrase.noun
            and _COORDINATED_VERB.search(text, max(sentence.span.start, t.start - 40), t.start)
        ]
        for found in triggers:
            trigger = self._as_noun_if_needed(text, found, context)
            if trigger is None or (
                trigger.phrase.needs_object and not _has_object(context, trigger)
            ):
                continue
            clause_index = _clause_of(context.clauses, trigger.start)
            clause = context.clauses[clause_index]
            joined = bool(
                _COORDINATED_VERB.search(text, max(clause[0], trigger.start - 40), trigger.start)
            )
            if joined and clause_index in unnamed_subject:
                continue  # "a bombing killed one soldier and wounded two": still no source
            coordinated = bool(previous_sources) and joined
            if clause_index in context.used_clauses and not coordinated and not trigger.phrase.noun:
                continue
            if trigger.phrase.noun:
                made = self._code_noun(context, trigger, clause)
            else:
                following = [s for s in verb_starts if s >= trigger.end]
                made = self._code_verb(
                    context,
                    trigger,
                    clause,
                    previous_sources if coordinated else (),
                    following[0] if following else clause[1],
                )
            if made is None:
                if not trigger.phrase.noun:
                    unnamed_subject.add(clause_index)
                if trigger.phrase.type in _SPEECH_ACTS and not trigger.phrase.noun:
                    # "X insisted on its demands that Y grant ...": the complement is not
                    # an event of its own, even when X is nobody we know.
                    context.used_clauses.add(clause_index)
                continue
            candidates, sources = made
            if not candidates:
                continue
            speech_act_noun = trigger.phrase.type in _SPEECH_ACTS
            if (
                not trigger.phrase.noun
                or speech_act_noun
                or any(not c.reference for c in candidates)
            ):
                context.used_clauses.add(clause_index)
            if sources:
                previous_sources = sources
            out.extend(candidates)
        return out

    def _as_noun_if_needed(
        self, text: str, trigger: Trigger, context: _SentenceContext
    ) -> Trigger | None:
        """Tell verbs from nouns without a tagger. A base form or gerund after a
        determiner or possessive is a noun ("the visit", "its support"); an -s form is a
        verb only right after its subject ("Russia sanctions Iran", "it demands"), and a
        plural noun otherwise ("the forces", "US sanctions"). A noun is kept only as the
        lexicon's event noun of the same word, if there is one."""
        forms = trigger.forms
        if trigger.phrase.noun or forms & {VerbForm.PAST} or trigger.phrase.text.startswith("be "):
            return trigger
        if forms & {VerbForm.PARTICIPLE} and not forms & {VerbForm.BASE}:
            return trigger
        word = text[trigger.start : trigger.verb_end].lower()
        noun = self._lexicon.noun(word)
        before = text[max(context.sentence.span.start, trigger.start - 24) : trigger.start]
        possessed = before.endswith(("'s ", "’s "))
        if forms & {VerbForm.GERUND} and not forms & {VerbForm.BASE}:
            # "are demanding", ", killing eight": verbal; "at pushing for", "the meeting": not.
            if _GERUND_VERBAL_BEFORE.search(before):
                return trigger
        elif forms & {VerbForm.BASE} and not forms & {VerbForm.THIRD}:
            # "will meet", "to visit", "they reject", "Palestinians reject": verbal;
            # "enjoyed support", "the visit", "bans on travel": not.
            if not possessed and (
                _BASE_VERBAL_BEFORE.search(before)
                or any(
                    u.end < trigger.start
                    and text[u.end : trigger.start].isspace()
                    and not _is_adjectival(text, context, trigger.start)
                    for u in context.units
                )
            ):
                return trigger
        elif forms == frozenset({VerbForm.THIRD}):
            after_subject = _SUBJECT_PRONOUN_BEFORE.search(before) is not None or any(
                u.end < trigger.start and text[u.end : trigger.start].isspace()
                for u in context.units
            )
            if (
                after_subject
                and not possessed
                and (noun is None or not _is_adjectival(text, context, trigger.start))
            ):
                return trigger
        if noun is None:
            return None
        return Trigger(
            noun, trigger.start, trigger.verb_end, trigger.verb_end, frozenset({VerbForm.NOUN})
        )

    def _code_verb(
        self,
        context: _SentenceContext,
        trigger: Trigger,
        clause: tuple[int, int],
        inherited: tuple[_Unit, ...],
        next_verb: int,
    ) -> tuple[list[_Candidate], tuple[_Unit, ...]] | None:
        text = context.text
        auxiliary = (
            _AUXILIARY_PASSIVE.search(text, max(clause[0], trigger.start - 30), trigger.start)
            is not None
        )
        passive = bool(trigger.forms & {VerbForm.PARTICIPLE}) and (
            auxiliary or _agent_after(context, trigger.end, clause) is not None
        )
        speech = _speech_at(context, trigger.start)
        sources: tuple[_Unit, ...]
        targets: tuple[_Unit, ...]
        speaker: EventActor | None = None
        subject_end = clause[0]
        gap = ""
        if passive:
            agent = _agent_after(context, trigger.end, clause) or _agent_later(
                context, trigger.end, clause
            )
            sources = agent.units if agent else ()
            before = _group_before(context, trigger.start, clause) if auxiliary else None
            if before is not None and len(text[before.end : trigger.start].split()) > 5:
                before = None  # "the topic of ... in CIS states was discussed": not CIS
            targets = before.units if before else ()
            if before is not None:
                subject_end = before.end
            elif agent is not None:
                # "the support provided by X to Y"
                after = _group_starting_after(context, agent.end, limit=clause[1], max_gap=4)
                if after is not None and _NOUN_OBJECT_GAP.match(text, agent.end, after.start):
                    targets = after.units
        else:
            before = (
                _group_before(context, trigger.start, clause)
                or _antecedent(context, clause)
                or _elided_subject(context, clause)
            )
            gap = text[before.end if before else clause[0] : trigger.start]
            sources = inherited or (before.units if before else ())
            if before is not None and before.end <= trigger.start:
                subject_end = max(before.end, clause[0])
            limit = min(clause[1], next_verb)
            if speech is not None:
                limit = min(limit, speech.end)
            objectless = trigger.phrase.intransitive or (
                trigger.phrase.type in COOPERATIVE_TYPES
                and _INTRANSITIVE_COMPLEMENT.match(text, trigger.end)
            )
            after = (
                None
                if objectless
                else _group_starting_after(
                    context,
                    trigger.verb_end,
                    limit=limit,
                    skip_speaker=True,
                    skip_places=trigger.phrase.type == "CONSULT" and trigger.phrase.mode != "visit",
                )
            )
            targets = after.units if after else ()
            pronouns = _SUBJECT_PRONOUN.findall(gap)
            if not inherited and pronouns and _FIRST_PERSON.fullmatch(pronouns[-1]):
                # "we condemned ...": the speaker of the quote, or nobody we can name.
                sources = ()
                if speech is not None and speech.speaker is not None:
                    speaker = speech.speaker
        if trigger.phrase.reverse and not passive:
            sources, targets = targets, sources
        source_actors = [self._actor(_head(u), context.day) for u in sources]
        if speaker is not None:
            source_actors = [speaker]
        target_actors = [self._actor(_head(u), context.day) for u in targets]
        if not source_actors and trigger.phrase.type in _LOCAL_ACTIONS:
            local = _located_in(context, trigger, clause)
            if local is not None and (passive or trigger.phrase.type == "PROTEST"):
                source_actors = [local]
        if not source_actors and not target_actors:
            return None
        if not source_actors and not passive and _reduced_relative(context, trigger, clause):
            # "a report released in the Rwandan capital alleged ...": a noun's modifier.
            return None
        if (
            not source_actors
            and not passive
            and (_SUBJECT_PRONOUN.search(gap) or not _finite(text, trigger, clause))
        ):
            # "they do not wish to allow ...", "... to normalize relations between X and
            # Y": a subject we cannot name, or none at all.
            return None
        window = text[subject_end : trigger.end]
        conditional = _CONDITION.search(text, trigger.end, context.sentence.span.end) is not None
        if trigger.phrase.mode == "visit" and _MILITARY.search(text, subject_end, trigger.start):
            # "NATO peacekeeping troops arrived in Bosnia" is a deployment, not a visit.
            trigger = _as_deployment(trigger, text[subject_end : trigger.start])
        status, event_type, cameo = _status(
            trigger.phrase, window, text[trigger.start : trigger.end], conditional
        )
        claimed_by: EventActor | None = None
        if speech is not None and speech.speaker is not None and status is not EventStatus.NEGATED:
            speaker_code = speech.speaker.code
            own = any(
                a.code == speaker_code or (a.actor_id and a.actor_id == speech.speaker.actor_id)
                for a in source_actors
            )
            if not own:
                claimed_by = speech.speaker
                if status is EventStatus.HAPPENED:
                    status = EventStatus.CLAIMED
        candidates = self._pairs(
            context,
            trigger,
            clause,
            event_type,
            cameo,
            status,
            claimed_by,
            source_actors,
            target_actors,
            passive,
        )
        if (
            speech is not None
            and speech.accuses
            and claimed_by is not None
            and event_type not in COOPERATIVE_TYPES
            and source_actors
        ):
            accusations = self._accusations(context, trigger, clause, claimed_by, source_actors)
            if speech.after:
                candidates.extend(accusations)
            else:
                candidates[:0] = accusations
        return candidates, sources

    def _code_noun(
        self, context: _SentenceContext, trigger: Trigger, clause: tuple[int, int]
    ) -> tuple[list[_Candidate], tuple[_Unit, ...]] | None:
        text = context.text
        sources: tuple[_Unit, ...] = ()
        targets: tuple[_Unit, ...] = ()
        symmetric_pair = False
        between = _BETWEEN_AFTER.match(text, trigger.end, clause[1])
        if between is not None:
            group = _group_starting_after(context, between.end(), limit=clause[1], max_gap=0)
            if group is not None and len(group.units) >= 2:
                sources, symmetric_pair = group.units, True
        if not sources:
            owner = _group_ending_before(context, trigger.start, _POSSESSIVE_GAP, limit=clause[0])
            agent = _agent_after(context, trigger.end, clause)
            if owner is not None:
                sources = owner.units[-1:]
            elif agent is not None:
                sources = agent.units
            if sources:
                start = max(trigger.end, agent.end if agent and agent.units == sources else 0)
                target = _group_starting_after(context, start, limit=clause[1], max_gap=4)
                if target is not None and _NOUN_OBJECT_GAP.match(text, start, target.start):
                    targets = target.units
        planned = bool(
            _NOUN_PLANNED_BEFORE.search(text, max(clause[0], trigger.start - 30), trigger.start)
            or _NOUN_PLANNED_AFTER.search(text, trigger.end, clause[1])
        )
        status = EventStatus.PLANNED if planned else EventStatus.HAPPENED
        phrase = trigger.phrase
        cameo = intent_code(phrase.type, phrase.mode, phrase.cameo) if planned else phrase.cameo
        speech = _speech_at(context, trigger.start)
        claimed_by = None
        if speech is not None and speech.speaker is not None and not planned:
            speaker_code = speech.speaker.code
            if sources and all(_head(u).country != speaker_code for u in sources):
                status, claimed_by = EventStatus.CLAIMED, speech.speaker
        source_actors = [self._actor(_head(u), context.day) for u in sources]
        target_actors = [self._actor(_head(u), context.day) for u in targets]
        if not source_actors or (not symmetric_pair and not target_actors):
            date, own = _date_for(context, trigger.start, clause)
            reference = _Candidate(
                type=phrase.type,
                cameo=cameo,
                mode=phrase.mode,
                source=source_actors[0] if source_actors else None,
                target=None,
                sentence=context.sentence,
                span=_trimmed(text, clause),
                position=trigger.start,
                status=status,
                claimed_by=None,
                date=date,
                own_date=own,
                place=None,
                noun=True,
                reference=True,
            )
            return [reference], ()
        return (
            self._pairs(
                context,
                trigger,
                clause,
                phrase.type,
                cameo,
                status,
                claimed_by,
                source_actors,
                target_actors,
                False,
                noun=True,
            ),
            (),
        )

    def _pairs(
        self,
        context: _SentenceContext,
        trigger: Trigger,
        clause: tuple[int, int],
        event_type: str,
        cameo: str,
        status: EventStatus,
        claimed_by: EventActor | None,
        sources: list[EventActor],
        targets: list[EventActor],
        passive: bool,
        *,
        noun: bool = False,
    ) -> list[_Candidate]:
        pairs: list[tuple[EventActor | None, EventActor | None]] = []
        no_one: list[EventActor | None] = [None]
        symmetric = trigger.phrase.symmetric and event_type == trigger.phrase.type
        if symmetric and len(sources) >= 2:
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        elif symmetric and sources and targets:
            for a in sources:
                for b in targets:
                    pairs.extend([(a, b), (b, a)])
        else:
            pairs = [(a, b) for a in (sources or no_one) for b in (targets or no_one)]
        if symmetric:
            pairs = [(a, b) for a, b in pairs if not (a and b and _same_actor(a, b))]
        pairs = pairs[:_MAX_PAIRS]
        date, own = _date_for(context, trigger.start, clause)
        place = _place(context, trigger.verb_end, clause, {b for _, b in pairs if b})
        span = _trimmed(context.text, clause)
        return [
            _Candidate(
                type=event_type,
                cameo=cameo,
                mode=trigger.phrase.mode,
                source=a,
                target=b,
                sentence=context.sentence,
                span=span,
                position=trigger.start,
                status=status,
                claimed_by=claimed_by,
                date=date,
                own_date=own,
                place=place,
                noun=noun,
            )
            for a, b in pairs
        ]

    def _accusations(
        self,
        context: _SentenceContext,
        trigger: Trigger,
        clause: tuple[int, int],
        speaker: EventActor,
        accused: list[EventActor],
    ) -> list[_Candidate]:
        date, own = _date_for(context, trigger.start, clause)
        span = _trimmed(context.text, (context.sentence.span.start, context.sentence.span.end))
        return [
            _Candidate(
                type="ACCUSE",
                cameo="112",
                mode=None,
                source=speaker,
                target=target,
                sentence=context.sentence,
                span=span,
                position=trigger.start,
                status=EventStatus.HAPPENED,
                claimed_by=None,
                date=date,
                own_date=own,
                place=None,
                noun=False,
            )
            for target in accused
            if target.code != speaker.code
        ]


# ---------------------------------------------------------------------- helpers


def _speaks_for_itself(text: str, unit: _Unit, gap: str | None) -> bool:
    """A person, or a state or body named as such ("the US claimed"), speaks in its own
    name; "Thai police" or "US officials" are sources a report cites."""
    if unit.mention.kind is ActorKind.PERSON:
        return True
    if gap is not None:
        return _ADVERBS_ONLY.match(gap) is not None
    name = text[unit.start : unit.end]
    return not (name.isupper() and len(name) <= 3) and not name.endswith(_ADJECTIVE_ENDINGS)


def _reduced_relative(context: _SentenceContext, trigger: Trigger, clause: tuple[int, int]) -> bool:
    """Whether a past form follows a common noun directly and has no object after it
    ("the report released Tuesday", "civilians imprisoned for ..."): a modifier of that
    noun, whereas "gunmen attacked Ukraine" or "... killed the chief" are verbs."""
    text = context.text
    if not trigger.forms & {VerbForm.PARTICIPLE}:
        return False
    if _OBJECT_START.match(text, trigger.end) or any(
        g.start >= trigger.end and text[trigger.end : g.start].isspace() for g in context.groups
    ):
        return False
    before = _LAST_WORD.search(text, clause[0], trigger.start)
    if before is None:
        return False
    word = before.group(1)
    return word.islower() and word not in _NOT_NOUNS and not word.endswith("ly")


def _as_deployment(trigger: Trigger, subject: str) -> Trigger:
    peacekeeping = "peacekeep" in subject.lower()
    phrase = replace(
        trigger.phrase,
        type="AID" if peacekeeping else "MOBILIZE",
        cameo="074" if peacekeeping else "150",
        mode="peacekeeping" if peacekeeping else None,
        symmetric=False,
    )
    return replace(trigger, phrase=phrase)


def _located_in(
    context: _SentenceContext, trigger: Trigger, clause: tuple[int, int]
) -> EventActor | None:
    """The state where an unnamed agent acted: prisoners who "rioted at a jail in East
    Timor" are East Timor's, and someone "arrested in Lebanon" was arrested by Lebanon.
    The actor id stays empty: the state is where it happened, not who did it."""
    for unit in context.units:
        if unit.start < trigger.end or unit.start >= clause[1]:
            continue
        lead = context.text[max(trigger.end, unit.start - 40) : unit.start]
        if unit.mention.kind in _PLACE_KINDS and re.search(
            r"\b(?:in|at|inside|throughout)\s+(?:[\w\-']+\s+){0,4}$", lead
        ):
            return EventActor(None, unit.mention.name, unit.mention.country)
    return None


def _finite(text: str, trigger: Trigger, clause: tuple[int, int]) -> bool:
    """Whether the verb carries tense ("attacked", "attacks", "is asking"), unlike an
    infinitive or a participle clause, which leave their subject elsewhere."""
    if trigger.forms & _FINITE:
        return True
    return bool(
        trigger.forms & {VerbForm.GERUND}
        and _PROGRESSIVE.search(text, max(clause[0], trigger.start - 24), trigger.start)
    )


def _has_object(context: _SentenceContext, trigger: Trigger) -> bool:
    return any(trigger.verb_end <= g.start < trigger.end for g in context.groups)


def _is_adjectival(text: str, context: _SentenceContext, position: int) -> bool:
    """Whether the actor right before ``position`` is written as an adjective or a
    modifier ("US", "Russian", "EU") rather than a subject noun."""
    for unit in context.units:
        if unit.end < position and text[unit.end : position].isspace():
            name = text[unit.start : unit.end]
            return name.isupper() or name.endswith(_ADJECTIVE_ENDINGS)
    return False


def _head(unit: _Unit) -> Mention:
    return unit.mention


def _same_actor(a: EventActor, b: EventActor) -> bool:
    return a.actor_id is not None and a.actor_id == b.actor_id


def _units(text: str, mentions: Sequence[Mention]) -> list[_Unit]:
    """Mentions merged into units: nested mentions dropped, title chains joined."""
    flat: list[Mention] = []
    for mention in mentions:
        span = mention.evidence.span
        if flat and span.start < flat[-1].evidence.span.end:
            continue
        flat.append(mention)
    units: list[_Unit] = []
    for mention in flat:
        span = mention.evidence.span
        if units and _TITLE_GAP.match(text[units[-1].end : span.start]):
            last = units[-1]
            gap = text[last.end : span.start]
            if gap.strip() not in ("", "-") or last.mention.kind is not mention.kind:
                head, other = mention, last.mention
                if last.mention.kind is ActorKind.PERSON and mention.kind is not ActorKind.PERSON:
                    head, other = last.mention, mention
                if head.country is None and other.country is not None:
                    head = replace(head, country=other.country)
                units[-1] = _Unit(last.start, span.end, head)
                continue
        units.append(_Unit(span.start, span.end, mention))
    return units


def _with_inferred_states(units: list[_Unit]) -> list[_Unit]:
    """Give a person the dictionary does not know ("President Dos Santos") the state of
    the sentence when the sentence names exactly one: an office-holder described in a
    report about one country is most likely that country's. The code is an inference,
    so the mention's actor id and name stay as they were."""
    states = {
        u.mention.country
        for u in units
        if u.mention.kind in (ActorKind.STATE, ActorKind.PLACE) and u.mention.country
    }
    if len(states) != 1:
        return units
    (state,) = states
    return [
        _Unit(u.start, u.end, replace(u.mention, country=state))
        if u.mention.kind is ActorKind.PERSON and u.mention.country is None
        else u
        for u in units
    ]


def _groups(text: str, units: list[_Unit]) -> list[_Group]:
    """Actors coordinated by "and" ("X, Y and Z"); a comma alone does not join
    ("a trip to Dushanbe, Armenian Foreign Minister Mirzoyan ...")."""
    chains: list[list[_Unit]] = []
    for unit in units:
        if chains and _COORDINATION_GAP.match(text[chains[-1][-1].end : unit.start]):
            chains[-1].append(unit)
        else:
            chains.append([unit])
    groups: list[_Group] = []
    for chain in chains:
        gaps = [text[a.end : b.start] for a, b in itertools.pairwise(chain)]
        if gaps and not _AND.search(gaps[-1]):
            groups.extend(_Group((unit,)) for unit in chain)
        else:
            groups.append(_Group(tuple(chain)))
    return groups


def _clauses(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    clauses: list[tuple[int, int]] = []
    start = lo
    for match in _CLAUSE_BREAK.finditer(text, lo, hi):
        if match.start() > start:
            clauses.append((start, match.start()))
        start = match.end()
    clauses.append((start, hi))
    return clauses


def _clause_of(clauses: list[tuple[int, int]], position: int) -> int:
    for index, (start, end) in enumerate(clauses):
        if start <= position < end:
            return index
    return len(clauses) - 1


def _trimmed(text: str, bounds: tuple[int, int]) -> Span:
    start, end = bounds
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return Span(start, end)


def _group_before(
    context: _SentenceContext, position: int, clause: tuple[int, int]
) -> _Group | None:
    """The subject: the nearest actor before ``position`` in the clause, passing over
    actors inside a prepositional phrase ("groups in Zimbabwe") or an apposition
    ("Pakistan, a U.S. ally, ...") when an earlier actor can be the subject."""
    before = [g for g in context.groups if g.end <= position and g.start >= clause[0]]
    text = context.text
    for index in range(len(before) - 1, -1, -1):
        group = before[index]
        if _NOT_THE_ACTOR.match(text, group.end):
            return None
        if index == 0:
            return group
        lead = text[max(clause[0], group.start - 16) : group.start]
        if _PREPOSITION_BEFORE.search(lead):
            continue
        between = text[before[index - 1].end : group.start]
        if between.lstrip().startswith(",") and "," in text[group.end : position]:
            continue
        return group
    return None


def _group_ending_before(
    context: _SentenceContext, position: int, gap: re.Pattern[str], *, limit: int = 0
) -> _Group | None:
    for group in reversed(context.groups):
        if group.end <= position and group.start >= limit:
            return group if gap.match(context.text[group.end : position]) else None
    return None


def _group_starting_after(
    context: _SentenceContext,
    position: int,
    *,
    limit: int | None = None,
    max_gap: int | None = None,
    skip_speaker: bool = False,
    skip_places: bool = False,
) -> _Group | None:
    """The first actor group after ``position``; a speaker (", X said") and, for
    meetings, a venue ("talks in Dushanbe") are not objects."""
    stop = context.sentence.span.end if limit is None else limit
    venue_end = -1
    for group in context.groups:
        if group.start < position:
            continue
        if group.start >= stop:
            return None
        gap = context.text[position : group.start]
        if max_gap is not None and len(gap.split()) > max_gap:
            return None
        if skip_speaker and _SPEECH_CUE.match(context.text, group.end + 1):
            continue
        if skip_places and (
            _PLACE_BEFORE.search(context.text, max(position, group.start - 8), group.start)
            or context.text[venue_end : group.start] == ", "
        ):
            venue_end = group.end  # "in Dushanbe, Tajikistan"
            continue
        return group
    return None


def _antecedent(context: _SentenceContext, clause: tuple[int, int]) -> _Group | None:
    """The actor a relative clause is about: "Lavrov, who is visiting Oman"."""
    before = [g for g in context.groups if g.end <= clause[0]]
    if before and context.text[before[-1].end : clause[0]].strip(" ,") in ("who", "which"):
        return before[-1]
    return None


def _elided_subject(context: _SentenceContext, clause: tuple[int, int]) -> _Group | None:
    """The subject a clause after "but" or "and" leaves out: "Tashkent had angered
    Moscow, but since then supported ..." is still about Tashkent."""
    if not re.search(r"\b(?:but|and)\s*$", context.text[max(0, clause[0] - 6) : clause[0]]):
        return None
    previous = [c for c in context.clauses if c[1] <= clause[0]]
    if not previous:
        return None
    start = previous[-1][0]
    for group in context.groups:
        if start <= group.start < clause[0]:
            lead = context.text[start : group.start]
            return group if len(lead.split()) <= 3 else None
    return None


def _is_name(text: str, trigger: Trigger, context: _SentenceContext) -> bool:
    """A capitalised trigger inside a sentence is part of a name ("the Press Department",
    "Defense Ministry") or a headline word, not a verb."""
    if not text[trigger.start].isupper() or trigger.start == context.sentence.span.start:
        return False
    before = text[max(context.sentence.span.start, trigger.start - 3) : trigger.start]
    return not re.search(r"""[.:;"“”'‘(]\s*$""", before)


def _agent_after(
    context: _SentenceContext, position: int, clause: tuple[int, int]
) -> _Group | None:
    for group in context.groups:
        if group.start < position:
            continue
        if group.start >= clause[1]:
            return None
        return group if _BY_AGENT.match(context.text, position, group.start) else None
    return None


def _agent_later(
    context: _SentenceContext, position: int, clause: tuple[int, int]
) -> _Group | None:
    """The agent of a passive further on: "was accused of ... by Y officials"."""
    for group in context.groups:
        if position <= group.start < clause[1] and re.search(
            r"\bby\s+(?:[\w\-]+\s+){0,2}$",
            context.text[max(position, group.start - 30) : group.start],
        ):
            return group
    return None


def _speech_at(context: _SentenceContext, position: int) -> _Speech | None:
    """The words someone says that hold ``position``: a named person's before a body's
    ("..., the Council in Minsk has shown an understanding that ..., Lavrov said"),
    then the narrowest."""
    inside = [s for s in context.speech if s.start <= position < s.end]
    if not inside:
        return None
    return min(inside, key=lambda s: (not _is_person(s.speaker), s.end - s.start))


def _is_person(actor: EventActor | None) -> bool:
    return actor is not None and (actor.actor_id or "").startswith("person:")


def _status(
    phrase: Phrase, window: str, matched: str, conditional: bool
) -> tuple[EventStatus, str, str]:
    """Status, type and CAMEO code of a verb event from the words before it."""
    negated = bool(_NEGATION.search(window)) and not _NOT_ONLY.search(window)
    planned = bool(_PLANNED.search(window[: len(window) - len(matched)] + " " + matched))
    if phrase.type in {"AGREE", "THREATEN"}:
        planned = planned and not matched.lower().startswith(("will", "would"))
    if negated and planned and phrase.type in COOPERATIVE_TYPES:
        return EventStatus.HAPPENED, "REJECT", REJECT_CODE
    if negated:
        return EventStatus.NEGATED, phrase.type, phrase.cameo
    if not planned or phrase.type in _SPEECH_ACTS:
        return EventStatus.HAPPENED, phrase.type, phrase.cameo
    if phrase.type == "CONSULT":
        # A scheduled meeting is still a meeting (CAMEO 04); 036 is for a stated wish to meet.
        return EventStatus.PLANNED, phrase.type, phrase.cameo
    if conditional:
        # "will withdraw its force unless ...": CAMEO codes a conditional plan as a threat.
        return EventStatus.PLANNED, phrase.type, THREAT_CODE
    return EventStatus.PLANNED, phrase.type, intent_code(phrase.type, phrase.mode, phrase.cameo)


def _date_for(
    context: _SentenceContext, position: int, clause: tuple[int, int]
) -> tuple[str | None, bool]:
    """The sentence's date nearest the event (its own clause first), else the article's.
    A bare year ("the 2020 agreements", "in 2014") usually dates something else the
    sentence names, so it is used only when nothing closer is given."""
    precise = [t for t in context.times if t.precision is not DatePrecision.YEAR]
    in_clause = [t for t in precise if clause[0] <= t.evidence.span.start < clause[1]]
    pool = in_clause or precise
    if pool:
        nearest = min(pool, key=lambda t: abs(t.evidence.span.start - position))
        return nearest.value, True
    return context.published, False


def _place(
    context: _SentenceContext, position: int, clause: tuple[int, int], taken: set[EventActor]
) -> str | None:
    taken_ids = {a.actor_id for a in taken}
    for unit in context.units:
        if unit.start < position or unit.start >= clause[1]:
            continue
        if unit.mention.actor_id in taken_ids:
            continue
        name = context.text[unit.start : unit.end]
        if name.endswith(_ADJECTIVE_ENDINGS) or unit.mention.kind not in _PLACE_KINDS:
            continue
        if _PLACE_BEFORE.search(context.text, max(clause[0], unit.start - 8), unit.start):
            return unit.mention.name
    return None


def _obligations(context: _SentenceContext) -> list[Trigger]:
    """ "X said Y must ..." is X's demand on Y: a REQUEST placed on the speech cue."""
    text, lo, hi = context.text, context.sentence.span.start, context.sentence.span.end
    found: list[Trigger] = []
    for modal in _OBLIGATION.finditer(text, lo, hi):
        obliged = _group_ending_before(context, modal.start(), _OBLIGED_GAP)
        if obliged is None:
            continue
        cue = None
        for candidate in _SPEECH_CUE.finditer(text, max(lo, obliged.start - 100), obliged.start):
            cue = candidate
        if cue is None:
            continue
        phrase = default_lexicon().obligation
        found.append(Trigger(phrase, cue.start(), cue.end(), cue.end(), frozenset({VerbForm.PAST})))
    return found


def _resolve_back_references(candidates: list[_Candidate]) -> None:
    """Fill a missing date or destination from a later mention of the same kind of
    contact (a call, a visit: events with a mode) within three sentences, and drop the
    later mention as a repeat. A plain "meeting" is too common to be matched this way."""
    for index, earlier in enumerate(candidates):
        if earlier.reference or not earlier.keep or earlier.mode is None:
            continue
        for later in candidates[index + 1 :]:
            gap = later.sentence.index - earlier.sentence.index
            if gap > 3:
                break
            if gap == 0 or (later.type, later.mode) != (earlier.type, earlier.mode):
                continue
            same_source = later.source is None or (
                earlier.source is not None and later.source.code == earlier.source.code
            )
            if not same_source or not later.noun:
                continue
            if not earlier.own_date and later.own_date:
                earlier.date, earlier.own_date = later.date, True
            if earlier.target is None and later.target is not None:
                earlier.target = later.target
                later.keep = False
            elif (
                later.target is not None
                and earlier.target is not None
                and later.target.code == earlier.target.code
            ):
                later.keep = False


def _event(article_id: str, text: str, candidate: _Candidate) -> Event:
    span = candidate.span
    return Event(
        type=candidate.type,
        source=candidate.source,
        target=candidate.target,
        evidence=Evidence(
            article_id=article_id,
            sentence_index=candidate.sentence.index,
            span=span,
            text=text[span.start : span.end],
        ),
        mode=candidate.mode,
        cameo=candidate.cameo,
        goldstein=goldstein(candidate.cameo),
        quad_class=quad_class(candidate.cameo),
        date=candidate.date,
        place=candidate.place,
        status=candidate.status,
        claimed_by=candidate.claimed_by,
    )
