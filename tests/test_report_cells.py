from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop_app.rules.report_cells import DATE_FORMAT, DATETIME_FORMAT, GENERAL, MONEY_FORMAT, excel_cell


@pytest.mark.parametrize(
	("value", "fieldtype", "expected"),
	[
		(5_000_000, "Currency", (5_000_000, MONEY_FORMAT)),
		(5_000_000.0, "Currency", (5_000_000, MONEY_FORMAT)),
		(14_000_021.4, "Currency", (14_000_021, MONEY_FORMAT)),
		(0, "Currency", (0, MONEY_FORMAT)),
		("Tổng", "Currency", ("Tổng", GENERAL)),  # a label in a money column stays text
		(None, "Currency", (None, GENERAL)),
		("", "Date", ("", GENERAL)),
		(date(2025, 10, 10), "Date", (date(2025, 10, 10), DATE_FORMAT)),
		(datetime(2025, 10, 10, 9, 30), "Date", (date(2025, 10, 10), DATE_FORMAT)),
		("2025-10-10", "Date", (date(2025, 10, 10), DATE_FORMAT)),
		("10/10/2025", "Date", (date(2025, 10, 10), DATE_FORMAT)),
		("sắp hết hạn", "Date", ("sắp hết hạn", GENERAL)),
		("2025-10-10 09:30:00", "Datetime", (datetime(2025, 10, 10, 9, 30), DATETIME_FORMAT)),
		(date(2025, 10, 10), "Datetime", (datetime(2025, 10, 10), DATETIME_FORMAT)),
		(72.5, "Float", (72.5, GENERAL)),  # an average score keeps its decimals
		(3, "Int", (3, GENERAL)),
	],
)
def test_cells(value, fieldtype, expected):
	got = excel_cell(value, fieldtype)
	assert got == expected
	assert type(got[0]) is type(expected[0])


@given(st.integers(min_value=0, max_value=10**13))
def test_money_is_always_a_whole_number_of_dong(amount):
	for value in (amount, float(amount)):
		number, number_format = excel_cell(value, "Currency")
		assert (number, type(number), number_format) == (amount, int, MONEY_FORMAT)
