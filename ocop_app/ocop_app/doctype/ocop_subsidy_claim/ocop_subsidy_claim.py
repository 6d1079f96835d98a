# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A claim for OCOP support; submitting it is the approval, checked against the policy rules.

The rules themselves are in ocop_app.rules.support; here the claim loads the certificate, the
province's policy, the product's and producer's earlier claims and the fund, and turns every
problem into a Vietnamese error. Nothing is written when a rule fails.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, fmt_money, getdate

from ocop_app.accounting.claims import cancel_journal_entry, live_payments, make_journal_entry
from ocop_app.accounting.companies import check_claim_fund
from ocop_app.accounting.supplier import sync_producer
from ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate import active_certificate
from ocop_app.ocop_app.doctype.ocop_fund.ocop_fund import refresh_fund
from ocop_app.ocop_app.doctype.ocop_support_policy.ocop_support_policy import get_policy_for
from ocop_app.permissions import check_unit_scope
from ocop_app.rules import bank, support
from ocop_app.rules.vn_words import format_vnd


class NoValidCertificateError(frappe.ValidationError):
	pass


class NotInPolicyError(frappe.ValidationError):
	pass


class AlreadySupportedError(frappe.ValidationError):
	pass


class RewardAlreadyPaidError(frappe.ValidationError):
	pass


class SupportCapError(frappe.ValidationError):
	pass


class FundExhaustedError(frappe.ValidationError):
	pass


class ApprovedAmountError(frappe.ValidationError):
	pass


class NoMatchingBankAccountError(frappe.ValidationError):
	pass


class ProductProducerMismatchError(frappe.ValidationError):
	pass


class ClaimHasPaymentsError(frappe.ValidationError):
	pass


class PaymentFieldLockedError(frappe.ValidationError):
	pass


class PayeeAccountInUseError(frappe.ValidationError):
	pass


# kept by approval and payments only (ocop_app.accounting.claims): never written by a user after submit
PAYMENT_FIELDS = ("paid_amount", "outstanding_amount", "journal_entry", "status")
PAYEE_FIELDS = (
	"bank_account",
	"payee_bank",
	"payee_bank_bin",
	"payee_account_number",
	"payee_account_holder",
)
# approved and not yet fully paid: the frozen payee is still to be paid
OPEN_STATUSES = ("Đã duyệt", "Đã chi một phần")


def vnd(amount) -> str:
	return format_vnd(round(flt(amount)))  # "5.000.000 đ", not the site's number format


PROBLEMS = {
	"no_valid_certificate": (NoValidCertificateError, lambda v: _("Sản phẩm không có giấy chứng nhận OCOP từ 3 sao còn hiệu lực vào ngày đề nghị.")),
	"not_in_policy": (NotInPolicyError, lambda v: _("Chính sách hỗ trợ của tỉnh không có nội dung {0} cho sản phẩm {1} sao.").format(v[0], v[1])),
	"already_supported": (AlreadySupportedError, lambda v: _("Sản phẩm đã được hỗ trợ nội dung {0} từ ngân sách nhà nước; mỗi nội dung chỉ hỗ trợ một lần.").format(v[0])),
	"reward_already_paid": (RewardAlreadyPaidError, lambda v: _("Sản phẩm đã được thưởng {0}, không thấp hơn mức thưởng của hạng sao hiện tại.").format(vnd(v[0]))),
	"producer_cap_reached": (SupportCapError, lambda v: _("Chủ thể đã nhận đủ mức hỗ trợ tối đa {0} trong năm.").format(vnd(v[0]))),
	"fund_exhausted": (FundExhaustedError, lambda v: _("Nguồn kinh phí đã hết.")),
	"nothing_approved": (ApprovedAmountError, lambda v: _("Chưa nhập số tiền được duyệt.")),
	"above_claimed": (ApprovedAmountError, lambda v: _("Số duyệt {0} lớn hơn số đề nghị {1}.").format(vnd(v[0]), vnd(v[1]))),
	"above_limit": (ApprovedAmountError, lambda v: _("Số duyệt {0} vượt mức được hưởng {1} (theo chính sách, mức trần và nguồn kinh phí còn lại).").format(vnd(v[0]), vnd(v[1]))),
}  # fmt: skip


class OCOPSubsidyClaim(Document):
	def validate(self):
		self.validate_product_of_producer()
		self.set_fiscal_year()
		self.set_certificate()
		self.set_policy()
		check_unit_scope(self)
		check_claim_fund(self)
		self.set_eligible_amount()
		if self.docstatus == 0:
			self.paid_amount, self.outstanding_amount = 0, 0
			for field in PAYEE_FIELDS[1:]:  # the payee is set by approval only
				self.set(field, None)
			if self.status not in support.NOT_COUNTED:  # a rejection set by the workflow stays
				self.status = "Nháp"

	def before_workflow_action(self, action: str):
		"""Before any workflow action takes this claim's own row lock (frappe's check_if_latest):
		the fund and the producer first, in the one order every claim path uses."""
		lock_fund_and_producer(self.fund, self.producer)

	def before_submit(self):
		"""Approval: every rule, then the bank account the transfer will go to.

		The fund and the producer rows are locked first, and what remains is read with locking
		reads: a plain read here would see this transaction's snapshot, taken before the lock was
		granted, and two approvals waiting on the same fund would both see the money unspent."""
		lock_fund_and_producer(self.fund, self.producer)
		entitlement = self.entitlement(for_update=True)
		self.eligible_amount = entitlement.limit
		problems = support.approval_problems(flt(self.approved_amount), flt(self.claimed_amount), entitlement)
		if problems:
			code, values = problems[0]
			error, message = PROBLEMS[code]
			frappe.throw(message(values), error, title=_("Không thể duyệt hỗ trợ"))
		self.set_bank_account()
		self.status = "Đã duyệt"
		self.outstanding_amount = flt(self.approved_amount) - flt(self.paid_amount)

	def on_submit(self):
		self.db_set("journal_entry", make_journal_entry(self))
		refresh_fund(self.fund)

	def before_cancel(self):
		payments = live_payments(self)
		if payments:
			frappe.throw(
				_("Không thể hủy đề nghị đã có phiếu chi {0}; hãy hủy phiếu chi trước.").format(
					", ".join(payments)
				),
				ClaimHasPaymentsError,
				title=_("Không thể hủy"),
			)

	def before_update_after_submit(self):
		"""Payments and approval keep these fields; a user's save, set_value or REST PUT may not.
		The status moves only with a workflow action (its step's update_field)."""
		before = self.get_doc_before_save()
		if not before:
			return
		in_action = bool(frappe.flags.ocop_workflow_action)
		for field in (*PAYMENT_FIELDS, *PAYEE_FIELDS):
			if field == "status" and in_action:
				continue
			if str(self.get(field) or "") != str(before.get(field) or "") and (
				self.meta.get_field(field).fieldtype != "Currency"
				or flt(self.get(field)) != flt(before.get(field))
			):
				frappe.throw(
					_(
						"{0} của đề nghị đã duyệt do hệ thống cập nhật khi duyệt và chi trả; không sửa trực tiếp được."
					).format(frappe.bold(_(self.meta.get_label(field)))),
					PaymentFieldLockedError,
					title=_("Không được sửa"),
				)

	def on_update_after_submit(self):
		"""The workflow's "Chi trả" step pays what is outstanding (one Payment Entry)."""
		if self.status == "Đã chi" and flt(self.outstanding_amount) > 0 and self.get_doc_before_save():
			from ocop_app.accounting.claims import pay_claim

			pay_claim(self.name)

	def on_cancel(self):
		cancel_journal_entry(self)
		self.db_set("status", "Đã hủy")
		refresh_fund(self.fund)

	def validate_product_of_producer(self):
		if frappe.db.get_value("OCOP Product", self.product, "producer") != self.producer:
			frappe.throw(
				_("Sản phẩm {0} không thuộc chủ thể {1}.").format(
					frappe.bold(self.product), frappe.bold(self.producer)
				),
				ProductProducerMismatchError,
			)

	def set_fiscal_year(self):
		self.fiscal_year = getdate(self.claim_date).year

	def set_certificate(self):
		cert = active_certificate(self.product, self.claim_date)
		self.certificate, self.star = (cert.name, cert.star) if cert else (None, 0)

	def set_policy(self):
		province = frappe.db.get_value("OCOP Product", self.product, "province")
		self.policy = get_policy_for(province, self.claim_date)

	def entitlement(self, for_update: bool = False) -> support.Entitlement:
		"""``for_update``: at approval, with the fund and producer locked, every total is read
		with a locking read (the newest committed rows, not this transaction's snapshot)."""
		support_type = frappe.get_cached_doc("OCOP Support Type", self.support_type)
		policy = frappe.get_cached_doc("OCOP Support Policy", self.policy) if self.policy else None
		amount = (
			support.policy_amount([r.as_dict() for r in policy.rows], self.support_type, self.star or 0)
			if policy
			else None
		)
		rewards = set(frappe.get_all("OCOP Support Type", filters={"is_star_reward": 1}, pluck="name"))
		prior = [
			support.PriorClaim(c.support_type, c.status, flt(c.approved_amount), c.support_type in rewards)
			for c in claim_rows(
				{"product": self.product, "docstatus": 1, "name": ["!=", self.name]},
				["support_type", "status", "approved_amount"],
				for_update,
			)
		]
		producer_year = claim_rows(
			{
				"producer": self.producer,
				"fiscal_year": self.fiscal_year,
				"docstatus": 1,
				"name": ["!=", self.name],
				"status": ["not in", list(support.NOT_COUNTED)],
			},
			["sum(approved_amount) as total"],
			for_update,
		)
		committed = claim_rows(
			{"fund": self.fund, "docstatus": 1, "status": ["not in", list(support.NOT_COUNTED)]},
			["sum(approved_amount) as total"],
			for_update,
		)
		allocated = flt(
			frappe.db.get_value("OCOP Fund", self.fund, "allocated_amount", for_update=for_update)
		)
		return support.entitlement(
			support_type=self.support_type,
			is_star_reward=bool(support_type.is_star_reward),
			star=self.star,
			claimed=flt(self.claimed_amount),
			policy=amount,
			prior_for_product=prior,
			producer_year_total=flt(producer_year[0].total) if producer_year else 0,
			producer_year_cap=flt(policy.cap_per_producer_year) or None if policy else None,
			product_cap=flt(policy.cap_per_product) or None if policy else None,
			fund_remaining=allocated - flt(committed[0].total if committed else 0),
		)

	def set_eligible_amount(self):
		self.flags.entitlement = self.entitlement()
		self.eligible_amount = self.flags.entitlement.limit

	def set_bank_account(self):
		producer = frappe.get_doc("OCOP Producer", self.producer)
		if any(not row.bank_account for row in producer.bank_accounts):
			sync_producer(producer)  # imported in bulk, its ERPNext accounts still being made
		for row in sorted(producer.bank_accounts, key=lambda r: not r.is_default):
			if row.bank_account and bank.holder_matches(
				row.account_holder, producer.producer_name, producer.representative
			):
				# the payee is frozen here: the payment and the bank file use these, whatever the
				# producer's record says later
				self.bank_account = row.bank_account
				self.payee_bank, self.payee_bank_bin = row.bank, row.bank_bin
				self.payee_account_number, self.payee_account_holder = row.account_number, row.account_holder
				return
		frappe.throw(
			_(
				"Chủ thể {0} chưa có tài khoản ngân hàng đứng tên chủ thể; khoản hỗ trợ chỉ chuyển vào tài khoản đó."
			).format(frappe.bold(producer.producer_name)),
			NoMatchingBankAccountError,
			title=_("Không thể duyệt hỗ trợ"),
		)


def claim_rows(filters: dict, fields: list[str], for_update: bool = False) -> list:
	"""Claims by ``filters``; ``for_update``: a locking read, which sees the newest committed rows."""
	if not for_update:
		return frappe.get_all("OCOP Subsidy Claim", filters=filters, fields=fields)
	return frappe.qb.get_query("OCOP Subsidy Claim", fields=fields, filters=filters, for_update=True).run(
		as_dict=True
	)


def lock_fund_and_producer(fund: str | None, producer: str | None) -> None:
	"""Row locks in the one fixed order of every claim path: fund, then producer, then the claim
	itself (taken by frappe when the claim is saved, or by pay_claim). The producer row stands for
	the producer's yearly cap."""
	if fund:
		frappe.db.sql("select name from `tabOCOP Fund` where name = %s for update", fund)
	if producer:
		frappe.db.sql("select name from `tabOCOP Producer` where name = %s for update", producer)


def check_payee_accounts_kept(producer) -> None:
	"""OCOP Producer validate: an account that an approved, unpaid claim will be paid to cannot be
	changed or removed.

	We refuse the change rather than send those claims back for re-approval: an approval is the
	leader's decision on a payee, and a commune officer's edit of the producer must neither
	redirect it nor silently undo it (cancelling the claim also reverses its Journal Entry and
	frees the fund). The payee is frozen on the claim anyway; refusing keeps the record and the
	claim telling the same story. To pay elsewhere, the approver cancels the claim through the
	workflow ("Hủy đề nghị"), the account is changed, and the amended claim is approved again.
	New accounts can be added and the default changed at any time."""
	if producer.is_new():
		return
	open_claims = frappe.get_all(
		"OCOP Subsidy Claim",
		filters={"producer": producer.name, "docstatus": 1, "status": ["in", list(OPEN_STATUSES)]},
		fields=["name", "payee_bank", "payee_account_number", "payee_account_holder"],
	)
	kept = {(r.bank, r.account_number, r.account_holder) for r in producer.bank_accounts}
	for claim in open_claims:
		if not claim.payee_account_number:
			continue
		if (claim.payee_bank, claim.payee_account_number, claim.payee_account_holder) not in kept:
			frappe.throw(
				_(
					"Tài khoản {0} tại {1} là tài khoản nhận tiền của đề nghị hỗ trợ {2} đã duyệt nhưng chưa chi xong; không thể sửa hay xóa tài khoản này. Muốn chuyển vào tài khoản khác, cần hủy đề nghị theo quy trình rồi duyệt lại."
				).format(frappe.bold(claim.payee_account_number), claim.payee_bank, frappe.bold(claim.name)),
				PayeeAccountInUseError,
				title=_("Tài khoản đang chờ chi"),
			)
