# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A national scoring sheet for one product set under one rule set, and its Excel/CSV importer.

Officials load sheets from files in the national layout (one row per option, see
ocop_app.rules.criteria); the six real sheets are loaded the same way on install.
"""

import io
from pathlib import Path

import frappe
from frappe import _
from frappe.model.document import Document

from ocop_app.rules import criteria as cr
from ocop_app.rules import scoring


class CriteriaSetInvalidError(frappe.ValidationError):
	pass


class CriteriaFileError(frappe.ValidationError):
	pass


class NoCriteriaSetError(frappe.ValidationError):
	pass


def problem_message(code: str, values: tuple) -> str:
	return {
		"empty": lambda: _("Bộ tiêu chí chưa có tiêu chí nào."),
		"parts_not_100": lambda: _("Tổng điểm tối đa của các phần là {0}, phải bằng 100.").format(*values),
		"best_option_not_max": lambda: _(
			"Tiêu chí {0}: phương án cao nhất được {1} điểm, khác điểm tối đa {2} của tiêu chí."
		).format(*values),
		"part_sum_mismatch": lambda: _(
			"Phần {0}: các tiêu chí cộng được {1} điểm, khác điểm tối đa {2} của phần."
		).format(*values),
	}[code]()


class OCOPCriteriaSet(Document):
	def validate(self):
		self.set_option_numbers()
		self.validate_sheet()
		self.set_totals()

	def set_option_numbers(self):
		"""Options are numbered 1, 2, … within their criterion (0 on a score row means unanswered)."""
		seen: dict[str, int] = {}
		for option in self.options:
			option.option_no = seen.get(option.criterion_code, 0) + 1
			seen[option.criterion_code] = option.option_no

	def validate_sheet(self):
		codes = [c.criterion_code for c in self.criteria]
		duplicates = sorted({c for c in codes if codes.count(c) > 1})
		orphans = sorted({o.criterion_code for o in self.options} - set(codes))
		problems = [
			_("Mã tiêu chí bị trùng: {0}.").format(", ".join(duplicates)) if duplicates else None,
			_("Phương án thuộc tiêu chí không có trong bộ: {0}.").format(", ".join(orphans))
			if orphans
			else None,
			*(problem_message(code, values) for code, values in cr.sheet_problems(self.to_sheet())),
		]
		problems = [p for p in problems if p]
		if problems:
			frappe.throw(
				_("Bộ tiêu chí có lỗi:") + "<br>" + "<br>".join(problems),
				CriteriaSetInvalidError,
				title=_("Bộ tiêu chí không hợp lệ"),
			)

	def set_totals(self):
		self.total_points = sum(p.max_points for p in self.parts)
		self.criteria_count = len(self.criteria)

	def to_sheet(self) -> cr.Sheet:
		options: dict[str, list[cr.SheetOption]] = {}
		for o in self.options:
			options.setdefault(o.criterion_code, []).append(
				cr.SheetOption(o.option_text, o.points, o.min_star or 0, o.case or "")
			)
		return cr.Sheet(
			[cr.SheetPart(p.part, p.part_name or "", p.max_points) for p in self.parts],
			[
				cr.SheetCriterion(
					code=c.criterion_code,
					text=c.criterion_text,
					part=c.part,
					group_no=c.group_no or "",
					group_text=c.group_text or "",
					max_points=c.max_points,
					note=c.note or "",
					prefill=c.prefill or "",
					options=options.get(c.criterion_code, []),
				)
				for c in self.criteria
			],
		)

	def scoring_criteria(self) -> list[scoring.Criterion]:
		return [
			scoring.Criterion(
				c.code,
				c.max_points,
				tuple(scoring.Option(o.text, o.points, o.min_star) for o in c.options),
				c.part,
			)
			for c in self.to_sheet().criteria
		]

	def knockouts(self) -> list[str]:
		return [line.strip() for line in (self.knockout_conditions or "").splitlines() if line.strip()]


def sheet_to_doc(sheet: cr.Sheet, doc) -> None:
	"""Replace the parts, criteria and options of ``doc`` with those of ``sheet``."""
	doc.set("parts", [{"part": p.part, "part_name": p.name, "max_points": p.max_points} for p in sheet.parts])
	doc.set(
		"criteria",
		[
			{
				"part": c.part,
				"group_no": c.group_no,
				"group_text": c.group_text,
				"criterion_code": c.code,
				"criterion_text": c.text,
				"max_points": c.max_points,
				"note": c.note,
				"prefill": c.prefill,
			}
			for c in sheet.criteria
		],
	)
	doc.set(
		"options",
		[
			{
				"criterion_code": c.code,
				"option_text": o.text,
				"points": o.points,
				"min_star": o.min_star,
				"case": o.case,
			}
			for c in sheet.criteria
			for o in c.options
		],
	)


def read_rows(content: bytes, filename: str) -> list[dict]:
	"""Rows of a CSV or Excel file in the national layout, read with pandas."""
	import pandas as pd

	suffix = Path(filename).suffix.lower()
	try:
		if suffix in (".xlsx", ".xls"):
			frame = pd.read_excel(io.BytesIO(content), dtype=str)
		else:
			frame = pd.read_csv(io.BytesIO(content), dtype=str, encoding="utf-8-sig")
	except Exception as e:
		frappe.throw(
			_("Không đọc được tệp {0}: {1}").format(frappe.bold(filename), str(e)),
			CriteriaFileError,
			title=_("Tệp không hợp lệ"),
		)
	frame.columns = [str(c).strip() for c in frame.columns]
	missing = [c for c in cr.REQUIRED_COLUMNS if c not in frame.columns]
	if missing:
		frappe.throw(
			_("Tệp thiếu cột: {0}. Cần đủ các cột {1}.").format(
				frappe.bold(", ".join(missing)), ", ".join(cr.COLUMNS)
			),
			CriteriaFileError,
			title=_("Tệp không đúng mẫu"),
		)
	return frame.fillna("").to_dict("records")


def import_criteria_set(
	rows: list[dict],
	rule_set: str,
	product_group: str,
	title: str | None = None,
	source: str | None = None,
	knockouts: list[str] | None = None,
):
	"""Create (or replace the sheet of) the criteria set for ``rule_set`` and ``product_group``."""
	sheet, errors = cr.rows_to_sheet(rows)
	if errors:
		lines = [
			_("Dòng {0}, cột {1}: {2}").format(e.row + 1, e.column, row_error_text(e.code, e.value))
			for e in errors[:50]
		]
		frappe.throw(
			_("Tệp có các dòng lỗi:") + "<br>" + "<br>".join(lines), CriteriaFileError, title=_("Tệp có lỗi")
		)
	name = frappe.db.get_value("OCOP Criteria Set", {"rule_set": rule_set, "product_group": product_group})
	doc = frappe.get_doc("OCOP Criteria Set", name) if name else frappe.new_doc("OCOP Criteria Set")
	doc.update(
		{
			"rule_set": rule_set,
			"product_group": product_group,
			"title": title or f"{product_group} ({rule_set})",
			"source": source or doc.get("source"),
		}
	)
	if knockouts is not None:
		doc.knockout_conditions = "\n".join(knockouts)
	sheet_to_doc(sheet, doc)
	doc.save()
	return doc


def row_error_text(code: str, value: str) -> str:
	return {
		"missing": _("thiếu giá trị"),
		"not_a_number": _('"{0}" không phải là số').format(value),
		"inconsistent": _('"{0}" khác với các dòng trước của cùng phần/tiêu chí').format(value),
	}.get(code, code)


@frappe.whitelist(methods=["POST"])
def import_file(file_url: str, rule_set: str, product_group: str, title: str | None = None) -> str:
	"""Desk action: load a criteria sheet from an uploaded CSV/XLSX file."""
	frappe.has_permission("OCOP Criteria Set", "create", throw=True)
	file = frappe.get_doc("File", {"file_url": file_url})
	doc = import_criteria_set(read_rows(file.get_content(), file.file_name), rule_set, product_group, title)
	return doc.name


@frappe.whitelist()
def export_file(name: str, file_format: str = "xlsx") -> None:
	"""Download a criteria set in the same layout the importer reads."""
	import pandas as pd

	doc = frappe.get_doc("OCOP Criteria Set", name)
	doc.check_permission("read")
	frame = pd.DataFrame(cr.sheet_to_rows(doc.to_sheet()), columns=list(cr.COLUMNS))
	buffer = io.BytesIO()
	if file_format == "csv":
		frame.to_csv(buffer, index=False, encoding="utf-8")
		frappe.response["type"] = "download"
		frappe.response["filename"] = f"{frappe.scrub(name)}.csv"
	else:
		frame.to_excel(buffer, index=False)
		frappe.response["type"] = "binary"
		frappe.response["filename"] = f"{frappe.scrub(name)}.xlsx"
	frappe.response["filecontent"] = buffer.getvalue()


def get_criteria_set_for(product_group: str, rule_set: str) -> str:
	"""The criteria set of a product's group (or of the nearest parent group) under a rule set."""
	from ocop_app.ocop_app.doctype.ocop_rule_set.ocop_rule_set import load_rules

	criteria_rule_set = load_rules(rule_set).criteria_rule_set
	group = product_group
	while group:
		name = frappe.db.get_value(
			"OCOP Criteria Set", {"rule_set": criteria_rule_set, "product_group": group}, "name"
		)
		if name:
			return name
		group = frappe.db.get_value("OCOP Product Group", group, "parent_ocop_product_group")
	frappe.throw(
		_("Chưa có bộ tiêu chí cho nhóm {0} theo {1}. Hãy nhập phiếu chấm của nhóm này.").format(
			frappe.bold(product_group), frappe.bold(criteria_rule_set)
		),
		NoCriteriaSetError,
		title=_("Chưa có bộ tiêu chí"),
	)
