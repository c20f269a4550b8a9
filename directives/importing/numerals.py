"""Roman numerals, as directives number their parts (I., II., ...) and Word renders list labels."""

from functools import lru_cache

_ROMAN_VALUES = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def to_roman(value: int) -> str:
    out = []
    for amount, symbol in _ROMAN_VALUES:
        count, value = divmod(value, amount)
        out.append(symbol * count)
    return "".join(out)


@lru_cache(maxsize=64)
def from_roman(symbols: str) -> int | None:
    for value in range(1, 200):
        if to_roman(value) == symbols:
            return value
    return None
