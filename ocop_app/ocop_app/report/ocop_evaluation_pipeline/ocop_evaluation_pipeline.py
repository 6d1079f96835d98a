# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Tiến độ đánh giá: evaluations per workflow step and level, with those past the cycle deadline."""

import frappe
from frappe import _

from ocop_app.report_filters import shared_conditions


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "evaluation_level", "label": _("Evaluation Level"), "fieldtype": "Data", "width": 130},
		{"fieldname": "workflow_state", "label": _("Workflow State"), "fieldtype": "Data", "width": 200},
		{"fieldname": "count", "label": _("Evaluation"), "fieldtype": "Int", "width": 110},
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Int", "width": 110},
	]


def get_data(filters) -> list[dict]:
	conditions = shared_conditions(
		filters, group="product_group", rule_set="rule_set", star="star_rating", year="evaluation_date"
	)
	rows = frappe.get_list(
		"OCOP Evaluation",
		filters=conditions,
		fields=["evaluation_level", "workflow_state", "count(name) as count", "sum(is_overdue) as overdue"],
		group_by="evaluation_level, workflow_state",
		order_by="evaluation_level asc",
		limit_page_length=0,
	)
	for row in rows:
		row.evaluation_level = _(row.evaluation_level)
		row.overdue = int(row.overdue or 0)
	return rows


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	states = sorted({r.workflow_state or "—" for r in data})
	return {
		"data": {
			"labels": states,
			"datasets": [
				{
					"name": _("Evaluation"),
					"values": [sum(r.count for r in data if (r.workflow_state or "—") == s) for s in states],
				},
				{
					"name": _("Overdue"),
					"values": [
						sum(r.overdue for r in data if (r.workflow_state or "—") == s) for s in states
					],
				},
			],
		},
		"type": "bar",
	}
