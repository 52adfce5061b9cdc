"""Money arithmetic of the budget: splits, parsing, per-guest totals. Pure functions, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.budget import allocate, parse_amount, parse_percent, split_amounts

AMOUNTS = st.integers(min_value=0, max_value=10**12)


@st.composite
def percentages_summing_to_100(draw):
    """Basis points (two-decimal percentages) for 1 to 8 payers, summing to exactly 100 %."""
    n = draw(st.integers(min_value=1, max_value=8))
    cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=n - 1, max_size=n - 1)))
    bounds = [0, *cuts, 10_000]
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


@settings(max_examples=400, deadline=None)
@given(total=AMOUNTS, bps=percentages_summing_to_100())
def test_percent_shares_always_sum_to_the_item_total_to_the_cent(total, bps):
    shares = [(f"payer{i}", bp, 0) for i, bp in enumerate(bps)]
    parts, unassigned = split_amounts(total, "percent", shares)
    assert sum(parts.values()) == total
    assert unassigned == 0
    for (_payer, bp, _), part in zip(shares, [parts[p] for p, _, _ in shares], strict=True):
        exact = Decimal(total) * bp / 10_000
        assert abs(part - exact) < 1  # never more than one cent away from the exact share
        assert part >= 0
        if bp == 0:
            assert part == 0


@settings(max_examples=300, deadline=None)
@given(total=st.integers(-(10**9), 10**9), weights=st.lists(st.integers(0, 10**6), min_size=1, max_size=12))
def test_allocate_is_exact_for_any_weights(total, weights):
    if sum(weights) == 0:
        with pytest.raises(ValueError):
            allocate(total, weights)
        return
    parts = allocate(total, weights)
    assert sum(parts) == total and len(parts) == len(weights)
    assert all(p == 0 for p, w in zip(parts, weights, strict=True) if w == 0)


def test_three_way_split_of_one_hundred_euros():
    parts, _ = split_amounts(10_000, "percent", [("couple", 3334, 0), ("a", 3333, 0), ("b", 3333, 0)])
    assert parts == {"couple": 3334, "a": 3333, "b": 3333}
    parts, _ = split_amounts(100, "percent", [("a", 3333, 0), ("b", 3333, 0), ("c", 3334, 0)])
    assert sum(parts.values()) == 100


def test_amount_split_leaves_the_rest_unassigned():
    parts, rest = split_amounts(10_000, "amount", [("a", 0, 6_000), ("b", 0, 3_000)])
    assert parts == {"a": 6_000, "b": 3_000} and rest == 1_000
    assert split_amounts(5_000, "", []) == ({}, 5_000)


@pytest.mark.parametrize(
    ("raw", "lang", "currency", "minor"),
    [
        ("1200", "en", "EUR", 120_000),
        ("1,200.50", "en", "EUR", 120_050),
        ("1 200,50", "fr", "EUR", 120_050),
        ("1\u202f200,5", "fr", "EUR", 120_050),
        ("1.200,50", "es", "EUR", 120_050),
        ("1200.50", "es", "EUR", 120_050),  # a decimal point typed in Spanish is still a decimal point
        ("1.200", "es", "EUR", 120_000),  # ... unless it groups thousands
        ("€ 99.99", "en", "EUR", 9_999),
        ("1500", "en", "JPY", 1500),
        ("", "en", "EUR", 0),
    ],
)
def test_amounts_parse_in_every_language(raw, lang, currency, minor):
    errors = {}
    assert parse_amount(raw, currency, lang, field="x", errors=errors) == minor
    assert errors == {}


@pytest.mark.parametrize(
    ("raw", "currency", "message"),
    [
        ("-5", "EUR", "An amount cannot be negative."),
        ("abc", "EUR", "Enter an amount like 1200 or 1200.50."),
        ("99999999999", "EUR", "This amount is too large (more than {limit}). Check it."),
        ("12.345", "EUR", "Use at most {n} decimals for {currency}."),
        ("12.5", "JPY", "Use at most {n} decimals for {currency}."),
    ],
)
def test_bad_amounts_are_refused_with_a_message(raw, currency, message):
    errors = {}
    parse_amount(raw, currency, "en", field="amount", errors=errors)
    assert errors["amount"].id == message


def test_a_payment_must_be_positive():
    errors = {}
    parse_amount("0", "EUR", "en", field="amount", errors=errors, positive=True)
    assert errors["amount"].id == "Enter an amount greater than zero."


@pytest.mark.parametrize(("raw", "bp"), [("50", 5000), ("33,33", 3333), ("33.34 %", 3334), ("", 0), ("100", 10_000)])
def test_percentages_parse(raw, bp):
    errors = {}
    assert parse_percent(raw, field="p", errors=errors) == bp and not errors


@pytest.mark.parametrize("raw", ["-1", "101", "12.345", "half"])
def test_bad_percentages_are_refused(raw):
    errors = {}
    parse_percent(raw, field="p", errors=errors)
    assert "p" in errors
