"""What the OCOP script reports share: their result shape, their columns, and their filters (unit,
product group, rule set, star, year) as get_list conditions, where a unit or a product group takes
everything below it too."""

import gc
import json
from contextlib import contextmanager

import frappe
from frappe.utils import cint

from ocop_app.units import subtree

# a report row's declared width can be several kB (ten varchar(140) columns of 4-byte characters)
SORT_ROW_BYTES = 8192
# the largest JSON value a report reads its rows as: the largest packet the server sends
ONE_VALUE_BYTES = "@@global.max_allowed_packet"


def get_list_sorted(doctype: str, **kwargs) -> list:
	"""frappe.get_list(doctype, **kwargs) (the same rows, the user's permissions and scope applied
	by frappe), with MariaDB sorting the rows together with their columns: a row declared wider
	than max_length_for_sort_data (1 kB by default) is sorted by its row id alone and then read a
	second time, row by row in sorted order, which was half the Producer Register's time at
	100,000 rows. The setting is this connection's, put back to the server's at once."""
	frappe.db.sql(f"set session max_length_for_sort_data = {SORT_ROW_BYTES}")
	try:
		return frappe.get_list(doctype, **kwargs)
	finally:
		frappe.db.sql("set session max_length_for_sort_data = default")


def get_rows_sorted(
	doctype: str, columns: tuple[str, ...], *, filters: dict, order_by: str, or_filters: dict | None = None
) -> list[list]:
	"""The ``columns`` of frappe.get_list(doctype, filters, or_filters, order_by) — the same rows, the user's
	permissions and scope applied by frappe — as lists, in that order, read as one JSON value
	(json_arrayagg): at 100,000 rows the driver reading one packet per row was most of a national
	report's time. A value larger than the server allows (max_allowed_packet, or cut short) is not
	trusted: the rows are then read one by one. ``order_by`` should be a total order (end with name)."""
	values = ", ".join(columns)
	frappe.db.sql(f"set session group_concat_max_len = {ONE_VALUE_BYTES}")
	try:
		((count, value),) = frappe.get_list(
			doctype,
			filters=filters,
			or_filters=or_filters,
			fields=[
				"count(*) as n",
				f"json_arrayagg(json_array({values}) order by {by_sort_keys(doctype, order_by)}) as r",
			],
			order_by="",
			limit_page_length=0,
			as_list=True,
		)
	finally:
		frappe.db.sql("set session group_concat_max_len = default")
	if not count:
		return []
	try:
		rows = json.loads(value) if value else None
	except ValueError:
		rows = None
	if rows is not None and len(rows) == count:
		return rows
	# too large for one value: one JSON value per row, parsed in one go
	rows = get_list_sorted(
		doctype,
		filters=filters,
		or_filters=or_filters,
		fields=[f"json_array({values}) as r"],
		order_by=order_by,
		limit_page_length=0,
		as_list=True,
	)
	return json.loads(f"[{','.join(r for (r,) in rows)}]")


# column types stored as text, compared under the table's collation
TEXT_SORT_TYPES = frozenset(("Data", "Link", "Dynamic Link", "Select", "Read Only", "Small Text", "Text"))


def by_sort_keys(doctype: str, order_by: str) -> str:
	"""``order_by`` ("field [asc|desc], ...") for ordering inside json_arrayagg, in the same order:
	each text column (but ``name``, the tie-breaker) by its collation's sort key. MariaDB sorts an
	aggregate's rows in a tree, comparing pairs under the collation again and again; the sort key
	(weight_string), computed once per row, compares as bytes — 0.53 s → 0.35 s of the national
	Producer Register's query at 100,000 rows. ``rtrim``: the collation pads with spaces ('a' =
	'a '), its sort key does not."""
	meta = frappe.get_meta(doctype)
	terms = []
	for term in order_by.split(","):
		field, *direction = term.split()
		df = meta.get_field(field)
		if df and df.fieldtype in TEXT_SORT_TYPES:
			field = f"weight_string(rtrim({field}))"
		terms.append(" ".join((field, *direction)))
	return ", ".join(terms)


def report_result(filters, get_data, get_columns, get_chart=None, get_summary=None):
	"""A script report's execute(): columns, rows, no message, the chart and the summary."""
	filters = frappe._dict(filters or {})
	with collection_paused():
		data = get_data(filters)
	result = [get_columns(), data, None, get_chart(data) if get_chart else None]
	if get_summary:
		result.append(get_summary(data))
	return result


@contextmanager
def collection_paused():
	"""Python's cyclic garbage collector paused while a report builds its rows: a national report
	makes a few million objects (100,000 rows of parsed JSON, then dicts), none of them in a cycle,
	and the collector would walk them all again at every threshold (5 % of the Producer Register).
	Nothing is lost: a cycle made meanwhile is collected after."""
	was_enabled = gc.isenabled()
	gc.disable()
	try:
		yield
	finally:
		if was_enabled:
			gc.enable()


def column(fieldname: str, label: str, fieldtype: str = "Data", width: int = 120, options: str | None = None):
	"""A report column; links name their DocType in ``options``."""
	col = {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width}
	if options:
		col["options"] = options
	return col


def group_and_below(group: str) -> list[str]:
	"""The product group and its sub-groups."""
	lft, rgt = frappe.db.get_value("OCOP Product Group", group, ["lft", "rgt"]) or (None, None)
	if lft is None:
		return [group]
	return frappe.get_all(
		"OCOP Product Group", filters={"lft": [">=", lft], "rgt": ["<=", rgt]}, pluck="name"
	)


def shared_conditions(
	filters,
	*,
	unit: str | None = "administrative_unit",
	group: str | None = None,
	rule_set: str | None = None,
	star: str | None = None,
	year: str | None = None,
) -> dict:
	"""get_list conditions for the shared filters that are set; each keyword names the report's
	field for that filter (None: the report has no such filter)."""
	conditions = {}
	if unit and filters.get("administrative_unit"):
		conditions[unit] = ["in", subtree(filters.administrative_unit)]
	if group and filters.get("product_group"):
		conditions[group] = ["in", group_and_below(filters.product_group)]
	if rule_set and filters.get("rule_set"):
		conditions[rule_set] = filters.rule_set
	if star and filters.get("star"):
		conditions[star] = cint(filters.star)
	if year and filters.get("year"):
		conditions[year] = ["between", [f"{cint(filters.year)}-01-01", f"{cint(filters.year)}-12-31"]]
	return conditions
