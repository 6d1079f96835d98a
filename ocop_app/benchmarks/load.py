"""Load, measured over HTTP: what scripts/load drives against a gunicorn server of the bench.

Run: scripts/load   (on the benchmark site, ocop-bench.localhost or OCOP_BENCH_SITE; never the test site)

``prepare`` (bench execute, on the benchmark site) makes the 10× national data set of
``scripts/benchmark reports`` if it is not there (its generator), the officials with API keys, and
for each round of writes: a 30-member council (OCOP Council Member of Hưng Yên, each with an API key)
with one filled, unsubmitted score sheet each, and approved claims (Journal Entry posted, awaiting
payment) for 5 finance officers of Hưng Yên. It writes what the driver needs (URLs, Authorization
headers, documents) as JSON. The driver (``ocop_app.benchmarks.load_driver``, no frappe) runs wrk for
the reads and threads for the writes.
"""

import json

import frappe

from ocop_app.benchmarks import reports
from ocop_app.benchmarks.scoring import CRITERIA, bench_users, filled_sheet, options_of, setup

PROVINCE_OFFICIAL = reports.OFFICIAL  # Hà Nội, the largest province of the generated data
WRITE_PROVINCE = "33"  # Hưng Yên: the council and the finance office of the write mixes
WRITE_COMMUNE = "33-12970"
MEMBERS, CLAIMS, FINANCE_OFFICERS = 30, 200, 5


def prepare(out: str, rounds: int = 3, members: int = MEMBERS, claims: int = CLAIMS) -> None:
	from ocop_app.setup.install import before_tests

	frappe.set_user("Administrator")
	before_tests()  # the benchmark site gets the test company and its accounts (as benchmark payments)
	reports.generate(reports.PRODUCERS, reports.PRODUCTS, reports.CERTIFICATES)
	reports.make_official()
	official = api_token(PROVINCE_OFFICIAL)
	admin = api_token("Administrator")
	product = frappe.get_all(
		"OCOP Product", filters={"province": "01"}, pluck="name", order_by="name asc", limit=1
	)[0]
	stock_todo(PROVINCE_OFFICIAL)
	plan = {
		"official": official,
		"administrator": admin,
		"product": product,
		# stock Frappe's save of a document with as many child rows as a score sheet (User Group)
		"group_members": bench_users(CRITERIA),
		"rounds": [make_round(i, members, claims) for i in range(rounds)],
	}
	# the score sheet form of the reads: the first round's first sheet, read by its member
	plan["sheet"] = plan["rounds"][0]["sheets"][0]
	frappe.db.commit()
	with open(out, "w") as f:
		json.dump(plan, f, ensure_ascii=False)
	print(f"OCOP_LOAD_PLAN {out}")


_tokens: dict[str, str] = {}  # one secret per user and prepare: a new one would void the earlier rounds


def api_token(user: str) -> str:
	if user in _tokens:
		return _tokens[user]
	doc = frappe.get_doc("User", user)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.save(ignore_permissions=True)  # benchmark set-up, run as Administrator
	_tokens[user] = f"token {doc.api_key}:{secret}"
	return _tokens[user]


def stock_todo(user: str, count: int = 20) -> None:
	"""A few ToDos of the official, so that /api/resource/ToDo lists rows like the OCOP lists do."""
	have = frappe.db.count("ToDo", {"allocated_to": user})
	for i in range(have, count):
		frappe.get_doc(
			{"doctype": "ToDo", "description": f"Việc đo tải {i}", "allocated_to": user, "owner": user}
		).insert(ignore_permissions=True)  # benchmark set-up


def official(email: str, role: str, unit: str) -> str:
	from ocop_app.factories import make_user

	make_user(email, role, unit)
	if role not in frappe.get_roles(email):  # made earlier without it (the scoring benchmark's members)
		frappe.get_doc("User", email).add_roles(role)
	return api_token(email)


def make_round(number: int, members: int, claims: int) -> dict:
	return {"sheets": score_sheets(number, members), "claims": approved_claims(number, claims)}


def score_sheets(number: int, members: int) -> list[dict]:
	"""A council of ``members`` officials, an evaluation, and one filled draft sheet per member."""
	evaluation = setup(members, CRITERIA)
	council = frappe.get_doc("OCOP Council", evaluation.council)
	options = options_of(evaluation.criteria_set)
	sheets = []
	for i, row in enumerate(council.members):
		token = official(row.user, "OCOP Council Member", WRITE_PROVINCE)
		frappe.set_user(row.user)
		sheet = filled_sheet(evaluation, row.user, options, 70 + (i % 7))
		frappe.set_user("Administrator")
		sheets.append({"name": sheet.name, "token": token, "round": number})
	return sheets


def approved_claims(number: int, claims: int) -> list[dict]:
	"""``claims`` claims approved (Journal Entry posted) and waiting for the finance office's payment,
	shared among FINANCE_OFFICERS officers of the province."""
	from ocop_app.benchmarks.payments import CONTENTS, draft_claims
	from ocop_app.factories import make_fund, make_policy

	make_policy(CONTENTS[:4])
	fund = make_fund(claims * 20_000_000)
	officers = [
		official(f"bench.ketoan{i}@ocop.vn", "OCOP Finance Officer", WRITE_PROVINCE)
		for i in range(FINANCE_OFFICERS)
	]
	rows = []
	for i, claim in enumerate(draft_claims(claims, fund, WRITE_COMMUNE)):
		claim.flags.ignore_workflow_guard = True  # set-up: the approval steps before the payment
		claim.submit()  # approved: its Journal Entry is posted (as scripts/benchmark payments does)
		# where "Chi trả" is open, as the workflow leaves it (state and its update_field)
		claim.db_set({"workflow_state": "Lãnh đạo phê duyệt", "status": "Đã duyệt"}, update_modified=False)
		rows.append({"name": claim.name, "token": officers[i % FINANCE_OFFICERS], "round": number})
		if i % 50 == 49:
			frappe.db.commit()
	return rows
