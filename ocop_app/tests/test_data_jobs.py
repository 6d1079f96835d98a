# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A long import's or export's record (OCOP Data Job): the counts while and after it runs, the
failures, and only its owner and the national roles read it (as real officials)."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from ocop_app import data_exchange
from ocop_app.api.client import get_count, search_link
from ocop_app.data_jobs import DOCTYPE, own_connection, start_job
from ocop_app.factories import COMMUNE_A, PROVINCE, make_user
from ocop_app.tests.test_data_exchange import frame, producer

OWNER = "dj.xa.a@ocop.vn"  # the commune officer who imports
SAME_COMMUNE = "dj.xa.a2@ocop.vn"  # another officer of the same commune
PROVINCE_OFFICER = "dj.tinh@ocop.vn"  # the province above the commune
MINISTRY = "dj.bo@ocop.vn"  # national
FIELDS = ["status", "total_rows", "processed_rows", "inserted_rows", "failed_rows", "progress", "error_log"]


def stored(job: str) -> dict:
	"""The job's record as another session (the official's desk) reads it now."""
	with own_connection() as db:
		return db.get_value(DOCTYPE, job, [*FIELDS, "owner", "result_file"], as_dict=True)


class TestDataJobs(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OWNER, "OCOP Commune Officer", COMMUNE_A)
		make_user(SAME_COMMUNE, "OCOP Commune Officer", COMMUNE_A)
		make_user(PROVINCE_OFFICER, "OCOP Province Officer", PROVINCE)
		make_user(MINISTRY, "OCOP Ministry Officer", None)
		frappe.db.commit()

	def setUp(self):
		self.jobs = []

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		with own_connection() as db:  # the records were committed by their own connection
			for job in self.jobs:
				db.delete(DOCTYPE, {"name": job})

	def upload(self, rows: list[dict]) -> str:
		csv = frame("producers", rows).to_csv(index=False)
		return (
			frappe.get_doc({"doctype": "File", "file_name": "nhap-dai.csv", "is_private": 1, "content": csv})
			.insert()
			.file_url
		)

	def test_the_counts_are_stored_while_the_import_runs(self):
		"""Another session reads the count stored at each step while the job's own transaction,
		holding the rows written so far, is still open."""
		frappe.set_user(OWNER)
		job = start_job("producers", 4, "nhap-dai.csv")
		self.jobs.append(job)
		before = frappe.db.count("OCOP Producer")
		with patch.object(data_exchange, "PROGRESS_EVERY", 1):
			publish = data_exchange.progress_publisher("Đang nhập", "dòng", job)
			data_exchange.import_rows("producers", frame("producers", [producer()]))  # not committed
			publish(2, 4, 1)
		self.assertEqual(frappe.db.count("OCOP Producer"), before + 1)
		now = stored(job)
		self.assertEqual((now.total_rows, now.processed_rows, now.failed_rows, now.progress), (4, 2, 1, 50))
		self.assertEqual(now.owner, OWNER)

	def test_a_long_import_leaves_its_counts_and_failures_on_its_record(self):
		frappe.set_user(OWNER)
		file_url = self.upload([producer(), producer(**{"Mã số thuế": "123"}), producer()])
		with patch.object(data_exchange, "IMPORT_IN_REQUEST", 1):  # three rows count as a long file here
			answer = data_exchange.import_file("producers", file_url)
		self.jobs.append(answer["job"])
		self.assertEqual((answer["queued"], answer["rows"]), (True, 3))
		done = stored(answer["job"])
		self.assertEqual(
			(done.status, done.total_rows, done.processed_rows, done.inserted_rows, done.failed_rows),
			("Xong, có lỗi", 3, 3, 2, 1),
		)
		self.assertEqual(done.progress, 100)
		self.assertIn("Dòng 3", done.error_log)
		notice = frappe.get_last_doc("Notification Log", {"for_user": OWNER})
		self.assertEqual(done.result_file, frappe.db.get_value("File", notice.document_name, "file_url"))

	def test_a_job_that_fails_says_so(self):
		frappe.set_user(OWNER)
		job = start_job("products", 2, "thieu-cot.csv")
		self.jobs.append(job)
		file_url = self.upload([producer()])  # the producers' columns, not the products'
		self.assertRaises(frappe.ValidationError, data_exchange.run_import, "products", file_url, 0, job)
		failed = stored(job)
		self.assertEqual(failed.status, "Thất bại")
		self.assertIn("Tệp thiếu cột", failed.error_log)

	def test_a_long_export_leaves_its_file_on_its_record(self):
		frappe.set_user(MINISTRY)
		with patch.object(data_exchange, "EXPORT_IN_REQUEST", -1):  # any list counts as long here
			answer = data_exchange.start_recognised_products_export()
		self.jobs.append(answer["job"])
		done = stored(answer["job"])
		self.assertEqual((done.status, done.processed_rows), ("Xong", answer["rows"]))
		self.assertTrue(done.result_file.startswith("/private/files/danh-sach-san-pham-ocop-"))

	def test_only_its_owner_and_the_national_roles_read_it(self):
		frappe.set_user(OWNER)
		job = start_job("producers", 10, "nhap-dai.csv")
		self.jobs.append(job)
		frappe.db.rollback()  # a new snapshot, which sees the record committed by its own connection
		for user, reads in (
			(OWNER, True),
			(SAME_COMMUNE, False),
			(PROVINCE_OFFICER, False),
			(MINISTRY, True),
		):
			frappe.set_user(user)
			with self.subTest(user=user):
				self.assertEqual(frappe.has_permission(DOCTYPE, "read", doc=job), reads)
				listed = frappe.get_list(DOCTYPE, filters={"name": job}, pluck="name")
				self.assertEqual(listed, [job] if reads else [])
				self.assertEqual(get_count(DOCTYPE, filters={"name": job}), 1 if reads else 0)
				found = [r["value"] for r in search_link(DOCTYPE, job, ignore_user_permissions=True)]
				self.assertEqual(job in found, reads)
				if reads:
					self.assertEqual(frappe.get_doc(DOCTYPE, job).total_rows, 10)
				else:
					self.assertRaises(frappe.PermissionError, frappe.get_doc(DOCTYPE, job).check_permission)
					self.assertEqual(frappe.client.get_value(DOCTYPE, "total_rows", {"name": job}), {})
				# nobody writes it but the job
				self.assertFalse(frappe.has_permission(DOCTYPE, "write", doc=job))
