"""Approved support claims in ERPNext's books, and their payment by bank transfer.

Approval posts a Journal Entry rather than a Purchase Invoice: a subsidy is a grant owed to the
producer, not a purchase of goods or services, so there are no items, taxes or stock to carry;
the entry debits the support content's expense account and credits Creditors with the
producer's Supplier as the party, tagged with the unit and the fund (Accounting Dimensions).
Payment is ERPNext's own Payment Entry against that Journal Entry; doc_events on Payment Entry
keep the claim's paid and outstanding amounts and its status true.
"""

import frappe
from frappe import _
from frappe.utils import flt, today

from ocop_app.accounting.supplier import supplier_of
from ocop_app.rules.vn_words import whole_number

DIMENSIONS = ("OCOP Administrative Unit", "OCOP Fund")
EXPENSE_PARENT = "Indirect Expenses"


class ClaimPaymentError(frappe.ValidationError):
	pass


def dimension_field(doctype: str) -> str:
	return frappe.scrub(doctype)


def ensure_dimensions() -> None:
	"""The unit and the fund as ERPNext Accounting Dimensions (GL, Budget and reports slice by them)."""
	from erpnext.accounts.doctype.accounting_dimension.accounting_dimension import (
		make_dimension_in_accounting_doctypes,
	)

	for doctype in DIMENSIONS:
		name = frappe.db.get_value("Accounting Dimension", {"document_type": doctype})
		if name and frappe.get_meta("GL Entry").has_field(dimension_field(doctype)):
			continue
		dimension = frappe.get_doc("Accounting Dimension", name) if name else None
		if not dimension:
			dimension = frappe.get_doc({"doctype": "Accounting Dimension", "document_type": doctype})
			dimension.flags.ignore_permissions = True  # install step, run by Administrator
			dimension.insert()
		make_dimension_in_accounting_doctypes(doc=dimension)  # now, not in a background job
		frappe.clear_cache()


def expense_account(support_type: str, company: str) -> str:
	"""The support content's expense account in ``company`` (one is made under Indirect Expenses)."""
	account = frappe.db.get_value("OCOP Support Type", support_type, "expense_account")
	if account and frappe.db.get_value("Account", account, "company") == company:
		return account
	code = frappe.db.get_value("OCOP Support Type", support_type, "code") or support_type
	name = frappe.db.get_value("Account", {"company": company, "account_name": f"Hỗ trợ OCOP - {code}"})
	if not name:
		name = make_expense_account(company, f"Hỗ trợ OCOP - {code}")
	if not account:
		frappe.db.set_value("OCOP Support Type", support_type, "expense_account", name)
	return name


def make_expense_account(company: str, account_name: str) -> str:
	"""The account under Indirect Expenses. Two approvals may make it at once (the first claims of a
	new company): the second meets the first's row and takes it, under the name ERPNext gives it."""
	parent = frappe.db.get_value(
		"Account", {"company": company, "account_name": EXPENSE_PARENT, "is_group": 1}
	)
	account_doc = frappe.get_doc(
		{
			"doctype": "Account",
			"account_name": account_name,
			"parent_account": parent,
			"company": company,
			"root_type": "Expense",
			"report_type": "Profit and Loss",
			"account_type": "Expense Account",
		}
	)
	account_doc.flags.ignore_permissions = (
		True  # the app's own expense account, made for an approval in scope
	)
	try:
		return account_doc.insert().name
	except frappe.DuplicateEntryError:
		return f"{account_name} - {frappe.get_cached_value('Company', company, 'abbr')}"


def ensure_expense_accounts(company: str) -> None:
	"""Every support content's expense account in ``company``, made with the company (not by the
	first approvals, which may run at once)."""
	for support_type in frappe.get_all("OCOP Support Type", pluck="name"):
		expense_account(support_type, company)


def dimensions_of(claim) -> dict:
	return {
		dimension_field("OCOP Administrative Unit"): claim.administrative_unit,
		dimension_field("OCOP Fund"): claim.fund,
	}


def dong(amount) -> int:
	"""An amount for ERPNext's vouchers: whole đồng (claims refuse fractions when saved), never rounded."""
	return whole_number(flt(amount))


def make_journal_entry(claim) -> str:
	company = frappe.db.get_value("OCOP Fund", claim.fund, "company")
	supplier = supplier_of(claim.producer)
	payable = frappe.get_cached_value("Company", company, "default_payable_account")
	cost_center = frappe.get_cached_value("Company", company, "cost_center")
	amount = dong(claim.approved_amount)
	tags = dimensions_of(claim)
	je = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"voucher_type": "Journal Entry",
			"company": company,
			"posting_date": today(),
			"user_remark": f"OCOP {claim.name} {claim.product_name}",
			"accounts": [
				{
					"account": expense_account(claim.support_type, company),
					"debit_in_account_currency": amount,
					"cost_center": cost_center,
					**tags,
				},
				{
					"account": payable,
					"party_type": "Supplier",
					"party": supplier,
					"credit_in_account_currency": amount,
					"cost_center": cost_center,
					**tags,
				},
			],
		}
	)
	je.flags.ignore_permissions = True  # the claim's approval was checked (role, scope, workflow) before
	je.insert()
	je.submit()
	return je.name


def cancel_journal_entry(claim) -> None:
	if claim.journal_entry and frappe.db.get_value("Journal Entry", claim.journal_entry, "docstatus") == 1:
		je = frappe.get_doc("Journal Entry", claim.journal_entry)
		je.flags.ignore_permissions = True  # follows the claim's own cancel, checked by the workflow
		je.cancel()


@frappe.whitelist(methods=["POST"])
def pay_claim(claim: str) -> str:
	"""Pay a claim's outstanding amount by bank transfer: one submitted Payment Entry.

	The claim is read inside its row lock (after its fund's, the order every claim path takes) and
	permission is checked on that locked copy: concurrent attempts wait, then read the claim as the
	first one left it (a plain read would see the transaction's older snapshot) and find nothing
	left to pay. The money goes to the payee frozen on the claim at approval.
	"""
	from ocop_app.ocop_app.doctype.ocop_subsidy_claim.ocop_subsidy_claim import lock_fund_and_producer

	frappe.has_permission("OCOP Subsidy Claim", "submit", throw=True)  # the role, before any lock
	lock_fund_and_producer(frappe.db.get_value("OCOP Subsidy Claim", claim, "fund"), None)
	doc = frappe.get_doc("OCOP Subsidy Claim", claim, for_update=True)
	doc.check_permission("submit")
	outstanding = dong(doc.approved_amount) - dong(doc.paid_amount)
	if doc.docstatus != 1 or outstanding <= 0 or not doc.journal_entry:
		frappe.throw(
			_("Đề nghị {0} không còn khoản nào phải chi.").format(frappe.bold(claim)),
			ClaimPaymentError,
			title=_("Không thể chi"),
		)
	check_frozen_payee(doc)
	company = frappe.db.get_value("Journal Entry", doc.journal_entry, "company")
	supplier = supplier_of(doc.producer)
	bank_gl = frappe.get_cached_value("Company", company, "default_bank_account") or frappe.get_cached_value(
		"Company", company, "default_cash_account"
	)
	pe = frappe.get_doc(
		{
			"doctype": "Payment Entry",
			"payment_type": "Pay",
			"company": company,
			"posting_date": today(),
			"mode_of_payment": "Wire Transfer"
			if frappe.db.exists("Mode of Payment", "Wire Transfer")
			else None,
			"party_type": "Supplier",
			"party": supplier,
			"party_bank_account": doc.bank_account,
			"paid_from": bank_gl,
			"paid_to": frappe.get_cached_value("Company", company, "default_payable_account"),
			"paid_amount": outstanding,
			"received_amount": outstanding,
			"reference_no": doc.name,
			"reference_date": today(),
			"remarks": f"OCOP {doc.name} {doc.product_name}",
			"references": [
				{
					"reference_doctype": "Journal Entry",
					"reference_name": doc.journal_entry,
					"allocated_amount": outstanding,
				}
			],
			**dimensions_of(doc),
		}
	)
	pe.setup_party_account_field()
	pe.set_missing_values()
	pe.flags.ignore_permissions = True  # permission checked above on the locked claim
	pe.insert()
	pe.submit()
	return pe.name


def check_frozen_payee(claim) -> None:
	"""The ERPNext Bank Account the Payment Entry names must still be the account frozen on the
	claim at approval; one edited since then (in ERPNext's own form) stops the payment."""
	account = frappe.db.get_value(
		"Bank Account", claim.bank_account, ["bank", "bank_account_no"], as_dict=True
	)
	if (
		not claim.payee_account_number
		or not account
		or (account.bank, account.bank_account_no) != (claim.payee_bank, claim.payee_account_number)
	):
		frappe.throw(
			_(
				"Tài khoản nhận tiền của đề nghị {0} đã thay đổi sau khi duyệt (đã duyệt: {1} tại {2}); không chi được. Hãy hủy đề nghị theo quy trình và duyệt lại."
			).format(
				frappe.bold(claim.name),
				frappe.bold(claim.payee_account_number or "—"),
				claim.payee_bank or "—",
			),
			ClaimPaymentError,
			title=_("Không thể chi"),
		)


def claim_of_journal_entry(journal_entry: str) -> str | None:
	return frappe.db.get_value("OCOP Subsidy Claim", {"journal_entry": journal_entry, "docstatus": 1})


def on_payment_change(doc, method=None) -> None:
	"""Payment Entry on_submit/on_cancel: the claims it pays get their paid amount and status again."""
	for ref in doc.references:
		if ref.reference_doctype == "Journal Entry":
			claim = claim_of_journal_entry(ref.reference_name)
			if claim:
				update_claim_payments(claim)


def update_claim_payments(claim: str) -> None:
	from ocop_app.ocop_app.doctype.ocop_fund.ocop_fund import refresh_fund
	from ocop_app.ocop_app.doctype.ocop_subsidy_claim.ocop_subsidy_claim import lock_fund_and_producer

	# the fund's lock before the claim's, as approval and pay_claim take them
	lock_fund_and_producer(frappe.db.get_value("OCOP Subsidy Claim", claim, "fund"), None)
	doc = frappe.get_doc("OCOP Subsidy Claim", claim, for_update=True)
	paid = frappe.db.sql(
		"""select coalesce(sum(r.allocated_amount), 0) from `tabPayment Entry Reference` r
		join `tabPayment Entry` p on p.name = r.parent
		where p.docstatus = 1 and r.reference_doctype = 'Journal Entry' and r.reference_name = %s""",
		doc.journal_entry,
	)[0][0]
	outstanding = flt(doc.approved_amount) - flt(paid)
	status = "Đã chi" if outstanding <= 0 else ("Đã chi một phần" if paid else "Đã duyệt")
	doc.db_set({"paid_amount": flt(paid), "outstanding_amount": outstanding, "status": status})
	sync_workflow_state(doc, status)
	refresh_fund(doc.fund)


def sync_workflow_state(doc, status: str) -> None:
	"""Payments move the claim's status; its workflow step follows the step that sets that status."""
	from frappe.model.workflow import get_workflow, get_workflow_name

	if not get_workflow_name(doc.doctype):
		return
	workflow = get_workflow(doc.doctype)
	step = next(
		(
			s.state
			for s in workflow.states
			if s.update_field == "status" and s.update_value == status and s.doc_status == "1"
		),
		None,
	)
	if step and doc.get(workflow.workflow_state_field) != step:
		doc.db_set(workflow.workflow_state_field, step)


def live_payments(claim) -> list[str]:
	if not claim.journal_entry:
		return []
	return frappe.get_all(
		"Payment Entry Reference",
		filters={"reference_doctype": "Journal Entry", "reference_name": claim.journal_entry, "docstatus": 1},
		pluck="parent",
	)


def ensure_company_for_tests() -> str:
	"""A VND company for the test site (ERPNext's own test bootstrap makes a USD one)."""
	name = "Văn phòng Điều phối OCOP (thử)"
	if not frappe.db.exists("Company", name):
		frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": name,
				"abbr": "VPDPT",
				"default_currency": "VND",
				"country": "Vietnam",
				"chart_of_accounts": "Standard",
			}
		).insert(ignore_permissions=True)  # test company, made by before_tests
	if not frappe.db.get_value("Company", name, "default_bank_account"):
		bank = frappe.db.get_value("Account", {"company": name, "account_type": "Bank", "is_group": 0})
		if bank:
			frappe.db.set_value("Company", name, "default_bank_account", bank)
	return name
