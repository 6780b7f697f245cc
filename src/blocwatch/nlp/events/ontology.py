"""PLOVER event types, their CAMEO codes, Goldstein scores and quad classes.

PLOVER (the successor of CAMEO) has sixteen event types; CAMEO has some three hundred
codes. Every event blocwatch codes carries both: the PLOVER ``type`` (what analysts and
the relations view count) and the CAMEO ``cameo`` code (what GDELT-style tools read),
with the Goldstein score looked up from the code.

One convention is surprising and deliberate. CAMEO codes an *announced* action as an
intent: "X will give aid to Y" is 033 (express intent to provide aid, an AGREE in
PLOVER) and "X will impose sanctions on Y" is 1312 (threaten sanctions, a THREATEN).
blocwatch keeps the action's own PLOVER ``type`` with ``status=planned`` (so "Finland will
give aid" is an AID that has not happened yet) but gives the event the intent's CAMEO
code and Goldstein score. Meetings are the exception, as in CAMEO: "they will meet on
Friday" is a planned CONSULT with its 04 code; 036 is for a stated wish to meet.
:func:`cameo_type` reads the PLOVER type back from a CAMEO code, which is how an event
is compared with CAMEO-coded data.
"""

from __future__ import annotations

from functools import cache

from blocwatch.data import read_text

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

COOPERATIVE_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
)
"""Types on the cooperation side of the scale; the rest are conflictual."""

MATERIAL_TYPES = frozenset(
    {"COOPERATE", "AID", "CONCEDE", "RETREAT", "PROTEST", "SANCTION", "MOBILIZE", "COERCE"}
    | {"ASSAULT"}
)
"""Types that act on things and people rather than in words (PLOVER's material
cooperation and material conflict, with CAMEO's yielding): what they act on can lie in
a place."""

VERBAL_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
)
"""Types that are things said rather than done (a plan to say something is still said)."""

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
"""Mutual acts: a meeting, an agreement, cooperation have no direction when the text makes
both parties agents ("X and Y met", "X met with Y"). Every other type is one way: X
recognising, supporting, accusing or attacking Y says nothing of what Y did to X."""

PLOVER_0_5_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
"""Older PLOVER (0.5) labels and the type each became."""

# The CAMEO code an announced (planned) action is coded with: an intent to cooperate
# (03x) for cooperative actions, a threat (13x) for conflictual ones.
_INTENT_CODES = {
    "SUPPORT": "032",
    "CONCEDE": "035",
    "COOPERATE": "031",
    "AID": "033",
    "RETREAT": "035",
    "PROTEST": "133",
    "SANCTION": "131",
    "MOBILIZE": "138",
    "COERCE": "137",
    "ASSAULT": "138",
}
_INTENT_BY_MODE = {
    ("RETREAT", "release"): "0353",
    ("RETREAT", "ease"): "0354",
    ("RETREAT", "access"): "0355",
    ("RETREAT", "withdraw"): "0356",
    ("RETREAT", "disarm"): "0356",
    ("RETREAT", "ceasefire"): "0356",
    ("AID", "military"): "0332",
    ("AID", "humanitarian"): "0333",
    ("AID", "peacekeeping"): "0334",
    ("SANCTION", "restrict"): "1312",
    ("SANCTION", "withdraw"): "1313",
    ("COERCE", "curfew"): "1323",
    ("COERCE", "martial-law"): "1324",
    ("COERCE", "restrict"): "1312",
    ("COERCE", "seize"): "1382",
}

REJECT_CODE = "120"
"""What a refusal to do something cooperative ("will not provide aid") is coded as."""

# PLOVER type of each CAMEO root (two digits), with the codes that differ from their root.
_ROOT_TYPES = {
    "02": "REQUEST",
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "08": "CONCEDE",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "20": "ASSAULT",
}
_CODE_TYPES = {
    "084": "RETREAT",
    "085": "RETREAT",
    "086": "RETREAT",
    "087": "RETREAT",
    "0813": "RETREAT",
    "0814": "RETREAT",
    "175": "ASSAULT",
    "1712": "ASSAULT",
    "191": "COERCE",
    "192": "COERCE",
}


@cache
def goldstein_scores() -> dict[str, float]:
    """CAMEO code → Goldstein score, from the table shipped with the package."""
    table = read_text("events/goldstein.tsv")
    scores: dict[str, float] = {}
    for line in table.splitlines():
        if line and not line.startswith("#"):
            code, score = line.split("\t")
            scores[code] = float(score)
    return scores


def goldstein(cameo: str) -> float | None:
    """The Goldstein score of a CAMEO code, falling back to its parent codes."""
    scores = goldstein_scores()
    code = cameo
    while code:
        if code in scores:
            return scores[code]
        code = code[:-1] if len(code) > 2 else ""
    return None


def quad_class(cameo: str) -> int:
    """GDELT's quad class: 1 verbal and 2 material cooperation, 3 verbal and 4 material
    conflict, from the CAMEO root."""
    root = int(cameo[:2])
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


def cameo_type(cameo: str) -> str | None:
    """The PLOVER type a CAMEO code belongs to (``None`` for 01, public statements)."""
    for length in (4, 3):
        if cameo[:length] in _CODE_TYPES and len(cameo) >= length:
            return _CODE_TYPES[cameo[:length]]
    return _ROOT_TYPES.get(cameo[:2])


def intent_code(event_type: str, mode: str | None, cameo: str) -> str:
    """The CAMEO code of an announced, not yet done, action of this type."""
    if mode and (event_type, mode) in _INTENT_BY_MODE:
        return _INTENT_BY_MODE[(event_type, mode)]
    return _INTENT_CODES.get(event_type, cameo)
