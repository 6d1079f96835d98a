# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The public product page the QR codes open, and the stamp sheets that carry them."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_url, set_request, today
from frappe.website.serve import get_response

from ocop_app.factories import COMMUNE_A, COMMUNE_B, certificate_in, make_user
from ocop_app.ocop_app.doctype.ocop_stamp_batch.ocop_stamp_batch import (
	StampQuantityError,
	StampWithoutCertificateError,
	product_page_url,
)
from ocop_app.www.ocop import san_pham

XA_A = "tem.xa.a@ocop.vn"
XA_B = "tem.xa.b@ocop.vn"


class TestProductPage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(XA_A, "OCOP Commune Officer", COMMUNE_A)
		make_user(XA_B, "OCOP Commune Officer", COMMUNE_B)
		frappe.db.commit()

	def setUp(self):
		frappe.cache.delete_keys("ocop_product_page:")
		frappe.local.request_ip = "203.0.113.9"

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for key in ("product", "tem"):
			frappe.form_dict.pop(key, None)

	def test_a_valid_product(self):
		product, cert = certified(4, days_left=300)
		context = view(product)
		self.assertTrue(context.certificate.valid)
		self.assertEqual((context.certificate.name, context.certificate.star), (cert, 4))
		# the certificate check answers only with the certificate's check code: the link carries it
		code = frappe.db.get_value("OCOP Certificate", cert, "check_code")
		self.assertTrue(code)
		self.assertEqual(context.certificate.check_url, get_url(f"/ocop/xac-minh/{cert}?ma={code}"))
		self.assertIsNone(context.stamp)
		# facts only: nothing of the producer's tax id, bank accounts, scores
		self.assertEqual(
			set(context.product),
			{"name", "product_name", "producer_name", "administrative_unit", "product_group", "address"},
		)
		status, html = render(product)
		self.assertEqual(status, 200)
		self.assertIn("status-valid", html)
		self.assertIn("còn hiệu lực", html)
		self.assertNotIn("không còn hiệu lực", html)

	def test_an_expired_product(self):
		product, cert = certified(3, days_left=-1)  # the daily job has not run yet
		self.assertFalse(view(product).certificate.valid)
		frappe.db.set_value("OCOP Certificate", cert, "status", "Hết hạn")
		status, html = render(product)
		self.assertEqual(status, 200)
		self.assertIn("không còn hiệu lực", html)
		self.assertIn("đã hết hạn", html)
		self.assertNotIn("status-valid", html)

	def test_a_revoked_product(self):
		product, cert = certified(5, days_left=300)
		frappe.db.set_value(
			"OCOP Certificate", cert, {"status": "Thu hồi", "revocation_reason": "Vi phạm an toàn thực phẩm"}
		)
		context = view(product)
		self.assertFalse(context.certificate.valid)
		self.assertTrue(context.certificate.revoked)
		status, html = render(product)
		self.assertEqual(status, 200)
		self.assertIn("không còn hiệu lực", html)
		self.assertIn("đã bị thu hồi", html)
		self.assertIn("Vi phạm an toàn thực phẩm", html)

	def test_unknown_product_is_not_found(self):
		status, html = render("OCOP-SP-0000-99999")
		self.assertEqual(status, 404)
		self.assertIn("Không tìm thấy sản phẩm", html)
		self.assertIsNone(view("x" * 200).product)

	def test_values_are_escaped(self):
		product, _ = certified(3, days_left=300)
		frappe.db.set_value("OCOP Product", product, "product_name", '<img src=x onerror="alert(1)">')
		status, html = render(product, serial="<script>alert(2)</script>")
		self.assertEqual(status, 200)
		self.assertIn("&lt;img src=x", html)
		self.assertNotIn('<img src=x onerror="alert(1)">', html)
		self.assertNotIn("<script>alert(2)</script>", html)

	def test_stamp_serials(self):
		product, _ = certified(4, days_left=300)
		other, _ = certified(3, days_left=300)
		frappe.set_user(XA_A)
		batch = make_batch(product, 30)
		other_batch = make_batch(other, 2)
		frappe.set_user("Administrator")
		self.assertEqual(batch.star, 4)
		self.assertEqual(batch.first_serial, f"{batch.batch_code}-00001")
		self.assertEqual(batch.last_serial, f"{batch.batch_code}-00030")

		self.assertEqual(view(product, batch.last_serial).stamp, "genuine")
		for copied in (
			f"{batch.batch_code}-00031",  # beyond the batch
			f"{batch.batch_code[:-1]}Z-00001",  # no such batch
			other_batch.first_serial,  # another product's stamp
			"OCOP-GIA-1",
		):
			self.assertEqual(view(product, copied).stamp, "unknown", copied)
		status, html = render(product, serial=f"{batch.batch_code}-00099")
		self.assertEqual(status, 200)
		self.assertIn("stamp-warning", html)
		self.assertIn("không có trong hệ thống", html)
		status, html = render(product, serial=batch.first_serial)
		self.assertEqual(status, 200)
		self.assertIn("stamp-ok", html)

	def test_stamp_sheet(self):
		product, cert = certified(4, days_left=300)
		frappe.set_user(XA_A)
		batch = make_batch(product, 30)
		self.assertEqual([len(page) for page in batch.sheets()], [24, 6])
		self.assertEqual(batch.stamps()[0]["url"], product_page_url(product, batch.first_serial))
		self.assertTrue(batch.stamps()[0]["url"].startswith(get_url(f"/ocop/san-pham/{product}?tem=")))
		html = printed("OCOP Stamp Batch", batch.name, "Tem sản phẩm OCOP")
		self.assertEqual(html.count("Số tem:"), 30)
		self.assertEqual(html.count("data:image/png;base64,"), 30)
		self.assertIn(batch.last_serial, html)
		self.assertIn("★★★★☆", html)
		self.assertIn("page-break-after", html)
		self.assertRaises(StampQuantityError, make_batch, product, 0)
		self.assertRaises(StampQuantityError, make_batch, product, 1001)

		# only a product with a certificate in force gets stamps
		frappe.set_user("Administrator")
		frappe.db.set_value("OCOP Certificate", cert, "status", "Thu hồi")
		frappe.set_user(XA_A)
		self.assertRaises(StampWithoutCertificateError, make_batch, product, 10)

		# another commune's official neither sees the batch nor prints stamps for the product
		frappe.set_user(XA_B)
		self.assertFalse(frappe.get_doc("OCOP Stamp Batch", batch.name).has_permission("read"))
		self.assertEqual(frappe.get_list("OCOP Stamp Batch", filters={"name": batch.name}), [])
		self.assertRaises(frappe.PermissionError, make_batch, product, 10)

	def test_product_qr_points_to_the_public_page(self):
		from PIL import Image

		product, _ = certified(3, days_left=300)
		url = frappe.db.get_value("OCOP Product", product, "qr_code")
		self.assertTrue(url)
		self.assertEqual(product_page_url(product), get_url(f"/ocop/san-pham/{product}"))
		# the QR image encodes the public page, not the desk (same image as qrcode makes for it)
		import io

		import qrcode

		made = io.BytesIO()
		qrcode.make(product_page_url(product)).save(made, format="PNG")
		stored = frappe.get_doc("File", {"file_url": url}).get_content()
		self.assertEqual(
			Image.open(io.BytesIO(stored)).tobytes(), Image.open(io.BytesIO(made.getvalue())).tobytes()
		)


# ---------------------------------------------------------------------- factories
def certified(star: int, days_left: int) -> tuple[str, str]:
	"""A product of commune A and its certificate, ending ``days_left`` days from today."""
	cert = certificate_in(COMMUNE_A, star, add_days(today(), -400))
	frappe.db.set_value("OCOP Certificate", cert, "valid_to", add_days(today(), days_left))
	return frappe.db.get_value("OCOP Certificate", cert, "product"), cert


def make_batch(product: str, quantity: int):
	return frappe.get_doc({"doctype": "OCOP Stamp Batch", "product": product, "quantity": quantity}).insert()


def view(product: str, serial: str | None = None):
	frappe.set_user("Guest")
	frappe.form_dict.product = product
	frappe.form_dict.tem = serial
	try:
		return san_pham.get_context(frappe._dict())
	finally:
		frappe.set_user("Administrator")


def render(product: str, serial: str | None = None) -> tuple[int, str]:
	"""The page as a guest's browser gets it."""
	frappe.set_user("Guest")
	set_request(method="GET", path=f"/ocop/san-pham/{product}")
	frappe.form_dict.tem = serial
	try:
		response = get_response()
		return response.status_code, response.get_data(as_text=True)
	finally:
		frappe.set_user("Administrator")


def printed(doctype: str, name: str, print_format: str) -> str:
	"""The print format's HTML as the print view renders it (frappe.get_print commits the
	transaction, which would leave the test's records behind)."""
	from frappe.www.printview import get_rendered_template

	return get_rendered_template(
		frappe.get_doc(doctype, name), print_format=frappe.get_doc("Print Format", print_format)
	)
