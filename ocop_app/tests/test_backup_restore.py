# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Nothing lost: ``bench backup --with-files`` of the test site, restored onto a new site, holds
every OCOP record (count and money totals of every OCOP DocType, child tables too), every
attachment (the file itself, byte for byte), the workflows as edited in the desk, and the GL
(entries, sum of debit and credit).

The round trip takes about 35 s on the 2-core test machine (backup ~10 s, restore ~15 s), so it
runs in the integration tier.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt, get_bench_path

MARKER = "OCOP_SNAPSHOT "
WORKFLOW_EDIT = "Sửa trong desk trước khi sao lưu"


def snapshot() -> dict:
	"""What must survive, read from the site's database and files."""
	counts = {}
	for doctype in frappe.get_all(
		"DocType", filters={"module": "OCOP App", "issingle": 0, "is_virtual": 0}, pluck="name"
	):
		amounts = [
			f.fieldname for f in frappe.get_meta(doctype).fields if f.fieldtype in ("Currency", "Float")
		]
		sums = "".join(f", sum(`{a}`)" for a in amounts)
		row = frappe.db.sql(f"select count(*){sums} from `tab{doctype}`")[0]
		counts[doctype] = [int(row[0]), *(flt(x) for x in row[1:])]
	gl = frappe.db.sql("select count(*), sum(debit), sum(credit) from `tabGL Entry` where is_cancelled = 0")[
		0
	]
	workflows = {}
	for name in frappe.get_all("Workflow", pluck="name"):
		doc = frappe.get_doc("Workflow", name)
		workflows[name] = {
			"active": doc.is_active,
			"states": [(s.state, s.doc_status, s.allow_edit, s.update_field, s.message) for s in doc.states],
			"transitions": [
				(t.state, t.action, t.next_state, t.allowed, t.condition) for t in doc.transitions
			],
		}
	files = {}
	for file in frappe.get_all(
		"File",
		filters={"is_folder": 0, "attached_to_doctype": ["like", "OCOP %"]},
		fields=["file_url", "is_private"],
	):
		path = Path(
			frappe.get_site_path(file.file_url.lstrip("/") if file.is_private else "public" + file.file_url)
		)
		files[file.file_url] = hashlib.sha1(path.read_bytes()).hexdigest() if path.is_file() else None
	return {
		"counts": counts,
		"gl": [int(gl[0]), flt(gl[1]), flt(gl[2])],
		"workflows": workflows,
		"files": files,
	}


def print_snapshot() -> None:
	"""For ``bench --site <restored site> execute``: the snapshot on one line."""
	print(MARKER + json.dumps(snapshot(), ensure_ascii=False, default=str))


def bench_cmd(*args: str, timeout: int = 900) -> str:
	bench = Path(get_bench_path())
	result = subprocess.run(
		[str(bench / "env/bin/python"), "-m", "frappe.utils.bench_helper", "frappe", *args],
		cwd=bench / "sites",
		capture_output=True,
		text=True,
		timeout=timeout,
	)
	if result.returncode:
		raise AssertionError(
			f"bench {' '.join(args[:3])} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
		)
	return result.stdout


class TestBackupRestoreRoundTrip(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		from ocop_app.accounting.claims import pay_claim
		from ocop_app.factories import make_fund, make_policy
		from ocop_app.ocop_app.doctype.ocop_subsidy_claim.test_ocop_subsidy_claim import approved_claim

		super().setUpClass()
		frappe.set_user("Administrator")
		cls.restored = f"restore-{frappe.local.site}"
		cls.backups = Path(tempfile.mkdtemp(prefix="ocop-backup-"))
		# money in the books: an approved claim (Journal Entry) paid (Payment Entry)
		make_policy()
		cls.fund = make_fund(100_000_000)
		cls.claim, cls.cert = approved_claim("33-12970", cls.fund)
		pay_claim(cls.claim)
		# attachments, public and private, on an OCOP record
		cls.files = [
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"minh-chung-{frappe.generate_hash(length=6)}.txt",
					"attached_to_doctype": "OCOP Certificate",
					"attached_to_name": cls.cert,
					"is_private": private,
					"content": f"Biên bản kiểm tra thực tế {private}".encode(),
				}
			)
			.insert()
			.name
			for private in (0, 1)
		]
		# an administrator's edit of a shipped workflow
		cls.workflow = frappe.get_all(
			"Workflow", filters={"document_type": "OCOP Subsidy Claim"}, pluck="name"
		)[0]
		workflow = frappe.get_doc("Workflow", cls.workflow)
		cls.message = workflow.states[0].message
		workflow.states[0].message = WORKFLOW_EDIT
		workflow.save()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		from ocop_app.ocop_app.doctype.ocop_subsidy_claim.test_ocop_subsidy_claim import remove_committed

		frappe.set_user("Administrator")
		frappe.db.rollback()
		folder = Path(get_bench_path()) / "sites" / cls.restored
		if (folder / "site_config.json").exists():
			bench_cmd(
				"drop-site",
				cls.restored,
				"--db-root-username",
				"root",
				"--db-root-password",
				os.environ.get("MARIADB_ROOT_PASSWORD", "root"),
				"--force",
				"--no-backup",
				"--archived-sites-path",
				str(cls.backups),  # deleted below
			)
		shutil.rmtree(folder, ignore_errors=True)  # what drop-site leaves (or a restore stopped early)
		shutil.rmtree(cls.backups, ignore_errors=True)
		workflow = frappe.get_doc("Workflow", cls.workflow)
		workflow.states[0].message = cls.message
		workflow.save()
		for file in cls.files:
			frappe.delete_doc("File", file, force=True)
		remove_committed([cls.claim], [cls.fund], [cls.cert])  # the payment, the claim and its data
		frappe.db.commit()
		super().tearDownClass()

	def test_backup_with_files_restores_everything(self):
		site = frappe.local.site
		before = json.loads(json.dumps(snapshot(), ensure_ascii=False, default=str))
		self.assertEqual(before["workflows"][self.workflow]["states"][0][4], WORKFLOW_EDIT)
		self.assertEqual(len([h for h in before["files"].values() if h]), len(before["files"]))
		self.assertGreater(before["gl"][0], 0)
		self.assertEqual(before["gl"][1], before["gl"][2])

		bench_cmd("--site", site, "backup", "--with-files", "--backup-path", str(self.backups))
		made = {p.name.split("-", 2)[-1]: p for p in self.backups.iterdir()}
		database = next(p for n, p in made.items() if n.endswith("database.sql.gz"))
		public = next(p for n, p in made.items() if n.endswith("-files.tar") and "private" not in n)
		private = next(p for n, p in made.items() if n.endswith("private-files.tar"))

		# a new site: its folder and database settings, as `bench new-site` would write them
		folder = Path(get_bench_path()) / "sites" / self.restored
		folder.mkdir()
		db_name = "_" + hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:16]
		(folder / "site_config.json").write_text(
			json.dumps(
				{"db_name": db_name, "db_password": frappe.generate_hash(length=16), "db_type": "mariadb"}
			)
		)
		bench_cmd(
			"--site",
			self.restored,
			"restore",
			str(database),
			"--with-public-files",
			str(public),
			"--with-private-files",
			str(private),
			"--db-root-username",
			"root",
			"--db-root-password",
			os.environ.get("MARIADB_ROOT_PASSWORD", "root"),
			"--admin-password",
			frappe.generate_hash(length=16),
			"--force",
		)
		out = bench_cmd(
			"--site", self.restored, "execute", "ocop_app.tests.test_backup_restore.print_snapshot"
		)
		after = json.loads(next(line for line in out.splitlines() if line.startswith(MARKER))[len(MARKER) :])
		self.assertEqual(after["gl"], before["gl"])
		self.assertEqual(after["workflows"], before["workflows"])
		self.assertEqual(after["files"], before["files"])
		self.assertEqual(after["counts"], before["counts"])
		self.assertIn(
			f"/private/files/{frappe.db.get_value('File', self.files[1], 'file_name')}", after["files"]
		)
