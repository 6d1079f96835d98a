"""Amounts in Vietnamese words: a table of known readings, and properties over any amount."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop_app.rules.vn_words import amount_in_words, format_vnd, number_in_words, short_vnd, whole_number

# as accountants write them (Bằng chữ), checked by hand against treasury and bank practice
NUMBERS = [
	(0, "không"),
	(1, "một"),
	(4, "bốn"),
	(5, "năm"),
	(10, "mười"),
	(11, "mười một"),
	(14, "mười bốn"),
	(15, "mười lăm"),
	(20, "hai mươi"),
	(21, "hai mươi mốt"),
	(24, "hai mươi tư"),
	(25, "hai mươi lăm"),
	(55, "năm mươi lăm"),
	(100, "một trăm"),
	(101, "một trăm linh một"),
	(104, "một trăm linh bốn"),
	(105, "một trăm linh năm"),
	(110, "một trăm mười"),
	(115, "một trăm mười lăm"),
	(121, "một trăm hai mươi mốt"),
	(1_000, "một nghìn"),
	(1_001, "một nghìn không trăm linh một"),
	(1_010, "một nghìn không trăm mười"),
	(1_015, "một nghìn không trăm mười lăm"),
	(1_100, "một nghìn một trăm"),
	(10_000, "mười nghìn"),
	(15_000, "mười lăm nghìn"),
	(21_000, "hai mươi mốt nghìn"),
	(100_000, "một trăm nghìn"),
	(105_000, "một trăm linh năm nghìn"),
	(1_000_000, "một triệu"),
	(1_000_005, "một triệu không trăm linh năm"),
	(1_005_000, "một triệu không trăm linh năm nghìn"),
	(1_050_000, "một triệu không trăm năm mươi nghìn"),
	(1_500_000, "một triệu năm trăm nghìn"),
	(5_000_000, "năm triệu"),
	(15_500_000, "mười lăm triệu năm trăm nghìn"),
	(50_000_000, "năm mươi triệu"),
	(150_000_000, "một trăm năm mươi triệu"),
	(300_000_000, "ba trăm triệu"),
	(1_000_000_000, "một tỷ"),
	(1_000_000_005, "một tỷ không trăm linh năm"),
	(1_050_000_000, "một tỷ không trăm năm mươi triệu"),
	(2_000_050_000, "hai tỷ không trăm năm mươi nghìn"),
	(
		1_234_567_891,
		"một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt",
	),
	(25_000_000_000, "hai mươi lăm tỷ"),
	(1_000_000_000_000, "một nghìn tỷ"),
	(1_200_000_000_000, "một nghìn hai trăm tỷ"),
	(10**18, "một tỷ tỷ"),
]

AMOUNTS = [
	(5_000_000, "Năm triệu đồng chẵn."),
	(0, "Không đồng."),
	(1_005_000, "Một triệu không trăm linh năm nghìn đồng chẵn."),
	(5_000_500, "Năm triệu năm trăm đồng."),
	(15_000_021, "Mười lăm triệu không trăm hai mươi mốt đồng."),
	(150_000_000, "Một trăm năm mươi triệu đồng chẵn."),
	(5_000_000.0, "Năm triệu đồng chẵn."),
	(Decimal("20000000.000"), "Hai mươi triệu đồng chẵn."),
	("300000000", "Ba trăm triệu đồng chẵn."),
	(-2_000_000, "Âm hai triệu đồng chẵn."),
]


@pytest.mark.parametrize(("n", "words"), NUMBERS)
def test_known_readings(n, words):
	assert number_in_words(n) == words


@pytest.mark.parametrize(("amount", "words"), AMOUNTS)
def test_known_amounts(amount, words):
	assert amount_in_words(amount) == words


@pytest.mark.parametrize(
	("amount", "text"),
	[
		(5_000_000, "5.000.000 đ"),
		(0, "0 đ"),
		(999, "999 đ"),
		(1_000, "1.000 đ"),
		(-1_234_567, "-1.234.567 đ"),
	],
)
def test_amounts_in_figures(amount, text):
	assert format_vnd(amount) == text
	assert format_vnd(float(amount), symbol="") == text[:-2]


@pytest.mark.parametrize(
	("amount", "text"),
	[
		(0, "0 đồng"),
		(950_000, "950.000 đồng"),
		(1_000_000, "1 triệu đồng"),
		(1_500_000, "1,5 triệu đồng"),
		(995_000_000, "995 triệu đồng"),
		(999_999_999, "999,99 triệu đồng"),  # cut down, never rounded up to "1.000 triệu"
		(1_250_000_000, "1,25 tỷ đồng"),
		(25_000_000_000, "25 tỷ đồng"),
		(1_200_000_000_000, "1,2 nghìn tỷ đồng"),
		(-3_000_000, "-3 triệu đồng"),
	],
)
def test_short_amounts_for_cards(amount, text):
	assert short_vnd(amount) == text


def test_southern_usage_on_request():
	assert number_in_words(1_005_000, zero_tens="lẻ", thousand="ngàn") == "một triệu không trăm lẻ năm ngàn"


@pytest.mark.parametrize("bad", [0.5, 5_000_000.25, "12,5", None, True, float("nan"), float("inf")])
def test_an_amount_with_a_fraction_is_refused(bad):
	"""VND has no fraction: a fractional amount is an error, never silently rounded."""
	with pytest.raises(ValueError):
		amount_in_words(bad)


# ------------------------------------------------------------------ properties

UNITS = {w: i for i, w in enumerate(("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"))}
UNITS.update({"mốt": 1, "tư": 4, "lăm": 5})
SCALES = (("tỷ", 10**9), ("triệu", 10**6), ("nghìn", 10**3))


def parse(words: list[str]) -> int:
	"""An independent reader of the words back into a number (splitting on the largest scale)."""
	if not words:
		return 0
	for word, value in SCALES:
		if word in words:
			# the last "tỷ" splits the count of tỷ from the rest ("một nghìn tỷ", "một tỷ tỷ")
			i = len(words) - 1 - words[::-1].index(word) if word == "tỷ" else words.index(word)
			return parse(words[:i]) * value + parse(words[i + 1 :])
	n, rest = 0, list(words)
	if "trăm" in rest:
		n += UNITS[rest[0]] * 100
		assert rest[1] == "trăm", words
		rest = rest[2:]
	if rest and rest[0] == "linh":
		assert len(rest) == 2, words
		return n + UNITS[rest[1]]
	if rest and rest[0] == "mười":
		return n + 10 + (UNITS[rest[1]] if len(rest) > 1 else 0)
	if len(rest) >= 2 and rest[1] == "mươi":
		return n + UNITS[rest[0]] * 10 + (UNITS[rest[2]] if len(rest) > 2 else 0)
	assert len(rest) <= 1, words
	return n + (UNITS[rest[0]] if rest else 0)


amounts = st.one_of(
	st.integers(0, 10**15), st.integers(0, 10**7), st.integers(0, 9_999).map(lambda n: n * 10**6)
)


@given(amounts)
def test_the_words_read_back_to_the_number(n):
	assert parse(number_in_words(n).split()) == n


@given(amounts)
def test_inner_groups_are_read_whole(n):
	"""After the first group, every group names its hundreds: no digit can be slipped in."""
	words = number_in_words(n).split()
	scale_positions = [i for i, w in enumerate(words) if w in ("nghìn", "triệu", "tỷ")]
	for i in scale_positions:
		tail = words[i + 1 :]
		if tail and tail[0] not in ("nghìn", "triệu", "tỷ"):
			assert tail[1] == "trăm", words


@given(amounts)
def test_spoken_forms(n):
	text = f" {number_in_words(n)} "
	for wrong in (" mươi một ", " mươi năm ", " mười năm ", " linh mốt ", " linh lăm ", " mười mốt "):
		assert wrong not in text
	assert text.startswith(" không ") == (n == 0)


@given(st.integers(0, 10**15))
def test_amounts_are_a_sentence(n):
	text = amount_in_words(n)
	assert text[0].isupper() and text.endswith(".")
	assert text.endswith(" đồng chẵn.") == (n > 0 and n % 1000 == 0)
	assert amount_in_words(float(n) if n < 2**53 else n) == text


@given(st.integers(-(10**15), 10**15))
def test_figures_read_back(n):
	text = format_vnd(n, symbol="")
	assert int(text.replace(".", "")) == n and ",".join(text.split(".")) == f"{n:,}"


@given(st.integers(-(10**12), 10**12))
def test_whole_number_keeps_any_integer(n):
	assert whole_number(n) == n == whole_number(str(n)) == whole_number(Decimal(n))
