"""Guest list timings: a 10,000-row CSV import (preview, commit) and the list of a 1,000-guest wedding.

    .venv/bin/python bench/guests.py                       # embedded SQLite in a temp dir
    .venv/bin/python bench/guests.py postgresql+psycopg://postgres@127.0.0.1:5432/postgres

With a PostgreSQL URL, a scratch database is created next to the given one and dropped after.
Targets (PostgreSQL): preview of 10,000 rows < 3 s, commit < 5 s; the list's first page < 300 ms of
server time; a filter or search round trip < 100 ms. Prints numbers; never fails on timing.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scratch import run_on_scratch_database  # noqa: E402

FIRST = (
    "Alice Bruno Camille David Emma Felix Hugo Ines Jules Lea Louis Manon Nathan Olivia Paul Rose Zoe Ana Carlos "
    "Lucia Mateo Sofia Grace Henry Jack Mia Noah"
).split()
LAST = (
    "Martin Bernard Dubois Laurent Moreau Garcia Lopez Martinez Sanchez Perez Smith Brown Taylor Wilson Roux Girard "
    "Bonnet Dupont Lambert Fontaine Navarro"
).split()


def csv_rows(n: int, seed: int = 7) -> bytes:
    """A realistic export: households of 1-4, 80% emails, 60% French mobiles, some diets, tags, answers."""
    rng = random.Random(seed)  # noqa: S311 - bench data
    lines = ["Prénom;Nom;Email;Téléphone;Foyer;Côté;Régime;Étiquettes;RSVP"]
    i = 0
    while i < n:
        last = rng.choice(LAST) + str(i // 40)
        for _ in range(min(rng.choice((1, 2, 2, 3, 4)), n - i)):
            first = rng.choice(FIRST)
            email = f"{first}.{last}.{i}@example.com".lower() if rng.random() < 0.8 else ""
            phone = (
                f"06 {rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}"
                if rng.random() < 0.6
                else ""
            )
            diet = rng.choice(("", "", "", "", "", "", "", "", "végétarien", "sans gluten, noix"))
            tag = rng.choice(("Famille", "Amis", "Travail", ""))
            rsvp = rng.choice(("oui", "non", "", ""))
            lines.append(f"{first};{last};{email};{phone};{last};{rng.choice(('A', 'B', 'both'))};{diet};{tag};{rsvp}")
            i += 1
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> None:
    run_on_scratch_database(run)


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, (time.perf_counter() - start) * 1000


def run() -> None:
    from datetime import date, timedelta

    from sqlmodel import select

    from models.tenancy import User
    from services import demo, guest_events, guest_import, guests, weddings
    from services.auth import load_principal
    from services.db import get_engine, transaction
    from services.guests import GuestQuery
    from services.migrations import upgrade_to_head

    def call(fn, *args, **kwargs):
        with transaction() as s:
            return fn(s, *args, **kwargs)

    upgrade_to_head()
    demo.seed_demo()
    with transaction() as s:
        user = s.exec(select(User).where(User.email == demo.DEMO_EMAIL)).one()
        principal = load_principal(s, user.id)

    def new_wedding(name: str):
        form = {
            "partner_a": name,
            "partner_b": "Bench",
            "wedding_date": (date.today() + timedelta(days=200)).isoformat(),
            "currency": "EUR",
            "locale": "fr",
            "timezone": "Europe/Paris",
            "expected_guests": "0",
            "budget_total": "0",
        }
        w = call(weddings.create_wedding, principal, form, tenant_id=None, viewer_lang="en", today=date.today())
        for kind, label in (("ceremony", "Cérémonie"), ("reception", "Réception")):
            call(
                guest_events.save_event, principal, w.id, None, {"name": label, "kind": kind, "meals": "Boeuf\nPoisson"}
            )
        return w.id

    backend = get_engine().dialect.name

    # 1. A 10,000-row import into an empty wedding.
    big = new_wedding("Ten Thousand")
    data = csv_rows(10_000)
    table, parse_ms = _timed(guest_import.parse_file, "guests.csv", data)
    preview, preview_ms = _timed(call, guest_import.preview_import, principal, big, table)
    result, commit_ms = _timed(call, guest_import.commit_import, principal, big, table, preview.mapping)
    print(
        f"backend={backend} import_rows={preview.total} file_kb={len(data) // 1024} parse_ms={parse_ms:.0f} "
        f"validate_preview_ms={parse_ms + preview_ms:.0f} (target < 3000) commit_ms={commit_ms:.0f} (target < 5000) "
        f"created={result.created} invalid={preview.invalid} duplicates={preview.duplicates}"
    )
    # Re-importing the same file against 10,000 existing guests: every row is a likely duplicate.
    _, again_ms = _timed(call, guest_import.preview_import, principal, big, table)
    print(f"backend={backend} preview_again_against_10000_existing_ms={again_ms:.0f}")

    # 2. The guest list of a 1,000-guest wedding.
    wid = new_wedding("Thousand")
    call(
        guest_import.commit_import,
        principal,
        wid,
        guest_import.parse_file("g.csv", csv_rows(1_000, seed=11)),
        preview.mapping,
    )
    queries = 0

    def count(*_args):
        nonlocal queries
        queries += 1

    sa.event.listen(get_engine(), "before_cursor_execute", count)

    def first_load():
        call(guests.guest_options, principal, wid)
        call(guests.list_guests, principal, wid, GuestQuery())
        call(guests.guest_summary, principal, wid)

    def round_trip(q: GuestQuery):
        call(guests.list_guests, principal, wid, q)
        call(guests.guest_summary, principal, wid)

    opts = call(guests.guest_options, principal, wid)
    cases = {
        "first_page": first_load,
        "search": lambda: round_trip(GuestQuery(search="mar")),
        "filter_tag_rsvp": lambda: round_trip(GuestQuery(tag="Famille", rsvp="attending")),
        "filter_diet_sorted": lambda: round_trip(GuestQuery(dietary="any", sort="household", descending=True)),
        "filter_event_page3": lambda: round_trip(GuestQuery(event_id=opts.events[0].id, page=3)),
    }
    for name, fn in cases.items():
        timings = []
        for _ in range(30):
            queries = 0
            _, ms = _timed(fn)
            timings.append(ms)
        target = 300 if name == "first_page" else 100
        print(
            f"backend={backend} guests=1000 case={name} median_ms={statistics.median(timings):.1f} "
            f"p95_ms={sorted(timings)[28]:.1f} (target < {target}) queries={queries}"
        )


if __name__ == "__main__":
    main()
