"""Benchmark: the reports at 10× national scale, and the producer import.

Run: scripts/benchmark reports   (on its own site, ocop-bench.localhost, never the test site)

Generates, once, 100,000 producers, 200,000 products and 20,000 certificates spread over the
2025 communes, and this year's cycle: 20,000 evaluations (those recognised this year linked from
their certificates) and the 34 provinces' annual plans with their targets (bulk inserts: this is
data for measuring, not a test of the controllers), then
times each report as the ministry (everything) and as a province official (scoped), next to the
plain frappe.get_list of the same rows in the same run. The import of 20,000 producers is timed
through the same code officials use, inside a transaction that is rolled back; the background
jobs it leaves (each producer's ERPNext Supplier and Bank Account) are timed on a sample.
"""

import os
import random
import statistics
import time

import frappe
from frappe.model.workflow import get_workflow
from frappe.utils import add_days, cint, now_datetime, today

from ocop_app.ocop_app.doctype.ocop_product.ocop_product import refresh_producer_stats
from ocop_app.ocop_app.report.ocop_plan_vs_achievement.ocop_plan_vs_achievement import certificates_counted
from ocop_app.rules import forwarding
from ocop_app.setup.demo import RESULT_ACTIONS

PRODUCERS, PRODUCTS, CERTIFICATES = 100_000, 200_000, 20_000
EVALUATIONS = 20_000  # this year's cycle
COUNTED_DOCTYPES = (
	"OCOP Producer",
	"OCOP Product",
	"OCOP Certificate",
	"OCOP Evaluation",
	"OCOP Plan Target",
)
IMPORT_ROWS = 20_000
SYNC_SAMPLE = 200
OFFICIAL = "bench.tinh@ocop.vn"
# the standard columns of every row bulk-inserted here
BASE_COLUMNS = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "idx")


def run(producers: int = PRODUCERS, products: int = PRODUCTS, certificates: int = CERTIFICATES) -> dict:
	frappe.set_user("Administrator")
	generate(producers, products, certificates)
	generate_cycle(EVALUATIONS)
	make_official()
	results = {"data": {d: frappe.db.count(d) for d in COUNTED_DOCTYPES}}
	results["reports"] = time_reports()
	results["import"] = time_import(IMPORT_ROWS)
	print(frappe.as_json(results))
	return results


def timed(fn, repeat: int = 3, clock=time.perf_counter) -> float:
	"""Seconds of one call by ``clock`` (wall time unless told), the median of ``repeat`` calls."""
	times = []
	for _ in range(repeat):
		started = clock()
		fn()
		times.append(clock() - started)
	return round(statistics.median(times), 3)


def cpu_clock():
	"""A clock of CPU seconds, this process's and the MariaDB server's, for ``timed``; None where the
	server's process cannot be read (another host). Wall time here swings by half from one minute to
	the next with the machine's other work; CPU time leaves out the waiting, though single samples
	still differ, so compare medians of several rounds."""
	server = server_cpu_reader()
	if server is None:
		return None
	return lambda: time.process_time() + server()


def server_cpu_reader():
	"""A function giving the MariaDB server's CPU seconds so far (from /proc), or None."""
	try:
		pid_file = frappe.db.sql("select @@pid_file")[0][0]
		with open(pid_file) as f:
			stat = f"/proc/{int(f.read().strip())}/stat"
		ticks = os.sysconf("SC_CLK_TCK")

		def read() -> float:
			with open(stat) as f:
				fields = f.read().rsplit(")", 1)[1].split()
			return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime

		read()
		return read
	except (OSError, ValueError, IndexError, frappe.db.OperationalError):
		return None


def time_reports() -> list[dict]:
	from frappe.desk.query_report import run as run_report

	year = now_datetime().year
	start, end = f"{year}-01-01", f"{year}-12-31"
	# (report, its filters, the DocType of the rows it reads, a plain get_list's filters for those rows)
	cases = [
		("OCOP Producer Register", {}, "OCOP Producer", {}),
		("OCOP Products by Star", {}, "OCOP Certificate", {"filters": {"status": "Hiệu lực"}}),
		(
			"OCOP Certificates Due",
			{"show": "Sắp hết hạn", "days": 365},
			"OCOP Certificate",
			{"filters": {"status": "Hiệu lực", "valid_to": ["<=", add_days(today(), 365)]}},
		),
		(
			"OCOP Evaluation Pipeline",
			{"year": year},
			"OCOP Evaluation",
			{"filters": {"evaluation_date": ["between", [start, end]]}},
		),
		# the certificates it counts, by the report's own conditions
		("OCOP Plan vs Achievement", {"year": year}, "OCOP Certificate", certificates_counted(year)),
	]
	rows = []
	cpu = cpu_clock()
	for user in ("Administrator", OFFICIAL):
		frappe.set_user(user)
		for report, filters, doctype, plain in cases:
			shown = {}
			report_s = timed(lambda: shown.update(run_report(report, filters=filters)))
			plain_s = timed(lambda: frappe.get_list(doctype, **plain, fields=["name"], limit_page_length=0))
			# stock Frappe reading the same rows with the report's own columns of that DocType
			fields = same_columns(doctype, shown.get("columns") or [])
			columns_s = timed(lambda: frappe.get_list(doctype, **plain, fields=fields, limit_page_length=0))
			report_cpu = plain_cpu = None
			if cpu:
				report_cpu = timed(lambda: run_report(report, filters=filters), clock=cpu)
				plain_cpu = timed(
					lambda: frappe.get_list(doctype, **plain, fields=["name"], limit_page_length=0),
					clock=cpu,
				)
			rows.append(
				{
					"report": report,
					"user": user,
					"report_s": report_s,
					"plain_get_list_s": plain_s,
					"ratio": round(report_s / plain_s, 2) if plain_s else None,
					"same_columns_get_list_s": columns_s,
					"ratio_to_same_columns": round(report_s / columns_s, 2) if columns_s else None,
					# CPU seconds (this process + MariaDB): steadier than wall time on a shared machine
					"report_cpu_s": report_cpu,
					"plain_get_list_cpu_s": plain_cpu,
					"cpu_ratio": round(report_cpu / plain_cpu, 2) if report_cpu and plain_cpu else None,
				}
			)
	frappe.set_user("Administrator")
	return rows


def same_columns(doctype: str, columns: list) -> list[str]:
	"""The report's columns that are fields of ``doctype`` (with its name), for a get_list of the same data."""
	meta = frappe.get_meta(doctype)
	fields = ["name"]
	for column in columns:
		fieldname = column.get("fieldname") if isinstance(column, dict) else None
		if fieldname and fieldname not in fields and meta.has_field(fieldname):
			fields.append(fieldname)
	return fields


def time_import(rows_in_file: int) -> dict:
	import pandas as pd

	from ocop_app.accounting.supplier import sync_producers
	from ocop_app.data_exchange import TEMPLATES, import_rows
	from ocop_app.factories import random_digits, random_tax_id

	rows = [
		{
			"Tên chủ thể": f"HTX nhập đo {i}",
			"Loại hình": "Hợp tác xã",
			"Mã số thuế": random_tax_id(),
			"Tỉnh": "Hưng Yên",
			"Xã/phường": "Xã Đông Hưng",
			"Ngân hàng": "Agribank",
			"Số tài khoản": random_digits(13),
			"Chủ tài khoản": f"HTX NHAP DO {i}",
		}
		for i in range(rows_in_file)
	]
	frame = pd.DataFrame([{c: r.get(c, "") for c in TEMPLATES["producers"]} for r in rows]).fillna("")
	frappe.db.commit()
	started = time.perf_counter()
	result = import_rows("producers", frame)
	seconds = time.perf_counter() - started
	# the background jobs the import leaves (Suppliers and Bank Accounts), timed on a sample
	names = frappe.get_all(
		"OCOP Producer", filters={"producer_name": ["like", "HTX nhập đo %"]}, pluck="name", limit=SYNC_SAMPLE
	)
	started = time.perf_counter()
	sync_producers(names)
	sync_s = time.perf_counter() - started
	frappe.db.rollback()
	return {
		"rows": rows_in_file,
		"inserted": result["inserted"],
		"row_errors": len(result["errors"]),
		"seconds": round(seconds, 2),
		"rows_per_s": round(rows_in_file / seconds, 1),
		"background_supplier_sync_per_producer_s": round(sync_s / len(names), 4) if names else None,
	}


def make_official() -> None:
	from ocop_app.factories import make_user

	make_user(OFFICIAL, "OCOP Province Officer", "01")  # Hà Nội, the largest province
	frappe.db.commit()


def generate(producers: int, products: int, certificates: int) -> None:
	have = frappe.db.count("OCOP Product")
	if have >= products:
		return
	rng = random.Random(2026)
	communes = frappe.get_all(
		"OCOP Administrative Unit",
		filters={"is_legacy": 0, "level": "Commune"},
		fields=["name", "parent_ocop_administrative_unit as province"],
	)
	groups = frappe.get_all("OCOP Product Group", filters={"is_group": 0}, pluck="name")
	now, user = now_datetime(), "Administrator"
	forms = ("Doanh nghiệp", "Hợp tác xã", "Tổ hợp tác", "Hộ kinh doanh")

	producer_rows, producer_units = [], []
	for i in range(producers):
		unit = rng.choice(communes)
		name = f"BENCH-CT-{i:06d}"
		producer_units.append((name, unit))
		producer_rows.append(
			[
				name,
				now,
				now,
				user,
				user,
				0,
				0,
				f"Chủ thể đo {i}",
				forms[i % 4],
				f"9{i:09d}",
				unit.name,
				unit.province,
				rng.random() < 0.3,
				rng.random() < 0.1,
			]
		)
	frappe.db.bulk_insert(
		"OCOP Producer",
		[
			*BASE_COLUMNS,
			"producer_name",
			"legal_form",
			"tax_id",
			"administrative_unit",
			"province",
			"women_led",
			"ethnic_minority_led",
		],
		producer_rows,
		ignore_duplicates=True,
		chunk_size=10_000,
	)
	product_rows, certificate_rows = [], []
	for i in range(products):
		producer, unit = producer_units[i % producers]
		star = rng.choice((0, 0, 0, 3, 3, 4, 5))
		name, group = f"BENCH-SP-{i:06d}", rng.choice(groups)
		product_rows.append(
			[
				name,
				now,
				now,
				user,
				user,
				0,
				0,
				f"Sản phẩm đo {i}",
				producer,
				f"Chủ thể đo {i % producers}",
				group,
				unit.name,
				unit.province,
				star,
				"Đã tiếp nhận",
			]
		)
		if star and len(certificate_rows) < certificates:
			start = add_days(today(), -rng.randint(0, 1000))
			certificate_rows.append(
				[
					f"BENCH-GCN-{i:06d}",
					now,
					now,
					user,
					user,
					0,
					0,
					f"BENCH-GCN-{i:06d}",
					name,
					f"Sản phẩm đo {i}",
					group,
					producer,
					unit.name,
					unit.province,
					star,
					"Hiệu lực",
					start,
					add_days(start, 1095),
				]
			)
	frappe.db.bulk_insert(
		"OCOP Product",
		[
			*BASE_COLUMNS,
			"product_name",
			"producer",
			"producer_name",
			"product_group",
			"administrative_unit",
			"province",
			"star_rating",
			"workflow_state",
		],
		product_rows,
		ignore_duplicates=True,
		chunk_size=10_000,
	)
	frappe.db.bulk_insert(
		"OCOP Certificate",
		[
			*BASE_COLUMNS,
			"certificate_no",
			"product",
			"product_name",
			"product_group",
			"producer",
			"administrative_unit",
			"province",
			"star",
			"status",
			"valid_from",
			"valid_to",
		],
		certificate_rows,
		ignore_duplicates=True,
		chunk_size=10_000,
	)
	refresh_producer_stats()  # what the products' own hooks keep, done once for the bulk rows
	frappe.db.commit()


def generate_cycle(evaluations: int) -> None:
	"""This year's cycle on the generated products: ``evaluations`` evaluations (the first products';
	those holding a certificate issued this year are recognised, one in five as an upgrade, and linked
	from the certificate), and an annual plan per province with targets for it and three communes."""
	year, day = now_datetime().year, today()
	if frappe.db.count("OCOP Evaluation", {"name": ["like", "BENCH-DG-%"]}) < evaluations:
		insert_evaluations(evaluations, year, day)
	insert_plans(year)
	frappe.db.commit()


def evaluation_states() -> tuple[tuple[str, ...], dict[str, str]]:
	"""The evaluation workflow's open states (a draft evaluation's), and the state each council result
	concludes in (by the action the desk takes for it): read from the active Workflow, which an
	administrator may have edited, not written again here."""
	workflow = get_workflow("OCOP Evaluation")
	open_states = tuple(s.state for s in workflow.states if cint(s.doc_status) == 0)
	next_state = {t.action: t.next_state for t in workflow.transitions}
	return open_states, {result: next_state[action] for result, action in RESULT_ACTIONS.items()}


def insert_evaluations(evaluations: int, year: int, day: str) -> None:
	rng = random.Random(year)
	products = frappe.get_all(
		"OCOP Product",
		filters={"name": ["like", "BENCH-SP-%"]},
		fields=["name", "product_name", "product_group", "producer", "administrative_unit"],
		order_by="name asc",
		limit=evaluations,
	)
	recognised = dict(
		frappe.get_all(
			"OCOP Certificate",
			filters={"name": ["like", "BENCH-GCN-%"], "valid_from": [">=", f"{year}-01-01"]},
			fields=["product", "star"],
			as_list=True,
		)
	)
	open_states, concluded = evaluation_states()
	deadline = f"{year}-10-31"
	now, user = now_datetime(), "Administrator"
	rows = []
	for i, product in enumerate(products):
		star = recognised.get(product.name)
		if star:
			state, docstatus = concluded[forwarding.PASSED], 1
			score = 50 + 10 * (star - 3) + rng.randint(0, 9)
		else:
			state = rng.choice((*open_states, concluded[forwarding.FAILED], concluded[forwarding.FORWARD]))
			docstatus = 0 if state in open_states else 1
			score = rng.randint(20, 69) if docstatus else 0
		rows.append(
			[
				f"BENCH-DG-{i:06d}",
				now,
				now,
				user,
				user,
				docstatus,
				0,
				"OCOP-DG-.YYYY.-",
				product.name,
				product.product_name,
				product.product_group,
				product.producer,
				product.administrative_unit,
				rng.choice(("Commune", "Province")),
				add_days(f"{year}-01-01", rng.randint(0, 300)),
				int(bool(star) and rng.random() < 0.2),
				score,
				star or 0,
				state,
				deadline,
				int(docstatus == 0 and deadline < day),
			]
		)
	frappe.db.bulk_insert(
		"OCOP Evaluation",
		[
			*BASE_COLUMNS,
			"naming_series",
			"product",
			"product_name",
			"product_group",
			"producer",
			"administrative_unit",
			"evaluation_level",
			"evaluation_date",
			"is_upgrade",
			"average_score",
			"star_rating",
			"workflow_state",
			"deadline",
			"is_overdue",
		],
		rows,
		ignore_duplicates=True,
		chunk_size=10_000,
	)
	# the certificates issued this year come from those evaluations (same number as the product)
	frappe.db.sql(
		"""update `tabOCOP Certificate` set evaluation = replace(name, 'BENCH-GCN-', 'BENCH-DG-')
		where name like 'BENCH-GCN-%%' and valid_from >= %s and replace(name, 'BENCH-GCN-', 'BENCH-DG-') in
		(select name from `tabOCOP Evaluation` where name like 'BENCH-DG-%%')""",
		f"{year}-01-01",
	)


PLAN_METRICS = ("New products ≥3★", "Upgraded products", "Products ≥3★ (cumulative)", "Points of sale")


def insert_plans(year: int) -> None:
	"""Each province's plan for ``year``: its four targets and a "new products" target for three of
	its communes (made once: plans already there are kept)."""
	rng = random.Random(year + 1)
	provinces = frappe.get_all(
		"OCOP Administrative Unit", filters={"is_legacy": 0, "level": "Province"}, pluck="name"
	)
	now, user = now_datetime(), "Administrator"
	plans, targets = [], []
	for province in provinces:
		name = f"KH-{year}-{province}"
		if frappe.db.exists("OCOP Annual Plan", name):
			continue
		plans.append([name, now, now, user, user, 0, 0, f"Kế hoạch OCOP {year} (đo)", year, province])
		communes = frappe.get_all(
			"OCOP Administrative Unit", filters={"parent_ocop_administrative_unit": province}, pluck="name"
		)
		rows = [(metric, rng.randint(10, 200), None) for metric in PLAN_METRICS]
		rows += [
			("New products ≥3★", rng.randint(1, 5), c) for c in rng.sample(communes, min(3, len(communes)))
		]
		for idx, (metric, value, sub_unit) in enumerate(rows, 1):
			targets.append(
				[
					frappe.generate_hash(length=10),
					now,
					now,
					user,
					user,
					0,
					idx,
					name,
					"OCOP Annual Plan",
					"targets",
					metric,
					value,
					sub_unit,
				]
			)
	frappe.db.bulk_insert(
		"OCOP Annual Plan",
		[*BASE_COLUMNS, "plan_title", "year", "administrative_unit"],
		plans,
		ignore_duplicates=True,
	)
	frappe.db.bulk_insert(
		"OCOP Plan Target",
		[*BASE_COLUMNS, "parent", "parenttype", "parentfield", "metric", "target_value", "sub_unit"],
		targets,
		ignore_duplicates=True,
	)
