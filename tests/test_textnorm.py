"""textnorm: numbers and money are found however they are written, and spans point at the original text."""

from __future__ import annotations

import pytest

from tenacious.bench.textnorm import (
    Mention,
    align,
    money_amounts,
    normalize,
    normalize_with_offsets,
    numbers,
    percentages,
    repair_digit_lookalikes,
)


def test_normalize_folds_unicode_tricks():
    assert normalize("Team\u2014work \u201cfast\u201d \u2018ok\u2019") == "Team-work \"fast\" 'ok'"
    assert normalize("a\u00a0b\u202fc\u2009d") == "a b c d"
    assert normalize("sub\u200bject to\u2060 your\u00ad review") == "subject to your review"
    assert normalize("\uff04\uff11\uff12M") == "$12M"  # full-width forms (NFKC)
    assert normalize("\u0410cme") == "Acme"  # Cyrillic A
    assert normalize("e\u0301") == "\u00e9"  # composed


def test_normalize_does_not_fix_lookalike_digits_in_plain_text():
    assert normalize("1O0 teams") == "1O0 teams"
    assert numbers("1O0 teams") == []


@pytest.mark.parametrize("text, value", [
    ("12", 12), ("3,500,000", 3_500_000), ("12.5", 12.5), ("12k", 12_000), ("12m", 12_000_000),
    ("1.5bn", 1.5e9), ("4 million", 4_000_000), ("3.000.000", 3_000_000), ("12\u202f000\u202f000", 12_000_000),
    ("twelve", 12), ("forty-five", 45), ("forty five", 45), ("a dozen", 12), ("two dozen", 24),
    ("half a million", 500_000), ("a million", 1_000_000), ("twelve million", 12_000_000),
    ("two and a half million", 2_500_000), ("one hundred and twenty", 120), ("three billion", 3e9),
    ("one hundred twenty three thousand four hundred", 123_400), ("a hundred", 100),
    ("\uff11\uff12", 12),
])
def test_single_number_values(text, value):
    found = numbers(text)
    assert [m.value for m in found] == [value], found


@pytest.mark.parametrize("text, values", [
    ("2 300 employees", [2, 300]),  # a plain space does not group digits
    ("one and two", [1, 2]),
    ("nineteen ninety", [19, 90]),
    ("version 2.0.1 ships in Q3", []),
    ("th-0000abcd at 11:00 GMT (14:00 EAT)", []),
    ("half the team", []),
    ("call me 24/7", [24]),
])
def test_things_that_are_not_one_number(text, values):
    assert [m.value for m in numbers(text)] == values


def test_spans_index_the_original_text():
    text = "Hi,\u200b congrats on the \uff04\uff11\uff12M round \u2014 and twelve million dollars more."
    found = numbers(text)
    assert [(m.value, m.unit) for m in found] == [(12e6, "USD"), (12e6, "USD")]
    for m in found:
        assert text[m.start:m.end] == m.text
    assert found[0].text == "\uff04\uff11\uff12M" and found[1].text == "twelve million dollars"


def test_mention_is_frozen():
    mention = numbers("$5")[0]
    assert mention == Mention(5.0, "USD", 0, 2, "$5")
    with pytest.raises(AttributeError):
        mention.value = 6  # type: ignore[misc]


@pytest.mark.parametrize("text, expected", [
    ("Congrats on the $12M round", [(12e6, "USD")]),
    ("USD 12m raised last spring", [(12e6, "USD")]),
    ("you raised 12 million dollars", [(12e6, "USD")]),
    ("congrats on raising twelve million", [(12e6, "")]),
    ("the \u20ac8M Series A", [(8e6, "EUR")]),
    ("a \u20ac3.5M raise", [(3.5e6, "EUR")]),
    ("a round of 3,500,000", [(3.5e6, "")]),
    ("\u00a32.5bn valuation", [(2.5e9, "GBP")]),
    ("US$ 4 million", [(4e6, "USD")]),
    ("one hundred and twenty thousand euros", [(120_000, "EUR")]),
    ("two and a half million dollars", [(2.5e6, "USD")]),
    ("a $1O0k budget", [(100_000, "USD")]),  # look-alike O fixed inside an obvious money token only
    ("between $6-9M", [(6e6, "USD"), (9e6, "USD")]),
    ("a 5 to 7 million dollar raise", [(5e6, "USD"), (7e6, "USD")]),
])
def test_money_amounts(text, expected):
    assert [(m.value, m.unit) for m in money_amounts(text)] == expected


@pytest.mark.parametrize("text", [
    "we serve 2 million users and raised funding",  # counted noun
    "In 2024 you raised a round",  # a year
    "a team of 12 engineers for the round",  # small, unscaled
    "we processed 3,500,000 records",  # no money talk, counted noun
    "twelve million people live there",
    "cut costs by 40%",
])
def test_not_money(text):
    assert money_amounts(text) == []


@pytest.mark.parametrize("text, values", [
    ("cut costs by 40%", [40]), ("forty percent", [40]), ("30-40 per cent", [30, 40]), ("12.5 pct", [12.5]),
    ("$40 and 40 engineers", []),
])
def test_percentages(text, values):
    assert [m.value for m in percentages(text)] == values
    assert all(m.unit == "%" for m in percentages(text))


def test_lookalike_digits_are_repaired_only_in_obvious_figures():
    text = "cut 4O% and $1O0k, but 1O0 teams and the Oslo office stay"
    repaired = repair_digit_lookalikes(text)
    assert repaired == "cut 40% and $100k, but 1O0 teams and the Oslo office stay"
    assert len(repaired) == len(text)  # offsets stay valid
    assert [(m.value, m.text) for m in percentages("cut 4O% now")] == [(40, "4O%")]


def test_align_maps_normalised_spans_back():
    text = "a\u200b\u2014\uff04\uff15"
    aligned = align(text)
    assert aligned.text == "a-$5"
    start = aligned.text.index("$5")
    assert aligned.span(start, start + 2) == (3, 5)
    assert text[slice(*aligned.span(0, len(aligned.text)))] == text
    norm, starts, ends = normalize_with_offsets(text)
    assert norm == aligned.text and tuple(starts) == aligned.starts and tuple(ends) == aligned.ends
    assert align("").span(0, 0) == (0, 0)
