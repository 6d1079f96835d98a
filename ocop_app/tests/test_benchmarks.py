# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The benchmarks still run (on a small council) and still read what they generate from the app's own
data (the evaluation workflow): they must not rot between measurements."""

import frappe
from frappe.model.workflow import get_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import cint

from ocop_app.benchmarks import reports, scoring
from ocop_app.rules import forwarding


class TestBenchmarks(FrappeTestCase):
	def test_scoring_benchmark_runs_on_a_small_council(self):
		result = scoring.run(members=3, criteria=40)
		self.assertEqual(result["members"], 3)
		self.assertTrue(1 <= result["star"] <= 5)
		self.assertGreater(result["all_sheets_s"], 0)

	def test_bench_users_are_made_once(self):
		users = scoring.bench_users(3)
		self.assertEqual(users, scoring.bench_users(3))
		self.assertEqual(len(users), 3)
		self.assertTrue(all(frappe.db.exists("User", user) for user in users))

	def test_generated_evaluations_take_their_states_from_the_workflow(self):
		workflow = get_workflow("OCOP Evaluation")
		doc_status = {s.state: cint(s.doc_status) for s in workflow.states}
		open_states, concluded = reports.evaluation_states()
		self.assertIn(workflow.states[0].state, open_states)
		self.assertEqual({doc_status[state] for state in open_states}, {0})
		self.assertEqual(set(concluded), {forwarding.PASSED, forwarding.FAILED, forwarding.FORWARD})
		# each result concludes (submits) the evaluation in a state of its own
		self.assertEqual({doc_status[state] for state in concluded.values()}, {1})
		self.assertEqual(len(set(concluded.values())), 3)
		# the state the desk's action for a passed evaluation leads to
		passed = next(
			t
			for t in workflow.transitions
			if t.condition and f'doc.result == "{forwarding.PASSED}"' in t.condition
		)
		self.assertEqual(concluded[forwarding.PASSED], passed.next_state)
