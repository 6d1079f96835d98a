"""The filters the OCOP reports share (unit, product group, rule set, star, year), as get_list
conditions: a unit or a product group takes everything below it too."""

import frappe
from frappe.utils import cint

from ocop_app.units import subtree


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
