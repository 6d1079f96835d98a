# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The public certificate check page: what a guest sees, and what it must not see."""

from urllib.parse import parse_qs, urlsplit

import frappe
from frappe.utils import set_request
from frappe.website.serve import get_response

from ocop_app.ocop_app.doctype.ocop_evaluation.test_ocop_evaluation import (
	CouncilTestCase,
	recognised_product,
)
from ocop_app.printing import certificate_check_url
from ocop_app.tests.browser_fixtures import inject_script
from ocop_app.www.ocop import xac_minh

INJECTED = '<img src=x onerror="window.__ocop_xss=1">'


class TestCertificateCheck(CouncilTestCase):
	def setUp(self):
		frappe.cache.delete_keys("ocop_certificate_check:")
		frappe.local.request_ip = "203.0.113.7"

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.local.form_dict = frappe._dict()
		if getattr(frappe.local, "request", None) is not None:
			del frappe.local.request  # set_request's; later tests read frappe.local.request.environ

	def check(self, number: str, code: str | None = None):
		frappe.set_user("Guest")
		frappe.local.form_dict = frappe._dict(certificate_no=number, ma=code)
		context = xac_minh.get_context(frappe._dict())
		frappe.set_user("Administrator")
		return context

	def code(self, cert: str) -> str:
		return frappe.db.get_value("OCOP Certificate", cert, "check_code")

	def render(self, path: str, code: str | None = None):
		"""The page as the web server answers it: (HTTP status, HTML)."""
		frappe.set_user("Guest")
		set_request(method="GET", path=path, query_string={"ma": code} if code else None)
		frappe.local.form_dict = frappe._dict(ma=code) if code else frappe._dict()
		response = get_response(path)
		frappe.set_user("Administrator")
		return response.status_code, response.get_data(as_text=True)

	def test_a_valid_certificate(self):
		product, cert = recognised_product()
		context = self.check(cert, self.code(cert))
		self.assertTrue(context.certificate.valid)
		self.assertEqual(context.certificate.star, 3)
		self.assertEqual(
			context.certificate.product_name, frappe.db.get_value("OCOP Product", product, "product_name")
		)
		# only what the certificate states: no tax id, bank account, scores, internal links or the code
		self.assertEqual(
			set(context.certificate) - {"address", "expired", "valid"}, set(xac_minh.PUBLIC_FIELDS)
		)

	def test_revoked_and_expired_are_said_plainly(self):
		_, cert = recognised_product()
		frappe.db.set_value(
			"OCOP Certificate", cert, {"status": "Thu hồi", "revocation_reason": "Vi phạm an toàn thực phẩm"}
		)
		context = self.check(cert, self.code(cert))
		self.assertFalse(context.certificate.valid)
		self.assertEqual(context.certificate.status, "Thu hồi")
		frappe.db.set_value("OCOP Certificate", cert, {"status": "Hiệu lực", "valid_to": "2024-01-01"})
		self.assertTrue(self.check(cert, self.code(cert)).certificate.expired)

	def test_unknown_number_is_not_found(self):
		context = self.check("OCOP-GCN-0000-99999", "ABCDEFGHJK")
		self.assertIsNone(context.certificate)
		self.assertEqual(context.http_status_code, 404)
		self.assertIsNone(self.check("x" * 200).certificate)

	def test_a_number_needs_its_own_check_code(self):
		"""Counting numbers lists nothing: without the code printed on the certificate, not found."""
		_, cert = recognised_product()
		_, other = recognised_product()
		code = self.code(cert)
		self.assertEqual(len(code), 10)
		self.assertNotEqual(code, self.code(other))
		for wrong in (None, "", code[:-1], self.code(other), code + "X"):
			context = self.check(cert, wrong)
			self.assertIsNone(context.certificate, wrong)
			self.assertEqual(context.http_status_code, 404)
		self.assertEqual(self.check(cert, code.lower()).certificate.name, cert)

	def test_the_qr_link_carries_the_code(self):
		_, cert = recognised_product()
		url = urlsplit(certificate_check_url(cert))
		self.assertEqual(url.path, f"/ocop/xac-minh/{cert}")
		self.assertEqual(parse_qs(url.query)["ma"], [self.code(cert)])
		html = frappe.get_print("OCOP Certificate", cert, "Giấy chứng nhận sản phẩm OCOP", no_letterhead=1)
		self.assertIn(self.code(cert), html)

	def test_the_patch_codes_older_certificates(self):
		from ocop_app.patches.v1_0 import certificate_check_codes

		_, cert = recognised_product()
		frappe.db.set_value("OCOP Certificate", cert, "check_code", None)
		certificate_check_codes.execute()
		self.assertEqual(len(self.code(cert) or ""), 10)

	def test_real_http_status_and_escaping_of_the_address(self):
		status, html = self.render(f"/ocop/xac-minh/{INJECTED}")
		self.assertEqual(status, 404)
		self.assertNotIn("<img src=x", html)
		self.assertIn("&lt;img src=x onerror=", html)

	def test_stored_values_are_escaped(self):
		"""A value that reached the database unsanitised (an import, a direct write) stays text."""
		_, cert = recognised_product()
		inject_script(cert, INJECTED)
		status, html = self.render(f"/ocop/xac-minh/{cert}", self.code(cert))
		self.assertEqual(status, 200)
		self.assertNotIn("<img src=x", html)
		self.assertEqual(html.count("&lt;img src=x onerror="), 4)

	def test_rate_limited(self):
		for _ in range(xac_minh.CHECKS_PER_MINUTE):
			self.assertFalse(self.check("OCOP-GCN-0000-99999").get("error"))
		context = self.check("OCOP-GCN-0000-99999")
		self.assertTrue(context.get("error"))
		self.assertEqual(context.http_status_code, 429)
		key = frappe.cache.make_key("ocop_certificate_check:203.0.113.7")
		self.assertTrue(0 < frappe.cache.ttl(key) <= xac_minh.WINDOW_SECONDS)  # the window always ends
		frappe.local.request_ip = "203.0.113.8"  # another address is not affected
		self.assertFalse(self.check("OCOP-GCN-0000-99999").get("error"))

	def test_a_direct_client_cannot_choose_its_address(self):
		"""X-Forwarded-For counts only when the peer is our own proxy (ocop_trusted_proxies)."""
		set_request(
			method="GET",
			path="/ocop/xac-minh/x",
			headers={"X-Forwarded-For": "6.6.6.6, 198.51.100.20"},
			environ_overrides={"REMOTE_ADDR": "198.51.100.9"},
		)
		self.assertEqual(xac_minh.request_client_address(), "198.51.100.9")
		set_request(
			method="GET",
			path="/ocop/xac-minh/x",
			headers={"X-Forwarded-For": "6.6.6.6, 198.51.100.20"},
			environ_overrides={"REMOTE_ADDR": "127.0.0.1"},
		)
		self.assertEqual(xac_minh.request_client_address(), "198.51.100.20")
