"""Spelling variants of people's names, so one person has one id under every spelling.

Names from Russian, Ukrainian, Kazakh and the other languages of the region reach English
news through several transliteration systems at once: "Sergei" and "Sergey", "Aleksandr"
and "Alexander", "Tokayev" and "Tokaev", "Nikolayevich" and "Nikolaevich". Rather than
listing every spelling by hand, the dictionary lists one and these rules generate the
others; hand-written aliases remain for the irregular cases ("Lukashenka").

Also generates accent-free forms ("Erdoğan" -> "Erdogan"), since English copy often drops
diacritics.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

_GIVEN_NAME_GROUPS = (
    ("Sergei", "Sergey", "Sergej"),
    ("Alexander", "Aleksandr", "Alexandr", "Aleksander", "Aliaksandr"),
    ("Alexei", "Alexey", "Aleksei", "Aleksey", "Alexi"),
    ("Antony", "Anthony"),
    ("Dmitry", "Dmitri", "Dmitriy"),
    ("Yevgeny", "Evgeny", "Yevgeniy", "Evgeniy", "Evgeni"),
    ("Yury", "Yuri", "Yuriy", "Iurii"),
    ("Nikolai", "Nikolay"),
    ("Andrei", "Andrey", "Andrii", "Andriy"),
    ("Vasily", "Vasili", "Vasiliy"),
    ("Anatoly", "Anatoli", "Anatoliy"),
    ("Georgy", "Georgi", "Georgiy"),
    ("Valery", "Valeri", "Valeriy"),
    ("Grigory", "Grigori", "Grigoriy"),
    ("Maxim", "Maksim", "Maksym"),
    ("Vitaly", "Vitali", "Vitaliy"),
    ("Arseniy", "Arseny", "Arsenii"),
    ("Oleksiy", "Oleksii"),
    ("Ilham", "Ilkham"),
    ("Kassym-Jomart", "Kasym-Zhomart", "Kassym Jomart", "Kasym-Jomart"),
    ("Emomali", "Emomalii"),
    ("Gurbanguly", "Gurbanguli"),
    ("Mevlüt", "Mevlut"),
    ("Josep", "Joseph"),
    ("Mikheil", "Mikhail"),
    ("Ararat",),
)
_GIVEN_NAMES: dict[str, tuple[str, ...]] = {
    name: group for group in _GIVEN_NAME_GROUPS for name in group
}

# (pattern, replacement) pairs; each is tried on its own and in combination.
_TOKEN_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=[aeiou])yev(?=ich|na|a|$)"), "ev"),
    (re.compile(r"(?<=[aeiou])ev(?=ich|na|a|$)"), "yev"),
    (re.compile(r"sky$"), "skiy"),
    (re.compile(r"sky$"), "skyy"),
    (re.compile(r"skyy$"), "sky"),
    (re.compile(r"skiy$"), "sky"),
    (re.compile(r"yoyev$"), "yoev"),
    (re.compile(r"ks(?=[aeiou])"), "x"),
    (re.compile(r"x(?=[aeiou])"), "ks"),
)

_FOLD = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d"})
_MAX_VARIANTS = 24


def strip_accents(text: str) -> str:
    """``text`` without diacritics ("Çavuşoğlu" -> "Cavusoglu")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def token_variants(token: str) -> list[str]:
    """Spellings of one name token, the token itself first."""
    found = [token, *_GIVEN_NAMES.get(token, ())]
    for pattern, replacement in _TOKEN_RULES:
        for base in list(found):
            changed = pattern.sub(replacement, base)
            if changed != base:
                found.append(changed)
    plain = [strip_accents(t) for t in found]
    return list(dict.fromkeys([*found, *plain]))


def name_variants(name: str) -> list[str]:
    """Spellings of a whole name, the name itself first, at most a couple of dozen."""
    tokens = name.split()
    if not tokens:
        return []
    options = [token_variants(token) for token in tokens]
    out: list[str] = []
    for combo in itertools.product(*options):
        out.append(" ".join(combo))
        if len(out) >= _MAX_VARIANTS:
            break
    return list(dict.fromkeys([name, *out]))


def slugify(text: str) -> str:
    """An id-friendly form: ``"Alexei Zaitsev"`` -> ``"alexei-zaitsev"``."""
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(text).lower()).strip("-")
