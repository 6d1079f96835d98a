# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The reports' sorted reads give frappe.get_list's rows, in its order, for a scoped official and
for the ministry — also when the rows are too many for one JSON value — and leave the connection's
settings as the server's."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from ocop_app import report_common
from ocop_app.factories import COMMUNE_B, make_producer
from ocop_app.report_common import SORT_ROW_BYTES, by_sort_keys, get_list_sorted, get_rows_sorted
from ocop_app.tests.test_scope_cache import COMMUNE, NATIONAL, make_official

TRICKY_NAMES = (
	"Đặng Văn A",
	"dặng văn a",
	"Dang Van A",
	"ĐẶNG VĂN A",
	"Ẩm thực Hà",
	"am thuc ha",
	"Bánh chưng",
	"bánh  chưng",
	"Bánh-chưng",
	"Ông Ổi",
	"ong oi",
	"Ống",
	"1 Một",
	"Z",
	"z",
)


def sort_setting() -> int:
	return int(frappe.db.sql("select @@session.max_length_for_sort_data")[0][0])


class TestReportSort(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		for user in (COMMUNE, NATIONAL):
			make_official(user)
		cls.inside = make_producer(producer_name="HTX sắp xếp trong").name
		cls.outside = make_producer(producer_name="HTX sắp xếp ngoài", administrative_unit=COMMUNE_B).name
		# names that sort differently by code point, by letter case, by accent and by trailing space
		for name in TRICKY_NAMES:
			make_producer(producer_name=name)

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.cache.delete_value("user_permissions")
		super().tearDownClass()

	def test_same_rows_in_the_same_order(self):
		server = int(frappe.db.sql("select @@global.max_length_for_sort_data")[0][0])
		self.assertNotEqual(server, SORT_ROW_BYTES)  # the setting is really changed and put back
		for user in (COMMUNE, NATIONAL):
			frappe.set_user(user)
			kwargs = {
				"fields": ["name", "producer_name", "legal_form", "administrative_unit"],
				"order_by": "producer_name asc, name asc",
				"limit_page_length": 0,
				"as_list": True,
			}
			self.assertEqual(
				get_list_sorted("OCOP Producer", **kwargs), frappe.get_list("OCOP Producer", **kwargs)
			)
			self.assertEqual(sort_setting(), server)
		frappe.set_user("Administrator")
		scoped = set(frappe.get_all("OCOP Producer", pluck="name")) - {
			r[0] for r in frappe.get_list("OCOP Producer", as_list=True, limit_page_length=0)
		}
		self.assertFalse(scoped)  # Administrator sees all

	def test_the_setting_is_put_back_after_an_error(self):
		server = sort_setting()
		with self.assertRaises(frappe.PermissionError):
			frappe.set_user("Guest")
			get_list_sorted("OCOP Producer", fields=["name"])
		frappe.set_user("Administrator")
		self.assertEqual(sort_setting(), server)

	def test_rows_as_one_value_are_get_lists_rows(self):
		columns = ("name", "producer_name", "legal_form", "administrative_unit", "women_led")
		limit = frappe.db.sql("select @@session.group_concat_max_len")[0][0]
		for user in (COMMUNE, NATIONAL):
			frappe.set_user(user)
			expected = [
				list(r)
				for r in frappe.get_list(
					"OCOP Producer",
					fields=list(columns),
					order_by="producer_name asc, name asc",
					limit_page_length=0,
					as_list=True,
				)
			]
			self.assertTrue(expected)
			with patch.object(report_common, "get_list_sorted", wraps=get_list_sorted) as row_by_row:
				rows = get_rows_sorted("OCOP Producer", columns, filters={}, order_by="producer_name, name")
			self.assertEqual(rows, expected)
			row_by_row.assert_not_called()  # one value
			# more than the server sends in one value: row by row, the same rows
			with (
				patch.object(report_common, "ONE_VALUE_BYTES", "64"),
				patch.object(report_common, "get_list_sorted", wraps=get_list_sorted) as row_by_row,
			):
				rows = get_rows_sorted("OCOP Producer", columns, filters={}, order_by="producer_name, name")
			self.assertEqual(rows, expected)
			row_by_row.assert_called_once()
			self.assertEqual(frappe.db.sql("select @@session.group_concat_max_len")[0][0], limit)
		frappe.set_user("Administrator")
		names = get_rows_sorted(
			"OCOP Producer", ("producer_name",), filters={"name": ["is", "set"]}, order_by="producer_name"
		)
		self.assertTrue(set(TRICKY_NAMES) <= {n for (n,) in names})
		# by the collation's sort key: the same order as MariaDB's collation (get_list's order)
		self.assertIn(
			"weight_string(rtrim(producer_name))", by_sort_keys("OCOP Producer", "producer_name, name")
		)
		self.assertEqual(by_sort_keys("OCOP Certificate", "star desc, name"), "star desc, name")
		inside = get_rows_sorted("OCOP Producer", ("name",), filters={"name": self.inside}, order_by="name")
		self.assertEqual(inside, [[self.inside]])
		self.assertEqual(
			get_rows_sorted("OCOP Producer", ("name",), filters={"name": "không có"}, order_by="name"), []
		)
		frappe.set_user("Administrator")
