"""Benchmark: a 30-member council scores a 40-criterion sheet; the result is computed.

Run: scripts/benchmark scoring   (or bench --site <site> execute ocop_app.benchmarks.scoring.run)
Generated data, in one transaction that is rolled back at the end. Reported as times and as a
ratio to plain frappe work on the same site in the same run (frappe.get_doc + save of the same
evaluation), not as a pass/fail test.
"""

import statistics
import time

import frappe

from ocop_app.rules.scoring import choose_for_target

MEMBERS, CRITERIA = 30, 40


def run(members: int = MEMBERS, criteria: int = CRITERIA) -> dict:
	frappe.set_user("Administrator")
	try:
		evaluation = setup(members, criteria)
		users = [m.user for m in frappe.get_doc("OCOP Council", evaluation.council).members]
		options = options_of(evaluation.criteria_set)

		sheet_times = []
		started = time.perf_counter()
		for i, user in enumerate(users):
			t = time.perf_counter()
			sheet = filled_sheet(evaluation, user, options, 70 + (i % 7))
			sheet.submit()
			sheet_times.append(time.perf_counter() - t)
		all_sheets = time.perf_counter() - started

		t = time.perf_counter()
		evaluation.reload()
		evaluation.update_result()
		compute = time.perf_counter() - t

		plain = []
		for _ in range(5):
			t = time.perf_counter()
			doc = frappe.get_doc("OCOP Evaluation", evaluation.name)
			doc.remarks = f"benchmark {time.time()}"
			doc.save()
			plain.append(time.perf_counter() - t)
		plain_save = statistics.median(plain)

		t = time.perf_counter()
		evaluation.reload()
		evaluation.flags.ignore_workflow_guard = True  # the submit itself, not the workflow's steps
		evaluation.submit()
		submit = time.perf_counter() - t

		result = {
			"members": members,
			"criteria": criteria,
			"average": evaluation.average_score,
			"star": evaluation.star_rating,
			"all_sheets_s": round(all_sheets, 3),
			"per_sheet_median_s": round(statistics.median(sheet_times), 4),
			"compute_result_s": round(compute, 4),
			"submit_evaluation_s": round(submit, 4),
			"plain_get_doc_save_s": round(plain_save, 4),
			"ratio_compute_to_plain_save": round(compute / plain_save, 2),
			"ratio_submit_to_plain_save": round(submit / plain_save, 2),
			"ratio_per_sheet_to_plain_save": round(statistics.median(sheet_times) / plain_save, 2),
		}
		print(result)
		return result
	finally:
		frappe.db.rollback()


def options_of(criteria_set: str) -> dict[str, list[tuple]]:
	"""Each criterion's options (number, points, lowest star), as choose_for_target reads them."""
	options = {}
	for o in frappe.get_doc("OCOP Criteria Set", criteria_set).options:
		options.setdefault(o.criterion_code, []).append((o.option_no, o.points, o.min_star))
	return options


def filled_sheet(evaluation, user: str, options: dict, target: int):
	"""``user``'s draft score sheet on ``evaluation``, every criterion scored for about ``target``
	points, inserted as the current user."""
	sheet = frappe.get_doc(
		{"doctype": "OCOP Score Sheet", "evaluation": evaluation.name, "council_member": user}
	)
	sheet.criteria_set = evaluation.criteria_set
	sheet.set_rows()
	chosen = choose_for_target(options, target)
	for row in sheet.scores:
		row.option_no = chosen[row.criterion_code]
	sheet.insert()
	return sheet


def setup(members: int, criteria: int):
	from ocop_app.factories import make_producer

	group = frappe.get_doc(
		{"doctype": "OCOP Product Group", "group_name": f"Nhóm benchmark {frappe.generate_hash(length=5)}"}
	).insert()
	parts = (("A", 40), ("B", 25), ("C", 35))
	per_part = [criteria * 40 // 100, criteria * 25 // 100]
	per_part.append(criteria - sum(per_part))
	rows, options = [], []
	for (part, maximum), count in zip(parts, per_part, strict=True):
		base = [maximum // count] * count
		base[-1] += maximum - sum(base)
		for i, top in enumerate(base):
			code = f"{part}{i + 1}"
			rows.append(
				{
					"part": part,
					"criterion_code": code,
					"criterion_text": f"Tiêu chí {code}",
					"max_points": top,
				}
			)
			for points in sorted({0, top // 2, top}):
				options.append({"criterion_code": code, "option_text": f"{points} điểm", "points": points})
	criteria_set = frappe.get_doc(
		{
			"doctype": "OCOP Criteria Set",
			"title": "Benchmark",
			"rule_set": "148/QĐ-TTg",
			"product_group": group.name,
			"parts": [{"part": p, "part_name": p, "max_points": m} for p, m in parts],
			"criteria": rows,
			"options": options,
		}
	).insert()
	users = bench_users(members)
	council = frappe.get_doc(
		{
			"doctype": "OCOP Council",
			"council_name": "Hội đồng benchmark",
			"level": "District",
			"administrative_unit": "33",
			"year": 2024,
			"members": [{"user": u} for u in users],
		}
	).insert()
	product = frappe.get_doc(
		{
			"doctype": "OCOP Product",
			"product_name": "Sản phẩm benchmark",
			"producer": make_producer().name,
			"product_group": group.name,
		}
	).insert()
	return frappe.get_doc(
		{
			"doctype": "OCOP Evaluation",
			"product": product.name,
			"evaluation_level": "District",
			"evaluation_date": "2024-06-01",
			"council": council.name,
			"criteria_set": criteria_set.name,
			"field_inspection_minutes": "/files/bb.pdf",
			"field_inspection_date": "2024-06-01",
		}
	).insert()


def bench_users(count: int) -> list[str]:
	"""``count`` benchmark users (bench.hd0@ocop.vn, …), made if missing: the councils' members, and
	the members of the load's stock User Group saves."""
	users = []
	for i in range(count):
		email = f"bench.hd{i}@ocop.vn"
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{"doctype": "User", "email": email, "first_name": f"HĐ {i}", "send_welcome_email": 0}
			).insert(ignore_permissions=True)  # benchmark data, run by Administrator
		users.append(email)
	return users
