# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Tình hình sử dụng nguồn kinh phí: allocated, committed (approved claims), paid and remaining,
by fund, unit and year; scoped to the user's units (frappe.get_list)."""

import frappe
from frappe import _
from frappe.utils import flt

from ocop_app.ocop_app.doctype.ocop_fund.ocop_fund import fund_totals
from ocop_app.report_common import column, report_result


def execute(filters: dict | None = None):
	return report_result(filters, get_data, get_columns, get_chart)


def get_columns() -> list[dict]:
	money = {"fieldtype": "Currency", "options": "VND", "width": 150}
	return [
		column("name", _("Fund"), "Link", 220, "OCOP Fund"),
		column("funding_source", _("Funding Source")),
		column("fiscal_year", _("Fiscal Year"), "Int", 90),
		column("unit_name", _("Administrative Unit"), width=150),
		{"fieldname": "allocated_amount", "label": _("Allocated"), **money},
		{"fieldname": "committed_amount", "label": _("Committed"), **money},
		{"fieldname": "paid_amount", "label": _("Paid"), **money},
		{"fieldname": "remaining_amount", "label": _("Remaining"), **money},
	]


def get_data(filters) -> list[dict]:
	conditions = {}
	for field in ("fiscal_year", "funding_source"):
		if filters.get(field):
			conditions[field] = filters[field]
	funds = frappe.get_list(
		"OCOP Fund",
		filters=conditions,
		fields=["name", "funding_source", "fiscal_year", "administrative_unit", "allocated_amount"],
		order_by="fiscal_year desc, name asc",
		limit_page_length=0,
	)
	for fund in funds:
		fund.committed_amount, fund.paid_amount = fund_totals(fund.name)  # always from the claims
		fund.remaining_amount = flt(fund.allocated_amount) - fund.committed_amount
		fund.unit_name = frappe.db.get_value(
			"OCOP Administrative Unit", fund.administrative_unit, "unit_name"
		)
	return funds


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [f.name for f in data],
			"datasets": [
				{"name": _("Allocated"), "values": [f.allocated_amount for f in data]},
				{"name": _("Committed"), "values": [f.committed_amount for f in data]},
				{"name": _("Paid"), "values": [f.paid_amount for f in data]},
			],
		},
		"type": "bar",
	}
