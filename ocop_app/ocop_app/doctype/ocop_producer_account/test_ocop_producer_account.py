# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Producer accounts: sign-up, the commune officer's decision, ``producer_of`` and what a
producer user reads (as real users holding only their role: a website user, commune officers)."""

import frappe
import frappe.client

from ocop_app.exceptions import NotConfirmedProducerError
from ocop_app.factories import (
	COMMUNE_A,
	COMMUNE_B,
	make_producer,
	make_producer_user,
	make_user,
	random_digits,
	random_tax_id,
)
from ocop_app.ocop_app.doctype.ocop_producer_account.ocop_producer_account import (
	AccountDecisionNotAllowedError,
	AccountStatusError,
	RefusalReasonMissingError,
)
from ocop_app.portal.access import PRODUCER_OF, PRODUCER_ROLE, producer_of
from ocop_app.portal.signup import SignUpError, sign_up
from ocop_app.request_memo import clear_request_memo
from ocop_app.rules import portal
from ocop_app.tests.test_unit_scope import (
	PORTAL_OFFICER_A,
	PORTAL_OFFICER_B,
	ProducerPortalTestCase,
	make_product,
)

COUNCIL_A = "test.portal.hoidong@ocop.vn"
PASSWORD = "CoSo2025pass"


def random_citizen_id() -> str:
	"""A 12-digit citizen id (Hà Nội's code 001) that is no producer's yet."""
	while True:
		value = "001" + random_digits(9)
		if not frappe.db.exists("OCOP Producer", {"tax_id": value}):
			return value


def good_sign_up(**kwargs) -> dict:
	values = {
		"full_name": "Nguyễn Thị Cơ Sở",
		"password": PASSWORD,
		"identity": "",
		"email": f"coso.{frappe.generate_hash(length=8)}@example.vn",
	}
	values.update(kwargs)
	return values


class TestOCOPProducerAccount(ProducerPortalTestCase):
	DOCTYPE = "OCOP Producer Account"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(COUNCIL_A, "OCOP Council Member", "33")
		frappe.db.commit()

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.cache.delete_keys("ocop_portal_")  # the sign-up rate limit of the test client
		self.producer = make_producer(producer_name="HTX Cổng thông tin A")
		self.other = make_producer(producer_name="HTX Cổng thông tin B", administrative_unit=COMMUNE_B)

	def sign_up(self, **kwargs) -> dict:
		frappe.set_user("Guest")
		try:
			return sign_up(**good_sign_up(**kwargs))
		finally:
			frappe.set_user("Administrator")

	# ------------------------------------------------------------ sign-up
	def test_sign_up_with_an_existing_producers_tax_id(self):
		result = self.sign_up(identity=self.producer.tax_id, account_kind=portal.ACCOUNTANT)
		user = frappe.get_doc("User", result["user"])
		self.assertEqual(user.user_type, "Website User")
		self.assertEqual({r.role for r in user.roles}, {PRODUCER_ROLE})
		account = frappe.get_doc("OCOP Producer Account", result["account"])
		self.assertEqual(account.status, portal.PENDING)
		self.assertEqual(account.producer, self.producer.name)
		self.assertEqual(account.administrative_unit, COMMUNE_A)
		self.assertEqual(account.account_kind, portal.ACCOUNTANT)
		# nothing before the confirmation
		with self.assertRaises(NotConfirmedProducerError):
			producer_of(user.name)
		frappe.set_user(user.name)
		self.assertEqual(frappe.get_list("OCOP Producer", pluck="name"), [])
		self.assertFalse(frappe.has_permission("OCOP Producer", doc=self.producer.name))

	def test_sign_up_with_a_phone_number_and_a_citizen_id_proposes_a_household_business(self):
		result = self.sign_up(
			email="", phone="+84 912 000 111", identity=random_citizen_id(), producer_name="Hộ Trần Văn Tương",
			commune=COMMUNE_A,
		)  # fmt: skip
		self.assertEqual(result["user"], "0912000111@sdt.ocop.invalid")
		account = frappe.get_doc("OCOP Producer Account", result["account"])
		self.assertEqual(account.phone, "0912000111")
		self.assertFalse(account.producer)
		self.assertEqual(account.identity_kind, "Số định danh cá nhân")
		self.assertEqual(account.proposed_legal_form, "Hộ kinh doanh")

	def test_bad_sign_ups_write_nothing(self):
		existing = make_producer_user(self.producer.name, "test.portal.existing@example.vn")
		frappe.db.set_value("OCOP Producer Account", {"user": existing}, "phone", "0912000999")
		bad = (
			{"identity": "0100233489"},  # check digit
			{"identity": "099185001234"},  # no province 099
			{"identity": ""},
			{"identity": self.producer.tax_id, "email": "", "phone": ""},
			{"identity": self.producer.tax_id, "email": "khong-phai-email"},
			{"identity": self.producer.tax_id, "password": "ngan1"},
			{"identity": self.producer.tax_id, "full_name": " "},
			{"identity": self.producer.tax_id, "full_name": "<img src=x onerror=alert(1)>"},
			{"identity": self.producer.tax_id, "email": existing},
			{"identity": self.producer.tax_id, "email": "", "phone": "0912000999", "full_name": "Trùng"},
			{"identity": self.producer.tax_id, "account_kind": "Giám đốc"},
			{"identity": random_tax_id()},  # nobody's tax id, and no proposed producer
			{
				"identity": random_tax_id(),
				"producer_name": "HTX Mới",
				"legal_form": "Hợp tác xã",
				"commune": "33",
			},
			{
				"identity": random_tax_id(),
				"producer_name": "HTX Mới",
				"legal_form": "Hợp tác xã",
				"commune": "L-34-340-12730",
			},
		)
		before = (frappe.db.count("User"), frappe.db.count("OCOP Producer Account"))
		for values in bad:
			frappe.cache.delete_keys("ocop_portal_")
			with self.subTest(values=values):
				with self.assertRaises(SignUpError) as ctx:
					self.sign_up(**values)
				self.assertRegex(str(ctx.exception), "[ăâđêôơưạảấầẩậắằẳặẹẻẽếềểệịọỏốồổộớờởợụủứừửựỳỷ]")
		self.assertEqual((frappe.db.count("User"), frappe.db.count("OCOP Producer Account")), before)

	def test_sign_ups_are_rate_limited_per_client_address(self):
		from ocop_app.portal.signup import SIGNUPS_PER_HOUR, SignUpRateLimitError

		for _ in range(SIGNUPS_PER_HOUR):
			with self.assertRaises(SignUpError):
				self.sign_up(identity="")
		before = frappe.db.count("User")
		with self.assertRaises(SignUpRateLimitError):
			self.sign_up(identity=self.producer.tax_id)
		self.assertEqual(frappe.db.count("User"), before)

	def test_a_signed_in_user_cannot_sign_up(self):
		frappe.set_user(PORTAL_OFFICER_A)
		with self.assertRaises(SignUpError):
			sign_up(**good_sign_up(identity=self.producer.tax_id))

	# ------------------------------------------------------------ the commune officer's decision
	def test_the_commune_officer_confirms_and_the_user_is_told(self):
		result = self.sign_up(identity=self.producer.tax_id)
		self.decide(PORTAL_OFFICER_A, result["account"], "confirm")
		account = frappe.get_doc("OCOP Producer Account", result["account"])
		self.assertEqual(account.status, portal.CONFIRMED)
		self.assertEqual(account.confirmed_by, PORTAL_OFFICER_A)
		self.assertTrue(account.confirmed_on)
		self.assertEqual(producer_of(result["user"]), self.producer.name)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": result["user"], "document_name": account.name})
		)

	def test_confirming_a_proposed_producer_makes_it_in_that_commune(self):
		tax_id = random_tax_id()
		result = self.sign_up(
			identity=tax_id, producer_name="HTX Đề nghị mới", legal_form="Hợp tác xã", commune=COMMUNE_A
		)
		self.decide(PORTAL_OFFICER_A, result["account"], "confirm")
		producer = frappe.db.get_value(
			"OCOP Producer",
			{"tax_id": tax_id},
			["name", "producer_name", "administrative_unit"],
			as_dict=True,
		)
		self.assertEqual(
			(producer.producer_name, producer.administrative_unit), ("HTX Đề nghị mới", COMMUNE_A)
		)
		self.assertEqual(producer_of(result["user"]), producer.name)

	def test_another_communes_officer_cannot_decide(self):
		result = self.sign_up(identity=self.producer.tax_id)
		for method, kwargs in (("confirm", {}), ("refuse", {"reason": "Không đúng cơ sở"})):
			with self.subTest(method=method), self.assertRaises(frappe.PermissionError):
				self.decide(PORTAL_OFFICER_B, result["account"], method, **kwargs)
		self.assertEqual(
			frappe.db.get_value("OCOP Producer Account", result["account"], "status"), portal.PENDING
		)

	def test_a_council_member_cannot_decide(self):
		result = self.sign_up(identity=self.producer.tax_id)
		with self.assertRaises(frappe.PermissionError):
			self.decide(COUNCIL_A, result["account"], "confirm")

	def test_nobody_confirms_themselves(self):
		result = self.sign_up(identity=self.producer.tax_id)
		with self.assertRaises(frappe.PermissionError):
			self.decide(result["user"], result["account"], "confirm")
		# an officer who signed up as a producer's user too: still not their own decision
		frappe.set_user(PORTAL_OFFICER_A)
		account = frappe.get_doc("OCOP Producer Account", result["account"])
		account.user = PORTAL_OFFICER_A  # as if it were their own account (never saved)
		from ocop_app.ocop_app.doctype.ocop_producer_account.ocop_producer_account import decide

		frappe.db.set_value("OCOP Producer Account", account.name, "user", PORTAL_OFFICER_A)
		with self.assertRaises(AccountDecisionNotAllowedError):
			decide(account, portal.CONFIRMED)
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("OCOP Producer Account", result["account"], "status"), portal.PENDING
		)

	def test_refusal_needs_a_reason_and_ends_access(self):
		result = self.sign_up(identity=self.producer.tax_id)
		with self.assertRaises(RefusalReasonMissingError):
			self.decide(PORTAL_OFFICER_A, result["account"], "refuse", reason=" ")
		self.decide(PORTAL_OFFICER_A, result["account"], "refuse", reason="Không phải người của cơ sở")
		account = frappe.get_doc("OCOP Producer Account", result["account"])
		self.assertEqual((account.status, account.reason), (portal.REFUSED, "Không phải người của cơ sở"))
		with self.assertRaises(NotConfirmedProducerError):
			producer_of(result["user"])
		with self.assertRaises(AccountStatusError):  # refused stays refused
			self.decide(PORTAL_OFFICER_A, result["account"], "confirm")

	def test_a_locked_account_reads_nothing(self):
		user = make_producer_user(self.producer.name, "test.portal.lock@example.vn")
		account = frappe.db.get_value("OCOP Producer Account", {"user": user})
		self.decide(PORTAL_OFFICER_A, account, "lock_account", reason="Cơ sở đề nghị khóa")
		clear_request_memo(PRODUCER_OF)
		frappe.set_user(user)
		self.assertEqual(frappe.get_list("OCOP Producer", pluck="name"), [])
		with self.assertRaises(NotConfirmedProducerError):
			producer_of()

	def test_the_status_is_never_edited_directly(self):
		result = self.sign_up(identity=self.producer.tax_id)
		frappe.set_user(PORTAL_OFFICER_A)
		account = frappe.get_doc("OCOP Producer Account", result["account"])
		account.status = portal.CONFIRMED
		with self.assertRaises(AccountStatusError):
			account.save()

	# ------------------------------------------------------------ what a producer user reads
	def test_a_producer_user_reads_only_their_producers_records(self):
		user = make_producer_user(self.producer.name, "test.portal.reader@example.vn")
		own = make_product(self.producer.name, "Sản phẩm của A")
		other = make_product(self.other.name, "Sản phẩm của B")
		frappe.set_user(user)
		self.assertEqual(producer_of(), self.producer.name)
		self.assertEqual(frappe.get_list("OCOP Producer", pluck="name"), [self.producer.name])
		self.assertEqual(set(frappe.get_list("OCOP Product", pluck="name")), {own})
		self.assertTrue(frappe.has_permission("OCOP Product", doc=own))
		self.assertFalse(frappe.has_permission("OCOP Product", doc=other))
		self.assertFalse(frappe.has_permission("OCOP Producer", doc=self.other.name))
		self.assertFalse(frappe.has_permission("OCOP Producer", "write", doc=self.producer.name))
		rows = frappe.get_list(
			"OCOP Producer Bank Account", fields=["parent"], parent_doctype="OCOP Producer"
		)
		self.assertEqual({r.parent for r in rows}, {self.producer.name})
		for doctype in ("OCOP Score Sheet", "OCOP Council", "OCOP Fund"):
			with self.subTest(doctype=doctype), self.assertRaises(frappe.PermissionError):
				frappe.get_list(doctype)
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("OCOP Producer", self.other.name)
		self.assertEqual(frappe.client.get("OCOP Producer", self.producer.name)["name"], self.producer.name)
