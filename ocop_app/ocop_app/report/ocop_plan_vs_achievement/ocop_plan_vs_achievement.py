# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Kế hoạch và kết quả: each annual plan's targets against the recognitions recorded for its unit.

Achievements are counted from certificates read through frappe.get_list, so an official sees the
results of their own units only. The certificates of the year are read once for all the plans'
targets (not once per target), and counted per unit by the rules (rules.reporting).
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate import ACTIVE, CANCELLED
from ocop_app.report_common import column, get_rows_sorted, report_result
from ocop_app.rules.reporting import PLAN_METRICS, PLAN_MIN_STAR, count_in, plan_achievements
from ocop_app.units import UNIT_DOCTYPE, names_of, subtree, subtrees


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
	within = filters.get("administrative_unit")
	plan_filters = {"year": year, **({"administrative_unit": ["in", subtree(within)]} if within else {})}
	# the plans the user may read (their units' and those above); each plan's own targets
	plans = frappe.get_list(
		"OCOP Annual Plan", filters=plan_filters, fields=["name", "administrative_unit"], limit_page_length=0
	)
	if not plans:
		return []
	targets = {}
	for target in frappe.get_all(
		"OCOP Plan Target",
		filters={"parent": ["in", [p.name for p in plans]], "parenttype": "OCOP Annual Plan"},
		fields=["parent", "metric", "target_value", "sub_unit"],
		order_by="idx asc",
	):
		targets.setdefault(target.parent, []).append(target)
	units = {t.sub_unit or p.administrative_unit for p in plans for t in targets.get(p.name, ())}
	unit_names = names_of(UNIT_DOCTYPE, units, "full_name")
	achieved_in = PlanAchievements(year, units, within)
	rows = []
	for plan in plans:
		for target in targets.get(plan.name, ()):
			unit = target.sub_unit or plan.administrative_unit
			achieved = achieved_in(PLAN_METRICS.get(target.metric), unit)
			rows.append(
				{
					"plan": plan.name,
					"unit_name": unit_names.get(unit),
					"metric": _(target.metric),
					"target_value": target.target_value,
					"achieved": achieved,
					"percent": flt(achieved * 100 / target.target_value, 1)
					if achieved is not None and target.target_value
					else None,
				}
			)
	return rows


class PlanAchievements:
	"""How many products achieved a plan metric in a unit (and below it) in ``year``, as the user may
	read them: the certificates are read once, on the first counted metric, with the subtrees of all
	the ``units`` the targets are set for."""

	def __init__(self, year: int, units, within: str | None = None):
		self.year, self.units, self.within = year, units, within
		self.counted = self.subtrees = None

	def __call__(self, kind: str | None, unit: str) -> int | None:
		if kind is None:
			return None
		if self.counted is None:
			self.counted = read_achievements(self.year, self.within)
			on_records = {unit for by_unit in self.counted.values() for unit in by_unit}
			self.subtrees = subtrees(self.units, legacy_among=on_records)
		return count_in(self.counted[kind], self.subtrees.get(unit, ()))


def year_dates(year: int) -> tuple[date, date, date]:
	"""The first and last day of ``year``, and the day the cumulative count is taken (its last day, or
	today while it runs)."""
	start, end = getdate(f"{year}-01-01"), getdate(f"{year}-12-31")
	return start, end, min(end, getdate(today()))


def certificates_counted(year: int) -> dict:
	"""get_list conditions (filters, or_filters) of the certificates that may count for ``year``'s plans:
	≥3★, not cancelled, issued in the year or valid on its counting day."""
	start, end, on = year_dates(year)
	return {
		"filters": {"star": [">=", PLAN_MIN_STAR], "status": ["!=", CANCELLED], "valid_from": ["<=", end]},
		"or_filters": {"valid_from": [">=", start], "valid_to": [">=", on]},
	}


def read_achievements(year: int, within: str | None) -> dict[str, dict[str, set]]:
	"""The products counted for each plan metric in ``year``, by unit (rules.reporting), from the ≥3★
	certificates the user may read (frappe.get_list) issued in the year or valid on its last day (or
	today), in one query, below ``within`` only when given."""
	start, end, on = year_dates(year)
	conditions = certificates_counted(year)
	if within:
		conditions["filters"]["administrative_unit"] = ["in", subtree(within)]
	certificates = get_rows_sorted(
		"OCOP Certificate",
		("administrative_unit", "product", "evaluation", "status", "valid_from", "valid_to"),
		**conditions,
		order_by="name",
	)
	certificates = [
		(u, p, e, status == ACTIVE, as_date(f), as_date(t)) for u, p, e, status, f, t in certificates
	]
	issued = {
		evaluation for _u, _p, evaluation, _a, f, _t in certificates if evaluation and f and start <= f <= end
	}
	# which of those evaluations upgraded a star: named by certificates the user may read, so plain SQL
	# (frappe's filter building was most of the time of an IN of thousands)
	upgrades = (
		{
			name
			for (name,) in frappe.db.sql(
				"select name from `tabOCOP Evaluation` where is_upgrade = 1 and name in %(issued)s",
				{"issued": tuple(issued)},
			)
		}
		if issued
		else set()
	)
	return plan_achievements(certificates, start, end, on, upgrades)


def as_date(value: str | None) -> date | None:
	"""A date read as JSON text ("2026-03-01"), or None."""
	return date.fromisoformat(value) if value else None


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
