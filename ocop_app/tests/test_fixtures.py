"""Fixtures are what the app ships, reset on every migrate; administrators' workflow edits are kept."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.fixtures import sync_fixtures

from ocop_app.setup.install import after_migrate


class TestFixtures(FrappeTestCase):
	def test_migrate_resets_shipped_records_and_keeps_workflow_edits(self):
		card = frappe.get_all("Number Card", filters={"module": "OCOP App"}, pluck="name", limit=1)[0]
		shipped_label = frappe.db.get_value("Number Card", card, "label")
		frappe.db.set_value("Number Card", card, "label", "Đã sửa tay")
		frappe.db.set_value("Custom Field", "Bank-ocop_vietqr_bin", "label", "Đã sửa tay")
		workflow = frappe.get_all("Workflow", filters={"document_type": "OCOP Product"}, pluck="name")[0]
		edited_state = frappe.get_doc("Workflow", workflow).states[0]
		shipped_message = edited_state.message
		frappe.db.set_value("Workflow Document State", edited_state.name, "message", "Quản trị viên đã sửa")
		frappe.db.commit()  # nosemgrep: fixtures are imported in their own commits, as migrate does
		try:
			# what bench migrate runs after the schema: the fixtures, then the app's after_migrate
			sync_fixtures("ocop_app")
			after_migrate()
			self.assertEqual(frappe.db.get_value("Number Card", card, "label"), shipped_label)
			self.assertEqual(
				frappe.db.get_value("Custom Field", "Bank-ocop_vietqr_bin", "label"), "VietQR BIN"
			)
			self.assertEqual(
				frappe.db.get_value("Workflow Document State", edited_state.name, "message"),
				"Quản trị viên đã sửa",
			)
		finally:
			frappe.db.set_value("Workflow Document State", edited_state.name, "message", shipped_message)
			frappe.db.commit()  # nosemgrep

	def test_no_official_workspace_or_card_is_standard_only_in_developer_mode(self):
		# the shipped charts and cards were saved outside developer mode, as on a production site
		for doctype in ("Number Card", "Dashboard Chart"):
			self.assertTrue(frappe.get_all(doctype, filters={"module": "OCOP App"}), doctype)
			self.assertFalse(
				frappe.get_all(doctype, filters={"module": "OCOP App", "is_standard": 1}), doctype
			)
