"""The desk's "Xuất" (Excel) of the app's query reports in Vietnamese public-finance form.

frappe's generic export (``frappe.desk.query_report.export_query``) writes each value as the report
returns it, with no number format: an amount reads 5000000 (or 5000000.0) and a date as
"2025-10-10 00:00:00". For the app's own reports (module "OCOP App") the Excel export goes through
here: the same permission check, filters, visible rows and columns as frappe's (its own helpers
build the rows), then money columns (Currency) are written as whole-đồng numbers formatted
``#,##0`` — 5.000.000 in a Vietnamese Excel — and date columns as dates ``dd/mm/yyyy``. CSV
exports and the reports of other apps (ERPNext's books) stay frappe's own.
"""

import io
import json

import frappe
from frappe import _
from frappe.desk import query_report
from frappe.desk.reportview import clean_params, parse_json
from frappe.desk.utils import pop_csv_params, provide_binary_file
from frappe.utils.xlsxutils import make_xlsx

from ocop_app.rules.report_cells import FORMATTED, excel_cell

MODULE = "OCOP App"
SHEET = "Query Report"  # frappe's sheet name for a report export


@frappe.whitelist()
def export_query():
	form = frappe._dict(frappe.local.form_dict)
	if form.get("file_format_type") != "Excel" or not is_app_report(form.get("report_name")):
		return query_report.export_query()

	pop_csv_params(form)
	clean_params(form)
	parse_json(form)
	report_name = form.report_name
	frappe.permissions.can_export(
		frappe.get_cached_value("Report", report_name, "ref_doctype"), raise_exception=True
	)
	visible_idx = form.visible_idx or []
	if isinstance(visible_idx, str):
		visible_idx = json.loads(visible_idx)
	data = frappe._dict(
		query_report.run(
			report_name,
			form.filters,
			custom_columns=frappe.parse_json(form.custom_columns or "[]"),
			are_default_filters=False,
		)
	)
	data.filters = form.applied_filters or {}
	if not data.columns:
		frappe.respond_as_web_page(
			_("No data to export"), _("You can try changing the filters of your report.")
		)
		return
	data.columns = [frappe._dict(c) for c in frappe.parse_json(data.columns)]
	query_report.format_duration_fields(data)
	rows, widths = query_report.build_xlsx_data(
		data, visible_idx, form.include_indentation, include_filters=form.include_filters
	)
	columns = [c for c in data.columns if not c.get("hidden")]
	header = rows.index([_(c.get("label")) for c in columns])
	content = make_xlsx(rows, SHEET, column_widths=widths).getvalue()
	provide_binary_file(report_name, "xlsx", with_vn_formats(content, columns, first_row=header + 2))


def is_app_report(report_name: str | None) -> bool:
	return bool(report_name) and frappe.get_cached_value("Report", report_name, "module") == MODULE


def with_vn_formats(content: bytes, columns: list[dict], first_row: int) -> bytes:
	"""The workbook with money as whole đồng and dates as dates (ocop_app.rules.report_cells), from
	``first_row`` (1-based, the row after the header) down."""
	from openpyxl import load_workbook

	workbook = load_workbook(io.BytesIO(content))
	sheet = workbook.active
	for index, column in enumerate(columns, start=1):
		if column.get("fieldtype") not in FORMATTED:
			continue
		for (cell,) in sheet.iter_rows(min_row=first_row, min_col=index, max_col=index):
			cell.value, cell.number_format = excel_cell(cell.value, column.get("fieldtype"))
	out = io.BytesIO()
	workbook.save(out)
	return out.getvalue()
