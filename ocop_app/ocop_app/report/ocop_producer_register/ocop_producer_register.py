# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Sổ đăng ký chủ thể OCOP: producers with their products and best star, scoped to the user's units.

Reads only through frappe.get_list, so the unit scope (permission_query_conditions) applies; the
product count and best star are kept on each producer by its products.
"""

import frappe
from frappe import _

from ocop_app.report_common import column, get_rows_sorted, group_and_below, report_result, shared_conditions
from ocop_app.units import names_of

MAKERS_IN_QUERY = 50_000
# the producer's columns, as read (json_array) and as named in the rows
COLUMNS = (
	"name",
	"producer_name",
	"legal_form",
	"tax_id",
	"administrative_unit",
	"province",
	"women_led",
	"ethnic_minority_led",
	"product_count",
	"best_star",
)
FIELDS = (*COLUMNS[:-2], "products", "best_star")


def execute(filters: dict | None = None):
	return report_result(filters, get_data, get_columns, get_chart, get_summary)


def get_columns() -> list[dict]:
	return [
		column("name", _("Producer"), "Link", 150, "OCOP Producer"),
		column("producer_name", _("Producer Name"), width=260),
		column("legal_form", _("Legal Form")),
		column("tax_id", _("Tax ID"), width=130),
		# unit names, not links: frappe drops report rows whose links fall outside the user's
		# User Permissions, and a commune official is not given the province above it
		column("commune_name", _("Commune / Ward"), width=180),
		column("province_name", _("Province"), width=140),
		column("women_led", _("Woman Legal Representative"), "Check", 90),
		column("ethnic_minority_led", _("Ethnic Minority Legal Representative"), "Check", 90),
		column("products", _("Products"), "Int", 90),
		column("best_star", _("Best Star Rating"), "Int", 90),
	]


def get_data(filters) -> list[dict]:
	# the best star of the producer's products; a year asks for the producers registered that year
	conditions = shared_conditions(filters, star="best_star", year="creation")
	for field in ("legal_form", "province"):
		if filters.get(field):
			conditions[field] = filters[field]
	for field in ("women_led", "ethnic_minority_led"):
		if filters.get(field):
			conditions[field] = 1
	makers = None
	if filters.get("product_group"):  # producers with a product in the group (or below it)
		makers = set(
			frappe.get_list(
				"OCOP Product",
				filters={"product_group": ["in", group_and_below(filters.product_group)]},
				pluck="producer",
				distinct=True,
				limit_page_length=0,
			)
		)
		if not makers:
			return []
		if len(makers) <= MAKERS_IN_QUERY:
			conditions["name"] = ["in", list(makers)]
	# product_count and best_star are kept on each producer by its products
	rows = get_rows_sorted("OCOP Producer", COLUMNS, filters=conditions, order_by="producer_name, name")
	producers = [dict(zip(FIELDS, row, strict=True)) for row in rows]
	if makers is not None and len(makers) > MAKERS_IN_QUERY:  # a long list is cheaper matched here
		producers = [p for p in producers if p["name"] in makers]
	unit_names = names_of(
		"OCOP Administrative Unit",
		{p["administrative_unit"] for p in producers} | {p["province"] for p in producers},
		"unit_name",
	)
	for p in producers:
		p["commune_name"] = unit_names.get(p["administrative_unit"])
		p["province_name"] = unit_names.get(p["province"])
	return producers


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	counts = {}
	for row in data:
		counts[row["legal_form"]] = counts.get(row["legal_form"], 0) + 1
	return {
		"data": {
			"labels": list(counts),
			"datasets": [{"name": _("Producers"), "values": list(counts.values())}],
		},
		"type": "bar",
	}


def get_summary(data: list[dict]) -> list[dict]:
	return [
		{"label": _("Producers"), "value": len(data), "datatype": "Int", "indicator": "blue"},
		{
			"label": _("Woman Legal Representative"),
			"value": sum(1 for r in data if r["women_led"]),
			"datatype": "Int",
			"indicator": "purple",
		},
		{
			"label": _("Products"),
			"value": sum(r["products"] or 0 for r in data),
			"datatype": "Int",
			"indicator": "green",
		},
	]
