"""spaCy's attribute ruler with its one-token rules looked up once per distinct token.

Why: ``en_core_web_sm``'s ``attribute_ruler`` (the tag map, the morphology rules and a
few fixes, 179 rules) runs spaCy's ``Matcher`` over every token against every rule, and
that costs about as much as the dependency parser itself (a sixth of the parse). All but
nine of its rules look at one token alone (its lower-case form, tag, dependency label
and whether it is a space), and news repeats the same few thousand such tokens, so the
rules that match one of them are found once and remembered.

The answer is the same by construction: the one-token rules are run through spaCy's own
``Matcher`` on the token itself the first time its features are seen, the longer rules
through a second ``Matcher`` on the whole text, and the attribute ruler applies the
union exactly as it would its own matches (it sorts them by rule before applying).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Match = tuple[int, int, int]

REMEMBERED = 200_000
"""Distinct tokens whose rules are kept (some 30 MB); past that the memory starts afresh,
so a long ingest stays flat."""


class TokenRuleMatcher:
    """Stands in for an ``AttributeRuler``'s ``matcher``: same matches, found faster."""

    def __init__(self, matcher: Any) -> None:
        from spacy.matcher import Matcher

        self.matcher = matcher
        self.single = Matcher(matcher.vocab)
        self.longer = Matcher(matcher.vocab)
        for key in _keys(matcher):
            _, patterns = matcher.get(key)
            one_token = all(len(p) == 1 and "OP" not in p[0] for p in patterns)
            (self.single if one_token else self.longer).add(key, patterns)
        self._seen: dict[tuple[int, ...], list[int]] = {}

    def __call__(self, doc: Doc, *, allow_missing: bool = False, as_spans: bool = False) -> Any:
        if as_spans:  # not how the attribute ruler asks; answer as the real matcher would
            return self.matcher(doc, allow_missing=allow_missing, as_spans=True)
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        matches: list[Match] = list(self.longer(doc, allow_missing=allow_missing))
        features = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()
        seen = self._seen
        for i, row in enumerate(features):
            key = tuple(row)
            keys = seen.get(key)
            if keys is None:
                if len(seen) >= REMEMBERED:
                    seen.clear()
                found = self.single(doc[i : i + 1], allow_missing=allow_missing)
                keys = seen[key] = [match_id for match_id, _, _ in found]
            matches.extend((match_id, i, i + 1) for match_id in keys)
        return matches

    def __getattr__(self, name: str) -> Any:
        # Everything else (get, add, remove, len) is the ruler's own matcher.
        return getattr(self.matcher, name)

    def __len__(self) -> int:
        return len(self.matcher)


def _keys(matcher: Any) -> list[int]:
    """The matcher's rule keys, in the order they were added."""
    return list(matcher._patterns)  # the Matcher lists its keys nowhere else


def look_up_token_rules(nlp: Language) -> None:
    """Give ``nlp``'s attribute ruler (if it has one) the looked-up matcher."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler: Any = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler.matcher, TokenRuleMatcher):
        ruler.matcher = TokenRuleMatcher(ruler.matcher)
