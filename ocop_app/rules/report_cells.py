"""How a report's value is written into an Excel cell, by the column's fieldtype: money (Currency) as
a whole number of đồng with thousands separators ("#,##0": 5.000.000 in a Vietnamese Excel), dates as
dates shown dd/mm/yyyy. What is neither (empty, a label, text that is not a date) stays as it is."""

from datetime import date, datetime

from ocop_app.rules.vn_dates import parse_vn_date

MONEY_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
GENERAL = "General"
FORMATTED = ("Currency", "Date", "Datetime")


def excel_cell(value, fieldtype: str) -> tuple[object, str]:
	"""(value, number format) of one cell of a ``fieldtype`` column."""
	if value is None or value == "":
		return value, GENERAL
	if fieldtype == "Currency":
		if isinstance(value, int | float) and not isinstance(value, bool):
			return round(value), MONEY_FORMAT  # whole đồng: 5000000, never 5000000.0
		return value, GENERAL
	if fieldtype == "Date":
		try:
			return parse_vn_date(value), DATE_FORMAT
		except ValueError:
			return value, GENERAL
	if fieldtype == "Datetime":
		if isinstance(value, datetime):
			return value, DATETIME_FORMAT
		if isinstance(value, date):
			return datetime(value.year, value.month, value.day), DATETIME_FORMAT
		try:
			return datetime.fromisoformat(str(value).strip()), DATETIME_FORMAT
		except ValueError:
			return value, GENERAL
	return value, GENERAL
