from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop_app.rules.vn_dates import parse_vn_date


@pytest.mark.parametrize(
	("text", "expected"),
	[
		("05/10/2025", date(2025, 10, 5)),
		("5/10/2025", date(2025, 10, 5)),
		("05-10-2025", date(2025, 10, 5)),
		("05.10.2025", date(2025, 10, 5)),
		("20/08/2021", date(2021, 8, 20)),
		("2025-10-05", date(2025, 10, 5)),
		("2021-08-20 00:00:00", date(2021, 8, 20)),  # an Excel date cell read as text
		(" 01/07/2025 ", date(2025, 7, 1)),
		(datetime(2024, 5, 2, 13, 0), date(2024, 5, 2)),
		(date(2024, 5, 2), date(2024, 5, 2)),
	],
)
def test_day_first_and_iso(text, expected):
	assert parse_vn_date(text) == expected


@pytest.mark.parametrize("bad", ["", None, "31/02/2025", "2025/13/01", "10 tháng 10", "13/13/2025"])
def test_not_a_date(bad):
	with pytest.raises(ValueError):
		parse_vn_date(bad)


@given(st.dates(date(1900, 1, 1), date(2200, 12, 31)))
def test_the_way_officials_write_a_date_reads_back(d):
	assert parse_vn_date(d.strftime("%d/%m/%Y")) == d == parse_vn_date(d.isoformat())
