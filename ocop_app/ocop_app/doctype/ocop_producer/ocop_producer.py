# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from ocop_app.accounting.supplier import sync_producer
from ocop_app.permissions import check_unit_scope
from ocop_app.rules import bank, tax_id
from ocop_app.units import get_province, validate_commune


class InvalidTaxIdError(frappe.ValidationError):
	pass


class DuplicateTaxIdError(frappe.ValidationError):
	pass


class BankAccountHolderMissingError(frappe.ValidationError):
	pass


class InvalidBankAccountNumberError(frappe.ValidationError):
	pass


class DuplicateBankAccountError(frappe.ValidationError):
	pass


def tax_id_message(reason: str) -> str:
	return {
		"empty": _("Chưa nhập mã số thuế."),
		"format": _(
			'Mã số thuế {0} không đúng định dạng: cần 10 chữ số, hoặc 13 chữ số với đơn vị phụ thuộc (10 + "-" + 3).'
		),
		"checksum": _("Mã số thuế {0} có chữ số kiểm tra không đúng."),
		"citizen_id": _(
			"Số định danh cá nhân {0} không hợp lệ: cần 12 chữ số, bắt đầu bằng mã tỉnh nơi đăng ký khai sinh."
		),
	}[reason]


class OCOPProducer(Document):
	def validate(self):
		self.set_tax_id()
		self.validate_duplicate_tax_id()
		self.validate_administrative_unit()
		self.set_province()
		check_unit_scope(self)
		self.validate_bank_accounts()
		self.validate_payee_accounts_kept()
		self.set_default_bank_account()

	def on_update(self):
		sync_producer(self)

	def set_tax_id(self):
		check = tax_id.check_tax_id(self.tax_id, self.legal_form)
		if not check.ok:
			frappe.throw(
				tax_id_message(check.reason).format(frappe.bold(self.tax_id or "")),
				InvalidTaxIdError,
				title=_("Mã số thuế không hợp lệ"),
			)
		self.tax_id = check.value

	def validate_duplicate_tax_id(self):
		# an import looks up every tax id of its file at once and passes the owners in
		owners = self.flags.tax_id_owners
		if owners is not None:
			other = owners.get(self.tax_id)
			other = other if other and other.name != self.name else None
		else:
			other = frappe.db.get_value(
				self.doctype,
				{"tax_id": self.tax_id, "name": ["!=", self.name]},
				["name", "producer_name"],
				as_dict=True,
			)
		if other:
			frappe.throw(
				_("Mã số thuế {0} đã được đăng ký cho chủ thể {1} ({2}).").format(
					frappe.bold(self.tax_id), frappe.bold(other.producer_name), other.name
				),
				DuplicateTaxIdError,
				title=_("Trùng mã số thuế"),
			)

	def validate_administrative_unit(self):
		if self.flags.province_from_index:
			return  # an import placed it on a commune of today's map through the unit index
		validate_commune(self.administrative_unit, "Xã/phường của chủ thể")

	def set_province(self):
		self.province = self.flags.province_from_index or get_province(self.administrative_unit)

	def validate_bank_accounts(self):
		for row in self.bank_accounts:
			row.account_number = bank.normalise_account_number(row.account_number)
			row.account_holder = (row.account_holder or "").strip()
			if not row.account_holder:
				frappe.throw(
					_("Dòng {0}: tài khoản {1} chưa có tên chủ tài khoản.").format(
						row.idx, frappe.bold(row.account_number or "")
					),
					BankAccountHolderMissingError,
					title=_("Thiếu tên chủ tài khoản"),
				)
			if not bank.is_valid_account_number(row.account_number):
				frappe.throw(
					_("Dòng {0}: số tài khoản {1} không hợp lệ (4–19 chữ hoặc số).").format(
						row.idx, frappe.bold(row.account_number or "")
					),
					InvalidBankAccountNumberError,
					title=_("Số tài khoản không hợp lệ"),
				)
			self.validate_bank_account_is_not_anothers(row)
			if not bank.holder_matches(row.account_holder, self.producer_name, self.representative):
				frappe.msgprint(
					_(
						"Dòng {0}: tên chủ tài khoản {1} khác tên chủ thể; khoản hỗ trợ chỉ chuyển vào tài khoản đứng tên chủ thể."
					).format(row.idx, frappe.bold(row.account_holder)),
					indicator="orange",
					alert=True,
				)

	def validate_payee_accounts_kept(self):
		from ocop_app.ocop_app.doctype.ocop_subsidy_claim.ocop_subsidy_claim import (
			check_payee_accounts_kept,
		)

		check_payee_accounts_kept(self)  # an approved, unpaid claim's account stays as approved

	def validate_bank_account_is_not_anothers(self, row):
		owners = self.flags.bank_account_owners  # passed in by an import, like tax_id_owners
		if owners is not None:
			owner = owners.get((row.bank, row.account_number))
		else:
			parent = frappe.db.get_value(
				"OCOP Producer Bank Account",
				{
					"bank": row.bank,
					"account_number": row.account_number,
					"parenttype": self.doctype,
					"parent": ["!=", self.name],
				},
				"parent",
			)
			owner = parent and frappe.db.get_value(
				self.doctype, parent, ["name", "producer_name"], as_dict=True
			)
		if owner and owner.name != self.name:
			frappe.throw(
				_("Dòng {0}: tài khoản {1} tại {2} đã được khai cho chủ thể {3}.").format(
					row.idx,
					frappe.bold(row.account_number),
					row.bank,
					frappe.bold(owner.producer_name),
				),
				DuplicateBankAccountError,
				title=_("Trùng tài khoản ngân hàng"),
			)

	def set_default_bank_account(self):
		if self.bank_accounts and not any(row.is_default for row in self.bank_accounts):
			self.bank_accounts[0].is_default = 1
