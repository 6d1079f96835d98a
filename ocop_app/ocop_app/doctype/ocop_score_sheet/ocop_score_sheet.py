# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""One council member's score sheet: one option per criterion, total computed on the server.

A member scores only their own sheet, once per evaluation; a correction is a cancel and amend,
so the old sheet stays for the audit trail. Criteria answered by the producer's record (a woman
or ethnic-minority legal representative) are pre-filled from it.
"""

import frappe
from frappe import _
from frappe.model.document import Document

from ocop_app.ocop_app.doctype.ocop_evaluation.ocop_evaluation import recompute
from ocop_app.permissions import check_unit_scope
from ocop_app.rules import scoring
from ocop_app.rules.criteria import PREFILL_WOMEN_OR_ETHNIC

SCORING_FOR_OTHERS_ROLES = {"System Manager", "OCOP Administrator"}
RECOMPUTE_AT_COMMIT = "ocop_recompute_at_commit"


class NotOwnScoreSheetError(frappe.PermissionError):
	pass


class NotCouncilMemberError(frappe.ValidationError):
	pass


class DuplicateScoreSheetError(frappe.ValidationError):
	pass


class EvaluationClosedError(frappe.ValidationError):
	pass


class ScoreSheetIncompleteError(frappe.ValidationError):
	pass


class InvalidOptionError(frappe.ValidationError):
	pass


class OCOPScoreSheet(Document):
	def validate(self):
		self.validate_evaluation_open()
		self.validate_member()
		self.validate_unique_sheet()
		check_unit_scope(self)
		self.set_rows()
		self.set_points()

	def after_insert(self):
		# scoring has started: the evaluation's council, product, criteria set and level are fixed
		if not self.evaluation_row().scoring_started:
			frappe.db.set_value(
				"OCOP Evaluation", self.evaluation, "scoring_started", 1, update_modified=False
			)

	def before_submit(self):
		self.validate_complete()

	def on_submit(self):
		recompute_at_commit(self.evaluation)

	@frappe.whitelist()
	def cancel(self):
		# the evaluation's lock before the sheet's own row (frappe locks it first in save): a
		# concurrent recompute then never skips a sheet whose cancel could still be rolled back
		lock_open_evaluation(self.evaluation)
		return super().cancel()

	def on_cancel(self):
		lock_open_evaluation(self.evaluation)
		recompute(self.evaluation)

	def evaluation_row(self) -> frappe._dict:
		"""The evaluation's fields the sheet needs, read once per save."""
		row = self.flags.evaluation_row
		if row is None or row.name != self.evaluation:
			row = self.flags.evaluation_row = frappe.db.get_value(
				"OCOP Evaluation",
				self.evaluation,
				["name", "docstatus", "council", "criteria_set", "producer", "scoring_started"],
				as_dict=True,
				# the first save of a sheet holds the evaluation's row lock to its commit: a change of
				# the council or criteria set waits for it (then scoring_started refuses the change)
				for_update=self.is_new(),
			)
		return row or frappe._dict()

	def evaluation_doc(self):
		return frappe.get_cached_doc("OCOP Evaluation", self.evaluation)

	def criteria_set_doc(self):
		return frappe.get_cached_doc("OCOP Criteria Set", self.criteria_set)

	def validate_evaluation_open(self):
		# the evaluation as this transaction sees it, and the stamp a closing of the evaluation puts
		# on its draft sheets, read under this sheet's row lock (Frappe's check_if_latest): a sheet
		# whose submit waited for a closing is refused here, however old this transaction's snapshot
		# (OCOPEvaluation.close_draft_sheets); submit and cancel check again under the evaluation's
		# row lock, where the result is recomputed (lock_open_evaluation)
		self.flags.evaluation_row = None
		before = self.get_doc_before_save()
		if self.evaluation_row().docstatus != 0 or (before and before.evaluation_closed):
			raise_evaluation_closed(self.evaluation)

	def validate_member(self):
		user = frappe.session.user
		if self.council_member != user and not SCORING_FOR_OTHERS_ROLES.intersection(frappe.get_roles(user)):
			frappe.throw(
				_("Thành viên hội đồng chỉ được chấm phiếu của chính mình."),
				NotOwnScoreSheetError,
				title=_("Không phải phiếu của bạn"),
			)
		council = self.evaluation_row().council
		if not council:
			frappe.throw(
				_("Đánh giá {0} chưa có hội đồng; chỉ thành viên hội đồng mới chấm được.").format(
					frappe.bold(self.evaluation)
				),
				NotCouncilMemberError,
				title=_("Chưa có hội đồng"),
			)
		if not frappe.db.exists(
			"OCOP Council Member",
			{"parent": council, "parenttype": "OCOP Council", "user": self.council_member},
		):
			frappe.throw(
				_("{0} không phải thành viên hội đồng {1}.").format(
					frappe.bold(self.member_name or self.council_member), frappe.bold(council)
				),
				NotCouncilMemberError,
				title=_("Không phải thành viên hội đồng"),
			)

	def validate_unique_sheet(self):
		other = frappe.db.get_value(
			"OCOP Score Sheet",
			{
				"evaluation": self.evaluation,
				"council_member": self.council_member,
				"docstatus": ["<", 2],
				"name": ["!=", self.name],
			},
		)
		if other:
			frappe.throw(
				_(
					"{0} đã có phiếu chấm {1} cho đánh giá này; muốn sửa, hãy hủy phiếu đó rồi sửa đổi (Amend)."
				).format(frappe.bold(self.member_name or self.council_member), frappe.bold(other)),
				DuplicateScoreSheetError,
				title=_("Đã có phiếu chấm"),
			)

	def set_rows(self):
		"""One row per criterion of the evaluation's sheet; producer-answered criteria pre-filled."""
		# always the evaluation's own criteria set, never one sent with the sheet
		evaluation = self.evaluation_row()
		self.criteria_set = evaluation.criteria_set
		criteria = self.criteria_set_doc()
		producer = evaluation.producer
		led = frappe.db.get_value(
			"OCOP Producer", producer, ["women_led", "ethnic_minority_led"], as_dict=True
		)
		led = bool(led and (led.women_led or led.ethnic_minority_led))
		existing = {row.criterion_code: row for row in self.scores}
		rows = []
		for c in criteria.criteria:
			row = existing.get(c.criterion_code) or self.append(
				"scores", {"criterion_code": c.criterion_code}
			)
			row.criterion_text, row.part, row.max_points = c.criterion_text, c.part, c.max_points
			if c.prefill == PREFILL_WOMEN_OR_ETHNIC:
				row.option_no, row.prefilled = self.prefilled_option(c.criterion_code, led), 1
			rows.append(row)
		for idx, row in enumerate(rows, start=1):
			row.idx = idx
		self.scores = rows

	def prefilled_option(self, code: str, yes: bool) -> int:
		options = [o for o in self.criteria_set_doc().options if o.criterion_code == code]
		chosen = max(options, key=lambda o: o.points) if yes else min(options, key=lambda o: o.points)
		return chosen.option_no

	def set_points(self):
		options = {(o.criterion_code, o.option_no): o for o in self.criteria_set_doc().options}
		for row in self.scores:
			if not row.option_no:
				row.option_text, row.points = None, 0
				continue
			option = options.get((row.criterion_code, int(row.option_no)))
			if not option:
				frappe.throw(
					_("Tiêu chí {0}: không có phương án số {1}.").format(
						frappe.bold(row.criterion_code), row.option_no
					),
					InvalidOptionError,
					title=_("Phương án không hợp lệ"),
				)
			row.option_text, row.points = option.option_text, option.points
		choices = self.choices()
		criteria = self.criteria_set_doc().scoring_criteria()
		self.total_score = round(sum(row.points or 0 for row in self.scores), 2)
		self.star_cap = scoring.star_cap(criteria, choices)

	def choices(self) -> dict[str, int]:
		"""{criterion: index of the chosen option} (option numbers are 1-based, 0 = unanswered)."""
		return {row.criterion_code: int(row.option_no) - 1 for row in self.scores if row.option_no}

	def validate_complete(self):
		try:
			self.total_score = scoring.sheet_total(self.criteria_set_doc().scoring_criteria(), self.choices())
		except scoring.ScoringError as e:
			frappe.throw(
				_("Chưa chấm tiêu chí {0}.").format(frappe.bold(e.args_[0]))
				if e.code == "unanswered"
				else str(e),
				ScoreSheetIncompleteError,
				title=_("Phiếu chấm chưa đầy đủ"),
			)


def raise_evaluation_closed(evaluation: str):
	frappe.throw(
		_("Đánh giá {0} đã kết thúc; không thể nộp hay hủy phiếu chấm.").format(frappe.bold(evaluation)),
		EvaluationClosedError,
		title=_("Đánh giá đã kết thúc"),
	)


def lock_open_evaluation(evaluation: str) -> None:
	"""The evaluation's row lock (to the commit), refused when it is closed: the docstatus is read
	under the lock, so an evaluation closed a moment ago is seen. A submit takes it as it commits
	(recompute_at_commit), a cancel before its sheet's row; so the sheets of one council wait for each
	other only while the result is recomputed and committed."""
	docstatus = frappe.db.sql(
		"select docstatus from `tabOCOP Evaluation` where name = %s for update", evaluation
	)
	if not docstatus or docstatus[0][0] != 0:
		raise_evaluation_closed(evaluation)


def recompute_at_commit(evaluation: str) -> None:
	"""The evaluation's result after a sheet's submit: in a web request, as the request's transaction
	commits (frappe.db.before_commit), so the evaluation's row lock is held only for the recompute
	and the commit, not also for Frappe's work after on_submit (the Version of 40 rows, the form's
	reload and docinfo); 30 members submitting at once wait on each other that much less. Elsewhere
	(jobs, the console, tests) at once, so code that submits a sheet reads the new result.

	A sheet counted at the commit is never one submitted to a closed evaluation: a closing refuses
	while a sheet is being submitted and stamps the drafts it closes (close_draft_sheets)."""
	if not frappe.local.flags.get(RECOMPUTE_AT_COMMIT):
		lock_open_evaluation(evaluation)
		recompute(evaluation)
		return
	pending = frappe.local.flags.setdefault("ocop_pending_recompute", set())
	if evaluation in pending:
		return
	pending.add(evaluation)

	def run():
		pending.discard(evaluation)
		lock_open_evaluation(evaluation)
		recompute(evaluation)

	frappe.db.before_commit.add(run)
	frappe.db.before_rollback.add(lambda: pending.discard(evaluation))


def recompute_results_at_commit() -> None:
	"""before_request: a web request's sheet submits recompute their evaluation at its commit."""
	frappe.local.flags[RECOMPUTE_AT_COMMIT] = True


@frappe.whitelist()
def get_scoring_context(evaluation: str) -> dict:
	"""What the scoring form shows: the sheet's criteria and options, and the product's evidence."""
	doc = frappe.get_doc("OCOP Evaluation", evaluation)
	doc.check_permission("read")
	criteria_set = frappe.get_cached_doc("OCOP Criteria Set", doc.criteria_set)
	evidence = frappe.get_all(
		"OCOP Product Evidence",
		filters={"parent": doc.product, "parenttype": "OCOP Product"},
		fields=["criterion_code", "description", "attachment", "criteria_set"],
	)
	return {
		"criteria": [c.as_dict() for c in criteria_set.criteria],
		"options": [o.as_dict() for o in criteria_set.options],
		"parts": [p.as_dict() for p in criteria_set.parts],
		"knockouts": criteria_set.knockouts(),
		"evidence": [e for e in evidence if not e.criteria_set or e.criteria_set == doc.criteria_set],
	}
