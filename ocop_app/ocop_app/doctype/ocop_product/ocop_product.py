# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt

import io

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, get_url, now_datetime

from ocop_app.permissions import check_unit_scope
from ocop_app.units import get_province, validate_commune


class ProducerRequiredError(frappe.ValidationError):
	pass


class StarRatingReadOnlyError(frappe.ValidationError):
	pass


class PreviousProductError(frappe.ValidationError):
	pass


class OCOPProduct(Document):
	def validate(self):
		self.validate_producer()
		self.set_administrative_unit()
		self.validate_administrative_unit()
		self.set_province()
		check_unit_scope(self)
		self.validate_previous_product()
		self.validate_star_rating()
		self.set_dossier_checks()
		self.set_dossier_complete()
		self.set_evidence_dates()

	def before_insert(self):
		self.copy_previous_evidence()

	def copy_previous_evidence(self):
		"""An upgraded product starts from its previous record's evidence; changed items are replaced."""
		if not self.previous_product or self.evidence:
			return
		for row in frappe.get_all(
			"OCOP Product Evidence",
			filters={"parent": self.previous_product, "parenttype": self.doctype},
			fields=["criteria_set", "criterion_code", "description", "attachment", "uploaded_on"],
			order_by="idx",
		):
			self.append("evidence", row)

	def after_insert(self):
		self.make_qr_code()

	def on_update(self):
		before = self.get_doc_before_save()
		if (
			self.flags.in_insert
			or not before
			or before.producer != self.producer
			or cint(before.star_rating) != cint(self.star_rating)
		):
			refresh_producer_stats({self.producer, before.producer if before else None})

	def after_delete(self):
		refresh_producer_stats({self.producer})

	def validate_producer(self):
		if not self.producer:
			frappe.throw(
				_("Sản phẩm {0} phải thuộc một chủ thể OCOP: hãy chọn chủ thể sản xuất.").format(
					frappe.bold(self.product_name or "")
				),
				ProducerRequiredError,
				title=_("Thiếu chủ thể"),
			)

	def set_administrative_unit(self):
		if not self.administrative_unit:
			self.administrative_unit = frappe.db.get_value(
				"OCOP Producer", self.producer, "administrative_unit"
			)

	def validate_administrative_unit(self):
		# a legacy unit only for history: an import that says so, or a record already kept under it
		kept = not self.is_new() and self.get_db_value("administrative_unit") == self.administrative_unit
		validate_commune(
			self.administrative_unit,
			"Xã/phường của sản phẩm",
			allow_legacy=bool(self.flags.allow_legacy_unit or kept),
		)

	def set_province(self):
		self.province = get_province(self.administrative_unit)

	def validate_previous_product(self):
		if self.previous_product and self.previous_product == self.name:
			frappe.throw(
				_("Sản phẩm không thể là sản phẩm trước của chính nó."),
				PreviousProductError,
				title=_("Sai sản phẩm trước"),
			)

	def validate_star_rating(self):
		"""Stars come only from a recognition decision (which sets flags.allow_star_rating)."""
		if self.flags.allow_star_rating:
			return
		before = cint(self.get_db_value("star_rating")) if not self.is_new() else 0
		if cint(self.star_rating) != before:
			frappe.throw(
				_("Hạng sao chỉ được cập nhật bằng quyết định công nhận, không sửa trực tiếp."),
				StarRatingReadOnlyError,
				title=_("Không được sửa hạng sao"),
			)

	def set_dossier_complete(self):
		"""Every mandatory dossier item is attached and checked (the commune's "Tiếp nhận" needs it)."""
		mandatory = set(frappe.get_all("OCOP Dossier Item Type", filters={"is_mandatory": 1}, pluck="name"))
		done = {row.item_type for row in self.dossier_items if row.attachment and row.is_checked}
		self.dossier_complete = int(bool(mandatory) and mandatory <= done)

	def set_evidence_dates(self):
		for row in self.evidence:
			row.uploaded_on = row.uploaded_on or frappe.utils.today()

	def set_dossier_checks(self):
		for row in self.dossier_items:
			if row.is_checked and not row.checked_by:
				row.checked_by, row.checked_on = frappe.session.user, now_datetime()
			elif not row.is_checked:
				row.checked_by = row.checked_on = None

	def make_qr_code(self):
		"""A QR code pointing at the product's public page (facts, star and certificate status)."""
		import qrcode

		from ocop_app.ocop_app.doctype.ocop_stamp_batch.ocop_stamp_batch import product_page_url

		image = qrcode.make(product_page_url(self.name))
		buffer = io.BytesIO()
		image.save(buffer, format="PNG")
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"qr-{self.name}.png",
				"attached_to_doctype": self.doctype,
				"attached_to_name": self.name,
				"attached_to_field": "qr_code",
				"is_private": 0,
				"content": buffer.getvalue(),
			}
		)
		file.flags.ignore_permissions = True  # the product's own QR image, made while saving the product
		file.insert()
		self.db_set("qr_code", file.file_url, update_modified=False)


def refresh_producer_stats(producers=None) -> None:
	"""Each producer's product count and best star, from its products (all producers when None).

	Kept on the producer so the national register reads one table instead of grouping 200,000
	products on every run.
	"""
	names = [p for p in (producers or ()) if p]
	if producers is not None and not names:
		return
	of_producers, these_producers = (
		("where producer in %(names)s", "where p.name in %(names)s") if names else ("", "")
	)
	frappe.db.sql(
		f"""update `tabOCOP Producer` p
		left join (
			select producer, count(*) as products, max(star_rating) as best
			from `tabOCOP Product` {of_producers} group by producer
		) s on s.producer = p.name
		set p.product_count = coalesce(s.products, 0), p.best_star = coalesce(s.best, 0)
		{these_producers}""",
		{"names": tuple(names)},
	)
