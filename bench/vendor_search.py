"""Marketplace search over 100,000 generated vendors: p50/p95 per typical query through services.vendor_search.

    .venv/bin/python bench/vendor_search.py postgresql+psycopg://postgres@127.0.0.1:5432/postgres [vendors] [runs]
    .venv/bin/python bench/vendor_search.py                 # SQLite FTS5 in a temp dir (smaller default: 20,000)

The vendors are spread over the shipped cities, 14 types, 3 profile languages, with 1-3 packages each and a few
blocked days; the couple's wedding is in Bordeaux. Prints milliseconds (p50/p95 of `runs` searches per query, in
BENCH_ROUNDS rounds, default 3, with the load average at the start of each round); never fails on timing. A result
count shown as "1000+" is the capped count the page shows as "More than 1,000 vendors" (searches with neither words
nor a type); every other count is exact.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scratch import run_on_scratch_database  # noqa: E402

WORDS = {
    "en": "wedding photographer natural light candid portraits album drone film elegant rustic vineyard garden "
    "ceremony reception party dance music flowers bouquet cake catering dinner menu vegan champagne travel "
    "documentary fine art classic modern bohemian chateau beach mountain city elopement".split(),
    "fr": "mariage photographe lumière naturelle portraits album drone film élégant champêtre vignoble jardin "
    "cérémonie réception soirée danse musique fleurs bouquet gâteau traiteur dîner menu végétarien champagne "
    "voyage reportage classique moderne bohème château plage montagne ville".split(),
    "es": "boda fotógrafo luz natural retratos álbum dron película elegante rústico viñedo jardín ceremonia "
    "banquete fiesta baile música flores ramo pastel catering cena menú vegano cava viaje reportaje clásico "
    "moderno bohemio castillo playa montaña ciudad".split(),
}
SYLLABLES = "ba be bi bo lu la li mo ra re ri ro sa se ta te to va ve vi na ne no ca co".split()
PACKAGE_NAMES = ["Essential", "Full day", "Prestige", "Weekend", "Classic", "Deluxe", "Mini", "Signature"]


def main() -> None:
    run_on_scratch_database(run)


def _generate(conn, n: int, wedding_day: date) -> None:
    import sqlalchemy as sa

    from models.tenancy import Membership, Tenant, User
    from models.vendors import VENDOR_TYPES, VendorBlockedDate, VendorPackage, VendorProfile
    from services.vendor_cities import CITIES

    rng = random.Random(2027)
    # A long tail of made-up words (2,000) around the real ones, as in real profiles: each description has 30 words
    # from the tail and 3 from the common list above, so "drone" is in about 7 % of profiles, "drone album" in 0.5 %.
    tail = sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(2600)})[:2000]
    owner = uuid.uuid4()
    conn.execute(
        sa.insert(User),
        [
            {
                "id": owner,
                "email": "bench-vendors@example.com",
                "password_hash": "!",
                "display_name": "Bench",
                "locale": "en",
                "is_platform_admin": False,
                "created_at": _now(),
            }
        ],
    )
    batch = 5000
    for start in range(0, n, batch):
        tenants, members, profiles, packages, blocked = [], [], [], [], []
        for i in range(start, min(n, start + batch)):
            tid, vid = uuid.uuid4(), uuid.uuid4()
            lang = rng.choice(("en", "en", "fr", "es"))
            city = rng.choice(CITIES)
            words = WORDS[lang]
            name = f"{rng.choice(tail).capitalize()} {rng.choice(tail).capitalize()} {i}"
            types = rng.sample(VENDOR_TYPES, rng.choice((1, 1, 1, 2)))
            price_min = rng.randrange(200, 5000) * 100
            tenants.append({"id": tid, "name": name, "kind": "vendor", "created_at": _now()})
            members.append(
                {"id": uuid.uuid4(), "tenant_id": tid, "user_id": owner, "role": "owner", "created_at": _now()}
            )
            count = rng.randint(0, 60)
            profiles.append(
                {
                    "id": vid,
                    "tenant_id": tid,
                    "name": name,
                    "types": types,
                    "description": " ".join(rng.sample(rng.choices(tail, k=30) + rng.sample(words, 3), 33)),
                    "base_city": city.name,
                    "latitude": city.lat + rng.uniform(-0.3, 0.3),
                    "longitude": city.lon + rng.uniform(-0.3, 0.3),
                    "radius_km": rng.choice((30, 50, 100, 200, 400)),
                    "regions": [],
                    "price_min": price_min,
                    "price_max": price_min + rng.randrange(100, 6000) * 100,
                    "currency": "EUR",
                    "languages": rng.sample(["en", "fr", "es", "de", "it", "pt"], rng.randint(1, 3)),
                    "allows_multiple_per_day": rng.random() < 0.1,
                    "rating_avg": round(rng.uniform(3.0, 5.0), 1) if count else 0.0,
                    "rating_count": count,
                    "completeness": rng.choice((0.5, 0.6667, 0.8333, 1.0)),
                    "published": rng.random() < 0.95,
                    "contact_email": "",
                    "lang": lang,
                    "created_at": _now(),
                    "updated_at": _now(),
                }
            )
            for position in range(rng.randint(1, 3)):
                packages.append(
                    {
                        "id": uuid.uuid4(),
                        "tenant_id": tid,
                        "vendor_id": vid,
                        "name": rng.choice(PACKAGE_NAMES),
                        "description": " ".join(rng.choices(tail, k=8)),
                        "price": price_min + position * 50000,
                        "included": rng.sample(tail, 2) + rng.sample(words, 1),
                        "position": position,
                    }
                )
            for day in {wedding_day + timedelta(days=rng.randint(-30, 30)) for _ in range(rng.randint(0, 4))}:
                blocked.append({"id": uuid.uuid4(), "tenant_id": tid, "vendor_id": vid, "day": day, "reason": ""})
        conn.execute(sa.insert(Tenant), tenants)
        conn.execute(sa.insert(Membership), members)
        conn.execute(sa.insert(VendorProfile), profiles)
        conn.execute(sa.insert(VendorPackage), packages)
        if blocked:
            conn.execute(sa.insert(VendorBlockedDate), blocked)


def _now():
    from models.base import utcnow

    return utcnow()


def run() -> None:
    import sqlalchemy as sa
    from sqlmodel import select

    from models.tenancy import Membership, Tenant, User
    from models.vendors import VendorProfile
    from models.weddings import Wedding
    from services.auth import load_principal
    from services.db import get_engine, transaction
    from services.migrations import upgrade_to_head
    from services.vendor_search import SearchQuery, rebuild_pg_index, reindex_vendor, search_vendors

    engine_url = get_engine().url
    pg = engine_url.get_backend_name() == "postgresql"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else (100_000 if pg else 20_000)
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    upgrade_to_head()
    wedding_day = date.today() + timedelta(days=200)
    with transaction() as s:
        tenant, user = (
            Tenant(name="Bench couple", kind="couple"),
            User(email="bench-couple@example.com", password_hash="!", display_name="Bench couple"),  # noqa: S106
        )
        s.add_all([tenant, user])
        s.flush()
        s.add(Membership(tenant_id=tenant.id, user_id=user.id, role="owner"))
        wedding = Wedding(
            tenant_id=tenant.id,
            partner_a="A",
            partner_b="B",
            wedding_date=wedding_day,
            venue_name="Château",
            venue_address="Route des Vignes, Bordeaux",
            currency="EUR",
        )
        s.add(wedding)
        s.flush()
        wid, uid = wedding.id, user.id
    t0 = time.perf_counter()
    with get_engine().begin() as conn:
        _generate(conn, n, wedding_day)
    t1 = time.perf_counter()
    if pg:
        with get_engine().begin() as conn:
            rebuild_pg_index(conn)
        with get_engine().connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
    else:
        with transaction() as s:
            for v in s.exec(select(VendorProfile)).all():
                reindex_vendor(s, v)
    t2 = time.perf_counter()
    print(
        f"{n:,} vendors generated in {t1 - t0:.1f} s, search index built in {t2 - t1:.1f} s "
        f"({engine_url.get_backend_name()})"
    )
    with transaction() as s:
        principal = load_principal(s, uid)

    queries = {
        "words (2)": SearchQuery(text="drone album"),
        "words + type": SearchQuery(text="natural light", vendor_type="photographer"),
        "type + area + price": SearchQuery(vendor_type="photographer", in_area=True, price_max=250_000),
        "available on the date + type": SearchQuery(vendor_type="dj", available_on_date=True),
        "sort by rating + type": SearchQuery(vendor_type="florist", sort="rating"),
        "words + all filters": SearchQuery(
            text="vineyard", in_area=True, available_on_date=True, min_rating=4.0, language="fr", price_max=400_000
        ),
        "no filter, page 3": SearchQuery(page=3),
        "sort by price": SearchQuery(sort="price"),
        "sort by price + type": SearchQuery(vendor_type="photographer", sort="price"),
        "type, page 500 (deep)": SearchQuery(vendor_type="caterer", page=500),
        "area, page 2": SearchQuery(in_area=True, page=2),
    }
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    print(f"{'query':32} {'p50 ms':>8} {'p95 ms':>8} {'results':>8}  (round, load average)")
    for round_no in range(1, rounds + 1):
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        for label, query in queries.items():
            times, shown = [], ""
            for _ in range(runs):
                start = time.perf_counter()
                with transaction() as s:
                    page = search_vendors(s, principal, wid, query)
                times.append((time.perf_counter() - start) * 1000)
                shown = f"{page.total}+" if page.total_capped else str(page.total)
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            print(f"{label:32} {statistics.median(times):8.1f} {p95:8.1f} {shown:>8}  ({round_no}, {load:.1f})")


if __name__ == "__main__":
    main()
