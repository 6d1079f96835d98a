# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Revoking certificates (thu hồi) by decision, with its reason; the products lose their star."""

import frappe
from frappe import _
from frappe.model.document import Document

from ocop_app.exceptions import OutsideIssuingUnitError
from ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate import (
	ACTIVE,
	REVOKED,
	refresh_product_star,
)
from ocop_app.units import is_within


class CertificateNotActiveError(frappe.ValidationError):
	pass


class OCOPRevocationDecision(Document):
	def validate(self):
		for item in self.items:
			status, unit = frappe.db.get_value(
				"OCOP Certificate", item.certificate, ["status", "administrative_unit"]
			) or (None, None)
			# a national decision (no issuing unit) reaches every unit
			if self.issuing_unit and not is_within(unit, self.issuing_unit):
				frappe.throw(
					_(
						"Dòng {0}: giấy chứng nhận {1} do đơn vị khác quản lý; quyết định của {2} không thu hồi được."
					).format(
						item.idx,
						frappe.bold(item.certificate),
						frappe.bold(
							frappe.db.get_value("OCOP Administrative Unit", self.issuing_unit, "full_name")
						),
					),
					OutsideIssuingUnitError,
					title=_("Ngoài phạm vi quản lý"),
				)
			if status != ACTIVE:
				frappe.throw(
					_("Dòng {0}: giấy chứng nhận {1} đang ở trạng thái {2}, không thể thu hồi.").format(
						item.idx, frappe.bold(item.certificate), status
					),
					CertificateNotActiveError,
					title=_("Không thể thu hồi"),
				)
			item.previous_status = status

	def on_submit(self):
		for item in self.items:
			frappe.db.set_value(
				"OCOP Certificate",
				item.certificate,
				{"status": REVOKED, "revocation_decision": self.name, "revocation_reason": self.reason},
			)
			refresh_product_star(frappe.db.get_value("OCOP Certificate", item.certificate, "product"))
		if self.inspection:  # the inspection that proposed it points back to the decision
			frappe.db.set_value("OCOP Inspection", self.inspection, "revocation_decision", self.name)

	def on_cancel(self):
		if self.inspection:
			frappe.db.set_value("OCOP Inspection", self.inspection, "revocation_decision", None)
		for item in self.items:
			frappe.db.set_value(
				"OCOP Certificate",
				item.certificate,
				{
					"status": item.previous_status or ACTIVE,
					"revocation_decision": None,
					"revocation_reason": None,
				},
			)
			refresh_product_star(frappe.db.get_value("OCOP Certificate", item.certificate, "product"))
