"""Place names as a news text writes them."""

from __future__ import annotations

from blocwatch.places import place_states


def test_a_city_named_by_its_own_name_beats_a_bigger_city_with_that_alternate_name() -> None:
    places = place_states()
    assert places.state_of("Dili") == "TLS"  # also an alternate name of Delhi
    assert places.state_of("Basra") == "IRQ"  # an English spelling GeoNames lists as alternate
    assert places.state_of("the Netherlands") == "NLD"
    assert places.state_of("Nowhereville") is None
