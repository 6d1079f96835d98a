# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Tiến độ đánh giá: evaluations per workflow step and level, with those past the cycle deadline."""

import frappe
from frappe import _

from ocop_app.report_common import column, report_result, shared_conditions


def execute(filters: dict | None = None):
	return report_result(filters, get_data, get_columns, get_chart)


def get_columns() -> list[dict]:
	return [
		column("evaluation_level", _("Evaluation Level"), width=130),
		column("workflow_state", _("Workflow State"), width=200),
		column("count", _("Evaluation"), "Int", 110),
		column("overdue", _("Overdue"), "Int", 110),
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
