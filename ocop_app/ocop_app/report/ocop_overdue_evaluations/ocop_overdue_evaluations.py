# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Đánh giá quá hạn: open evaluations past their yearly cycle deadline, scoped to the user's units."""

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, today


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Evaluation"),
			"fieldtype": "Link",
			"options": "OCOP Evaluation",
			"width": 160,
		},
		{"fieldname": "product_name", "label": _("Product Name"), "fieldtype": "Data", "width": 220},
		{"fieldname": "evaluation_level", "label": _("Evaluation Level"), "fieldtype": "Data", "width": 110},
		{"fieldname": "workflow_state", "label": _("Workflow State"), "fieldtype": "Data", "width": 160},
		{"fieldname": "deadline", "label": _("Cycle Deadline"), "fieldtype": "Date", "width": 110},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 110},
	]


def get_data(filters) -> list[dict]:
	conditions = {"docstatus": 0, "deadline": ["<", today()]}
	if filters.get("evaluation_level"):
		conditions["evaluation_level"] = filters.evaluation_level
	rows = frappe.get_list(
		"OCOP Evaluation",
		filters=conditions,
		fields=["name", "product_name", "evaluation_level", "workflow_state", "deadline"],
		order_by="deadline asc",
		limit_page_length=0,
	)
	for row in rows:
		row["evaluation_level"] = _(row.evaluation_level)
		row["days_overdue"] = date_diff(getdate(today()), getdate(row.deadline))
	return rows
