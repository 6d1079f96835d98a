# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Excel import (row errors handed back, all-or-nothing, legacy addresses) and the ministry export."""

import io
import json

import pandas as pd

import frappe
from frappe.tests.utils import FrappeTestCase

from ocop_app.data_exchange import (
	ERROR_COLUMN,
	MINISTRY_COLUMNS,
	TEMPLATES,
	download_template,
	import_rows,
	read_table,
	recognised_products_rows,
)
from ocop_app.factories import COMMUNE_A, make_user, random_digits, random_tax_id

OFFICER_A = "dx.xa.a@ocop.vn"


def frame(kind: str, rows: list[dict]) -> pd.DataFrame:
	return pd.DataFrame(
		[{c: r.get(c, "") for c in TEMPLATES[kind]} for r in rows], columns=TEMPLATES[kind]
	).fillna("")


def producer(**values) -> dict:
	row = {
		"Tên chủ thể": "HTX Nhập thử",
		"Loại hình": "Hợp tác xã",
		"Mã số thuế": random_tax_id(),
		"Tỉnh": "Hưng Yên",
		"Xã/phường": "Xã Đông Hưng",
		"Người đại diện": "Nguyễn Thị Nhập",
		"Đại diện là nữ": "x",
		"Ngân hàng": "Agribank",
		"Số tài khoản": random_digits(13),
		"Chủ tài khoản": "HTX NHAP THU",
	}
	row.update(values)
	return row


class TestDataExchange(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OFFICER_A, "OCOP Commune Officer", COMMUNE_A)
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def drop_job(self, job: str) -> None:
		"""A background job's record is committed by a connection of its own: removed after the test."""
		from ocop_app.data_jobs import DOCTYPE, own_connection

		def drop():
			with own_connection() as db:
				db.delete(DOCTYPE, {"name": job})

		self.addCleanup(drop)

	def test_an_uploaded_csv_is_read(self):
		"""frappe's File.get_content gives a CSV upload back as text, an XLSX as bytes."""
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "nhap-thu.csv",
				"is_private": 1,
				"content": "Tên sản phẩm\nMật ong\n",
			}
		).insert(ignore_permissions=True)  # test set-up: an upload of the test's own
		self.assertIsInstance(file.get_content(), str)
		frame = read_table(file.get_content(), file.file_name)
		self.assertEqual(frame.to_dict("records"), [{"Tên sản phẩm": "Mật ong"}])

	def test_template_has_the_columns(self):
		download_template("producers")
		columns = list(pd.read_excel(io.BytesIO(frappe.response["filecontent"])).columns)
		self.assertEqual(columns, TEMPLATES["producers"])

	def test_rows_with_errors_are_handed_back_and_not_written(self):
		good, legacy = (
			producer(),
			producer(
				**{
					"Tỉnh": "Tỉnh Thái Bình",
					"Huyện (trước 01/07/2025)": "Huyện Đông Hưng",
					"Xã/phường": "Xã Nguyên Xá",
				}
			),
		)
		bad_tax, bad_unit = producer(**{"Mã số thuế": "0100233489"}), producer(**{"Xã/phường": "Xã Không Có"})
		before = frappe.db.count("OCOP Producer")
		result = import_rows("producers", frame("producers", [good, bad_tax, legacy, bad_unit]))
		self.assertEqual(result["inserted"], 2)
		self.assertEqual(
			[(e["row"], e["column"]) for e in result["errors"]], [(3, "Mã số thuế"), (5, "Xã/phường")]
		)
		self.assertEqual(frappe.db.count("OCOP Producer"), before + 2)
		# the 2021 address in Thái Bình lands on today's commune
		self.assertEqual(
			frappe.db.get_value("OCOP Producer", {"tax_id": legacy["Mã số thuế"]}, "administrative_unit"),
			COMMUNE_A,
		)
		self.assertTrue(frappe.db.get_value("OCOP Producer", {"tax_id": good["Mã số thuế"]}, "women_led"))
		# the file comes back with an error column on the bad rows only
		file = frappe.get_doc("File", {"file_url": result["error_file"]})
		back = pd.read_excel(io.BytesIO(file.get_content()), dtype=str).fillna("")
		self.assertEqual(list(back[ERROR_COLUMN] != ""), [False, True, False, True])
		self.assertIn("chữ số kiểm tra", back[ERROR_COLUMN][1])

	def test_rows_of_one_file_are_checked_against_each_other(self):
		first = producer()
		same_tax = producer(**{"Mã số thuế": first["Mã số thuế"]})
		same_account = producer(**{"Số tài khoản": first["Số tài khoản"]})
		bad_form, bad_email = (
			producer(**{"Loại hình": "Công ty ma"}),
			producer(**{"Email": "không-phải-email"}),
		)
		result = import_rows(
			"producers", frame("producers", [first, same_tax, same_account, bad_form, bad_email])
		)
		self.assertEqual(result["inserted"], 1)
		self.assertEqual(
			[(e["row"], e["column"]) for e in result["errors"][:2]], [(3, "Mã số thuế"), (4, "Số tài khoản")]
		)
		self.assertEqual([e["row"] for e in result["errors"]], [3, 4, 5, 6])
		# written under the naming series, with its ERPNext Supplier and Bank Account made after
		name, supplier = frappe.db.get_value(
			"OCOP Producer", {"tax_id": first["Mã số thuế"]}, ["name", "supplier"]
		)
		self.assertTrue(name.startswith("OCOP-CT-"))
		self.assertIn("chế độ nền", result["note"])
		queued = [json.loads(v) for v in frappe.cache.lrange("global_search_queue", 0, -1)]
		self.assertIn(name, [v["name"] for v in queued if v["doctype"] == "OCOP Producer"])
		self.assertEqual(frappe.db.get_value("Supplier", supplier, "tax_id"), first["Mã số thuế"])
		self.assertTrue(
			frappe.db.exists("Bank Account", {"party": supplier, "bank_account_no": first["Số tài khoản"]})
		)
		# a tax id, or a bank account (however it is spaced), registered before is refused next time
		number = first["Số tài khoản"]
		again = import_rows(
			"producers",
			frame(
				"producers",
				[
					producer(**{"Mã số thuế": first["Mã số thuế"]}),
					producer(**{"Số tài khoản": f"{number[:4]} {number[4:8]} {number[8:]}"}),
				],
			),
		)
		self.assertEqual(again["inserted"], 0)
		self.assertEqual([e["column"] for e in again["errors"]], ["Mã số thuế", "Số tài khoản"])

	def test_all_or_nothing(self):
		before = frappe.db.count("OCOP Producer")
		result = import_rows(
			"producers", frame("producers", [producer(), producer(**{"Mã số thuế": "123"})]), True
		)
		self.assertEqual((result["inserted"], len(result["errors"])), (0, 1))
		self.assertEqual(frappe.db.count("OCOP Producer"), before)

	def test_an_official_imports_only_into_their_units(self):
		frappe.set_user(OFFICER_A)
		result = import_rows(
			"producers",
			frame(
				"producers",
				[producer(), producer(**{"Tỉnh": "Thành phố Hà Nội", "Xã/phường": "Xã Bát Tràng"})],
			),
		)
		self.assertEqual(result["inserted"], 1)
		self.assertEqual(result["errors"][0]["row"], 3)

	def test_products_and_historical_recognitions(self):
		p = producer()
		import_rows("producers", frame("producers", [p]))
		rows = [
			{"Tên sản phẩm": "Bánh cáy 2021", "Mã số thuế chủ thể": p["Mã số thuế"], "Nhóm sản phẩm": "Chế biến từ gạo, ngũ cốc",
			 "Hạng sao": "3", "Số quyết định": "1520/QĐ-UBND", "Ngày quyết định": "2021-08-20"},
			{"Tên sản phẩm": "Mắm 2024", "Mã số thuế chủ thể": p["Mã số thuế"], "Nhóm sản phẩm": "Tương, nước mắm, gia vị khác",
			 "Hạng sao": "4", "Số quyết định": "88/QĐ-UBND", "Ngày quyết định": "02/05/2024"},  # as officials write it
			{"Tên sản phẩm": "Không chủ", "Mã số thuế chủ thể": "0100233488", "Nhóm sản phẩm": "Đồ ăn nhanh",
			 "Hạng sao": "3", "Số quyết định": "1/QĐ", "Ngày quyết định": "2024-01-01"},
			{"Tên sản phẩm": "Sai sao", "Mã số thuế chủ thể": p["Mã số thuế"], "Nhóm sản phẩm": "Đồ ăn nhanh",
			 "Hạng sao": "6", "Số quyết định": "2/QĐ", "Ngày quyết định": "2024-01-01"},
		]  # fmt: skip
		result = import_rows("recognitions", frame("recognitions", rows))
		self.assertEqual(result["inserted"], 2)
		self.assertEqual(
			[(e["row"], e["column"]) for e in result["errors"]], [(4, "Mã số thuế chủ thể"), (5, "Hạng sao")]
		)
		old = frappe.db.get_value(
			"OCOP Product", {"product_name": "Bánh cáy 2021"}, ["name", "star_rating"], as_dict=True
		)
		self.assertEqual(frappe.db.get_value("OCOP Certificate", {"product": old.name}, "status"), "Hết hạn")
		self.assertEqual(old.star_rating, 0)
		self.assertEqual(frappe.db.get_value("OCOP Product", {"product_name": "Mắm 2024"}, "star_rating"), 4)
		new = frappe.db.get_value("OCOP Product", {"product_name": "Mắm 2024"})
		self.assertEqual(
			str(frappe.db.get_value("OCOP Certificate", {"product": new}, "valid_from")), "2024-05-02"
		)  # day first: 2 May, not 5 February
		# and the ministry's list holds the one in force, in its layout
		export = recognised_products_rows()
		row = next(r for r in export if r["Tên sản phẩm"] == "Mắm 2024")
		self.assertEqual(list(row), list(MINISTRY_COLUMNS))
		self.assertEqual((row["Hạng sao"], row["Số quyết định"]), (4, "88/QĐ-UBND"))
		self.assertNotIn("Bánh cáy 2021", [r["Tên sản phẩm"] for r in export])

	def test_a_long_import_runs_in_the_background_with_progress_and_a_notice(self):
		from unittest.mock import patch

		from ocop_app import data_exchange

		seen = []
		result = import_rows(
			"producers",
			frame("producers", [producer(), producer(**{"Mã số thuế": "123"}), producer()]),
			progress=lambda done, total, failed: seen.append((done, total)),
		)
		self.assertEqual(result["inserted"], 2)
		self.assertEqual(seen[-1], (3, 3))  # the count of rows checked, to the end
		self.assertEqual(seen, sorted(seen))

		frappe.set_user(OFFICER_A)
		csv = frame("producers", [producer(), producer(**{"Mã số thuế": "123"})]).to_csv(index=False)
		upload = frappe.get_doc(
			{"doctype": "File", "file_name": "nhap-dai.csv", "is_private": 1, "content": csv}
		).insert()
		with patch.object(data_exchange, "IMPORT_IN_REQUEST", 1):  # two rows count as a long file here
			answer = data_exchange.import_file("producers", upload.file_url)
		self.drop_job(answer.pop("job"))  # its record: ocop_app/tests/test_data_jobs.py
		self.assertEqual(answer, {"queued": True, "rows": 2})
		# the job (run at once in tests) tells the official: counts, and the file with the error column
		notice = frappe.get_last_doc("Notification Log", {"for_user": OFFICER_A})
		self.assertIn("1/2", notice.subject)
		self.assertEqual(notice.document_type, "File")
		errors = frappe.get_doc("File", notice.document_name)
		self.assertEqual(errors.owner, OFFICER_A)
		back = pd.read_excel(io.BytesIO(errors.get_content()), dtype=str).fillna("")
		self.assertEqual(list(back[ERROR_COLUMN] != ""), [False, True])
		self.assertIn("Dòng 3", notice.email_content)

	def test_a_long_national_export_is_made_in_the_background(self):
		from unittest.mock import patch

		from ocop_app import data_exchange

		self.assertTrue(data_exchange.start_recognised_products_export()["download"])
		with patch.object(data_exchange, "EXPORT_IN_REQUEST", -1):  # any list counts as long here
			answer = data_exchange.start_recognised_products_export()
		self.drop_job(answer["job"])
		self.assertTrue(answer["queued"])
		notice = frappe.get_last_doc("Notification Log", {"for_user": "Administrator"})
		self.assertIn(f"{answer['rows']} dòng", notice.subject)
		sheet = pd.read_excel(io.BytesIO(frappe.get_doc("File", notice.document_name).get_content()))
		self.assertEqual(list(sheet.columns), list(MINISTRY_COLUMNS))
		self.assertEqual(len(sheet), answer["rows"])
