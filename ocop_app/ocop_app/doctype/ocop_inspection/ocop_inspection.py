# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""An inspection of a certified product after recognition (kiểm tra, giám sát sau công nhận).

The checklist is copied from an OCOP Inspection Checklist (data an administrator edits); the
conclusion is Đạt, Yêu cầu khắc phục (with a deadline) or Đề nghị thu hồi (which prefills an OCOP
Revocation Decision). A corrective action past its deadline flags the inspection and the product
(daily job). Consistency rules live in ocop_app.rules.inspection.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate import ACTIVE, active_certificate
from ocop_app.permissions import check_unit_scope
from ocop_app.rules import inspection as rules

CONCLUDED, CORRECTED = "Đã kết luận", "Đã khắc phục"


class CertificateMismatchError(frappe.ValidationError):
	pass


class NoChecklistError(frappe.ValidationError):
	pass


class InspectionConclusionError(frappe.ValidationError):
	pass


class NotARevocationProposalError(frappe.ValidationError):
	pass


class OCOPInspection(Document):
	def validate(self):
		self.set_product_details()
		check_unit_scope(self)
		self.set_certificate()
		self.set_checklist()
		self.validate_conclusion()
		self.set_overdue()

	def before_submit(self):
		if not self.result:
			frappe.throw(
				_("Cần ghi kết luận kiểm tra trước khi kết luận."),
				InspectionConclusionError,
				title=_("Chưa có kết luận"),
			)

	def on_submit(self):
		refresh_product_flag(self.product)

	def on_update_after_submit(self):
		if self.workflow_state == CORRECTED and not self.corrective_completed_on:
			self.db_set({"corrective_completed_on": today(), "is_overdue": 0})
		refresh_product_flag(self.product)

	def on_cancel(self):
		refresh_product_flag(self.product)

	def set_product_details(self):
		product = frappe.db.get_value(
			"OCOP Product",
			self.product,
			["product_name", "producer", "producer_name", "administrative_unit", "province"],
			as_dict=True,
		)
		if product:
			self.update(product)

	def set_certificate(self):
		if not self.certificate:
			cert = active_certificate(self.product, self.inspection_date)
			self.certificate = cert.name if cert else None
		if not self.certificate:
			self.star = 0
			return
		cert = frappe.db.get_value("OCOP Certificate", self.certificate, ["product", "star"], as_dict=True)
		if not cert or cert.product != self.product:
			frappe.throw(
				_("Giấy chứng nhận {0} không phải của sản phẩm {1}.").format(
					frappe.bold(self.certificate), frappe.bold(self.product_name or self.product)
				),
				CertificateMismatchError,
				title=_("Sai giấy chứng nhận"),
			)
		self.star = cert.star

	def set_checklist(self):
		"""A new inspection gets the items of its checklist template (the default one if none)."""
		if self.checklist:
			return
		if not self.checklist_template:
			self.checklist_template = frappe.db.get_value(
				"OCOP Inspection Checklist", {"is_default": 1, "disabled": 0}, "name"
			)
		if not self.checklist_template:
			frappe.throw(
				_(
					"Chưa có mẫu danh mục kiểm tra nào; quản trị viên cần tạo một mẫu (OCOP Inspection Checklist)."
				),
				NoChecklistError,
				title=_("Thiếu danh mục kiểm tra"),
			)
		template = frappe.get_doc("OCOP Inspection Checklist", self.checklist_template)
		for item in template.items:
			self.append(
				"checklist",
				{"area": item.area, "requirement": item.requirement, "is_mandatory": item.is_mandatory},
			)

	def validate_conclusion(self):
		problems = rules.conclusion_problems(
			self.result,
			[{"idx": c.idx, "outcome": c.outcome, "is_mandatory": c.is_mandatory} for c in self.checklist],
			len([f for f in self.findings if (f.finding or "").strip()]),
			getdate(self.inspection_date) if self.inspection_date else None,
			getdate(self.corrective_deadline) if self.corrective_deadline else None,
			self.revocation_reason,
		)
		if problems:
			frappe.throw(
				"<br>".join(conclusion_message(code, detail) for code, detail in problems),
				InspectionConclusionError,
				title=_("Kết luận kiểm tra chưa hợp lệ"),
			)

	def set_overdue(self):
		self.is_overdue = int(
			self.docstatus == 1
			and rules.correction_overdue(
				self.result,
				bool(self.corrective_completed_on),
				getdate(self.corrective_deadline) if self.corrective_deadline else None,
				getdate(),
			)
		)


def conclusion_message(code: str, detail) -> str:
	if code == "unchecked":
		return _("Chưa ghi kết quả cho mục kiểm tra dòng {0}.").format(", ".join(map(str, detail)))
	if code == "passed_with_failure":
		return _("Không thể kết luận Đạt khi mục bắt buộc dòng {0} không đạt.").format(
			", ".join(map(str, detail))
		)
	if code == "no_findings":
		return _("Kết luận {0} cần ít nhất một phát hiện (kèm minh chứng).").format(frappe.bold(detail))
	if code == "deadline_missing":
		return _("Yêu cầu khắc phục cần có thời hạn khắc phục.")
	if code == "deadline_not_after":
		return _("Thời hạn khắc phục phải sau ngày kiểm tra ({0}).").format(frappe.format(detail, "Date"))
	if code == "reason_missing":
		return _("Đề nghị thu hồi cần ghi lý do thu hồi.")
	return _("Kết luận {0} không hợp lệ.").format(frappe.bold(detail))


def refresh_product_flag(product: str) -> None:
	"""The product is flagged while any of its concluded inspections has an overdue correction."""
	overdue = frappe.db.exists(
		"OCOP Inspection", {"product": product, "docstatus": 1, "is_overdue": 1, "workflow_state": CONCLUDED}
	)
	if bool(frappe.db.get_value("OCOP Product", product, "corrective_overdue")) != bool(overdue):
		frappe.db.set_value(
			"OCOP Product", product, "corrective_overdue", int(bool(overdue)), update_modified=False
		)


def flag_overdue_corrective_actions() -> int:
	"""Daily: concluded inspections whose corrective deadline passed without a fix flag their product."""
	rows = frappe.get_all(
		"OCOP Inspection",
		filters={
			"docstatus": 1,
			"result": rules.CORRECTION,
			"workflow_state": CONCLUDED,
			"corrective_completed_on": ["is", "not set"],
			"corrective_deadline": ["<", getdate()],
			"is_overdue": 0,
		},
		fields=["name", "product"],
	)
	for row in rows:
		frappe.db.set_value("OCOP Inspection", row.name, "is_overdue", 1, update_modified=False)
		refresh_product_flag(row.product)
	return len(rows)


@frappe.whitelist()
def make_revocation_decision(source_name: str, target_doc=None):
	"""A draft OCOP Revocation Decision from an inspection that proposes revocation."""
	from frappe.model.mapper import get_mapped_doc

	inspection = frappe.get_doc("OCOP Inspection", source_name)
	inspection.check_permission("read")
	frappe.has_permission("OCOP Revocation Decision", "create", throw=True)
	if inspection.docstatus != 1 or inspection.result != rules.REVOCATION:
		frappe.throw(
			_("Chỉ lập quyết định thu hồi từ biên bản kiểm tra đã kết luận Đề nghị thu hồi."),
			NotARevocationProposalError,
			title=_("Không lập được quyết định thu hồi"),
		)
	if (
		not inspection.certificate
		or frappe.db.get_value("OCOP Certificate", inspection.certificate, "status") != ACTIVE
	):
		frappe.throw(
			_("Sản phẩm {0} không còn giấy chứng nhận hiệu lực để thu hồi.").format(
				frappe.bold(inspection.product_name)
			),
			NotARevocationProposalError,
			title=_("Không lập được quyết định thu hồi"),
		)
	cert = frappe.db.get_value(
		"OCOP Certificate", inspection.certificate, ["recognition_decision", "province"], as_dict=True
	)
	issuing_unit = (
		cert.recognition_decision
		and frappe.db.get_value("OCOP Recognition Decision", cert.recognition_decision, "issuing_unit")
	) or cert.province

	def postprocess(source, target):
		target.issuing_unit = issuing_unit
		target.reason = source.revocation_reason
		target.details = revocation_details(source)
		target.append("items", {"certificate": source.certificate})

	return get_mapped_doc(
		"OCOP Inspection",
		source_name,
		{
			"OCOP Inspection": {
				"doctype": "OCOP Revocation Decision",
				"field_map": {"name": "inspection"},
				"field_no_map": ["naming_series", "amended_from"],
			}
		},
		target_doc,
		postprocess,
	)


def revocation_details(inspection) -> str:
	lines = [
		_("Theo biên bản kiểm tra {0} ngày {1}:").format(
			inspection.name, frappe.format(inspection.inspection_date, "Date")
		)
	]
	lines += [f"- {f.finding.strip()}" for f in inspection.findings if (f.finding or "").strip()]
	return "\n".join(lines)
