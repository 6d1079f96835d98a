# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A council scoring at the same moment: each member's request on its own connection, as in production.

The evaluation's result is always the average of every submitted sheet, however the submits and
cancels interleave, and no request meets a deadlock; a closed evaluation refuses sheets, and a
closing racing the last submits counts exactly the sheets submitted before it.

The threads run as Frappe's web requests do (recompute_results_at_commit, the before_request hook):
a submit recomputes the result as its transaction commits.
"""

import threading
import time

import frappe
from frappe.tests.utils import FrappeTestCase

from ocop_app.ocop_app.doctype.ocop_evaluation.ocop_evaluation import SheetBeingSubmittedError
from ocop_app.ocop_app.doctype.ocop_evaluation.test_ocop_evaluation import (
	GROUP_148,
	MEMBERS,
	MINUTES,
	CouncilTestCase,
	average,
	make_council,
	make_member,
	make_product,
	make_sheet,
	score_all,
	set_choices,
)
from ocop_app.ocop_app.doctype.ocop_score_sheet.ocop_score_sheet import (
	EvaluationClosedError,
	recompute_results_at_commit,
)
from ocop_app.rules.scoring import round_average
from ocop_app.setup.demo import conclude

COUNCIL = [f"test.hd.dongthoi{i}@ocop.vn" for i in range(30)]


def remove_council_evaluations() -> None:
	"""The committed evaluations of COUNCIL's councils, with their sheets, councils, products and
	producers (remove_recognition_documents: the removal the browser fixtures use)."""
	from ocop_app.tests.browser_fixtures import remove_recognition_documents
	from ocop_app.tests.test_workflows import remove_product_and_producer

	councils = frappe.get_all(
		"OCOP Council Member", filters={"user": COUNCIL[0], "parenttype": "OCOP Council"}, pluck="parent"
	)
	evaluations = frappe.get_all(
		"OCOP Evaluation", filters={"council": ["in", councils or [""]]}, fields=["name", "product"]
	)
	sheets = frappe.get_all(
		"OCOP Score Sheet",
		filters={"evaluation": ["in", [e.name for e in evaluations] or [""]]},
		pluck="name",
	)
	frappe.db.delete("Version", {"ref_doctype": "OCOP Score Sheet", "docname": ["in", sheets or [""]]})
	frappe.db.delete("Notification Log", {"document_name": ["in", [e.name for e in evaluations] or [""]]})
	remove_recognition_documents([e.product for e in evaluations])
	for evaluation in evaluations:
		remove_product_and_producer(frappe.get_doc("OCOP Product", evaluation.product))
	for council in councils:  # one made before its evaluation, if a set-up stopped in between
		if frappe.db.exists("OCOP Council", council):
			frappe.delete_doc("OCOP Council", council, force=True)
	frappe.db.commit()


def target(i: int) -> float:
	return 70 + (i % 7)  # within the rule set's allowed spread, as a real council scores


class ConcurrentCouncil(FrappeTestCase):
	"""A council of 30 with a draft sheet each, committed; removed again at the end."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		remove_council_evaluations()  # whatever an interrupted earlier run committed
		for user in COUNCIL:
			make_member(user)
		product = make_product(GROUP_148)
		cls.evaluation = frappe.get_doc(
			{
				"doctype": "OCOP Evaluation",
				"product": product,
				"evaluation_level": "District",
				"evaluation_date": "2024-06-01",
				"council": make_council("District", COUNCIL).name,
				# what forwarding a 4-star product from the district needs
				"field_inspection_minutes": MINUTES,
				"field_inspection_date": "2024-05-20",
			}
		).insert()
		cls.sheets = {}
		for i, user in enumerate(COUNCIL):
			frappe.set_user(user)
			cls.sheets[user] = make_sheet(cls.evaluation, user, target(i)).name
		frappe.set_user("Administrator")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		remove_council_evaluations()
		super().tearDownClass()

	def at_once(self, work: dict) -> dict:
		"""{user: function(user)} run at the same moment, each as its user on its own connection."""
		site, outcomes = frappe.local.site, {}
		start = threading.Barrier(len(work))

		def attempt(user, fn):
			frappe.init(site=site)
			frappe.connect()
			recompute_results_at_commit()  # what Frappe's before_request hooks do for each request
			frappe.set_user(user)  # holds only their role and province, as in real use
			step = ""
			try:
				start.wait(timeout=60)
				fn(user)
				# an error at the commit would be an HTTP 500 in a web request (Frappe commits after
				# the response is built): named apart from the request's own, answerable errors
				step = "at commit: "
				frappe.db.commit()
				outcomes[user] = "ok"
			except Exception as e:
				frappe.db.rollback()
				outcomes[user] = f"{step}{type(e).__name__}: {e}"
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=attempt, args=item) for item in work.items()]
		for t in threads:
			t.start()
		for t in threads:
			t.join(timeout=600)
		frappe.db.rollback()  # this connection reads what the threads committed
		return outcomes

	def submit_first(self, count: int) -> tuple[list[str], list[str]]:
		"""The first ``count`` members submit one after another (committed): (them, the others)."""
		early, late = COUNCIL[:count], COUNCIL[count:]
		for user in early:
			frappe.set_user(user)
			frappe.get_doc("OCOP Score Sheet", self.sheets[user]).submit()
		frappe.set_user("Administrator")
		frappe.db.commit()
		return early, late

	def assert_result_is_the_mean_of_the_submitted_sheets(self, count: int):
		totals = frappe.get_all(
			"OCOP Score Sheet",
			filters={"evaluation": self.evaluation.name, "docstatus": 1},
			pluck="total_score",
		)
		self.assertEqual(len(totals), count)
		evaluation = frappe.get_doc("OCOP Evaluation", self.evaluation.name)
		self.assertEqual(evaluation.sheets_submitted, count)
		self.assertEqual(evaluation.average_score, round_average(totals))
		self.assertEqual(evaluation.average_score, average(evaluation))
		return evaluation


class TestConcurrentScoreSheets(ConcurrentCouncil):
	"""30 members press Submit at once; then 6 of them cancel and amend at once."""

	def test_thirty_submits_then_six_cancels_and_amends_at_once(self):
		# the threads run as web requests do: the hook is what each request runs first
		self.assertIn(
			f"{recompute_results_at_commit.__module__}.{recompute_results_at_commit.__name__}",
			frappe.get_hooks("before_request"),
		)

		def submit(user):
			frappe.get_doc("OCOP Score Sheet", self.sheets[user]).submit()

		outcomes = self.at_once({user: submit for user in COUNCIL})
		self.assertEqual(outcomes, {user: "ok" for user in COUNCIL})
		self.assert_result_is_the_mean_of_the_submitted_sheets(30)

		def cancel_and_amend(user):
			old = frappe.get_doc("OCOP Score Sheet", self.sheets[user])
			old.cancel()
			frappe.db.commit()
			amended = frappe.copy_doc(old)
			amended.amended_from = old.name
			set_choices(amended, 78)  # a second look, still within the allowed spread
			amended.insert()
			amended.submit()

		movers = COUNCIL[:6]
		outcomes = self.at_once({user: cancel_and_amend for user in movers})
		self.assertEqual(outcomes, {user: "ok" for user in movers})
		self.assert_result_is_the_mean_of_the_submitted_sheets(30)
		self.assertEqual(
			frappe.db.count("OCOP Score Sheet", {"evaluation": self.evaluation.name, "docstatus": 2}),
			len(movers),
		)


class TestClosingWhileSubmitting(ConcurrentCouncil):
	"""20 sheets are in; the last 10 members press Submit as the officer concludes the evaluation."""

	def test_a_closing_counts_exactly_the_sheets_submitted_before_it(self):
		_early, late = self.submit_first(20)

		def submit(user):
			frappe.get_doc("OCOP Score Sheet", self.sheets[user]).submit()

		def close(user):
			conclude(frappe.get_doc("OCOP Evaluation", self.evaluation.name))

		outcomes = self.at_once({"Administrator": close} | {user: submit for user in late})
		allowed = {
			"Administrator": ("ok", SheetBeingSubmittedError.__name__),
			**{user: ("ok", EvaluationClosedError.__name__) for user in late},
		}
		for user, outcome in outcomes.items():
			self.assertTrue(outcome.startswith(allowed[user]), f"{user}: {outcome}")
		if frappe.db.get_value("OCOP Evaluation", self.evaluation.name, "docstatus") == 0:
			# refused while a member was submitting: the officer concludes again once they are done
			conclude(frappe.get_doc("OCOP Evaluation", self.evaluation.name))
			frappe.db.commit()
		submitted = frappe.db.count("OCOP Score Sheet", {"evaluation": self.evaluation.name, "docstatus": 1})
		refused = [user for user in late if outcomes[user] != "ok"]
		self.assertEqual(submitted, 30 - len(refused))
		evaluation = self.assert_result_is_the_mean_of_the_submitted_sheets(submitted)
		self.assertEqual(evaluation.docstatus, 1)
		for user in refused:  # a refused sheet stays a draft, stamped closed
			sheet = frappe.db.get_value(
				"OCOP Score Sheet", self.sheets[user], ["docstatus", "evaluation_closed"], as_dict=True
			)
			self.assertEqual((sheet.docstatus, sheet.evaluation_closed), (0, 1))


class TestSubmitsWaitingOnAClosing(ConcurrentCouncil):
	"""The officer's closing holds the drafts when the last 10 members press Submit: each submit waits
	for the closing's commit and is then refused by name, never at its own commit."""

	def test_submits_that_waited_for_a_closing_are_refused_cleanly(self):
		early, late = self.submit_first(20)
		closed = threading.Event()

		def close(user):
			conclude(frappe.get_doc("OCOP Evaluation", self.evaluation.name))
			closed.set()
			# committed only once every late submit is waiting for a draft row this closing holds
			deadline = time.monotonic() + 120
			while waiting_on_sheet_rows() < len(late):
				self.assertLess(time.monotonic(), deadline, "the submits never waited on the closing")
				time.sleep(0.05)

		def submit(user):
			closed.wait(timeout=120)
			# read before the closing commits: this transaction's snapshot has the evaluation open
			frappe.get_doc("OCOP Score Sheet", self.sheets[user]).submit()

		outcomes = self.at_once({"Administrator": close} | {user: submit for user in late})
		self.assertEqual(outcomes.pop("Administrator"), "ok")
		for user, outcome in outcomes.items():
			self.assertTrue(outcome.startswith(EvaluationClosedError.__name__), f"{user}: {outcome}")
		evaluation = self.assert_result_is_the_mean_of_the_submitted_sheets(len(early))
		self.assertEqual(evaluation.docstatus, 1)


def waiting_on_sheet_rows() -> int:
	"""Connections of this site's database user blocked on a score sheet's row lock (Frappe's
	check_if_latest); the user sees its own connections without the PROCESS privilege."""
	return frappe.db.sql(
		"""select count(*) from information_schema.processlist
		where id != connection_id() and info like %s""",
		("%from `tabOCOP Score Sheet`%for update%",),
	)[0][0]


class TestClosedEvaluation(CouncilTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_a_closed_evaluation_refuses_sheets(self):
		evaluation = frappe.get_doc(
			{
				"doctype": "OCOP Evaluation",
				"product": make_product(GROUP_148),
				"evaluation_level": "District",
				"evaluation_date": "2024-06-01",
				"council": make_council("District").name,
			}
		).insert()
		names = score_all(evaluation, [62, 63])
		frappe.set_user(MEMBERS[2])
		late = make_sheet(evaluation, MEMBERS[2], 64)  # a draft, not submitted before the close
		frappe.set_user("Administrator")
		evaluation.reload()
		conclude(evaluation)
		self.assertEqual(frappe.db.get_value("OCOP Evaluation", evaluation.name, "docstatus"), 1)
		frappe.set_user(MEMBERS[2])
		with self.assertRaises(EvaluationClosedError):
			frappe.get_doc("OCOP Score Sheet", late.name).submit()
		frappe.set_user(MEMBERS[0])
		with self.assertRaises(EvaluationClosedError):
			frappe.get_doc("OCOP Score Sheet", names[0]).cancel()
		self.assertEqual(frappe.db.get_value("OCOP Score Sheet", names[0], "docstatus"), 1)
