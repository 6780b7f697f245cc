"""Syndicated copies: one wire text republished by several outlets.

Copies are found with MinHash LSH (datasketch), one article at a time, so a stream can
be checked as it arrives. LSH only proposes candidates; each candidate is then verified
by *containment* of the shorter text in the longer one, estimated from the two MinHash
signatures and the exact shingle counts. Jaccard similarity alone misses wire excerpts
that keep only the first half of a story (their Jaccard with the full text is about
one half), while containment stays close to one for them.

Shingles are word n-grams of a normalised text (case folded, quotes and punctuation
dropped, any white space), so re-wrapped paragraphs, curly quotes and added furniture or
datelines change only a few shingles, and a typo only the n shingles around it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from datasketch import MinHash, MinHashLSH

from blocwatch.errors import InputError
from blocwatch.model import CopyGroup

_WORD = re.compile(r"\w+")
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


def _identity(value: int) -> int:
    return value


@functools.cache
def _band_layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """The LSH bands and rows datasketch chooses for ``threshold``.

    Choosing them integrates the false positive and negative rates (about 0.1 s), so
    it is done once per setting, not once per detector (a batch, a worker).
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def normalized_tokens(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` after Unicode compatibility folding."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """32-bit hashes of the word ``size``-grams of ``text``, in text order.

    A shingle that recurs keeps its repeats: the MinHash does not see them, and the
    shingle count they inflate is used only as a size (repeated five-word runs are
    rare in prose), which spares a sort per article.

    Token hashes are CRC-32 (stable across processes, unlike ``hash``); a shingle's hash
    mixes its tokens' hashes by position, all in numpy, which keeps this at a few tens
    of microseconds for a news article. A text shorter than ``size`` words is one shingle.
    """
    tokens = normalized_tokens(text)
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    vocabulary = {token: zlib.crc32(token.encode()) for token in set(tokens)}
    token_hashes = np.fromiter(map(vocabulary.__getitem__, tokens), np.uint64, len(tokens))
    width = min(size, len(tokens))
    count = len(tokens) - width + 1
    mixed = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(width):
            mixed = (mixed * _MULTIPLIER) ^ token_hashes[offset : offset + count]
        mixed = (mixed ^ (mixed >> np.uint64(29))) * _MULTIPLIER
    return ((mixed >> np.uint64(32)) ^ (mixed & np.uint64(0xFFFFFFFF))).astype(np.uint32)


@dataclass(slots=True)
class _Member:
    article_id: str
    size: int
    """Number of distinct shingles: how full this version of the text is."""
    arrival: int
    published: datetime | None
    outlet: str | None
    origin_agency: tuple[str, ...]
    signature: np.ndarray
    indexed: bool = False


@dataclass(frozen=True, slots=True)
class CopyMember:
    """One article in the copy index, as a store keeps it."""

    article_id: str
    group_key: int
    size: int
    arrival: int
    published: datetime | None
    outlet: str | None
    origin_agency: tuple[str, ...]
    signature: np.ndarray


@dataclass(slots=True)
class _Group:
    members: list[_Member] = field(default_factory=list)


def _sort_time(published: datetime | None) -> float:
    return float("inf") if published is None else published.timestamp()


class CopyDetector:
    """Incremental near-duplicate detector for article bodies.

    ``threshold`` is the containment (share of the shorter text's shingles found in
    the longer one) above which two texts are copies. LSH candidates are drawn at a
    lower Jaccard threshold (``candidate_jaccard``) so that truncated copies are still
    proposed.

    Syndication happens within days: two texts published more than ``window_days``
    apart are not copies of each other, however much they share. This is what keeps
    apart two reports that reuse one wire story's paragraphs months later (an
    anniversary piece, a follow-up quoting the original). ``None`` turns it off; an
    article without a date is compared with every other.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.5,
        num_perm: int = 64,
        shingle_size: int = 5,
        candidate_jaccard: float = 0.2,
        window_days: float | None = 7.0,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.window_days = window_days
        self._template = MinHash(num_perm=num_perm, seed=1, hashfunc=_identity)
        multipliers, offsets = self._template.permutations
        self._multipliers = np.asarray(multipliers, dtype=np.uint32)
        self._offsets = np.asarray(offsets, dtype=np.uint32)
        self._lsh = MinHashLSH(num_perm=num_perm, params=_band_layout(candidate_jaccard, num_perm))
        self._members: dict[str, _Member] = {}
        self._group_of: dict[str, int] = {}
        self._groups: dict[int, _Group] = {}
        self._next_key = 0
        self._arrivals = 0

    def signature(self, text: str) -> tuple[MinHash, int]:
        """The MinHash of ``text``'s shingles and the number of distinct shingles.

        The shingle hashes are already well mixed, so datasketch's per-value hashing is
        skipped and its affine permutations (``a * h + b`` modulo 2**32) are applied to
        the whole array at once.
        """
        hashes = shingle_hashes(text, self.shingle_size)
        if len(hashes):
            with np.errstate(over="ignore"):
                permuted = hashes[:, None] * self._multipliers + self._offsets
            values = permuted.min(axis=0)
        else:
            values = np.full(self.num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
        return self._minhash(values), len(hashes)

    def _minhash(self, values: np.ndarray) -> MinHash:
        return MinHash(
            hashvalues=values,
            permutations=self._template.permutations,
            scheme=self._template.scheme,
            hashfunc=_identity,
        )

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One integer per LSH band of ``signature``: two texts that share a key are
        candidates. A store indexes these to find candidates without the whole index."""
        rows = self._lsh.r
        values = np.asarray(signature, dtype=np.uint32)
        return [
            (band << 32) | zlib.crc32(values[band * rows : (band + 1) * rows].tobytes())
            for band in range(self._lsh.b)
        ]

    @property
    def next_key(self) -> int:
        """The key the next new group will get (stored, so keys stay unique across runs)."""
        return self._next_key

    @property
    def next_arrival(self) -> int:
        """The arrival number of the next article (stored with :attr:`next_key`)."""
        return self._arrivals

    def restore(self, members: Sequence[CopyMember], *, next_key: int, next_arrival: int) -> None:
        """Take up stored members (whole groups) before adding to the index.

        Members of one group share ``group_key``; their signatures go in the LSH index,
        so newcomers are compared with them.
        """
        self._next_key = max(self._next_key, next_key)
        self._arrivals = max(self._arrivals, next_arrival)
        for stored in members:
            if stored.article_id in self._members:
                continue
            member = _Member(
                article_id=stored.article_id,
                size=stored.size,
                arrival=stored.arrival,
                published=stored.published,
                outlet=stored.outlet,
                origin_agency=tuple(stored.origin_agency),
                signature=np.asarray(stored.signature, dtype=np.uint64),
            )
            self._members[stored.article_id] = member
            self._groups.setdefault(stored.group_key, _Group()).members.append(member)
            self._group_of[stored.article_id] = stored.group_key
            if stored.size:
                self._lsh.insert(
                    stored.article_id, self._minhash(member.signature), check_duplication=False
                )
                member.indexed = True

    def member(self, article_id: str) -> CopyMember:
        """The stored form of one indexed article."""
        member = self._members[article_id]
        return CopyMember(
            article_id=member.article_id,
            group_key=self._group_of[article_id],
            size=member.size,
            arrival=member.arrival,
            published=member.published,
            outlet=member.outlet,
            origin_agency=member.origin_agency,
            signature=member.signature,
        )

    def _shared(self, first: _Member, second: _Member) -> float:
        """Estimated number of shingles two members share (from Jaccard and sizes)."""
        jaccard = float(np.count_nonzero(first.signature == second.signature)) / self.num_perm
        return jaccard * (first.size + second.size) / (1.0 + jaccard)

    def _containment(self, member: _Member, other: _Member) -> float:
        smaller = min(member.size, other.size)
        if smaller == 0:
            return 0.0
        return min(1.0, self._shared(member, other) / smaller)

    def _canonical(self, group: _Group) -> _Member:
        """The fullest version; among versions nearly as full, the earliest published.

        A version is "nearly as full" when it holds 80 % of the fullest one's
        shingles: a copy that only added a dateline, a credit line or page furniture
        is larger than the original it copied, and must not displace it.
        """
        fullest = max(group.members, key=lambda m: m.size)
        full = [
            m
            for m in group.members
            if m is fullest or self._shared(m, fullest) >= 0.8 * fullest.size
        ]
        return min(full, key=lambda m: (_sort_time(m.published), m.arrival))

    def _within_window(self, published: datetime | None, other: datetime | None) -> bool:
        if self.window_days is None or published is None or other is None:
            return True
        gap = abs(_sort_time(published) - _sort_time(other))
        return gap <= self.window_days * 86400.0

    def add(
        self,
        article_id: str,
        text: str,
        *,
        published: datetime | None = None,
        outlet: str | None = None,
        origin_agency: Sequence[str] = (),
    ) -> str | None:
        """Index one article and say whether it copies one seen before.

        Returns the id of the canonical article of the copy group the article joined
        (which is the article itself when it is the fullest version so far), or
        ``None`` when no earlier article shares its text. Adding an id twice raises
        :class:`~blocwatch.errors.InputError`.
        """
        minhash, size = self.signature(text)
        return self.add_signed(
            article_id,
            minhash.hashvalues,
            size,
            published=published,
            outlet=outlet,
            origin_agency=origin_agency,
        )

    def add_signed(
        self,
        article_id: str,
        signature: np.ndarray,
        size: int,
        *,
        published: datetime | None = None,
        outlet: str | None = None,
        origin_agency: Sequence[str] = (),
    ) -> str | None:
        """:meth:`add` for a text whose signature (:meth:`signature`) was taken already."""
        if article_id in self._members:
            raise InputError("article was already added to the copy index", source=article_id)
        minhash = self._minhash(signature)
        member = _Member(
            article_id=article_id,
            size=size,
            arrival=self._arrivals,
            published=published,
            outlet=outlet,
            origin_agency=tuple(origin_agency),
            signature=np.asarray(signature, dtype=np.uint64).copy(),
        )
        matches = set()
        if size:
            for candidate_id in self._lsh.query(minhash):
                candidate = self._members[candidate_id]
                if not self._within_window(published, candidate.published):
                    continue
                if self._containment(member, candidate) >= self.threshold:
                    matches.add(self._group_of[candidate_id])
            self._lsh.insert(article_id, minhash, check_duplication=False)
            member.indexed = True
        self._members[article_id] = member
        self._arrivals += 1
        if not matches:
            key = self._next_key
            self._next_key += 1
            self._groups[key] = _Group([member])
            self._group_of[article_id] = key
            return None
        key = min(matches)
        group = self._groups[key]
        for other in sorted(matches - {key}):
            for moved in self._groups.pop(other).members:
                self._group_of[moved.article_id] = key
                group.members.append(moved)
        group.members.append(member)
        self._group_of[article_id] = key
        return self._canonical(group).article_id

    def canonical_of(self, article_id: str) -> str:
        """The canonical article of ``article_id``'s group (itself when it has no copies)."""
        return self._canonical(self._groups[self._group_of[article_id]]).article_id

    def members_of(self, article_id: str) -> list[str]:
        """Every article in ``article_id``'s copy group (itself included), in arrival order."""
        members = self._groups[self._group_of[article_id]].members
        return [m.article_id for m in sorted(members, key=lambda m: m.arrival)]

    def group_key(self, article_id: str) -> int:
        """An opaque key shared by all copies of one text."""
        return self._group_of[article_id]

    def forget_before(self, moment: datetime) -> int:
        """Stop matching against articles published before ``moment``; return how many.

        A long-running stream calls this with "now minus the window" to keep the index
        and its memory bounded. Forgotten articles stay in their groups (and in
        :meth:`groups`); only their signatures leave the index. Undated articles stay.
        """
        cutoff = _sort_time(moment)
        forgotten = 0
        for member in self._members.values():
            if member.indexed and member.published and _sort_time(member.published) < cutoff:
                self._lsh.remove(member.article_id)
                member.indexed = False
                forgotten += 1
        return forgotten

    def groups(self) -> list[CopyGroup]:
        """Every group of two or more copies, in order of first arrival."""
        result = []
        for group in sorted(self._groups.values(), key=lambda g: g.members[0].arrival):
            if len(group.members) < 2:
                continue
            canonical = self._canonical(group)
            members = sorted(group.members, key=lambda m: m.arrival)
            outlets = dict.fromkeys(m.outlet for m in members if m.outlet)
            agencies = dict.fromkeys(a for m in members for a in m.origin_agency)
            result.append(
                CopyGroup(
                    canonical_id=canonical.article_id,
                    copy_ids=tuple(m.article_id for m in members if m is not canonical),
                    outlets=tuple(outlets),
                    origin_agency=tuple(agencies),
                )
            )
        return result
