# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A dated set of OCOP rules: star bands, averaging, and what each level decides and forwards.

Rule sets are data: an administrator adds the next decision's rules in the desk, with its date,
and every evaluation from that date on follows them.
"""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from ocop_app.rules import forwarding, scoring


class RuleSetDatesError(frappe.ValidationError):
	pass


class RuleSetDefinitionError(frappe.ValidationError):
	pass


class NoRuleSetError(frappe.ValidationError):
	pass


class OCOPRuleSet(Document):
	def validate(self):
		self.validate_dates()
		self.validate_star_bands()
		self.validate_level_rules()

	def validate_dates(self):
		if self.effective_to and getdate(self.effective_to) < getdate(self.effective_from):
			frappe.throw(
				_("Ngày hết hiệu lực không được trước ngày có hiệu lực."),
				RuleSetDatesError,
				title=_("Sai thời hạn áp dụng"),
			)

	def validate_star_bands(self):
		stars = [b.star for b in self.star_bands]
		if len(stars) != len(set(stars)) or any(s < 1 or s > 5 for s in stars):
			frappe.throw(
				_("Mỗi hạng sao (1–5) chỉ có một khoảng điểm."),
				RuleSetDefinitionError,
				title=_("Sai khoảng điểm hạng sao"),
			)

	def validate_level_rules(self):
		levels = [r.level for r in self.level_rules]
		if len(levels) != len(set(levels)):
			frappe.throw(
				_("Mỗi cấp chỉ khai báo một lần trong bộ quy tắc."),
				RuleSetDefinitionError,
				title=_("Trùng cấp đánh giá"),
			)
		for row in self.level_rules:
			try:
				stars = forwarding.parse_stars(row.recognises_stars)
			except ValueError:
				stars = {0}
			if any(s < 3 or s > 5 for s in stars):
				frappe.throw(
					_('Dòng {0}: chỉ công nhận hạng 3, 4 hoặc 5 sao (ví dụ "3,4"), không phải {1}.').format(
						row.idx, frappe.bold(row.recognises_stars)
					),
					RuleSetDefinitionError,
					title=_("Sai hạng sao được công nhận"),
				)


@dataclass(frozen=True)
class Rules:
	"""A rule set as the scoring and forwarding rules take it."""

	name: str
	bands: tuple[scoring.StarBand, ...]
	rounding: str
	max_spread: float | None
	quorum_ratio: float
	certificate_months: int
	levels: tuple[forwarding.LevelRule, ...]
	criteria_rule_set: str

	def level(self, level: str) -> forwarding.LevelRule | None:
		return next((r for r in self.levels if r.level == level), None)

	def next_level(self, level: str) -> str | None:
		return forwarding.next_level(self.levels, level)


def get_rule_set_for(day) -> str:
	"""The name of the rule set in force on ``day``; a clear error when none is."""
	periods = [
		forwarding.RuleSetPeriod(
			r.name, getdate(r.effective_from), getdate(r.effective_to) if r.effective_to else None
		)
		for r in frappe.get_all("OCOP Rule Set", fields=["name", "effective_from", "effective_to"])
	]
	found = forwarding.rule_set_for(periods, getdate(day))
	if not found:
		frappe.throw(
			_("Không có bộ tiêu chí OCOP nào có hiệu lực vào ngày {0}.").format(
				frappe.bold(frappe.format(getdate(day), "Date"))
			),
			NoRuleSetError,
			title=_("Chưa có bộ quy tắc"),
		)
	return found.code


def load_rules(name: str) -> Rules:
	doc = frappe.get_cached_doc("OCOP Rule Set", name)
	bands = tuple(scoring.StarBand(b.star, b.min_score, b.max_score) for b in doc.star_bands)
	return Rules(
		name=doc.name,
		bands=bands or scoring.DEFAULT_BANDS,
		rounding=doc.rounding or scoring.TRUNCATE_2,
		max_spread=doc.max_spread or None,
		quorum_ratio=doc.quorum_ratio or 2 / 3,
		certificate_months=doc.certificate_months or 36,
		levels=tuple(
			forwarding.LevelRule(
				level=r.level,
				recognises_stars=forwarding.parse_stars(r.recognises_stars),
				forward_min_score=r.forward_min_score if r.forwards else None,
				requires_field_inspection=bool(r.requires_field_inspection),
				upgrade_must_exceed_current_star=bool(r.upgrade_must_exceed_current_star),
			)
			for r in doc.level_rules
		),
		criteria_rule_set=doc.criteria_rule_set or doc.name,
	)
