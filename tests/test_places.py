"""Place names as a news text writes them."""

from __future__ import annotations

from blocwatch.places import gazetteer, place_states


def test_a_city_named_by_its_own_name_beats_a_bigger_city_with_that_alternate_name() -> None:
    places = place_states()
    assert places.state_of("Dili") == "TLS"  # also an alternate name of Delhi
    assert places.state_of("Basra") == "IRQ"  # an English spelling GeoNames lists as alternate
    assert places.state_of("the Netherlands") == "NLD"
    assert places.state_of("Nowhereville") is None


def test_the_map_gazetteer_reads_names_by_the_same_precedence() -> None:
    places = gazetteer()
    dili = places.resolve("Dili")
    assert dili is not None and (dili.country, dili.precision) == ("TLS", "city")
    # A capital shadowed by another city's alternate name used to leave its country unplaced.
    timor = places.resolve("Timor Leste")
    assert timor is not None and (timor.country, timor.precision) == ("TLS", "country")
    basra = places.resolve("Basra")
    assert basra is not None and basra.country == "IRQ"
