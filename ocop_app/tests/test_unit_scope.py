# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""An official of commune A gets nothing of commune B, through every path a user has."""

import json

import frappe
import frappe.client
from frappe.auth import CookieManager, LoginManager
from frappe.desk import reportview
from frappe.desk.query_report import run as run_report
from frappe.desk.search import search_link
from frappe.tests.test_api import FrappeAPITestCase
from frappe.tests.utils import FrappeTestCase
from frappe.utils import set_request

from ocop_app.api.client import get_count
from ocop_app.factories import COMMUNE_A, COMMUNE_B, LEGACY_COMMUNE, make_producer, make_user, remove_producer
from ocop_app.portal.access import PRODUCER_OF
from ocop_app.request_memo import clear_request_memo

OFFICER_A = "test.xa.a@ocop.vn"
OFFICER_NONE = "test.xa.none@ocop.vn"
PROVINCE_OFFICER = "test.tinh@ocop.vn"
MINISTRY_OFFICER = "test.bo@ocop.vn"


class TestUnitScope(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_user(OFFICER_A, "OCOP Commune Officer", COMMUNE_A)
		make_user(OFFICER_NONE, "OCOP Commune Officer", None)
		make_user(PROVINCE_OFFICER, "OCOP Province Officer", "33")
		make_user(MINISTRY_OFFICER, "OCOP Ministry Officer", None)
		cls.producer_a = make_producer(producer_name="HTX Phạm vi A").name
		cls.producer_b = make_producer(producer_name="HTX Phạm vi B", administrative_unit=COMMUNE_B).name
		cls.product_a = make_product(cls.producer_a, "Sản phẩm A")
		cls.product_b = make_product(cls.producer_b, "Sản phẩm B")
		# recognised in 2021 in Xã Nguyên Xá (Thái Bình), now part of commune A
		cls.product_legacy = make_product(cls.producer_a, "Sản phẩm 2021", LEGACY_COMMUNE)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		for name in (cls.product_a, cls.product_b, cls.product_legacy):
			frappe.delete_doc("OCOP Product", name, force=True)
		for name in (cls.producer_a, cls.producer_b):
			remove_producer(name)
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	# ------------------------------------------------------------------ lists
	def test_get_list(self):
		frappe.set_user(OFFICER_A)
		self.assertEqual(set(frappe.get_list("OCOP Producer", pluck="name")), {self.producer_a})
		self.assertEqual(frappe.get_list("OCOP Producer", filters={"name": self.producer_b}), [])
		self.assertEqual(
			set(frappe.get_list("OCOP Product", pluck="name")), {self.product_a, self.product_legacy}
		)

	def test_desk_list_view_and_report_view(self):
		frappe.set_user(OFFICER_A)
		frappe.local.form_dict = frappe._dict(
			doctype="OCOP Product", fields=["`tabOCOP Product`.`name`"], with_comment_count=False
		)
		result = reportview.get()
		names = {row[0] for row in result["values"]} if result else set()
		self.assertEqual(names, {self.product_a, self.product_legacy})
		frappe.local.form_dict = frappe._dict(doctype="OCOP Producer")
		self.assertEqual(reportview.get_count(), 1)

	def test_frappe_client(self):
		frappe.set_user(OFFICER_A)
		self.assertEqual(
			{r.name for r in frappe.client.get_list("OCOP Producer", limit_page_length=0)}, {self.producer_a}
		)
		self.assertFalse(frappe.client.get_value("OCOP Producer", "producer_name", {"name": self.producer_b}))
		self.assertEqual(get_count("OCOP Product"), 2)
		self.assertEqual(get_count("OCOP Producer", {"name": self.producer_b}), 0)
		self.assertRaises(frappe.PermissionError, frappe.client.get, "OCOP Producer", self.producer_b)
		self.assertRaises(frappe.PermissionError, frappe.client.get, "OCOP Product", self.product_b)
		self.assertEqual(frappe.client.get("OCOP Producer", self.producer_a)["name"], self.producer_a)

	def test_get_doc_check_permission(self):
		frappe.set_user(OFFICER_A)
		doc = frappe.get_doc("OCOP Producer", self.producer_b)
		self.assertFalse(doc.has_permission("read"))
		self.assertRaises(frappe.PermissionError, doc.check_permission, "read")
		self.assertTrue(frappe.get_doc("OCOP Producer", self.producer_a).has_permission("write"))

	def test_link_search(self):
		frappe.set_user(OFFICER_A)
		results = search_link("OCOP Producer", "HTX Phạm vi")
		values = {r["value"] if isinstance(r, dict) else r[0] for r in results}
		self.assertIn(self.producer_a, values)
		self.assertNotIn(self.producer_b, values)

	def test_report(self):
		frappe.set_user(OFFICER_A)
		result = run_report("OCOP Producer Register", filters={})
		names = {row["name"] for row in result["result"] if isinstance(row, dict) and row.get("name")}
		self.assertEqual(names, {self.producer_a})

	def test_rest_api(self):
		sid = login(OFFICER_A)
		response = self.get(self.resource("OCOP Producer"), {"sid": sid, "limit": 100})
		self.assertEqual(response.status_code, 200)
		self.assertEqual({r["name"] for r in response.json["data"]}, {self.producer_a})
		response = self.get(self.resource("OCOP Producer", self.producer_b), {"sid": sid})
		self.assertEqual(response.status_code, 403)
		response = self.get(self.resource("OCOP Product", self.product_legacy), {"sid": sid})
		self.assertEqual(response.status_code, 200)
		response = self.get(
			self.method("frappe.client.get_list"),
			{"sid": sid, "doctype": "OCOP Product", "limit_page_length": 0},
		)
		self.assertEqual({r["name"] for r in response.json["message"]}, {self.product_a, self.product_legacy})
		response = self.get(self.method("frappe.client.get_count"), {"sid": sid, "doctype": "OCOP Product"})
		self.assertEqual(response.json["message"], 2)

	def test_rest_put_cannot_force_the_workflow_state(self):
		sid = login(OFFICER_A)
		response = self.put(
			self.resource("OCOP Product", self.product_a), {"sid": sid, "workflow_state": "Đã tiếp nhận"}
		)
		self.assertEqual(response.status_code, 417)
		self.assertIn("WorkflowStateForcedError", response.json.get("exc_type", ""))
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("OCOP Product", self.product_a, "workflow_state"), "Nháp")

	# ------------------------------------------------------------------ writes
	def test_cannot_create_or_move_records_out_of_scope(self):
		frappe.set_user(OFFICER_A)
		self.assertRaises(frappe.PermissionError, make_producer, administrative_unit=COMMUNE_B)
		doc = frappe.get_doc("OCOP Producer", self.producer_a)
		doc.administrative_unit = COMMUNE_B
		self.assertRaises(frappe.PermissionError, doc.save)
		# a product for another commune's producer is refused too (its unit defaults from the producer)
		self.assertRaises(frappe.PermissionError, make_product, self.producer_b, "Sản phẩm lấn phạm vi")
		frappe.db.rollback()

	def test_cannot_pull_another_units_record_into_scope(self):
		"""frappe's updates check permission after applying the changes: another commune's producer sent
		with the official's own commune must still be refused, over REST and through frappe.client."""
		sid = login(OFFICER_A)
		moved = {"administrative_unit": COMMUNE_A, "address": "đã chuyển"}
		response = self.put(self.resource("OCOP Producer", self.producer_b), {"sid": sid, **moved})
		self.assertEqual(response.status_code, 403)
		response = self.post(
			self.method("frappe.client.set_value"),
			{"sid": sid, "doctype": "OCOP Producer", "name": self.producer_b, "fieldname": json.dumps(moved)},
		)
		self.assertEqual(response.status_code, 403)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("OCOP Producer", self.producer_b, "administrative_unit"), COMMUNE_B
		)
		frappe.set_user(OFFICER_A)
		doc = frappe.get_doc("OCOP Producer", self.producer_b)
		doc.update(moved)
		self.assertRaises(frappe.PermissionError, doc.save)
		frappe.db.rollback()

	# ------------------------------------------------------------------ other scopes
	def test_official_without_unit_sees_nothing(self):
		frappe.set_user(OFFICER_NONE)
		self.assertEqual(frappe.get_list("OCOP Producer"), [])
		self.assertEqual(frappe.get_list("OCOP Product"), [])
		self.assertFalse(frappe.get_doc("OCOP Producer", self.producer_a).has_permission("read"))

	def test_province_officer_sees_the_province_and_its_history(self):
		frappe.set_user(PROVINCE_OFFICER)
		products = set(frappe.get_list("OCOP Product", pluck="name"))
		self.assertTrue({self.product_a, self.product_legacy} <= products)
		self.assertNotIn(self.product_b, products)

	def test_ministry_sees_everything(self):
		frappe.set_user(MINISTRY_OFFICER)
		products = set(frappe.get_list("OCOP Product", pluck="name"))
		self.assertTrue({self.product_a, self.product_b, self.product_legacy} <= products)


# the producer portal's commune officers (of COMMUNE_A and COMMUNE_B)
PORTAL_OFFICER_A = "test.portal.xa.a@ocop.vn"
PORTAL_OFFICER_B = "test.portal.xa.b@ocop.vn"


class ProducerPortalTestCase(FrappeTestCase):
	"""The portal's commune officers made once; each test rolled back, the producers' cache cleared.
	``decide(user, name, method)``: a ``DOCTYPE`` record's decision ``method``, called as ``user``."""

	DOCTYPE = ""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_user(PORTAL_OFFICER_A, "OCOP Commune Officer", COMMUNE_A)
		make_user(PORTAL_OFFICER_B, "OCOP Commune Officer", COMMUNE_B)
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		clear_request_memo(PRODUCER_OF)

	def decide(self, user: str, name: str, method: str, **kwargs):
		frappe.set_user(user)
		try:
			return getattr(frappe.get_doc(self.DOCTYPE, name), method)(**kwargs)
		finally:
			frappe.set_user("Administrator")


def make_product(producer: str, name: str, unit: str | None = None) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "OCOP Product",
			"product_name": name,
			"producer": producer,
			"product_group": "Chế biến từ gạo, ngũ cốc",
			"administrative_unit": unit,
		}
	)
	doc.flags.allow_legacy_unit = bool(unit)
	doc.insert()
	return doc.name


def login(user: str) -> str:
	set_request(path="/")
	frappe.local.cookie_manager = CookieManager()
	frappe.local.login_manager = LoginManager()
	frappe.local.login_manager.login_as(user)
	sid = frappe.session.sid
	frappe.db.commit()
	return sid
