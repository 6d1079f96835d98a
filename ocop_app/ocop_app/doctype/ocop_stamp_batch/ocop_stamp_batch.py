# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A printed batch of OCOP stamps for one certified product (tem sản phẩm OCOP).

Each stamp carries a QR code to the product's public page with its serial; the batch records
the serials (random batch code + number), so the page can tell a genuine stamp from a copied one
with an unknown serial. Only a product with a certificate in force gets stamps.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_url

from ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate import active_certificate
from ocop_app.permissions import check_unit_scope
from ocop_app.rules import stamps as rules


class StampWithoutCertificateError(frappe.ValidationError):
	pass


class StampQuantityError(frappe.ValidationError):
	pass


class OCOPStampBatch(Document):
	def validate(self):
		self.administrative_unit = frappe.db.get_value("OCOP Product", self.product, "administrative_unit")
		check_unit_scope(self)
		self.validate_quantity()
		if self.is_new():
			self.set_certificate()
			self.set_serials()

	def validate_quantity(self):
		if not 1 <= (self.quantity or 0) <= rules.MAX_STAMPS_PER_BATCH:
			frappe.throw(
				_("Số tem mỗi đợt từ 1 đến {0}.").format(rules.MAX_STAMPS_PER_BATCH),
				StampQuantityError,
				title=_("Sai số lượng tem"),
			)

	def set_certificate(self):
		cert = active_certificate(self.product)
		if not cert:
			frappe.throw(
				_("Sản phẩm {0} không có giấy chứng nhận OCOP còn hiệu lực nên không được in tem.").format(
					frappe.bold(self.product_name or self.product)
				),
				StampWithoutCertificateError,
				title=_("Không in được tem"),
			)
		self.certificate, self.star = cert.name, cert.star

	def set_serials(self):
		while True:
			code = frappe.generate_hash(length=8).upper()
			if not frappe.db.exists("OCOP Stamp Batch", {"batch_code": code}):
				break
		self.batch_code = code
		self.first_serial = rules.serial(code, 1)
		self.last_serial = rules.serial(code, self.quantity)

	def stamps(self) -> list[dict]:
		"""What the stamp sheet prints: serial and the address its QR code opens."""
		return [
			{"serial": s, "url": product_page_url(self.product, s)}
			for s in rules.serials(self.batch_code, self.quantity)
		]

	def sheets(self) -> list[list[dict]]:
		return rules.sheets(self.stamps())


def product_page_url(product: str, serial: str | None = None) -> str:
	"""The product's public page (what its QR code and its stamps point to)."""
	from urllib.parse import quote

	url = get_url(f"/ocop/san-pham/{quote(product)}")
	return f"{url}?tem={quote(serial)}" if serial else url


def check_serial(product: str, serial: str | None) -> str | None:
	"""None when no serial was given, "genuine" for a recorded stamp of the product, else "unknown"."""
	if not serial:
		return None
	parsed = rules.parse_serial(serial)
	if not parsed:
		return "unknown"
	code, number = parsed
	batch = frappe.db.get_value(
		"OCOP Stamp Batch", {"batch_code": code}, ["product", "quantity"], as_dict=True
	)
	if not batch or batch.product != product or not rules.genuine(number, batch.quantity):
		return "unknown"
	return "genuine"
