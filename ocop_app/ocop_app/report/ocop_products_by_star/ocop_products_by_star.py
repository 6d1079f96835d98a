# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Sản phẩm OCOP theo hạng sao: recognised products with a certificate in force, by unit, group,
rule set, year and star, with counts; scoped to the user's units (read through frappe.get_list)."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from ocop_app.report_filters import shared_conditions
from ocop_app.units import UNIT_DOCTYPE as UNIT
from ocop_app.units import names_of


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data), get_summary(data)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "product",
			"label": _("Product"),
			"fieldtype": "Link",
			"options": "OCOP Product",
			"width": 150,
		},
		{"fieldname": "product_name", "label": _("Product Name"), "fieldtype": "Data", "width": 220},
		{"fieldname": "producer_name", "label": _("Producer Name"), "fieldtype": "Data", "width": 220},
		{"fieldname": "product_group", "label": _("Product Group"), "fieldtype": "Data", "width": 180},
		{"fieldname": "province_name", "label": _("Province"), "fieldtype": "Data", "width": 130},
		{"fieldname": "rule_set", "label": _("Rule Set"), "fieldtype": "Data", "width": 160},
		{"fieldname": "star", "label": _("Star"), "fieldtype": "Int", "width": 70},
		{
			"fieldname": "name",
			"label": _("Certificate No."),
			"fieldtype": "Link",
			"options": "OCOP Certificate",
			"width": 170,
		},
		{"fieldname": "valid_from", "label": _("Valid From"), "fieldtype": "Date", "width": 100},
		{"fieldname": "valid_to", "label": _("Valid To"), "fieldtype": "Date", "width": 100},
	]


def get_data(filters) -> list[dict]:
	on = getdate(filters.get("as_on") or today())
	conditions = {
		"status": "Hiệu lực",
		"valid_from": ["<=", on],
		"valid_to": [">=", on],
		# a year asks for the products recognised that year
		**shared_conditions(
			filters, group="product_group", rule_set="rule_set", star="star", year="valid_from"
		),
	}
	rows = frappe.get_list(
		"OCOP Certificate",
		filters=conditions,
		fields=[
			"name",
			"product",
			"product_name",
			"producer_name",
			"product_group",
			"rule_set",
			"province",
			"star",
			"valid_from",
			"valid_to",
		],
		order_by="star desc, product_name asc",
		limit_page_length=0,
	)
	provinces = names_of(UNIT, (r.province for r in rows), "unit_name")
	for row in rows:
		row.province_name = provinces.get(row.province)
	return rows


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	stars = sorted({r.star for r in data})
	return {
		"data": {
			"labels": [_("{0} sao").format(s) for s in stars],
			"datasets": [
				{"name": _("Products"), "values": [sum(1 for r in data if r.star == s) for s in stars]}
			],
		},
		"type": "bar",
		"colors": ["#d4a017"],
	}


def get_summary(data: list[dict]) -> list[dict]:
	return [
		{
			"label": _("{0} sao").format(s),
			"value": sum(1 for r in data if r.star == s),
			"datatype": "Int",
			"indicator": "green",
		}
		for s in (3, 4, 5)
	]
