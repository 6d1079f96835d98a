# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Nothing lost: the real RQ worker paying a long batch is killed (SIGKILL, worker and work horse)
half-way; no payment is lost and none is made twice, and the batch is paid on where it stopped.

The batch is submitted by a finance officer holding only that role and the province, as in
production: the job goes to the bench's real "long" queue (not run in the test process), a real
``frappe worker`` pays it, and the scheduler's resume step queues the rest for a new worker.
"""

import os
import signal
import subprocess
import time
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_bench_path

from ocop_app.factories import M, make_fund, make_policy
from ocop_app.ocop_app.doctype.ocop_payment_batch.ocop_payment_batch import (
	PAY_IN_REQUEST,
	payment_lock,
	resume_stopped_payments,
)
from ocop_app.ocop_app.doctype.ocop_subsidy_claim.test_ocop_subsidy_claim import (
	approved_claim,
	payments_of,
	remove_committed,
)

LINES = PAY_IN_REQUEST + 3  # a long batch: paid by a background job
UNIT = "33-12970"  # Xã Tiền Hải, Hưng Yên
OFFICER = "resume.ketoan@ocop.vn"
WORKER = ("worker", "--queue", "long", "--burst")
WAIT = 240  # seconds: the bound on each wait for the worker


def start_worker() -> subprocess.Popen:
	"""`bench worker --queue long --burst` of this bench: pays what is queued, then exits."""
	bench = Path(get_bench_path())
	return subprocess.Popen(
		[str(bench / "env/bin/python"), "-m", "frappe.utils.bench_helper", "frappe", *WORKER],
		cwd=bench / "sites",
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
		start_new_session=True,
		# as in production: frappe's job runner treats every job as a test (no commit) when CI is set
		env={k: v for k, v in os.environ.items() if k != "CI"},
	)


def kill_worker(worker: subprocess.Popen) -> None:
	"""SIGKILL the worker and its work horse (RQ puts the horse in a session of its own, so the
	worker's process group does not reach it): what a crash or the OOM killer does."""
	family, todo = [], [worker.pid]
	while todo:
		pid = todo.pop()
		family.append(pid)
		children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
		todo += [int(p) for p in children.stdout.split()]
	for pid in family:
		try:
			os.kill(pid, signal.SIGKILL)
		except ProcessLookupError:
			pass
	worker.wait()


def in_production(work):
	"""Run ``work`` as outside tests: enqueue to the real queue and commit each line."""
	frappe.flags.in_test = False
	try:
		return work()
	finally:
		frappe.flags.in_test = True


class TestKilledWorkerResumes(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		from ocop_app.factories import make_user

		super().setUpClass()
		frappe.set_user("Administrator")
		make_policy()
		make_user(OFFICER, "OCOP Finance Officer", "33")
		cls.fund = make_fund(1_000 * M)
		cls.certs, cls.claims, cls.batch = [], [], None
		for _ in range(LINES):
			claim, cert = approved_claim(UNIT, cls.fund)
			cls.claims.append(claim)
			cls.certs.append(cert)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		if cls.batch and frappe.db.exists("OCOP Payment Batch", cls.batch):
			batch = frappe.get_doc("OCOP Payment Batch", cls.batch)
			if batch.docstatus == 1:
				batch.cancel()  # cancels its Payment Entries
			frappe.delete_doc("OCOP Payment Batch", batch.name, force=True)
		remove_committed(cls.claims, [cls.fund], cls.certs)
		frappe.db.delete("Notification Log", {"for_user": OFFICER})
		frappe.db.commit()
		super().tearDownClass()

	def wait_for(self, what, condition, seconds=WAIT):
		deadline = time.monotonic() + seconds
		while time.monotonic() < deadline:
			frappe.db.rollback()  # a fresh snapshot: the worker commits on its own connection
			if condition():
				return
			time.sleep(0.2)  # polling the database for the worker's commits
		self.fail(f"no {what} within {seconds} s")

	def test_kill_the_worker_mid_batch_then_resume(self):
		frappe.set_user(OFFICER)
		batch = frappe.get_doc(
			{"doctype": "OCOP Payment Batch", "fund": self.fund, "items": [{"claim": c} for c in self.claims]}
		).insert()
		type(self).batch = batch.name
		in_production(batch.submit)  # queued after the commit, on the bench's "long" queue
		frappe.db.commit()
		frappe.set_user("Administrator")

		def paid_count():
			return frappe.db.get_value("OCOP Payment Batch", batch.name, "paid_count") or 0

		worker = start_worker()
		try:
			self.wait_for("first payments", lambda: paid_count() >= 3)
		finally:
			kill_worker(worker)  # mid-run
		# the server frees the job's lock when its connection goes with the killed process
		self.wait_for(
			"lock release",
			lambda: frappe.db.sql("select is_used_lock(%s)", payment_lock(batch.name))[0][0] is None,
			60,
		)
		stopped_at = paid_count()
		self.assertEqual(frappe.db.get_value("OCOP Payment Batch", batch.name, "payment_status"), "Đang chi")
		self.assertLess(stopped_at, LINES, "the worker was killed after the whole batch was paid")
		rows = frappe.get_all(
			"OCOP Payment Batch Item", filters={"parent": batch.name}, fields=["claim", "payment_entry"]
		)
		paid_rows = {r.claim for r in rows if r.payment_entry}
		paid_claims = {c for c in self.claims if payments_of(c)}
		# every committed payment is on its line and counted; nothing half-made
		self.assertEqual(paid_claims, paid_rows)
		self.assertEqual(len(paid_rows), stopped_at)

		# the scheduler's step (every minute in production) finds the stopped batch and queues it again
		in_production(resume_stopped_payments)
		worker = start_worker()  # as supervisor starts the worker again
		try:
			worker.wait(timeout=WAIT)
		except subprocess.TimeoutExpired:
			kill_worker(worker)
			self.fail(f"the resumed payment did not finish within {WAIT} s")
		frappe.db.rollback()
		done = frappe.get_doc("OCOP Payment Batch", batch.name)
		self.assertEqual((done.payment_status, done.paid_count), ("Đã chi", LINES), done.payment_error)
		for claim in self.claims:
			self.assertEqual(len(payments_of(claim)), 1, claim)  # once, never twice
			self.assertEqual(frappe.db.get_value("OCOP Subsidy Claim", claim, "paid_amount"), 5 * M)
		debit, credit = frappe.db.sql(
			"""select sum(debit), sum(credit) from `tabGL Entry`
			where voucher_type = 'Payment Entry' and is_cancelled = 0 and voucher_no in %s""",
			[[r.payment_entry for r in done.items]],
		)[0]
		self.assertEqual((debit, credit), (LINES * 5 * M, LINES * 5 * M))
		# the official who started it is told at the end, with the count
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{"for_user": OFFICER, "document_name": batch.name, "subject": ["like", f"%{LINES}/{LINES}%"]},
			)
		)
