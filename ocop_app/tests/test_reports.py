# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Reports: their numbers on known data, and a commune official's report holds only their commune."""

import frappe
from frappe.desk.query_report import run

from ocop_app.factories import COMMUNE_A, COMMUNE_B, certificate_in, make_producer, make_user
from ocop_app.ocop_app.doctype.ocop_evaluation.test_ocop_evaluation import (
	CouncilTestCase,
	recognised_product,
)

REPORTS = {
	"OCOP Producer Register": {},
	"OCOP Certificates Due": {"show": "Sắp hết hạn", "days": 3650},
	"OCOP Overdue Evaluations": {},
	"OCOP Products by Star": {},
	"OCOP Evaluation Pipeline": {"year": 2024},
	"OCOP Plan vs Achievement": {"year": 2024},
}
OFFICER_A, OFFICER_B = "rp.xa.a@ocop.vn", "rp.xa.b@ocop.vn"


class TestReports(CouncilTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OFFICER_A, "OCOP Commune Officer", COMMUNE_A)
		make_user(OFFICER_B, "OCOP Commune Officer", COMMUNE_B)
		frappe.db.commit()

	def setUp(self):
		self.product_a, self.cert_a = recognised_product()  # 3 stars, commune A, from 2024-07-01
		self.cert_b = certificate_in(COMMUNE_B, 5, "2024-09-01")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_every_report_runs(self):
		for name, filters in REPORTS.items():
			with self.subTest(report=name):
				result = run(name, filters=filters)
				self.assertIn("result", result)
				self.assertTrue(result["columns"])

	def test_products_by_star_counts_and_scope(self):
		rows = run("OCOP Products by Star", filters={})["result"]
		names = {r["name"] for r in rows if isinstance(r, dict)}
		self.assertTrue({self.cert_a, self.cert_b} <= names)
		rows = run("OCOP Products by Star", filters={"star": "5", "administrative_unit": "01"})["result"]
		self.assertEqual({r["name"] for r in rows if isinstance(r, dict)}, {self.cert_b})
		frappe.set_user(OFFICER_A)
		rows = run("OCOP Products by Star", filters={})["result"]
		self.assertEqual({r["name"] for r in rows if isinstance(r, dict)}, {self.cert_a})

	def test_plan_vs_achievement(self):
		targets = [
			{"metric": "New products ≥3★", "target_value": 4},
			{"metric": "Upgraded products", "target_value": 2},
			{"metric": "Products ≥3★ (cumulative)", "target_value": 50},
			{"metric": "New products ≥3★", "target_value": 1, "sub_unit": COMMUNE_A},
			{"metric": "New products ≥3★", "target_value": 3, "sub_unit": "33-11953"},  # another commune
			{"metric": "Producers strengthened", "target_value": 10},
		]
		plan = frappe.get_doc(
			{
				"doctype": "OCOP Annual Plan",
				"plan_title": "Kế hoạch thử 2024",
				"year": 2024,
				"administrative_unit": "33",
				"targets": targets,
			}
		).insert()

		def achieved():
			rows = run("OCOP Plan vs Achievement", filters={"year": 2024})["result"]
			return [
				(r["target_value"], r["achieved"], r["percent"]) for r in rows if r.get("plan") == plan.name
			]

		before = achieved()
		cumulative = before[2][1]
		self.assertGreaterEqual(cumulative, 1)  # cert_a, valid on 31/12/2024
		# the 2024 recognition in commune A (Hưng Yên) is new, not an upgrade; nothing in the other commune
		self.assertEqual(
			before,
			[
				(4, 1, 25),
				(2, 0, 0),
				(50, cumulative, cumulative * 2),
				(1, 1, 100),
				(3, 0, 0),
				(10, None, None),
			],
		)
		# an older certificate counts towards the cumulative target only; one of another province nowhere
		certificate_in(COMMUNE_A, 4, "2023-03-01")
		certificate_in(COMMUNE_B, 4, "2024-03-01")
		self.assertEqual([r[1] for r in achieved()], [1, 0, cumulative + 1, 1, 0, None])
		# recognised by an upgrade evaluation: counted as upgraded instead of new
		evaluation = frappe.db.get_value("OCOP Certificate", self.cert_a, "evaluation")
		frappe.db.set_value("OCOP Evaluation", evaluation, "is_upgrade", 1)
		self.assertEqual([r[1] for r in achieved()], [0, 1, cumulative + 1, 0, 0, None])
		# the commune official sees the plan of their province, counted from their commune's records only
		frappe.set_user(OFFICER_B)
		self.assertEqual(achieved(), [])  # Hà Nội's official: not Hưng Yên's plan

	def test_plan_vs_achievement_reads_certificates_once_for_all_targets(self):
		def plan(year: int, metrics: int) -> None:
			names = ("New products ≥3★", "Upgraded products", "Products ≥3★ (cumulative)")
			frappe.get_doc(
				{
					"doctype": "OCOP Annual Plan",
					"plan_title": f"Kế hoạch thử {year}",
					"year": year,
					"administrative_unit": "33",
					"targets": [{"metric": names[i % 3], "target_value": 1 + i} for i in range(metrics)],
				}
			).insert()

		def queries(year: int) -> int:
			counted = []
			orig_sql = frappe.db.__class__.sql

			def sql(*args, **kwargs):
				counted.append(1)
				return orig_sql(*args, **kwargs)

			frappe.db.__class__.sql = sql
			try:
				run("OCOP Plan vs Achievement", filters={"year": year})
			finally:
				frappe.db.__class__.sql = orig_sql
			return len(counted)

		plan(2031, 3)
		plan(2032, 30)
		queries(2031)  # warm the caches (meta, report doc)
		self.assertEqual(queries(2032), queries(2031))  # not one query per target

	def test_filters_for_group_rule_set_star_and_year(self):
		def names(report, **filters):
			return {r["name"] for r in run(report, filters=filters)["result"] if isinstance(r, dict)}

		cert_a = frappe.get_doc("OCOP Certificate", self.cert_a)
		self.assertTrue(cert_a.product_group and cert_a.rule_set)  # fetched from the product, evaluation
		pottery = "Gốm sứ, thủy tinh, kim loại"  # cert_b's group; cert_b has no evaluation (no rule set)
		by_group = names("OCOP Products by Star", product_group=pottery)
		self.assertIn(self.cert_b, by_group)
		self.assertNotIn(self.cert_a, by_group)
		by_rule_set = names("OCOP Products by Star", rule_set=cert_a.rule_set)
		self.assertIn(self.cert_a, by_rule_set)
		self.assertNotIn(self.cert_b, by_rule_set)
		# a parent group takes its sub-groups
		parent = frappe.db.get_value("OCOP Product Group", pottery, "parent_ocop_product_group")
		if parent:
			self.assertIn(self.cert_b, names("OCOP Products by Star", product_group=parent))
		due = dict(show="Sắp hết hạn", days=3650)
		self.assertIn(self.cert_a, names("OCOP Certificates Due", **due, year=2024, rule_set=cert_a.rule_set))
		self.assertNotIn(self.cert_a, names("OCOP Certificates Due", **due, year=2023))
		self.assertNotIn(self.cert_a, names("OCOP Certificates Due", **due, product_group=pottery))

		def pipeline(**filters):
			rows = run("OCOP Evaluation Pipeline", filters={"year": 2024, **filters})["result"]
			return sum(r["count"] for r in rows if isinstance(r, dict))

		group_a, evaluation = cert_a.product_group, cert_a.evaluation
		at_three = pipeline(product_group=group_a, star="3")
		self.assertGreaterEqual(at_three, 1)
		frappe.db.set_value("OCOP Evaluation", evaluation, "star_rating", 4)
		self.assertEqual(pipeline(product_group=group_a, star="3"), at_three - 1)

		producer_b = frappe.db.get_value("OCOP Certificate", self.cert_b, "producer")
		self.assertIn(producer_b, names("OCOP Producer Register", product_group=pottery))
		self.assertNotIn(producer_b, names("OCOP Producer Register", product_group=group_a))
		producer_a = frappe.db.get_value("OCOP Product", self.product_a, "producer")  # recognised 3★
		self.assertIn(producer_a, names("OCOP Producer Register", star="3", year=frappe.utils.nowdate()[:4]))
		self.assertNotIn(producer_a, names("OCOP Producer Register", star="5"))

	def test_certificates_report_shows_revoked(self):
		frappe.db.set_value("OCOP Certificate", self.cert_a, "status", "Thu hồi")
		rows = run("OCOP Certificates Due", filters={"show": "Đã thu hồi"})["result"]
		self.assertIn(self.cert_a, {r["name"] for r in rows if isinstance(r, dict)})
		row = next(r for r in rows if isinstance(r, dict) and r["name"] == self.cert_a)
		valid_to = frappe.db.get_value("OCOP Certificate", self.cert_a, "valid_to")
		self.assertEqual(row["valid_to"], valid_to)  # a date, as stored
		self.assertEqual(row["days_left"], (valid_to - frappe.utils.getdate()).days)
		frappe.set_user(OFFICER_B)
		rows = run("OCOP Certificates Due", filters={"show": "Đã thu hồi"})["result"]
		self.assertNotIn(self.cert_a, {r["name"] for r in rows if isinstance(r, dict)})
