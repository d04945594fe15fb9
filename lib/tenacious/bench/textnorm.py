"""Text and number normalisation shared by the scorer and the judge rule engine.

Both read emails nobody on the team wrote, so a figure must be found however it is spelled:
"$12M", "USD 12m", "12 million dollars", "twelve million", "EUR 3.5M", "3,500,000", and Unicode
tricks (full-width digits, narrow no-break spaces, zero-width joiners, Cyrillic look-alikes) must
not hide it. Every Mention keeps the span of the ORIGINAL text so explanations can point at it.

Decisions fixed here:
- `normalize` folds NFKC forms, dashes, quotes, spaces and a few Cyrillic/Greek look-alike letters,
  and drops invisible format characters. It never touches digits or letters otherwise: "1O0" stays
  "1O0" (not a number) except inside an obvious figure (`repair_digit_lookalikes`: "$1O0k" reads as
  $100k, "4O%" as 40 %).
- A money amount has a currency (symbol, code or word) or, without one, is a scaled or >= 1,000
  figure in a sentence that talks about money, not followed by a counted noun ("2 million users")
  and not a bare year. Such amounts carry unit "" (no currency written).
- The two ends of a range share a unit, and the first takes the second's scale: "$6-9M" is $6M to
  $9M, "30-40%" is 30 % to 40 %.
- A vague amount is still an amount (v0.3): "high single-digit millions", "an eight-figure round",
  "tens of millions", "a few million" are scaled Mentions whose `low`/`high` give the range the words
  allow and whose `value` is its middle; checks compare a brief's figure against the range.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

CURRENCIES: tuple[str, ...] = ("USD", "EUR", "GBP")
PERCENT = "%"

_FOLD: dict[str, str] = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    "\u2044": "/",
    # Cyrillic and Greek capitals/lower-case letters that render like Latin ones ("Асme" with a Cyrillic A).
    **dict(zip("АВЕКМНОРСТХаеорсухіјѕԁ", "ABEKMHOPCTXaeopcyxijsd")),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο", "ABEZHIKMNOPTYXo")),
}

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# The plural after a number is a non-native scale ("twenty-five millions"), the same amount.
_SCALES: dict[str, float] = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "mil": 1e6, "mill": 1e6,
                             "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_SUFFIX_SCALE: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mio": 1e6, "mil": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "mill": 1e6, "mln": 1e6,
}
_APPROX_JOINERS = frozenset({"odd", "plus", "ish"})
_SCALE_WORD: dict[str, float] = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_FIGURES: dict[str, int] = {"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_DIGIT_BAND: dict[str, tuple[float, float]] = {"single": (1, 9), "double": (10, 99), "triple": (100, 999)}
_BAND_PART: dict[str, tuple[float, float]] = {"low": (0.0, 1 / 3), "lower": (0.0, 1 / 3), "mid": (1 / 3, 2 / 3),
                                               "middle": (1 / 3, 2 / 3), "high": (2 / 3, 1.0), "upper": (2 / 3, 1.0)}
_FEW: dict[str, tuple[float, float]] = {"a few": (2, 5), "a couple of": (2, 3), "a couple": (2, 3), "several": (3, 9),
                                        "a handful of": (2, 5), "multiple": (2, 9), "some": (2, 9)}
# Vague amounts: "(high) single-digit millions", "an eight-figure raise", "tens of millions", "a few million".
_APPROX = re.compile(
    r"(?:(?P<part>low|lower|mid|middle|high|upper)[- ])?(?P<band>single|double|triple)[- ]digits?[- ]"
    r"(?P<bscale>thousand|million|billion)s?\b"
    r"|(?P<fig>five|six|seven|eight|nine|ten|[5-9]|10)[- ]figures?\b"
    r"|(?P<tens>tens|hundreds) of (?P<tscale>thousands|millions|billions)\b"
    r"|(?P<few>a few|a couple of|a couple|several|a handful of|multiple)[ -](?P<fscale>thousand|million|billion)s?\b"
    r"|(?:(?P<dpart>low|lower|mid|middle|high|upper)[- ])?(?P<decade>[1-9]0'?s|twenties|thirties|forties|fifties|sixties|"
    r"seventies|eighties|nineties)(?:[- ]|\s\(\s*)(?P<dscale>thousand|million|billion)s?\b"
    # "twenty-something million", "20-something-million": the tens the words give, any unit
    r"|(?P<sth>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|[2-9]0)[- ]?something[- ]"
    r"(?P<sscale>thousand|million|billion)s?\b",
    re.IGNORECASE)
_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                 "eighties": 80, "nineties": 90}

# Digits: comma grouping, dot grouping with 2+ groups (European), space grouping (checked against the
# original: only a no-break/thin space groups digits), plain and decimal. Single-letter suffixes must be
# attached ("12m"); word suffixes may follow a space ("12 million").
_DIGITS = re.compile(
    r"(?<![\w.,:/])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}|\d{1,3}(?: \d{3})+(?!\d)|"
    r"\d+(?:\.\d+)?|\.\d+)"
    r"(?:(?P<tight>k|K|mm|MM|mn|Mn|m|M|bn|Bn|BN|b|B)|(?:[ -](?:odd|plus|ish|or so|or more))?[ -]?"
    r"(?P<word>thousand|million|billion|mio|mil|mill|mln)s?\b)?"
    r"(?![\w:]|[.,]\d)")
# Obvious figures with look-alike letters for digits: a money token ("$1O0k", "€5O0,000", "$l2M") or a figure
# right before a percent sign or k/m scale ("4O%", "1Om").
_LOOKALIKE_MONEY = re.compile(
    r"(?<=[$€£])\s?(?P<tok>[0-9OolI][0-9OolI,.]*)(?=(?:k|K|m|M|mm|mn|bn|b|B)?(?![A-Za-z0-9]))")
_LOOKALIKE_FIGURE = re.compile(
    r"(?<![A-Za-z0-9])(?P<tok>(?=[0-9OolI.,]*\d)[0-9OolI][0-9OolI.,]*?)(?=\s?(?:%|percent\b|per cent\b)|[kKmM]\b)")
_LOOKALIKE_DIGIT = str.maketrans("OolI", "0011")

_PERCENT_AFTER = re.compile(r"\s?(?:%|percent\b|per cent\b|pct\b)", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(
    r"(?:(?P<usd>US\s?\$|\$|\bUSD|\bUS dollars?)|(?P<eur>€|\bEUR)|(?P<gbp>£|\bGBP))\s?$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(
    r"\s?(?:(?P<usd>(?:US |American )?dollars?\b|bucks\b|USD\b|\$)|(?P<eur>euros?\b|EUR\b|€)|"
    r"(?P<gbp>pounds?(?: sterling)?\b|quid\b|GBP\b|£))", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s?(?:-|to|and)\s?", re.IGNORECASE)

_MONEY_CONTEXT = re.compile(
    r"\b(?:rais\w*|round|funding|funded|fundraise|financing|valuation|valued|invest\w*|capital|backed|budget\w*|"
    r"contract|deal|revenue|arr|mrr|spend\w*|cost\w*|price\w*|pricing|fee|fees|pay|paid|paying|worth|series|seed|"
    r"cheque|check|grant|loan|debt|cash|salary|salaries|saving|savings|burn|money|dollars?|euros?|pounds|"
    r"closed|secured|landed|bagged|ventures?|vcs?|backers?|bank|war chest|runway|figures?)\b",
    re.IGNORECASE)
_COUNTED_NOUN = re.compile(
    r"\s?(?:[a-z-]+ )?(?:users?|customers?|clients?|people|persons?|employees?|engineers?|developers?|"
    r"downloads?|installs?|transactions?|requests?|calls?|rows?|records?|patients?|members?|subscribers?|"
    r"visitors?|orders?|shipments?|lines?|messages?|events?|devices?|students?|learners?|sessions?|units?|"
    r"tonnes?|tons?|km|miles?|hours?|minutes?|years?|months?|days?|weeks?|parcels?|policies|accounts?|"
    r"loans?|cards?|trips?|rides?|merchants?|stores?|seats?|views?|clicks?|pages?|tickets?|claims?)\b",
    re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Mention:
    """A number found in a text: its face value, unit ("USD", "EUR", "GBP", "%" or ""), span and original text.

    A vague amount ("high single-digit millions") also carries the range its words allow, [low, high].
    """

    value: float
    unit: str
    start: int
    end: int
    text: str
    low: float | None = None
    high: float | None = None

    def covers(self, figure: float, tolerance: float = 0.0) -> bool:
        """`figure` agrees with this mention: within `tolerance` (a share) of its value, or inside its range."""
        if self.low is not None and self.high is not None:
            return self.low * (1 - tolerance) <= figure <= self.high * (1 + tolerance)
        return abs(self.value - figure) <= tolerance * abs(figure) + 1e-9


# --- normalisation -----------------------------------------------------------------------------


_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def normalize_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """Normalised text plus, per normalised character, the [start, end) of the original character it came from."""
    norm, starts, ends = _normalized(text)
    return norm, list(starts), list(ends)


@functools.lru_cache(maxsize=8192)
def _normalized(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """`normalize_with_offsets`, cached: the scorer and the rules normalise the same email many times.

    ASCII runs are their own normal form (NFKC leaves them, no fold applies, no ASCII character is invisible), so
    only the other characters, and an ASCII letter a combining mark follows, go through unicodedata."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        run = _ASCII_RUN.match(text, i)
        if run:
            stop = run.end()
            if stop < n and unicodedata.combining(text[stop]):
                stop -= 1  # the base character of a combining mark is composed below
            if stop > i:
                out.append(text[i:stop])
                starts.extend(range(i, stop))
                ends.extend(range(i + 1, stop + 1))
                i = stop
                continue
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1  # keep a base character with its combining marks so NFKC can compose them
        for ch in unicodedata.normalize("NFKC", text[i:j]):
            if unicodedata.category(ch) == "Cf":
                continue  # zero-width spaces/joiners, soft hyphens, bidi controls
            if unicodedata.category(ch) == "Zs":
                ch = " "
            out.append(_FOLD.get(ch, ch))
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), tuple(starts), tuple(ends)


@dataclass(frozen=True)
class Aligned:
    """A normalised text that still knows, per character, where in the original it came from."""

    text: str
    original: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) that produced normalised [start, end)."""
        if not self.text:
            return 0, 0
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else len(self.original)
            return at, at
        return self.starts[start], self.ends[end - 1]


def align(text: str) -> Aligned:
    """Normalise `text` and keep the map back to it, so matches on the normalised text can cite the original."""
    norm, starts, ends = _normalized(text)
    return Aligned(norm, text, starts, ends)


def normalize(text: str) -> str:
    """NFKC text with dashes, quotes, spaces and look-alike letters folded and invisible characters removed."""
    return _normalized(text)[0]


# --- numbers -------------------------------------------------------------------------------------


def repair_digit_lookalikes(text: str) -> str:
    """Same-length copy of `text` where look-alike letters in an obvious figure become digits.

    Obvious: right after a currency symbol ("$1O0k") or right before "%", "percent" or a k/m scale
    ("4O%", "1Om"). Elsewhere "1O0" stays as written.
    """
    chars = list(text)
    for pattern in (_LOOKALIKE_MONEY, _LOOKALIKE_FIGURE):
        for match in pattern.finditer(text):
            token = match.group("tok")
            if any(c.isdigit() for c in token):
                start = match.start("tok")
                chars[start:start + len(token)] = token.translate(_LOOKALIKE_DIGIT)
    return "".join(chars)


def _digit_numbers(norm: str, text: str, starts: list[int]) -> list[tuple[float, int, int, bool]]:
    """(value, start, end, scaled) for every digit number in the normalised text."""
    out = []
    for match in _DIGITS.finditer(repair_digit_lookalikes(norm)):
        raw, at = match.group("num"), match.start()
        suffix = (match.group("tight") or match.group("word") or "").lower()
        if " " in raw and any(text[starts[at + k]] == " " for k, c in enumerate(raw) if c == " "):
            # a plain space does not group digits ("2 300" may be two numbers): one number per group
            groups = raw.split(" ")
            for group in groups[:-1]:
                out.append((float(group), at, at + len(group), False))
                at += len(group) + 1
            raw = groups[-1]
        if raw.count(".") >= 2:
            raw = raw.replace(".", "")
        value = float(raw.replace(",", "").replace(" ", ""))
        out.append((value * _SUFFIX_SCALE.get(suffix, 1.0), at, match.end(), bool(suffix)))
    return out


def _approx_numbers(norm: str) -> list[tuple[float, int, int, bool, float, float]]:
    """(middle, start, end, scaled, low, high) for every vague amount in the normalised text."""
    out = []
    for m in _APPROX.finditer(norm):
        if m.group("band"):
            lo, hi = _DIGIT_BAND[m.group("band").lower()]
            if m.group("part"):
                a, b = _BAND_PART[m.group("part").lower()]
                lo, hi = lo + (hi - lo) * a, lo + (hi - lo) * b
            scale = _SCALE_WORD[m.group("bscale").lower()]
        elif m.group("fig"):
            digits = _FIGURES.get(m.group("fig").lower()) or int(m.group("fig"))
            lo, hi, scale = 10 ** (digits - 1), 10 ** digits - 1, 1.0
        elif m.group("decade"):  # "mid-30s million": 30-39, its part a third of that
            word = m.group("decade").lower()
            lo = _DECADE_WORDS.get(word) or int(word.rstrip("s").rstrip("'"))
            hi = lo + 9
            if m.group("dpart"):
                a, b = _BAND_PART[m.group("dpart").lower()]
                lo, hi = lo + (hi - lo) * a, lo + (hi - lo) * b
            scale = _SCALE_WORD[m.group("dscale").lower()]
        elif m.group("sth"):
            word = m.group("sth").lower()
            lo = _TENS.get(word) or int(word)
            hi, scale = lo + 9, _SCALE_WORD[m.group("sscale").lower()]
        elif m.group("tens"):
            lo, hi = (10, 99) if m.group("tens").lower() == "tens" else (100, 999)
            scale = _SCALE_WORD[m.group("tscale").lower().rstrip("s")]
        else:
            lo, hi = _FEW[m.group("few").lower()]
            scale = _SCALE_WORD[m.group("fscale").lower()]
        low, high = lo * scale, hi * scale
        out.append(((low + high) / 2, m.start(), m.end(), True, low, high))
    return out


def _word_numbers(norm: str) -> list[tuple[float, int, int, bool]]:
    """(value, start, end, scaled) for spelled-out numbers: "forty-five", "a dozen", "two and a half million"."""
    lower = norm.lower()
    tokens = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(lower)]
    out = []
    i = 0
    while i < len(tokens):
        parsed = _parse_number_words(tokens, i, lower)
        if parsed is None:
            i += 1
            continue
        value, first, last, scaled = parsed
        out.append((value, tokens[first][1], tokens[last][2], scaled))
        i = last + 1
    return out


def _parse_number_words(tokens: list[tuple[str, int, int]], i: int,
                        lower: str) -> tuple[float, int, int, bool] | None:
    """The longest spelled-out number starting at token i: (value, first token, last token, scaled), or None.

    "a" and "and" only join ("a dozen", "a hundred and five", "two and a half million"); a bare "half"
    or "a" is not a number.
    """
    total = current = 0.0
    first = last = None
    previous = ""
    scaled = False
    smallest_scale = float("inf")
    before_and = None  # the number as it stood before the last "and": "5,500 and 9,000" is two numbers
    place = 0.0  # after "point": the value of the next digit word ("three point two million" is 3.2 million)
    for k in range(i, len(tokens)):
        word = tokens[k][0]
        if place:
            if word not in _UNITS or _UNITS[word] > 9:
                place = 0.0
            else:
                current += _UNITS[word] * place
                place /= 10
                last, previous = k, word
                continue
        if word in _SCALES and _SCALES[word] >= smallest_scale and before_and is not None:
            total, current, first, last, scaled = before_and
            break
        nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        if k > i and lower[tokens[k - 1][2]:tokens[k][1]] not in (" ", "-"):
            break  # only spaces or hyphens join the words of one number
        if word == "a":
            if not (nxt in ("hundred", "dozen", "half") or nxt in _SCALES) or previous not in ("", "and", "half"):
                break
        elif word == "and":
            if last is None or previous not in ("hundred", *_SCALES) and nxt not in ("a", "half"):
                break  # "one and two" is two numbers
            before_and = (total, current, first, last, scaled)
        elif word in _UNITS:
            if previous in _UNITS or (previous in _TENS and _UNITS[word] >= 10):
                break
            current += _UNITS[word]
        elif word in _TENS:
            if previous in _UNITS or previous in _TENS:
                break
            current += _TENS[word]
        elif word in ("hundred", "dozen") or word in _SCALES:
            if last is None and previous != "a":
                break
            if word in _SCALES:
                total += (current or 1.0) * _SCALES[word]
                current, scaled = 0.0, True
                smallest_scale = min(smallest_scale, _SCALES[word])
            else:
                current = (current or 1.0) * (100 if word == "hundred" else 12)
        elif word in _APPROX_JOINERS and (previous in _UNITS or previous in _TENS) and nxt in _SCALES:
            pass  # "fifty-odd million", "forty-plus million": the approximation joins the number to its scale
        elif (word == "or" and nxt == "so" and (previous in _UNITS or previous in _TENS) and k + 2 < len(tokens)
              and tokens[k + 2][0] in _SCALES) or (word == "so" and previous == "or" and nxt in _SCALES):
            pass  # "twelve or so million": the same approximation in two words
        elif word == "point" and last is not None and (previous in _UNITS or previous in _TENS) and _UNITS.get(nxt, 10) < 10:
            place = 0.1
        elif word == "half" and previous in ("a", "and") and last is not None:
            current += 0.5  # "two and a half", "two and half"
        elif word == "half" and previous == "" and nxt == "a":
            current = 0.5  # "half a million"
        else:
            break
        if first is None:
            first = k
        if word not in ("a", "and"):
            last = k
        previous = word
    if last is None or (tokens[last][0] == "half" and not scaled and current == 0.5):
        return None
    return total + current, first, last, scaled


def _scan(text: str) -> list[tuple[Mention, bool]]:
    """Every number with its unit attached, and whether it carried a scale (k, m, million ...)."""
    norm, starts, ends = normalize_with_offsets(text)
    exact = [(*r, None, None) for r in _digit_numbers(norm, text, starts) + _word_numbers(norm)]
    # A vague amount wins over the numbers inside it ("eight-figure" is not the number eight).
    found = sorted(_approx_numbers(norm) + exact, key=lambda r: (r[1], r[1] - r[2]))
    spans: list[list] = []  # [value, start, end, unit, scaled, low, high] in the normalised text
    for value, start, end, scaled, low, high in found:
        if spans and start < spans[-1][2]:
            continue
        unit = ""
        after = _PERCENT_AFTER.match(norm, end)
        if after:
            unit, end = PERCENT, after.end()
        else:
            before = _CURRENCY_BEFORE.search(norm[max(0, start - 12):start])
            if before:
                unit = _currency(before)
                start -= len(before.group(0))
            after = _CURRENCY_AFTER.match(norm, end)
            if after:
                unit = unit or _currency(after)
                end = after.end()
        spans.append([value, start, end, unit, scaled, low, high])
    _spread_ranges(spans, norm)
    return [(Mention(value, unit, starts[start], ends[end - 1], text[starts[start]:ends[end - 1]], low, high), scaled)
            for value, start, end, unit, scaled, low, high in spans]


def numbers(text: str) -> list[Mention]:
    """Every number in `text` (digits or words), with percent or currency units attached, in text order."""
    return [mention for mention, _ in _scan(text)]


def _currency(match: re.Match) -> str:
    return "USD" if match.group("usd") else "EUR" if match.group("eur") else "GBP"


def _spread_ranges(spans: list[list], norm: str) -> None:
    """In a range "A-B" the ends share a unit ("$6-9M", "30-40%"), and A takes B's scale when it has none."""
    for left, right in itertools.pairwise(spans):
        if not _RANGE_JOIN.fullmatch(norm[left[2]:right[1]]):
            continue
        if right[4] and not left[4] and left[0] < 1000:
            left[0] *= next(s for s in (1e9, 1e6, 1e3) if right[0] >= s)
            left[4] = True
        if bool(left[3]) != bool(right[3]):
            left[3] = right[3] = left[3] or right[3]


def percentages(text: str) -> list[Mention]:
    """Numbers written as percentages ("40%", "forty percent", "30-40 per cent")."""
    return [m for m in numbers(text) if m.unit == PERCENT]


def money_amounts(text: str) -> list[Mention]:
    """Money at face value: any currency-marked number, or an unmarked large/scaled figure in money talk."""
    return [mention for mention, scaled in _scan(text)
            if mention.unit in CURRENCIES or (mention.unit == "" and _bare_money(mention, scaled, text))]


def amounts(text: str) -> list[Mention]:
    """Money amounts plus every other scaled figure of 100,000 or more that counts nothing ("around eight million
    from the A"): what a funding claim can be written as when the sentence never says money."""
    out = []
    for mention, scaled in _scan(text):
        bare_large = mention.unit == "" and scaled and mention.value >= 1e5 and not _COUNTED_NOUN.match(
            normalize(text[mention.end:mention.end + 40]))
        if mention.unit in CURRENCIES or bare_large or (mention.unit == "" and _bare_money(mention, scaled, text)):
            out.append(mention)
    return out


def _bare_money(mention: Mention, scaled: bool, text: str) -> bool:
    """An unmarked number is money when it is large or scaled, not a year, not counting things, in money talk."""
    if not scaled and mention.value < 1000:
        return False
    if not scaled and mention.value.is_integer() and 1900 <= mention.value <= 2100 and "," not in mention.text:
        return False  # a year
    if _COUNTED_NOUN.match(normalize(text[mention.end:mention.end + 40])):
        return False
    return _MONEY_CONTEXT.search(normalize(_sentence_around(text, mention.start, mention.end))) is not None


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, start)), default=0)
    right = _SENTENCE_BREAK.search(text, end)
    return text[left:right.start() if right else len(text)]

