# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A quarter's report goes up: filled from the system, sent, returned with comments, sent again,
accepted, and consolidated at the province with one commune missing; printed and exported."""

import io

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from ocop_app.factories import COMMUNE_A, COMMUNE_B, PROVINCE, certificate_in, make_producer, make_user
from ocop_app.ocop_app.doctype.ocop_periodic_report.ocop_periodic_report import (
	DuplicateReportError,
	ReportLockedError,
	export_xlsx,
	flag_overdue_reports,
)
from ocop_app.rules.reporting import NOT_REPORTED, QUARTERS
from ocop_app.workflow_guard import WorkflowActionNotAllowedError, apply_action

XA_A = "bc.xa.a@ocop.vn"  # Xã Đông Hưng, Hưng Yên
XA_B = "bc.xa.b@ocop.vn"  # Xã Bát Tràng, Hà Nội
TINH = "bc.tinh@ocop.vn"  # Hưng Yên
BO = "bc.bo@ocop.vn"  # the ministry
YEAR = getdate().year
PERIOD = QUARTERS[(getdate().month - 1) // 3]  # the quarter we are in


class TestOCOPPeriodicReport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(XA_A, "OCOP Commune Officer", COMMUNE_A)
		make_user(XA_B, "OCOP Commune Officer", COMMUNE_B)
		make_user(TINH, "OCOP Province Officer", PROVINCE)
		make_user(BO, "OCOP Ministry Officer", None)
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_quarter_report_up_to_the_province(self):
		certificate_in(COMMUNE_A, 4, today())  # registered and recognised this quarter
		commune_c = other_commune()
		certificate_in(commune_c, 3, today())  # a commune with OCOP products that will not report
		certificate_in(COMMUNE_B, 3, today())  # Hà Nội's, for the national consolidation

		# the commune fills its report: figures from the system
		frappe.set_user(XA_A)
		report = new_report(COMMUNE_A)
		self.assertEqual((report.level, report.workflow_state), ("Commune", "Dự thảo"))
		self.assertGreaterEqual(figure(report, "products_registered"), 1)
		self.assertGreaterEqual(figure(report, "recognised_4"), 1)
		self.assertEqual(report.units, [])  # a commune consolidates nobody
		registered = figure(report, "products_registered")
		frappe.set_user("Administrator")
		new_product(COMMUNE_A)
		frappe.set_user(XA_A)
		report.refresh_figures()
		self.assertEqual(figure(report, "products_registered"), registered + 1)
		self.assertRaises(DuplicateReportError, new_report, COMMUNE_A)

		report.narrative = "Đã rà soát 12 sản phẩm; <script>alert(1)</script> tuyên truyền trên loa xã."
		report.proposals = "Đề nghị tỉnh hỗ trợ tem truy xuất nguồn gốc."
		report.save()
		report = apply_action(report, "Gửi báo cáo")
		self.assertEqual(report.workflow_state, "Đã gửi")
		report.reload()
		report.narrative = "Sửa sau khi gửi"
		self.assertRaises(ReportLockedError, report.save)
		report.reload()
		self.assertRaises(WorkflowActionNotAllowedError, apply_action, report, "Tiếp nhận")

		# the province returns it with comments
		frappe.set_user(TINH)
		report = frappe.get_doc("OCOP Periodic Report", report.name)
		self.assertRaises(WorkflowActionNotAllowedError, apply_action, report, "Trả lại")  # no comments
		report.return_reason = "Bổ sung số liệu điểm bán hàng OCOP."
		report.save()
		report = apply_action(report, "Trả lại")
		self.assertEqual(report.workflow_state, "Trả lại")
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{"reference_name": report.name, "content": ["like", "%điểm bán hàng OCOP%"]},
			)
		)

		# the commune completes and sends it again; the province accepts
		frappe.set_user(XA_A)
		report = frappe.get_doc("OCOP Periodic Report", report.name)
		report.narrative += " Có 3 điểm bán hàng OCOP."
		report.save()
		report = apply_action(report, "Gửi báo cáo")
		self.assertEqual((report.workflow_state, report.return_reason), ("Đã gửi", None))
		frappe.set_user(TINH)
		report = apply_action(frappe.get_doc("OCOP Periodic Report", report.name), "Tiếp nhận")
		self.assertEqual((report.docstatus, report.workflow_state), (1, "Đã tiếp nhận"))

		# the province's report consolidates: commune A accepted, commune C has not reported
		province = new_report(PROVINCE)
		states = {u.unit: (u.state, u.report) for u in province.units}
		self.assertEqual(states[COMMUNE_A], ("Đã tiếp nhận", report.name))
		self.assertEqual(states[commune_c], (NOT_REPORTED, None))
		self.assertNotIn(COMMUNE_B, states)  # Hà Nội's commune is not Hưng Yên's
		self.assertEqual(province.units_not_reported, sum(1 for s, _ in states.values() if s == NOT_REPORTED))
		self.assertGreaterEqual(figure(province, "recognised_3"), 1)
		self.assertGreaterEqual(figure(province, "recognised_4"), 1)

		# printed in the administrative layout, values escaped
		html = printed("OCOP Periodic Report", report.name, "Báo cáo định kỳ OCOP")
		self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", html)
		self.assertIn("BÁO CÁO", html)
		self.assertIn("&lt;script&gt;", html)
		self.assertNotIn("<script>alert(1)</script>", html)
		self.assertNotIn("&amp;lt;", html)  # sanitized once on save, not escaped twice
		html = printed("OCOP Periodic Report", province.name, "Báo cáo định kỳ OCOP")
		self.assertIn(frappe.db.get_value("OCOP Administrative Unit", commune_c, "full_name"), html)

		# exported to Excel
		workbook = export(province.name)
		self.assertIn("Số liệu", workbook.sheetnames)
		indicators = [row[1] for row in workbook["Số liệu"].iter_rows(values_only=True)]
		self.assertIn("Sản phẩm đăng ký mới", indicators)
		units = [row[0] for row in workbook["Đơn vị"].iter_rows(values_only=True)]
		self.assertIn(commune_c, units)

		# the province sends, the ministry accepts; nationally Hà Nội has not reported
		province = apply_action(province, "Gửi báo cáo")
		frappe.set_user(BO)
		apply_action(frappe.get_doc("OCOP Periodic Report", province.name), "Tiếp nhận")
		national = new_report(None)
		states = {u.unit: u.state for u in national.units}
		self.assertEqual(states[PROVINCE], "Đã tiếp nhận")
		self.assertEqual(states["01"], NOT_REPORTED)

		# other units' officials see none of it
		frappe.set_user(XA_B)
		for name in (report.name, province.name, national.name):
			self.assertFalse(frappe.get_doc("OCOP Periodic Report", name).has_permission("read"))
		self.assertEqual(frappe.get_list("OCOP Periodic Report", filters={"name": report.name}), [])
		rows = frappe.get_list(
			"OCOP Periodic Report Unit", parent_doctype="OCOP Periodic Report", fields=["parent"]
		)
		self.assertNotIn(province.name, {r.parent for r in rows})
		self.assertRaises(frappe.PermissionError, export, report.name)
		self.assertRaises(frappe.PermissionError, new_report, PROVINCE)

	def test_overdue_reports_are_flagged(self):
		cycle_stage(PROVINCE, f"Báo cáo {PERIOD}", "Commune", add_days(today(), -1))
		frappe.set_user(XA_A)
		report = new_report(COMMUNE_A)
		self.assertEqual(str(report.deadline), add_days(today(), -1))
		self.assertTrue(report.is_overdue)
		frappe.db.set_value("OCOP Periodic Report", report.name, "is_overdue", 0)
		frappe.set_user("Administrator")
		self.assertGreaterEqual(flag_overdue_reports(), 1)
		self.assertTrue(frappe.db.get_value("OCOP Periodic Report", report.name, "is_overdue"))
		frappe.set_user(XA_A)
		report = apply_action(frappe.get_doc("OCOP Periodic Report", report.name), "Gửi báo cáo")
		self.assertFalse(report.is_overdue)  # sent: no longer waiting on the commune

	def test_plan_targets_against_recognitions(self):
		frappe.get_doc(
			{
				"doctype": "OCOP Annual Plan",
				"plan_title": "Kế hoạch OCOP thử",
				"year": YEAR,
				"administrative_unit": PROVINCE,
				"targets": [
					{"metric": "New products ≥3★", "target_value": 5},
					{
						"metric": "New products ≥3★",
						"target_value": 1,
						"sub_unit": COMMUNE_A,
					},  # not the province's
					{"metric": "Points of sale", "target_value": 2},
				],
			}
		).insert()
		frappe.set_user(TINH)
		new = figure(new_report(PROVINCE), "target:New products ≥3★")
		frappe.set_user("Administrator")
		certificate_in(COMMUNE_A, 4, today())
		certificate_in(COMMUNE_B, 4, today())  # Hà Nội's: not counted for Hưng Yên
		frappe.db.delete("OCOP Periodic Report", {"administrative_unit": PROVINCE, "year": YEAR})
		frappe.set_user(TINH)
		report = new_report(PROVINCE)
		targets = [(f.code, f.target, f.value) for f in report.figures if f.code.startswith("target:")]
		self.assertEqual(
			targets,
			[
				("target:New products ≥3★", 5, new + 1),
				("target:Points of sale", 2, 0),
			],  # not recorded by the app
		)


# ---------------------------------------------------------------------- factories
def new_report(unit: str | None):
	doc = frappe.get_doc(
		{"doctype": "OCOP Periodic Report", "administrative_unit": unit, "year": YEAR, "period": PERIOD}
	).insert()
	return frappe.get_doc("OCOP Periodic Report", doc.name)  # as the form reloads it (ToDos touched it)


def figure(report, code: str) -> float:
	return next(f.value for f in report.figures if f.code == code)


def other_commune() -> str:
	return frappe.get_all(
		"OCOP Administrative Unit",
		filters={
			"parent_ocop_administrative_unit": PROVINCE,
			"level": "Commune",
			"is_legacy": 0,
			"name": ["!=", COMMUNE_A],
		},
		order_by="name desc",
		pluck="name",
		limit=1,
	)[0]


def new_product(unit: str) -> str:
	producer = make_producer(administrative_unit=unit)
	return (
		frappe.get_doc(
			{
				"doctype": "OCOP Product",
				"product_name": "Sản phẩm đăng ký trong kỳ",
				"producer": producer.name,
				"product_group": "Gốm sứ, thủy tinh, kim loại",
			}
		)
		.insert()
		.name
	)


def cycle_stage(unit: str, stage: str, level: str, deadline: str) -> None:
	name = frappe.db.get_value("OCOP Cycle", {"year": YEAR, "administrative_unit": unit})
	cycle = (
		frappe.get_doc("OCOP Cycle", name)
		if name
		else frappe.get_doc({"doctype": "OCOP Cycle", "year": YEAR, "administrative_unit": unit})
	)
	cycle.append("stages", {"stage": stage, "level": level, "deadline": deadline})
	cycle.save()


def export(name: str):
	from openpyxl import load_workbook

	frappe.local.response = frappe._dict()
	export_xlsx(name)
	return load_workbook(io.BytesIO(frappe.local.response.filecontent))


def printed(doctype: str, name: str, print_format: str) -> str:
	"""The print format's HTML as the print view renders it (frappe.get_print commits the
	transaction, which would leave the test's records behind)."""
	from frappe.www.printview import get_rendered_template

	return get_rendered_template(
		frappe.get_doc(doctype, name), print_format=frappe.get_doc("Print Format", print_format)
	)
