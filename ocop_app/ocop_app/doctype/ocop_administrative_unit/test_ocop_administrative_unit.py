# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from ocop_app.ocop_app.doctype.ocop_administrative_unit.ocop_administrative_unit import (
	SuccessorUnitError,
	UnitHierarchyError,
	UnitValidityError,
)
from ocop_app.setup.install import seed_administrative_units
from ocop_app.units import subtree, subtrees

UNIT = "OCOP Administrative Unit"


class TestOCOPAdministrativeUnit(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_the_2025_map_is_seeded(self):
		self.assertEqual(frappe.db.count(UNIT, {"is_legacy": 0, "level": "Province"}), 34)
		self.assertEqual(frappe.db.count(UNIT, {"is_legacy": 0, "level": "Commune"}), 3321)
		self.assertEqual(frappe.db.count(UNIT, {"is_legacy": 0, "level": "District"}), 0)

	def test_the_legacy_map_is_seeded_and_closed(self):
		self.assertEqual(frappe.db.count(UNIT, {"is_legacy": 1, "level": "Province"}), 63)
		self.assertGreater(frappe.db.count(UNIT, {"is_legacy": 1, "level": "District"}), 690)
		self.assertEqual(frappe.db.count(UNIT, {"is_legacy": 1, "valid_to": ["!=", "2025-06-30"]}), 0)

	def test_legacy_units_map_to_successors(self):
		thai_binh = frappe.db.get_value(
			UNIT, {"is_legacy": 1, "unit_name": "Tỉnh Thái Bình"}, "successor_unit"
		)
		self.assertEqual(frappe.db.get_value(UNIT, thai_binh, "unit_name"), "Hưng Yên")
		self.assertEqual(frappe.db.get_value(UNIT, "L-34-340-12730", "successor_unit"), "33-12688")
		unmapped = frappe.db.count(
			UNIT, {"is_legacy": 1, "level": "Commune", "successor_unit": ["is", "not set"]}
		)
		self.assertLess(unmapped, 100)

	def test_seeding_again_writes_nothing(self):
		before = frappe.db.count(UNIT)
		self.assertEqual(seed_administrative_units()["inserted"], 0)
		self.assertEqual(frappe.db.count(UNIT), before)

	def test_nested_set_is_consistent(self):
		province = frappe.db.get_value(UNIT, "33", ["lft", "rgt"], as_dict=True)
		commune = frappe.db.get_value(UNIT, "33-12688", ["lft", "rgt"], as_dict=True)
		self.assertTrue(province.lft < commune.lft < commune.rgt < province.rgt)
		descendants = frappe.db.get_descendants(UNIT, "33")
		self.assertEqual(len(descendants), frappe.db.count(UNIT, {"parent_ocop_administrative_unit": "33"}))

	def test_subtrees_are_the_units_below_and_those_merged_into_them(self):
		thai_binh = frappe.db.get_value(UNIT, {"is_legacy": 1, "unit_name": "Tỉnh Thái Bình"})
		district = frappe.db.get_value(UNIT, "L-34-340-12730", "parent_ocop_administrative_unit")
		units = ["33", "33-12688", "01", thai_binh, district, "không có"]
		found = subtrees(units)
		self.assertNotIn("không có", found)
		for unit in units[:-1]:
			with self.subTest(unit=unit):
				# the nested-set definition: the unit, its descendants, the legacy units merged into them
				below = [unit, *frappe.db.get_descendants(UNIT, unit)]
				merged = frappe.get_all(
					UNIT, filters={"is_legacy": 1, "successor_unit": ["in", below]}, pluck="name"
				)
				self.assertEqual(sorted(found[unit]), sorted(below + merged))
				self.assertEqual(sorted(subtree(unit)), sorted(found[unit]))
		self.assertIn("L-34-340-12730", found["33-12688"])  # Xã Nguyên Xá, merged into Xã Đông Hưng
		self.assertIn("L-34-340-12730", found["33"])
		self.assertIn("L-34-340-12730", found[thai_binh])
		self.assertNotIn("L-34-340-12730", found["01"])
		# merged units looked for among some only (the units records are on)
		among = subtrees(["33", "01"], legacy_among=["L-34-340-12730", "01-00583", thai_binh])
		self.assertEqual(set(among["33"]) - set(found["33"]), set())
		self.assertIn("L-34-340-12730", among["33"])
		self.assertIn(thai_binh, among["33"])  # its successor is Hưng Yên
		self.assertEqual(sorted(among["01"]), sorted([*frappe.db.get_descendants(UNIT, "01"), "01"]))
		self.assertEqual(subtrees([]), {})

	def test_add_a_commune_in_the_desk(self):
		unit = frappe.get_doc(
			{
				"doctype": UNIT,
				"unit_name": "Xã Thử Nghiệm",
				"unit_code": "99990",
				"unit_type": "Xã",
				"parent_ocop_administrative_unit": "33",
				"valid_from": "2026-01-01",
			}
		).insert()
		self.assertEqual(unit.name, "33-99990")
		self.assertEqual(unit.level, "Commune")
		self.assertEqual(unit.full_name, "Xã Thử Nghiệm, Hưng Yên")
		self.assertIn(unit.name, frappe.db.get_descendants(UNIT, "33"))

	def test_no_district_after_the_reform(self):
		self.assertRaises(
			UnitHierarchyError,
			frappe.get_doc(
				{
					"doctype": UNIT,
					"unit_name": "Huyện Mới",
					"unit_code": "999",
					"unit_type": "Huyện",
					"parent_ocop_administrative_unit": "33",
				}
			).insert,
		)

	def test_commune_under_a_commune_is_refused(self):
		self.assertRaises(
			UnitHierarchyError,
			frappe.get_doc(
				{
					"doctype": UNIT,
					"unit_name": "Xã Lồng",
					"unit_code": "99991",
					"unit_type": "Xã",
					"parent_ocop_administrative_unit": "33-12688",
				}
			).insert,
		)

	def test_legacy_unit_needs_an_end_date(self):
		self.assertRaises(
			UnitValidityError,
			frappe.get_doc(
				{
					"doctype": UNIT,
					"unit_name": "Xã Cũ",
					"unit_code": "99992",
					"unit_type": "Xã",
					"is_legacy": 1,
					"parent_ocop_administrative_unit": "L-34-340",
				}
			).insert,
		)

	def test_successor_must_be_current(self):
		unit = frappe.get_doc(UNIT, "L-34-340-12730")
		unit.successor_unit = "L-34-340"
		self.assertRaises(SuccessorUnitError, unit.save)
		self.assertEqual(getdate(unit.valid_to), getdate("2025-06-30"))
