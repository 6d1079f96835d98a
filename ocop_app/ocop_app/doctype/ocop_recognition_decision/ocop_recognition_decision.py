# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A People's Committee's (or the ministry's) decision recognising products and their stars.

The level may only recognise the stars its rule set gives it; submitting issues one 36-month
certificate per product (superseding older ones) and sets the product's star.
"""

import frappe
from frappe import _
from frappe.model.document import Document

from ocop_app.exceptions import EvaluationAlreadyRecognisedError, OutsideIssuingUnitError
from ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate import (
	ACTIVE,
	CANCELLED,
	SUPERSEDED,
	make_certificate,
	refresh_product_star,
)
from ocop_app.ocop_app.doctype.ocop_rule_set.ocop_rule_set import get_rule_set_for, load_rules
from ocop_app.rules import forwarding
from ocop_app.units import is_within


class StarNotRecognisedAtLevelError(frappe.ValidationError):
	pass


class EvaluationNotPassedError(frappe.ValidationError):
	pass


class DuplicateProductInDecisionError(frappe.ValidationError):
	pass


class OCOPRecognitionDecision(Document):
	def validate(self):
		self.rule_set = get_rule_set_for(self.decision_date)
		self.validate_unit_scope()
		self.validate_items()

	def on_submit(self):
		months = load_rules(self.rule_set).certificate_months
		for item in self.items:
			item.db_set("certificate", make_certificate(item, self, months))
			refresh_product_star(item.product)

	def on_cancel(self):
		for item in self.items:
			if not item.certificate:
				continue
			frappe.db.set_value("OCOP Certificate", item.certificate, "status", CANCELLED)
			for older in frappe.get_all(
				"OCOP Certificate",
				filters={"superseded_by": item.certificate, "status": SUPERSEDED},
				pluck="name",
			):
				frappe.db.set_value("OCOP Certificate", older, {"status": ACTIVE, "superseded_by": None})
			refresh_product_star(item.product)

	def validate_unit_scope(self):
		from ocop_app.permissions import get_unit_scope

		scope = get_unit_scope()
		if scope is not None and self.issuing_unit not in scope:
			frappe.throw(
				_("Bạn không có quyền ban hành quyết định cho đơn vị này."),
				frappe.PermissionError,
				title=_("Ngoài phạm vi quản lý"),
			)

	def validate_evaluation_of_issuer(self, item, evaluation) -> None:
		"""The evaluation is of a product in the issuing unit, and is recognised by one decision only."""
		if self.issuing_unit and not is_within(evaluation.administrative_unit, self.issuing_unit):
			frappe.throw(
				_("Dòng {0}: đánh giá {1} là của đơn vị ngoài đơn vị ban hành quyết định.").format(
					item.idx, frappe.bold(item.evaluation)
				),
				OutsideIssuingUnitError,
				title=_("Ngoài phạm vi quản lý"),
			)
		other = frappe.db.get_value(
			"OCOP Recognition Item",
			{
				"evaluation": item.evaluation,
				"parenttype": "OCOP Recognition Decision",
				"parent": ["!=", self.name],
				"docstatus": ["<", 2],
			},
			"parent",
		)
		if other:
			frappe.throw(
				_(
					"Dòng {0}: đánh giá {1} đã có trong quyết định {2}; mỗi đánh giá chỉ được công nhận một lần."
				).format(item.idx, frappe.bold(item.evaluation), frappe.bold(other)),
				EvaluationAlreadyRecognisedError,
				title=_("Đánh giá đã được công nhận"),
			)

	def validate_items(self):
		rule = load_rules(self.rule_set).level(self.level)
		allowed = rule.recognises_stars if rule else frozenset()
		seen = set()
		for item in self.items:
			evaluation = frappe.db.get_value(
				"OCOP Evaluation",
				item.evaluation,
				[
					"docstatus",
					"result",
					"evaluation_level",
					"star_rating",
					"product",
					"product_name",
					"administrative_unit",
				],
				as_dict=True,
			)
			self.validate_evaluation_of_issuer(item, evaluation)
			if evaluation.product in seen:
				frappe.throw(
					_("Dòng {0}: sản phẩm {1} có hai lần trong quyết định.").format(
						item.idx, frappe.bold(evaluation.product_name)
					),
					DuplicateProductInDecisionError,
					title=_("Trùng sản phẩm"),
				)
			seen.add(evaluation.product)
			if (
				evaluation.docstatus != 1
				or evaluation.result != forwarding.PASSED
				or evaluation.evaluation_level != self.level
			):
				frappe.throw(
					_("Dòng {0}: đánh giá {1} chưa hoàn thành với kết quả Đạt ở cấp {2}.").format(
						item.idx, frappe.bold(item.evaluation), _(self.level)
					),
					EvaluationNotPassedError,
					title=_("Đánh giá chưa đạt"),
				)
			item.star = evaluation.star_rating
			if item.star not in allowed:
				frappe.throw(
					_("Dòng {0}: theo {1}, cấp {2} chỉ công nhận {3}; không công nhận {4} sao.").format(
						item.idx,
						self.rule_set,
						_(self.level),
						", ".join(f"{s} sao" for s in sorted(allowed)) or _("không hạng sao nào"),
						item.star,
					),
					StarNotRecognisedAtLevelError,
					title=_("Cấp này không công nhận hạng sao đó"),
				)
