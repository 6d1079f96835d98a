# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""One product's evaluation at one level: rule set and sheet by date, council scores, result.

The result is computed from the council's submitted score sheets (ocop_app.rules.scoring) and the
level rules of the rule set in force (ocop_app.rules.forwarding); nothing here is typed by hand.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import date_diff, getdate

from ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate import (
	active_certificate,
	latest_certificate,
)
from ocop_app.ocop_app.doctype.ocop_criteria_set.ocop_criteria_set import get_criteria_set_for
from ocop_app.ocop_app.doctype.ocop_rule_set.ocop_rule_set import get_rule_set_for, load_rules
from ocop_app.permissions import check_unit_scope
from ocop_app.rules import forwarding, scoring

PENDING_QUORUM, PENDING_RESCORE = "Chưa đủ số phiếu", "Chờ chấm lại"
# an active certificate this close to its end makes the evaluation a re-evaluation, not an upgrade
RE_EVALUATION_WINDOW_DAYS = 180


class LevelNotInRuleSetError(frappe.ValidationError):
	pass


class CouncilMismatchError(frappe.ValidationError):
	pass


class EvaluationIncompleteError(frappe.ValidationError):
	pass


class ForwardBelowThresholdError(frappe.ValidationError):
	pass


class FieldInspectionMissingError(frappe.ValidationError):
	pass


class UpgradeNotHigherError(frappe.ValidationError):
	pass


class NotForwardableError(frappe.ValidationError):
	pass


class ScoringStartedError(frappe.ValidationError):
	pass


class SheetBeingSubmittedError(frappe.ValidationError):
	pass


# what the council scores against: fixed once the first score sheet exists
LOCKED_ONCE_SCORED = ("product", "evaluation_level", "council", "criteria_set", "rule_set")


class OCOPEvaluation(Document):
	def validate(self):
		self.set_rule_set()
		self.validate_level()
		self.set_criteria_set()
		self.validate_locked_once_scored()
		self.set_current_recognition()
		self.validate_council()
		check_unit_scope(self)
		self.update_result()
		self.set_deadline()

	def before_submit(self):
		self.close_draft_sheets()
		self.update_result()
		self.validate_result_is_final()
		if self.result == forwarding.FORWARD:
			self.validate_forwarding()

	def close_draft_sheets(self):
		"""Closing: the council's draft sheets are locked to this commit and stamped closed, so a
		submit that waited for its row reads the stamp and is refused in its validate (its plain read
		of this evaluation may predate the closing, and its recompute runs only as it commits, where
		a refusal could no longer be answered). A sheet saved or submitted at this moment holds its
		row: the closing is refused at once, rather than waited on, and the officer closes again."""
		try:
			drafts = frappe.db.sql(
				"""select name from `tabOCOP Score Sheet`
				where evaluation = %s and docstatus = 0 for update nowait""",
				self.name,
				pluck=True,
			)
		except frappe.QueryTimeoutError:
			frappe.throw(
				_(
					"Một thành viên hội đồng đang lưu hoặc nộp phiếu chấm của đánh giá {0}; vui lòng thử lại sau giây lát."
				).format(frappe.bold(self.name)),
				SheetBeingSubmittedError,
				title=_("Đang có phiếu được nộp"),
			)
		if drafts:
			frappe.db.sql(
				"update `tabOCOP Score Sheet` set evaluation_closed = 1 where name in %s", [tuple(drafts)]
			)

	def set_rule_set(self):
		self.rule_set = get_rule_set_for(self.evaluation_date)

	def rules(self):
		return load_rules(self.rule_set)

	def level_rule(self) -> forwarding.LevelRule:
		return self.rules().level(self.evaluation_level)

	def validate_level(self):
		if not self.level_rule():
			frappe.throw(
				_("Bộ quy tắc {0} không có cấp đánh giá {1}.").format(
					frappe.bold(self.rule_set), frappe.bold(_(self.evaluation_level))
				),
				LevelNotInRuleSetError,
				title=_("Sai cấp đánh giá"),
			)

	def set_criteria_set(self):
		if not self.criteria_set:
			group = frappe.db.get_value("OCOP Product", self.product, "product_group")
			self.criteria_set = get_criteria_set_for(group, self.rule_set)

	def set_current_recognition(self):
		"""Upgrade or re-evaluation follows from the product's certificates on the evaluation date."""
		self.is_upgrade = self.is_re_evaluation = 0
		self.current_star = 0
		self.current_certificate = None
		cert = active_certificate(self.product, self.evaluation_date)
		if cert and date_diff(cert.valid_to, getdate(self.evaluation_date)) > RE_EVALUATION_WINDOW_DAYS:
			self.is_upgrade = 1
			self.current_certificate, self.current_star = cert.name, cert.star
		elif cert or latest_certificate(self.product):
			self.is_re_evaluation = 1
			self.current_certificate = (cert or latest_certificate(self.product)).name

	def validate_council(self):
		if not self.council:
			return
		level = frappe.db.get_value("OCOP Council", self.council, "level")
		if level != self.evaluation_level:
			frappe.throw(
				_("Hội đồng {0} là hội đồng cấp {1}, không chấm được ở cấp {2}.").format(
					frappe.bold(self.council), _(level), _(self.evaluation_level)
				),
				CouncilMismatchError,
				title=_("Sai hội đồng"),
			)

	def validate_locked_once_scored(self):
		"""Council, product, criteria set, level (and the rule set the date picks) are what the
		sheets were scored against. ``scoring_started`` is set on this row by the first sheet and
		read here from the copy frappe loads under the row lock, so a sheet committed a moment ago
		is seen."""
		before = self.get_doc_before_save()
		if not before:
			return
		if not (before.scoring_started or frappe.db.exists("OCOP Score Sheet", {"evaluation": self.name})):
			return
		changed = [f for f in LOCKED_ONCE_SCORED if (self.get(f) or "") != (before.get(f) or "")]
		if changed:
			frappe.throw(
				_("Đánh giá {0} đã có phiếu chấm; không thể đổi {1}.").format(
					frappe.bold(self.name),
					", ".join(_(self.meta.get_label(f)) for f in changed),
				),
				ScoringStartedError,
				title=_("Đã bắt đầu chấm"),
			)

	def council_members(self) -> list[str]:
		"""The council's members (OCOP Council Member rows): the quorum counts them, never the
		sheets that happen to be there."""
		if not self.council:
			return []
		return frappe.get_all(
			"OCOP Council Member",
			filters={"parent": self.council, "parenttype": "OCOP Council"},
			pluck="user",
		)

	def update_result(self):
		"""Average, star and outcome from the submitted score sheets."""
		members = self.council_members()
		# only sheets of the council's members count (a member removed later no longer does)
		sheets = [s for s in submitted_sheets(self.name) if s.council_member in members]
		rules = self.rules()
		result = scoring.council_result(
			[s.total_score for s in sheets],
			[s.star_cap for s in sheets],
			len(members),
			bands=rules.bands,
			rounding=rules.rounding,
			max_spread=rules.max_spread,
			quorum_ratio=rules.quorum_ratio,
		)
		self.sheets_submitted, self.quorum, self.score_spread = result.sheets, result.quorum, result.spread
		self.average_score, self.band_star, self.star_rating = result.average, result.band_star, result.star
		self.next_level = rules.next_level(self.evaluation_level)
		rule = self.level_rule()
		if not self.council and not rule.recognises_stars and rule.forward_min_score == 0 and self.next_level:
			# a level that only checks the dossier (the commune after 1/7/2025) forwards without scoring
			self.result, self.forward_to_next_level = forwarding.FORWARD, 1
			return
		if not sheets or not members or not result.quorum_met:
			self.result, self.forward_to_next_level = PENDING_QUORUM, 0
		elif result.spread_exceeded:
			self.result, self.forward_to_next_level = PENDING_RESCORE, 0
		else:
			self.result, forward, recognised = forwarding.outcome(
				self.level_rule(),
				self.next_level,
				result.average,
				result.star,
				knocked_out=bool((self.knockout_condition or "").strip()),
				current_star=self.current_star or 0,
			)
			self.forward_to_next_level = int(forward)
			if recognised:
				self.star_rating = recognised

	def set_deadline(self):
		"""The yearly cycle's deadline for this level (OCOP Cycle of the unit or an ancestor)."""
		self.deadline = get_cycle_deadline(
			self.administrative_unit, getdate(self.evaluation_date).year, self.evaluation_level
		)
		self.is_overdue = int(
			bool(self.deadline and self.docstatus == 0 and getdate(self.deadline) < getdate())
		)

	def validate_result_is_final(self):
		if self.result == PENDING_QUORUM:
			frappe.throw(
				_("Mới có {0} phiếu chấm được nộp, cần ít nhất {1} phiếu.").format(
					self.sheets_submitted, self.quorum
				),
				EvaluationIncompleteError,
				title=_("Chưa đủ số phiếu"),
			)
		if self.result == PENDING_RESCORE:
			frappe.throw(
				_(
					"Điểm của các thành viên chênh nhau {0} điểm, quá mức cho phép; hội đồng cần thảo luận và chấm lại."
				).format(self.score_spread),
				EvaluationIncompleteError,
				title=_("Cần chấm lại"),
			)

	def validate_forwarding(self):
		problems = forwarding.forwarding_problems(
			self.level_rule(),
			self.next_level,
			self.average_score,
			self.star_rating,
			current_star=self.current_star or 0,
			has_field_inspection=bool(self.field_inspection_minutes and self.field_inspection_date),
		)
		rule = self.level_rule()
		messages = {
			"no_upper_level": (
				_("Cấp {0} không chuyển hồ sơ lên cấp trên.").format(_(self.evaluation_level)),
				NotForwardableError,
			),
			"no_result": (_("Chưa có kết quả chấm."), EvaluationIncompleteError),
			"below_threshold": (
				_("Điểm trung bình {0} thấp hơn mức {1} điểm để đề nghị cấp trên theo {2}.").format(
					self.average_score, rule.forward_min_score, self.rule_set
				),
				ForwardBelowThresholdError,
			),
			"no_field_inspection": (
				_("Cần đính kèm biên bản kiểm tra thực tế (và ngày kiểm tra) trước khi đề nghị cấp trên."),
				FieldInspectionMissingError,
			),
			"not_higher_than_current": (
				_("Sản phẩm đang có {0} sao; đánh giá nâng hạng phải đạt hạng sao cao hơn.").format(
					self.current_star
				),
				UpgradeNotHigherError,
			),
		}
		if problems:
			message, error = messages[problems[0]]
			frappe.throw(message, error, title=_("Không thể đề nghị cấp trên"))


def get_cycle_deadline(unit: str | None, year: int, level: str):
	if not unit:
		return None
	lft, rgt = frappe.db.get_value("OCOP Administrative Unit", unit, ["lft", "rgt"])
	units = frappe.get_all(
		"OCOP Administrative Unit",
		filters={"lft": ["<=", lft], "rgt": [">=", rgt]},
		fields=["name", "lft"],
		order_by="lft desc",
	)
	for u in units:  # the closest unit's cycle wins
		cycle = frappe.db.get_value("OCOP Cycle", {"year": year, "administrative_unit": u.name})
		if cycle:
			return frappe.db.get_value(
				"OCOP Cycle Stage", {"parent": cycle, "parenttype": "OCOP Cycle", "level": level}, "deadline"
			)
	return None


def flag_overdue_evaluations() -> int:
	"""Daily: open evaluations past their cycle deadline are flagged (list views, overdue report)."""
	overdue = frappe.get_all(
		"OCOP Evaluation",
		filters={"docstatus": 0, "deadline": ["<", getdate()], "is_overdue": 0},
		pluck="name",
	)
	for name in overdue:
		frappe.db.set_value("OCOP Evaluation", name, "is_overdue", 1, update_modified=False)
	return len(overdue)


def submitted_sheets(evaluation: str | None) -> list:
	"""The evaluation's submitted sheets as committed now, not as this transaction's snapshot saw them.

	Called under the evaluation's row lock (a sheet's submit or cancel, the evaluation's own save).
	A locking read sees every committed sheet (a plain read after the lock would see the snapshot
	of the transaction's first read and miss sheets committed since). SKIP LOCKED leaves out the
	rows of sheets still being submitted: those transactions hold their sheet's row and wait for the
	evaluation's lock, so waiting for them would deadlock; each recomputes the result itself once
	it has the lock, as it commits (a closing refuses while they run: close_draft_sheets). A sheet
	being cancelled is never skipped: its cancel takes the evaluation's lock before the sheet's
	(OCOPScoreSheet.cancel).
	"""
	if not evaluation:
		return []
	return frappe.db.sql(
		"""select name, council_member, total_score, star_cap from `tabOCOP Score Sheet`
		where evaluation = %s and docstatus = 1
		lock in share mode skip locked""",
		evaluation,
		as_dict=True,
	)


def recompute(evaluation: str) -> None:
	"""Called when a score sheet is submitted or cancelled, under the evaluation's row lock (taken
	here if the caller has not): the evaluation's row and its sheets are read as committed now."""
	doc = frappe.get_doc("OCOP Evaluation", evaluation, for_update=True)
	was = doc.result
	doc.update_result()
	doc.db_update()
	doc.notify_update()
	if doc.result != was and doc.result in (forwarding.PASSED, forwarding.FAILED, forwarding.FORWARD):
		# the council's result opens the level officer's next action: tell them
		from ocop_app.workflow_notifications import notify_next_actors

		if frappe.get_all("Workflow", filters={"document_type": doc.doctype, "is_active": 1}):
			notify_next_actors(doc)


@frappe.whitelist(methods=["POST"])
def make_next_level_evaluation(evaluation: str) -> str:
	"""Open the next level's evaluation of a product this level has forwarded."""
	source = frappe.get_doc("OCOP Evaluation", evaluation)
	source.check_permission("read")
	if source.docstatus != 1 or not source.forward_to_next_level:
		frappe.throw(
			_("Chỉ tạo đánh giá cấp trên từ một đánh giá đã hoàn thành với kết quả đề nghị cấp trên."),
			NotForwardableError,
			title=_("Không thể đề nghị cấp trên"),
		)
	existing = frappe.db.get_value(
		"OCOP Evaluation", {"previous_evaluation": source.name, "docstatus": ["<", 2]}
	)
	if existing:
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "OCOP Evaluation",
			"product": source.product,
			"evaluation_level": source.next_level,
			"evaluation_date": getdate(),
			"criteria_set": source.criteria_set,
			"previous_evaluation": source.name,
			"field_inspection_minutes": source.field_inspection_minutes,
			"field_inspection_date": source.field_inspection_date,
		}
	)
	doc.insert()
	return doc.name
