"""Names and addresses are printed as written: typed with < or >, a save is refused with the field named
and writes nothing; a record that already holds such a value (an old import) stays editable."""

import frappe
from frappe.tests.utils import FrappeTestCase

from ocop_app.exceptions import MarkupInNameError
from ocop_app.factories import COMMUNE_A, make_producer, make_user

OFFICER = "name.fields.xa@ocop.vn"


class TestNameFields(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OFFICER, "OCOP Commune Officer", COMMUNE_A)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_a_name_with_markup_is_refused_and_nothing_is_written(self):
		frappe.set_user(OFFICER)
		before = frappe.db.count("OCOP Producer")
		with self.assertRaises(MarkupInNameError) as refused:
			make_producer(producer_name='HTX <img src=x onerror="alert(1)">', representative="Lê <b>A</b>")
		message = str(refused.exception)
		for field in ("producer_name", "representative"):  # both fields named, by their labels
			self.assertIn(frappe._(frappe.get_meta("OCOP Producer").get_label(field)), message)
		self.assertIn("<", message)  # and which characters
		self.assertEqual(frappe.db.count("OCOP Producer"), before)

	def test_a_child_row_is_named_by_its_row(self):
		frappe.set_user(OFFICER)
		with self.assertRaises(MarkupInNameError) as refused:
			make_producer(
				bank_accounts=[
					{"bank": "Agribank", "account_number": "1234567890123", "account_holder": "<b>X</b>"}
				]
			)
		self.assertIn("Dòng 1", str(refused.exception))

	def test_plain_names_with_ampersands_and_quotes_pass(self):
		frappe.set_user(OFFICER)
		producer = make_producer(producer_name='HTX Chè "Tân Cương" & Bánh cáy')
		self.assertEqual(
			frappe.db.get_value("OCOP Producer", producer.name, "producer_name"),
			'HTX Chè "Tân Cương" & Bánh cáy',
		)

	def test_an_old_value_with_markup_does_not_block_other_edits_but_a_new_one_is_refused(self):
		frappe.set_user(OFFICER)
		producer = make_producer()
		# as if it had come in before the check (a direct write of an old import)
		frappe.db.set_value("OCOP Producer", producer.name, "producer_name", "HTX <i>cũ</i>")
		doc = frappe.get_doc("OCOP Producer", producer.name)
		doc.phone = "0912345678"
		doc.save()  # the old name is not judged again
		doc.producer_name = "HTX <i>mới</i>"
		with self.assertRaises(MarkupInNameError):
			doc.save()
		self.assertEqual(
			frappe.db.get_value("OCOP Producer", producer.name, "producer_name"), "HTX <i>cũ</i>"
		)
