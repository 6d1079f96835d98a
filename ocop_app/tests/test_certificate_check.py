# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The public certificate check page: what a guest sees, and what it must not see."""

import frappe

from ocop_app.ocop_app.doctype.ocop_evaluation.test_ocop_evaluation import (
	CouncilTestCase,
	recognised_product,
)
from ocop_app.www.ocop import xac_minh


class TestCertificateCheck(CouncilTestCase):
	def setUp(self):
		frappe.cache.delete_keys("ocop_certificate_check:")
		frappe.local.request_ip = "203.0.113.7"

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.form_dict.pop("certificate_no", None)

	def check(self, number: str):
		frappe.set_user("Guest")
		frappe.form_dict.certificate_no = number
		context = xac_minh.get_context(frappe._dict())
		frappe.set_user("Administrator")
		return context

	def test_a_valid_certificate(self):
		product, cert = recognised_product()
		context = self.check(cert)
		self.assertTrue(context.certificate.valid)
		self.assertEqual(context.certificate.star, 3)
		self.assertEqual(
			context.certificate.product_name, frappe.db.get_value("OCOP Product", product, "product_name")
		)
		# only what the certificate states: no tax id, bank account, scores or internal links
		self.assertEqual(
			set(context.certificate) - {"address", "expired", "valid"}, set(xac_minh.PUBLIC_FIELDS)
		)

	def test_revoked_and_expired_are_said_plainly(self):
		_, cert = recognised_product()
		frappe.db.set_value(
			"OCOP Certificate", cert, {"status": "Thu hồi", "revocation_reason": "Vi phạm an toàn thực phẩm"}
		)
		context = self.check(cert)
		self.assertFalse(context.certificate.valid)
		self.assertEqual(context.certificate.status, "Thu hồi")
		frappe.db.set_value("OCOP Certificate", cert, {"status": "Hiệu lực", "valid_to": "2024-01-01"})
		self.assertTrue(self.check(cert).certificate.expired)

	def test_unknown_number_is_not_found(self):
		self.assertIsNone(self.check("OCOP-GCN-0000-99999").certificate)
		self.assertIsNone(self.check("x" * 200).certificate)

	def test_rate_limited(self):
		for _ in range(xac_minh.CHECKS_PER_MINUTE):
			self.assertFalse(self.check("OCOP-GCN-0000-99999").get("error"))
		self.assertTrue(self.check("OCOP-GCN-0000-99999").get("error"))
		frappe.local.request_ip = "203.0.113.8"  # another address is not affected
		self.assertFalse(self.check("OCOP-GCN-0000-99999").get("error"))
