# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The officials' unit scope is cached in Redis (per set of granted units, with the legacy units
merged into them and its SQL list): lists give exactly the rows of the plain unit IN-list computed
afresh from the User Permissions and the unit tree, for officials of every kind, from a cold and
from a warm cache; and a change of what a user may see shows in the next request."""

import frappe
from frappe.tests.utils import FrappeTestCase

from ocop_app.factories import (
	COMMUNE_A,
	COMMUNE_B,
	LEGACY_COMMUNE,
	make_producer,
	make_producer_user,
	make_user,
)
from ocop_app.permissions import (
	SCOPED_DOCTYPES,
	clear_scope_cache,
	get_unit_scope,
	is_national,
	unit_condition,
)
from ocop_app.request_memo import clear_request_memo
from ocop_app.tests.test_unit_scope import make_product

UNIT = "OCOP Administrative Unit"
LISTED = ("OCOP Producer", "OCOP Product", "OCOP Certificate", "OCOP Evaluation")
PROVINCE = "test.bodem.tinh@ocop.vn"  # Hưng Yên
COMMUNE = "test.bodem.xa@ocop.vn"  # Xã Đông Hưng
LEGACY = "test.bodem.xacu@ocop.vn"  # Xã Nguyên Xá (Thái Bình), a legacy unit
HIDDEN = "test.bodem.hanoi@ocop.vn"  # Hà Nội itself, its communes hidden (Hide Descendants)
SEVERAL = "test.bodem.haixa@ocop.vn"  # Xã Đông Hưng and Xã Bát Tràng
NATIONAL = "test.bodem.bo@ocop.vn"
NO_UNIT = "test.bodem.khong@ocop.vn"
PRODUCER_USER = "test.bodem.chuthe@ocop.vn"
USERS = {
	PROVINCE: ("OCOP Province Officer", [("33", 0)]),
	COMMUNE: ("OCOP Commune Officer", [(COMMUNE_A, 0)]),
	LEGACY: ("OCOP Commune Officer", [(LEGACY_COMMUNE, 0)]),
	HIDDEN: ("OCOP Province Officer", [("01", 1)]),
	SEVERAL: ("OCOP Commune Officer", [(COMMUNE_A, 0), (COMMUNE_B, 0)]),
	NATIONAL: ("OCOP Ministry Officer", []),
	NO_UNIT: ("OCOP Commune Officer", []),
}


def new_request() -> None:
	"""What a new request starts with: no per-request cache (Redis keeps what it has)."""
	clear_request_memo()
	frappe.local.cache = {}


def grant(user: str, unit: str, hide_descendants: int = 0) -> None:
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": user,
			"allow": UNIT,
			"for_value": unit,
			"apply_to_all_doctypes": 1,
			"hide_descendants": hide_descendants,
		}
	).insert(ignore_permissions=True)


def make_official(user: str) -> None:
	"""One of USERS: their role and their units (with hide-descendants as given)."""
	role, units = USERS[user]
	make_user(user, role, None)
	for unit, hide in units:
		grant(user, unit, hide)


def plain_scope(user: str) -> set[str] | None:
	"""The scope computed afresh, without any cache: the granted units, their descendants (unless
	hidden) and the legacy units merged into any of them."""
	if is_national(user):
		return None
	units = set()
	for perm in frappe.get_all(
		"User Permission",
		filters={"user": user, "allow": UNIT},
		fields=["for_value", "hide_descendants"],
	):
		units.add(perm.for_value)
		if not perm.hide_descendants:
			units.update(frappe.db.get_descendants(UNIT, perm.for_value))
	if units:
		units.update(
			frappe.get_all(
				UNIT, filters={"is_legacy": 1, "successor_unit": ["in", list(units)]}, pluck="name"
			)
		)
	return units


def plain_rows(doctype: str, scope: set[str] | None) -> set[str]:
	if scope is None:
		return set(frappe.get_all(doctype, pluck="name"))
	if not scope:
		return set()
	return set(frappe.get_all(doctype, filters={SCOPED_DOCTYPES[doctype]: ["in", list(scope)]}, pluck="name"))


class TestScopeCache(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		for user in USERS:
			make_official(user)
		# records in each kind of unit: a commune, another province's commune, a legacy commune
		producer_a = make_producer(producer_name="HTX bộ đệm A").name
		producer_b = make_producer(producer_name="HTX bộ đệm B", administrative_unit=COMMUNE_B).name
		make_producer_user(producer_a, PRODUCER_USER)  # a producer user: their producer's records
		make_product(producer_a, "Sản phẩm bộ đệm A")
		make_product(producer_b, "Sản phẩm bộ đệm B")
		make_product(producer_a, "Sản phẩm bộ đệm cũ", LEGACY_COMMUNE)
		hanoi_legacy = frappe.db.get_value(
			UNIT, {"is_legacy": 1, "successor_unit": COMMUNE_B, "level": "Commune"}
		)
		if hanoi_legacy:
			make_product(producer_b, "Sản phẩm bộ đệm Hà Nội cũ", hanoi_legacy)

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		clear_scope_cache()  # what the rolled-back edits of the unit tree left in Redis
		frappe.cache.delete_value("user_permissions")
		super().tearDownClass()

	def setUp(self):
		frappe.db.savepoint("scope_cache")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="scope_cache")
		# nor in Redis, where frappe's user permissions and our scopes were cached meanwhile
		frappe.cache.delete_value("user_permissions")
		clear_scope_cache()
		new_request()

	def assert_lists_match(self, user: str) -> None:
		scope = plain_scope(user)
		frappe.set_user(user)
		self.assertEqual(get_unit_scope(user), scope, user)
		for doctype in LISTED:
			if not frappe.has_permission(doctype, "read", user=user):
				continue
			rows = set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
			frappe.set_user("Administrator")
			self.assertEqual(rows, plain_rows(doctype, scope), f"{user}: {doctype}")
			frappe.set_user(user)
		frappe.set_user("Administrator")

	def test_a_producer_user_lists_their_producers_records_only(self):
		producer = frappe.db.get_value("OCOP Producer", {"producer_name": "HTX bộ đệm A"})
		expected = set(frappe.get_all("OCOP Product", {"producer": producer}, pluck="name"))
		self.assertEqual(len(expected), 2)
		for _round in ("cold", "warm"):
			new_request()
			frappe.set_user(PRODUCER_USER)
			self.assertEqual(
				set(frappe.get_list("OCOP Product", pluck="name", limit_page_length=0)), expected
			)
			frappe.set_user("Administrator")

	def test_lists_match_the_plain_in_list(self):
		self.assertTrue(plain_rows("OCOP Product", plain_scope(COMMUNE)))  # the test sees some rows
		for user in USERS:
			clear_scope_cache()  # cold: computed and stored
			new_request()
			self.assert_lists_match(user)
			new_request()  # warm: from Redis
			self.assert_lists_match(user)
		# the legacy unit's records are the commune's, and hidden descendants are not listed
		self.assertIn(LEGACY_COMMUNE, get_unit_scope(COMMUNE))
		self.assertNotIn(COMMUNE_B, get_unit_scope(HIDDEN))
		self.assertIsNone(get_unit_scope(NATIONAL))
		self.assertEqual(get_unit_scope(NO_UNIT), set())

	def test_a_new_user_permission_shows_in_the_next_request(self):
		self.assertNotIn(COMMUNE_B, get_unit_scope(COMMUNE))  # cached
		grant(COMMUNE, COMMUNE_B)
		new_request()
		self.assertIn(COMMUNE_B, get_unit_scope(COMMUNE))
		self.assert_lists_match(COMMUNE)

	def test_hiding_descendants_shows_in_the_next_request(self):
		self.assertIn(COMMUNE_A, get_unit_scope(PROVINCE))  # cached
		perm = frappe.get_doc("User Permission", {"user": PROVINCE, "for_value": "33"})
		perm.hide_descendants = 1
		perm.save(ignore_permissions=True)
		new_request()
		self.assertNotIn(COMMUNE_A, get_unit_scope(PROVINCE))
		self.assert_lists_match(PROVINCE)

	def test_a_unit_merged_into_the_scope_shows_in_the_next_request(self):
		# a legacy commune of another province, now (say) merged into Xã Đông Hưng
		other = frappe.db.get_value(
			UNIT, {"is_legacy": 1, "level": "Commune", "successor_unit": ["like", "01-%"]}, "name"
		)
		self.assertNotIn(other, get_unit_scope(COMMUNE))  # cached
		producer = frappe.db.get_value("OCOP Producer", {"producer_name": "HTX bộ đệm A"})
		make_product(producer, "Sản phẩm bộ đệm Hà Nội cũ nay về Hưng Yên", other)
		self.assertIn("`province` in", unit_condition("OCOP Product", PROVINCE))  # whole provinces
		unit = frappe.get_doc(UNIT, other)
		unit.successor_unit = COMMUNE_A
		unit.save()
		new_request()
		self.assertIn(other, get_unit_scope(COMMUNE))
		self.assert_lists_match(COMMUNE)
		# the province's scope is no longer whole provinces (one Hà Nội unit came in): by units again
		self.assertIn(other, get_unit_scope(PROVINCE))
		self.assertNotIn("`province` in", unit_condition("OCOP Product", PROVINCE))
		self.assert_lists_match(PROVINCE)

	def test_a_province_officer_lists_by_the_province_column(self):
		for user in (PROVINCE, COMMUNE, HIDDEN, SEVERAL, LEGACY):
			new_request()
			by_province = "`province` in" in unit_condition("OCOP Product", user)
			self.assertEqual(by_province, user == PROVINCE, user)
			self.assert_lists_match(user)
		# the province's records under legacy units too (old Hưng Yên, Thái Bình): same rows
		self.assertIn(LEGACY_COMMUNE, get_unit_scope(PROVINCE))
		self.assertIn("Sản phẩm bộ đệm cũ", self.product_names(PROVINCE))

	def test_a_commune_moved_to_another_province_takes_its_records(self):
		# a Hà Nội commune that no legacy unit was merged into, with a product and its producer
		commune = frappe.db.sql(
			f"""select u.name from `tab{UNIT}` u where u.parent_ocop_administrative_unit = '01'
			and u.level = 'Commune' and u.is_legacy = 0
			and not exists (select 1 from `tab{UNIT}` l where l.successor_unit = u.name) limit 1"""
		)[0][0]
		producer = make_producer(producer_name="HTX bộ đệm chuyển tỉnh", administrative_unit=commune).name
		make_product(producer, "Sản phẩm bộ đệm chuyển tỉnh", commune)
		self.assertNotIn("Sản phẩm bộ đệm chuyển tỉnh", self.product_names(PROVINCE))
		unit = frappe.get_doc(UNIT, commune)
		unit.parent_ocop_administrative_unit = "33"
		unit.save()
		self.assertEqual(frappe.db.get_value("OCOP Product", {"producer": producer}, "province"), "33")
		self.assertEqual(frappe.db.get_value("OCOP Producer", producer, "province"), "33")
		new_request()
		self.assertIn("`province` in", unit_condition("OCOP Product", PROVINCE))  # still whole provinces
		self.assertIn("Sản phẩm bộ đệm chuyển tỉnh", self.product_names(PROVINCE))
		self.assert_lists_match(PROVINCE)
		# a commune that brings legacy units of another province: by units, the same rows
		unit = frappe.get_doc(UNIT, COMMUNE_B)
		unit.parent_ocop_administrative_unit = "33"
		unit.save()
		self.assertEqual(
			frappe.db.get_value("OCOP Product", {"product_name": "Sản phẩm bộ đệm B"}, "province"), "33"
		)
		new_request()
		self.assertNotIn("`province` in", unit_condition("OCOP Product", PROVINCE))
		self.assertIn("Sản phẩm bộ đệm B", self.product_names(PROVINCE))
		self.assert_lists_match(PROVINCE)

	def product_names(self, user: str) -> set[str]:
		frappe.set_user(user)
		try:
			return set(frappe.get_list("OCOP Product", pluck="product_name", limit_page_length=0))
		finally:
			frappe.set_user("Administrator")

	def test_losing_a_national_role_narrows_the_scope_at_once(self):
		grant(NATIONAL, COMMUNE_A)
		new_request()
		self.assertIsNone(get_unit_scope(NATIONAL))
		user = frappe.get_doc("User", NATIONAL)
		user.remove_roles("OCOP Ministry Officer")
		user.add_roles("OCOP Commune Officer")
		new_request()
		self.assertEqual(get_unit_scope(NATIONAL), plain_scope(NATIONAL))
		self.assertIn(COMMUNE_A, get_unit_scope(NATIONAL))
		self.assert_lists_match(NATIONAL)
