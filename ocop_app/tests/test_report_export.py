# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The desk's Excel export of the app's reports, as an official presses "Xuất": money as whole-đồng
numbers formatted #,##0, dates as dates dd/mm/yyyy; still the official's own scope and roles."""

import datetime
import io
import json

import frappe

from ocop_app.factories import COMMUNE_A, make_fund, make_policy, make_user
from ocop_app.ocop_app.doctype.ocop_evaluation.test_ocop_evaluation import (
	CouncilTestCase,
	recognised_product,
)
from ocop_app.ocop_app.doctype.ocop_subsidy_claim.test_ocop_subsidy_claim import approve, packaging_claim
from ocop_app.rules.report_cells import DATE_FORMAT, MONEY_FORMAT
from ocop_app.tests.test_authorization import call

M = 1_000_000
KETOAN_HY, KETOAN_HN = "xuat.ketoan.hy@ocop.vn", "xuat.ketoan.hn@ocop.vn"
XA = "xuat.xa@ocop.vn"
EXPORT = "frappe.desk.query_report.export_query"


class TestReportExport(CouncilTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(KETOAN_HY, "OCOP Finance Officer", "33")
		make_user(KETOAN_HN, "OCOP Finance Officer", "01")
		make_user(XA, "OCOP Commune Officer", COMMUNE_A)
		frappe.db.commit()

	def setUp(self):
		from ocop_app.accounting.claims import pay_claim

		make_policy()
		self.fund = make_fund(1_000 * M)
		self.product, self.cert = recognised_product()
		self.paid = approve(packaging_claim(self.product, self.fund, 5 * M)).name
		pay_claim(self.paid)
		self.payment_entry = frappe.db.get_value(
			"Payment Entry Reference",
			{"reference_name": frappe.db.get_value("OCOP Subsidy Claim", self.paid, "journal_entry")},
			"parent",
		)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.local.form_dict = frappe._dict()
		frappe.local.response = frappe._dict()
		if getattr(frappe.local, "request", None) is not None:
			del frappe.local.request  # set_request's; later tests read frappe.local.request.environ

	def export(self, user: str, report: str, filters: dict | None = None, file_format="Excel", **params):
		"""The request the desk's "Xuất" sends, run as ``user`` through frappe's handler (so through
		override_whitelisted_methods, as over HTTP): frappe's response."""
		frappe.set_user(user)
		frappe.local.response = frappe._dict()
		try:
			call(
				EXPORT,
				report_name=report,
				file_format_type=file_format,
				filters=json.dumps(filters or {}),
				visible_idx="[]",
				**params,
			)
		finally:
			frappe.set_user("Administrator")
		return frappe.local.response

	def sheet(self, response):
		from openpyxl import load_workbook

		self.assertEqual(response.get("type"), "binary")
		self.assertTrue(response.filename.endswith(".xlsx"), response.filename)
		return load_workbook(io.BytesIO(response.filecontent)).active

	def records(self, sheet, report: str, filters: dict | None = None, header_row: int = 1) -> dict:
		"""{first cell: {fieldname: cell}} of the exported rows, by the report's visible columns."""
		from frappe.desk.query_report import run

		fields = [c["fieldname"] for c in run(report, filters or {})["columns"] if not c.get("hidden")]
		return {
			row[0].value: dict(zip(fields, row, strict=False))
			for row in sheet.iter_rows(min_row=header_row + 1)
		}

	def test_disbursement_register_money_and_dates(self):
		report = "OCOP Disbursement Register"
		row = self.records(self.sheet(self.export(KETOAN_HY, report)), report)[self.paid]
		for fieldname, amount in (
			("approved_amount", 5 * M),
			("paid_amount", 5 * M),
			("outstanding_amount", 0),
		):
			cell = row[fieldname]
			self.assertEqual((cell.value, type(cell.value), cell.number_format), (amount, int, MONEY_FORMAT))
		posted = frappe.db.get_value("Payment Entry", self.payment_entry, "posting_date")
		self.assertEqual((row["paid_on"].value.date(), row["paid_on"].number_format), (posted, DATE_FORMAT))
		self.assertEqual(row["status"].number_format, "General")

	def test_fund_usage_with_the_filters_above_the_table(self):
		report, filters = "OCOP Fund Usage", {"fiscal_year": 2025}
		sheet = self.sheet(
			self.export(KETOAN_HY, report, filters, include_filters=1, applied_filters=json.dumps(filters))
		)
		self.assertEqual([c.value for c in sheet[1]][:2], ["fiscal_year", "2025"])  # then a blank row
		row = self.records(sheet, report, filters, header_row=3)[self.fund]
		for fieldname, amount in (("allocated_amount", 1_000 * M), ("remaining_amount", 995 * M)):
			cell = row[fieldname]
			self.assertEqual((cell.value, type(cell.value), cell.number_format), (amount, int, MONEY_FORMAT))
		self.assertEqual((row["fiscal_year"].value, row["fiscal_year"].number_format), (2025, "General"))

	def test_every_app_report_formats_its_money_and_date_columns(self):
		from frappe.desk.query_report import run

		filters = {"OCOP Plan vs Achievement": {"year": 2024}, "OCOP Evaluation Pipeline": {"year": 2024}}
		checked = set()
		for report in frappe.get_all("Report", filters={"module": "OCOP App", "disabled": 0}, pluck="name"):
			with self.subTest(report=report):
				columns = [c for c in run(report, filters.get(report, {}))["columns"] if not c.get("hidden")]
				sheet = self.sheet(self.export(KETOAN_HY, report, filters.get(report, {})))
				for index, column in enumerate(columns, start=1):
					expected = {"Currency": MONEY_FORMAT, "Date": DATE_FORMAT}.get(column.get("fieldtype"))
					for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
						if cell.value in (None, ""):
							continue
						if expected:
							self.assertEqual(cell.number_format, expected, (report, column["fieldname"]))
							checked.add(column.get("fieldtype"))
						if column.get("fieldtype") == "Currency":
							self.assertIsInstance(cell.value, int)
						if column.get("fieldtype") == "Date":
							self.assertIsInstance(cell.value, datetime.datetime)
		self.assertEqual(checked, {"Currency", "Date"})

	def test_scope_and_roles_stay(self):
		report = "OCOP Disbursement Register"
		self.assertNotIn(
			self.paid, self.records(self.sheet(self.export(KETOAN_HN, report)), report)
		)  # another province's accountant: not their claim
		self.assertRaises(
			frappe.PermissionError, self.export, XA, "OCOP Fund Usage"
		)  # no such report for a commune

	def test_csv_stays_frappes(self):
		response = self.export(KETOAN_HY, "OCOP Disbursement Register", file_format="CSV")
		self.assertTrue(response.filename.endswith(".csv"))
		self.assertIn(self.paid, response.filecontent.decode())
