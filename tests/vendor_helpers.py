"""Helpers for the marketplace tests (unit on SQLite FTS5, integration on PostgreSQL): vendor organizations built
through the real services, and the search assertions both backends must pass."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from models.tenancy import Membership, Tenant, User
from models.vendors import VendorProfile
from services import vendors
from services.auth import load_principal
from services.authz import Principal, Role
from services.db import transaction
from services.vendor_search import (
    COMPLETENESS_WEIGHT,
    RATING_WEIGHT,
    TEXT_WEIGHT,
    SearchQuery,
    search_vendors,
)


@dataclass
class Org:
    id: uuid.UUID
    tenant_id: uuid.UUID
    user_id: uuid.UUID

    @property
    def principal(self) -> Principal:
        with transaction() as s:
            return load_principal(s, self.user_id)


def vendor_org(
    name: str,
    *,
    types: tuple[str, ...] = ("photographer",),
    description: str = "",
    city: str = "Bordeaux",
    lang: str = "en",
    languages: tuple[str, ...] = ("en",),
    price: tuple[str, str] = ("1500", "4000"),
    currency: str = "EUR",
    radius_km: int = 50,
    regions: tuple[str, ...] = (),
    packages: tuple[tuple[str, str, str, str], ...] = (("Full day", "Ten hours of coverage", "2500", "Album"),),
    publish: bool = True,
    multiple: bool = False,
    rating: tuple[float, int] = (0.0, 0),
) -> Org:
    """A vendor organization (owner user without a password: no argon2 cost) with a profile set through the
    real services (so completeness and the search index are maintained exactly as in the app)."""
    with transaction() as s:
        user = User(
            email=f"{uuid.uuid4().hex[:10]}@vendors.example.com",
            password_hash="!",
            display_name=f"{name} owner",
            locale=lang,
        )
        tenant = Tenant(name=name, kind="vendor")
        s.add_all([user, tenant])
        s.flush()
        s.add(Membership(tenant_id=tenant.id, user_id=user.id, role=Role.OWNER))
        profile = vendors.create_vendor_org(s, tenant, contact_email=user.email, lang=lang)
        org = Org(profile.id, tenant.id, user.id)
    p = org.principal
    form = {
        "name": name,
        "types": list(types),
        "description": description or f"{name}: weddings with care and attention to every detail of your day.",
        "base_city": city,
        "radius_km": str(radius_km),
        "regions": list(regions),
        "price_min": price[0],
        "price_max": price[1],
        "currency": currency,
        "languages": list(languages),
        "allows_multiple_per_day": multiple,
        "lang": lang,
    }
    with transaction() as s:
        vendors.update_profile(s, p, form, lang="en")
    for pkg_name, pkg_desc, pkg_price, included in packages:
        with transaction() as s:
            vendors.add_package(
                s, p, {"name": pkg_name, "description": pkg_desc, "price": pkg_price, "included": included}, lang="en"
            )
    if publish:
        with transaction() as s:
            vendors.set_published(s, p, True)
    if rating[1]:
        with transaction() as s:
            row = s.get(VendorProfile, org.id)
            row.rating_avg, row.rating_count = rating
    return org


def search(principal: Principal, wedding_id, **query) -> list[str]:
    return [h.name for h in search_page(principal, wedding_id, **query).hits]


def search_page(principal: Principal, wedding_id, **query):
    with transaction() as s:
        return search_vendors(s, principal, wedding_id, SearchQuery(**query))


def marketplace(wedding_date: date) -> dict[str, Org]:
    """Six vendors around Bordeaux, Paris and Madrid in three languages (the wedding is in Bordeaux)."""
    orgs = {
        "lumiere": vendor_org(
            "Lumière Studio",
            description="Reportage photographer with a drone for aerial pictures of the château and the vineyards.",
            packages=(("Prestige", "Engagement session and fine art album", "3200", "Album\nDrone flight"),),
            languages=("en", "fr"),
            price=("2000", "4500"),
            rating=(4.9, 40),
        ),
        "cafe": vendor_org(
            "Café Gourmand Traiteur",
            types=("caterer",),
            lang="fr",
            description="Traiteur pour mariages : cuisine du marché, pièce montée et café gourmand servi au jardin.",
            packages=(("Menu élégant", "Trois plats et dessert", "85", "Service\nVaisselle"),),
            languages=("fr",),
            price=("60", "150"),
            rating=(4.2, 8),
        ),
        "paris": vendor_org(
            "Paris Lens",
            city="Paris",
            description="Photographer for city weddings: documentary style, film and digital, quick delivery.",
            packages=(("City elopement", "Two hours in Montmartre", "900", "Online gallery"),),
            price=("900", "2500"),
            rating=(5.0, 2),
        ),
        "madrid": vendor_org(
            "Fotografía Sol",
            city="Madrid",
            lang="es",
            description="Fotógrafo de bodas en toda España, viajamos a Francia: reportaje natural y álbum de lujo.",
            packages=(("Boda completa", "Cobertura de todo el día", "2800", "Álbum"),),
            languages=("es", "en"),
            radius_km=500,
            regions=("Nouvelle-Aquitaine",),
            price=("2800", "5000"),
        ),
        "dj": vendor_org(
            "Night Owl DJ",
            types=("dj",),
            description="DJ and sound system, dance floor lighting, from the first dance to the last song of the night.",
            packages=(("Party", "Six hours of music", "1200", "Lights\nMicrophone"),),
            price=("1200", "1800"),
            multiple=True,
        ),
        "hidden": vendor_org(
            "Secret Drone Photo",
            description="Unpublished drone photographer draft profile that nobody should find in the marketplace.",
            publish=False,
        ),
    }
    for key, days in (("lumiere", [wedding_date]), ("dj", [wedding_date])):
        p = orgs[key].principal
        for d in days:
            with transaction() as s:
                vendors.block_date(s, p, d, "Another wedding")
    return orgs


def assert_search_behaviour(principal: Principal, wedding_id, wedding_date: date) -> None:
    """What a couple notices in the marketplace; the same on SQLite FTS5 and PostgreSQL."""
    # Words from the description, a package, with or without accents; unpublished profiles never show.
    assert search(principal, wedding_id, text="drone") == ["Lumière Studio"]
    assert search(principal, wedding_id, text="album", vendor_type="photographer")[0] == "Lumière Studio"
    assert set(search(principal, wedding_id, text="album")) == {"Lumière Studio", "Fotografía Sol"}
    assert search(principal, wedding_id, text="elegant") == ["Café Gourmand Traiteur"]
    assert search(principal, wedding_id, text="CAFÉ gourmand") == ["Café Gourmand Traiteur"]
    assert search(principal, wedding_id, text="lumiere") == ["Lumière Studio"]
    assert search(principal, wedding_id, text="fotografia") == ["Fotografía Sol"]
    assert search(principal, wedding_id, text="submarine") == []
    assert search(principal, wedding_id, text='") OR * NEAR(') == []  # query syntax from users is just words
    # Filters.
    assert set(search(principal, wedding_id, vendor_type="photographer")) == {
        "Lumière Studio",
        "Paris Lens",
        "Fotografía Sol",
    }
    assert set(search(principal, wedding_id, language="es")) == {"Fotografía Sol"}
    assert set(search(principal, wedding_id, price_max=100_000)) == {"Café Gourmand Traiteur", "Paris Lens"}
    assert set(search(principal, wedding_id, price_min=450_000)) == {"Lumière Studio", "Fotografía Sol"}
    # Area: Bordeaux wedding; Paris is 500 km away with a 50 km radius; Madrid serves Nouvelle-Aquitaine.
    assert set(search(principal, wedding_id, in_area=True)) == {
        "Lumière Studio",
        "Café Gourmand Traiteur",
        "Fotografía Sol",
        "Night Owl DJ",
    }
    # Available on the wedding date: Lumière blocked it; the DJ blocked it too (a blocked day is blocked even
    # for vendors who take several events a day).
    assert set(search(principal, wedding_id, available_on_date=True)) == {
        "Café Gourmand Traiteur",
        "Paris Lens",
        "Fotografía Sol",
    }
    assert set(search(principal, wedding_id, min_rating=4.5)) == {"Lumière Studio", "Paris Lens"}
    # Sorts.
    by_rating = search(principal, wedding_id, sort="rating")
    assert by_rating[:2] == ["Lumière Studio", "Café Gourmand Traiteur"]  # 4.9 x 40 beats 5.0 x 2 (Bayesian)
    by_price = search(principal, wedding_id, sort="price")
    assert by_price[0] == "Café Gourmand Traiteur" and by_price[-1] == "Fotografía Sol"
    # The formula on the page is the order: score = 0.6 text + 0.3 rating + 0.1 completeness, descending.
    page = search_page(principal, wedding_id, text="photographer wedding")
    assert page.hits, "photographers should match"
    for hit in page.hits:
        expected = (
            TEXT_WEIGHT * hit.text_score + RATING_WEIGHT * hit.rating_score + COMPLETENESS_WEIGHT * hit.completeness
        )
        assert abs(hit.score - expected) < 1e-6
        assert 0 < hit.text_score < 1
    scores = [h.score for h in page.hits]
    assert scores == sorted(scores, reverse=True)
    # Paging.
    first = search_page(principal, wedding_id, per_page=2, page=1)
    second = search_page(principal, wedding_id, per_page=2, page=2)
    assert first.total == second.total == 5 and first.pages == 3
    assert not {h.vendor_id for h in first.hits} & {h.vendor_id for h in second.hits}


def later(days: int) -> date:
    return date.today() + timedelta(days=days)
