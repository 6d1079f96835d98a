# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Books per province: Hưng Yên and Hà Nội each keep their own Company; a claim posts and pays in
its fund's company; each province's finance officer (their role, their province, the Company
permission that comes with it) sees only their company's books and their producers' Suppliers and
Bank Accounts."""

import frappe
import frappe.client
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt

from ocop_app.accounting.claims import pay_claim
from ocop_app.accounting.companies import (
	FundCompanyError,
	province_company,
	setup_province_companies,
)
from ocop_app.factories import PACKAGING, M, certificate_in, make_fund, make_policy, make_user
from ocop_app.ocop_app.doctype.ocop_payment_batch.ocop_payment_batch import BatchClaimError
from ocop_app.ocop_app.doctype.ocop_subsidy_claim.test_ocop_subsidy_claim import approve, packaging_claim

PROVINCES = {"hy": ("33", "33-12688"), "hn": ("01", "01-00583")}  # province, a commune in it
FINANCE = {"hy": "books.ketoan.hy@ocop.vn", "hn": "books.ketoan.hn@ocop.vn"}


def make_hanoi_policy() -> None:
	if not frappe.db.exists("OCOP Support Policy", "Chính sách thử Hà Nội"):
		frappe.get_doc(
			{
				"doctype": "OCOP Support Policy",
				"policy_name": "Chính sách thử Hà Nội",
				"province": "01",
				"effective_from": "2024-01-01",
				"rows": [{"support_type": PACKAGING, "star": 3, "amount": 5 * M}],
			}
		).insert()


def claim_in(commune: str, fund: str, amount: float = 5 * M):
	"""An approved packaging claim of a 3-star product of ``commune``, paid from ``fund``."""
	product = frappe.db.get_value("OCOP Certificate", certificate_in(commune, 3, "2025-01-01"), "product")
	return approve(packaging_claim(product, fund, amount))


class TestBooksPerProvince(FrappeTestCase):
	"""Everything is made once, as the officials' work leaves it, and rolled back after the class."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		setup_province_companies(["33", "01"])
		make_policy()
		make_hanoi_policy()
		cls.company, cls.fund, cls.claim, cls.paid, cls.batch = {}, {}, {}, {}, {}
		for key, (province, commune) in PROVINCES.items():
			make_user(FINANCE[key], "OCOP Finance Officer", province)
			cls.company[key] = province_company(province)
			cls.fund[key] = make_fund(1_000 * M, province)
			# one claim paid from its own form, one through a payment batch
			cls.paid[key] = claim_in(commune, cls.fund[key])
			pay_claim(cls.paid[key].name)
			cls.claim[key] = claim_in(commune, cls.fund[key], 4 * M)
			batch = frappe.get_doc(
				{"doctype": "OCOP Payment Batch", "items": [{"claim": cls.claim[key].name}]}
			)
			batch.insert().submit()
			cls.batch[key] = batch.name
		cls.records = {key: cls.books_of(key) for key in PROVINCES}

	@classmethod
	def books_of(cls, key) -> dict:
		claims = [frappe.get_doc("OCOP Subsidy Claim", c.name) for c in (cls.paid[key], cls.claim[key])]
		journals = [c.journal_entry for c in claims]
		payments = frappe.get_all(
			"Payment Entry Reference",
			filters={"reference_name": ["in", journals], "docstatus": 1},
			pluck="parent",
		)
		producer = frappe.get_doc("OCOP Producer", claims[0].producer)
		return {
			"Journal Entry": journals,
			"Payment Entry": payments,
			"GL Entry": frappe.get_all(
				"GL Entry", filters={"voucher_no": ["in", journals + payments]}, pluck="name"
			),
			"OCOP Payment Batch": [cls.batch[key]],
			"Supplier": [producer.supplier],
			"Bank Account": [row.bank_account for row in producer.bank_accounts],
		}

	def tearDown(self):
		frappe.set_user("Administrator")

	# ------------------------------------------------------------------ companies and funds
	def test_each_province_has_its_own_company_in_vnd(self):
		self.assertEqual(self.company["hy"], "VP Điều phối OCOP Hưng Yên")
		self.assertEqual(self.company["hn"], "VP Điều phối OCOP Hà Nội")
		for key, (province, _commune) in PROVINCES.items():
			company = frappe.get_doc("Company", self.company[key])
			self.assertEqual((company.abbr, company.default_currency), (f"OCOP{province}", "VND"))
			for field in ("default_payable_account", "default_bank_account", "cost_center"):
				value = company.get(field)
				self.assertTrue(value, field)
				self.assertEqual(
					frappe.db.get_value(company.meta.get_field(field).options, value, "company"), company.name
				)
			self.assertEqual(frappe.db.get_value("OCOP Fund", self.fund[key], "company"), company.name)

	def test_a_fund_cannot_be_booked_in_another_provinces_company(self):
		before = frappe.db.count("OCOP Fund")
		fund = frappe.get_doc(
			{
				"doctype": "OCOP Fund",
				"fund_name": "Ngân sách sai sổ",
				"funding_source": "Tỉnh",
				"fiscal_year": 2025,
				"administrative_unit": "33",
				"company": self.company["hn"],
				"allocated_amount": 1 * M,
			}
		)
		self.assertRaisesRegex(FundCompanyError, "VP Điều phối OCOP Hưng Yên", fund.insert)
		self.assertEqual(frappe.db.count("OCOP Fund"), before)
		existing = frappe.get_doc("OCOP Fund", self.fund["hy"])
		existing.company = self.company["hn"]
		self.assertRaises(FundCompanyError, existing.save)
		self.assertEqual(frappe.db.get_value("OCOP Fund", self.fund["hy"], "company"), self.company["hy"])

	def test_a_claim_cannot_draw_on_another_provinces_fund(self):
		hy = self.claim["hy"]
		claim = frappe.get_doc(
			{
				"doctype": "OCOP Subsidy Claim",
				"producer": hy.producer,
				"product": hy.product,
				"support_type": PACKAGING,
				"claim_date": "2025-03-01",
				"fund": self.fund["hn"],
				"claimed_amount": 1 * M,
			}
		)
		self.assertRaisesRegex(FundCompanyError, "VP Điều phối OCOP Hà Nội", claim.insert)

	def test_a_batch_pays_claims_of_one_company(self):
		hy = claim_in(PROVINCES["hy"][1], self.fund["hy"], 3 * M)
		hn = claim_in(PROVINCES["hn"][1], self.fund["hn"], 3 * M)
		batch = frappe.get_doc(
			{"doctype": "OCOP Payment Batch", "items": [{"claim": hy.name}, {"claim": hn.name}]}
		)
		self.assertRaisesRegex(BatchClaimError, "Dòng 2", batch.insert)
		batch = frappe.get_doc(
			{"doctype": "OCOP Payment Batch", "fund": self.fund["hn"], "items": [{"claim": hy.name}]}
		)
		self.assertRaises(BatchClaimError, batch.insert)
		self.assertEqual(
			frappe.db.get_value("OCOP Payment Batch", self.batch["hy"], "company"), self.company["hy"]
		)

	# ------------------------------------------------------------------ the books
	def test_claims_post_and_pay_in_their_provinces_books(self):
		for key in PROVINCES:
			company = self.company[key]
			books = self.records[key]
			for doctype in ("Journal Entry", "Payment Entry"):
				for name in books[doctype]:
					self.assertEqual(frappe.db.get_value(doctype, name, "company"), company, name)
			self.assertEqual(len(books["Payment Entry"]), 2)
			gl = frappe.get_all(
				"GL Entry",
				filters={"name": ["in", books["GL Entry"]], "is_cancelled": 0},
				fields=["account", "company", "debit", "credit"],
			)
			self.assertTrue(gl)
			for row in gl:
				self.assertEqual(row.company, company)
				self.assertEqual(frappe.db.get_value("Account", row.account, "company"), company)
			# 9 million spent from the province's treasury account, owed to nobody any more
			balance = self.balances(company, books["GL Entry"])
			self.assertEqual(balance["Bank"], -9 * M)
			self.assertEqual(balance["Payable"], 0)
			self.assertEqual(balance["Expense Account"], 9 * M)

	def balances(self, company, gl_entries) -> dict:
		rows = frappe.db.sql(
			"""select a.account_type, sum(g.debit) - sum(g.credit) from `tabGL Entry` g
			join `tabAccount` a on a.name = g.account
			where g.company = %s and g.name in %s and g.is_cancelled = 0 group by a.account_type""",
			(company, gl_entries),
		)
		return {account_type: flt(amount) for account_type, amount in rows}

	# ------------------------------------------------------------------ what each finance officer sees
	def test_finance_officers_hold_their_provinces_company_permission(self):
		for key in PROVINCES:
			self.assertEqual(
				frappe.get_all(
					"User Permission", filters={"user": FINANCE[key], "allow": "Company"}, pluck="for_value"
				),
				[self.company[key]],
			)

	def test_each_finance_officer_sees_only_their_own_books(self):
		for own, other in (("hy", "hn"), ("hn", "hy")):
			frappe.set_user(FINANCE[own])
			for doctype, names in self.records[own].items():
				listed = set(
					frappe.get_list(
						doctype, filters={"name": ["in", names + self.records[other][doctype]]}, pluck="name"
					)
				)
				self.assertEqual(listed, set(names), f"{FINANCE[own]} lists {doctype}")
				for name in names:
					self.assertTrue(frappe.has_permission(doctype, "read", doc=name), f"{doctype} {name}")
					self.assertEqual(frappe.client.get(doctype, name)["name"], name)
				for name in self.records[other][doctype]:
					self.assertFalse(frappe.has_permission(doctype, "read", doc=name), f"{doctype} {name}")
					self.assertRaises(frappe.PermissionError, frappe.client.get, doctype, name)
			self.assertEqual(frappe.get_list("Company", pluck="name"), [self.company[own]])
			frappe.set_user("Administrator")

	def test_child_rows_of_the_books_follow_their_parent(self):
		children = {
			"Journal Entry Account": "Journal Entry",
			"Payment Entry Reference": "Payment Entry",
			"OCOP Payment Batch Item": "OCOP Payment Batch",
		}
		for own, other in (("hy", "hn"), ("hn", "hy")):
			frappe.set_user(FINANCE[own])
			for child, parent in children.items():
				rows = frappe.client.get_list(
					child,
					fields=["parent"],
					filters={"parent": ["in", self.records[own][parent] + self.records[other][parent]]},
					parent=parent,
					limit_page_length=0,
				)
				self.assertEqual({r.parent for r in rows}, set(self.records[own][parent]), child)
			frappe.set_user("Administrator")

	def test_erpnext_ledger_reports_are_closed_to_finance_officers(self):
		"""ERPNext's Trial Balance, Accounts Payable and Balance Sheet read GL entries without
		permission conditions (a company filter of the user's choosing would show another province's
		books): OCOP finance officers hold none of these reports' roles, for either company. Their books
		are the GL Entry, Journal Entry and Payment Entry lists, scoped to their company."""
		from frappe.desk.query_report import run

		reports = ("General Ledger", "Trial Balance", "Accounts Payable", "Balance Sheet")
		for key in PROVINCES:
			frappe.set_user(FINANCE[key])
			for report in reports:
				for company in self.company.values():
					filters = {"company": company, "from_date": "2025-01-01", "to_date": "2025-12-31"}
					self.assertRaises(frappe.PermissionError, run, report, filters=filters)
			frappe.set_user("Administrator")
		self.assertTrue(
			run(
				"General Ledger",
				filters={
					"company": self.company["hy"],
					"from_date": "2025-01-01",
					"to_date": "2025-12-31",
					"group_by": "Group by Voucher (Consolidated)",
				},
			)
		)

	def test_a_finance_officer_without_a_province_sees_no_books(self):
		make_user("books.ketoan.none@ocop.vn", "OCOP Finance Officer", None)
		frappe.set_user("books.ketoan.none@ocop.vn")
		for doctype, names in self.records["hy"].items():
			self.assertFalse(frappe.get_list(doctype, filters={"name": ["in", names]}), doctype)
			self.assertFalse(frappe.has_permission(doctype, "read", doc=names[0]), doctype)

	def test_the_company_permission_follows_the_unit_and_the_role(self):
		user = "books.ketoan.moi@ocop.vn"
		make_user(user, "OCOP Finance Officer", "01")
		companies = lambda: frappe.get_all(  # noqa: E731
			"User Permission", filters={"user": user, "allow": "Company"}, pluck="for_value"
		)
		self.assertEqual(companies(), [self.company["hn"]])
		frappe.delete_doc(
			"User Permission",
			frappe.db.get_value(
				"User Permission", {"user": user, "allow": "OCOP Administrative Unit", "for_value": "01"}
			),
		)
		self.assertEqual(companies(), [])
		make_user(user, "OCOP Finance Officer", "33")
		self.assertEqual(companies(), [self.company["hy"]])
		doc = frappe.get_doc("User", user)
		doc.remove_roles("OCOP Finance Officer")
		self.assertEqual(companies(), [])

	# ------------------------------------------------------------------ the patch for sites booked in one company
	def test_the_patch_moves_funds_to_their_provinces_books(self):
		from ocop_app.accounting.claims import ensure_company_for_tests as old_company
		from ocop_app.patches.v1_0 import books_per_province

		def as_before(claim, fund):
			"""Booked in the one company a site had before companies per province."""
			frappe.db.set_value("OCOP Fund", fund, "company", old_company())
			claim = frappe.get_doc("OCOP Subsidy Claim", claim.name)
			books_per_province.repost(claim)
			return frappe.get_doc("OCOP Subsidy Claim", claim.name)

		unpaid_fund = make_fund(100 * M)
		unpaid = as_before(claim_in(PROVINCES["hy"][1], unpaid_fund), unpaid_fund)
		paid_fund = make_fund(100 * M)
		paid = as_before(claim_in(PROVINCES["hy"][1], paid_fund), paid_fund)
		pay_claim(paid.name)
		self.assertEqual(frappe.db.get_value("Journal Entry", unpaid.journal_entry, "company"), old_company())
		# Suppliers made before they pointed back to their producers; an account given the default company
		supplier, account = self.records["hy"]["Supplier"][0], self.records["hy"]["Bank Account"][0]
		frappe.db.set_value("Supplier", supplier, {"ocop_producer": None, "ocop_administrative_unit": None})
		frappe.db.set_value("Bank Account", account, "company", old_company())

		books_per_province.execute()
		self.assertEqual(frappe.db.get_value("OCOP Fund", unpaid_fund, "company"), self.company["hy"])
		moved = frappe.db.get_value("OCOP Subsidy Claim", unpaid.name, "journal_entry")
		self.assertEqual(frappe.db.get_value("Journal Entry", moved, "company"), self.company["hy"])
		self.assertEqual(frappe.db.get_value("Journal Entry", unpaid.journal_entry, "docstatus"), 2)
		# paid at the bank from the old books: left there for the accountants
		self.assertEqual(frappe.db.get_value("OCOP Fund", paid_fund, "company"), old_company())
		self.assertEqual(frappe.db.get_value("Journal Entry", paid.journal_entry, "docstatus"), 1)
		books_per_province.execute()  # the second run finds nothing to do
		self.assertEqual(frappe.db.get_value("OCOP Subsidy Claim", unpaid.name, "journal_entry"), moved)
		self.assertEqual(frappe.db.get_value("Journal Entry", moved, "docstatus"), 1)
		self.assertEqual(
			frappe.db.get_value("Supplier", supplier, ["ocop_producer", "ocop_administrative_unit"]),
			(self.paid["hy"].producer, PROVINCES["hy"][1]),
		)
		self.assertFalse(frappe.db.get_value("Bank Account", account, "company"))
