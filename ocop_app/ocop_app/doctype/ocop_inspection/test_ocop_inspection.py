# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Inspections after recognition, as the officials of their units do them: a plan samples the
products closest to expiry, one inspection asks for a correction that runs late, another proposes
revocation and becomes a revocation decision."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from ocop_app.factories import COMMUNE_A, COMMUNE_B, PROVINCE, certificate_in, make_user
from ocop_app.ocop_app.doctype.ocop_inspection.ocop_inspection import (
	CertificateMismatchError,
	InspectionConclusionError,
	NotARevocationProposalError,
	flag_overdue_corrective_actions,
	make_revocation_decision,
)
from ocop_app.ocop_app.doctype.ocop_inspection_plan.ocop_inspection_plan import (
	ProductOutsidePlanUnitError,
	valid_certificates,
)
from ocop_app.rules.inspection import sample_size
from ocop_app.workflow_guard import WorkflowActionNotAllowedError, apply_action

TINH = "kt.tinh@ocop.vn"  # province officer of Hưng Yên: leads the inspection team
XA_A = "kt.xa.a@ocop.vn"  # commune officer of Xã Đông Hưng (Hưng Yên)
XA_B = "kt.xa.b@ocop.vn"  # commune officer of Xã Bát Tràng (Hà Nội)
EVIDENCE = "/files/anh-nhan-san-pham.jpg"


class TestOCOPInspection(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(TINH, "OCOP Province Officer", PROVINCE)
		make_user(XA_A, "OCOP Commune Officer", COMMUNE_A)
		make_user(XA_B, "OCOP Commune Officer", COMMUNE_B)
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	# ------------------------------------------------------------------ plan
	def test_plan_samples_the_products_closest_to_expiry(self):
		soon = certified_product(COMMUNE_A, days_left=5)
		certified_product(COMMUNE_A, days_left=400)
		far = certified_product(COMMUNE_A, days_left=900)
		outside = certified_product(COMMUNE_B, days_left=3)
		frappe.set_user(TINH)
		plan = new_plan(share=50)
		added = plan.sample_products()
		plan.reload()
		valid = valid_certificates(PROVINCE)
		self.assertEqual(added, sample_size(len(valid), 50))
		chosen = {i.product for i in plan.items}
		self.assertIn(soon.product, chosen)
		self.assertNotIn(outside.product, chosen)  # Hà Nội is not the plan's province
		left = [c.valid_to for c in valid if c.product not in chosen]
		self.assertTrue(all(i.valid_to <= min(left) for i in plan.items) if left else True)
		self.assertTrue(all(i.selection == "Chọn mẫu" and i.certificate for i in plan.items))
		self.assertEqual(plan.sample_products(), 0)  # the share is already covered

		# a product chosen by hand must be in the plan's unit, with its own certificate
		plan.append("items", {"product": outside.product})
		self.assertRaises(ProductOutsidePlanUnitError, plan.save)
		plan.reload()
		extra = certified_product(COMMUNE_A, days_left=2000)  # not in the plan yet
		plan.append("items", {"product": extra.product, "certificate": far.name})
		self.assertRaises(CertificateMismatchError, plan.save)
		plan.reload()

		made = plan.make_inspections()
		self.assertEqual(len(made), len(plan.items))
		inspection = frappe.get_doc("OCOP Inspection", made[0])
		self.assertEqual((inspection.inspection_plan, inspection.team_lead), (plan.name, "Nguyễn Văn Trưởng"))
		self.assertEqual(inspection.workflow_state, "Dự thảo")
		self.assertTrue(inspection.checklist)

	def test_plan_and_inspections_stay_in_their_units(self):
		cert = certified_product(COMMUNE_A, days_left=60)
		frappe.set_user(TINH)
		plan = new_plan(share=0)
		plan.append("items", {"product": cert.product})
		plan.save()
		inspection = new_inspection(cert.product)
		inspection.append("findings", {"finding": "Tem dán sai hạng sao", "evidence": EVIDENCE})
		inspection.save()

		frappe.set_user(XA_B)
		self.assertFalse(frappe.get_doc("OCOP Inspection Plan", plan.name).has_permission("read"))
		self.assertFalse(frappe.get_doc("OCOP Inspection", inspection.name).has_permission("read"))
		self.assertEqual(frappe.get_list("OCOP Inspection", filters={"name": inspection.name}), [])
		self.assertEqual(frappe.get_list("OCOP Inspection Plan", filters={"name": plan.name}), [])
		for child, parent in (
			("OCOP Inspection Finding", "OCOP Inspection"),
			("OCOP Inspection Check", "OCOP Inspection"),
			("OCOP Inspection Plan Item", "OCOP Inspection Plan"),
		):
			rows = frappe.get_list(child, parent_doctype=parent, fields=["parent"], limit_page_length=0)
			self.assertNotIn(inspection.name, {r.parent for r in rows})
			self.assertNotIn(plan.name, {r.parent for r in rows})
		self.assertRaises(frappe.PermissionError, new_inspection, cert.product)

		frappe.set_user(XA_A)  # the product's commune sees the inspection (not the province's plan)
		self.assertTrue(frappe.get_doc("OCOP Inspection", inspection.name).has_permission("read"))
		rows = frappe.get_list(
			"OCOP Inspection Finding", parent_doctype="OCOP Inspection", fields=["parent", "finding"]
		)
		self.assertIn(inspection.name, {r.parent for r in rows})

	# ------------------------------------------------------------------ correction
	def test_inspection_requests_correction_that_runs_late(self):
		cert = certified_product(COMMUNE_A, days_left=200)
		frappe.set_user(XA_A)
		inspection = new_inspection(cert.product)
		template = frappe.get_doc("OCOP Inspection Checklist", inspection.checklist_template)
		self.assertTrue(template.is_default)
		self.assertEqual(
			[c.requirement for c in inspection.checklist], [i.requirement for i in template.items]
		)
		self.assertEqual((inspection.certificate, inspection.star), (cert.name, 3))
		self.assertEqual(inspection.administrative_unit, COMMUNE_A)

		mark(inspection, failed_area="Nhãn, tem sản phẩm")
		inspection.result = "Đạt"  # a failed mandatory item cannot pass
		refused(self, InspectionConclusionError, inspection)
		inspection.result = "Yêu cầu khắc phục"  # no finding, no deadline
		refused(self, InspectionConclusionError, inspection)
		inspection.append(
			"findings",
			{
				"finding": "Dùng tem OCOP 4 sao cho sản phẩm 3 sao",
				"area": "Nhãn, tem sản phẩm",
				"evidence": EVIDENCE,
			},
		)
		inspection.corrective_deadline = inspection.inspection_date
		refused(self, InspectionConclusionError, inspection)
		inspection.corrective_deadline = add_days(today(), 30)
		inspection.corrective_actions = "Thu hồi tem sai, in lại nhãn đúng hạng sao"
		inspection.save()

		apply_action(inspection, "Trình kết luận")
		self.assertRaises(WorkflowActionNotAllowedError, apply_action, inspection, "Kết luận")
		frappe.set_user(TINH)
		inspection = apply_action(frappe.get_doc("OCOP Inspection", inspection.name), "Kết luận")
		self.assertEqual((inspection.docstatus, inspection.workflow_state), (1, "Đã kết luận"))

		# before the deadline nothing is flagged
		flag_overdue_corrective_actions()
		self.assertFalse(frappe.db.get_value("OCOP Inspection", inspection.name, "is_overdue"))
		self.assertFalse(frappe.db.get_value("OCOP Product", cert.product, "corrective_overdue"))

		# the deadline passes without a fix: the daily job flags the inspection and the product
		frappe.db.set_value("OCOP Inspection", inspection.name, "corrective_deadline", add_days(today(), -1))
		self.assertGreaterEqual(flag_overdue_corrective_actions(), 1)
		self.assertTrue(frappe.db.get_value("OCOP Inspection", inspection.name, "is_overdue"))
		self.assertTrue(frappe.db.get_value("OCOP Product", cert.product, "corrective_overdue"))
		frappe.set_user(TINH)
		overdue = frappe.get_list("OCOP Product", filters={"corrective_overdue": 1}, pluck="name")
		self.assertIn(cert.product, overdue)

		# the producer fixes it; the team confirms and the flags go
		inspection = apply_action(frappe.get_doc("OCOP Inspection", inspection.name), "Xác nhận đã khắc phục")
		inspection.reload()
		self.assertEqual(inspection.workflow_state, "Đã khắc phục")
		self.assertEqual(str(inspection.corrective_completed_on), today())
		self.assertFalse(inspection.is_overdue)
		self.assertFalse(frappe.db.get_value("OCOP Product", cert.product, "corrective_overdue"))
		self.assertRaises(NotARevocationProposalError, make_revocation_decision, inspection.name)

	# ------------------------------------------------------------------ revocation
	def test_inspection_proposes_revocation_and_flows_into_a_decision(self):
		cert = certified_product(COMMUNE_A, days_left=300)
		frappe.set_user(TINH)
		inspection = new_inspection(cert.product)
		mark(inspection, failed_area="An toàn thực phẩm")
		inspection.result = "Đề nghị thu hồi"
		inspection.append(
			"findings",
			{
				"finding": "Giấy chứng nhận cơ sở đủ điều kiện ATTP đã bị thu hồi",
				"area": "An toàn thực phẩm",
				"evidence": EVIDENCE,
			},
		)
		refused(self, InspectionConclusionError, inspection)  # no reason
		inspection.revocation_reason = "Vi phạm an toàn thực phẩm"
		inspection.save()
		self.assertRaises(
			NotARevocationProposalError, make_revocation_decision, inspection.name
		)  # not concluded
		apply_action(inspection, "Trình kết luận")
		inspection = apply_action(frappe.get_doc("OCOP Inspection", inspection.name), "Kết luận")

		frappe.set_user(XA_A)  # commune officers do not issue revocation decisions
		self.assertRaises(frappe.PermissionError, make_revocation_decision, inspection.name)

		frappe.set_user(TINH)
		decision = make_revocation_decision(inspection.name)
		self.assertEqual(decision.doctype, "OCOP Revocation Decision")
		self.assertEqual(
			(decision.reason, decision.inspection), ("Vi phạm an toàn thực phẩm", inspection.name)
		)
		self.assertEqual([i.certificate for i in decision.items], [cert.name])
		self.assertEqual(decision.issuing_unit, PROVINCE)
		self.assertIn("đủ điều kiện ATTP đã bị thu hồi", decision.details)
		self.assertIn(inspection.name, decision.details)
		decision.decision_no = f"{frappe.generate_hash(length=6)}/QĐ-UBND"
		decision.decision_date = today()
		decision.insert()
		decision.submit()

		self.assertEqual(frappe.db.get_value("OCOP Certificate", cert.name, "status"), "Thu hồi")
		self.assertEqual(frappe.db.get_value("OCOP Product", cert.product, "star_rating"), 0)
		self.assertEqual(
			frappe.db.get_value("OCOP Inspection", inspection.name, "revocation_decision"), decision.name
		)
		self.assertRaises(NotARevocationProposalError, make_revocation_decision, inspection.name)


# ---------------------------------------------------------------------- factories
def refused(test, error, doc) -> None:
	"""``doc.save()`` raises ``error``; the form keeps the record as it was loaded, to try again."""
	modified = doc.modified
	test.assertRaises(error, doc.save)
	doc.modified = modified


def certified_product(unit: str, days_left: int):
	"""A 3-star product of ``unit`` whose certificate ends ``days_left`` days from today."""
	name = certificate_in(unit, 3, add_days(today(), -400))
	frappe.db.set_value("OCOP Certificate", name, "valid_to", add_days(today(), days_left))
	return frappe.get_doc("OCOP Certificate", name)


def new_plan(share: float):
	return frappe.get_doc(
		{
			"doctype": "OCOP Inspection Plan",
			"plan_title": "Kiểm tra sản phẩm OCOP sau công nhận",
			"year": int(today()[:4]),
			"administrative_unit": PROVINCE,
			"date_from": today(),
			"date_to": add_days(today(), 60),
			"sample_share": share,
			"team": [
				{
					"member_name": "Nguyễn Văn Trưởng",
					"agency": "Sở Nông nghiệp và Môi trường",
					"team_role": "Trưởng đoàn",
				},
				{"member_name": "Trần Thị Y", "agency": "Sở Y tế", "team_role": "Thành viên"},
			],
		}
	).insert()


def new_inspection(product: str):
	return frappe.get_doc(
		{"doctype": "OCOP Inspection", "product": product, "inspection_date": today()}
	).insert()


def mark(inspection, failed_area: str) -> None:
	"""Every checklist item passes except those of ``failed_area``."""
	for check in inspection.checklist:
		check.outcome = "Không đạt" if check.area == failed_area else "Đạt"
