"""A small shipped gazetteer (no network geocoding): city -> region, country, latitude, longitude.

Vendors pick their base city from it (or type coordinates); a wedding's location is found by matching one of
these city names in its venue name or address. Distances are great-circle (haversine) kilometres.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    name: str
    region: str
    country: str
    lat: float
    lon: float


CITIES: tuple[City, ...] = (
    # France
    City("Paris", "Île-de-France", "FR", 48.8566, 2.3522),
    City("Versailles", "Île-de-France", "FR", 48.8049, 2.1204),
    City("Lyon", "Auvergne-Rhône-Alpes", "FR", 45.7640, 4.8357),
    City("Annecy", "Auvergne-Rhône-Alpes", "FR", 45.8992, 6.1294),
    City("Grenoble", "Auvergne-Rhône-Alpes", "FR", 45.1885, 5.7245),
    City("Marseille", "Provence-Alpes-Côte d'Azur", "FR", 43.2965, 5.3698),
    City("Aix-en-Provence", "Provence-Alpes-Côte d'Azur", "FR", 43.5297, 5.4474),
    City("Nice", "Provence-Alpes-Côte d'Azur", "FR", 43.7102, 7.2620),
    City("Cannes", "Provence-Alpes-Côte d'Azur", "FR", 43.5528, 7.0174),
    City("Avignon", "Provence-Alpes-Côte d'Azur", "FR", 43.9493, 4.8055),
    City("Montpellier", "Occitanie", "FR", 43.6108, 3.8767),
    City("Toulouse", "Occitanie", "FR", 43.6047, 1.4442),
    City("Bordeaux", "Nouvelle-Aquitaine", "FR", 44.8378, -0.5792),
    City("Biarritz", "Nouvelle-Aquitaine", "FR", 43.4832, -1.5586),
    City("Nantes", "Pays de la Loire", "FR", 47.2184, -1.5536),
    City("Rennes", "Bretagne", "FR", 48.1173, -1.6778),
    City("Lille", "Hauts-de-France", "FR", 50.6292, 3.0573),
    City("Strasbourg", "Grand Est", "FR", 48.5734, 7.7521),
    City("Reims", "Grand Est", "FR", 49.2583, 4.0317),
    City("Dijon", "Bourgogne-Franche-Comté", "FR", 47.3220, 5.0415),
    City("Tours", "Centre-Val de Loire", "FR", 47.3941, 0.6848),
    City("Rouen", "Normandie", "FR", 49.4432, 1.0999),
    # Spain
    City("Madrid", "Comunidad de Madrid", "ES", 40.4168, -3.7038),
    City("Barcelona", "Cataluña", "ES", 41.3874, 2.1686),
    City("Girona", "Cataluña", "ES", 41.9794, 2.8214),
    City("Valencia", "Comunidad Valenciana", "ES", 39.4699, -0.3763),
    City("Sevilla", "Andalucía", "ES", 37.3891, -5.9845),
    City("Málaga", "Andalucía", "ES", 36.7213, -4.4214),
    City("Granada", "Andalucía", "ES", 37.1773, -3.5986),
    City("Bilbao", "País Vasco", "ES", 43.2630, -2.9350),
    City("San Sebastián", "País Vasco", "ES", 43.3183, -1.9812),
    City("Palma", "Islas Baleares", "ES", 39.5696, 2.6502),
    City("Zaragoza", "Aragón", "ES", 41.6488, -0.8891),
    # Belgium, Switzerland, Luxembourg
    City("Brussels", "Brussels", "BE", 50.8503, 4.3517),
    City("Bruges", "Flanders", "BE", 51.2093, 3.2247),
    City("Liège", "Wallonia", "BE", 50.6326, 5.5797),
    City("Geneva", "Romandy", "CH", 46.2044, 6.1432),
    City("Lausanne", "Romandy", "CH", 46.5197, 6.6323),
    City("Luxembourg", "Luxembourg", "LU", 49.6116, 6.1319),
    # United Kingdom, Ireland
    City("London", "England", "GB", 51.5074, -0.1278),
    City("Bath", "England", "GB", 51.3811, -2.3590),
    City("Edinburgh", "Scotland", "GB", 55.9533, -3.1883),
    City("Dublin", "Ireland", "IE", 53.3498, -6.2603),
    # Italy, Portugal
    City("Florence", "Tuscany", "IT", 43.7696, 11.2558),
    City("Rome", "Lazio", "IT", 41.9028, 12.4964),
    City("Lisbon", "Lisboa", "PT", 38.7223, -9.1393),
    City("Porto", "Norte", "PT", 41.1579, -8.6291),
    # Canada, United States, Mexico
    City("Montréal", "Québec", "CA", 45.5019, -73.5674),
    City("Québec", "Québec", "CA", 46.8139, -71.2080),
    City("Toronto", "Ontario", "CA", 43.6532, -79.3832),
    City("New York", "New York", "US", 40.7128, -74.0060),
    City("Miami", "Florida", "US", 25.7617, -80.1918),
    City("Los Angeles", "California", "US", 34.0522, -118.2437),
    City("Mexico City", "Ciudad de México", "MX", 19.4326, -99.1332),
    City("Cancún", "Quintana Roo", "MX", 21.1619, -86.8515),
)


def fold(text: str) -> str:
    """Lowercase without accents, punctuation as spaces: "Aix-en-Provence" -> "aix en provence"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


_BY_FOLDED = {fold(c.name): c for c in CITIES}
_ALIASES = {
    "bruxelles": "brussels",
    "geneve": "geneva",
    "seville": "sevilla",
    "londres": "london",
    "rome": "rome",
    "roma": "rome",
    "firenze": "florence",
    "lisboa": "lisbon",
    "montreal": "montreal",
    "quebec": "quebec",
    "new york city": "new york",
    "nyc": "new york",
    "brugge": "bruges",
    "mallorca": "palma",
    "donostia": "san sebastian",
    "saragosse": "zaragoza",
    "marseilles": "marseille",
}


def city_by_name(name: str) -> City | None:
    key = fold(name)
    key = _ALIASES.get(key, key)
    return _BY_FOLDED.get(key)


def find_city_in(*texts: str) -> City | None:
    """The first shipped city named in the texts (longest names first, whole words only)."""
    haystack = " " + " ".join(fold(t) for t in texts if t) + " "
    if not haystack.strip():
        return None
    candidates = sorted(
        {**_BY_FOLDED, **{a: _BY_FOLDED[t] for a, t in _ALIASES.items()}}.items(), key=lambda kv: -len(kv[0])
    )
    for key, city in candidates:
        if f" {key} " in haystack:
            return city
    return None


def region_names() -> list[str]:
    return sorted({c.region for c in CITIES})


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
