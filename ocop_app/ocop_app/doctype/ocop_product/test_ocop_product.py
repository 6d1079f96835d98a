# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from ocop_app.exceptions import LegacyUnitError
from ocop_app.factories import COMMUNE_A, LEGACY_COMMUNE, PROVINCE, make_producer
from ocop_app.ocop_app.doctype.ocop_product.ocop_product import (
	ProducerRequiredError,
	StarRatingReadOnlyError,
)


class TestOCOPProduct(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_product_without_producer_is_refused(self):
		before = frappe.db.count("OCOP Product")
		with self.assertRaises(ProducerRequiredError):
			frappe.get_doc(
				{"doctype": "OCOP Product", "product_name": "Bánh mồ côi", "product_group": "Đồ ăn nhanh"}
			).insert()
		self.assertEqual(frappe.db.count("OCOP Product"), before)

	def test_unit_and_province_default_from_the_producer(self):
		product = make_product()
		self.assertEqual(product.administrative_unit, COMMUNE_A)
		self.assertEqual(product.province, PROVINCE)

	def test_legacy_unit_only_for_history(self):
		self.assertRaises(LegacyUnitError, make_product, administrative_unit=LEGACY_COMMUNE)
		product = frappe.get_doc(
			{
				"doctype": "OCOP Product",
				"product_name": "Sản phẩm công nhận năm 2021",
				"producer": make_producer().name,
				"product_group": "Đồ ăn nhanh",
				"administrative_unit": LEGACY_COMMUNE,
			}
		)
		product.flags.allow_legacy_unit = True
		product.insert()
		self.assertEqual(product.province, "L-34")

	def test_star_rating_is_read_only(self):
		self.assertRaises(StarRatingReadOnlyError, make_product, star_rating=4)
		product = make_product()
		product.star_rating = 5
		self.assertRaises(StarRatingReadOnlyError, product.save)
		# a recognition sets it through the flag
		product.reload()
		product.star_rating = 4
		product.flags.allow_star_rating = True
		product.save()
		self.assertEqual(frappe.db.get_value("OCOP Product", product.name, "star_rating"), 4)

	def test_producer_keeps_its_product_count_and_best_star(self):
		def stats(producer):
			return frappe.db.get_value("OCOP Producer", producer, ["product_count", "best_star"])

		first, second = make_producer().name, make_producer().name
		a = make_product(producer=first)
		b = make_product(producer=first, product_name="Chè lam thử nghiệm")
		self.assertEqual(stats(first), (2, 0))
		b.star_rating = 4
		b.flags.allow_star_rating = True
		b.save()
		self.assertEqual(stats(first), (2, 4))
		b.reload()
		b.producer = second  # moved to another producer: both are counted again
		b.save()
		self.assertEqual(stats(first), (1, 0))
		self.assertEqual(stats(second), (1, 4))
		frappe.delete_doc("OCOP Product", a.name)
		self.assertEqual(stats(first), (0, 0))

	def test_qr_code_is_attached(self):
		product = make_product()
		product.reload()
		self.assertTrue(product.qr_code)
		self.assertTrue(
			frappe.db.exists("File", {"attached_to_name": product.name, "file_url": product.qr_code})
		)

	def test_dossier_check_records_who_and_when(self):
		product = make_product(dossier_items=[{"item_type": "Phiếu đăng ký sản phẩm"}])
		self.assertFalse(product.dossier_items[0].checked_by)
		product.dossier_items[0].is_checked = 1
		product.save()
		self.assertEqual(product.dossier_items[0].checked_by, frappe.session.user)
		self.assertTrue(product.dossier_items[0].checked_on)

	def test_upgrade_starts_from_the_previous_evidence(self):
		first = make_product(
			evidence=[
				{"criterion_code": "1a", "description": "Hợp đồng bao tiêu", "attachment": "/files/hd.pdf"}
			]
		)
		self.assertTrue(first.evidence[0].uploaded_on)
		second = make_product(producer=first.producer, previous_product=first.name)
		self.assertEqual(
			[(e.criterion_code, e.attachment) for e in second.evidence], [("1a", "/files/hd.pdf")]
		)

	def test_upgrade_lineage(self):
		first = make_product()
		second = make_product(producer=first.producer, previous_product=first.name)
		self.assertEqual(second.previous_product, first.name)


def make_product(**kwargs):
	values = {
		"doctype": "OCOP Product",
		"product_name": "Bánh cáy thử nghiệm",
		"product_group": "Chế biến từ gạo, ngũ cốc",
	}
	values.update(kwargs)
	if not values.get("producer"):
		values["producer"] = make_producer().name
	return frappe.get_doc(values).insert()
