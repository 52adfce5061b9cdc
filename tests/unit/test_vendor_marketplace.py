"""Marketplace on SQLite FTS5: search, filters, sorts, the ranking formula, availability, shortlist and compare;
vendor sign-up, profile validation and publishing; vendors never reach other vendors' private data."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import select

from models.vendors import ShortlistEntry, VendorProfile
from services import vendors
from services.db import transaction
from services.errors import NotFound, TamperedInput, ValidationError
from services.vendor_search import COMPLETENESS_WEIGHT, RATING_WEIGHT, SearchQuery, search_vendors
from tests.helpers import new_wedding, signup
from tests.vendor_helpers import assert_search_behaviour, later, marketplace, search, vendor_org


def call(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


def test_search_finds_filters_sorts_and_ranks_by_the_formula_shown(camille):
    wedding_id = new_wedding(camille.principal, wedding_date=later(200).isoformat())
    marketplace(later(200))
    assert_search_behaviour(camille.principal, wedding_id, later(200))


def test_a_wedding_without_a_known_city_ignores_the_area_filter(camille):
    wedding_id = new_wedding(camille.principal, venue_name="Our garden", venue_address="Somewhere quiet")
    vendor_org("Far Away Films", city="Madrid")
    with transaction() as s:
        page = search_vendors(s, camille.principal, wedding_id, SearchQuery(in_area=True))
    assert page.wedding_city is None and not page.area_filter_applied
    assert [h.name for h in page.hits] == ["Far Away Films"]


def test_a_booked_day_only_blocks_vendors_who_take_one_event_a_day(camille):
    wedding_date = later(150)
    wedding_id = new_wedding(camille.principal, wedding_date=wedding_date.isoformat())
    vendor_org("One A Day Photo")
    vendor_org("Many A Day Rentals", types=("rentals",), multiple=True)
    assert set(search(camille.principal, wedding_id, available_on_date=True)) == {
        "One A Day Photo",
        "Many A Day Rentals",
    }
    # A day the vendor blocks in their calendar disappears from "available on the date"; unblocking brings it back.
    org = vendor_org("Blocked Florist", types=("florist",))
    call(vendors.block_date, org.principal, wedding_date, "Holiday")
    assert "Blocked Florist" not in search(camille.principal, wedding_id, available_on_date=True)
    call(vendors.unblock_date, org.principal, wedding_date)
    assert "Blocked Florist" in search(camille.principal, wedding_id, available_on_date=True)


def test_edits_reindex_the_profile_and_unpublishing_hides_it(camille):
    wedding_id = new_wedding(camille.principal)
    org = vendor_org("Petal & Stem", types=("florist",))
    assert search(camille.principal, wedding_id, text="peonies") == []
    package_id = call(
        vendors.add_package,
        org.principal,
        {"name": "Bridal bouquet", "description": "Peonies and roses", "price": "180", "included": ""},
        lang="en",
    ).id
    assert search(camille.principal, wedding_id, text="peonies") == ["Petal & Stem"]
    call(
        vendors.update_package,
        org.principal,
        package_id,
        {"name": "Bouquet", "description": "Tulips", "price": "150", "included": ""},
        lang="en",
    )
    assert search(camille.principal, wedding_id, text="peonies") == []
    assert search(camille.principal, wedding_id, text="tulips") == ["Petal & Stem"]
    call(vendors.set_published, org.principal, False)
    assert search(camille.principal, wedding_id, text="tulips") == []


def test_vendor_signup_creates_a_vendor_tenant_with_an_unpublished_profile_owned_by_its_creator():
    account = signup("Nina Photo", kind="vendor", email="nina@vendor.example.com")
    p = account.principal
    with transaction() as s:
        profile = vendors.load_own_vendor(s, p)
        assert profile.published is False and profile.name == "Nina Photo"
        assert vendors.is_vendor_only(s, p)
        assert p.role_in(profile.tenant_id) == "owner"
    # Publishing needs the essentials; the error says what is missing.
    with pytest.raises(ValidationError) as exc:
        call(vendors.set_published, p, True)
    assert exc.value.field_errors[""].id == "Choose at least one type of service."


def test_profile_validation_reports_every_bad_field_and_refuses_forged_codes():
    org = vendor_org("Valid Vendor")
    p = org.principal
    with pytest.raises(ValidationError) as exc:
        call(
            vendors.update_profile,
            p,
            {
                "name": "",
                "types": [],
                "price_min": "500",
                "price_max": "100",
                "radius_km": "9000",
                "base_city": "Atlantis Under The Sea",
            },
            lang="en",
        )
    assert set(exc.value.field_errors) == {"name", "types", "price_max", "radius_km", "base_city"}
    with pytest.raises(TamperedInput):
        call(vendors.update_profile, p, {"types": ["astronaut"]}, lang="en")
    with pytest.raises(TamperedInput):
        call(vendors.update_profile, p, {"published": True, "rating_avg": 5}, lang="en")
    with transaction() as s:
        row = s.get(VendorProfile, org.id)
        assert row.name == "Valid Vendor" and row.rating_avg == 0


def test_shortlist_add_note_remove_and_compare(camille):
    wedding_id = new_wedding(camille.principal)
    a, b, c = (
        vendor_org("Alpha Photo"),
        vendor_org("Beta Films", types=("videographer",)),
        vendor_org("Gamma DJ", types=("dj",)),
    )
    hidden = vendor_org("Draft Band", types=("band",), publish=False)
    call(vendors.shortlist_add, camille.principal, wedding_id, a.id, "Loved the album")
    call(vendors.shortlist_add, camille.principal, wedding_id, b.id)
    call(vendors.shortlist_add, camille.principal, wedding_id, a.id, "Loved the album, ask about drone")  # note edit
    with pytest.raises(NotFound):
        call(vendors.shortlist_add, camille.principal, wedding_id, hidden.id)
    _, items = call(vendors.shortlist, camille.principal, wedding_id)
    assert [(i.vendor.name, i.note) for i in items] == [
        ("Alpha Photo", "Loved the album, ask about drone"),
        ("Beta Films", ""),
    ]
    _, compared = call(vendors.compare, camille.principal, wedding_id, [str(b.id), str(a.id)])
    assert [i.vendor.name for i in compared] == ["Beta Films", "Alpha Photo"]
    assert compared[0].packages[0].name == "Full day"
    with pytest.raises(ValidationError):
        call(vendors.compare, camille.principal, wedding_id, [str(a.id)])
    with pytest.raises(NotFound):  # not on the shortlist
        call(vendors.compare, camille.principal, wedding_id, [str(a.id), str(c.id)])
    call(vendors.shortlist_remove, camille.principal, wedding_id, a.id)
    _, items = call(vendors.shortlist, camille.principal, wedding_id)
    assert [i.vendor.name for i in items] == ["Beta Films"]


def test_vendor_page_for_a_wedding_shows_availability_distance_and_shortlist_state(camille):
    wedding_date = later(120)
    wedding_id = new_wedding(camille.principal, wedding_date=wedding_date.isoformat())
    org = vendor_org("Lyon Lights", city="Lyon", types=("dj",), radius_km=500)
    view = call(vendors.vendor_for_wedding, camille.principal, wedding_id, org.id)
    assert view.available and not view.shortlisted and view.serves_area
    assert 430 < view.distance_km < 460  # Lyon to Bordeaux
    call(vendors.block_date, org.principal, wedding_date)
    call(vendors.shortlist_add, camille.principal, wedding_id, org.id, "call them")
    view = call(vendors.vendor_for_wedding, camille.principal, wedding_id, org.id)
    assert not view.available and view.shortlisted and view.note == "call them"


def test_vendors_cannot_reach_other_vendors_private_data_or_couples_weddings(camille):
    wedding_id = new_wedding(camille.principal)
    mine, other = vendor_org("Mine Photo"), vendor_org("Other Photo", publish=False)
    p = mine.principal
    other_package = call(vendors.list_packages, other.id)[0]
    # Another vendor's package, blocked dates, team: never reachable through one's own vendor principal.
    with pytest.raises(NotFound):
        call(
            vendors.update_package,
            p,
            other_package.id,
            {"name": "Hacked", "description": "", "price": "1", "included": ""},
            lang="en",
        )
    with pytest.raises(NotFound):
        call(vendors.delete_package, p, other_package.id)
    call(vendors.block_date, other.principal, later(30), "private reason")
    with pytest.raises(NotFound):
        call(vendors.unblock_date, p, later(30))  # only one's own calendar
    team = call(vendors.vendor_team, p)
    assert [m[1] for m in team.members] == ["Mine Photo owner"]
    # A vendor has no access to couples' weddings: the marketplace, shortlist and guest data are NotFound.
    for fn, args in (
        (search_vendors, (wedding_id, SearchQuery())),
        (vendors.shortlist, (wedding_id,)),
        (vendors.shortlist_add, (wedding_id, mine.id)),
        (vendors.vendor_for_wedding, (wedding_id, other.id)),
    ):
        with pytest.raises(NotFound):
            call(fn, p, *args)
    # A couple cannot see an unpublished vendor, nor edit any vendor profile.
    with pytest.raises(NotFound):
        call(vendors.vendor_for_wedding, camille.principal, wedding_id, other.id)
    with pytest.raises(NotFound):
        call(vendors.update_profile, camille.principal, {"name": "Mine"}, lang="en")
    with pytest.raises(NotFound):
        call(vendors.vendor_for_wedding, camille.principal, wedding_id, uuid.uuid4())


def test_viewers_browse_but_only_editors_change_the_shortlist(camille, rose):
    from services.errors import Forbidden
    from tests.helpers import invite_member

    wedding_id = new_wedding(camille.principal)
    org = vendor_org("Shared Photo")
    viewer = invite_member(camille, wedding_id, "viewer", rose)
    assert search(viewer.principal, wedding_id) == ["Shared Photo"]
    with pytest.raises(Forbidden):
        call(vendors.shortlist_add, viewer.principal, wedding_id, org.id)
    with transaction() as s:
        assert s.exec(select(ShortlistEntry)).all() == []


def test_vendor_team_invite_accept_list_and_remove():
    from models.tenancy import Membership
    from services.collaborators import accept_invitation
    from tests.helpers import last_email, link_token

    owner = signup("Owner Vendor", kind="vendor", email="owner@vendor.example.com")
    token_sent = call(vendors.invite_member, owner.principal, "Member@Vendor.example.com", lang="en")
    token = link_token(last_email("member@vendor.example.com").body_text, "invite")
    assert token == token_sent
    member = signup("Member Vendor", email="member@vendor.example.com")
    call(accept_invitation, member.principal, token)
    team = call(vendors.vendor_team, owner.principal)
    assert sorted((m[1], m[3]) for m in team.members) == [("Member Vendor", "vendor"), ("Owner Vendor", "owner")]
    # The member edits the profile; they cannot invite or remove people.
    call(
        vendors.update_profile,
        member.principal,
        {"description": "Edited by the team member", "types": ["photographer"]},
        lang="en",
    )
    with pytest.raises(Exception) as exc:
        call(vendors.invite_member, member.principal, "x@vendor.example.com", lang="en")
    assert type(exc.value).__name__ == "Forbidden"
    call(vendors.remove_member, owner.principal, member.user_id)
    with transaction() as s:
        assert (
            s.exec(select(Membership).where(Membership.user_id == member.user_id, Membership.role == "vendor")).all()
            == []
        )
    with pytest.raises(NotFound):
        call(vendors.load_own_vendor, member.principal)


def _formula(rating_avg: float, rating_count: int, completeness: float) -> float:
    """The score the marketplace page explains, computed here independently of the database."""
    bayes = (rating_count * rating_avg + 5 * 3.5) / (rating_count + 5) / 5.0
    return 0.3 * bayes + 0.1 * completeness


def assert_no_words_order_is_the_formula(principal, wedding_id) -> None:
    """Searches without words read the stored score columns through an index: the order must still be the
    formula's (score descending, then name), on every page, and follow a rating change at once."""
    import sqlalchemy as sa

    from services import reviews

    specs = [  # name, (average, count), full profile (long description, languages) or not
        ("Alpha Films", (4.8, 30), True),
        ("Bravo Photo", (4.8, 30), True),  # same score as Alpha: the name breaks the tie
        ("Charlie Sound", (3.0, 2), True),
        ("Delta Flowers", (0.0, 0), True),
        ("Echo Cakes", (0.0, 0), False),
        ("Foxtrot Cars", (5.0, 1), False),
        ("Golf Venue", (4.1, 12), True),
    ]
    ids = {}
    for name, rating, full in specs:
        org = vendor_org(
            name,
            rating=rating,
            description="" if full else "A short description of our work.",
            languages=("en",) if full else (),
        )
        ids[name] = org.id

    def expected() -> list[str]:
        with transaction() as s:
            rows = s.exec(select(VendorProfile).where(VendorProfile.published)).all()
            return [
                v.name
                for v in sorted(rows, key=lambda v: (-_formula(v.rating_avg, v.rating_count, v.completeness), v.name))
            ]

    def shown(**query) -> list[str]:
        names, page = [], 1
        while True:
            result = call(search_vendors, principal, wedding_id, SearchQuery(per_page=3, page=page, **query))
            names += [h.name for h in result.hits]
            for h in result.hits:
                assert abs(h.score - (RATING_WEIGHT * h.rating_score + COMPLETENESS_WEIGHT * h.completeness)) < 1e-9
            if page >= result.pages:
                return names
            page += 1

    order = expected()
    assert order.index("Alpha Films") < order.index("Bravo Photo")
    assert shown() == order
    # A new review average (as services.reviews writes it, one UPDATE statement) moves the vendor at once.
    with transaction() as s:
        s.execute(
            sa.update(VendorProfile)
            .where(VendorProfile.id == ids["Delta Flowers"])
            .values(rating_avg=5.0, rating_count=80)
        )
    assert shown()[0] == "Delta Flowers" and shown() == expected()
    with transaction() as s:
        reviews.recompute_rating(s, ids["Delta Flowers"])  # no visible reviews: back to the prior
    assert shown() == order
    # Sorted by rating: Bayesian rating, then review count, then score, then name.
    with transaction() as s:
        rows = s.exec(select(VendorProfile).where(VendorProfile.published)).all()
        by_rating = [
            v.name
            for v in sorted(
                rows,
                key=lambda v: (
                    -((v.rating_count * v.rating_avg + 5 * 3.5) / (v.rating_count + 5) / 5.0),
                    -v.rating_count,
                    -_formula(v.rating_avg, v.rating_count, v.completeness),
                    v.name,
                ),
            )
        ]
    assert shown(sort="rating") == by_rating
    # A type filter keeps the same order among the vendors of that type.
    with transaction() as s:
        vendors.update_profile(
            s,
            vendor_org_principal(ids["Golf Venue"]),
            {**_profile_form(s, ids["Golf Venue"]), "types": ["venue"]},
            lang="en",
        )
    assert shown(vendor_type="venue") == ["Golf Venue"]
    assert shown(vendor_type="photographer") == [n for n in expected() if n != "Golf Venue"]
    # Sorted by price: listed prices first, lowest "from" price first, then the score, then the name; a profile
    # without a price (0) goes last.
    prices = {"Alpha Films": (90_000, 200_000), "Charlie Sound": (50_000, 60_000), "Echo Cakes": (0, 0)}
    prices |= {"Foxtrot Cars": (90_000, 100_000), "Delta Flowers": (120_000, 0)}
    with transaction() as s:
        for name, (low, high) in prices.items():
            s.execute(
                sa.update(VendorProfile).where(VendorProfile.id == ids[name]).values(price_min=low, price_max=high)
            )
    with transaction() as s:
        rows = s.exec(select(VendorProfile).where(VendorProfile.published)).all()
        by_price = [
            v.name
            for v in sorted(
                rows,
                key=lambda v: (
                    v.price_max == 0,
                    v.price_min,
                    -_formula(v.rating_avg, v.rating_count, v.completeness),
                    v.name,
                ),
            )
        ]
    assert by_price[0] == "Charlie Sound" and by_price[-2:] == ["Echo Cakes", "Delta Flowers"]
    assert shown(sort="price") == by_price
    assert shown(sort="price", vendor_type="photographer") == [n for n in by_price if n != "Golf Venue"]


def vendor_org_principal(vendor_id):
    from models.tenancy import Membership
    from services.auth import load_principal

    with transaction() as s:
        tenant_id = s.get(VendorProfile, vendor_id).tenant_id
        user_id = s.exec(select(Membership.user_id).where(Membership.tenant_id == tenant_id)).first()
        return load_principal(s, user_id)


def _profile_form(s, vendor_id) -> dict:
    v = s.get(VendorProfile, vendor_id)
    return {
        "name": v.name,
        "types": list(v.types),
        "description": v.description,
        "base_city": v.base_city,
        "radius_km": str(v.radius_km),
        "regions": list(v.regions),
        "price_min": str(v.price_min // 100),
        "price_max": str(v.price_max // 100),
        "currency": v.currency,
        "languages": list(v.languages),
        "allows_multiple_per_day": v.allows_multiple_per_day,
        "lang": v.lang,
    }


def test_searches_without_words_keep_the_formula_order_on_every_page(camille):
    wedding_id = new_wedding(camille.principal)
    assert_no_words_order_is_the_formula(camille.principal, wedding_id)


def test_counts_above_the_cap_say_more_than_and_words_count_exactly(camille, monkeypatch):
    import services.vendor_search as vs

    wedding_id = new_wedding(camille.principal)
    for name in ("Ava Photo", "Ben Photo", "Cleo Photo", "Dan Photo", "Eve Photo"):
        vendor_org(name, description=f"{name}: candid wedding pictures in natural light, from the vows to the party.")
    monkeypatch.setattr(vs, "COUNT_CAP", 3)
    page = call(search_vendors, camille.principal, wedding_id, SearchQuery(per_page=2))
    assert (page.total, page.total_capped, page.pages) == (3, True, 2)  # "more than 3": pages stop at the cap
    exact = call(search_vendors, camille.principal, wedding_id, SearchQuery(text="candid", per_page=2))
    assert (exact.total, exact.total_capped, exact.pages) == (5, False, 3)
    monkeypatch.setattr(vs, "COUNT_CAP", 1000)
    page = call(search_vendors, camille.principal, wedding_id, SearchQuery(per_page=2, page=3))
    assert (page.total, page.total_capped, len(page.hits)) == (5, False, 1)
    empty = call(search_vendors, camille.principal, wedding_id, SearchQuery(vendor_type="baker"))
    assert (empty.total, empty.hits) == (0, [])


def test_a_type_search_counts_exactly_past_the_cap_and_pages_to_its_last_vendor(camille, monkeypatch):
    import services.vendor_search as vs

    wedding_id = new_wedding(camille.principal)
    for name in ("Ava Photo", "Ben Photo", "Cleo Photo", "Dan Photo", "Eve Photo"):
        vendor_org(name, types=("photographer",))
    vendor_org("Fay Flowers", types=("florist",))
    vendor_org("Gus Photo and Flowers", types=("florist", "photographer"))
    monkeypatch.setattr(vs, "COUNT_CAP", 3)
    # Neither words nor a type: "more than 3" (pages stop at the cap); with a type the count is exact.
    broad = call(search_vendors, camille.principal, wedding_id, SearchQuery(per_page=2))
    assert (broad.total, broad.total_capped) == (3, True)
    photographers = call(
        search_vendors, camille.principal, wedding_id, SearchQuery(vendor_type="photographer", per_page=2)
    )
    assert (photographers.total, photographers.total_capped, photographers.pages) == (6, False, 3)
    names = []
    for page in (1, 2, 3):
        result = call(
            search_vendors,
            camille.principal,
            wedding_id,
            SearchQuery(vendor_type="photographer", per_page=2, page=page),
        )
        assert (result.total, result.total_capped) == (6, False)
        names += [h.name for h in result.hits]
    assert sorted(names) == ["Ava Photo", "Ben Photo", "Cleo Photo", "Dan Photo", "Eve Photo", "Gus Photo and Flowers"]
    by_price = call(
        search_vendors, camille.principal, wedding_id, SearchQuery(vendor_type="florist", sort="price", per_page=1)
    )
    assert (by_price.total, by_price.total_capped, by_price.pages) == (2, False, 2)
    # A page past the end shows nothing and still says how many there are.
    beyond = call(search_vendors, camille.principal, wedding_id, SearchQuery(vendor_type="photographer", page=9))
    assert (beyond.total, beyond.hits) == (6, [])
