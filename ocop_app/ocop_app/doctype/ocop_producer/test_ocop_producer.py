# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from ocop_app.exceptions import LegacyUnitError, UnitLevelError
from ocop_app.factories import LEGACY_COMMUNE, PROVINCE, make_producer, random_digits
from ocop_app.ocop_app.doctype.ocop_producer.ocop_producer import (
	BankAccountHolderMissingError,
	DuplicateBankAccountError,
	DuplicateTaxIdError,
	InvalidBankAccountNumberError,
	InvalidTaxIdError,
)


class TestOCOPProducer(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_creates_supplier_and_bank_account(self):
		producer = make_producer(producer_name="HTX Thử nghiệm Đông Hưng")
		self.assertTrue(producer.supplier)
		supplier = frappe.get_doc("Supplier", producer.supplier)
		self.assertEqual(supplier.supplier_group, "OCOP Producer")
		self.assertEqual(supplier.tax_id, producer.tax_id)
		self.assertEqual(supplier.supplier_type, "Company")

		row = producer.bank_accounts[0]
		row.reload()
		self.assertTrue(row.bank_account)
		account = frappe.get_doc("Bank Account", row.bank_account)
		self.assertEqual((account.party_type, account.party), ("Supplier", producer.supplier))
		self.assertEqual(account.bank_account_no, row.account_number)
		self.assertEqual(account.bank, "Agribank")

	def test_updates_supplier_on_save(self):
		producer = make_producer()
		producer.producer_name = "HTX Đổi Tên"
		producer.append(
			"bank_accounts",
			{"bank": "BIDV", "account_number": random_digits(14), "account_holder": "HTX DOI TEN"},
		)
		producer.save()
		self.assertEqual(frappe.db.get_value("Supplier", producer.supplier, "supplier_name"), "HTX Đổi Tên")
		self.assertEqual(frappe.db.count("Bank Account", {"party": producer.supplier}), 2)

	def test_province_is_set_from_the_commune(self):
		self.assertEqual(make_producer().province, PROVINCE)

	def test_household_business_with_citizen_id(self):
		producer = make_producer(legal_form="Hộ kinh doanh", tax_id="034 185 00 9876")
		self.assertEqual(producer.tax_id, "034185009876")
		self.assertEqual(frappe.db.get_value("Supplier", producer.supplier, "supplier_type"), "Individual")

	def test_invalid_tax_id_writes_nothing(self):
		before = counts()
		for bad in ("0100233489", "12345", "034185001234"):
			with self.subTest(tax_id=bad):
				self.assertRaises(InvalidTaxIdError, make_producer, tax_id=bad)
		self.assertEqual(counts(), before)

	def test_duplicate_tax_id(self):
		first = make_producer()
		before = counts()
		self.assertRaises(DuplicateTaxIdError, make_producer, tax_id=first.tax_id)
		# the same number written differently is still a duplicate
		self.assertRaises(DuplicateTaxIdError, make_producer, tax_id=f" {first.tax_id} ")
		self.assertEqual(counts(), before)

	def test_producer_on_a_province_is_refused(self):
		before = counts()
		self.assertRaises(UnitLevelError, make_producer, administrative_unit=PROVINCE)
		self.assertEqual(counts(), before)

	def test_legacy_unit_is_refused_for_a_new_producer(self):
		before = counts()
		with self.assertRaises(LegacyUnitError) as ctx:
			make_producer(administrative_unit=LEGACY_COMMUNE)
		self.assertIn("01/07/2025", str(ctx.exception))
		self.assertEqual(counts(), before)

	def test_bank_account_without_holder_is_refused(self):
		before = counts()
		self.assertRaises(
			BankAccountHolderMissingError,
			make_producer,
			bank_accounts=[{"bank": "Agribank", "account_number": "2702205000001", "account_holder": " "}],
		)
		self.assertEqual(counts(), before)

	def test_account_of_another_producer_is_refused(self):
		first = make_producer()
		row = first.bank_accounts[0]
		before = counts()
		self.assertRaises(
			DuplicateBankAccountError,
			make_producer,
			bank_accounts=[
				{"bank": row.bank, "account_number": row.account_number, "account_holder": "HTX KHAC"}
			],
		)
		self.assertEqual(counts(), before)

	def test_bad_account_number_is_refused(self):
		self.assertRaises(
			InvalidBankAccountNumberError,
			make_producer,
			bank_accounts=[{"bank": "Agribank", "account_number": "12", "account_holder": "HTX A"}],
		)

	def test_vietnamese_message(self):
		with self.assertRaises(InvalidTaxIdError) as ctx:
			make_producer(tax_id="0100233489")
		self.assertIn("chữ số kiểm tra", str(ctx.exception))


def counts() -> tuple[int, int, int]:
	return (
		frappe.db.count("OCOP Producer"),
		frappe.db.count("Supplier"),
		frappe.db.count("Bank Account"),
	)
