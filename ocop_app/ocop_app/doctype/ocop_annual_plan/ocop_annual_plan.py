# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A yearly OCOP plan of a province or commune (a legacy district for history): targets and
activities, as in the provincial plans (seeds 000, 001, 002, 004)."""

import frappe
from frappe import _
from frappe.model.document import Document

from ocop_app.rules.admin_units import COMMUNE, PROVINCE


class PlanUnitError(frappe.ValidationError):
	pass


class OCOPAnnualPlan(Document):
	def validate(self):
		level, legacy = frappe.db.get_value(
			"OCOP Administrative Unit", self.administrative_unit, ["level", "is_legacy"]
		)
		if level not in (PROVINCE, COMMUNE) and not legacy:
			frappe.throw(
				_("Kế hoạch năm lập cho một tỉnh hoặc một xã (huyện chỉ cho số liệu trước 01/07/2025)."),
				PlanUnitError,
				title=_("Sai đơn vị lập kế hoạch"),
			)
