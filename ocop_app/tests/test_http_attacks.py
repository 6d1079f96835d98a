# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The trust boundary, proven from outside: an attack suite over HTTP against a real gunicorn server.

A gunicorn server (SERVER_WORKERS ≥ 2 workers, loopback only) serves the test site while the tests run. Real users
hold only their OCOP role and one unit, log in over HTTP and try every read and write path on
every OCOP DocType and child table, on a record of their own scope and on one of another province.
The cases are generated from the table below (``SCOPED``: DocType → unit field and unit level;
child tables come from the DocTypes' metadata; ``ROLES``; ``READ_PATHS`` / ``WRITE_PATHS``), every
(role, DocType, path) cell is counted, and each leak is listed with its role, DocType and path:

    OCOP attack matrix: N cells, M leaks

National catalogues are read by everybody; the officials' attempts to change them (CATALOGUE_WRITES)
are write cells too. So are submit and cancel on their own (SUBMIT_PATHS), every whitelisted method
of the app called with the other province's record (METHOD_CELLS), the Excel importers with a file
naming the other province's product and producer (IMPORT_KINDS), ERPNext's accounting reports run
with the other province's company (ERPNEXT_REPORTS), and one official signed in with an API key and
secret instead of a password (TOKEN).

A read leaks when the answer carries the other record (its name is unique, so it is looked for in
the answer's data); a write leaks when the database changed. The records are written straight to
the database (db_insert, minimal but linked within their side), committed — the server reads in
its own connections — and removed in tearDownClass, with the users.

Also: 20 concurrent pays of one claim by a finance officer make exactly one Payment Entry, and
concurrent approvals never take more than a fund holds; and the public certificate page over HTTP
(404, escaping, rate limit counted atomically across workers).
"""

import atexit
import json
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_bench_path, nowdate, today
from frappe.utils.password import update_password

from ocop_app.factories import make_user
from ocop_app.setup.roles import SYSTEM_ADMINISTRATOR

# ---------------------------------------------------------------------------------- the table
# Switch to ocop_app.security_matrix when it lands; keep this shape: data, not code.
PROVINCE_A, COMMUNE_A = "33", "33-12688"  # Hưng Yên, Xã Đông Hưng
PROVINCE_B, COMMUNE_B = "01", "01-00583"  # Hà Nội, Xã Bát Tràng: the other scope for everybody

# DocType → (the field that holds its unit, or None when scoped through a link; the unit's level)
SCOPED = {
	"OCOP Producer": ("administrative_unit", "commune"),
	"OCOP Product": ("administrative_unit", "commune"),
	"OCOP Council": ("administrative_unit", "province"),
	"OCOP Evaluation": ("administrative_unit", "commune"),
	"OCOP Score Sheet": ("administrative_unit", "commune"),
	"OCOP Certificate": ("administrative_unit", "commune"),
	"OCOP Recognition Decision": ("issuing_unit", "province"),
	"OCOP Revocation Decision": ("issuing_unit", "province"),
	"OCOP Subsidy Claim": ("administrative_unit", "commune"),
	"OCOP Fund": ("administrative_unit", "province"),
	"OCOP Annual Plan": ("administrative_unit", "province"),
	"OCOP Cycle": ("administrative_unit", "province"),
	"OCOP Support Policy": ("province", "province"),
	"OCOP Payment Batch": (None, "province"),  # through its fund
	"OCOP Inspection Plan": ("administrative_unit", "province"),
	"OCOP Inspection": ("administrative_unit", "commune"),
	"OCOP Periodic Report": ("administrative_unit", "commune"),
	"OCOP Stamp Batch": ("administrative_unit", "commune"),
	"OCOP Producer Account": ("administrative_unit", "commune"),
	"OCOP Producer Change Request": ("administrative_unit", "commune"),
}

# national catalogues every official reads and only the administrator changes (no unit: no cells)
CATALOGUES = (
	"OCOP Administrative Unit",
	"OCOP Product Group",
	"OCOP Rule Set",
	"OCOP Criteria Set",
	"OCOP Dossier Item Type",
	"OCOP Support Type",
	"OCOP Inspection Checklist",
)

# records of the official who started them (a background import or export): no unit, so no cells
# here; owner vs another official on every read path in ocop_app/tests/test_data_jobs.py
OWNED = ("OCOP Data Job",)

# catalogues whose records the write cells try to change (the officials only read them); the two
# trees are left out: a delete that got through would renumber the whole tree of the test site
CATALOGUE_WRITES = (
	"OCOP Rule Set",
	"OCOP Criteria Set",
	"OCOP Dossier Item Type",
	"OCOP Support Type",
	"OCOP Inspection Checklist",
)

try:  # the role × DocType matrix (docs/phan-quyen.md), when this branch has it
	from ocop_app import security_matrix
except ImportError:
	security_matrix = None

# role → the unit its test user is given (User Permission on the unit tree)
ROLES = {
	"OCOP Commune Officer": COMMUNE_A,
	"OCOP District Officer": PROVINCE_A,
	"OCOP Province Officer": PROVINCE_A,
	"OCOP Council Member": PROVINCE_A,
	"OCOP Approver": PROVINCE_A,
	"OCOP Finance Officer": PROVINCE_A,
}

# paths tried on every DocType (children: those marked so)
READ_PATHS = (
	# name, applies to child tables
	("rest_list", True),
	("client_get_list", True),
	("reportview_get", False),
	("rest_get", True),
	("client_get", True),
	("get_value", True),
	("get_count", True),
	("search_link", True),
	("search_link_ignore_user_permissions", True),
	("export", False),
	("print", False),
	("file", False),
	("report", False),
	("report_export", False),  # the desk's "Xuất" (Excel) of the same reports (ocop_app.api.report_export)
)
WRITE_PATHS = (
	("set_value", True),
	("save", False),
	("insert", False),
	("workflow_action", False),
	("delete", False),
	# submit and cancel as their own paths (submittable DocTypes): frappe.client and a PUT of docstatus
	("submit", False),
	("cancel", False),
	("save_docstatus_1", False),
	("save_docstatus_2", False),
	# the other record sent with its unit changed to the user's own (frappe checks after the change)
	("set_value_moved_unit", False),
	("save_moved_unit", False),
	("cancel_moved_unit", False),
)
SUBMIT_PATHS = ("submit", "cancel", "save_docstatus_1", "save_docstatus_2", "cancel_moved_unit")

# the app's whitelisted methods (grep @frappe.whitelist in ocop_app), each called by every official
# with the other province's record: (method, DocType of the record, argument, how a leak shows).
# "refused": anything but HTTP 403 is a leak (the scope check must come first); "data": the other
# province's records must not come back. Every call also must leave the record unchanged.
# Not here: link search, get_count and workflow actions (READ_PATHS, WRITE_PATHS), the national
# catalogues (criteria set import/export, unit tree), the money cards (sums through frappe.get_list).
_DT = "ocop_app.ocop_app.doctype."
METHOD_CELLS = (
	(
		_DT + "ocop_evaluation.ocop_evaluation.make_next_level_evaluation",
		"OCOP Evaluation",
		"evaluation",
		"refused",
	),
	(
		_DT + "ocop_score_sheet.ocop_score_sheet.get_scoring_context",
		"OCOP Evaluation",
		"evaluation",
		"refused",
	),
	(
		_DT + "ocop_inspection.ocop_inspection.make_revocation_decision",
		"OCOP Inspection",
		"source_name",
		"refused",
	),
	(
		_DT + "ocop_periodic_report.ocop_periodic_report.export_xlsx",
		"OCOP Periodic Report",
		"name",
		"refused",
	),
	(_DT + "ocop_payment_batch.ocop_payment_batch.resume_payments", "OCOP Payment Batch", "batch", "refused"),
	(
		_DT + "ocop_payment_batch.ocop_payment_batch.download_transfer_file",
		"OCOP Payment Batch",
		"batch",
		"refused",
	),
	(_DT + "ocop_payment_batch.ocop_payment_batch.get_approved_claims", "OCOP Fund", "fund", "data"),
	("ocop_app.accounting.claims.pay_claim", "OCOP Subsidy Claim", "claim", "refused"),
	("ocop_app.accounting.companies.company_for_fund_unit", "OCOP Administrative Unit", "unit", "refused"),
	("ocop_app.data_exchange.export_recognised_products", "OCOP Administrative Unit", "province", "data"),
	(
		"ocop_app.data_exchange.start_recognised_products_export",
		"OCOP Administrative Unit",
		"province",
		"data",
	),
	("ocop_app.setup.workflows.restore_workflow", "Workflow", "workflow", "refused"),
	("ocop_app.workflow_guard.bulk_workflow_approval", "OCOP Subsidy Claim", "docnames", "data"),
	# controller methods, through frappe's run_doc_method
	("OCOP Periodic Report.refresh_figures", "OCOP Periodic Report", None, "refused"),
	("OCOP Inspection Plan.sample_products", "OCOP Inspection Plan", None, "refused"),
	("OCOP Inspection Plan.make_inspections", "OCOP Inspection Plan", None, "refused"),
	# the commune officer's decision on a producer's portal account
	("OCOP Producer Account.confirm", "OCOP Producer Account", None, "refused"),
	("OCOP Producer Account.refuse", "OCOP Producer Account", None, "refused"),
	("OCOP Producer Change Request.apply_request", "OCOP Producer Change Request", None, "refused"),
	# the producer portal's pages (ocop_app.portal): an official is no producer user
	("ocop_app.portal.products.upload_evidence", "OCOP Product", "product", "refused"),
	("ocop_app.portal.products.upload_dossier_item", "OCOP Product", "product", "refused"),
	("ocop_app.portal.products.certificate_pdf", "OCOP Certificate", "certificate", "refused"),
	("ocop_app.portal.support.file_claim", "OCOP Product", "product", "refused"),
)
# ERPNext's accounting reports, run with the other province's company: refused (OCOP roles hold
# none of the report's roles), or, if ever allowed, nothing of that company's books
ERPNEXT_REPORTS = ("General Ledger", "Trial Balance", "Accounts Payable", "Balance Sheet")
# the Excel importers (ocop_app.data_exchange.import_file) with a file naming the other province's
# product and producer: every row refused, nothing written
IMPORT_KINDS = ("products", "recognitions")
# one official also signs in with an API key and secret: the same cells, through token auth
TOKEN_ROLE = "OCOP Province Officer"
TOKEN = TOKEN_ROLE + " (token)"
ATTACKERS = (*ROLES, TOKEN)
# how a request is signed in does not change which path it takes: the token tries the record reads
TOKEN_READ_PATHS = (
	"rest_list",
	"client_get_list",
	"rest_get",
	"client_get",
	"get_value",
	"get_count",
	"print",
	"file",
)
OWN_READ_PATHS = ("rest_list", "client_get_list", "rest_get", "get_value", "get_count", "print")
# the producer portal: a confirmed website user of side A's producer (ocop_app.portal); what it
# reads of its own producer (security_matrix.PRODUCER_FIELDS) comes back through these paths
PRODUCER = "OCOP Producer User"
PRODUCER_USER = "test.atk.producer-user@example.vn"
# upload_file onto the other side's record, by every attacker and the producer user
UPLOAD_DOCTYPES = ("OCOP Producer", "OCOP Product", "OCOP Evaluation", "OCOP Subsidy Claim")
PRODUCER_OWN_PATHS = ("rest_list", "client_get_list", "rest_get", "client_get", "get_value", "get_count")

UNITS = {
	"A": {"commune": COMMUNE_A, "province": PROVINCE_A},
	"B": {"commune": COMMUNE_B, "province": PROVINCE_B},
}
ADMIN = SYSTEM_ADMINISTRATOR
PASSWORD = "Atk!" + frappe.generate_hash(length=16)
SERVER_WORKERS = 3  # ≥ 2, so that requests are served in parallel
CLIENT_THREADS = 6
REQUEST_TIMEOUT = 120  # seconds
M = 1_000_000


def base_role(role: str) -> str:
	"""The OCOP role of an attacker (the token attacker is its role's official, signed in by key)."""
	return role.removesuffix(" (token)")


def user_of(role: str) -> str:
	return "test.atk." + role.removeprefix("OCOP ").lower().replace(" ", "-") + "@ocop.vn"


# ---------------------------------------------------------------------------------- the server
class BoundedSession(requests.Session):
	"""Every request has a time limit: a stuck server fails the test instead of hanging it."""

	def request(self, *args, **kwargs):
		kwargs.setdefault("timeout", REQUEST_TIMEOUT)
		return super().request(*args, **kwargs)


class Server:
	"""gunicorn serving the bench's sites on a free loopback port, for this test run only."""

	def __init__(self, site: str):
		self.site = site
		bench = Path(get_bench_path())
		with socket.socket() as s:
			s.bind(("127.0.0.1", 0))
			self.port = s.getsockname()[1]
		self.log = tempfile.NamedTemporaryFile(prefix="ocop-attack-gunicorn-", suffix=".log", delete=False)
		self.process = subprocess.Popen(
			[
				str(bench / "env" / "bin" / "gunicorn"),
				"-b",
				f"127.0.0.1:{self.port}",
				"-w",
				str(SERVER_WORKERS),
				"-t",
				"120",
				"--chdir",
				str(bench / "sites"),
				"frappe.app:application",
			],
			stdout=self.log,
			stderr=subprocess.STDOUT,
			start_new_session=True,
		)
		self.url = f"http://127.0.0.1:{self.port}"
		atexit.register(self.stop)  # even if the test runner never reaches tearDownClass

	def wait_ready(self):
		"""Until the server answers (it boots while the test data is being made)."""
		deadline = time.monotonic() + 90
		while time.monotonic() < deadline:
			if self.process.poll() is not None:
				raise RuntimeError(f"gunicorn stopped: {Path(self.log.name).read_text()[-2000:]}")
			try:
				if requests.get(f"{self.url}/api/method/ping", headers=self.headers(), timeout=60).ok:
					return
			except (requests.ConnectionError, requests.Timeout):
				pass
			time.sleep(0.3)  # waiting for the server to listen, not for an outcome
		raise RuntimeError("gunicorn did not answer within 90 s")

	def headers(self) -> dict:
		return {"X-Frappe-Site-Name": self.site, "Host": self.site}

	def session(self, user: str | None = None) -> requests.Session:
		session = BoundedSession()
		session.headers.update(self.headers())
		if user:
			response = session.post(f"{self.url}/api/method/login", data={"usr": user, "pwd": PASSWORD})
			if response.status_code != 200:
				raise AssertionError(f"{user} cannot log in: {response.status_code} {response.text[:300]}")
		return session

	def stop(self):
		"""gunicorn and its workers (its own process group) end with the test class."""
		if self.process.poll() is None:
			os.killpg(self.process.pid, signal.SIGTERM)
			try:
				self.process.wait(timeout=20)
			except subprocess.TimeoutExpired:
				os.killpg(self.process.pid, signal.SIGKILL)
				self.process.wait()
		if not self.log.closed:
			self.log.close()
			os.unlink(self.log.name)


# ---------------------------------------------------------------------------------- records
def probe_field(doctype: str) -> str | None:
	"""A Data field to read and write through the paths (the record's name is the marker)."""
	meta = frappe.get_meta(doctype)
	for df in meta.fields:
		if df.fieldtype == "Data" and not df.options and not df.unique and (df.length or 140) >= 40:
			return df.fieldname
	return None


class World:
	"""One linked set of raw records per side (A: the users' scope, B: another province)."""

	def __init__(self, run: str):
		self.run = run
		self.records = {"A": {}, "B": {}}  # side → doctype → name
		self.children = {"A": {}, "B": {}}  # side → child doctype → name
		self.child_parent = {}  # child doctype → (parent doctype, table field)
		self.files = {}  # record name → url of its private attachment
		self.parent_of = {}  # child row name → parent name
		self.snapshots = {}  # name → (doc dict) to put back what a leaking delete removed

	def name(self, side: str, doctype: str) -> str:
		return f"ATK{self.run}-{side}-" + doctype.removeprefix("OCOP ").replace(" ", "")

	def build(self, council_member: str):
		for side in "AB":
			for doctype in SCOPED:
				self.records[side][doctype] = self.name(side, doctype)
		from ocop_app.accounting.companies import setup_province_companies

		setup_province_companies([PROVINCE_A, PROVINCE_B])
		for side in "AB":
			for doctype in SCOPED:
				self.insert(side, doctype, council_member)
		for doctype in CATALOGUE_WRITES:  # one record each, without rows: only written to
			self.records["B"][doctype] = self.name("B", doctype)
			self.insert("B", doctype, council_member)

	def value_for(self, side: str, doctype: str, df, name: str):
		units = UNITS[side]
		level = SCOPED.get(doctype, (None, "commune"))[1]
		if df.fieldtype == "Link":
			if df.options == "OCOP Administrative Unit":
				return units["province"] if df.fieldname == "province" else units[level]
			if df.options in SCOPED:
				return self.records[side][df.options]
			if df.options == "Company":  # each province keeps its own books
				from ocop_app.accounting.companies import ensure_province_company

				return ensure_province_company(units["province"])
			return None
		if df.fieldtype == "Data" and not df.options:
			return f"{name} {df.fieldname}"[: df.length or 140]
		if df.fieldtype == "Select" and df.options:
			options = [o for o in df.options.split("\n") if o]
			return options[0] if options else None
		if df.fieldtype == "Int" and df.fieldname in ("year", "fiscal_year"):
			return int(nowdate()[:4])
		if df.fieldtype == "Int" and df.fieldname == "star":
			return 3
		if df.fieldtype == "Date":
			return add_days(today(), 20) if df.fieldname == "valid_to" else add_days(today(), -30)
		return None

	def insert(self, side: str, doctype: str, council_member: str):
		name = self.records[side][doctype]
		meta = frappe.get_meta(doctype)
		values = {"doctype": doctype, "name": name}
		for df in meta.fields:
			value = self.value_for(side, doctype, df, name)
			if value is not None:
				values[df.fieldname] = value
		if doctype == "OCOP Certificate":
			values.update(status="Hiệu lực", check_code="ATKCODE" + side)
		if doctype == "OCOP Support Policy":
			values["effective_from"] = "2000-01-01"
		workflow = frappe.get_all(
			"Workflow",
			filters={"document_type": doctype, "is_active": 1},
			fields=["name", "workflow_state_field"],
		)
		if workflow:
			first = frappe.get_all(
				"Workflow Document State",
				filters={"parent": workflow[0].name},
				pluck="state",
				order_by="idx",
				limit=1,
			)
			values[workflow[0].workflow_state_field] = first[0]
		doc = frappe.get_doc(values)
		doc.owner = doc.modified_by = "Administrator"
		doc.db_insert()
		catalogue = doctype in CATALOGUE_WRITES
		for df in [] if catalogue else meta.get_table_fields():
			child = df.options
			self.child_parent[child] = (doctype, df.fieldname)
			child_name = f"{name}-{child.removeprefix('OCOP ').replace(' ', '')}"
			row = {"doctype": child, "name": child_name, "parent": name, "parenttype": doctype}
			row.update(parentfield=df.fieldname, idx=1)
			for cdf in frappe.get_meta(child).fields:
				value = self.value_for(side, doctype, cdf, child_name)
				if value is not None:
					row[cdf.fieldname] = value
				if cdf.fieldtype == "Link" and cdf.options == "User":
					row[cdf.fieldname] = council_member if side == "A" else ADMIN
			frappe.get_doc(row).db_insert()
			self.children[side][child] = child_name
			self.parent_of[child_name] = name
		self.snapshots[name] = frappe.get_doc(doctype, name).as_dict()
		if catalogue:
			return
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{name.lower()}.txt",
				"is_private": 1,
				"content": f"{name} private attachment",
				"attached_to_doctype": doctype,
				"attached_to_name": name,
			}
		).insert(ignore_permissions=True)
		self.files[name] = file.file_url

	def put_back(self, doctype: str, name: str):
		"""A leaking delete removed a record: write it back for the next cells."""
		snapshot = self.snapshots[name]
		doc = frappe.get_doc(snapshot)
		doc.db_insert()
		for df in frappe.get_meta(doctype).get_table_fields():
			for row in snapshot.get(df.fieldname) or []:
				if not frappe.db.exists(df.options, row["name"]):
					frappe.get_doc(row).db_insert()
		frappe.db.commit()

	def remove(self, tag: str | None = None):
		like = f"ATK{tag or self.run}-%"
		for doctype in [*SCOPED, *CATALOGUE_WRITES, *self.child_parent]:
			frappe.db.delete(doctype, {"name": ["like", like]})
		for doctype in [*SCOPED, *CATALOGUE_WRITES]:
			data_fields = [df.fieldname for df in frappe.get_meta(doctype).fields if df.fieldtype == "Data"]
			for field in ("name", *data_fields):
				frappe.db.delete(doctype, {field: ["like", f"ATK{tag or self.run}%"]})
		for file in frappe.get_all("File", filters={"attached_to_name": ["like", like]}, pluck="name"):
			frappe.delete_doc("File", file, force=True, ignore_permissions=True)


# ---------------------------------------------------------------------------------- users
def ensure_dedicated_admin():
	"""The site's system administrator (made by the install before any official, so that frappe
	gives none of them System Manager) is there; an earlier version of this suite made its own."""
	from ocop_app.setup.roles import ensure_system_administrator

	if frappe.db.exists("User", "test.quantri.attack@ocop.vn"):
		frappe.delete_doc("User", "test.quantri.attack@ocop.vn", force=True, ignore_permissions=True)
	ensure_system_administrator()


def make_official(role: str, unit: str) -> str:
	email = user_of(role)
	frappe.db.delete("User Permission", {"user": email})  # this unit only, whatever an earlier run gave
	make_user(email, role, unit)
	update_password(email, PASSWORD)
	return email


def make_api_key(email: str) -> str:
	"""An API key and secret for ``email``: the Authorization header a script would send."""
	user = frappe.get_doc("User", email)
	user.api_key = frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	user.api_secret = secret
	user.save(ignore_permissions=True)  # test set-up, as the site's administrator would
	return f"token {user.api_key}:{secret}"


def remove_officials():
	for role in ROLES:
		email = user_of(role)
		frappe.db.delete("User Permission", {"user": email})
		if frappe.db.exists("User", email):
			frappe.delete_doc("User", email, force=True, ignore_permissions=True)


# ---------------------------------------------------------------------------------- money
MONEY_UNIT = "33-12970"  # Xã Tiền Hải, Hưng Yên: apart from the other tests' communes


def make_money() -> dict:
	"""A fund of 12 million, one approved 5-million claim to pay, and five 5-million claims of five
	products waiting for the leader's approval, made as the officials' workflow makes them; with the
	funds and certificates made for them, for remove_money."""
	from ocop_app.factories import certificate_in, make_fund, make_policy
	from ocop_app.ocop_app.doctype.ocop_subsidy_claim.test_ocop_subsidy_claim import approve, packaging_claim
	from ocop_app.workflow_guard import apply_action

	make_policy()
	certificates, funds = [], []

	def claim(fund: str) -> "frappe.model.document.Document":
		certificates.append(certificate_in(MONEY_UNIT, 3, "2025-01-01"))
		return packaging_claim(frappe.db.get_value("OCOP Certificate", certificates[-1], "product"), fund)

	funds.append(make_fund(1_000 * M))
	paid_claim = approve(claim(funds[-1])).name
	funds.append(make_fund(12 * M))
	approval_claims = []
	for _ in range(5):
		doc = claim(funds[-1])
		for action in ("Xã xác nhận", "Chuyển thẩm định"):
			doc = apply_action(doc, action)
		approval_claims.append(doc.name)
	return {
		"paid_claim": paid_claim,
		"fund": funds[-1],
		"approval_claims": approval_claims,
		"funds": funds,
		"certificates": certificates,
	}


def remove_money(money: dict):
	"""Remove what the money tests committed: payments and posted claims cancelled first, then the
	claims, their funds, and each certificate with its product and producer."""
	from ocop_app.ocop_app.doctype.ocop_subsidy_claim.test_ocop_subsidy_claim import remove_committed

	remove_committed([money["paid_claim"], *money["approval_claims"]], money["funds"], money["certificates"])
	frappe.db.commit()


class approved_for_a_moment:
	"""The other province's claim as approved while the methods are tried (pay, approved claims)."""

	def __init__(self, claim: str):
		self.claim = claim

	def __enter__(self):
		self.status = frappe.db.get_value("OCOP Subsidy Claim", self.claim, "status")
		frappe.db.set_value(
			"OCOP Subsidy Claim", self.claim, {"docstatus": 1, "status": "Đã duyệt"}, update_modified=False
		)
		frappe.db.commit()

	def __exit__(self, *exc):
		frappe.db.rollback()
		frappe.db.set_value(
			"OCOP Subsidy Claim", self.claim, {"docstatus": 0, "status": self.status}, update_modified=False
		)
		frappe.db.commit()


# ---------------------------------------------------------------------------------- answers
def payload(response: requests.Response) -> str:
	"""What the answer gives away: its data, not the error messages that name what was refused."""
	if response.status_code >= 400:
		return ""
	if "json" not in response.headers.get("Content-Type", ""):
		return response.text
	try:
		body = response.json()
	except ValueError:
		return response.text
	return json.dumps({k: v for k, v in body.items() if k in ("message", "data", "docs", "docinfo")})


def xlsx_text(response: requests.Response) -> str:
	"""The cells of an exported workbook, as text ("" when the export was refused)."""
	import io

	from openpyxl import load_workbook

	if response.status_code >= 400 or not response.content.startswith(b"PK"):
		return ""
	sheets = load_workbook(io.BytesIO(response.content), read_only=True).worksheets
	return " ".join(str(v) for sheet in sheets for row in sheet.iter_rows(values_only=True) for v in row)


class Cell:
	__slots__ = ("doctype", "outcome", "path", "role", "side")

	def __init__(self, role, doctype, path, side, outcome):
		self.role, self.doctype, self.path, self.side, self.outcome = role, doctype, path, side, outcome

	def __repr__(self):
		return f"{self.role} | {self.doctype} | {self.path}"


# ---------------------------------------------------------------------------------- the suite
class TestHTTPAttacks(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.tag = frappe.generate_hash(length=6).upper()
		cls.year = int(nowdate()[:4])  # for the threads, which have no site
		cls.server = cls.world = cls.money = None
		cls.server = Server(frappe.local.site)  # boots while the data is made
		try:
			ensure_dedicated_admin()  # kept afterwards: what a site must have before any official
			cls.users = {role: make_official(role, unit) for role, unit in ROLES.items()}
			cls.world = World(cls.tag)
			started = time.monotonic()
			cls.world.build(council_member=cls.users["OCOP Council Member"])
			from ocop_app.factories import make_producer_user

			make_producer_user(cls.world.records["A"]["OCOP Producer"], PRODUCER_USER, PASSWORD)
			frappe.db.commit()
			built = time.monotonic()
			cls.money = make_money()
			frappe.db.commit()
			print(f"\nrecords {built - started:.0f} s, money {time.monotonic() - built:.0f} s")
			frappe.clear_cache()
			cls.server.wait_ready()
			cls.sessions = {role: cls.server.session(user) for role, user in cls.users.items()}
			cls.sessions[PRODUCER] = cls.server.session(PRODUCER_USER)
			cls.sessions[TOKEN] = cls.server.session()  # no cookie: the key and secret on every request
			cls.sessions[TOKEN].headers["Authorization"] = make_api_key(cls.users[TOKEN_ROLE])
			frappe.db.commit()
		except BaseException:
			cls.tearDownClass()  # the server, the records and the users go whatever failed
			raise

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		if cls.server:
			cls.server.stop()
		if cls.world:
			cls.world.remove()
		uploads = frappe.get_all(
			"File", filters={"owner": ["in", [user_of(r) for r in ROLES] + [PRODUCER_USER]]}, pluck="name"
		)
		remove_officials()
		from ocop_app.factories import remove_producer_user

		for email in [
			PRODUCER_USER,
			*frappe.get_all("User", {"name": ["like", "test.atk.signup.%"]}, pluck="name"),
		]:
			remove_producer_user(email)
		for file in uploads:
			frappe.delete_doc("File", file, force=True, ignore_permissions=True)  # the importers' uploads
		frappe.db.commit()
		if cls.money:  # last: cancelling posted entries is what may fail
			remove_money(cls.money)
		super().tearDownClass()

	# ---------------------------------------------------------------- requests per path
	def request(self, role: str, path: str, doctype: str, name: str) -> requests.Response:
		"""One attempt of ``role`` through ``path`` on ``doctype`` record ``name`` (HTTP only)."""
		s, url = self.sessions[role], self.server.url
		child = doctype in self.world.child_parent
		parent_doctype = self.world.child_parent.get(doctype, (None,))[0]
		filters = json.dumps({"parent": self.world.parent_of[name]} if child else {"name": name})
		api = f"{url}/api/method/"
		if path == "rest_list":
			params = {"filters": filters, "fields": '["name"]', "limit_page_length": 0}
			if child:
				params["parent"] = parent_doctype
			return s.get(f"{url}/api/resource/{doctype}", params=params)
		if path == "client_get_list":
			params = {"doctype": doctype, "filters": filters, "fields": '["*"]', "limit_page_length": 0}
			if child:
				params["parent"] = parent_doctype
			return s.post(api + "frappe.client.get_list", data=params)
		if path == "reportview_get":
			return s.post(
				api + "frappe.desk.reportview.get",
				data={
					"doctype": doctype,
					"fields": json.dumps([f"`tab{doctype}`.`name`"]),
					"filters": filters,
				},
			)
		if path == "rest_get":
			return s.get(f"{url}/api/resource/{doctype}/{name}")
		if path == "client_get":
			params = {"doctype": doctype, "name": name}
			if child:
				params["parent"] = parent_doctype
			return s.get(api + "frappe.client.get", params=params)
		if path == "get_value":
			params = {"doctype": doctype, "fieldname": '["name"]', "filters": json.dumps({"name": name})}
			if child:
				params["parent"] = parent_doctype
			return s.get(api + "frappe.client.get_value", params=params)
		if path == "get_count":
			return s.get(api + "frappe.client.get_count", params={"doctype": doctype, "filters": filters})
		if path.startswith("search_link"):
			params = {"doctype": doctype, "txt": name, "page_length": 50}
			if path.endswith("ignore_user_permissions"):
				params["ignore_user_permissions"] = 1
			return s.get(api + "frappe.desk.search.search_link", params=params)
		if path == "export":
			return s.post(
				api + "frappe.desk.reportview.export_query",
				data={
					"doctype": doctype,
					"file_format_type": "CSV",
					"fields": json.dumps([f"`tab{doctype}`.`name`"]),
					"filters": filters,
					"title": "atk",
				},
			)
		if path == "print":
			return s.get(
				api + "frappe.www.printview.get_html_and_style",
				params={"doc": doctype, "name": name, "print_format": "Standard", "no_letterhead": 1},
			)
		if path == "file":
			return s.get(url + self.world.files[name])
		if path.startswith(("report ", "report_export ")):
			kind, report = path.split(" ", 1)
			filters = {"year": self.year} if report == "OCOP Plan vs Achievement" else {}
			data = {"report_name": report, "filters": json.dumps(filters)}
			if kind == "report_export":
				data.update(file_format_type="Excel", visible_idx="[]")
				return s.post(api + "frappe.desk.query_report.export_query", data=data)
			return s.post(api + "frappe.desk.query_report.run", data=data)
		raise ValueError(path)

	def plan_reads(self, role: str) -> list[tuple]:
		"""(role, doctype, path, side, name) for every read path on every DocType: the other side's
		record always; the own one where the role reads the DocType and the record is in its unit."""
		jobs = []
		user = self.users[base_role(role)]
		doctypes = [(d, self.world.records) for d in SCOPED]
		doctypes += [(c, self.world.children) for c in self.world.child_parent]
		for doctype, names in doctypes:
			child = doctype in self.world.child_parent
			parent = self.world.child_parent.get(doctype, (doctype,))[0]
			may_read = (
				security_matrix.allowed(base_role(role), parent, "r")
				if security_matrix
				else frappe.has_permission(parent, "read", user=user)
			)
			own_in_scope = not (ROLES[base_role(role)] == COMMUNE_A and SCOPED[parent][1] == "province")
			for path, for_children in READ_PATHS:
				if (child and not for_children) or (role == TOKEN and path not in TOKEN_READ_PATHS):
					continue
				if path in ("report", "report_export"):
					for report in self.reports.get(doctype, ()):
						jobs.append((role, doctype, f"{path} {report}", "B", names["B"][doctype]))
					continue
				jobs.append((role, doctype, path, "B", names["B"][doctype]))
				if path in OWN_READ_PATHS and may_read and own_in_scope and not child:
					jobs.append((role, doctype, path, "A", names["A"][doctype]))
		return jobs

	def do_reads(self, jobs: list[tuple]) -> list[Cell]:
		cells = []
		for role, doctype, path, side, name in jobs:
			response = self.request(role, path, doctype, name)
			data = xlsx_text(response) if path.startswith("report_export ") else payload(response)
			if path.startswith(("report ", "report_export ")):
				found = f"ATK{self.tag}-{side}-" in data
			else:
				found = name in data
			if path == "get_count" and response.ok:
				found = bool(response.json().get("message"))
			if side == "B":
				cells.append(Cell(role, doctype, path, side, "leak" if found else "ok"))
			else:
				cells.append(Cell(role, doctype, path, side, "ok" if found else "blocked"))
		return cells

	def write_group(self, parent: str) -> list[Cell]:
		"""The write cells of one DocType and its child tables, in a thread of its own (the records
		of one group are tried by one role at a time, so that a change is the role's own)."""
		frappe.init(site=self.server.site)
		frappe.connect()
		frappe.set_user("Administrator")
		try:
			group = [parent, *(c for c, (p, _f) in self.world.child_parent.items() if p == parent)]
			return [cell for role in ATTACKERS for cell in self.write_cells(role, group)]
		finally:
			frappe.db.rollback()
			frappe.destroy()

	def write_cells(self, role: str, doctypes: list[str], side: str = "B") -> list[Cell]:
		"""Every write path on the other side's records (a producer user: on their own side's too):
		nothing may change in the database."""
		cells = []
		s, url = self.sessions[role], self.server.url
		api = f"{url}/api/method/"
		for doctype in doctypes:
			names = self.world.children if doctype in self.world.child_parent else self.world.records
			child = doctype in self.world.child_parent
			field = probe_field(doctype)
			other = names[side][doctype]
			for path, for_children in WRITE_PATHS:
				if child and not for_children:
					continue
				if path in SUBMIT_PATHS and not frappe.get_meta(doctype).is_submittable:
					continue
				if path.endswith("_moved_unit") and (doctype not in SCOPED or side == "A"):
					continue
				frappe.db.rollback()
				submitted = path in ("cancel", "save_docstatus_2", "cancel_moved_unit")
				if submitted:  # what is cancelled is a submitted record: made so for this cell only
					frappe.db.set_value(doctype, other, "docstatus", 1, update_modified=False)
					frappe.db.commit()
				watched = ["modified", "docstatus", *([field] if field else [])]
				before = frappe.db.get_value(doctype, other, watched, as_dict=True)
				marker = f"PWNED{self.tag}"
				if path == "set_value":
					s.post(
						api + "frappe.client.set_value",
						data={
							"doctype": doctype,
							"name": other,
							"fieldname": field or "modified",
							"value": marker,
						},
					)
				elif path == "save":
					s.put(f"{url}/api/resource/{doctype}/{other}", json={field or "modified": marker})
				elif path == "insert":
					# a new record of the other province, filled as the raw ones are (no name)
					new_name = f"ATK{self.tag}-{side}-NEW"
					values = {"doctype": doctype}
					for df in frappe.get_meta(doctype).fields:
						value = self.world.value_for(side, doctype, df, new_name)
						if value is not None and df.fieldtype not in ("Table", "Table MultiSelect"):
							values[df.fieldname] = value
					existing = set(frappe.get_all(doctype, pluck="name"))
					s.post(f"{url}/api/resource/{doctype}", json=values)
					frappe.db.rollback()
					created = set(frappe.get_all(doctype, pluck="name")) - existing
					cells.append(Cell(role, doctype, path, side, "leak" if created else "ok"))
					for name in created:  # a leak: do not leave it for the next cells
						frappe.db.delete(doctype, {"name": name})
						for table in frappe.get_meta(doctype).get_table_fields():
							frappe.db.delete(table.options, {"parent": name})
					frappe.db.commit()
					continue
				elif path == "workflow_action":
					actions = self.workflow_actions(doctype, other, base_role(role))
					if actions is None:
						continue
					for action in actions:
						s.post(
							api + "frappe.model.workflow.apply_workflow",
							data={"doc": json.dumps({"doctype": doctype, "name": other}), "action": action},
						)
				elif path == "delete":
					s.delete(f"{url}/api/resource/{doctype}/{other}")
				elif path == "submit":  # the whole record, as a user who could read it would send it
					doc = frappe.get_doc(doctype, other).as_dict(convert_dates_to_str=True)
					s.post(api + "frappe.client.submit", data={"doc": frappe.as_json(doc)})
				elif path == "cancel":
					s.post(api + "frappe.client.cancel", data={"doctype": doctype, "name": other})
				elif path.endswith("_moved_unit"):
					values = {field or "modified": marker, **self.moved_unit(doctype)}
					if path.startswith("set_value"):
						data = {"doctype": doctype, "name": other, "fieldname": json.dumps(values)}
						s.post(api + "frappe.client.set_value", data=data)
					else:
						values.update({"docstatus": 2} if path.startswith("cancel") else {})
						s.put(f"{url}/api/resource/{doctype}/{other}", json=values)
				elif path.startswith("save_docstatus_"):
					s.put(f"{url}/api/resource/{doctype}/{other}", json={"docstatus": int(path[-1])})
				frappe.db.rollback()
				after = frappe.db.get_value(doctype, other, watched, as_dict=True)
				leaked = after != before
				cells.append(Cell(role, doctype, path, side, "leak" if leaked else "ok"))
				if after is None:
					self.world.put_back(doctype, other)
				elif leaked:
					frappe.db.set_value(doctype, other, dict(before), update_modified=False)
					frappe.db.commit()
				if submitted:
					frappe.db.set_value(doctype, other, "docstatus", 0, update_modified=False)
					frappe.db.commit()
		return cells

	def moved_unit(self, doctype: str) -> dict:
		"""The unit fields of the user's side, to send with the other side's record."""
		unit_field, level = SCOPED.get(doctype, (None, None))
		if doctype == "OCOP Payment Batch":
			return {"fund": self.world.records["A"]["OCOP Fund"]}
		if unit_field is None:
			return {}
		moved = {unit_field: UNITS["A"][level]}
		if frappe.get_meta(doctype).has_field("province") and unit_field != "province":
			moved["province"] = PROVINCE_A
		return moved

	def workflow_actions(self, doctype: str, name: str, role: str) -> list[str] | None:
		workflow = frappe.get_all(
			"Workflow", filters={"document_type": doctype, "is_active": 1}, pluck="name"
		)
		if not workflow:
			return None
		state = frappe.get_all(
			"Workflow Document State", filters={"parent": workflow[0]}, pluck="state", order_by="idx", limit=1
		)[0]
		transitions = frappe.get_all(
			"Workflow Transition",
			filters={"parent": workflow[0], "state": state},
			fields=["action", "allowed"],
		)
		mine = [t.action for t in transitions if t.allowed == role]
		return list(dict.fromkeys(mine or [t.action for t in transitions][:1]))

	# ---------------------------------------------------------------- whitelisted methods and importers
	def method_group(self, role: str) -> list[Cell]:
		"""The app's whitelisted methods and the Excel importers, tried by one role (own thread)."""
		frappe.init(site=self.server.site)
		frappe.connect()
		frappe.set_user("Administrator")
		try:
			cells = [self.method_cell(role, *spec) for spec in METHOD_CELLS]
			cells += [self.import_cell(role, kind) for kind in IMPORT_KINDS]
			cells += [self.upload_cell(role, doctype) for doctype in UPLOAD_DOCTYPES]
			return cells + [self.books_report_cell(role, report) for report in ERPNEXT_REPORTS]
		finally:
			frappe.db.rollback()
			frappe.destroy()

	def method_cell(self, role: str, method: str, doctype: str, argument: str | None, check: str) -> Cell:
		s, api = self.sessions[role], f"{self.server.url}/api/method/"
		other = self.other_of(doctype)
		frappe.db.rollback()
		watched = self.watch(doctype, other)
		if argument is None:  # a controller method, through frappe's run_doc_method
			dt, name = method.split(".")
			response = s.post(api + "run_doc_method", data={"dt": dt, "dn": other, "method": name})
		elif argument == "docnames":
			action = (self.workflow_actions(doctype, other, base_role(role)) or ["?"])[0]
			data = {"docnames": json.dumps([other]), "doctype": doctype, "action": action}
			response = s.post(api + method, data=data)
		else:
			response = s.post(api + method, data={argument: other})
		frappe.db.rollback()
		leaked = self.watch(doctype, other) != watched
		if check == "refused":
			leaked = leaked or response.status_code != 403
		else:
			leaked = leaked or f"ATK{self.tag}-B-" in payload(response)
		return Cell(role, doctype, f"method {method.rsplit('.', 1)[-1]}", "B", "leak" if leaked else "ok")

	def books_report_cell(self, role: str, report: str) -> Cell:
		company = frappe.db.get_value(
			"Company", {"ocop_province": PROVINCE_B}, ["name", "abbr"], as_dict=True
		)
		year = str(self.year)
		filters = {
			"company": company.name,
			"from_date": f"{year}-01-01",
			"to_date": f"{year}-12-31",
			"period_start_date": f"{year}-01-01",
			"period_end_date": f"{year}-12-31",
			"report_date": f"{year}-12-31",
			"fiscal_year": year,
			"filter_based_on": "Date Range",
			"periodicity": "Yearly",
			"group_by": "Group by Voucher (Consolidated)",
			"ageing_based_on": "Due Date",
			"range": "30, 60, 90, 120",
		}
		response = self.sessions[role].post(
			f"{self.server.url}/api/method/frappe.desk.query_report.run",
			data={"report_name": report, "filters": json.dumps(filters)},
		)
		data = payload(response)
		leaked = response.status_code == 200 and (company.name in data or f" - {company.abbr}" in data)
		return Cell(role, "Company", f"report {report}", "B", "leak" if leaked else "ok")

	def other_of(self, doctype: str) -> str:
		"""The other side's record a method is called with."""
		if doctype == "OCOP Administrative Unit":
			return PROVINCE_B
		if doctype == "Workflow":
			return frappe.get_all("Workflow", filters={"document_type": "OCOP Subsidy Claim"}, pluck="name")[
				0
			]
		return self.world.records["B"][doctype]

	def watch(self, doctype: str, name: str) -> tuple:
		"""What a method could change: the record, and rows of what the app's methods create."""
		record = (
			frappe.db.get_value(doctype, name, ["modified", "docstatus"], as_dict=True)
			if doctype in SCOPED
			else None
		)
		made = ("OCOP Evaluation", "OCOP Revocation Decision", "OCOP Inspection", "Payment Entry", "Company")
		return record, tuple(frappe.db.count(d) for d in made)

	def import_cell(self, role: str, kind: str) -> Cell:
		"""An Excel import naming the other province's product and producer: every row refused."""
		s, url = self.sessions[role], self.server.url
		product = frappe.get_doc("OCOP Product", self.world.records["B"]["OCOP Product"])
		tax_id = frappe.db.get_value("OCOP Producer", product.producer, "tax_id")
		group = frappe.get_all("OCOP Product Group", filters={"is_group": 0}, pluck="name", limit=1)[0]
		unit_name = lambda unit: frappe.db.get_value("OCOP Administrative Unit", unit, "unit_name")  # noqa: E731
		rows = []
		for product_name, side in (
			(product.product_name, "B"),  # the other province's product
			(f"ATK{self.tag}-B-IMPORT-{role}", "A"),  # a new product of their producer, in our commune
			(f"ATK{self.tag}-B-IMPORT-{role}", "B"),  # a new product of their producer, in their commune
		):
			row = {"Tên sản phẩm": product_name, "Mã số thuế chủ thể": tax_id, "Nhóm sản phẩm": group}
			row.update(
				{
					"Tỉnh": unit_name(UNITS[side]["province"]),
					"Huyện (trước 01/07/2025)": "",
					"Xã/phường": unit_name(UNITS[side]["commune"]),
				}
			)
			if kind == "recognitions":
				row.update(
					{"Hạng sao": "4", "Số quyết định": f"ATK{self.tag}-QD", "Ngày quyết định": "05/10/2024"}
				)
			rows.append(row)
		import csv
		import io

		buffer = io.StringIO()
		writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
		writer.writeheader()
		writer.writerows(rows)
		frappe.db.rollback()
		counts = [frappe.db.count(d) for d in ("OCOP Product", "OCOP Certificate")]
		upload = s.post(
			f"{url}/api/method/upload_file",
			files={"file": (f"atk-{kind}.csv", buffer.getvalue().encode(), "text/csv")},
			data={"is_private": 1},
		)
		if upload.status_code != 200:
			raise AssertionError(f"{role} cannot upload a file: {upload.status_code} {upload.text[:300]}")
		file_url = upload.json()["message"]["file_url"]
		response = s.post(
			f"{url}/api/method/ocop_app.data_exchange.import_file", data={"kind": kind, "file_url": file_url}
		)
		frappe.db.rollback()
		written = [frappe.db.count(d) for d in ("OCOP Product", "OCOP Certificate")] != counts
		if response.status_code == 200:
			result = response.json()["message"]
			written = written or result["inserted"] or len(result["errors"]) != len(rows)
		elif response.status_code != 403:
			written = True  # refused, but not as a permission: the scope was not what stopped it
		return Cell(role, "OCOP Product", f"import {kind}", "B", "leak" if written else "ok")

	# ---------------------------------------------------------------- the matrix
	def test_the_table_covers_every_ocop_doctype(self):
		"""A new OCOP DocType gets its cells: it is in SCOPED (tested) or a national catalogue."""
		doctypes = set(frappe.get_all("DocType", filters={"module": "OCOP App", "istable": 0}, pluck="name"))
		self.assertEqual(doctypes - set(CATALOGUES) - set(OWNED), set(SCOPED))
		tables = {t.options for d in SCOPED for t in frappe.get_meta(d).get_table_fields()}
		self.assertEqual(tables, set(self.world.child_parent))
		if security_matrix:
			spec = security_matrix.DOCTYPES
			self.assertEqual({d for d, v in spec.items() if v["scope"] in ("unit", "link")}, set(SCOPED))
			self.assertEqual({d for d, v in spec.items() if v["scope"] == "catalogue"}, set(CATALOGUES))
			self.assertEqual({d for d, v in spec.items() if v["scope"] == "owner"}, set(OWNED))

	def test_attack_matrix(self):
		"""Every role × DocType (children too) × path: the other province's record never comes back
		and never changes; the user's own record is served where their role reads that DocType."""
		self.assertFalse(
			[u for u in self.users.values() if "System Manager" in frappe.get_roles(u)],
			"an official holds System Manager",
		)
		started = time.monotonic()
		self.__class__.reports = {}
		for report in frappe.get_all(
			"Report", filters={"module": "OCOP App", "disabled": 0}, fields=["name", "ref_doctype"]
		):
			self.reports.setdefault(report.ref_doctype, []).append(report.name)
		plans = [self.plan_reads(role) for role in ATTACKERS]
		with ThreadPoolExecutor(max_workers=CLIENT_THREADS) as pool:
			read = [cell for cells in pool.map(self.do_reads, plans) for cell in cells]
		reads_took = time.monotonic() - started
		with ThreadPoolExecutor(max_workers=CLIENT_THREADS) as pool:
			writes = [
				cell for cells in pool.map(self.write_group, [*SCOPED, *CATALOGUE_WRITES]) for cell in cells
			]
		methods_started = time.monotonic()
		with approved_for_a_moment(self.world.records["B"]["OCOP Subsidy Claim"]):
			with ThreadPoolExecutor(max_workers=CLIENT_THREADS) as pool:
				methods = [cell for cells in pool.map(self.method_group, ATTACKERS) for cell in cells]
		writes_took = methods_started - started - reads_took
		cells = read + writes + methods
		other = [c for c in cells if c.side == "B"]
		leaks = [c for c in other if c.outcome == "leak"]
		blocked = [c for c in cells if c.outcome == "blocked"]
		print(
			f"\nOCOP attack matrix: {len(other)} cells, {len(leaks)} leaks "
			f"({len(cells) - len(other)} own-scope reads, {len(blocked)} refused; "
			f"reads {reads_took:.0f} s, writes {writes_took:.0f} s, "
			f"methods and imports {time.monotonic() - methods_started:.0f} s)"
		)
		for cell in leaks:
			print(f"  LEAK {cell}")
		for cell in blocked:
			print(f"  OWN REFUSED {cell}")
		self.assertEqual(leaks, [], f"{len(leaks)} leaks")
		self.assertEqual(blocked, [], "own-scope records refused")

	# ---------------------------------------------------------------- the producer portal
	def test_producer_user_cells(self):
		"""A confirmed producer user (a website user of side A's producer), over HTTP: the other
		side's records are absent through every path and never change; of its own side it reads
		only what the matrix gives a producer (never a score sheet, a council, a fund), and changes
		nothing there either — no save, no workflow action, no confirming itself, no upload onto
		another producer's record."""
		from ocop_app import security_matrix as matrix

		reports = {}
		for report in frappe.get_all(
			"Report", filters={"module": "OCOP App", "disabled": 0}, fields=["name", "ref_doctype"]
		):
			reports.setdefault(report.ref_doctype, []).append(report.name)
		cells = []
		for doctype in [*SCOPED, *self.world.child_parent]:
			child = doctype in self.world.child_parent
			parent = self.world.child_parent.get(doctype, (doctype,))[0]
			names = self.world.children if child else self.world.records
			for path, for_children in READ_PATHS:
				if child and not for_children:
					continue
				if path in ("report", "report_export"):  # a report's rows, and its Excel export
					for report in reports.get(doctype, ()):
						response = self.request(PRODUCER, f"{path} {report}", doctype, names["B"][doctype])
						data = xlsx_text(response) if path == "report_export" else payload(response)
						leaked = f"ATK{self.tag}-B-" in data
						cells.append(
							Cell(PRODUCER, doctype, f"{path} {report}", "B", "leak" if leaked else "ok")
						)
					continue
				for side in "AB":
					readable = side == "A" and matrix.producer_allowed(parent, "r")
					if readable and (child or path not in PRODUCER_OWN_PATHS):
						continue  # its own record through a path a producer is not promised
					name = names[side][doctype]
					response = self.request(PRODUCER, path, doctype, name)
					found = name in payload(response)
					if path == "get_count" and response.ok:
						found = bool(response.json().get("message"))
					if readable:
						cells.append(Cell(PRODUCER, doctype, path, side, "ok" if found else "blocked"))
					else:
						cells.append(Cell(PRODUCER, doctype, path, side, "leak" if found else "ok"))
		with ThreadPoolExecutor(max_workers=CLIENT_THREADS) as pool:
			cells += [c for group in pool.map(self.producer_write_group, [*SCOPED]) for c in group]
		cells += self.producer_action_cells()
		leaks = [c for c in cells if c.outcome == "leak"]
		blocked = [c for c in cells if c.outcome == "blocked"]
		print(
			f"\nOCOP producer user cells: {len(cells)} cells, {len(leaks)} leaks, {len(blocked)} own refused"
		)
		for cell in leaks + blocked:
			print(f"  {cell.outcome.upper()} {cell} ({cell.side})")
		self.assertEqual(leaks, [], f"{len(leaks)} leaks")
		self.assertEqual(blocked, [], "own producer's records refused")
		self.assertGreater(len(cells), 300)

	def producer_write_group(self, parent: str) -> list[Cell]:
		frappe.init(site=self.server.site)
		frappe.connect()
		frappe.set_user("Administrator")
		try:
			group = [parent, *(c for c, (p, _f) in self.world.child_parent.items() if p == parent)]
			return self.write_cells(PRODUCER, group, "B") + self.write_cells(PRODUCER, group, "A")
		finally:
			frappe.db.rollback()
			frappe.destroy()

	def producer_action_cells(self) -> list[Cell]:
		"""The portal's own boundaries: deciding on accounts and change requests, uploading."""
		s, api = self.sessions[PRODUCER], f"{self.server.url}/api/method/"
		cells = []
		own_account = frappe.db.get_value("OCOP Producer Account", {"user": PRODUCER_USER})
		for doctype, name, method in (
			("OCOP Producer Account", own_account, "lock_account"),
			("OCOP Producer Account", self.world.records["A"]["OCOP Producer Account"], "confirm"),
			("OCOP Producer Account", self.world.records["B"]["OCOP Producer Account"], "confirm"),
			(
				"OCOP Producer Change Request",
				self.world.records["A"]["OCOP Producer Change Request"],
				"apply_request",
			),
			(
				"OCOP Producer Change Request",
				self.world.records["B"]["OCOP Producer Change Request"],
				"apply_request",
			),
		):
			frappe.db.rollback()
			before = frappe.db.get_value(doctype, name, ["modified", "status"], as_dict=True)
			producer_before = frappe.db.get_value(
				"OCOP Producer", self.world.records["A"]["OCOP Producer"], "modified"
			)
			args = {"reason": "Tự khóa tài khoản"} if method == "lock_account" else {}
			response = s.post(
				api + "run_doc_method",
				data={"dt": doctype, "dn": name, "method": method, "args": json.dumps(args)},
			)
			frappe.db.rollback()
			changed = frappe.db.get_value(doctype, name, ["modified", "status"], as_dict=True) != before
			changed = (
				changed
				or frappe.db.get_value("OCOP Producer", self.world.records["A"]["OCOP Producer"], "modified")
				!= producer_before
			)
			leaked = changed or response.status_code != 403
			cells.append(
				Cell(
					PRODUCER,
					doctype,
					f"method {method}",
					"A" if "-A-" in name or name == own_account else "B",
					"leak" if leaked else "ok",
				)
			)
		return cells + [self.upload_cell(PRODUCER, doctype) for doctype in UPLOAD_DOCTYPES]

	def test_producer_own_record_page_and_change_request_over_http(self):
		"""The own-record page shows the user's producer only; a proposal names that producer whatever
		the request says, and changes nothing on the producer until the commune officer applies it."""
		s, url = self.sessions[PRODUCER], self.server.url
		own, other = self.world.records["A"]["OCOP Producer"], self.world.records["B"]["OCOP Producer"]
		page = s.get(f"{url}/ocop/co-so/ho-so")
		self.assertEqual(page.status_code, 200)
		self.assertIn(own, page.text)
		self.assertNotIn(other, page.text)
		before = frappe.db.get_value("OCOP Producer", own, "modified")
		response = s.post(
			f"{url}/api/method/ocop_app.portal.own_record.propose_change",
			data={"address": 'Thôn Mới "Chợ" & Đình', "producer": other},
		)
		try:
			self.assertEqual(response.status_code, 200, response.text[:300])
			frappe.db.rollback()
			request = frappe.get_doc("OCOP Producer Change Request", response.json()["message"]["name"])
			self.assertEqual((request.producer, request.requested_by), (own, PRODUCER_USER))
			self.assertEqual(frappe.db.get_value("OCOP Producer", own, "modified"), before)
			page = s.get(f"{url}/ocop/co-so/ho-so")
			self.assertNotIn('Thôn Mới "Chợ" & Đình', page.text)
			self.assertIn("Thôn Mới &#34;Chợ&#34; &amp; Đình", page.text)  # shown, escaped
		finally:
			frappe.db.delete("OCOP Producer Change Request", {"requested_by": PRODUCER_USER})
			frappe.db.commit()

	def upload_cell(self, role: str, doctype: str) -> Cell:
		"""upload_file attached to the other side's record: no file comes to it (frappe's own check
		of write permission on that record is ignored by upload_file; ocop_app.permissions checks)."""
		other = self.world.records["B"][doctype]
		frappe.db.rollback()
		files = frappe.db.count("File", {"attached_to_name": other})
		response = self.sessions[role].post(
			f"{self.server.url}/api/method/upload_file",
			files={"file": ("hoa-don.pdf", b"%PDF-1.4 atk", "application/pdf")},
			data={"is_private": 1, "doctype": doctype, "docname": other},
		)
		frappe.db.rollback()
		leaked = frappe.db.count("File", {"attached_to_name": other}) != files or response.ok
		return Cell(role, doctype, "upload_file", "B", "leak" if leaked else "ok")

	def test_sign_up_over_http_sees_nothing_until_confirmed(self):
		"""A guest signs up over HTTP (the page's method), then signs in: a website user with the
		portal role only, whose pending account shows no record at all."""
		from ocop_app.factories import random_tax_id

		frappe.cache.delete_keys("ocop_portal_")
		guest, url = self.server.session(), self.server.url
		email = f"test.atk.signup.{self.tag.lower()}@example.vn"
		injected = guest.post(
			f"{url}/api/method/ocop_app.portal.signup.sign_up",
			data={
				"full_name": "<img src=x onerror=alert(1)>",
				"email": email,
				"password": PASSWORD,
				"identity": random_tax_id(),
			},
		)
		self.assertEqual(injected.status_code, 417)
		self.assertIn("không được chứa ký tự", injected.json()["exception"])
		response = guest.post(
			f"{url}/api/method/ocop_app.portal.signup.sign_up",
			data={
				"full_name": "Nguyễn Thị Đăng Ký",
				"email": email,
				"password": PASSWORD,
				"identity": random_tax_id(),
				"producer_name": "HTX Đăng ký qua mạng",
				"legal_form": "Hợp tác xã",
				"commune": COMMUNE_A,
			},
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("User", email, "user_type"), "Website User")
		self.assertEqual(set(frappe.get_roles(email)) - {"All", "Guest"}, {PRODUCER})
		bad = guest.post(
			f"{url}/api/method/ocop_app.portal.signup.sign_up",
			data={
				"full_name": "X",
				"email": "khac@example.vn",
				"password": PASSWORD,
				"identity": "0100233489",
			},
		)
		self.assertEqual(bad.status_code, 417)
		self.assertIn("chữ số kiểm tra", bad.json()["exception"])
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("User", "khac@example.vn"))
		user = self.server.session(email)
		for doctype in ("OCOP Producer", "OCOP Product", "OCOP Producer Account", "OCOP Certificate"):
			listed = user.get(f"{url}/api/resource/{doctype}", params={"limit_page_length": 0})
			self.assertEqual(listed.json().get("data", []), [], doctype)
		page = user.get(f"{url}/ocop/co-so")
		self.assertEqual(page.status_code, 200)
		self.assertIn("chờ cán bộ xã xác nhận", page.text)
		self.assertIn("<title>Not Permitted</title>", user.get(f"{url}/app").text)  # no desk for them

	# ---------------------------------------------------------------- money under concurrency
	def test_twenty_concurrent_pays_make_one_payment(self):
		"""A real finance officer presses "pay" 20 times at once, over HTTP, on a server of several workers."""
		claim = self.money["paid_claim"]
		journal_entry = frappe.db.get_value("OCOP Subsidy Claim", claim, "journal_entry")
		statuses = self.concurrently(
			"OCOP Finance Officer",
			[("ocop_app.accounting.claims.pay_claim", {"claim": claim})] * 20,
		)
		frappe.db.rollback()
		payments = frappe.get_all(
			"Payment Entry Reference",
			filters={"reference_name": journal_entry, "docstatus": 1},
			pluck="parent",
		)
		self.assertEqual(len(statuses), 20)
		self.assertEqual(statuses.count(200), 1, statuses)
		self.assertEqual(len(payments), 1)
		self.assertEqual(frappe.db.get_value("OCOP Subsidy Claim", claim, "paid_amount"), 5 * M)

	def test_concurrent_approvals_never_exceed_the_fund(self):
		"""Five 5-million claims on a 12-million fund, approved at once by a real approver: two."""
		claims = self.money["approval_claims"]
		statuses = self.concurrently(
			"OCOP Approver",
			[
				(
					"frappe.model.workflow.apply_workflow",
					{"doc": json.dumps({"doctype": "OCOP Subsidy Claim", "name": c}), "action": "Phê duyệt"},
				)
				for c in claims
			],
		)
		frappe.db.rollback()
		approved = frappe.get_all(
			"OCOP Subsidy Claim",
			filters={"name": ["in", claims], "docstatus": 1},
			fields=["name", "approved_amount"],
		)
		allocated = frappe.db.get_value("OCOP Fund", self.money["fund"], "allocated_amount")
		self.assertLessEqual(sum(c.approved_amount for c in approved), allocated, statuses)
		self.assertEqual(len(approved), 2, statuses)

	def concurrently(self, role: str, calls: list[tuple[str, dict]]) -> list[int]:
		"""POST every call at the same moment, each from its own connection of the role's session."""
		barrier = threading.Barrier(len(calls))
		cookies = self.sessions[role].cookies

		def post(call):
			method, data = call
			session = BoundedSession()
			session.headers.update(self.server.headers())
			session.cookies.update(cookies)
			barrier.wait(timeout=60)
			return session.post(f"{self.server.url}/api/method/{method}", data=data, timeout=300).status_code

		with ThreadPoolExecutor(max_workers=len(calls)) as pool:
			return list(pool.map(post, calls))

	# ---------------------------------------------------------------- the public page over HTTP
	def test_public_page_over_http(self):
		cert, url = self.world.records["A"]["OCOP Certificate"], self.server.url
		frappe.cache.delete_keys("ocop_certificate_check:")
		guest = self.server.session()
		guest.headers["X-Forwarded-For"] = "198.51.100.77"
		response = guest.get(f"{url}/ocop/xac-minh/{cert}", params={"ma": "ATKCODEA"})
		self.assertEqual(response.status_code, 200)
		self.assertIn(cert, response.text)
		self.assertEqual(guest.get(f"{url}/ocop/xac-minh/{cert}").status_code, 404)  # no code
		self.assertEqual(guest.get(f"{url}/ocop/xac-minh/{cert}", params={"ma": "ATKCODEB"}).status_code, 404)
		response = guest.get(f"{url}/ocop/xac-minh/" + requests.utils.quote('<img src=x onerror="alert(1)">'))
		self.assertEqual(response.status_code, 404)
		self.assertNotIn("<img src=x", response.text)
		self.assertIn("&lt;img src=x", response.text)

	def test_public_page_rate_limit_is_atomic_across_workers(self):
		"""40 checks at once from one client address: exactly the allowed number are answered."""
		from ocop_app.www.ocop.xac_minh import CHECKS_PER_MINUTE

		frappe.cache.delete_keys("ocop_certificate_check:")
		url = f"{self.server.url}/ocop/xac-minh/KHONG-CO-SO-NAY"
		barrier = threading.Barrier(40)

		def check(_):
			session = self.server.session()
			session.headers["X-Forwarded-For"] = "203.0.113.50"  # what our nginx would pass on
			barrier.wait(timeout=60)
			return session.get(url, timeout=120).status_code

		with ThreadPoolExecutor(max_workers=40) as pool:
			statuses = list(pool.map(check, range(40)))
		self.assertEqual(statuses.count(404), CHECKS_PER_MINUTE, statuses)
		self.assertEqual(statuses.count(429), 40 - CHECKS_PER_MINUTE, statuses)
		other = self.server.session()
		other.headers["X-Forwarded-For"] = "203.0.113.51"
		self.assertEqual(other.get(url).status_code, 404)  # another client is not limited
