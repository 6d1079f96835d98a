"""Amounts of money in Vietnamese words, as accountants and the State Treasury write them.

``amount_in_words(5_000_000)`` → ``"Năm triệu đồng chẵn."``, the "Bằng chữ" line of a payment
order, a claim or a fund statement. frappe's ``money_in_words`` (num2words ``vi``) is not used:
it title-cases every word, puts the currency code in front ("VND Năm Triệu only.") and drops the
"không trăm" of an inner group (1.005.000 → "một triệu năm nghìn"), which an accountant reads
as a tampered amount.

The conventions:

- every group of three digits after the first is read whole, so no digit can be slipped in:
  1.005.000 → "một triệu không trăm linh năm nghìn"; groups that are all zeros are skipped
  (5.000.000 → "năm triệu", 1.000.005 → "một triệu không trăm linh năm");
- a zero tens digit between hundreds and units is "linh" (Northern usage; "lẻ" on request);
- 10 is "mười", 20-90 "… mươi"; a unit 1 after "mươi" is "mốt" (21 "hai mươi mốt", but
  11 "mười một" and 101 "một trăm linh một"); 5 after a tens digit is "lăm" (15 "mười lăm",
  25 "hai mươi lăm", but 105 "một trăm linh năm"); 4 after "mươi" is "tư" (24 "hai mươi tư");
- the scales are nghìn (or "ngàn"), triệu, tỷ, and beyond a tỷ the count of tỷ is read again
  (10^12 "một nghìn tỷ", 10^18 "một tỷ tỷ");
- VND has no fraction: an amount is a whole number of đồng, "chẵn" ("even") closes an amount
  with no odd đồng below a thousand (5.000.000 "… đồng chẵn", 5.000.500 "… đồng").

Plain Python, no frappe: tested in tests/test_vn_words.py.
"""

from decimal import Decimal
from numbers import Number

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
BILLION = 10**9
GROUP_SCALES = ((10**6, "triệu"), (10**3, None), (1, ""))  # None: the thousand word chosen


def _triple(n: int, whole: bool, zero_tens: str) -> list[str]:
	"""Words of 1 ≤ n ≤ 999; ``whole`` reads the hundreds even when 0 ("không trăm linh năm")."""
	hundreds, tens, units = n // 100, n // 10 % 10, n % 10
	words = []
	if hundreds or whole:
		words += [DIGITS[hundreds], "trăm"]
	if tens == 0:
		if units and words:
			words.append(zero_tens)
		if units:
			words.append(DIGITS[units])
	elif tens == 1:
		words.append("mười")
		if units:
			words.append("lăm" if units == 5 else DIGITS[units])
	else:
		words += [DIGITS[tens], "mươi"]
		if units:
			words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, DIGITS[units]))
	return words


def _below_billion(n: int, leading: bool, zero_tens: str, thousand: str) -> list[str]:
	"""Words of 1 ≤ n < 10^9; when not ``leading`` (after "tỷ"), the first group is read whole."""
	words = []
	for scale, name in GROUP_SCALES:
		group = n // scale % 1000
		if not group:
			continue
		words += _triple(group, whole=bool(words) or not leading, zero_tens=zero_tens)
		scale_word = thousand if name is None else name
		if scale_word:
			words.append(scale_word)
	return words


def number_words(n: int, zero_tens: str = "linh", thousand: str = "nghìn") -> list[str]:
	"""The words of a whole number ``n`` ≥ 0, as a list (``number_in_words`` joins them)."""
	if n < 0:
		raise ValueError("a negative number has no reading here")
	if n == 0:
		return [DIGITS[0]]
	billions, rest = divmod(n, BILLION)
	words = []
	if billions:
		words += [*number_words(billions, zero_tens, thousand), "tỷ"]
	if rest:
		words += _below_billion(rest, leading=not billions, zero_tens=zero_tens, thousand=thousand)
	return words


def number_in_words(n: int, zero_tens: str = "linh", thousand: str = "nghìn") -> str:
	"""``1005`` → ``"một nghìn không trăm linh năm"`` (lower case; "âm …" below zero)."""
	n = whole_number(n)
	words = number_words(abs(n), zero_tens, thousand)
	return " ".join(["âm", *words] if n < 0 else words)


def whole_number(value) -> int:
	"""``value`` as an int, refused (ValueError) unless it is a whole number: VND has no fraction."""
	if isinstance(value, bool) or not isinstance(value, Number | Decimal | str):
		raise ValueError(f"not an amount: {value!r}")
	try:
		number = Decimal(str(value).strip() or "0")
	except ArithmeticError:
		raise ValueError(f"not an amount: {value!r}")
	if not number.is_finite() or number != number.to_integral_value():
		raise ValueError(f"{value!r} is not a whole number of đồng")
	return int(number)


def format_vnd(amount, symbol: str = "đ") -> str:
	"""``5_000_000`` → ``"5.000.000 đ"``: dots between thousands, no decimals, the symbol after."""
	n = whole_number(amount)
	digits = f"{abs(n):,}".replace(",", ".")
	text = ("-" if n < 0 else "") + digits
	return f"{text} {symbol}" if symbol else text


SHORT_SCALES = ((10**12, "nghìn tỷ"), (10**9, "tỷ"), (10**6, "triệu"))


def short_vnd(amount, currency: str = "đồng") -> str:
	"""``995_000_000`` → ``"995 triệu đồng"``, ``1_250_000_000`` → ``"1,25 tỷ đồng"``: a number card's
	figure in the units officials report in (two decimals at most, cut down, decimal comma)."""
	n = whole_number(amount)
	for scale, name in SHORT_SCALES:
		if abs(n) >= scale:
			hundredths = abs(n) * 100 // scale
			whole, frac = divmod(hundredths, 100)
			text = f"{whole:,}".replace(",", ".") + (f",{frac:02d}".rstrip("0") if frac else "")
			return f"{'-' if n < 0 else ''}{text} {name} {currency}"
	return f"{format_vnd(n, '')} {currency}"


def amount_in_words(amount, currency: str = "đồng", zero_tens: str = "linh", thousand: str = "nghìn") -> str:
	"""``5_000_000`` → ``"Năm triệu đồng chẵn."``: capitalised, the currency word, a full stop."""
	n = whole_number(amount)
	text = number_in_words(n, zero_tens, thousand) + " " + currency
	if n and n % 1000 == 0:
		text += " chẵn"
	return text[0].upper() + text[1:] + "."
