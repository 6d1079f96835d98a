# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The read replica, proven over HTTP: national reports and the public certificate check read it,
and the app keeps working when it is down.

``scripts/replica start`` runs a second mariadbd (port OCOP_REPLICA_PORT, 3307 by default) seeded
from the test site's database and replicating from the primary by GTID, and points the site at it;
a gunicorn server serves the site. With replication paused, a producer and a certificate written
(and committed) on the primary are not in the ministry's Producer Register nor on the public check
page; once replication resumes and catches up they are — so those reads really come from the
replica. Then the replica server is stopped while the site still names it (what a crash looks
like): the same requests answer 200 with the row, read from the primary (ocop_app.replica falls
back), and a write succeeds. ``scripts/replica stop`` in tearDownClass (and at exit) removes the
site's replica keys before stopping the server: the site is never left pointing at a dead replica.
"""

import atexit
import json
import os
import subprocess
import time
from pathlib import Path

import pymysql

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from ocop_app.tests.test_http_attacks import Server, make_official

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "replica"
SCRIPT_TIMEOUT = 600  # seconds: a new datadir, a dump of the test site and its load, on a slow machine
MINISTRY = "OCOP Ministry Officer"
COMMUNE, PROVINCE = "33-12688", "33"  # Xã Đông Hưng, Hưng Yên
PRODUCER = "TEST-REPLICA-CT"
CERTIFICATE = "TEST-REPLICA-GCN"
CHECK_CODE = "RPL7Q2"


def replica(command: str) -> str:
	"""scripts/replica <command> for the test site; its output, or the test fails with it."""
	env = {**os.environ, "OCOP_SITE": frappe.local.site, "OCOP_REPLICA_CHECK_SECONDS": "0"}
	env.setdefault("FRAPPE_BENCH", str(Path(frappe.utils.get_bench_path())))
	result = subprocess.run(
		["bash", str(SCRIPT), command],
		env=env,
		capture_output=True,
		text=True,
		timeout=SCRIPT_TIMEOUT,
	)
	if result.returncode:
		raise AssertionError(f"scripts/replica {command}: {result.returncode}\n{result.stderr[-3000:]}")
	return result.stdout


def stop_replica():
	replica("stop")


class TestReadReplica(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.ministry = make_official(MINISTRY, PROVINCE)
		frappe.db.delete("User Permission", {"user": cls.ministry})  # national: no unit
		remove_rows()
		frappe.db.commit()  # the dump and the server read committed data
		cls.server = Server(frappe.local.site)
		try:
			replica("start")
			atexit.register(stop_replica)  # even if the runner never reaches tearDownClass
			cls.server.wait_ready()
		except Exception:
			cls.server.stop()
			stop_replica()
			raise
		cls.session = cls.server.session(cls.ministry)

	@classmethod
	def tearDownClass(cls):
		try:
			cls.server.stop()
			stop_replica()
			atexit.unregister(stop_replica)
		finally:
			remove_rows()
			frappe.db.delete("User Permission", {"user": cls.ministry})
			frappe.delete_doc("User", cls.ministry, force=True, ignore_permissions=True)
			frappe.db.commit()
			super().tearDownClass()

	# ------------------------------------------------------------------ what the server answers
	def register_names(self) -> set[str]:
		response = self.session.post(
			f"{self.server.url}/api/method/frappe.desk.query_report.run",
			data={"report_name": "OCOP Producer Register", "filters": json.dumps({"province": PROVINCE})},
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		return {row["name"] for row in response.json()["message"]["result"] if isinstance(row, dict)}

	def check_page_status(self) -> int:
		frappe.cache.delete_keys("ocop_certificate_check:")  # the page's per-address limit, spent by others
		response = self.server.session().get(
			f"{self.server.url}/ocop/xac-minh/{CERTIFICATE}", params={"ma": CHECK_CODE}
		)
		return response.status_code

	# ------------------------------------------------------------------ the tests (in this order)
	def test_a_reports_and_the_public_check_read_the_replica(self):
		self.assertIn("read_from_replica: 1", replica("status"))
		self.assertNotIn(PRODUCER, self.register_names())
		self.assertEqual(self.check_page_status(), 404)

		replica("pause")
		insert_rows()
		frappe.db.commit()  # on the primary, now
		self.assertTrue(frappe.db.exists("OCOP Producer", PRODUCER))
		# the primary has them; the replica does not apply them yet: the reads come from the replica
		self.assertNotIn(PRODUCER, self.register_names())
		self.assertEqual(self.check_page_status(), 404)

		replica("resume")
		replica("wait")
		self.assertIn(PRODUCER, self.register_names())
		self.assertEqual(self.check_page_status(), 200)

	def test_b_writes_never_reach_the_replica(self):
		"""The site's user on the replica may only read, and the server is read-only."""
		connection = pymysql.connect(
			host="127.0.0.1",
			port=int(os.environ.get("OCOP_REPLICA_PORT", 3307)),
			user=frappe.conf.db_name,
			password=frappe.conf.db_password,
			database=frappe.conf.db_name,
			connect_timeout=5,
		)
		try:
			with connection.cursor() as cursor:
				cursor.execute("select count(*) from `tabOCOP Producer`")
				self.assertGreater(cursor.fetchone()[0], 0)
				with self.assertRaises(pymysql.err.MySQLError):
					cursor.execute("update `tabOCOP Producer` set modified = now() limit 1")
		finally:
			connection.close()

	def test_c_the_app_reads_the_primary_when_the_replica_is_down(self):
		replica("down")  # the server stops; the site still names it, as after a crash
		self.assertIn("replica: not running", replica("status"))
		self.assertIn("read_from_replica: 1", replica("status"))
		remove_rows()
		frappe.db.commit()
		insert_rows()
		frappe.db.commit()
		started = time.monotonic()
		self.assertIn(PRODUCER, self.register_names())  # from the primary: the replica is gone
		self.assertEqual(self.check_page_status(), 200)
		self.assertLess(time.monotonic() - started, 30)
		# and writes go on as ever
		response = self.session.post(
			f"{self.server.url}/api/method/frappe.client.set_value",
			data={"doctype": "ToDo", "name": self.todo(), "fieldname": "description", "value": "sau sự cố"},
		)
		self.assertEqual(response.status_code, 200, response.text[:500])

	def todo(self) -> str:
		todo = frappe.get_doc(
			{
				"doctype": "ToDo",
				"description": "bản sao",
				"allocated_to": self.ministry,
				"owner": self.ministry,
			}
		).insert(ignore_permissions=True)  # test set-up: the official's own task
		frappe.db.commit()
		self.addCleanup(lambda: (frappe.delete_doc("ToDo", todo.name, force=True), frappe.db.commit()))
		return todo.name


def insert_rows():
	"""A producer and a certificate written straight to the primary (minimal, not validated)."""
	frappe.get_doc(
		{
			"doctype": "OCOP Producer",
			"name": PRODUCER,
			"producer_name": "HTX Bản Sao",
			"legal_form": "Hợp tác xã",
			"tax_id": "0109999991",
			"administrative_unit": COMMUNE,
			"province": PROVINCE,
		}
	).db_insert()
	frappe.get_doc(
		{
			"doctype": "OCOP Certificate",
			"name": CERTIFICATE,
			"certificate_no": CERTIFICATE,
			"check_code": CHECK_CODE,
			"product_name": "Sản phẩm bản sao",
			"producer": PRODUCER,
			"producer_name": "HTX Bản Sao",
			"administrative_unit": COMMUNE,
			"province": PROVINCE,
			"star": 4,
			"status": "Hiệu lực",
			"valid_from": today(),
			"valid_to": add_days(today(), 1095),
		}
	).db_insert()


def remove_rows():
	frappe.db.delete("OCOP Certificate", {"name": CERTIFICATE})
	frappe.db.delete("OCOP Producer", {"name": PRODUCER})
