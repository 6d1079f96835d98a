"""Excel in and out (pandas + openpyxl): producers, products and historical recognitions in; the
ministry's list of recognised products out.

An import checks every row and hands back the file with an error column (row, column, message).
Rows with errors are not written; the valid rows are written together, or, when the official
asks for all-or-nothing, nothing is written unless every row is valid. Addresses from before
1/7/2025 (with a district) are resolved to today's communes.
"""

import io
import numbers
from functools import lru_cache

import frappe
from frappe import _
from frappe.utils import add_days, add_months, cint, flt, getdate, strip_html, today

from ocop_app.data_jobs import fail_job, finish_job, job_running, start_job, update_job
from ocop_app.rules.unit_lookup import UnitIndex, UnitRow
from ocop_app.rules.vn_dates import parse_vn_date
from ocop_app.units import names_of

PROVINCE, DISTRICT, COMMUNE = "Tỉnh", "Huyện (trước 01/07/2025)", "Xã/phường"
ERROR_COLUMN = "Lỗi"
TEMPLATES = {
	"producers": [
		"Tên chủ thể", "Loại hình", "Mã số thuế", PROVINCE, DISTRICT, COMMUNE, "Địa chỉ", "Người đại diện",
		"Điện thoại", "Email", "Đại diện là nữ", "Đại diện là người DTTS", "Ngân hàng", "Số tài khoản", "Chủ tài khoản",
	],
	"products": ["Tên sản phẩm", "Mã số thuế chủ thể", "Nhóm sản phẩm", PROVINCE, DISTRICT, COMMUNE],
	"recognitions": [
		"Tên sản phẩm", "Mã số thuế chủ thể", "Nhóm sản phẩm", "Hạng sao", "Số quyết định", "Ngày quyết định",
		PROVINCE, DISTRICT, COMMUNE,
	],
}  # fmt: skip
DOCTYPE_OF = {"producers": "OCOP Producer", "products": "OCOP Product", "recognitions": "OCOP Product"}
# which column an error belongs to, by the error's class name
ERROR_COLUMNS = {
	"InvalidTaxIdError": "Mã số thuế",
	"DuplicateTaxIdError": "Mã số thuế",
	"UnitLevelError": COMMUNE,
	"LegacyUnitError": COMMUNE,
	"BankAccountHolderMissingError": "Chủ tài khoản",
	"InvalidBankAccountNumberError": "Số tài khoản",
	"DuplicateBankAccountError": "Số tài khoản",
	"ProducerRequiredError": "Mã số thuế chủ thể",
	"PermissionError": COMMUNE,
}
YES = {"x", "1", "có", "co", "yes", "true"}
KIND_LABELS = {"producers": "chủ thể", "products": "sản phẩm", "recognitions": "kết quả công nhận"}
IMPORT_IN_REQUEST = 500  # rows: a longer file is imported by a background job with progress
EXPORT_IN_REQUEST = 2_000  # rows: a longer export is made by a background job with progress
PROGRESS_EVERY = 50


class RowError(Exception):
	def __init__(self, column: str, message: str):
		super().__init__(message)
		self.column, self.message = column, message


@frappe.whitelist()
def download_template(kind: str) -> None:
	import pandas as pd

	columns = TEMPLATES.get(kind)
	if not columns:
		frappe.throw(_("Không có mẫu nhập {0}.").format(kind))
	frappe.has_permission(DOCTYPE_OF[kind], "create", throw=True)
	send_xlsx(pd.DataFrame(columns=columns), f"mau-nhap-{kind}.xlsx")


@frappe.whitelist(methods=["POST"])
def import_file(kind: str, file_url: str, all_or_nothing: int = 0) -> dict:
	"""Desk action: import an uploaded XLSX/CSV. Returns counts and the file with an error column."""
	if kind not in TEMPLATES:
		frappe.throw(_("Không có mẫu nhập {0}.").format(kind))
	frappe.has_permission(DOCTYPE_OF[kind], "create", throw=True)
	file = frappe.get_doc("File", {"file_url": file_url})
	file.check_permission("read")
	frame = read_table(file.get_content(), file.file_name)
	if len(frame) > IMPORT_IN_REQUEST:
		# a long file would outlast the web request: a background job imports it, publishing its
		# progress to the user and storing it on an OCOP Data Job; the user is notified at the end
		job = start_job(kind, len(frame), file.file_name)
		frappe.enqueue(
			run_import,
			queue="long",
			timeout=3600,
			kind=kind,
			file_url=file_url,
			all_or_nothing=cint(all_or_nothing),
			job=job,
			now=bool(frappe.flags.in_test),
		)
		return {"queued": True, "rows": len(frame), "job": job}
	return import_rows(kind, frame, bool(cint(all_or_nothing)))


def run_import(kind: str, file_url: str, all_or_nothing: int = 0, job: str | None = None) -> dict:
	"""Background job of a long import, as the user who uploaded it (their scope applies to each row);
	``job``: its OCOP Data Job, which shows the counts while it runs and the failures at the end."""
	job_running(job)
	try:
		frappe.has_permission(DOCTYPE_OF[kind], "create", throw=True)
		file = frappe.get_doc("File", {"file_url": file_url})
		file.check_permission("read")
		frame = read_table(file.get_content(), file.file_name)
		title = _("Đang nhập {0}").format(_(KIND_LABELS[kind]))
		progress = progress_publisher(title, _("dòng"), job)
		result = import_rows(kind, frame, bool(all_or_nothing), progress=progress)
	except Exception as e:
		fail_job(job, e)
		raise
	finish_job(
		job,
		processed=result["rows"],
		inserted=result["inserted"],
		failed=len({e["row"] for e in result["errors"]}),
		errors=[_("Dòng {0}: {1}").format(e["row"], e["message"]) for e in result["errors"]],
		result_file=result.get("error_file"),
	)
	notify_result(
		_("Nhập {0} từ {1}: đã ghi {2}/{3} dòng; {4} dòng có lỗi.").format(
			_(KIND_LABELS[kind]), file.file_name, result["inserted"], result["rows"], len(result["errors"])
		),
		result.get("error_file"),
		"<br>".join(
			frappe.utils.escape_html(_("Dòng {0}: {1}").format(e["row"], e["message"]))
			for e in result["errors"][:20]
		),
	)
	return result


def progress_publisher(title: str, unit: str, job: str | None = None):
	"""frappe's realtime progress to the user (a bar with the count on any desk page), at most
	every PROGRESS_EVERY items, and the same count (with the failed rows) stored on ``job``."""

	def publish(done: int, total: int, failed: int = 0) -> None:
		if done == total or done % PROGRESS_EVERY == 0:
			frappe.publish_progress(
				done * 100 / (total or 1), title=title, description=f"{done}/{total} {unit}"
			)
			update_job(job, processed_rows=done, total_rows=total, failed_rows=failed)

	return publish


def notify_result(subject: str, file_url: str | None, details: str = "") -> None:
	"""The notification at the end of a background import or export, to the user who started it;
	it opens the file made (the error file, the export)."""
	file = frappe.db.get_value("File", {"file_url": file_url}, "name") if file_url else None
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": frappe.session.user,
			"type": "Alert",
			"subject": subject,
			"document_type": "File" if file else None,
			"document_name": file,
			"email_content": details or None,
		}
	).insert(ignore_permissions=True)  # a notice to the user running this job, about their own file


def read_table(content: bytes, filename: str):
	import pandas as pd

	if isinstance(content, str):  # frappe's File.get_content decodes text files (a CSV upload)
		content = content.encode("utf-8")
	if filename.lower().endswith((".xlsx", ".xls")):
		frame = pd.read_excel(io.BytesIO(content), dtype=str)
	else:
		frame = pd.read_csv(io.BytesIO(content), dtype=str, encoding="utf-8-sig")
	frame.columns = [str(c).strip() for c in frame.columns]
	return frame.fillna("")


def import_rows(kind: str, frame, all_or_nothing: bool = False, progress=None) -> dict:
	"""Check and write the rows; ``progress(done, total)`` is called as rows are checked."""
	missing = [c for c in TEMPLATES[kind] if c not in frame.columns]
	if missing:
		frappe.throw(
			_("Tệp thiếu cột: {0}. Hãy dùng mẫu tải về từ hệ thống.").format(frappe.bold(", ".join(missing))),
			title=_("Tệp không đúng mẫu"),
		)
	if kind == "producers":
		inserted, errors = import_producers(frame.to_dict("records"), all_or_nothing, progress)
		result = import_result(kind, frame, inserted, errors, all_or_nothing)
		if result["inserted"]:
			result["note"] = _(
				"Nhà cung cấp (Supplier) và tài khoản ngân hàng trong ERPNext của các chủ thể mới đang được tạo ở chế độ nền."
			)
		return result
	handler = {"products": product_row, "recognitions": recognition_row}[kind]
	errors: list[dict] = []
	inserted = 0
	for position, row in enumerate(frame.to_dict("records"), start=2):  # row 1 is the header
		savepoint = f"ocop_import_{position}"
		frappe.db.savepoint(savepoint)
		try:
			handler({k: str(v).strip() for k, v in row.items()})
			inserted += 1
		except RowError as e:
			frappe.db.rollback(save_point=savepoint)
			errors.append({"row": position, "column": e.column, "message": e.message})
		except ROW_ERRORS as e:
			frappe.db.rollback(save_point=savepoint)
			errors.append(row_error(position, e))
		finally:
			frappe.local.message_log = []
		if progress:
			progress(position - 1, len(frame), len({e["row"] for e in errors}))
	if errors and all_or_nothing:
		frappe.db.rollback()
		inserted = 0
	return import_result(kind, frame, inserted, errors, all_or_nothing)


ROW_ERRORS = (frappe.ValidationError, frappe.PermissionError, frappe.DuplicateEntryError)


def row_error(position: int, error: Exception) -> dict:
	return {"row": position, "column": ERROR_COLUMNS.get(type(error).__name__, ""), "message": plain(error)}


def import_result(kind: str, frame, inserted: int, errors: list[dict], all_or_nothing: bool) -> dict:
	result = {"rows": len(frame), "inserted": inserted, "errors": errors, "all_or_nothing": all_or_nothing}
	if errors:
		result["error_file"] = error_file(kind, frame, errors)
	return result


def plain(error: Exception) -> str:
	"""An error's message without the markup frappe.throw puts in it (bold names)."""
	return strip_html(str(error)).strip()


def error_file(kind: str, frame, errors: list[dict]) -> str:
	by_row: dict[int, list[str]] = {}
	for e in errors:
		by_row.setdefault(e["row"], []).append(
			f"{e['column']}: {e['message']}" if e["column"] else e["message"]
		)
	frame = frame.copy()
	frame[ERROR_COLUMN] = ["; ".join(by_row.get(i, [])) for i in range(2, len(frame) + 2)]
	buffer = io.BytesIO()
	frame.to_excel(buffer, index=False)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"loi-nhap-{kind}-{frappe.generate_hash(length=6)}.xlsx",
			"is_private": 1,
			"content": buffer.getvalue(),
		}
	)
	file.insert(ignore_permissions=True)  # the importer's own private file (owner: the user importing)
	return file.file_url


# ---------------------------------------------------------------------- rows
def resolve_unit(row: dict, required: bool = True, index: UnitIndex | None = None) -> str | None:
	if not (row.get(PROVINCE) or row.get(COMMUNE)):
		if required:
			raise RowError(COMMUNE, _("Thiếu tỉnh và xã/phường."))
		return None
	today_unit, _legacy = (index or unit_index()).resolve(
		row.get(PROVINCE), row.get(COMMUNE), row.get(DISTRICT, "")
	)
	if not today_unit:
		raise RowError(
			COMMUNE,
			_(
				"Không tìm thấy {0}, {1} trong danh mục đơn vị hành chính (với địa chỉ trước 01/07/2025, ghi cả huyện)."
			).format(row.get(COMMUNE), row.get(PROVINCE)),
		)
	return today_unit


@lru_cache(maxsize=1)
def _cached_index(stamp: str) -> UnitIndex:
	from vietnam_address_converter.normalize import normalize_vietnamese_name

	rows = frappe.get_all(
		"OCOP Administrative Unit",
		fields=[
			"name",
			"unit_name",
			"level",
			"parent_ocop_administrative_unit",
			"is_legacy",
			"successor_unit",
		],
	)
	return UnitIndex(
		(
			UnitRow(
				r.name,
				r.unit_name,
				r.level,
				r.parent_ocop_administrative_unit,
				bool(r.is_legacy),
				r.successor_unit,
			)
			for r in rows
		),
		normalize_vietnamese_name,
	)


def unit_index() -> UnitIndex:
	stamp = frappe.db.sql("select count(*), max(modified) from `tabOCOP Administrative Unit`")[0]
	return _cached_index(f"{frappe.local.site}:{stamp}")


SUPPLIER_SYNC_CHUNK = 500


def import_producers(records: list[dict], all_or_nothing: bool, progress=None) -> tuple[int, list[dict]]:
	"""Producers in bulk: (rows written, row errors).

	Every row is checked by OCOP Producer's own validate and frappe's field checks, with the
	look-ups the form makes one record at a time (tax ids and bank accounts already registered,
	the commune's province) done once for the whole file. The valid rows are written with one
	INSERT per table, under names taken from the naming series in one step. Each producer's ERPNext
	Supplier and Bank Accounts (what OCOP Producer.on_update makes on a form) are made by
	background jobs once the import commits; paying a producer makes them first if needed.
	"""
	from frappe.model.naming import get_default_naming_series

	frappe.has_permission("OCOP Producer", "create", throw=True)
	rows = [{k: str(v).strip() for k, v in r.items()} for r in records]
	index, banks = unit_index(), set(frappe.get_all("Bank", pluck="name"))
	tax_owners, account_owners = registered_owners(rows)
	docs, errors = [], []
	for position, row in enumerate(rows, start=2):  # row 1 is the header
		if progress:
			progress(position - 2, len(rows), len(errors))
		try:
			doc = producer_doc(row, banks, index)
			check_create(doc)
			doc.flags.update(
				tax_id_owners=tax_owners,
				bank_account_owners=account_owners,
				province_from_index=index.province_of(doc.administrative_unit),
			)
			doc._set_defaults()
			doc.naming_series = doc.naming_series or get_default_naming_series(doc.doctype)
			doc.set("__islocal", True)
			doc.name = f"new-ocop-producer-{position}"  # until the valid rows get their names
			doc.set_parent_in_children()
			doc.set_user_and_timestamp()
			doc.set_docstatus()
			doc._action = "save"  # a new record, as insert() would have it
			doc.run_before_save_methods()  # the controller's validate
			doc._validate()  # mandatory fields, options, e-mail/phone, lengths
		except RowError as e:
			errors.append({"row": position, "column": e.column, "message": e.message})
			continue
		except ROW_ERRORS as e:
			errors.append(row_error(position, e))
			continue
		finally:
			frappe.local.message_log = []
		# the next rows of the file may not reuse this tax id or bank account
		owner = frappe._dict(name=_("dòng {0} của tệp").format(position), producer_name=doc.producer_name)
		tax_owners[doc.tax_id] = owner
		for account in doc.bank_accounts:
			account_owners[(account.bank, account.account_number)] = owner
		docs.append(doc)
	if progress:
		progress(len(rows), len(rows), len(errors))
	if not docs or (errors and all_or_nothing):
		return 0, errors
	write_new(docs, reserve_names(docs[0].naming_series, len(docs)))
	names = [d.name for d in docs]
	for start in range(0, len(names), SUPPLIER_SYNC_CHUNK):
		frappe.enqueue(
			"ocop_app.accounting.supplier.sync_producers",
			queue="long",
			names=names[start : start + SUPPLIER_SYNC_CHUNK],
			enqueue_after_commit=True,
			now=bool(frappe.flags.in_test),
		)
	return len(docs), errors


def producer_doc(row: dict, banks: set[str], index: UnitIndex):
	account = (
		[
			{
				"bank": row["Ngân hàng"],
				"account_number": row["Số tài khoản"],
				"account_holder": row["Chủ tài khoản"],
			}
		]
		if row.get("Số tài khoản")
		else []
	)
	if account and row["Ngân hàng"] not in banks:
		raise RowError("Ngân hàng", _("Không có ngân hàng {0} trong danh mục.").format(row["Ngân hàng"]))
	return frappe.get_doc(
		{
			"doctype": "OCOP Producer",
			"producer_name": row["Tên chủ thể"],
			"legal_form": row["Loại hình"],
			"tax_id": row["Mã số thuế"],
			"administrative_unit": resolve_unit(row, index=index),
			"address": row.get("Địa chỉ"),
			"representative": row.get("Người đại diện"),
			"phone": row.get("Điện thoại"),
			"email": row.get("Email") or None,
			"women_led": int(row.get("Đại diện là nữ", "").lower() in YES),
			"ethnic_minority_led": int(row.get("Đại diện là người DTTS", "").lower() in YES),
			"bank_accounts": account,
		}
	)


def registered_owners(rows: list[dict]) -> tuple[dict, dict]:
	"""Producers already holding the file's tax ids, and its bank accounts (one query each)."""
	from ocop_app.rules.bank import normalise_account_number
	from ocop_app.rules.tax_id import check_tax_id

	tax_ids = {check_tax_id(r.get("Mã số thuế"), r.get("Loại hình")).value for r in rows} - {None}
	tax_owners = (
		{
			p.tax_id: p
			for p in frappe.get_all(
				"OCOP Producer",
				filters={"tax_id": ["in", list(tax_ids)]},
				fields=["name", "producer_name", "tax_id"],
			)
		}
		if tax_ids
		else {}
	)
	numbers = {normalise_account_number(r.get("Số tài khoản")) for r in rows} - {""}
	accounts = (
		frappe.db.sql(
			"""select a.bank, a.account_number, p.name, p.producer_name
		from `tabOCOP Producer Bank Account` a join `tabOCOP Producer` p on p.name = a.parent
		where a.parenttype = 'OCOP Producer' and a.account_number in %(numbers)s""",
			{"numbers": tuple(numbers)},
			as_dict=True,
		)
		if numbers
		else []
	)
	account_owners = {
		(a.bank, a.account_number): frappe._dict(name=a.name, producer_name=a.producer_name) for a in accounts
	}
	return tax_owners, account_owners


def reserve_names(series: str, count: int) -> list[str]:
	"""The next ``count`` names of a naming series, taken in one step (as ``count`` inserts would)."""
	from frappe.model.naming import NamingSeries

	naming = NamingSeries(series + ".#####")
	prefix = naming.get_prefix()
	frappe.db.sql("select current from `tabSeries` where name = %s for update", prefix)
	start = naming.get_current_value()
	naming.update_counter(start + count)
	return [f"{prefix}{n:05d}" for n in range(start + 1, start + count + 1)]


def write_new(docs: list, names: list[str]) -> None:
	"""Insert checked new documents of one DocType, and their child rows, one INSERT per table; they
	are queued for the desk's global search as an insert would queue them."""
	from frappe.utils.global_search import update_global_search

	tables: dict[str, list[dict]] = {}
	for doc, name in zip(docs, names, strict=True):
		doc.set_new_name(set_name=name)
		doc.set_parent_in_children()
		for d in (doc, *doc.get_all_children()):
			tables.setdefault(d.doctype, []).append(d.get_valid_dict(convert_dates_to_str=True))
	for doctype, rows in tables.items():
		fields = list(rows[0])
		frappe.db.bulk_insert(doctype, fields, [[r.get(f) for f in fields] for r in rows], chunk_size=5_000)
	for doc in docs:
		update_global_search(doc)


def check_create(doc) -> None:
	"""A row may only create a record the user may create: role and unit scope of that record."""
	if not doc.has_permission("create"):
		raise RowError(COMMUNE, _("Bạn không có quyền tạo hồ sơ cho đơn vị này (ngoài phạm vi quản lý)."))


def check_in_scope(doctype: str, name: str, ptype: str, column: str, label: str) -> None:
	if not frappe.get_doc(doctype, name).has_permission(ptype):
		raise RowError(column, _("{0} {1} thuộc đơn vị ngoài phạm vi quản lý của bạn.").format(label, name))


def find_producer(row: dict) -> str:
	from ocop_app.rules.tax_id import compact

	tax_id = row.get("Mã số thuế chủ thể", "")
	producer = (
		frappe.db.get_value("OCOP Producer", {"tax_id": tax_id})
		or next(
			iter(
				frappe.get_all(
					"OCOP Producer",
					filters={"tax_id": ["like", f"{compact(tax_id)[:10]}%"]},
					pluck="name",
					limit=1,
				)
			),
			None,
		)
		if tax_id
		else None
	)
	if not producer:
		raise RowError(
			"Mã số thuế chủ thể",
			_("Chưa có chủ thể có mã số thuế {0}: hãy nhập chủ thể trước.").format(tax_id or "—"),
		)
	check_in_scope("OCOP Producer", producer, "read", "Mã số thuế chủ thể", _("Chủ thể"))
	return producer


def find_group(row: dict) -> str:
	group = row.get("Nhóm sản phẩm")
	if not group or not frappe.db.exists("OCOP Product Group", group):
		raise RowError("Nhóm sản phẩm", _("Không có nhóm sản phẩm {0}.").format(group or "—"))
	return group


def product_row(row: dict) -> str:
	producer = find_producer(row)
	name = frappe.db.get_value("OCOP Product", {"producer": producer, "product_name": row["Tên sản phẩm"]})
	if name:
		check_in_scope("OCOP Product", name, "read", "Tên sản phẩm", _("Sản phẩm"))
		return name
	doc = frappe.get_doc(
		{
			"doctype": "OCOP Product",
			"product_name": row["Tên sản phẩm"],
			"producer": producer,
			"product_group": find_group(row),
			"administrative_unit": resolve_unit(row, required=False),
		}
	)
	doc.insert()
	return doc.name


def recognition_row(row: dict) -> None:
	"""A recognition made before the app (e.g. 2019–2024 results): product and certificate."""
	from ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate import (
		ACTIVE,
		EXPIRED,
		refresh_product_star,
	)

	star = cint(row.get("Hạng sao"))
	if star not in (3, 4, 5):
		raise RowError("Hạng sao", _("Hạng sao phải là 3, 4 hoặc 5."))
	try:
		decided = parse_vn_date(row.get("Ngày quyết định"))  # 05/10/2025 is 5 October
	except Exception:
		decided = None
	if not decided or not row.get("Số quyết định"):
		raise RowError("Ngày quyết định", _("Thiếu số hoặc ngày quyết định công nhận."))
	product = product_row(row)
	# the certificate is the product's: the product must be one the user may change
	check_in_scope("OCOP Product", product, "write", "Tên sản phẩm", _("Sản phẩm"))
	if frappe.db.exists("OCOP Certificate", {"product": product, "decision_no": row["Số quyết định"]}):
		raise RowError(
			"Số quyết định", _("Quyết định {0} đã được nhập cho sản phẩm này.").format(row["Số quyết định"])
		)
	valid_to = add_days(add_months(decided, 36), -1)
	values = frappe.db.get_value(
		"OCOP Product", product, ["producer", "administrative_unit", "province"], as_dict=True
	)
	from frappe.model.naming import make_autoname

	frappe.get_doc(
		{
			"doctype": "OCOP Certificate",
			"certificate_no": make_autoname("OCOP-GCN-.YYYY.-.#####"),
			"product": product,
			"producer": values.producer,
			"administrative_unit": values.administrative_unit,
			"province": values.province,
			"star": star,
			"status": ACTIVE if getdate(valid_to) >= getdate(today()) else EXPIRED,
			"valid_from": decided,
			"valid_to": valid_to,
			"decision_no": row["Số quyết định"],
			"decision_date": decided,
		}
	).insert(ignore_permissions=True)  # no role creates certificates: product scope checked above
	refresh_product_star(product)


# ---------------------------------------------------------------------- export
MINISTRY_COLUMNS = (
	"STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Nhóm sản phẩm", "Hạng sao", "Số quyết định", "Ngày quyết định",
	"Hiệu lực đến",
)  # fmt: skip


def recognised_products_rows(filters: dict | None = None) -> list[dict]:
	"""The ministry's reporting layout: certificates in force, read through the user's scope."""
	filters = frappe._dict(filters or {})
	conditions = {"status": "Hiệu lực"}
	if filters.get("province"):
		conditions["province"] = filters.province
	certs = frappe.get_list(
		"OCOP Certificate",
		filters=conditions,
		fields=[
			"product",
			"product_name",
			"producer_name",
			"administrative_unit",
			"star",
			"decision_no",
			"decision_date",
			"valid_to",
		],
		order_by="province asc, star desc, product_name asc",
		limit_page_length=0,
	)
	groups = names_of("OCOP Product", (c.product for c in certs), "product_group")
	addresses = names_of("OCOP Administrative Unit", (c.administrative_unit for c in certs), "full_name")
	return [
		{
			"STT": i,
			"Tên sản phẩm": c.product_name,
			"Chủ thể": c.producer_name,
			"Địa chỉ": addresses.get(c.administrative_unit, ""),
			"Nhóm sản phẩm": groups.get(c.product, ""),
			"Hạng sao": c.star,
			"Số quyết định": c.decision_no,
			"Ngày quyết định": frappe.format(c.decision_date, "Date"),
			"Hiệu lực đến": frappe.format(c.valid_to, "Date"),
		}
		for i, c in enumerate(certs, start=1)
	]


@frappe.whitelist()
@frappe.read_only()  # the national list, from the read replica when the site has one
def export_recognised_products(province: str | None = None) -> None:
	import pandas as pd

	frappe.has_permission("OCOP Certificate", "read", throw=True)
	rows = recognised_products_rows({"province": province})
	send_xlsx(pd.DataFrame(rows, columns=list(MINISTRY_COLUMNS)), "danh-sach-san-pham-ocop.xlsx")


@frappe.whitelist(methods=["POST"])
def start_recognised_products_export(province: str | None = None) -> dict:
	"""Desk menu: the ministry's list. A national list (more than EXPORT_IN_REQUEST certificates in
	the user's scope) is made by a background job that publishes its progress and notifies the user
	with the file; a shorter one is downloaded at once (``download``)."""
	frappe.has_permission("OCOP Certificate", "read", throw=True)
	filters = {"status": "Hiệu lực", **({"province": province} if province else {})}
	count = len(frappe.get_list("OCOP Certificate", filters=filters, pluck="name", limit_page_length=0))
	if count <= EXPORT_IN_REQUEST:
		return {"download": True, "rows": count}
	job = start_job("export", count)
	frappe.enqueue(
		run_recognised_products_export,
		queue="long",
		timeout=3600,
		province=province,
		job=job,
		now=bool(frappe.flags.in_test),
	)
	return {"queued": True, "rows": count, "job": job}


def run_recognised_products_export(province: str | None = None, job: str | None = None) -> str:
	"""Background job: the list read through the user's scope, written to the user's private file;
	``job``: its OCOP Data Job (status, count, the file at the end)."""
	import pandas as pd

	job_running(job)
	try:
		frappe.has_permission("OCOP Certificate", "read", throw=True)
		publish = progress_publisher(_("Đang xuất danh sách sản phẩm OCOP"), _("dòng"), job)
		rows = recognised_products_rows({"province": province})
		publish(len(rows) // 2, len(rows))  # read and laid out: the workbook is what is left
		content = xlsx_bytes({"Sheet1": pd.DataFrame(rows, columns=list(MINISTRY_COLUMNS))})
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"danh-sach-san-pham-ocop-{frappe.generate_hash(length=6)}.xlsx",
				"is_private": 1,
				"content": content,
			}
		).insert(ignore_permissions=True)  # the user's own private file (owner: the user exporting)
	except Exception as e:
		fail_job(job, e)
		raise
	publish(len(rows), len(rows))
	finish_job(job, processed=len(rows), inserted=len(rows), failed=0, errors=[], result_file=file.file_url)
	notify_result(
		_("Danh sách sản phẩm OCOP theo mẫu Bộ: {0} dòng, sẵn sàng tải về.").format(len(rows)), file.file_url
	)
	return file.file_url


# money in the app's workbooks: whole đồng, the value an integer, shown with the reader's
# thousands separator (Excel's locale) and "đ" — "5.000.000 đ" on a Vietnamese Excel
VND_FORMAT = '#,##0 "đ"'
AMOUNT_FORMAT = "#,##0"  # a file for another system (the bank's upload): separators only
MONEY_COLUMN_WIDTH = 18  # "1.000.000.000 đ" and more, not "####"


def send_xlsx(frame, filename: str, money: dict | None = None) -> None:
	"""One table as a workbook, sent as a download; ``money`` as in ``xlsx_bytes``, for its sheet."""
	send_xlsx_sheets({"Sheet1": frame}, filename, {"Sheet1": money} if money else None)


def send_xlsx_sheets(frames: dict, filename: str, money: dict | None = None) -> None:
	"""Several tables as the sheets of one workbook, sent as a download."""
	frappe.response["type"] = "binary"
	frappe.response["filename"] = filename
	frappe.response["filecontent"] = xlsx_bytes(frames, money)


def xlsx_bytes(frames: dict, money: dict | None = None, number_format: str = VND_FORMAT) -> bytes:
	"""The tables as the sheets of one workbook. ``money`` names the amounts in đồng of each sheet:
	{sheet: {column: None (every row) or the frame's row positions}}; they are written as integers
	with ``number_format``."""
	import pandas as pd

	buffer = io.BytesIO()
	with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
		for sheet, frame in frames.items():
			frame.to_excel(writer, sheet_name=sheet[:31], index=False)
			for column, rows in ((money or {}).get(sheet) or {}).items():
				format_money(writer.sheets[sheet[:31]], frame, column, rows, number_format)
	return buffer.getvalue()


def format_money(worksheet, frame, column: str, rows=None, number_format: str = VND_FORMAT) -> None:
	"""Cells of ``column`` (row positions of ``frame``, all when None) as whole đồng."""
	from openpyxl.utils import get_column_letter

	position = list(frame.columns).index(column) + 1
	for row in range(len(frame)) if rows is None else rows:
		cell = worksheet.cell(row=row + 2, column=position)  # row 1 is the header
		if isinstance(cell.value, numbers.Number) and not isinstance(cell.value, bool):
			cell.value = int(flt(cell.value, 0))  # whole đồng: 5000000, never 5000000.0
			cell.number_format = number_format
	letter = get_column_letter(position)
	width = worksheet.column_dimensions[letter].width or 0
	worksheet.column_dimensions[letter].width = max(width, MONEY_COLUMN_WIDTH)
