"""Benchmark: 1,000 approved claims → Journal Entries and Payment Entries.

Run: scripts/benchmark payments   (on the benchmark site ocop-bench.localhost; OCOP_BENCH_CLAIMS,
OCOP_BENCH_WORKERS="1,2" to change the size and the worker counts)
Times approving (each approval posts a Journal Entry) and paying (one Payment Entry each, under
the claim's row lock), next to ERPNext alone posting the same 1,000 Journal Entries and Payment
Entries (no claim, so no ocop_app rule runs) in the same run. Then the same number of claims again,
approved, and paid as officials pay them: OCOP Payment Batches of 100 lines, each paid by a
background job, with 1 and then 2 real RQ workers (``frappe worker --burst``) — timed next to
ERPNext posting the Payment Entries alone.

Work is committed every CHUNK claims, as finance staff would approve and pay them in batches (one
transaction holding thousands of uncommitted ledger rows slows ERPNext's own ledger queries); the
vouchers stay on the benchmark site, which exists only for this.
"""

import time

import frappe
from frappe.utils import cint, today

from ocop_app.accounting.claims import dimensions_of, expense_account, pay_claim

CLAIMS = 1_000
CHUNK = 100
NOTIFY_SAMPLE = 50
WORKER = ("worker", "--queue", "long", "--burst")
BATCH_LINES = 100  # lines per payment batch in the worker runs (a long batch: a background job)
CONTENTS = (
	"Thiết kế, in ấn bao bì, nhãn mác",
	"Quản lý chất lượng, bảo vệ thương hiệu",
	"Đăng ký sở hữu trí tuệ trong nước",
	"Xây dựng, nâng cấp điểm bán sản phẩm OCOP",
	"Xúc tiến thương mại",
)


def run(claims: int = CLAIMS, workers: str = "1,2", inline: int = 1) -> dict:
	"""``inline=0`` (OCOP_BENCH_INLINE=0): only ERPNext alone and the payment batches on real workers,
	the comparison asked for at 1,000 claims (the in-process approve-and-pay pass is left out). Each
	figure is printed as soon as it is measured, so a run stopped half-way still gives its first ones."""
	from ocop_app.factories import make_fund, make_policy
	from ocop_app.setup.install import before_tests

	frappe.set_user("Administrator")
	before_tests()  # the benchmark site gets the test company and its accounts
	try:
		make_policy(CONTENTS[:4])
		fund = make_fund(claims * 20_000_000)
		drafts = draft_claims(claims, fund)
		frappe.db.commit()

		def approve(claim):
			claim.flags.ignore_workflow_guard = True  # measured without the workflow's three steps
			claim.submit()

		result = {"claims": claims}
		if cint(inline):
			approve_s = in_chunks(drafts, approve)
			pay_s = in_chunks(drafts, lambda claim: pay_claim(claim.name))
			result.update(
				approve_with_journal_entries_s=round(approve_s, 1),
				pay_with_payment_entries_s=round(pay_s, 1),
				total_s=round(approve_s + pay_s, 1),
			)
			report(result)
		plain_je_s, plain_pe_s = erpnext_alone(drafts)
		result.update(
			erpnext_alone_journal_entries_s=round(plain_je_s, 1),
			erpnext_alone_payment_entries_s=round(plain_pe_s, 1),
		)
		if cint(inline):
			result["ratio_total_to_erpnext_alone"] = round((approve_s + pay_s) / (plain_je_s + plain_pe_s), 2)
		report(result)
		# the same run as officials make it: payment batches paid by real RQ workers
		batch_runs = {}
		for count in (int(w) for w in str(workers).split(",") if w.strip()):
			fresh = draft_claims(claims, fund)  # new products: each content is paid once per product
			frappe.db.commit()
			in_chunks(fresh, approve)
			seconds = batches_on_workers(fresh, count)
			batch_runs[f"batches_on_{count}_workers_s"] = round(seconds, 1)
			batch_runs[f"ratio_batches_on_{count}_workers_to_erpnext_alone_payment_entries"] = round(
				seconds / plain_pe_s, 2
			)
			report({**result, **batch_runs})
		notify_s = background_notifications(drafts[:NOTIFY_SAMPLE])
		result["background_notifications_per_claim_s"] = round(notify_s / NOTIFY_SAMPLE, 3)
		result.update(batch_runs)
		print(frappe.as_json(result))
		return result
	finally:
		frappe.db.rollback()


def report(partial: dict) -> None:
	"""The figures measured so far, at once (a long run on a loaded machine may be stopped)."""
	print(f"# so far: {frappe.as_json(partial, indent=None)}", flush=True)


def draft_claims(claims: int, fund: str, unit: str = "33-12970") -> list:
	"""``claims`` draft claims of 5 million on ``fund``, five contents per new product recognised in
	``unit``, dated today."""
	from ocop_app.factories import certificate_in, make_claim

	products = []
	for _ in range(-(-claims // len(CONTENTS))):
		cert = certificate_in(unit, 3, "2025-01-01")
		products.append(frappe.db.get_value("OCOP Certificate", cert, ["product", "producer"]))
	drafts = []
	for i in range(claims):
		product, producer = products[i // len(CONTENTS)]
		drafts.append(
			make_claim(
				product,
				fund,
				CONTENTS[i % len(CONTENTS)],
				5_000_000,
				5_000_000,
				producer=producer,
				claim_date=today(),
			)
		)
	return drafts


def batches_on_workers(claims, workers: int) -> float:
	"""Seconds for ``workers`` real RQ workers (``frappe worker --queue long --burst``) to pay the
	claims through payment batches of BATCH_LINES lines (one background job per batch, each line
	committed with its progress), from the first job queued to the last batch paid."""
	import subprocess
	from pathlib import Path

	from frappe.utils import get_bench_path

	batches = []
	for start in range(0, len(claims), BATCH_LINES):
		batch = frappe.get_doc(
			{
				"doctype": "OCOP Payment Batch",
				"fund": claims[0].fund,
				"items": [{"claim": c.name} for c in claims[start : start + BATCH_LINES]],
			}
		).insert()
		batch.submit()  # a long batch: queued on "long" once committed
		batches.append(batch.name)
	frappe.db.commit()
	bench = Path(get_bench_path())
	started = time.perf_counter()
	processes = [
		subprocess.Popen(
			[str(bench / "env/bin/python"), "-m", "frappe.utils.bench_helper", "frappe", *WORKER],
			cwd=bench / "sites",
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
		)
		for _ in range(workers)
	]
	for process in processes:
		process.wait(timeout=3600)
	seconds = time.perf_counter() - started
	frappe.db.rollback()
	unpaid = frappe.get_all(
		"OCOP Payment Batch",
		filters={"name": ["in", batches], "payment_status": ["!=", "Đã chi"]},
		pluck="name",
	)
	if unpaid:
		raise AssertionError(f"batches not paid: {unpaid}")
	return seconds


def background_notifications(claims) -> float:
	"""The worker's share, timed on a sample (each claim's ToDos and notifications for its next
	actors, as the queued jobs would make them); this run's queued jobs are then dropped, so the
	benchmark leaves no backlog on the benchmark site."""
	from frappe.utils.background_jobs import get_queue

	from ocop_app.workflow_notifications import tell_next_actors

	started = time.perf_counter()
	for claim in claims:
		state = frappe.db.get_value(claim.doctype, claim.name, "workflow_state")
		tell_next_actors(claim.doctype, claim.name, state)
	seconds = time.perf_counter() - started
	frappe.db.rollback()
	queue = get_queue("short")
	for job in queue.get_jobs():
		kwargs = job.kwargs or {}
		if kwargs.get("site") == frappe.local.site and "tell_next_actors" in str(kwargs.get("method")):
			job.delete()
	return seconds


def in_chunks(items, work) -> float:
	"""Seconds to do ``work`` on every item, committing every CHUNK items (commits counted)."""
	started = time.perf_counter()
	for i, item in enumerate(items, 1):
		work(item)
		if i % CHUNK == 0 or i == len(items):
			frappe.db.commit()
	return time.perf_counter() - started


def erpnext_alone(claims) -> tuple[float, float]:
	"""The same vouchers without a claim behind them: what ERPNext itself costs."""
	company = frappe.db.get_value("OCOP Fund", claims[0].fund, "company")
	payable = frappe.get_cached_value("Company", company, "default_payable_account")
	bank = frappe.get_cached_value("Company", company, "default_bank_account") or frappe.get_cached_value(
		"Company", company, "default_cash_account"
	)
	cost_center = frappe.get_cached_value("Company", company, "cost_center")
	entries = []

	def journal_entry(claim):
		supplier = frappe.db.get_value("OCOP Producer", claim.producer, "supplier")
		je = frappe.get_doc(
			{
				"doctype": "Journal Entry",
				"company": company,
				"posting_date": today(),
				"accounts": [
					{
						"account": expense_account(claim.support_type, company),
						"debit_in_account_currency": 5_000_000,
						"cost_center": cost_center,
						**dimensions_of(claim),
					},
					{
						"account": payable,
						"party_type": "Supplier",
						"party": supplier,
						"credit_in_account_currency": 5_000_000,
						"cost_center": cost_center,
						**dimensions_of(claim),
					},
				],
			}
		).insert()
		je.submit()
		entries.append((je.name, supplier))

	def payment_entry(entry):
		je, supplier = entry
		pe = frappe.get_doc(
			{
				"doctype": "Payment Entry",
				"payment_type": "Pay",
				"company": company,
				"posting_date": today(),
				"party_type": "Supplier",
				"party": supplier,
				"paid_from": bank,
				"paid_to": payable,
				"paid_amount": 5_000_000,
				"received_amount": 5_000_000,
				"source_exchange_rate": 1,
				"target_exchange_rate": 1,
				"reference_no": je,
				"reference_date": today(),
				"references": [
					{
						"reference_doctype": "Journal Entry",
						"reference_name": je,
						"allocated_amount": 5_000_000,
					}
				],
			}
		)
		pe.setup_party_account_field()
		pe.set_missing_values()
		pe.insert()
		pe.submit()

	je_s = in_chunks(claims, journal_entry)
	return je_s, in_chunks(entries, payment_entry)
