"""The gazetteer on names a news text writes."""

from __future__ import annotations

from blocwatch.places import gazetteer


def test_a_city_named_by_its_own_name_beats_a_bigger_city_with_that_alternate_name() -> None:
    places = gazetteer()
    dili = places.resolve_in_text("Dili")
    assert dili is not None and dili.country == "TLS"
    basra = places.resolve_in_text("Basra")  # an English spelling GeoNames lists as alternate
    assert basra is not None and basra.country == "IRQ"
    assert places.resolve_in_text("Nowhereville") is None
