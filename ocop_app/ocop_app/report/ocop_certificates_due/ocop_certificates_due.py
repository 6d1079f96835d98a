# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Giấy chứng nhận sắp hết hạn: certificates to re-evaluate, soonest first, scoped to the user's units."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, cint, getdate, today

from ocop_app.report_common import column, get_rows_sorted, report_result, shared_conditions

FIELDS = ("name", "product_name", "producer_name", "star", "valid_to", "status")


def execute(filters: dict | None = None):
	return report_result(filters, get_data, get_columns, get_chart)


def get_columns() -> list[dict]:
	return [
		column("name", _("Certificate No."), "Link", 170, "OCOP Certificate"),
		column("product_name", _("Product Name"), width=220),
		column("producer_name", _("Producer Name"), width=220),
		column("star", _("Star"), "Int", 70),
		column("valid_to", _("Valid To"), "Date", 110),
		column("days_left", _("Days Left"), "Int", 100),
		column("status", _("Status"), width=100),
	]


def get_data(filters) -> list[dict]:
	days = cint(filters.get("days") or 90)
	show = filters.get("show") or "Sắp hết hạn"
	if show == "Đã thu hồi":
		conditions = {"status": "Thu hồi"}
	elif show == "Đã hết hạn":
		conditions = {"status": "Hết hạn"}
	else:
		statuses = ["Hiệu lực", "Hết hạn"] if filters.get("include_expired") else ["Hiệu lực"]
		conditions = {"status": ["in", statuses], "valid_to": ["<=", add_days(today(), days)]}
	conditions.update(
		shared_conditions(filters, group="product_group", rule_set="rule_set", star="star", year="valid_from")
	)
	rows = [
		frappe._dict(zip(FIELDS, row, strict=True))
		for row in get_rows_sorted("OCOP Certificate", FIELDS, filters=conditions, order_by="valid_to, name")
	]
	on = getdate(today())  # once, not once a row
	for row in rows:
		if row.valid_to:
			row.valid_to = date.fromisoformat(row.valid_to)
			row.days_left = (row.valid_to - on).days
		else:
			row.days_left = None
	return rows


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	by_star = {}
	for row in data:
		by_star[row.star] = by_star.get(row.star, 0) + 1
	stars = sorted(by_star)
	return {
		"data": {
			"labels": [_("{0} sao").format(s) for s in stars],
			"datasets": [{"name": _("Certificates"), "values": [by_star[s] for s in stars]}],
		},
		"type": "bar",
	}
