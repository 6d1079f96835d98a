"""Excel in and out (pandas + openpyxl): producers, products and historical recognitions in; the
ministry's list of recognised products out.

An import checks every row and hands back the file with an error column (row, column, message).
Rows with errors are not written; the valid rows are written together, or, when the official
asks for all-or-nothing, nothing is written unless every row is valid. Addresses from before
1/7/2025 (with a district) are resolved to today's communes.
"""

import io
import re
from functools import lru_cache

import frappe
from frappe import _
from frappe.utils import add_days, add_months, cint, getdate, today

from ocop_app.rules.unit_lookup import UnitIndex, UnitRow
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
	return import_rows(kind, read_table(file.get_content(), file.file_name), bool(cint(all_or_nothing)))


def read_table(content: bytes, filename: str):
	import pandas as pd

	if filename.lower().endswith((".xlsx", ".xls")):
		frame = pd.read_excel(io.BytesIO(content), dtype=str)
	else:
		frame = pd.read_csv(io.BytesIO(content), dtype=str, encoding="utf-8-sig")
	frame.columns = [str(c).strip() for c in frame.columns]
	return frame.fillna("")


def import_rows(kind: str, frame, all_or_nothing: bool = False) -> dict:
	missing = [c for c in TEMPLATES[kind] if c not in frame.columns]
	if missing:
		frappe.throw(
			_("Tệp thiếu cột: {0}. Hãy dùng mẫu tải về từ hệ thống.").format(frappe.bold(", ".join(missing))),
			title=_("Tệp không đúng mẫu"),
		)
	handler = {"producers": producer_row, "products": product_row, "recognitions": recognition_row}[kind]
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
		except (frappe.ValidationError, frappe.PermissionError, frappe.DuplicateEntryError) as e:
			frappe.db.rollback(save_point=savepoint)
			errors.append(
				{"row": position, "column": ERROR_COLUMNS.get(type(e).__name__, ""), "message": plain(e)}
			)
		finally:
			frappe.local.message_log = []
	if errors and all_or_nothing:
		frappe.db.rollback()
		inserted = 0
	result = {"rows": len(frame), "inserted": inserted, "errors": errors, "all_or_nothing": all_or_nothing}
	if errors:
		result["error_file"] = error_file(kind, frame, errors)
	return result


def plain(error: Exception) -> str:
	return re.sub(r"<[^>]+>", "", str(error)).strip()


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
	file.insert(ignore_permissions=True)
	return file.file_url


# ---------------------------------------------------------------------- rows
def resolve_unit(row: dict, required: bool = True) -> str | None:
	if not (row.get(PROVINCE) or row.get(COMMUNE)):
		if required:
			raise RowError(COMMUNE, _("Thiếu tỉnh và xã/phường."))
		return None
	today_unit, _legacy = unit_index().resolve(row.get(PROVINCE), row.get(COMMUNE), row.get(DISTRICT, ""))
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


def producer_row(row: dict) -> None:
	bank = (
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
	if bank and not frappe.db.exists("Bank", row["Ngân hàng"]):
		raise RowError("Ngân hàng", _("Không có ngân hàng {0} trong danh mục.").format(row["Ngân hàng"]))
	frappe.get_doc(
		{
			"doctype": "OCOP Producer",
			"producer_name": row["Tên chủ thể"],
			"legal_form": row["Loại hình"],
			"tax_id": row["Mã số thuế"],
			"administrative_unit": resolve_unit(row),
			"address": row.get("Địa chỉ"),
			"representative": row.get("Người đại diện"),
			"phone": row.get("Điện thoại"),
			"email": row.get("Email") or None,
			"women_led": int(row.get("Đại diện là nữ", "").lower() in YES),
			"ethnic_minority_led": int(row.get("Đại diện là người DTTS", "").lower() in YES),
			"bank_accounts": bank,
		}
	).insert()


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
		decided = getdate(row.get("Ngày quyết định"))
	except Exception:
		decided = None
	if not decided or not row.get("Số quyết định"):
		raise RowError("Ngày quyết định", _("Thiếu số hoặc ngày quyết định công nhận."))
	product = product_row(row)
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
	).insert(ignore_permissions=True)
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
def export_recognised_products(province: str | None = None) -> None:
	import pandas as pd

	frappe.has_permission("OCOP Certificate", "read", throw=True)
	rows = recognised_products_rows({"province": province})
	send_xlsx(pd.DataFrame(rows, columns=list(MINISTRY_COLUMNS)), "danh-sach-san-pham-ocop.xlsx")


def send_xlsx(frame, filename: str) -> None:
	buffer = io.BytesIO()
	frame.to_excel(buffer, index=False)
	frappe.response["type"] = "binary"
	frappe.response["filename"] = filename
	frappe.response["filecontent"] = buffer.getvalue()
