# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Kế hoạch và kết quả: each annual plan's targets against the recognitions recorded for its unit.

Achievements are counted from certificates read through frappe.get_list, so an official sees the
results of their own units only.
"""

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from ocop_app.report_common import column, report_result
from ocop_app.units import subtree

# how each plan metric is counted from certificates (None: not recorded by the app)
COUNTED = {
	"New products ≥3★": "new",
	"Upgraded products": "upgraded",
	"Products ≥3★ (cumulative)": "cumulative",
	"Producers strengthened": None,
	"Points of sale": None,
}


def execute(filters: dict | None = None):
	return report_result(filters, get_data, get_columns, get_chart)


def get_columns() -> list[dict]:
	return [
		column("plan", _("Plan No."), "Link", 150, "OCOP Annual Plan"),
		column("unit_name", _("Administrative Unit"), width=170),
		column("metric", _("Metric"), width=200),
		column("target_value", _("Target"), "Float", 90),
		column("achieved", _("Achieved"), "Float", 90),
		column("percent", _("% Achieved"), "Percent", 100),
	]


def get_data(filters) -> list[dict]:
	year = int(filters.get("year") or getdate(today()).year)
	plan_filters = {"year": year}
	if filters.get("administrative_unit"):
		plan_filters["administrative_unit"] = ["in", subtree(filters.administrative_unit)]
	rows = []
	# the plans the user may read (their units' and those above); each plan's own targets
	for plan in frappe.get_list(
		"OCOP Annual Plan", filters=plan_filters, fields=["name", "administrative_unit"], limit_page_length=0
	):
		for target in frappe.get_all(
			"OCOP Plan Target",
			filters={"parent": plan.name, "parenttype": "OCOP Annual Plan"},
			fields=["metric", "target_value", "sub_unit"],
			order_by="idx",
		):
			unit = target.sub_unit or plan.administrative_unit
			achieved = count_achieved(COUNTED.get(target.metric), unit, year)
			rows.append(
				{
					"plan": plan.name,
					"unit_name": frappe.db.get_value("OCOP Administrative Unit", unit, "full_name"),
					"metric": _(target.metric),
					"target_value": target.target_value,
					"achieved": achieved,
					"percent": flt(achieved * 100 / target.target_value, 1)
					if achieved is not None and target.target_value
					else None,
				}
			)
	return rows


def count_achieved(kind: str | None, unit: str, year: int) -> int | None:
	if kind is None:
		return None
	units = subtree(unit)
	start, end = getdate(f"{year}-01-01"), getdate(f"{year}-12-31")
	if kind == "cumulative":
		on = min(end, getdate(today()))
		certificates = frappe.get_list(
			"OCOP Certificate",
			filters={
				"administrative_unit": ["in", units],
				"status": "Hiệu lực",
				"valid_from": ["<=", on],
				"valid_to": [">=", on],
				"star": [">=", 3],
			},
			pluck="product",
			limit_page_length=0,
		)
		return len(set(certificates))
	issued = frappe.get_list(
		"OCOP Certificate",
		filters={
			"administrative_unit": ["in", units],
			"valid_from": ["between", [start, end]],
			"star": [">=", 3],
			"status": ["!=", "Hủy"],
		},
		fields=["product", "evaluation"],
		limit_page_length=0,
	)
	upgrades = (
		set(
			frappe.get_all(
				"OCOP Evaluation",
				filters={"name": ["in", [c.evaluation for c in issued if c.evaluation]], "is_upgrade": 1},
				pluck="name",
			)
		)
		if issued
		else set()
	)
	if kind == "upgraded":
		return len({c.product for c in issued if c.evaluation in upgrades})
	return len({c.product for c in issued if c.evaluation not in upgrades})


def get_chart(data: list[dict]) -> dict | None:
	rows = [r for r in data if r["achieved"] is not None]
	if not rows:
		return None
	return {
		"data": {
			"labels": [f"{r['plan']}: {r['metric']}" for r in rows],
			"datasets": [
				{"name": _("Target"), "values": [r["target_value"] for r in rows]},
				{"name": _("Achieved"), "values": [r["achieved"] for r in rows]},
			],
		},
		"type": "bar",
	}
