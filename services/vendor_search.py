"""Marketplace search: one interface, two backends chosen by the session's dialect.

    search_vendors(session, principal, wedding_id, query: SearchQuery) -> SearchPage

- PostgreSQL: `vendorprofile.search_vector`, a tsvector built with the profile's language configuration
  (english | french | spanish) plus the 'simple' configuration, from unaccented text, GIN-indexed. Queries are
  `websearch_to_tsquery` of the unaccented words in each of those configurations, OR-ed (a French profile matches
  through the French stems, any profile through the exact words); text match = ts_rank(vector, query, 32), which
  is rank / (rank + 1), between 0 and 1.
- SQLite: the FTS5 table `vendor_fts` (unicode61 tokenizer, diacritics removed; each word matches as a prefix);
  text match = b / (1 + b) with b = -bm25() (name weighted 4, the rest 1), also between 0 and 1.

Ranking (shown on the page, no paid placement exists):
    score = 0.6 x text match + 0.3 x rating + 0.1 x completeness
    rating = Bayesian average / 5 = (count x average + 5 x 3.5) / (count + 5) / 5
    completeness = share of: description (80+ characters), a package, a picture, languages, prices, base city
Without words, text match is 0 for everyone, so the order is rating then completeness: the database stores that
query-independent part in generated columns (models/vendors.py: rating_score, static_score) with btree indexes
(published, static_score DESC, name, id) and (published, rating_score DESC, rating_count DESC, static_score DESC,
name, id), so a search without words walks an index and stops after its page instead of scoring every vendor.
On PostgreSQL those indexes carry the filter columns (INCLUDE: type_mask, prices, place, languages, ratings), so the
walk filters without visiting the table; the type filter reads the generated `type_mask` bit there. A third one,
ix_vendorprofile_price_rank, walks the price sort. Each type has a small partial index of its own (published
profiles offering it, in score order, same INCLUDE): a search with a type and no words reads about 1/11 of the tuples.
Counts (the page says "N vendors found" and pages to the last one):
- with words every match is scored anyway, so the exact count comes with the page (count(*) OVER ());
- with a type, the exact count reads that type's partial index (8,500 tuples for 100,000 vendors: 1-2 ms, 10 ms with
  the date filter);
- a page with fewer rows than per_page is the last one: the count is known without counting;
- with neither words nor a type the count stops at COUNT_CAP + 1 ("More than 1,000 vendors found"; pages stop at
  the cap): counting all 95,000 published profiles' index tuples on every page would cost 20-40 ms, more than the
  search. Choosing a type (what a couple does first) gives the exact count.
Measured in bench/vendor_search.py (numbers in bench/README.md).
"""

from __future__ import annotations

import math
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlmodel import Session, select

from models.vendors import PRICE_UNSET_SQL, VENDOR_TYPES, VendorBlockedDate, VendorImage, VendorPackage, VendorProfile
from services.authz import Permission, Principal
from services.vendor_cities import City, distance_km
from services.vendors import wedding_city
from services.weddings import load_wedding

TEXT_WEIGHT, RATING_WEIGHT, COMPLETENESS_WEIGHT = 0.6, 0.3, 0.1
PRIOR_MEAN, PRIOR_COUNT = 3.5, 5  # the Bayesian average starts every vendor at 3.5 stars worth 5 reviews
SORTS = ("relevance", "rating", "price")
PER_PAGE = 12
COUNT_CAP = 1000  # result counts above this show as "more than 1,000 vendors"
MAX_QUERY_WORDS = 12
PG_CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
# The PostgreSQL vector column lives outside the ORM metadata (models/vendors.py); referenced by name here.
SEARCH_VECTOR = sa.literal_column("vendorprofile.search_vector", TSVECTOR)
# Profiles without a price go last in the price sort: the expression of ix_vendorprofile_price_rank, written out
# (no bound parameters) so SQLite, which matches index expressions as written, uses that index too.
PRICE_UNSET = sa.literal_column(PRICE_UNSET_SQL.replace("price_max", "vendorprofile.price_max"), sa.Boolean)


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    vendor_type: str = ""  # one of models.vendors.VENDOR_TYPES or ""
    in_area: bool = False  # within the vendor's radius (or regions) of the wedding's city
    price_min: int | None = None  # minor units of the wedding's currency: the vendor's top price reaches it
    price_max: int | None = None  # the vendor's lowest price fits under it
    language: str = ""
    available_on_date: bool = False  # free on the wedding date
    min_rating: float = 0.0
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE


@dataclass
class SearchHit:
    vendor_id: str
    name: str
    types: list[str]
    base_city: str
    snippet: str
    price_min: int
    price_max: int
    currency: str
    languages: list[str]
    rating_avg: float
    rating_count: int
    text_score: float
    rating_score: float
    completeness: float
    score: float
    distance_km: float | None
    thumb_image_id: str


@dataclass
class SearchPage:
    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    wedding_city: City | None
    area_filter_applied: bool
    wedding_currency: str
    total_capped: bool = False  # more than `total` (COUNT_CAP) vendors match; pages stop at COUNT_CAP
    notes: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


# ---------------------------------------------------------------------------------------------- indexing


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def vendor_document(session: Session, vendor: VendorProfile) -> str:
    """The searchable body: description and every package (name, description, what is included)."""
    parts = [vendor.description or ""]
    for p in session.exec(select(VendorPackage).where(VendorPackage.vendor_id == vendor.id)).all():
        parts += [p.name, p.description, " ".join(p.included or [])]
    return "\n".join(x for x in parts if x)


def reindex_vendor(session: Session, vendor: VendorProfile) -> None:
    body = vendor_document(session, vendor)
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(
            sa.text(
                "UPDATE vendorprofile SET search_vector = "
                "setweight(to_tsvector(CAST(:cfg AS regconfig), unaccent(:name)), 'A') || "
                "setweight(to_tsvector(CAST(:cfg AS regconfig), unaccent(:body)), 'B') || "
                "setweight(to_tsvector('simple', unaccent(:name || ' ' || :body)), 'D') || "
                "to_tsvector('simple', :tags) WHERE id = :id"
            ),
            {
                "cfg": PG_CONFIGS.get(vendor.lang, "english"),
                "name": vendor.name,
                "body": body,
                "tags": filter_tags(vendor.types, vendor.languages),
                "id": vendor.id,
            },
        )
    elif dialect == "sqlite":
        session.execute(sa.text("DELETE FROM vendor_fts WHERE vendor_id = :id"), {"id": vendor.id.hex})
        session.execute(
            sa.text("INSERT INTO vendor_fts (vendor_id, name, body) VALUES (:id, :name, :body)"),
            {"id": vendor.id.hex, "name": vendor.name, "body": body},
        )


def _type_tag(code: str) -> str:
    return "vt" + code.replace("_", "")


def _lang_tag(code: str) -> str:
    return "lg" + code


def filter_tags(types: list[str] | None, languages: list[str] | None) -> str:
    """Filter tokens stored in the PostgreSQL vector ("vtphotographer lgfr"): the GIN index answers the type filter
    of searches with words (searches without words use the ranking index's type_mask instead)."""
    return " ".join([_type_tag(t) for t in types or []] + [_lang_tag(c) for c in languages or []])


def rebuild_pg_index(connection: sa.Connection) -> None:
    """Rebuild every PostgreSQL search vector in one statement (bench data, bulk imports)."""
    connection.execute(
        sa.text(
            """
            UPDATE vendorprofile v SET search_vector =
              setweight(to_tsvector(c.cfg, unaccent(v.name)), 'A') ||
              setweight(to_tsvector(c.cfg, unaccent(v.description || ' ' || coalesce(p.body, ''))), 'B') ||
              setweight(to_tsvector('simple', unaccent(v.name || ' ' || v.description || ' ' || coalesce(p.body, ''))), 'D') ||
              to_tsvector('simple', coalesce((SELECT string_agg('vt' || replace(t, '_', ''), ' ')
                                              FROM json_array_elements_text(v.types) t), '') || ' ' ||
                                    coalesce((SELECT string_agg('lg' || l, ' ')
                                              FROM json_array_elements_text(v.languages) l), ''))
            FROM (SELECT vp.id, CAST(CASE vp.lang WHEN 'fr' THEN 'french' WHEN 'es' THEN 'spanish'
                                                  ELSE 'english' END AS regconfig) AS cfg
                  FROM vendorprofile vp) c
            LEFT JOIN (SELECT vendor_id, string_agg(name || ' ' || description || ' ' || CAST(included AS text), ' ')
                       AS body FROM vendorpackage GROUP BY vendor_id) p ON p.vendor_id = c.id
            WHERE c.id = v.id
            """
        )
    )


# ---------------------------------------------------------------------------------------------- querying


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _fold(text).lower())[:MAX_QUERY_WORDS]


def _json_has(column: Any, code: str) -> sa.ColumnElement[bool]:
    """JSON list column contains `code` (codes are [a-z_]+; the list is stored as JSON text on both dialects)."""
    if not re.fullmatch(r"[a-z_]{1,20}", code):
        return sa.false()
    return sa.cast(column, sa.Text).like(f'%"{code}"%')


def _type_mask_has(code: str) -> sa.ColumnElement[bool]:
    """The profile offers this type: its bit in the generated `type_mask` column (models/vendors.py). The bit is a
    literal, as in the partial index of the type (models.vendors.type_index_predicate): with `published = true` the
    WHERE then states the index's predicate, so both databases can read that small index."""
    if code not in VENDOR_TYPES:
        return sa.false()
    bit = sa.literal_column(str(1 << VENDOR_TYPES.index(code)), sa.Integer)
    return VendorProfile.type_mask.op("&")(bit) != sa.literal_column("0", sa.Integer)


def _tag_filter(dialect: str, column: Any, code: str, tag) -> sa.ColumnElement[bool]:
    if not re.fullmatch(r"[a-z_]{1,20}", code):
        return sa.false()
    if dialect == "postgresql":
        return SEARCH_VECTOR.op("@@")(sa.func.to_tsquery(sa.literal_column("'simple'::regconfig"), tag(code)))
    return _json_has(column, code)


def _distance_sql(city: City) -> sa.ColumnElement[float]:
    lat, lon = VendorProfile.latitude, VendorProfile.longitude
    dlat = sa.func.radians(lat - city.lat) / 2
    dlon = sa.func.radians(lon - city.lon) / 2
    a = sa.func.sin(dlat) * sa.func.sin(dlat) + math.cos(math.radians(city.lat)) * sa.func.cos(
        sa.func.radians(lat)
    ) * sa.func.sin(dlon) * sa.func.sin(dlon)
    return 2 * 6371.0 * sa.func.asin(sa.func.sqrt(a))


def _text_score_pg(session: Session, words: list[str]) -> tuple[sa.ColumnElement[bool], sa.ColumnElement[float]]:
    """The words parsed once (unaccented, in each configuration, OR-ed) into a constant tsquery: evaluated per row,
    websearch_to_tsquery and unaccent would cost more than the whole index look-up."""
    from sqlalchemy.dialects.postgresql import TSQUERY

    q = " ".join(words)
    parts = [
        sa.cast(sa.func.websearch_to_tsquery(sa.literal_column(f"'{cfg}'::regconfig"), sa.func.unaccent(q)), sa.Text)
        for cfg in (*PG_CONFIGS.values(), "simple")
    ]
    # The configurations often parse the words alike ("'drone' & 'album'" in English and 'simple'): each different
    # query once (matching and ranking cost grow with the query's size). ts_rank only sees the distinct lexemes and
    # whether the top operator is AND, so the rank is the same as for the plain OR of all four: two or more
    # non-empty parts stay an OR (of one part twice if they are all alike), as `||` would make them.
    texts = [t for t in session.execute(select(*parts)).one() if t]
    distinct = list(dict.fromkeys(texts))
    if len(texts) >= 2 and len(distinct) == 1:
        distinct *= 2
    parsed = " | ".join(f"( {t} )" for t in distinct)
    vector = SEARCH_VECTOR
    constant = sa.cast(sa.literal(parsed, sa.Text), TSQUERY)
    return vector.op("@@")(constant), sa.func.ts_rank(vector, constant, 32)


def _text_score_sqlite(words: list[str]) -> tuple[Any, sa.ColumnElement[float]]:
    match = " ".join(f'"{w}"*' for w in words)  # every word (as a prefix), quoted: no FTS5 syntax from users
    fts = (
        sa.text("SELECT vendor_id, -bm25(vendor_fts, 0.0, 4.0, 1.0) AS b FROM vendor_fts WHERE vendor_fts MATCH :m")
        .bindparams(m=match)
        .columns(vendor_id=sa.String, b=sa.Float)
        .subquery("fts")
    )
    return fts, fts.c.b / (1.0 + fts.c.b)


def search_vendors(session: Session, principal: Principal, wedding_id: Any, query: SearchQuery) -> SearchPage:
    wedding = load_wedding(session, principal, wedding_id, Permission.VENDORS_BROWSE)
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        # Row estimates for these filters are rough; a JIT compile the planner may decide on costs 50-150 ms, far
        # more than any of these queries, and starting parallel workers for a count of a few thousand index tuples
        # costs more than the count (10-15 ms on a busy 2-core machine). For this transaction only, in one trip.
        session.execute(
            sa.text("SELECT set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)")
        )
    city = wedding_city(wedding)
    page = max(1, min(int(query.page or 1), 10_000))
    per_page = max(1, min(int(query.per_page or PER_PAGE), 50))
    sort = query.sort if query.sort in SORTS else "relevance"

    words = _words(query.text)
    conditions: list[Any] = [VendorProfile.published == sa.true()]
    stmt_from: Any = None
    if words:
        rating: Any = (
            (VendorProfile.rating_count * VendorProfile.rating_avg + PRIOR_COUNT * PRIOR_MEAN)
            / (VendorProfile.rating_count + PRIOR_COUNT)
            / 5.0
        )
        if dialect == "postgresql":
            matches, text_score = _text_score_pg(session, words)
            conditions.append(matches)
        else:
            stmt_from, text_score = _text_score_sqlite(words)
        score: Any = (
            TEXT_WEIGHT * text_score + RATING_WEIGHT * rating + COMPLETENESS_WEIGHT * VendorProfile.completeness
        )
    else:
        # No words: text match is 0 for everyone, so the score is the stored query-independent part (same formula,
        # computed by the database on every write); the ranking indexes hand the rows over already in order.
        rating, text_score, score = VendorProfile.rating_score, sa.literal(0.0, sa.Float), VendorProfile.static_score
    page_type: list[Any] = []
    words_type: list[Any] = []
    if query.vendor_type:
        # Without words, the page and the count walk a ranking index whose tuples carry type_mask (no table
        # visits); with words, the full-text GIN index answers the type too on PostgreSQL.
        page_type = [_type_mask_has(query.vendor_type)]
        words_type = [_tag_filter(dialect, VendorProfile.types, query.vendor_type, _type_tag)]
        if dialect != "postgresql":
            words_type = page_type
    if query.language:
        if words and dialect == "postgresql":
            # The full-text GIN index narrows the matches by language too (the `lg<code>` tag in the vector):
            # fewer table rows to read and rank than filtering every match of the words.
            conditions.append(_tag_filter(dialect, VendorProfile.languages, query.language, _lang_tag))
        else:
            conditions.append(_json_has(VendorProfile.languages, query.language))
    if query.price_max is not None or query.price_min is not None:
        conditions.append(VendorProfile.currency == wedding.currency)
        if query.price_max is not None:
            conditions.append(VendorProfile.price_min <= query.price_max)
        if query.price_min is not None:
            conditions.append(VendorProfile.price_max >= query.price_min)
    if query.min_rating:
        conditions.append(VendorProfile.rating_count > 0)
        conditions.append(VendorProfile.rating_avg >= float(query.min_rating))
    if query.available_on_date:
        conditions += _available_conditions(wedding.wedding_date)
    area_applied = bool(query.in_area and city is not None)
    if area_applied:
        box = 500 / 111.0  # no radius is larger than 500 km: a cheap latitude band first
        within = sa.and_(
            VendorProfile.latitude.is_not(None),
            VendorProfile.latitude.between(city.lat - box, city.lat + box),
            # The distance is at least the north-south part (111.19 km per degree of latitude): this cheap test,
            # with the vendor's own radius, leaves the trigonometry to the few vendors that might be near enough.
            sa.func.abs(VendorProfile.latitude - city.lat) * 111.0 <= VendorProfile.radius_km,
            _distance_sql(city) <= VendorProfile.radius_km,
        )
        conditions.append(sa.or_(within, _json_has_region(city.region)))

    # Two steps: rank narrow rows (ids and scores only), then load the page's dozen profiles.
    columns = [VendorProfile.id, text_score.label("text_score"), rating.label("rating_score"), score.label("score")]
    if words:
        # Every match is scored anyway to rank them: the exact count comes with the page (one query). The type goes
        # in through the full-text index too on PostgreSQL.
        stmt = select(*columns, sa.func.count().over().label("total"))
        type_conditions = words_type
    else:
        stmt = select(*columns)
        type_conditions = page_type
    if stmt_from is not None:
        stmt = stmt.join(stmt_from, stmt_from.c.vendor_id == VendorProfile.id)
    stmt = stmt.where(*conditions, *type_conditions)
    v: Any = VendorProfile
    if words and dialect == "postgresql":
        # Rank the matches in a fenced subquery (OFFSET 0) that hands on narrow rows: otherwise ts_rank runs twice
        # per match (text score and score) and the window count keeps every match's whole row, vector included
        # (measured: 6.7 -> 4.5 ms for 1,278 matches). Same expressions, so the same scores and order.
        v = (
            select(v.id, v.name, v.rating_count, v.rating_avg, v.completeness, v.price_min, v.price_max)
            .add_columns(text_score.label("text_score"))
            .where(*conditions, *type_conditions)
            .offset(0)
            .subquery("matches")
        ).c
        rating = (v.rating_count * v.rating_avg + PRIOR_COUNT * PRIOR_MEAN) / (v.rating_count + PRIOR_COUNT) / 5.0
        score = TEXT_WEIGHT * v.text_score + RATING_WEIGHT * rating + COMPLETENESS_WEIGHT * v.completeness
        columns = [v.id, v.text_score, rating.label("rating_score"), score.label("score")]
        stmt = select(*columns, sa.func.count().over().label("total"))
    if sort == "rating":
        order = [rating.desc(), v.rating_count.desc(), score.desc()]
    elif sort == "price":
        order = [PRICE_UNSET if v is VendorProfile else (v.price_max == 0), v.price_min, score.desc()]
    else:
        order = [score.desc()]
    stmt = stmt.order_by(*order, v.name, v.id).offset((page - 1) * per_page).limit(per_page)
    rows = session.exec(stmt).all()
    offset = (page - 1) * per_page
    if words and rows:
        total, capped = int(rows[0].total), False
    elif (rows and len(rows) < per_page) or (not rows and page == 1):
        total, capped = offset + len(rows), False  # the last page: nothing to count
    else:
        # With a type, its partial index holds about 1/11 of the profiles: the exact count is cheap. With neither
        # words nor a type, counting every published profile would cost more than the search: count to the cap.
        exact = bool(words or query.vendor_type)
        total, capped = _count(session, stmt_from, conditions + type_conditions, None if exact else COUNT_CAP)
    ids = [r.id for r in rows]
    profiles = (
        {v.id: v for v in session.exec(select(VendorProfile).where(VendorProfile.id.in_(ids))).all()} if ids else {}
    )
    thumbs = _first_images(session, ids)
    hits = []
    for row in rows:
        v: VendorProfile = profiles[row.id]
        hits.append(
            SearchHit(
                vendor_id=str(v.id),
                name=v.name,
                types=list(v.types or []),
                base_city=v.base_city,
                snippet=_snippet(v.description),
                price_min=v.price_min,
                price_max=v.price_max,
                currency=v.currency,
                languages=list(v.languages or []),
                rating_avg=v.rating_avg,
                rating_count=v.rating_count,
                text_score=float(row.text_score or 0.0),
                rating_score=float(row.rating_score),
                completeness=float(v.completeness),
                score=float(row.score),
                distance_km=(
                    distance_km(v.latitude, v.longitude, city.lat, city.lon)
                    if city is not None and v.latitude is not None and v.longitude is not None
                    else None
                ),
                thumb_image_id=thumbs.get(v.id, ""),
            )
        )
    return SearchPage(hits, total, page, per_page, city, area_applied, wedding.currency, total_capped=capped)


def _count(session: Session, stmt_from: Any, conditions: list[Any], cap: int | None) -> tuple[int, bool]:
    """How many vendors match: exactly (cap None), or counted up to cap + 1, where (cap, True) means "more than cap"
    (searches with neither words nor a type: counting 95,000 index tuples on every page would cost more than the
    search itself)."""
    inner = select(VendorProfile.id)
    if stmt_from is not None:
        inner = inner.join(stmt_from, stmt_from.c.vendor_id == VendorProfile.id)
    inner = inner.where(*conditions)
    if cap is not None:
        inner = inner.limit(cap + 1)
    n = int(session.exec(select(sa.func.count()).select_from(inner.subquery())).one())
    return (cap, True) if cap is not None and n > cap else (n, False)


def _available_conditions(day: Any) -> list[sa.ColumnElement[bool]]:
    """Free on `day`: not services.vendors.unavailable_condition, written as two AND-ed conditions so the blocked day
    is a plain anti-join (PostgreSQL probes the (vendor_id, day) unique index per vendor of the page instead of
    hashing every vendor's blocked day first)."""
    from models.bookings import VendorBooking

    blocked = sa.exists().where(VendorBlockedDate.vendor_id == VendorProfile.id, VendorBlockedDate.day == day)
    booked = sa.exists().where(
        VendorBooking.vendor_id == VendorProfile.id, VendorBooking.day == day, VendorBooking.status == "confirmed"
    )
    return [sa.not_(blocked), sa.or_(VendorProfile.allows_multiple_per_day, sa.not_(booked))]


def _json_has_region(region: str) -> sa.ColumnElement[bool]:
    """Regions are JSON text; json.dumps writes accents as \\uXXXX escapes, so look for both spellings."""
    as_text = sa.cast(VendorProfile.regions, sa.Text)
    spellings = {region, _ascii_json(region)}
    return sa.or_(*(as_text.like(f'%"{s}"%', escape="#") for s in sorted(spellings)))


def _ascii_json(text: str) -> str:
    """How json.dumps (ensure_ascii) writes the string, without the quotes."""
    import json

    return json.dumps(text)[1:-1]


def _first_images(session: Session, vendor_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not vendor_ids:
        return {}
    out: dict[uuid.UUID, str] = {}
    rows = session.exec(
        select(VendorImage.vendor_id, VendorImage.id)
        .where(VendorImage.vendor_id.in_(vendor_ids))
        .order_by(VendorImage.vendor_id, VendorImage.position, VendorImage.created_at)
    ).all()
    for vendor_id, image_id in rows:
        out.setdefault(vendor_id, str(image_id))
    return out


def _snippet(text: str, limit: int = 220) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"
