# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The scoring benchmark still runs (on a small council): it must not rot between measurements."""

from frappe.tests.utils import FrappeTestCase

from ocop_app.benchmarks import scoring


class TestBenchmarks(FrappeTestCase):
	def test_scoring_benchmark_runs_on_a_small_council(self):
		result = scoring.run(members=3, criteria=40)
		self.assertEqual(result["members"], 3)
		self.assertTrue(1 <= result["star"] <= 5)
		self.assertGreater(result["all_sheets_s"], 0)
