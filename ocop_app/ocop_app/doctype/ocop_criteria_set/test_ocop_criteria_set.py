# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt

import io

import pandas as pd

import frappe
from frappe.tests.utils import FrappeTestCase

from ocop_app.ocop_app.doctype.ocop_criteria_set.ocop_criteria_set import (
	CriteriaFileError,
	CriteriaSetInvalidError,
	export_file,
	get_criteria_set_for,
	import_criteria_set,
	read_rows,
)
from ocop_app.rules.criteria import COLUMNS

SHIPPED = "148/QĐ-TTg - Rau, củ, quả, hạt tươi"


class TestOCOPCriteriaSet(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_the_six_real_sheets_are_loaded(self):
		sets = frappe.get_all("OCOP Criteria Set", fields=["name", "total_points", "criteria_count"])
		self.assertGreaterEqual(len(sets), 6)
		shipped = frappe.get_doc("OCOP Criteria Set", SHIPPED)
		self.assertEqual(shipped.total_points, 100)
		self.assertEqual([p.max_points for p in shipped.parts], [40, 25, 35])
		self.assertEqual(len(shipped.knockouts()), 4)

	def test_export_then_import_gives_the_same_sheet(self):
		export_file(SHIPPED, "xlsx")
		rows = read_rows(frappe.response["filecontent"], "sheet.xlsx")
		group = make_group()
		copy = import_criteria_set(rows, "148/QĐ-TTg", group)
		original = frappe.get_doc("OCOP Criteria Set", SHIPPED)

		def key(d):
			return [(o.criterion_code, o.option_no, o.option_text, o.points, o.min_star) for o in d.options]

		self.assertEqual(key(copy), key(original))

	def test_a_sheet_that_does_not_add_up_is_refused(self):
		export_file(SHIPPED, "csv")
		frame = pd.read_csv(io.BytesIO(frappe.response["filecontent"]), dtype=str).fillna("")
		frame.loc[frame.criterion_code == "1a", "points"] = frame.loc[
			frame.criterion_code == "1a", "points"
		].replace("5", "4")
		before = frappe.db.count("OCOP Criteria Set")
		with self.assertRaises(CriteriaSetInvalidError) as ctx:
			import_criteria_set(frame.to_dict("records"), "148/QĐ-TTg", make_group())
		self.assertIn("1a", str(ctx.exception))
		self.assertEqual(frappe.db.count("OCOP Criteria Set"), before)

	def test_a_file_without_the_layout_is_refused(self):
		content = b"a,b\n1,2\n"
		self.assertRaises(CriteriaFileError, read_rows, content, "x.csv")
		bad = ",".join(COLUMNS) + "\nA,100,1,1a,Tiêu chí,,Phương án,mười,,,,,\n"
		rows = read_rows(bad.encode(), "x.csv")
		with self.assertRaises(CriteriaFileError) as ctx:
			import_criteria_set(rows, "148/QĐ-TTg", make_group())
		self.assertIn("mười", str(ctx.exception))

	def test_a_sub_group_uses_its_parents_sheet(self):
		parent = make_group(is_group=1)
		child = make_group(parent=parent)
		sheet = import_criteria_set(
			read_rows(export_rows(SHIPPED), "x.csv"), "148/QĐ-TTg", parent, title="Nhóm cha"
		)
		self.assertEqual(get_criteria_set_for(child, "148/QĐ-TTg"), sheet.name)
		# 1489 keeps the 148 sheets
		self.assertEqual(get_criteria_set_for(child, "148/QĐ-TTg sửa đổi bởi 1489/QĐ-TTg"), sheet.name)


def export_rows(name: str) -> bytes:
	export_file(name, "csv")
	return frappe.response["filecontent"]


def make_group(parent: str | None = None, is_group: int = 0) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "OCOP Product Group",
				"group_name": f"Nhóm thử {frappe.generate_hash(length=6)}",
				"parent_ocop_product_group": parent,
				"is_group": is_group,
			}
		)
		.insert()
		.name
	)
