# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A unit's yearly plan of inspections after recognition: the team, the dates, the products.

Products are chosen by the official or sampled: a share of the unit's valid certificates, those
closest to expiry first (ocop_app.rules.inspection.sample). "Lập biên bản kiểm tra" makes one draft
OCOP Inspection for each product of the plan that has none.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate import ACTIVE, active_certificate
from ocop_app.ocop_app.doctype.ocop_inspection.ocop_inspection import CertificateMismatchError
from ocop_app.permissions import check_unit_scope
from ocop_app.rules import inspection as rules
from ocop_app.units import subtree


class PlanDatesError(frappe.ValidationError):
	pass


class ProductOutsidePlanUnitError(frappe.ValidationError):
	pass


class DuplicatePlanProductError(frappe.ValidationError):
	pass


class OCOPInspectionPlan(Document):
	def validate(self):
		check_unit_scope(self)
		self.validate_dates()
		self.validate_items()

	def validate_dates(self):
		if getdate(self.date_to) < getdate(self.date_from):
			frappe.throw(_("Ngày kết thúc phải sau ngày bắt đầu."), PlanDatesError, title=_("Sai thời gian"))

	def validate_items(self):
		units = set(subtree(self.administrative_unit))
		seen = set()
		for item in self.items:
			if item.product in seen:
				frappe.throw(
					_("Dòng {0}: sản phẩm {1} đã có trong kế hoạch.").format(
						item.idx, frappe.bold(item.product_name)
					),
					DuplicatePlanProductError,
					title=_("Trùng sản phẩm"),
				)
			seen.add(item.product)
			product = frappe.db.get_value(
				"OCOP Product", item.product, ["product_name", "administrative_unit"], as_dict=True
			)
			if not product or product.administrative_unit not in units:
				frappe.throw(
					_("Dòng {0}: sản phẩm {1} không thuộc địa bàn của kế hoạch.").format(
						item.idx, frappe.bold(product.product_name if product else item.product)
					),
					ProductOutsidePlanUnitError,
					title=_("Ngoài địa bàn"),
				)
			item.product_name = product.product_name
			if not item.certificate:
				cert = active_certificate(item.product)
				item.certificate = cert.name if cert else None
			if item.certificate:
				cert = frappe.db.get_value(
					"OCOP Certificate", item.certificate, ["product", "star", "valid_to"], as_dict=True
				)
				if not cert or cert.product != item.product:
					frappe.throw(
						_("Dòng {0}: giấy chứng nhận {1} không phải của sản phẩm {2}.").format(
							item.idx, frappe.bold(item.certificate), frappe.bold(product.product_name)
						),
						CertificateMismatchError,
						title=_("Sai giấy chứng nhận"),
					)
				item.star, item.valid_to = cert.star, cert.valid_to

	@frappe.whitelist()
	def sample_products(self) -> int:
		"""Add products until the plan covers its share of the unit's valid certificates."""
		self.check_permission("write")
		valid = valid_certificates(self.administrative_unit)
		listed = {i.product for i in self.items}
		already = sum(1 for c in valid if c.product in listed)
		chosen = rules.sample([c for c in valid if c.product not in listed], self.sample_share or 0, already)
		for cert in chosen:
			self.append(
				"items",
				{"product": cert.product, "certificate": cert.name, "selection": "Chọn mẫu"},
			)
		self.save()
		return len(chosen)

	@frappe.whitelist()
	def make_inspections(self) -> list[str]:
		"""One draft inspection for each product of the plan that has none yet."""
		self.check_permission("write")
		lead = next((m.member_name for m in self.team if m.team_role == "Trưởng đoàn"), None)
		made = []
		for item in self.items:
			if item.inspection:
				continue
			inspection = frappe.get_doc(
				{
					"doctype": "OCOP Inspection",
					"product": item.product,
					"certificate": item.certificate,
					"inspection_date": item.planned_date or self.date_from,
					"inspection_plan": self.name,
					"team_lead": lead,
				}
			).insert()
			item.inspection = inspection.name
			made.append(inspection.name)
		self.save()
		return made


def valid_certificates(unit: str) -> list:
	"""Certificates in force today for products of ``unit`` and the units below it."""
	return frappe.get_all(
		"OCOP Certificate",
		filters={
			"status": ACTIVE,
			"valid_from": ["<=", today()],
			"valid_to": [">=", today()],
			"administrative_unit": ["in", subtree(unit)],
		},
		fields=["name", "product", "valid_to"],
	)
