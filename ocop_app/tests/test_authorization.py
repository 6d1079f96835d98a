# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The one authorization module (ocop_app.permissions, by ocop_app.security_matrix), as real users
holding only their OCOP role and unit: plans, cycles, policies, funds and payment batches scoped;
child tables through their parent; link search with ignore_user_permissions; linked records,
files, importers and decisions in scope; no official a System Manager; a desk per role."""

import frappe
import frappe.client
import frappe.handler
from frappe.desk.desktop import get_workspace_sidebar_items
from frappe.tests.utils import FrappeTestCase

from ocop_app.accounting.companies import FundCompanyError
from ocop_app.data_exchange import import_rows
from ocop_app.exceptions import (
	EvaluationAlreadyRecognisedError,
	OutOfScopeError,
	OutsideIssuingUnitError,
)
from ocop_app.factories import COMMUNE_A, COMMUNE_B, M, certificate_in, make_fund, make_producer, make_user
from ocop_app.factories import make_policy as make_claim_policy
from ocop_app.ocop_app.doctype.ocop_evaluation.test_ocop_evaluation import (
	CouncilTestCase,
	recognised_product,
)
from ocop_app.ocop_app.doctype.ocop_subsidy_claim.test_ocop_subsidy_claim import approve, packaging_claim
from ocop_app.setup.roles import SYSTEM_ADMINISTRATOR
from ocop_app.tests.test_data_exchange import frame
from ocop_app.tests.test_unit_scope import make_product

OFFICER_A = "authz.xa.a@ocop.vn"
PROVINCE_A = "authz.tinh.a@ocop.vn"
FINANCE_A = "authz.ketoan.a@ocop.vn"
FINANCE_B = "authz.ketoan.b@ocop.vn"
NO_UNIT = "authz.xa.none@ocop.vn"
PROVINCE_B = "01"  # Thành phố Hà Nội (commune B's province)


class TestAuthorization(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_user(OFFICER_A, "OCOP Commune Officer", COMMUNE_A)
		make_user(PROVINCE_A, "OCOP Province Officer", "33")
		make_user(FINANCE_A, "OCOP Finance Officer", "33")
		make_user(FINANCE_B, "OCOP Finance Officer", PROVINCE_B)
		make_user(NO_UNIT, "OCOP Commune Officer", None)
		frappe.db.commit()
		cls.producer_a = make_producer(producer_name="HTX Quyền A")
		cls.producer_b = make_producer(producer_name="HTX Quyền B", administrative_unit=COMMUNE_B)
		cls.product_a = make_product(cls.producer_a.name, "Sản phẩm quyền A")
		cls.product_b = make_product(cls.producer_b.name, "Sản phẩm quyền B")
		cls.plan_province = make_plan("33")
		cls.plan_b = make_plan(COMMUNE_B)
		cls.policy_a = make_policy("33")
		cls.policy_b = make_policy(PROVINCE_B)
		cls.cycle_b = frappe.get_doc(
			{
				"doctype": "OCOP Cycle",
				"year": 2031,
				"administrative_unit": PROVINCE_B,
				"stages": [{"stage": "Tiếp nhận", "level": "Commune", "deadline": "2031-06-30"}],
			}
		).insert()
		cls.fund_a = make_fund(1_000_000)
		cls.fund_b = make_fund(1_000_000, PROVINCE_B)  # in Hà Nội's books
		cls.batch_a = make_batch(cls.fund_a)
		cls.batch_b = make_batch(cls.fund_b)

	def tearDown(self):
		frappe.set_user("Administrator")

	# ------------------------------------------------------------------ DocTypes scoped anew
	def test_plans_policies_cycles_of_other_units_are_not_seen(self):
		frappe.set_user(OFFICER_A)
		plans = set(frappe.get_list("OCOP Annual Plan", pluck="name"))
		self.assertIn(self.plan_province, plans)  # the province's plan applies to its communes
		self.assertNotIn(self.plan_b, plans)
		self.assertFalse(frappe.get_doc("OCOP Annual Plan", self.plan_b).has_permission("read"))
		self.assertRaises(frappe.PermissionError, frappe.client.get, "OCOP Annual Plan", self.plan_b)
		policies = set(frappe.get_list("OCOP Support Policy", pluck="name"))
		self.assertIn(self.policy_a, policies)
		self.assertNotIn(self.policy_b, policies)
		self.assertNotIn(self.cycle_b.name, frappe.get_list("OCOP Cycle", pluck="name"))
		self.assertFalse(self.cycle_b.has_permission("read"))

	def test_published_from_above_is_read_only(self):
		frappe.set_user(OFFICER_A)
		plan = frappe.get_doc("OCOP Annual Plan", self.plan_province)
		self.assertTrue(plan.has_permission("read"))
		self.assertFalse(plan.has_permission("write"))
		self.assertRaises(
			frappe.PermissionError, frappe.client.set_value, "OCOP Annual Plan", plan.name, "plan_no", "X"
		)

	def test_funds_and_payment_batches_by_province(self):
		frappe.set_user(FINANCE_A)
		self.assertIn(self.fund_a, frappe.get_list("OCOP Fund", pluck="name"))
		self.assertNotIn(self.fund_b, frappe.get_list("OCOP Fund", pluck="name"))
		batches = set(frappe.get_list("OCOP Payment Batch", pluck="name"))
		self.assertIn(self.batch_a, batches)
		self.assertNotIn(self.batch_b, batches)
		self.assertFalse(frappe.get_doc("OCOP Payment Batch", self.batch_b).has_permission("read"))
		self.assertTrue(frappe.get_doc("OCOP Payment Batch", self.batch_a).has_permission("read"))
		frappe.set_user(FINANCE_B)
		self.assertEqual(
			{self.batch_b},
			set(frappe.get_list("OCOP Payment Batch", pluck="name")) & {self.batch_a, self.batch_b},
		)

	def test_whitelisted_batch_methods_check_the_batch(self):
		from ocop_app.ocop_app.doctype.ocop_payment_batch.ocop_payment_batch import (
			download_transfer_file,
			resume_payments,
		)

		frappe.set_user(FINANCE_B)
		self.assertRaises(frappe.PermissionError, download_transfer_file, self.batch_a)
		self.assertRaises(frappe.PermissionError, resume_payments, self.batch_a)
		download_transfer_file(self.batch_b)
		self.assertTrue(frappe.response.get("filecontent"))

	def test_official_without_unit_sees_none_of_them(self):
		frappe.set_user(NO_UNIT)
		for doctype in ("OCOP Annual Plan", "OCOP Support Policy", "OCOP Cycle", "OCOP Producer"):
			self.assertEqual(frappe.get_list(doctype), [], doctype)
		self.assertEqual(frappe.client.get_list("OCOP Producer Bank Account", parent="OCOP Producer"), [])

	# ------------------------------------------------------------------ child tables
	def test_child_tables_are_read_through_their_parent(self):
		frappe.set_user(OFFICER_A)
		rows = frappe.client.get_list(
			"OCOP Producer Bank Account",
			fields=["parent", "account_number"],
			parent="OCOP Producer",
			limit_page_length=0,
		)
		parents = {r.parent for r in rows}
		self.assertIn(self.producer_a.name, parents)
		self.assertNotIn(self.producer_b.name, parents)
		self.assertFalse(
			frappe.client.get_value(
				"OCOP Producer Bank Account",
				"account_number",
				{"parent": self.producer_b.name},
				parent="OCOP Producer",
			)
		)
		self.assertEqual(
			call(
				"frappe.client.get_count",
				doctype="OCOP Producer Bank Account",
				filters={"parent": self.producer_b.name},
			),
			0,
		)
		self.assertEqual(
			call(
				"frappe.client.get_count",
				doctype="OCOP Producer Bank Account",
				filters={"parent": self.producer_a.name},
			),
			1,
		)
		row_b = self.producer_b.bank_accounts[0].name
		self.assertRaises(
			frappe.PermissionError,
			frappe.client.get,
			"OCOP Producer Bank Account",
			row_b,
			parent="OCOP Producer",
		)
		targets = frappe.client.get_list(
			"OCOP Plan Target", fields=["parent"], parent="OCOP Annual Plan", limit_page_length=0
		)
		self.assertNotIn(self.plan_b, {r.parent for r in targets})
		self.assertIn(self.plan_province, {r.parent for r in targets})

	# ------------------------------------------------------------------ link search
	def test_link_search_with_ignore_user_permissions_stays_in_scope(self):
		frappe.set_user(OFFICER_A)
		for method in ("frappe.desk.search.search_link", "frappe.desk.search.search_widget"):
			results = call(method, doctype="OCOP Producer", txt="HTX Quyền", ignore_user_permissions=1)
			values = {r["value"] if isinstance(r, dict) else r[0] for r in results}
			self.assertIn(self.producer_a.name, values, method)
			self.assertNotIn(self.producer_b.name, values, method)

	# ------------------------------------------------------------------ writes
	def test_writes_outside_scope_are_refused(self):
		frappe.set_user(PROVINCE_A)  # holds write and delete on producers, in Hưng Yên
		self.assertRaises(
			frappe.PermissionError,
			frappe.client.set_value,
			"OCOP Producer",
			self.producer_b.name,
			"phone",
			"0900000000",
		)
		self.assertRaises(frappe.PermissionError, frappe.client.delete, "OCOP Producer", self.producer_b.name)
		self.assertRaises(frappe.PermissionError, frappe.client.delete, "OCOP Support Policy", self.policy_b)
		self.assertTrue(frappe.db.exists("OCOP Producer", self.producer_b.name))

	def test_records_are_shared_only_within_scope(self):
		import frappe.share

		self.assertRaises(OutOfScopeError, frappe.share.add, "OCOP Producer", self.producer_b.name, OFFICER_A)
		self.assertRaises(
			OutOfScopeError, frappe.share.add, "OCOP Producer", self.producer_a.name, None, everyone=1
		)
		frappe.share.add("OCOP Producer", self.producer_a.name, OFFICER_A)
		frappe.set_user(OFFICER_A)
		self.assertNotIn(self.producer_b.name, frappe.get_list("OCOP Producer", pluck="name"))

	def test_linked_records_must_be_in_scope(self):
		frappe.set_user(OFFICER_A)
		doc = frappe.get_doc("OCOP Product", self.product_a)
		doc.previous_product = self.product_b
		self.assertRaises(OutOfScopeError, doc.save)
		frappe.set_user(PROVINCE_A)
		doc = frappe.get_doc("OCOP Product", self.product_a)
		doc.previous_product = self.product_b
		self.assertRaises(OutOfScopeError, doc.save)

	def test_private_files_follow_their_record(self):
		file_b = private_file("OCOP Product", self.product_b)
		file_a = private_file("OCOP Product", self.product_a)
		frappe.set_user(OFFICER_A)
		self.assertFalse(frappe.get_doc("File", file_b).is_downloadable())
		self.assertTrue(frappe.get_doc("File", file_a).is_downloadable())
		listed = set(frappe.get_list("File", filters={"attached_to_doctype": "OCOP Product"}, pluck="name"))
		self.assertIn(file_a, listed)
		self.assertNotIn(file_b, listed)

	def test_prints_and_reports_stay_in_scope(self):
		from frappe.desk.query_report import run
		from frappe.www.printview import get_html_and_style

		frappe.set_user(OFFICER_A)
		self.assertRaises(frappe.PermissionError, get_html_and_style, "OCOP Producer", self.producer_b.name)
		self.assertTrue(get_html_and_style("OCOP Producer", self.producer_a.name)["html"])
		rows = run("OCOP Plan vs Achievement", filters={"year": 2031})["result"]
		plans = {r.get("plan") for r in rows if isinstance(r, dict)}
		self.assertIn(self.plan_province, plans)
		self.assertNotIn(self.plan_b, plans)

	# ------------------------------------------------------------------ importers
	def test_recognitions_import_only_for_products_in_scope(self):
		frappe.set_user(OFFICER_A)
		row = {
			"Tên sản phẩm": "Sản phẩm quyền B",
			"Mã số thuế chủ thể": self.producer_b.tax_id,
			"Nhóm sản phẩm": "Chế biến từ gạo, ngũ cốc",
			"Hạng sao": "4",
			"Số quyết định": "99/QĐ-UBND",
			"Ngày quyết định": "2024-05-01",
			"Tỉnh": "Hà Nội",
			"Xã/phường": "Xã Bát Tràng",
		}
		result = import_rows("recognitions", frame("recognitions", [row]))
		self.assertEqual(result["inserted"], 0)
		self.assertIn("ngoài phạm vi", result["errors"][0]["message"])
		self.assertFalse(frappe.db.exists("OCOP Certificate", {"product": self.product_b}))

	def test_producer_import_only_in_scope(self):
		from ocop_app.tests.test_data_exchange import producer

		frappe.set_user(OFFICER_A)
		row = producer(**{"Tỉnh": "Hà Nội", "Xã/phường": "Xã Bát Tràng", "Tên chủ thể": "HTX Ngoài phạm vi"})
		result = import_rows("producers", frame("producers", [row]))
		self.assertEqual(result["inserted"], 0)
		self.assertEqual(len(result["errors"]), 1)
		self.assertFalse(frappe.db.exists("OCOP Producer", {"producer_name": "HTX Ngoài phạm vi"}))

	# ------------------------------------------------------------------ roles
	def test_no_official_is_system_manager(self):
		self.assertIn("System Manager", frappe.get_roles(SYSTEM_ADMINISTRATOR))
		email = f"authz.moi.{frappe.generate_hash(length=6)}@ocop.vn"
		make_user(email, "OCOP Commune Officer", COMMUNE_A)
		self.assertNotIn("System Manager", frappe.get_roles(email))
		# the officials of the demo and of the tests (ERPNext's own test user holds every role)
		officials = frappe.get_all(
			"Has Role",
			filters={"role": ["like", "OCOP %"], "parenttype": "User", "parent": ["like", "%@ocop.vn"]},
			pluck="parent",
		)
		managers = frappe.get_all(
			"Has Role",
			filters={"role": "System Manager", "parenttype": "User", "parent": ["in", officials]},
			pluck="parent",
		)
		self.assertEqual(set(managers), {SYSTEM_ADMINISTRATOR})

	def test_an_official_never_keeps_system_manager(self):
		from ocop_app.setup.roles import strip_system_manager_from_officials

		email = f"authz.sm.{frappe.generate_hash(length=6)}@ocop.vn"
		make_user(email, "OCOP Province Officer", COMMUNE_A)
		frappe.get_doc("User", email).add_roles("System Manager")  # through the form: refused on save
		self.assertNotIn("System Manager", frappe.get_roles(email))
		# as a site older than the rule left it (a first desk user): the migrate step takes it away
		frappe.get_doc(
			{
				"doctype": "Has Role",
				"parent": email,
				"parenttype": "User",
				"parentfield": "roles",
				"role": "System Manager",
			}
		).db_insert()
		frappe.clear_cache(user=email)
		self.assertIn("System Manager", frappe.get_roles(email))
		strip_system_manager_from_officials()
		frappe.clear_cache(user=email)
		self.assertNotIn("System Manager", frappe.get_roles(email))
		self.assertIn("System Manager", frappe.get_roles(SYSTEM_ADMINISTRATOR))

	def test_demo_strips_system_manager_and_gives_each_official_their_desk(self):
		from ocop_app.setup import demo

		email = f"authz.demo.{frappe.generate_hash(length=6)}@ocop.vn"
		spec = {"email": email, "first_name": "Cán bộ mẫu", "role": "OCOP Commune Officer", "unit": COMMUNE_A}
		demo.make_user(spec, "Ocop@2025-thu")
		frappe.get_doc("User", email).add_roles("System Manager")  # as an older demo site left it
		demo.make_user(spec, "Ocop@2025-thu")
		self.assertNotIn("System Manager", frappe.get_roles(email))
		self.assertEqual(frappe.db.get_value("User", email, "module_profile"), "OCOP Commune Officer")

	def test_a_desk_per_role(self):
		self.assertEqual(frappe.db.get_value("User", OFFICER_A, "module_profile"), "OCOP Commune Officer")
		frappe.set_user(OFFICER_A)
		modules = {p.get("module") for p in get_workspace_sidebar_items()["pages"]}
		self.assertIn("OCOP App", modules)
		self.assertFalse(
			{"Stock", "Manufacturing", "Assets", "CRM", "Selling", "Buying", "Accounts"} & modules
		)
		frappe.set_user(FINANCE_A)
		modules = {p.get("module") for p in get_workspace_sidebar_items()["pages"]}
		self.assertIn("Accounts", modules)
		self.assertFalse({"Stock", "Manufacturing", "Assets", "CRM"} & modules)


class TestDecisionScope(CouncilTestCase):
	def test_a_revocation_reaches_only_the_issuing_units_certificates(self):
		other = certificate_in(COMMUNE_B, 4, "2025-01-01")
		doc = frappe.get_doc(
			{
				"doctype": "OCOP Revocation Decision",
				"decision_no": "1/QĐ-TH",
				"decision_date": "2025-06-01",
				"issuing_unit": "33",
				"reason": "Bị thu hồi giấy phép",
				"items": [{"certificate": other}],
			}
		)
		self.assertRaises(OutsideIssuingUnitError, doc.insert)
		self.assertEqual(frappe.db.get_value("OCOP Certificate", other, "status"), "Hiệu lực")

	def test_one_recognition_per_evaluation_and_only_the_issuing_units(self):
		_product, certificate = recognised_product()
		evaluation = frappe.db.get_value("OCOP Certificate", certificate, "evaluation")
		for unit, error in (("33", EvaluationAlreadyRecognisedError), (PROVINCE_B, OutsideIssuingUnitError)):
			doc = frappe.get_doc(
				{
					"doctype": "OCOP Recognition Decision",
					"decision_no": f"{frappe.generate_hash(length=6)}/QĐ-UBND",
					"decision_date": "2024-07-02",
					"level": "District",
					"issuing_unit": unit,
					"items": [{"evaluation": evaluation}],
				}
			)
			self.assertRaises(error, doc.insert)


OTHER_COMMUNE_A = "33-12970"  # Xã Tiền Hải, Hưng Yên: another commune of the same books
FINANCE_OTHER_COMMUNE = "authz.ketoan.tienhai@ocop.vn"


class TestClaimScope(CouncilTestCase):
	def setUp(self):
		make_user(OFFICER_A, "OCOP Commune Officer", COMMUNE_A)
		make_user(FINANCE_A, "OCOP Finance Officer", "33")
		make_user(FINANCE_B, "OCOP Finance Officer", PROVINCE_B)
		make_claim_policy()
		self.product, _cert = recognised_product()  # 3 stars, commune A
		self.fund = make_fund(1_000 * M)
		# a fund of another commune of Hưng Yên: the same books (the company check passes), out of scope
		self.other_fund = make_fund(1_000 * M, OTHER_COMMUNE_A)
		make_user(FINANCE_OTHER_COMMUNE, "OCOP Finance Officer", OTHER_COMMUNE_A)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def claim(self, fund: str):
		return packaging_claim(self.product, fund)

	def test_a_claims_fund_is_in_scope(self):
		frappe.set_user(OFFICER_A)
		# another province's fund: its books (and its unit) are not the commune's
		self.assertRaises((OutOfScopeError, FundCompanyError), self.claim, self.other_fund)
		self.assertTrue(self.claim(self.fund).name)  # the province's fund pays its communes' claims

	def test_a_batch_without_fund_is_scoped_by_its_claims(self):
		claim = approve(self.claim(self.fund))
		frappe.set_user(FINANCE_A)
		batch = frappe.get_doc({"doctype": "OCOP Payment Batch", "items": [{"claim": claim.name}]}).insert()
		self.assertIn(batch.name, frappe.get_list("OCOP Payment Batch", pluck="name"))
		frappe.set_user(FINANCE_B)
		self.assertNotIn(batch.name, frappe.get_list("OCOP Payment Batch", pluck="name"))
		self.assertFalse(frappe.get_doc("OCOP Payment Batch", batch.name).has_permission("read"))
		self.assertEqual(
			frappe.client.get_list(
				"OCOP Payment Batch Item",
				fields=["claim"],
				filters={"parent": batch.name},
				parent="OCOP Payment Batch",
			),
			[],
		)
		# Hà Nội's officer is stopped by the books first; an officer of Hưng Yên's books by the scope
		frappe.set_user(FINANCE_OTHER_COMMUNE)
		other = frappe.get_doc({"doctype": "OCOP Payment Batch", "items": [{"claim": claim.name}]})
		self.assertRaises(frappe.PermissionError, other.insert)  # has_permission("create"): its claims


# ---------------------------------------------------------------------- factories
def call(method: str, **kwargs):
	"""A whitelisted method as /api/method calls it (through override_whitelisted_methods)."""
	from frappe.utils import set_request

	set_request(method="POST", path=f"/api/method/{method}")
	frappe.local.form_dict = frappe._dict(kwargs)
	return frappe.handler.execute_cmd(method)


def make_plan(unit: str) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "OCOP Annual Plan",
				"plan_title": f"Kế hoạch thử {unit}",
				"year": 2031,
				"administrative_unit": unit,
				"targets": [{"metric": "New products ≥3★", "target_value": 3}],
			}
		)
		.insert()
		.name
	)


def make_policy(province: str) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "OCOP Support Policy",
				"policy_name": f"Chính sách quyền thử {province} {frappe.generate_hash(length=10)}",
				"province": province,
				"effective_from": "2031-01-01",
				"rows": [
					{
						"support_type": frappe.get_all("OCOP Support Type", pluck="name", limit=1)[0],
						"star": 3,
						"amount": 1,
					}
				],
			}
		)
		.insert()
		.name
	)


def make_batch(fund: str) -> str:
	"""A draft batch of a fund, without lines (the scope is the fund's)."""
	company = frappe.db.get_value("OCOP Fund", fund, "company")  # the fund's books, not the desk default
	doc = frappe.get_doc(
		{"doctype": "OCOP Payment Batch", "batch_date": "2031-01-05", "fund": fund, "company": company}
	)
	doc.flags.ignore_mandatory = True
	return doc.insert().name


def private_file(doctype: str, name: str) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"ho-so-{frappe.generate_hash(length=6)}.txt",
				"is_private": 1,
				"content": b"ho so",
				"attached_to_doctype": doctype,
				"attached_to_name": name,
			}
		)
		.insert()
		.name
	)
