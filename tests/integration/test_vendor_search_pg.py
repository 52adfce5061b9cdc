"""Marketplace search on PostgreSQL (unaccented tsvector per profile language, GIN index, websearch_to_tsquery,
ts_rank): the same behaviour a couple sees on SQLite FTS5, on a database of its own."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from services.db import get_engine, transaction
from services.migrations import upgrade_to_head
from services.vendor_search import SearchQuery, search_vendors
from tests.helpers import new_wedding, signup
from tests.vendor_helpers import assert_search_behaviour, later, marketplace, search, search_page, vendor_org


@pytest.fixture
def fresh_pg(databases, use_backend):
    """An empty database of its own: the counts below must not see other tests' vendors."""
    url = databases.create("vendors_")
    upgrade_to_head(url)
    use_backend(url)
    yield url
    databases.drop(url)


def test_search_filters_sorts_and_formula_on_postgres(fresh_pg):
    couple = signup("Camille Martin")
    wedding_id = new_wedding(couple.principal, wedding_date=later(200).isoformat())
    marketplace(later(200))
    assert_search_behaviour(couple.principal, wedding_id, later(200))


def test_postgres_stems_in_the_profile_language_and_uses_the_gin_index(fresh_pg):
    couple = signup("Ana Lopez")
    wedding_id = new_wedding(couple.principal)
    vendor_org(
        "Fleurs de Juliette",
        types=("florist",),
        lang="fr",
        description="Fleuriste : bouquets de mariées, compositions florales et arches fleuries pour vos cérémonies.",
    )
    vendor_org("Garden Bouquets", types=("florist",), description="Bridal bouquets and flowering arches for weddings.")
    # French stems: "mariée" finds "mariées", "cérémonie" finds "cérémonies", accents or not.
    assert search(couple.principal, wedding_id, text="mariee ceremonie") == ["Fleurs de Juliette"]
    # English stems: "arch" finds "arches" in the English profile; the French profile is stemmed in French.
    assert search(couple.principal, wedding_id, text="arch") == ["Garden Bouquets"]
    # Several words: every word must match (query operators are read as plain words on both backends).
    assert search(couple.principal, wedding_id, text="bouquets -juliette") == ["Fleurs de Juliette"]
    assert search(couple.principal, wedding_id, text="bouquets weddings") == ["Garden Bouquets"]
    with get_engine().connect() as conn:
        indexes = conn.execute(
            sa.text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_vendorprofile_search_vector'")
        ).scalar_one()
        assert "USING gin (search_vector)" in indexes
        assert conn.execute(sa.text("SELECT count(*) FROM vendorprofile WHERE search_vector IS NULL")).scalar() == 0


def test_a_query_planner_uses_the_gin_index_for_words(fresh_pg):
    couple = signup("Lea Garcia")
    wedding_id = new_wedding(couple.principal)
    vendor_org("Only One", description="Just one vendor to make the table exist with a vector.")
    with transaction() as s:
        s.execute(sa.text("SET LOCAL enable_seqscan = off"))  # tiny table: ask the planner what it can use
        page = search_vendors(s, couple.principal, wedding_id, SearchQuery(text="vendor"))
        assert [h.name for h in page.hits] == ["Only One"]
        plan = "\n".join(
            row[0]
            for row in s.execute(
                sa.text(
                    "EXPLAIN SELECT id FROM vendorprofile WHERE search_vector @@ "
                    "(websearch_to_tsquery('english'::regconfig, unaccent('vendor')) || "
                    "websearch_to_tsquery('simple'::regconfig, unaccent('vendor')))"
                )
            )
        )
    assert "ix_vendorprofile_search_vector" in plan


def test_postgres_searches_without_words_keep_the_formula_order_and_walk_the_ranking_index(fresh_pg):
    from tests.unit.test_vendor_marketplace import assert_no_words_order_is_the_formula

    couple = signup("Nina Roux")
    wedding_id = new_wedding(couple.principal)
    assert_no_words_order_is_the_formula(couple.principal, wedding_id)
    with transaction() as s:
        s.execute(sa.text("SET LOCAL enable_seqscan = off"))  # tiny table: ask the planner what it can use
        s.execute(sa.text("SET LOCAL enable_sort = off"))
        plan = "\n".join(
            row[0]
            for row in s.execute(
                sa.text(
                    "EXPLAIN SELECT id, static_score FROM vendorprofile WHERE published = true "
                    "AND type_mask & 1 <> 0 ORDER BY static_score DESC, name, id LIMIT 12"
                )
            )
        )
    assert "ix_vendorprofile_rank" in plan


def _plans_of_search(principal, wedding_id, query: SearchQuery) -> list[str]:
    """EXPLAIN of each vendorprofile statement the search itself sends (same SQL, same parameters)."""
    sent: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().startswith("SELECT") and "FROM vendorprofile" in statement and "IN (" not in statement:
            sent.append((statement, parameters))

    sa.event.listen(get_engine(), "before_cursor_execute", capture)
    try:
        with transaction() as s:
            search_vendors(s, principal, wedding_id, query)
    finally:
        sa.event.remove(get_engine(), "before_cursor_execute", capture)
    plans = []
    with get_engine().connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")  # tiny table: ask the planner what it can use
        conn.exec_driver_sql("SET enable_sort = off")
        for statement, parameters in sent:
            rows = conn.exec_driver_sql("EXPLAIN " + statement, parameters).all()
            plans.append("\n".join(r[0] for r in rows))
    return plans


def test_a_type_search_reads_that_types_index_and_the_price_sort_walks_its_index(fresh_pg):
    couple = signup("Lina Perez")
    wedding_id = new_wedding(couple.principal)
    for name, types in (("Ava Photo", ("photographer",)), ("Bo Flowers", ("florist",)), ("Cy Both", ("dj", "florist"))):
        vendor_org(name, types=types)
    with get_engine().connect() as conn:
        conn.exec_driver_sql("ANALYZE vendorprofile")
    florists = _plans_of_search(couple.principal, wedding_id, SearchQuery(vendor_type="florist", per_page=1))
    assert len(florists) == 2  # the page, then its exact count (the page is full: more may follow)
    assert all("ix_vendorprofile_type_florist" in plan for plan in florists), florists
    page = search_page(couple.principal, wedding_id, vendor_type="florist", per_page=1)
    assert (page.total, page.total_capped, page.pages) == (2, False, 2)
    (by_price, _count) = _plans_of_search(couple.principal, wedding_id, SearchQuery(sort="price", per_page=1))
    assert "ix_vendorprofile_price_rank" in by_price and "Sort" not in by_price, by_price


def test_searches_with_words_sort_by_rating_and_price_and_count_on_postgres(fresh_pg):
    couple = signup("Ines Blanc")
    wedding_id = new_wedding(couple.principal, wedding_date=later(200).isoformat())
    marketplace(later(200))
    for i, (rating, price) in enumerate(
        (((4.0, 3), ("900", "1200")), ((4.6, 9), ("400", "0")), ((3.2, 1), ("400", "800")))
    ):
        vendor_org(
            f"Album Maker {i}", description="Wedding albums, printed and bound by hand.", rating=rating, price=price
        )
    relevance = search_page(couple.principal, wedding_id, text="album", per_page=50)
    assert relevance.total == len(relevance.hits) == 5 and not relevance.total_capped
    hits = relevance.hits
    by_rating = sorted(hits, key=lambda h: (-h.rating_score, -h.rating_count, -h.score, h.name))
    by_price = sorted(hits, key=lambda h: (h.price_max == 0, h.price_min, -h.score, h.name))
    assert [h.name for h in by_price][-1] == "Album Maker 1"  # no top price: listed last
    for sort, expected in (("rating", by_rating), ("price", by_price)):
        names = []
        for page in (1, 2, 3):
            result = search_page(couple.principal, wedding_id, text="album", sort=sort, per_page=2, page=page)
            assert (result.total, result.pages) == (5, 3)
            names += [h.name for h in result.hits]
        assert names == [h.name for h in expected], sort
