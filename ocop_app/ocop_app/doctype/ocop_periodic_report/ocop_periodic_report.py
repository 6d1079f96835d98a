# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A unit's periodic report (báo cáo định kỳ) to the level above: quarter, half-year or year.

Figures come from the system (products, evaluations, certificates, support paid, plan targets)
for the unit and the units below it; the official types the assessment and proposals. The report
goes up through the workflow "OCOP Báo cáo định kỳ" (sent, returned with comments, accepted); a
province's or the ministry's report lists the reports of the level below and who has not
reported. The deadline is the OCOP Cycle stage "Báo cáo <period>"; open reports past it are
flagged. Figures are read with frappe.get_all for the report's own unit, which check_unit_scope
has put in the user's scope.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, flt, getdate

from ocop_app.permissions import UNIT_DOCTYPE, check_unit_scope
from ocop_app.rules import reporting as rules
from ocop_app.units import subtree

DRAFT, SENT, RETURNED, ACCEPTED = "Dự thảo", "Đã gửi", "Trả lại", "Đã tiếp nhận"
OPEN_STATES = (DRAFT, RETURNED)
# what the unit wrote and counted: fixed once the report is sent
CONTENT_FIELDS = ("administrative_unit", "year", "period", "narrative", "difficulties", "proposals", "signer")


class DuplicateReportError(frappe.ValidationError):
	pass


class ReportLockedError(frappe.ValidationError):
	pass


class OCOPPeriodicReport(Document):
	def validate(self):
		check_unit_scope(self)
		self.set_period()
		self.validate_unique()
		self.validate_locked()
		if self.is_new() or not self.figures:
			self.fill_figures()
		self.set_deadline()
		if frappe.flags.ocop_workflow_action and self.workflow_state == SENT:
			self.return_reason = None  # the comments were answered by this resubmission

	def set_period(self):
		self.level = rules.report_level(
			frappe.db.get_value(UNIT_DOCTYPE, self.administrative_unit, "level")
			if self.administrative_unit
			else None
		)
		self.date_from, self.date_to = rules.period_dates(int(self.year), self.period)
		unit_name = (
			frappe.db.get_value(UNIT_DOCTYPE, self.administrative_unit, "full_name")
			if self.administrative_unit
			else _("Toàn quốc")
		)
		self.report_title = _("Báo cáo OCOP {0} năm {1} — {2}").format(self.period, self.year, unit_name)

	def validate_unique(self):
		other = frappe.db.get_value(
			"OCOP Periodic Report",
			{
				"administrative_unit": self.administrative_unit or ("is", "not set"),
				"year": self.year,
				"period": self.period,
				"docstatus": ["<", 2],
				"name": ["!=", self.name],
			},
		)
		if other:
			frappe.throw(
				_("Đơn vị đã có báo cáo {0} năm {1}: {2}.").format(
					self.period, self.year, frappe.bold(other)
				),
				DuplicateReportError,
				title=_("Trùng báo cáo"),
			)

	def validate_locked(self):
		"""A sent report is the unit's word: only the comments of the level above may be written."""
		before = self.get_doc_before_save()
		if frappe.flags.ocop_workflow_action or not before or before.workflow_state != SENT:
			return
		changed = [f for f in CONTENT_FIELDS if (self.get(f) or None) != (before.get(f) or None)]
		if changed or figures_of(self) != figures_of(before):
			frappe.throw(
				_("Báo cáo đã gửi lên cấp trên: chỉ cấp trên được ghi ý kiến để trả lại."),
				ReportLockedError,
				title=_("Báo cáo đã gửi"),
			)

	def set_deadline(self):
		self.deadline = report_deadline(self.administrative_unit, int(self.year), self.period, self.level)
		self.is_overdue = int(
			rules.is_overdue(
				self.docstatus == 0 and (self.workflow_state or DRAFT) in OPEN_STATES,
				getdate(self.deadline) if self.deadline else None,
				getdate(),
			)
		)

	@frappe.whitelist()
	def refresh_figures(self):
		"""Desk button: count again (while the report is a draft or returned)."""
		self.check_permission("write")
		self.fill_figures()
		self.save()

	def fill_figures(self):
		units = subtree(self.administrative_unit) if self.administrative_unit else None
		start, end = getdate(self.date_from), getdate(self.date_to)
		notes = {f.code: f.note for f in self.figures if f.note}
		self.set("figures", [])
		for section, code, indicator, target, value in compute_figures(
			units, start, end, int(self.year), self
		):
			self.append(
				"figures",
				{
					"section": section,
					"code": code,
					"indicator": indicator,
					"target": target,
					"value": value,
					"note": notes.get(code),
				},
			)
		self.set("units", [])
		for unit, state, report in self.consolidation():
			self.append(
				"units",
				{
					"unit": unit,
					"unit_name": frappe.db.get_value(UNIT_DOCTYPE, unit, "full_name"),
					"state": state,
					"report": report,
				},
			)
		self.units_not_reported = sum(1 for u in self.units if u.state == rules.NOT_REPORTED)

	def consolidation(self) -> list[tuple[str, str, str | None]]:
		"""For a province or the ministry: the units below, with their report's state or none."""
		if self.level not in (rules.PROVINCE, rules.NATIONAL):
			return []
		expected = expected_reporters(self.administrative_unit)
		below = (
			{
				"administrative_unit": ["in", subtree(self.administrative_unit)],
				"level": ["in", ["Commune", "District"]],
			}
			if self.administrative_unit
			else {"level": rules.PROVINCE}
		)
		reports = frappe.get_all(
			"OCOP Periodic Report",
			filters={"year": self.year, "period": self.period, "docstatus": ["<", 2], **below},
			fields=["name", "administrative_unit", "workflow_state"],
		)
		by_unit = {r.administrative_unit: r for r in reports}
		return [
			(unit, state, by_unit[unit].name if unit in by_unit else None)
			for unit, state in rules.consolidation(
				expected, {u: r.workflow_state or DRAFT for u, r in by_unit.items()}
			)
		]


def figures_of(doc) -> list[tuple]:
	return [(f.code, flt(f.value), flt(f.target), f.note or None) for f in doc.get("figures") or []]


def expected_reporters(unit: str | None) -> list[str]:
	"""The units that should report to ``unit``: its communes (the province's) or the provinces
	(the ministry's) that have OCOP products; legacy units count as their successors."""
	field = "administrative_unit" if unit else "province"
	filters = {"administrative_unit": ["in", subtree(unit)]} if unit else {}
	used = set(frappe.get_all("OCOP Product", filters=filters, pluck=field, distinct=True))
	legacy = dict(
		frappe.get_all(
			UNIT_DOCTYPE,
			filters={"name": ["in", list(used) or [""]], "is_legacy": 1},
			fields=["name", "successor_unit"],
			as_list=True,
		)
	)
	current = {legacy.get(u) or u for u in used if u} - {None}
	level = "Commune" if unit else "Province"
	return frappe.get_all(
		UNIT_DOCTYPE,
		filters={"name": ["in", list(current) or [""]], "level": level, "is_legacy": 0},
		pluck="name",
		order_by="name",
	)


def report_deadline(unit: str | None, year: int, period: str, level: str):
	"""The deadline of the OCOP Cycle stage "Báo cáo <period>" of the unit or its closest ancestor
	(for the report's level, or for any level)."""
	units = []
	if unit:
		lft, rgt = frappe.db.get_value(UNIT_DOCTYPE, unit, ["lft", "rgt"])
		units = frappe.get_all(
			UNIT_DOCTYPE, filters={"lft": ["<=", lft], "rgt": [">=", rgt]}, order_by="lft desc", pluck="name"
		)
	for u in [*units, None]:
		cycle = frappe.db.get_value(
			"OCOP Cycle", {"year": year, "administrative_unit": u or ("is", "not set")}, "name"
		)
		if not cycle:
			continue
		stages = frappe.get_all(
			"OCOP Cycle Stage",
			filters={"parent": cycle, "parenttype": "OCOP Cycle", "stage": rules.deadline_stage(period)},
			fields=["level", "deadline"],
		)
		for stage in sorted(stages, key=lambda s: s.level != level):
			if stage.level in (level, None, "") and stage.deadline:
				return stage.deadline
	return None


def compute_figures(units: list[str] | None, start, end, year: int, doc) -> list[tuple]:
	"""(section, code, indicator, target, value) for the units (None: the whole country)."""
	in_units = {"administrative_unit": ["in", units]} if units is not None else {}
	rows = []
	products, certificates, support, plan = (
		_("I. Sản phẩm"),
		_("II. Giấy chứng nhận"),
		_("III. Kinh phí hỗ trợ đã chi (đồng)"),
		_("IV. Kế hoạch năm {0} (lũy kế)").format(year),
	)
	rows.append(
		(
			products,
			"products_registered",
			_("Sản phẩm đăng ký mới"),
			None,
			frappe.db.count("OCOP Product", {**in_units, "creation": ["between", [start, end]]}),
		)
	)
	evaluated = frappe.get_all(
		"OCOP Evaluation",
		filters={**in_units, "docstatus": 1, "evaluation_date": ["between", [start, end]]},
		pluck="product",
		distinct=True,
	)
	rows.append(
		(products, "products_evaluated", _("Sản phẩm được đánh giá, phân hạng"), None, len(evaluated))
	)
	issued = frappe.get_all(
		"OCOP Certificate",
		filters={**in_units, "valid_from": ["between", [start, end]], "status": ["!=", "Hủy"]},
		fields=["star", "count(name) as count"],
		group_by="star",
	)
	by_star = {r.star: r.count for r in issued}
	for star in (3, 4, 5):
		rows.append(
			(
				products,
				f"recognised_{star}",
				_("Sản phẩm được công nhận {0} sao").format(star),
				None,
				by_star.get(star, 0),
			)
		)
	rows.append(
		(
			products,
			"active_total",
			_("Sản phẩm OCOP còn hiệu lực cuối kỳ"),
			None,
			frappe.db.count(
				"OCOP Certificate",
				{**in_units, "status": "Hiệu lực", "valid_from": ["<=", end], "valid_to": [">=", end]},
			),
		)
	)
	rows.append(
		(
			certificates,
			"certificates_expired",
			_("Giấy chứng nhận hết hạn trong kỳ"),
			None,
			frappe.db.count(
				"OCOP Certificate",
				{
					**in_units,
					"valid_to": ["between", [start, end]],
					"status": ["in", ["Hiệu lực", "Hết hạn"]],
				},
			),
		)
	)
	rows.append(
		(
			certificates,
			"certificates_expiring",
			_("Giấy chứng nhận sắp hết hạn ({0} ngày sau kỳ báo cáo)").format(rules.EXPIRING_WINDOW_DAYS),
			None,
			frappe.db.count(
				"OCOP Certificate",
				{
					**in_units,
					"status": "Hiệu lực",
					"valid_to": ["between", [add_days(end, 1), add_days(end, rules.EXPIRING_WINDOW_DAYS)]],
				},
			),
		)
	)
	decisions = frappe.get_all(
		"OCOP Revocation Decision",
		filters={"docstatus": 1, "decision_date": ["between", [start, end]]},
		pluck="name",
	)
	revoked = frappe.get_all(
		"OCOP Revocation Item",
		filters={"parent": ["in", decisions or [""]], "parenttype": "OCOP Revocation Decision"},
		pluck="certificate",
	)
	if units is not None and revoked:
		revoked = frappe.get_all(
			"OCOP Certificate",
			filters={"name": ["in", revoked], "administrative_unit": ["in", units]},
			pluck="name",
		)
	rows.append(
		(certificates, "certificates_revoked", _("Giấy chứng nhận bị thu hồi trong kỳ"), None, len(revoked))
	)
	paid = frappe.get_all(
		"OCOP Subsidy Claim",
		filters={
			**in_units,
			"docstatus": 1,
			"claim_date": ["between", [start, end]],
			"paid_amount": [">", 0],
		},
		fields=["support_type", "fund", "sum(paid_amount) as amount"],
		group_by="support_type, fund",
		order_by="support_type, fund",
	)
	for row in paid:
		fund = frappe.db.get_value("OCOP Fund", row.fund, "fund_name") if row.fund else None
		rows.append(
			(
				support,
				f"support:{row.support_type}:{row.fund or ''}",
				" — ".join(filter(None, [row.support_type, fund or row.fund])),
				None,
				flt(row.amount),
			)
		)
	rows.append((support, "support_total", _("Tổng kinh phí đã chi"), None, sum(flt(r.amount) for r in paid)))
	rows.extend(plan_rows(plan, doc.administrative_unit, year))
	return rows


def plan_rows(section: str, unit: str | None, year: int) -> list[tuple]:
	from ocop_app.ocop_app.report.ocop_plan_vs_achievement.ocop_plan_vs_achievement import (
		PlanAchievements,
	)

	if not unit:
		return []
	rows, achieved_in = [], PlanAchievements(year, [unit], within=unit)
	for plan in frappe.get_all(
		"OCOP Annual Plan", filters={"year": year, "administrative_unit": unit}, pluck="name"
	):
		for target in frappe.get_all(
			"OCOP Plan Target",
			filters={"parent": plan, "parenttype": "OCOP Annual Plan", "sub_unit": ("is", "not set")},
			fields=["metric", "target_value"],
			order_by="idx",
		):
			rows.append(
				(
					section,
					f"target:{target.metric}",
					_(target.metric),
					target.target_value,
					achieved_in(rules.PLAN_METRICS.get(target.metric), unit),
				)
			)
	return rows


def flag_overdue_reports() -> int:
	"""Daily: open reports past their deadline are flagged (list indicator, filter)."""
	overdue = frappe.get_all(
		"OCOP Periodic Report",
		filters={
			"docstatus": 0,
			"workflow_state": ["in", list(OPEN_STATES)],
			"deadline": ["<", getdate()],
			"is_overdue": 0,
		},
		pluck="name",
	)
	for name in overdue:
		frappe.db.set_value("OCOP Periodic Report", name, "is_overdue", 1, update_modified=False)
	return len(overdue)


@frappe.whitelist()
@frappe.read_only()  # from the read replica when the site has one
def export_xlsx(name: str) -> None:
	"""The report as an Excel workbook: figures, the units below, the assessment."""
	import pandas as pd

	from ocop_app.data_exchange import send_xlsx_sheets

	doc = frappe.get_doc("OCOP Periodic Report", name)
	doc.check_permission("read")
	figures = pd.DataFrame(
		[(f.section, f.indicator, f.target, f.value, f.note) for f in doc.figures],
		columns=[_("Phần"), _("Chỉ tiêu"), _("Kế hoạch"), _("Thực hiện"), _("Ghi chú")],
	)
	units = pd.DataFrame(
		[(u.unit, u.unit_name, u.state, u.report) for u in doc.units],
		columns=[_("Mã đơn vị"), _("Đơn vị"), _("Tình trạng báo cáo"), _("Số báo cáo")],
	)
	text = pd.DataFrame(
		[
			(_("Báo cáo"), doc.report_title),
			(_("Kết quả, đánh giá"), doc.narrative),
			(_("Khó khăn, vướng mắc"), doc.difficulties),
			(_("Kiến nghị, đề xuất"), doc.proposals),
		],
		columns=[_("Mục"), _("Nội dung")],
	)
	amounts = [i for i, f in enumerate(doc.figures) if is_money(f.code)]  # section III, in đồng
	send_xlsx_sheets(
		{_("Số liệu"): figures, _("Đơn vị"): units, _("Đánh giá"): text},
		f"bao-cao-ocop-{doc.name}.xlsx",
		money={_("Số liệu"): {_("Kế hoạch"): amounts, _("Thực hiện"): amounts}},
	)


def is_money(code: str | None) -> bool:
	"""Figures counted in đồng: the support paid, by content and fund, and its total."""
	return (code or "").startswith("support")
