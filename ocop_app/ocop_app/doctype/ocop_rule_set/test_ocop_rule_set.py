# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from ocop_app.ocop_app.doctype.ocop_rule_set.ocop_rule_set import (
	NoRuleSetError,
	RuleSetDatesError,
	RuleSetDefinitionError,
	get_rule_set_for,
	load_rules,
)


class TestOCOPRuleSet(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()
		# rule sets are read through the document cache: drop what the rolled-back edits cached
		for name in frappe.get_all("OCOP Rule Set", pluck="name"):
			frappe.clear_document_cache("OCOP Rule Set", name)

	def test_the_three_rule_sets_are_shipped_as_data(self):
		self.assertEqual(get_rule_set_for("2020-01-01"), "1048/QĐ-TTg")
		self.assertEqual(get_rule_set_for("2024-01-01"), "148/QĐ-TTg")
		self.assertEqual(get_rule_set_for("2025-07-01"), "148/QĐ-TTg sửa đổi bởi 1489/QĐ-TTg")
		rules = load_rules("148/QĐ-TTg")
		self.assertEqual(rules.level("District").recognises_stars, {3})
		self.assertEqual(rules.level("District").forward_min_score, 70)
		self.assertEqual(len(rules.bands), 5)
		self.assertIsNone(load_rules("148/QĐ-TTg sửa đổi bởi 1489/QĐ-TTg").level("District"))

	def test_no_rule_set_before_1048(self):
		self.assertRaises(NoRuleSetError, get_rule_set_for, "2018-01-01")

	def test_an_edit_takes_effect_at_once(self):
		doc = frappe.get_doc("OCOP Rule Set", "148/QĐ-TTg")
		next(r for r in doc.level_rules if r.level == "District").forward_min_score = 75
		doc.save()
		self.assertEqual(load_rules("148/QĐ-TTg").level("District").forward_min_score, 75)

	def test_bad_definitions_are_refused(self):
		doc = frappe.copy_doc(frappe.get_doc("OCOP Rule Set", "148/QĐ-TTg"))
		doc.rule_set_code = "thử"
		doc.effective_from, doc.effective_to = "2026-01-01", "2025-01-01"
		self.assertRaises(RuleSetDatesError, doc.insert)
		doc.effective_to = None
		doc.level_rules[1].recognises_stars = "2,3"
		self.assertRaises(RuleSetDefinitionError, doc.insert)
		doc.level_rules[1].recognises_stars = "3"
		doc.append("level_rules", {"level": "District"})
		self.assertRaises(RuleSetDefinitionError, doc.insert)
		self.assertFalse(frappe.db.exists("OCOP Rule Set", "thử"))
