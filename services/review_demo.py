"""Demo reviews: the demo vendors' ratings come from real reviews, not from seeded numbers.

A few couples married in the past months (their own tenants, users who cannot log in) booked demo vendors through
an accepted quote; after each booked day the couple reviewed the vendor through services.reviews.submit_review,
so every vendor's rating_avg and rating_count are what the review service computes from the visible reviews, the
same numbers the vendor page and the marketplace show. Runs inside services.vendor_demo.seed_vendor_demo.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from models.bookings import REVIEW_ASPECTS, QuoteRequest, VendorBooking, VendorDayLock
from models.tenancy import Membership, Tenant, User
from models.vendors import VendorPackage, VendorProfile
from models.weddings import Wedding
from services import reviews
from services.auth import load_principal
from services.authz import Role
from services.vendor_cities import city_by_id, city_by_name, distance_km

# partner a, partner b, venue, address, town (a services.vendor_cities label), days before today of the wedding
PAST_COUPLES = (
    ("Inès", "Hugo", "Domaine des Chênes", "Saint-Émilion", "Libourne, France", 40),
    ("Lucía", "Pablo", "Finca El Olivar", "Dos Hermanas", "Sevilla, Spain", 61),
    ("Emma", "Noah", "Kew Gardens Orangery", "Richmond", "London, United Kingdom", 83),
    ("Chloé", "Louis", "Bastide Saint-Roch", "Route de Puyricard", "Aix-en-Provence, France", 104),
    ("Sofía", "Mateo", "Hacienda San Ángel", "Coyoacán", "Mexico City, Mexico", 126),
    ("Manon", "Jules", "Abbaye de Royaumont", "Asnières-sur-Oise", "Paris, France", 147),
    ("Olivia", "Liam", "Prestonfield House", "Priestfield Road", "Edinburgh, United Kingdom", 169),
    ("Léa", "Gabriel", "Château Lagrange", "Saint-Julien-Beychevelle", "Bordeaux, France", 190),
)

# Review texts (by the couple, in the vendor profile's language) and one reply by the demo photographer.
_TEXTS = {
    "en": (
        "Everything went exactly as planned, and they were a joy to work with.",
        "Warm, punctual and so professional. Our guests still talk about it.",
        "Great value for money and quick answers to every question we had.",
        "They understood our style straight away. We would book them again.",
        "A few small hiccups on the day, but they handled them calmly.",
    ),
    "fr": (
        "Tout s'est passé comme prévu, un vrai plaisir de travailler ensemble.",
        "Chaleureux, ponctuels et très professionnels. Nos invités en parlent encore.",
        "Excellent rapport qualité-prix et des réponses rapides à toutes nos questions.",
        "Ils ont compris notre style tout de suite. Nous les recommandons sans hésiter.",
    ),
    "es": (
        "Todo salió tal como lo planeamos, un placer trabajar con ellos.",
        "Cercanos, puntuales y muy profesionales. Los invitados aún lo comentan.",
        "Muy buena relación calidad-precio y respuestas rápidas a todas nuestras dudas.",
    ),
}
_REPLY = "Thank you both! It was a beautiful day to photograph, enjoy the album."


def review_count(listed_count: int) -> int:
    """How many demo reviews a vendor gets: a few (2 to 8), more for the vendors the listing calls popular."""
    return max(2, min(len(PAST_COUPLES), round(listed_count / 5)))


def star_sheets(target: float, reviews_wanted: int, rng: random.Random) -> list[dict[str, int]]:
    """Aspect stars for `reviews_wanted` reviews whose overall average is the target rounded to a quarter star."""
    slots = reviews_wanted * len(REVIEW_ASPECTS)
    total = max(slots, min(5 * slots, round(target * slots)))
    base = total // slots
    stars = [base + 1] * (total - base * slots) + [base] * (slots - (total - base * slots))
    rng.shuffle(stars)
    n = len(REVIEW_ASPECTS)
    return [dict(zip(REVIEW_ASPECTS, stars[i * n : (i + 1) * n], strict=True)) for i in range(reviews_wanted)]


def _past_weddings(s: Session, today: date) -> list[tuple[Wedding, User]]:
    out = []
    for i, (a, b, venue, address, town, days_ago) in enumerate(PAST_COUPLES):
        city = city_by_name(town)
        tenant = Tenant(name=f"{a} & {b}", kind="couple")
        user = User(
            email=f"past-couple-{i + 1}@couples.example.com",
            password_hash="!",  # noqa: S106 - no password: these demo couples cannot log in
            display_name=f"{a} & {b}",
        )
        s.add_all([tenant, user])
        s.flush()
        s.add(Membership(tenant_id=tenant.id, user_id=user.id, role=Role.OWNER))
        w = Wedding(
            tenant_id=tenant.id,
            partner_a=a,
            partner_b=b,
            wedding_date=today - timedelta(days=days_ago),
            venue_name=venue,
            venue_address=f"{address}, {town}",
            city_id=city.id if city else None,
            expected_guests=90 + 10 * i,
            currency="EUR",
            locale="en",
            timezone="Europe/Paris",
            created_by=user.id,
        )
        s.add(w)
        s.flush()
        out.append((w, user))
    return out


def _distance(v: VendorProfile, w: Wedding) -> float:
    city = city_by_id(w.city_id)
    if city is None or v.latitude is None or v.longitude is None:
        return float("inf")
    return distance_km(v.latitude, v.longitude, city.lat, city.lon)


def _book(s: Session, w: Wedding, couple: User, v: VendorProfile) -> VendorBooking:
    """An accepted quote and its confirmed booking on the wedding's (past) day, as the couple accepted it."""
    package = s.exec(
        select(VendorPackage).where(VendorPackage.vendor_id == v.id).order_by(VendorPackage.position)
    ).first()
    price = package.price if package else v.price_min
    asked = datetime.combine(w.wedding_date - timedelta(days=150), time(10), UTC)
    accepted = asked + timedelta(days=3)
    quote = QuoteRequest(
        tenant_id=w.tenant_id,
        wedding_id=w.id,
        vendor_id=v.id,
        vendor_tenant_id=v.tenant_id,
        day=w.wedding_date,
        message="Hello! Are you available on our wedding day?",
        status="accepted",
        package_id=package.id if package else None,
        package_name=package.name if package else "",
        price=price,
        currency=v.currency,
        deposit=price * 30 // 100,
        proposed_at=asked + timedelta(days=1),
        decided_at=accepted,
        created_by=couple.id,
        created_at=asked,
        updated_at=accepted,
        version=3,
    )
    s.add(quote)
    s.flush()
    booking = VendorBooking(
        tenant_id=w.tenant_id,
        wedding_id=w.id,
        vendor_id=v.id,
        vendor_tenant_id=v.tenant_id,
        quote_id=quote.id,
        day=w.wedding_date,
        price=price,
        currency=v.currency,
        deposit=price * 30 // 100,
        created_by=couple.id,
        created_at=accepted,
    )
    s.add(booking)
    s.flush()
    if not v.allows_multiple_per_day:
        s.add(VendorDayLock(vendor_id=v.id, day=w.wedding_date, booking_id=booking.id, created_at=accepted))
    return booking


def seed_review_demo(
    s: Session, today: date, vendors: list[tuple[VendorProfile, User, float, int]], *, reply_as: User | None = None
) -> int:
    """Past bookings and their reviews for the demo vendors: (vendor, owner, listed average, listed count).

    Returns how many reviews were written. The first vendor's owner (`reply_as`) answers its newest review."""
    rng = random.Random(4242)  # noqa: S311 - the same demo reviews on every seed
    couples = _past_weddings(s, today)
    written = 0
    for v, _owner, avg, count in vendors:
        wanted = review_count(count)
        texts = _TEXTS.get(v.lang, _TEXTS["en"])
        nearest = sorted(couples, key=lambda wc: _distance(v, wc[0]))  # couples hire vendors near their wedding
        for i, stars in enumerate(star_sheets(avg, wanted, rng)):
            w, couple = nearest[i]
            booking = _book(s, w, couple, v)
            principal = load_principal(s, couple.id)
            data = {aspect: str(n) for aspect, n in stars.items()} | {"text": texts[(i + len(v.name)) % len(texts)]}
            review = reviews.submit_review(s, principal, booking.id, data, today=today)
            review.created_at = datetime.combine(w.wedding_date + timedelta(days=9), time(18), UTC)
            s.add(review)
            written += 1
            if reply_as is not None and _owner.id == reply_as.id and i == 0:
                reviews.reply(s, load_principal(s, reply_as.id), review.id, _REPLY)
    s.flush()
    return written
