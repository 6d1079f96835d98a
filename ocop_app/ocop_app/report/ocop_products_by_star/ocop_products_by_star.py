# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Sản phẩm OCOP theo hạng sao: recognised products with a certificate in force, by unit, group,
rule set, year and star, with counts; scoped to the user's units (read through frappe.get_list)."""

import json

import frappe
from frappe import _
from frappe.utils import getdate, today

from ocop_app.report_common import column, get_rows_sorted, report_result, shared_conditions
from ocop_app.units import UNIT_DOCTYPE as UNIT
from ocop_app.units import names_of


def execute(filters: dict | None = None):
	return report_result(filters, get_data, get_columns, get_chart, get_summary)


def get_columns() -> list[dict]:
	return [
		column("product", _("Product"), "Link", 150, "OCOP Product"),
		column("product_name", _("Product Name"), width=220),
		column("producer_name", _("Producer Name"), width=220),
		column("product_group", _("Product Group"), width=180),
		column("province_name", _("Province"), width=130),
		column("rule_set", _("Rule Set"), width=160),
		column("star", _("Star"), "Int", 70),
		column("name", _("Certificate No."), "Link", 170, "OCOP Certificate"),
		column("valid_from", _("Valid From"), "Date", 100),
		column("valid_to", _("Valid To"), "Date", 100),
	]


FIELDS = (
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
)


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
	rows = get_rows_sorted(
		"OCOP Certificate", FIELDS, filters=conditions, order_by="star desc, product_name, name"
	)
	rows = [dict(zip(FIELDS, row, strict=True)) for row in rows]
	provinces = names_of(UNIT, (r["province"] for r in rows), "unit_name")
	for row in rows:
		row["province_name"] = provinces.get(row["province"])
	return rows


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	stars = sorted({r["star"] for r in data})
	return {
		"data": {
			"labels": [_("{0} sao").format(s) for s in stars],
			"datasets": [
				{"name": _("Products"), "values": [sum(1 for r in data if r["star"] == s) for s in stars]}
			],
		},
		"type": "bar",
		"colors": ["#d4a017"],
	}


def get_summary(data: list[dict]) -> list[dict]:
	return [
		{
			"label": _("{0} sao").format(s),
			"value": sum(1 for r in data if r["star"] == s),
			"datatype": "Int",
			"indicator": "green",
		}
		for s in (3, 4, 5)
	]
