# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Sổ đăng ký chủ thể OCOP: producers with their products and best star, scoped to the user's units.

Reads only through frappe.get_list, so the unit scope (permission_query_conditions) applies; the
product count and best star are kept on each producer by its products.
"""

import frappe
from frappe import _

from ocop_app.report_filters import group_and_below, shared_conditions
from ocop_app.units import names_of


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data), get_summary(data)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Producer"),
			"fieldtype": "Link",
			"options": "OCOP Producer",
			"width": 150,
		},
		{"fieldname": "producer_name", "label": _("Producer Name"), "fieldtype": "Data", "width": 260},
		{"fieldname": "legal_form", "label": _("Legal Form"), "fieldtype": "Data", "width": 120},
		{"fieldname": "tax_id", "label": _("Tax ID"), "fieldtype": "Data", "width": 130},
		# unit names, not links: frappe drops report rows whose links fall outside the user's
		# User Permissions, and a commune official is not given the province above it
		{"fieldname": "commune_name", "label": _("Commune / Ward"), "fieldtype": "Data", "width": 180},
		{"fieldname": "province_name", "label": _("Province"), "fieldtype": "Data", "width": 140},
		{
			"fieldname": "women_led",
			"label": _("Woman Legal Representative"),
			"fieldtype": "Check",
			"width": 90,
		},
		{
			"fieldname": "ethnic_minority_led",
			"label": _("Ethnic Minority Legal Representative"),
			"fieldtype": "Check",
			"width": 90,
		},
		{"fieldname": "products", "label": _("Products"), "fieldtype": "Int", "width": 90},
		{"fieldname": "best_star", "label": _("Best Star Rating"), "fieldtype": "Int", "width": 90},
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
	producers = frappe.get_list(
		"OCOP Producer",
		filters=conditions,
		fields=[
			"name",
			"producer_name",
			"legal_form",
			"tax_id",
			"administrative_unit",
			"province",
			"women_led",
			"ethnic_minority_led",
			# kept on the producer by its products (see OCOP Product.refresh_producer_stats)
			"product_count as products",
			"best_star",
		],
		order_by="producer_name asc",
		limit_page_length=0,
	)
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
		producers = [p for p in producers if p.name in makers]
	unit_names = names_of(
		"OCOP Administrative Unit",
		{p.administrative_unit for p in producers} | {p.province for p in producers},
		"unit_name",
	)
	for p in producers:
		p["commune_name"] = unit_names.get(p.administrative_unit)
		p["province_name"] = unit_names.get(p.province)
	return producers


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	counts = {}
	for row in data:
		counts[row.legal_form] = counts.get(row.legal_form, 0) + 1
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
			"value": sum(1 for r in data if r.women_led),
			"datatype": "Int",
			"indicator": "purple",
		},
		{
			"label": _("Products"),
			"value": sum(r.products for r in data),
			"datatype": "Int",
			"indicator": "green",
		},
	]
