"""Dates as Vietnamese officials write them: day first ("05/10/2025" is 5 October 2025).

frappe's ``getdate`` reads "05/10/2025" month first (10 May); an imported sheet typed by an official
means day first, while ISO dates ("2025-10-05", also what Excel date cells become) stay year first.
"""

import re
from datetime import date, datetime

ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_vn_date(value) -> date:
	"""A date from an ISO string, a dd/mm/yyyy (or dd-mm-yyyy, dd.mm.yyyy) string, or a date."""
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	text = str(value or "").strip()
	if m := ISO.match(text):
		year, month, day = map(int, m.groups())
	elif m := DAY_FIRST.match(text):
		day, month, year = map(int, m.groups())
	else:
		raise ValueError(f"not a date: {value!r}")
	return date(year, month, day)  # ValueError for 31/02/2025
