"""The HTTP side of scripts/load (no frappe import: it runs beside the server, as a client would).

  python -m ocop_app.benchmarks.load_driver reads  <plan.json> <url> <site> <seconds> <connections>
  python -m ocop_app.benchmarks.load_driver writes <plan.json> <url> <site> <round>

reads: wrk on each hot read and each stock Frappe endpoint in turn (same connections and duration),
requests/s, p95 and errors per endpoint. writes: stock Frappe's floor first, 30 ToDo saves and 30
saves of a User Group with as many members as a sheet has criteria (40 rows), then the round's 30 score
sheets submitted at once (one thread per member, as the desk's Submit does:
frappe.desk.form.save.savedocs), then its 200 claims
paid by 5 finance officers at once (each officer one after the other, as the desk's workflow button
does: frappe.model.workflow.apply_workflow "Chi trả"); requests/s, p95, errors and deadlocks.
Prints one JSON line per measure, prefixed "OCOP_LOAD ".
"""

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import requests

from ocop_app.rules.scoring import round_average

WRK_SCRIPT = """
done = function(summary, latency, requests)
	local errors = summary.errors.connect + summary.errors.read + summary.errors.write
		+ summary.errors.status + summary.errors.timeout
	io.write(string.format("OCOP_WRK %d %d %.1f %d\\n", summary.requests, summary.duration,
		latency:percentile(95) / 1000, errors))
end
"""
TIMEOUT = 120


def reads(plan: dict, url: str, site: str, seconds: int, connections: int) -> list[dict]:
	official, admin = plan["official"], plan["administrator"]
	sheet = plan["sheet"]
	fields = quote(json.dumps(["name", "product_name", "producer_name", "star_rating", "workflow_state"]))
	producer_fields = quote(json.dumps(["name", "producer_name", "legal_form", "administrative_unit"]))
	cases = [
		("stock: ping", "/api/method/ping", admin),
		("stock: /api/resource/ToDo", "/api/resource/ToDo", official),
		("stock: /api/resource/Supplier", "/api/resource/Supplier", admin),
		("OCOP Product list (province official)", f"/api/resource/OCOP Product?fields={fields}", official),
		(
			"OCOP Producer list (province official)",
			f"/api/resource/OCOP Producer?fields={producer_fields}",
			official,
		),
		(
			"OCOP Product form (getdoc)",
			f"/api/method/frappe.desk.form.load.getdoc?doctype=OCOP Product&name={plan['product']}",
			official,
		),
		(
			"OCOP Score Sheet form (getdoc, its member)",
			f"/api/method/frappe.desk.form.load.getdoc?doctype=OCOP Score Sheet&name={sheet['name']}",
			sheet["token"],
		),
		(
			"OCOP Producer Register (province official)",
			"/api/method/frappe.desk.query_report.run?report_name=OCOP Producer Register",
			official,
		),
	]
	results = []
	with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
		script.write(WRK_SCRIPT)
	try:
		for name, path, token in cases:
			# every request answered 200 before measuring (a wrong key or URL is not a fast endpoint)
			check = requests.get(
				url + path.replace(" ", "%20"), headers=headers(site, token), timeout=TIMEOUT
			)
			if check.status_code != 200:
				raise SystemExit(f"{name}: HTTP {check.status_code} {check.text[:300]}")
			out = subprocess.run(
				[
					"wrk",
					"-t",
					str(min(connections, 2)),
					"-c",
					str(connections),
					"-d",
					f"{seconds}s",
					"--timeout",
					f"{TIMEOUT}s",
					"-s",
					script.name,
					"-H",
					f"Host: {site}",
					"-H",
					f"Authorization: {token}",
					url + path.replace(" ", "%20"),
				],
				capture_output=True,
				text=True,
				timeout=seconds + TIMEOUT,
				check=True,
			).stdout
			line = next(x for x in out.splitlines() if x.startswith("OCOP_WRK "))
			count, duration_us, p95_ms, errors = line.split()[1:]
			results.append(
				{
					"measure": name,
					"requests": int(count),
					"requests_per_s": round(int(count) / (int(duration_us) / 1e6), 1),
					"p95_ms": float(p95_ms),
					"errors": int(errors),
				}
			)
			emit(results[-1])
	finally:
		os.unlink(script.name)
	return results


def writes(plan: dict, url: str, site: str, number: int) -> list[dict]:
	work = plan["rounds"][number]
	results = []

	def savedocs(token: str, doc: dict, action: str):
		"""The desk's save/submit of ``doc`` as the user of ``token``: (seconds, response)."""
		session = requests.Session()
		session.headers.update(headers(site, token))
		started = time.perf_counter()
		response = session.post(
			f"{url}/api/method/frappe.desk.form.save.savedocs",
			data={"doc": json.dumps(doc), "action": action},
			timeout=TIMEOUT,
		)
		return time.perf_counter() - started, response

	def submit(sheet):
		doc = requests.get(
			f"{url}/api/resource/OCOP Score Sheet/{sheet['name']}",
			headers=headers(site, sheet["token"]),
			timeout=TIMEOUT,
		).json()["data"]
		return savedocs(sheet["token"], doc, "Submit")

	def save_todo(sheet):
		# stock Frappe's lightest desk write, 30 at once: the floor of the submit (by the administrator:
		# the officials' module profile leaves out frappe's Desk module, ToDo's)
		doc = {
			"doctype": "ToDo",
			"name": f"new-todo-{sheet['name'].lower()}",  # as the desk names a new form
			"description": f"Đo tải {sheet['name']}",
			"__islocal": 1,
		}
		return savedocs(plan["administrator"], doc, "Save")

	def save_user_group(sheet):
		# stock Frappe's save of a document with as many rows as a score sheet (a Link checked in each)
		name = f"Đo tải {sheet['name']}"
		doc = {
			"doctype": "User Group",
			"name": name,
			"__newname": name,
			"__islocal": 1,
			"user_group_members": [{"user": user} for user in plan["group_members"]],
		}
		return savedocs(plan["administrator"], doc, "Save")

	# a worker's first requests fill its caches: warm every worker before measuring, as the reads do
	with ThreadPoolExecutor(8) as pool:
		list(pool.map(save_todo, [{"name": f"warm-{number}-{i}"} for i in range(16)]))
		list(pool.map(save_user_group, [{"name": f"warm-{number}-{i}"} for i in range(8)]))
	results.append(
		measure("stock: ToDo saved (savedocs), 30 at once", work["sheets"], save_todo, len(work["sheets"]))
	)
	results.append(
		measure(
			f"stock: User Group of {len(plan['group_members'])} members saved (savedocs), 30 at once",
			work["sheets"],
			save_user_group,
			len(work["sheets"]),
		)
	)
	results.append(
		measure(
			"score sheet submit, 30 members at once",
			work["sheets"],
			submit,
			len(work["sheets"]),
			check=lambda: result_is_mean_of_sheets(plan, url, site, work["sheets"][0]["name"]),
		)
	)

	def pay(claims):
		session = requests.Session()
		session.headers.update(headers(site, claims[0]["token"]))
		answers = []
		for claim in claims:
			doc = session.get(
				f"{url}/api/resource/OCOP Subsidy Claim/{claim['name']}", timeout=TIMEOUT
			).json()
			started = time.perf_counter()
			response = session.post(
				f"{url}/api/method/frappe.model.workflow.apply_workflow",
				data={"doc": json.dumps(doc["data"]), "action": "Chi trả"},
				timeout=TIMEOUT,
			)
			answers.append((time.perf_counter() - started, response))
		return answers

	by_officer = {}
	for claim in work["claims"]:
		by_officer.setdefault(claim["token"], []).append(claim)
	started = time.perf_counter()
	with ThreadPoolExecutor(len(by_officer)) as pool:
		answers = [a for chunk in pool.map(pay, by_officer.values()) for a in chunk]
	results.append(
		summarise("claims paid, 5 finance officers at once", answers, time.perf_counter() - started)
	)
	emit(results[-1])
	return results


def measure(name: str, items: list, work, threads: int, check=None) -> dict:
	"""``check``: what must hold once every request is answered, reported beside the figures."""
	started = time.perf_counter()
	with ThreadPoolExecutor(threads) as pool:
		answers = list(pool.map(work, items))
	result = summarise(name, answers, time.perf_counter() - started)
	if check:
		result["correct"] = check()
	emit(result)
	return result


def result_is_mean_of_sheets(plan: dict, url: str, site: str, sheet: str) -> bool:
	"""After the council's submits, read over HTTP as the administrator: the evaluation's result is
	the average of its submitted sheets (no submit lost or counted twice under the load)."""
	session = requests.Session()
	session.headers.update(headers(site, plan["administrator"]))

	def get(path: str, **params):
		return session.get(f"{url}/api/resource/{path}", params=params, timeout=TIMEOUT).json()["data"]

	evaluation = get(f"OCOP Evaluation/{get(f'OCOP Score Sheet/{sheet}')['evaluation']}")
	totals = [
		row["total_score"]
		for row in get(
			"OCOP Score Sheet",
			filters=json.dumps({"evaluation": evaluation["name"], "docstatus": 1}),
			fields=json.dumps(["total_score"]),
			limit_page_length=0,
		)
	]
	return evaluation["sheets_submitted"] == len(totals) and evaluation["average_score"] == round_average(
		totals
	)


def summarise(name: str, answers: list, wall: float) -> dict:
	times = sorted(t for t, _ in answers)
	failed = [r for _, r in answers if r.status_code != 200]
	return {
		"measure": name,
		"requests": len(answers),
		"requests_per_s": round(len(answers) / wall, 1),
		"p95_ms": round(times[max(0, math.ceil(0.95 * len(times)) - 1)] * 1000, 1),
		"errors": len(failed),
		"deadlocks": sum(1 for r in failed if "deadlock" in r.text.lower()),
		"first_error": failed[0].text[:300] if failed else None,
	}


def headers(site: str, token: str) -> dict:
	return {"Host": site, "Authorization": token, "Accept": "application/json"}


def emit(result: dict) -> None:
	print("OCOP_LOAD " + json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
	mode, plan_path, base_url, site_name, *rest = sys.argv[1:]
	with open(plan_path) as f:
		the_plan = json.load(f)
	if mode == "reads":
		reads(the_plan, base_url, site_name, int(rest[0]), int(rest[1]))
	else:
		writes(the_plan, base_url, site_name, int(rest[0]))
