# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A document inserted (or db_set) at a whole second is saved again by the code that holds it —
frappe 15 alone raises TimestampMismatchError there (seen once in a CI run: a test's evaluation
inserted at 10:24:16.000000, then saved)."""

from unittest.mock import patch

import frappe
import frappe.model.document
from frappe.tests.utils import FrappeTestCase

WHOLE_SECOND = "2026-12-02 10:24:16.000000"


def at_whole_second():
	return patch.object(frappe.model.document, "now", lambda: WHOLE_SECOND)


class TestTimestamps(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_inserted_at_a_whole_second_then_saved(self):
		with at_whole_second():
			todo = frappe.get_doc({"doctype": "ToDo", "description": "Đo giây tròn"}).insert()
		todo.description = "Đã sửa"
		todo.save()  # frappe alone: TimestampMismatchError
		self.assertEqual(frappe.db.get_value("ToDo", todo.name, "description"), "Đã sửa")

	def test_db_set_at_a_whole_second_then_saved(self):
		todo = frappe.get_doc({"doctype": "ToDo", "description": "Đo giây tròn"}).insert()
		with at_whole_second():
			todo.db_set("description", "Ghi thẳng")
		todo.description = "Đã sửa"
		todo.save()
		self.assertEqual(frappe.db.get_value("ToDo", todo.name, "description"), "Đã sửa")

	def test_a_stale_copy_is_still_refused(self):
		todo = frappe.get_doc({"doctype": "ToDo", "description": "Đo giây tròn"}).insert()
		stale = frappe.get_doc("ToDo", todo.name)
		with at_whole_second():
			todo.description = "Lưu trước"
			todo.save()
		stale.description = "Lưu sau"
		self.assertRaises(frappe.TimestampMismatchError, stale.save)
