# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Đánh giá quá hạn: open evaluations past their yearly cycle deadline, scoped to the user's units."""

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, today

from ocop_app.report_common import column, report_result


def execute(filters: dict | None = None):
	return report_result(filters, get_data, get_columns)


def get_columns() -> list[dict]:
	return [
		column("name", _("Evaluation"), "Link", 160, "OCOP Evaluation"),
		column("product_name", _("Product Name"), width=220),
		column("evaluation_level", _("Evaluation Level"), width=110),
		column("workflow_state", _("Workflow State"), width=160),
		column("deadline", _("Cycle Deadline"), "Date", 110),
		column("days_overdue", _("Days Overdue"), "Int", 110),
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
