# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A producer's proposed changes of its own record: sent by its confirmed website user, applied or
refused by the commune officer; a bank account change never reaches an approved claim's payee."""

import frappe

from ocop_app.exceptions import NotConfirmedProducerError
from ocop_app.factories import COMMUNE_A, COMMUNE_B, make_producer, make_producer_user, random_digits
from ocop_app.ocop_app.doctype.ocop_producer_change_request.ocop_producer_change_request import (
	ChangeRequestStatusError,
	EmptyChangeRequestError,
	InvalidProposedBankAccountError,
)
from ocop_app.portal.own_record import own_record, propose_change
from ocop_app.rules import portal
from ocop_app.tests.test_unit_scope import PORTAL_OFFICER_A, PORTAL_OFFICER_B, ProducerPortalTestCase

M = 1_000_000


class TestOCOPProducerChangeRequest(ProducerPortalTestCase):
	DOCTYPE = "OCOP Producer Change Request"

	def setUp(self):
		frappe.set_user("Administrator")
		self.producer = make_producer(producer_name="HTX Đề nghị thay đổi", address="Thôn Cũ")
		self.user = make_producer_user(self.producer.name, "test.portal.change@example.vn")

	def propose(self, user: str | None = None, **values) -> str:
		frappe.set_user(user or self.user)
		try:
			return propose_change(**values)["name"]
		finally:
			frappe.set_user("Administrator")

	def test_the_producer_user_proposes_and_the_commune_officer_applies(self):
		name = self.propose(address="Thôn Mới, Xã Đông Hưng", phone="0912345678", representative="")
		request = frappe.get_doc("OCOP Producer Change Request", name)
		self.assertEqual((request.status, request.requested_by), (portal.REQUEST_PENDING, self.user))
		self.assertEqual(request.administrative_unit, COMMUNE_A)
		self.assertFalse(request.representative)
		self.assertEqual(frappe.db.get_value("OCOP Producer", self.producer.name, "address"), "Thôn Cũ")
		self.decide(PORTAL_OFFICER_A, name, "apply_request")
		producer = frappe.get_doc("OCOP Producer", self.producer.name)
		self.assertEqual((producer.address, producer.phone), ("Thôn Mới, Xã Đông Hưng", "0912345678"))
		request.reload()
		self.assertEqual((request.status, request.decided_by), (portal.REQUEST_APPLIED, PORTAL_OFFICER_A))
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": self.user, "document_name": name}))
		frappe.set_user(self.user)  # the portal page shows the request and the new values
		record = own_record(self.producer.name)
		self.assertEqual(record["address"], "Thôn Mới, Xã Đông Hưng")
		self.assertEqual([r.name for r in record["requests"]], [name])

	def test_bad_proposals_write_nothing(self):
		bad = (
			({}, EmptyChangeRequestError),
			({"address": "Thôn Cũ"}, EmptyChangeRequestError),  # no change
			({"bank": "Agribank", "account_number": "123456789"}, InvalidProposedBankAccountError),
			({"bank": "Agribank", "account_number": "12", "account_holder": "HTX"}, InvalidProposedBankAccountError),
			({"bank": "Ngân hàng Không Có", "account_number": "1234567", "account_holder": "HTX"}, InvalidProposedBankAccountError),
		)  # fmt: skip
		before = frappe.db.count("OCOP Producer Change Request")
		for values, error in bad:
			with self.subTest(values=values), self.assertRaises(error):
				self.propose(**values)
		self.assertEqual(frappe.db.count("OCOP Producer Change Request"), before)

	def test_only_a_confirmed_producer_user_proposes(self):
		pending = make_producer_user(
			self.producer.name, "test.portal.pending@example.vn", status=portal.PENDING
		)
		for user in (pending, PORTAL_OFFICER_A):
			with self.subTest(user=user), self.assertRaises(NotConfirmedProducerError):
				self.propose(user, address="Thôn Khác")

	def test_another_communes_officer_and_the_requester_cannot_decide(self):
		name = self.propose(address="Thôn Mới")
		for user in (PORTAL_OFFICER_B, self.user):
			with self.subTest(user=user), self.assertRaises(frappe.PermissionError):
				self.decide(user, name, "apply_request")
		self.assertEqual(frappe.db.get_value("OCOP Producer", self.producer.name, "address"), "Thôn Cũ")

	def test_refusal_needs_a_reason_and_changes_nothing(self):
		name = self.propose(address="Thôn Mới")
		with self.assertRaises(ChangeRequestStatusError):
			self.decide(PORTAL_OFFICER_A, name, "refuse_request", reason="")
		self.decide(PORTAL_OFFICER_A, name, "refuse_request", reason="Địa chỉ không đúng thực tế")
		self.assertEqual(
			frappe.db.get_value("OCOP Producer Change Request", name, "status"), portal.REQUEST_REFUSED
		)
		self.assertEqual(frappe.db.get_value("OCOP Producer", self.producer.name, "address"), "Thôn Cũ")
		with self.assertRaises(ChangeRequestStatusError):  # decided once
			self.decide(PORTAL_OFFICER_A, name, "apply_request")

	def test_the_status_is_never_edited_directly(self):
		name = self.propose(address="Thôn Mới")
		frappe.set_user(PORTAL_OFFICER_A)
		request = frappe.get_doc("OCOP Producer Change Request", name)
		request.status = portal.REQUEST_APPLIED
		with self.assertRaises(ChangeRequestStatusError):
			request.save()

	def test_a_bank_account_change_never_reaches_an_approved_claims_payee(self):
		from ocop_app.factories import certificate_in, make_fund, make_policy
		from ocop_app.ocop_app.doctype.ocop_subsidy_claim.test_ocop_subsidy_claim import (
			approve,
			packaging_claim,
		)

		make_policy()
		cert = certificate_in(COMMUNE_A, 3, "2025-01-01")
		product = frappe.db.get_value("OCOP Certificate", cert, "product")
		claim = approve(packaging_claim(product, make_fund(1_000 * M)))
		frozen = (claim.payee_bank, claim.payee_account_number, claim.payee_account_holder)
		self.assertTrue(frozen[1])
		producer = claim.producer
		user = make_producer_user(producer, "test.portal.payee@example.vn")
		new_number = random_digits(12)
		name = self.propose(
			user, bank="Vietcombank", account_number=new_number, account_holder="HOP TAC XA THU NGHIEM"
		)
		self.decide(PORTAL_OFFICER_A, name, "apply_request")
		claim.reload()
		self.assertEqual((claim.payee_bank, claim.payee_account_number, claim.payee_account_holder), frozen)
		rows = frappe.get_doc("OCOP Producer", producer).bank_accounts
		self.assertEqual([r.account_number for r in rows if r.is_default], [new_number])
		self.assertIn(frozen[1], [r.account_number for r in rows])  # the payee's account is kept
