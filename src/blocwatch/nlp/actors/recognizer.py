"""Find and resolve actor mentions in an article's clean text.

How it works, in three passes over the text:

1. **Names.** Every name, alias, adjective, seat of power, surname and "first name +
   patronymic" in the dictionary is compiled into one regular expression shaped like a
   trie (:mod:`~blocwatch.nlp.actors.matcher`: one pass over the text, no loop of patterns). Each hit is resolved on the spot,
   in text order, so that what the article has already said decides what comes later:
   a surname alone is the person the article named in full before ("Lebedev" after
   "Sergei Lebedev"), and "the Commonwealth" is the CIS only once the CIS was named.
2. **Titles.** A second expression finds office titles ("foreign minister", "Secretary
   of State", "PM", "Deputy Director"). A title next to a person ("Foreign Minister
   Lavrov", "Lavrov, the former Russian foreign minister") gives that mention its role;
   a title with a state and no person ("the Russian foreign minister") is resolved by the
   article's date to the office holder; a title next to an unknown name ("Alexei Zaitsev,
   the Deputy Director of ... the Russian Foreign Ministry") makes a new person,
   ``person:<slug>``, with the role and country the text gives.
3. **New people again.** Surnames of the people found in pass 2 are looked for in the
   rest of the article.

**Seat of power or place?** "Moscow said" and "the Kremlin's position" name Russia's
government; "talks in Moscow" names a place. A seat is read as a *place* when a locative
preposition governs it ("in", "at", "near", "outside", "across", ...), when "to"/"from"
follow a word of motion ("a visit to Moscow", "flew from Baku"), or in "Moscow-based".
Otherwise (the subject of a verb, a possessive, "official Yerevan", a dateline) it is the
*government*: a mention of the state, named as written. Cities that are not seats of
power (St. Petersburg) are always places.

**Names inside other names.** A state inside a longer proper name of an institution
("United States Naval Academy", "Moscow Times", "Russian Academy of Sciences") is not a
mention of the state; a state before a ministry ("the Russian Foreign Ministry") is one
mention of the state with the ministry as its role.

**Claims.** When the text gives a person an office the dictionary disagrees with on the
article's date ("Lavrov, the former Russian foreign minister" while he held the office),
the mention keeps the text's words as its role and is flagged ``claim=True``: the source
said it, the dictionary does not confirm it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from blocwatch.model import Actor, ActorKind, Mention, Role, Sentence
from blocwatch.nlp.actors.cues import (
    OF_AFTER,
    ActorCues,
    cut_appositive,
    cut_possessive,
    default_cues,
    eu_title,
    name_after_title,
    name_before_title,
    role_text,
)
from blocwatch.nlp.actors.dictionary import ActorDictionary, ActorEntry
from blocwatch.nlp.actors.matcher import (
    BY_ADJECTIVE,
    BY_CONTEXT,
    BY_NAME,
    BY_PLACE,
    BY_SEAT,
    BY_SURNAME,
    Target,
    build_matcher,
    default_matcher,
)
from blocwatch.nlp.actors.mentions import Found, to_mentions
from blocwatch.nlp.actors.titles import (
    TITLES_RESOLVED_BY_DATE,
    TitleMatch,
    find_titles,
    normalise_title,
    office_class,
)
from blocwatch.nlp.actors.variants import slugify, token_variants
from blocwatch.nlp.sentences import split_sentences


@dataclass(slots=True)
class _Article:
    """What the article has said so far, for decisions that depend on it."""

    text: str
    published: date | None
    found: list[Found] = field(default_factory=list)
    named: set[str] = field(default_factory=set)
    new_people: dict[str, Found] = field(default_factory=dict)


@dataclass(slots=True)
class _TitlePhrase:
    """An office title as the text writes it, grown to take in its owner and qualifiers."""

    title: str
    deputy: bool
    former: bool
    start: int
    """Where the phrase starts: the title, or the state before it, or a qualifier before that."""
    end: int
    """Where it ends: the title, or the state in "of STATE" after it."""
    of: Found | None = None
    """The state or body the office belongs to."""


_WORD_START = re.compile(r"(?<=\s)\S")


def _longest_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The pattern's matches, left to right, where a longer name that starts on a later
    word of a match wins over it: "The Asia-Pacific Economic Cooperation forum" is the
    organisation, not the region "the Asia-Pacific" (a regular expression takes the
    match that starts first, however short)."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        best = match
        for word in _WORD_START.finditer(text, match.start(), match.end()):
            later = pattern.match(text, word.start())
            if later is not None and later.end() > best.end():
                best = later
        yield best
        position = max(best.end(), position + 1)


class ActorRecognizer:
    """Recognise and resolve actors in clean article text (see the module docstring).

    Building the matcher takes a fraction of a second; reuse one recogniser for a batch.
    ``cues`` are the context words (:mod:`~blocwatch.nlp.actors.cues`), the shipped
    English ones unless given.
    """

    def __init__(
        self, dictionary: ActorDictionary | None = None, cues: ActorCues | None = None
    ) -> None:
        self.cues = cues if cues is not None else default_cues()
        if dictionary is None:
            self.dictionary = ActorDictionary.default()
            self._matcher = default_matcher()
        else:
            self.dictionary = dictionary
            self._matcher = build_matcher(dictionary)

    # ------------------------------------------------------------------ public

    def recognize(
        self,
        article_id: str,
        text: str,
        sentences: Sequence[Sentence],
        published: date | None = None,
    ) -> list[Mention]:
        """Mentions in text order, each with the sentence and exact span it comes from.

        ``published`` (the article's date) decides who held an office; without it the
        current holder is assumed.
        """
        if not sentences:
            sentences = split_sentences(text)
        article = _Article(text, published)
        for match in _longest_matches(self._matcher.pattern, text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue  # inside a word ("US" in "FOCUS"): see build_matcher
            self._resolve_hit(article, start, match.end(), match.group())
        self._apply_titles(article)
        self._find_new_people_again(article)
        return to_mentions(article_id, text, sentences, article.found)

    # ------------------------------------------------------------------ pass 1: names

    def _resolve_hit(self, article: _Article, start: int, end: int, surface: str) -> None:
        targets = self._matcher.targets.get(surface, ())
        for target in targets:
            found = self._resolve_target(article, target.entry, target, start, end, targets)
            if found is not None:
                article.found.append(found)
                article.named.add(found.actor_id)
                return

    def _resolve_target(
        self,
        article: _Article,
        entry: ActorEntry,
        target: Target,
        start: int,
        end: int,
        targets: tuple[Target, ...],
    ) -> Found | None:
        actor = entry.actor
        text = article.text
        if actor.kind is ActorKind.PERSON:
            person = self._pick_person(article, targets, target.how)
            if person is None:
                return None
            if target.how == BY_SURNAME and self.cues.administration_after.match(text, end):
                state = self.dictionary.state_of(person.id, article.published)
                if state is None:
                    return None
                tail = self.cues.administration_after.match(text, end)
                assert tail is not None
                return Found(start, tail.end(), state, ActorKind.STATE, state, "administration")
            return self._person_found(article, person, start, end, target.how)
        if target.how == BY_CONTEXT and not self._context_named(article, actor):
            return None
        if text[end : end + 1] == " " and self.cues.institution_after.match(text, end):
            return None
        if target.how in (BY_SEAT, BY_PLACE) or actor.kind is ActorKind.PLACE:
            return self._place_or_seat(article, entry, start, end)
        if actor.kind is ActorKind.BLOC and re.match(r"\s+[A-Z]", text[end : end + 2]):
            return None  # "the West Bank", "the West African states"
        surface = text[start:end]
        if surface in self.cues.also_personal_names and self.cues.inside_a_personal_name(
            text, start, end
        ):
            return None
        if surface in self.cues.combining_forms and text[end : end + 1] != "-":
            return None
        found = Found(
            start, end, actor.id, actor.kind, actor.id, via=target.how, sector=entry.sector
        )
        if actor.kind is ActorKind.STATE:
            self._attach_ministry(article, found)
        return found

    def _context_named(self, article: _Article, actor: Actor) -> bool:
        """Whether a context alias may be read as ``actor``: the article named the actor,
        or the organisation it belongs to ("the Security Council" once the UN was named)."""
        if actor.id in article.named:
            return True
        parent = self.dictionary.entry(actor.country) if actor.country else None
        return (
            parent is not None
            and parent.actor.kind is ActorKind.ORGANIZATION
            and parent.actor.id in article.named
        )

    def _pick_person(
        self, article: _Article, targets: tuple[Target, ...], how: int
    ) -> Actor | None:
        people = [
            actor
            for t in targets
            if t.how == how and (actor := t.entry.actor).kind is ActorKind.PERSON
        ]
        if not people:
            return None
        named = [p for p in people if p.id in article.named]
        if named:
            return named[-1]
        if how == BY_SURNAME:
            people = [p for p in people if _entry_flag(self.dictionary, p.id)]
        if len(people) <= 1:
            return people[0] if people else None
        in_office = [p for p in people if _holds_any(p, article.published)]
        return in_office[-1] if len(in_office) == 1 else None

    def _person_found(
        self, article: _Article, person: Actor, start: int, end: int, how: int
    ) -> Found:
        role = person.role_on(article.published)
        return Found(
            start,
            end,
            person.id,
            ActorKind.PERSON,
            role.of if role else person.country,
            role.title if role else None,
            role.start if role else None,
            role.end if role else None,
            via=how,
        )

    def _place_or_seat(
        self, article: _Article, entry: ActorEntry, start: int, end: int
    ) -> Found | None:
        text = article.text
        actor = entry.actor
        government = self.dictionary.seat_on(entry, article.published)
        as_place = (
            government is None
            or self.cues.area_after.match(text, end) is not None
            or self.cues.locative_before.search(text, max(0, start - 20), start) is not None
            or (
                self.cues.to_from_before.search(text, max(0, start - 14), start) is not None
                and self.cues.motion_before.search(text, max(0, start - 60), start) is not None
            )
            or self.cues.based_after.match(text, end) is not None
        )
        if as_place or government is None:
            return Found(start, end, actor.id, ActorKind.PLACE, actor.country, via=BY_PLACE)
        seat = government.actor
        found = Found(start, end, seat.id, seat.kind, seat.id, via=BY_SEAT)
        found.role = self.cues.ministry_role(text[start:end])
        return found

    def _attach_ministry(self, article: _Article, found: Found) -> None:
        text = article.text
        after = (
            self.cues.ministry_after.match(text, found.end)
            if text[found.end : found.end + 1] == " "
            else None
        )
        if after:
            found.end = after.end()
            found.role = after.group("ministry").lower()
            return
        before = (
            self.cues.ministry_before.search(text, max(0, found.start - 80), found.start)
            if text.endswith(("of ", "of the "), 0, found.start)
            else None
        )
        if before:
            found.start = before.start()
            found.role = before.group("ministry").lower()
            return
        found.role = self.cues.ministry_role(text[found.start : found.end])

    def _add(self, article: _Article, found: Found) -> None:
        article.found.append(found)
        article.named.add(found.actor_id)

    # ------------------------------------------------------------------ pass 2: titles

    def _apply_titles(self, article: _Article) -> None:
        found = article.found
        ends = {f.end: f for f in found}
        starts = {f.start: f for f in found}
        additions: list[Found] = []
        for match in find_titles(article.text):
            phrase = self._read_title(article, match, ends, starts)
            addition = self._title_owner(article, match, phrase, ends, starts) if phrase else None
            if addition is not None:
                additions.append(addition)
        for addition in additions:
            self._add(article, addition)
        found.sort(key=lambda f: (f.start, f.end))

    def _read_title(
        self,
        article: _Article,
        match: TitleMatch,
        ends: dict[int, Found],
        starts: dict[int, Found],
    ) -> _TitlePhrase | None:
        """The title's words, qualifiers and the state or body it belongs to."""
        text = article.text
        title = normalise_title(match.written)
        if title == "counterpart":
            # "Lavrov and his Armenian counterpart": the office of the person before
            reference = _last_person_with_role(article.found, match.start)
            if reference is None or reference.role is None:
                return None
            title = reference.role
        qualifier = match.qualifier
        deputy = "deputy" in qualifier
        former = "former" in qualifier or "ex-" in qualifier
        if deputy:
            title = ("first deputy " if "first" in qualifier else "deputy ") + title
        phrase = _TitlePhrase(title, deputy, former, match.start, match.end)
        self._extend_title_before(text, phrase, ends)
        _extend_title_after(text, phrase, starts)
        if phrase.of is not None and phrase.of.actor_id == "EU":
            phrase.title = eu_title(text[phrase.of.start : phrase.of.end], phrase.title)
        return phrase

    def _extend_title_before(self, text: str, phrase: _TitlePhrase, ends: dict[int, Found]) -> None:
        """Take in the owner before the title ("Russian Foreign Minister", "Armenia's Prime
        Minister", "Kremlin spokesman") and a qualifier before that ("former")."""
        before = ends.get(cut_possessive(text, phrase.start))
        if before is not None and before.kind is not ActorKind.PERSON:
            phrase.of = before
            phrase.start = before.start
        start = phrase.start
        qualifier = (
            self.cues.qualifier_before.search(text, max(0, start - 20), start)
            if self.cues.qualifier_hint.search(text, max(0, start - 12), start)
            else None
        )
        if qualifier:
            phrase.former = phrase.former or qualifier.group("qualifier").lower().startswith(
                ("former", "ex-")
            )
            phrase.start = qualifier.start()

    def _title_owner(
        self,
        article: _Article,
        match: TitleMatch,
        phrase: _TitlePhrase,
        ends: dict[int, Found],
        starts: dict[int, Found],
    ) -> Found | None:
        """Give the title to the person it belongs to; a new mention when that person was
        not found yet (an unknown name, or the office holder on the article's date)."""
        text = article.text
        of_code = phrase.of.country if phrase.of else None
        person = _person_after(text, starts, phrase.end)
        if person is None:
            appositive = ends.get(cut_appositive(text, phrase.start, self.cues.articles))
            if appositive is not None and appositive.kind is ActorKind.PERSON:
                person = appositive
        if person is not None:
            self._give_role(article, person, phrase.title, of_code, phrase.former)
            return None
        new = self._new_person(article, match, phrase.title, phrase.start, phrase.end, of_code)
        if new is not None:
            return new
        return self._office_holder(article, phrase, of_code)

    def _office_holder(
        self, article: _Article, phrase: _TitlePhrase, of_code: str | None
    ) -> Found | None:
        """The holder on the article's date of a state's office named with no person ("the
        Russian foreign minister"); not for deputies, former holders or "a minister"."""
        text = article.text
        if (
            not of_code
            or phrase.deputy
            or phrase.former
            or office_class(phrase.title) not in TITLES_RESOLVED_BY_DATE
            or self.cues.indefinite_before.search(text, max(0, phrase.start - 8), phrase.start)
        ):
            return None
        holder = self.dictionary.office_holder(phrase.title, of_code, article.published)
        if holder is None:
            return None
        article_start = self.cues.article_before.search(
            text, max(0, phrase.start - 5), phrase.start
        )
        start = article_start.start() if article_start else phrase.start
        resolved = self._person_found(article, holder, start, phrase.end, BY_NAME)
        resolved.titled = True
        return resolved

    def _give_role(
        self, article: _Article, person: Found, title: str, of: str | None, former: bool
    ) -> None:
        person.titled = True
        actor = self.dictionary.get(person.actor_id)
        if actor is None:
            person.role = person.role or (f"former {title}" if former else title)
            return
        wanted = office_class(title)
        roles = [
            r for r in actor.roles if office_class(r.title) == wanted and (of is None or r.of == of)
        ]
        if former or article.published is not None:
            holding = [r for r in roles if _held(r, article.published)]
        else:
            holding = roles  # no date: any time they held it may be the one meant
        if former:
            person.role = f"former {title}"
            person.role_start = person.role_end = None
            person.claim = bool(holding)
            return
        if holding:
            _set_role(person, holding[-1])
        elif roles and not title.startswith(("deputy", "first deputy")):
            person.role, person.role_start, person.role_end = title, None, None
            person.claim = True
        elif not roles:
            person.role, person.role_start, person.role_end = title, None, None

    def _new_person(
        self,
        article: _Article,
        match: TitleMatch,
        title: str,
        phrase_start: int,
        anchor_end: int,
        of_code: str | None,
    ) -> Found | None:
        """A person the dictionary does not know, named next to a title: after it, with
        the title as role, or before its phrase, with the whole phrase as role (it says
        more than the title: "the deputy prime minister of Libya")."""
        text = article.text
        name_match = name_after_title(text, anchor_end)
        if name_match is not None:
            name_span, role_end = name_match.span(), anchor_end
        else:
            before = name_before_title(
                text, match.end, phrase_start, anchor_end, self.cues.articles
            )
            if before is None:
                return None
            name_span, role_end = before
        if text.endswith(("'s", "’s"), name_span[0], name_span[1]):
            name_span = (name_span[0], name_span[1] - 2)
        name = text[name_span[0] : name_span[1]]
        tokens = name.replace(".", "").split()
        if any(token in self.cues.not_name_words for token in tokens) or self._overlaps(
            article, name_span
        ):
            return None
        country = _role_country(article, phrase_start, role_end, of_code)
        if name_match is not None:
            role = title
            if country is None:
                country = _country_after(article, name_span[1])
        else:
            role = role_text(text, phrase_start, role_end, self.cues.articles)
        actor_id = f"person:{slugify(name)}"
        found = Found(
            name_span[0], name_span[1], actor_id, ActorKind.PERSON, country, role, titled=True
        )
        article.new_people[actor_id] = found
        return found

    def _overlaps(self, article: _Article, span: tuple[int, int]) -> bool:
        return any(f.start < span[1] and span[0] < f.end for f in article.found)

    # ------------------------------------------------------------------ pass 3

    def _find_new_people_again(self, article: _Article) -> None:
        if not article.new_people:
            return
        text = article.text
        additions: list[Found] = []
        for first in article.new_people.values():
            surname = text[first.start : first.end].split()[-1]
            spellings = "|".join(re.escape(s) for s in token_variants(surname))
            for match in re.finditer(rf"(?<![\w-])(?:{spellings})(?![\w-])", text):
                span = match.span()
                if span[0] < first.end or self._overlaps(article, span):
                    continue
                additions.append(
                    Found(
                        span[0],
                        span[1],
                        first.actor_id,
                        ActorKind.PERSON,
                        first.country,
                        first.role,
                        via=BY_SURNAME,
                    )
                )
        article.found.extend(additions)
        article.found.sort(key=lambda f: (f.start, f.end))


# ---------------------------------------------------------------------- helpers


def _last_person_with_role(found: list[Found], before: int) -> Found | None:
    for candidate in reversed(found):
        if candidate.start >= before:
            continue
        if before - candidate.end > 300:
            return None
        if candidate.kind is ActorKind.PERSON and candidate.role and not candidate.claim:
            return candidate
    return None


def _extend_title_after(text: str, phrase: _TitlePhrase, starts: dict[int, Found]) -> None:
    """Take in the owner after the title ("Minister of Foreign Affairs of Armenia")."""
    of_after = OF_AFTER.match(text, phrase.end)
    if phrase.of is not None or of_after is None:
        return
    candidate = starts.get(of_after.end()) or starts.get(of_after.start("article"))
    if (
        candidate is not None
        and candidate.kind is not ActorKind.PERSON
        and candidate.via != BY_ADJECTIVE
    ):
        phrase.of = candidate
        phrase.end = candidate.end


def _role_country(article: _Article, start: int, end: int, of_code: str | None) -> str | None:
    """The state a role phrase names ("the Libyan prime minister"): the last actor found
    inside it with a country, else the state the title's "of" gave."""
    country = of_code
    for inner in article.found:
        if start <= inner.start and inner.end <= end and inner.country:
            country = inner.country
    return country


def _country_after(article: _Article, name_end: int) -> str | None:
    """The country of an actor in an "of" phrase right after a name ("Ali Zaidan of
    Libya"), for a titled person whose role phrase names no state."""
    of_after = OF_AFTER.match(article.text, name_end)
    follower = _starting_at(article, of_after.end()) if of_after else None
    return follower.country if follower is not None else None


def _starting_at(article: _Article, position: int) -> Found | None:
    return next((f for f in article.found if f.start == position), None)


def _entry_flag(dictionary: ActorDictionary, actor_id: str) -> bool:
    entry = dictionary.entry(actor_id)
    return bool(entry and entry.surname_alone)


def _held(role: Role, day: date | None) -> bool:
    return role.held_on(day) if day else role.end is None


def _holds_any(actor: Actor, day: date | None) -> bool:
    return any(_held(role, day) for role in actor.roles)


def _set_role(found: Found, role: Role) -> None:
    found.role, found.role_start, found.role_end = role.title, role.start, role.end


def _person_after(text: str, starts: dict[int, Found], position: int) -> Found | None:
    gap = re.match(r"[ \t]+|\s*,\s+", text[position : position + 4])
    if gap is None:
        return None
    found = starts.get(position + gap.end())
    return found if found is not None and found.kind is ActorKind.PERSON else None
