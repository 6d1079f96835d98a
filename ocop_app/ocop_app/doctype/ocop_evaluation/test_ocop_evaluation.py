# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""Each rule set end to end: score → forward → recognise → certificate → expiry → revocation."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, getdate, today

from ocop_app.factories import COMMUNE_A, make_producer
from ocop_app.ocop_app.doctype.ocop_certificate.ocop_certificate import (
	mark_expired_certificates,
	notify_expiring_certificates,
)
from ocop_app.ocop_app.doctype.ocop_evaluation.ocop_evaluation import (
	EvaluationIncompleteError,
	LevelNotInRuleSetError,
	NotForwardableError,
	make_next_level_evaluation,
)
from ocop_app.ocop_app.doctype.ocop_recognition_decision.ocop_recognition_decision import (
	EvaluationNotPassedError,
	StarNotRecognisedAtLevelError,
)
from ocop_app.ocop_app.doctype.ocop_score_sheet.ocop_score_sheet import (
	DuplicateScoreSheetError,
	NotCouncilMemberError,
	NotOwnScoreSheetError,
	ScoreSheetIncompleteError,
)
from ocop_app.setup.demo import conclude, issue_decision
from ocop_app.workflow_guard import WorkflowActionNotAllowedError, WorkflowStateForcedError

GROUP_1048 = "Chế biến từ gạo, ngũ cốc"
GROUP_148 = "Rau, củ, quả, hạt tươi"
MEMBERS = ("test.hd1@ocop.vn", "test.hd2@ocop.vn", "test.hd3@ocop.vn")
MINUTES = "/files/bien-ban-kiem-tra.pdf"


class TestOCOPEvaluation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for user in (*MEMBERS, "test.hd4@ocop.vn"):
			make_member(user)
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	# ------------------------------------------------------------------ 1048: district → province
	def test_1048_district_forwards_and_province_recognises(self):
		product = make_product(GROUP_1048)
		district = make_evaluation(product, "District", "2021-06-01")
		self.assertEqual(district.rule_set, "1048/QĐ-TTg")
		self.assertEqual(district.criteria_set, f"1048/QĐ-TTg - {GROUP_1048}")
		score_all(district, [60, 62, 58])
		district.reload()
		self.assertEqual((district.average_score, district.star_rating), (average(district), 3))
		self.assertEqual(district.result, "Đề nghị cấp trên")
		# the level's rule asks for field-inspection minutes before forwarding
		self.assertRaises(WorkflowActionNotAllowedError, conclude, district)
		self.assertEqual(frappe.db.get_value("OCOP Evaluation", district.name, "docstatus"), 0)
		district.reload()
		district.field_inspection_minutes, district.field_inspection_date = MINUTES, "2021-06-10"
		district.save()
		conclude(district)

		province = frappe.get_doc("OCOP Evaluation", make_next_level_evaluation(district.name))
		self.assertEqual(
			(province.evaluation_level, province.previous_evaluation), ("Province", district.name)
		)
		province.evaluation_date = "2021-08-01"
		province.council = make_council("Province").name
		province.save()
		score_all(province, [75, 77, 76])
		province.reload()
		self.assertEqual((province.result, province.star_rating), ("Đạt", 4))
		conclude(province)

		# the district forwarded it: only the province can recognise it
		self.assertRaises(EvaluationNotPassedError, make_decision, "District", "2021-09-01", [district.name])
		decision = make_decision("Province", "2021-09-01", [province.name])
		cert = frappe.get_doc("OCOP Certificate", decision.items[0].certificate)
		self.assertEqual((cert.star, cert.status), (4, "Hiệu lực"))
		self.assertEqual(getdate(cert.valid_to), getdate("2024-08-31"))  # 36 months
		# recognised in 2021 for 36 months: no longer in force today, so the product holds no star
		self.assertEqual(frappe.db.get_value("OCOP Product", product, "star_rating"), 0)

	# ------------------------------------------------------------------ 148: district recognises 3★
	def test_148_district_recognises_three_stars_then_upgrade(self):
		product = make_product(GROUP_148)
		first = make_evaluation(product, "District", "2024-03-01")
		self.assertEqual(first.rule_set, "148/QĐ-TTg")
		score_all(first, [62, 64, 63])
		first.reload()
		self.assertEqual((first.result, first.star_rating), ("Đạt", 3))
		conclude(first)
		self.assertRaises(NotForwardableError, make_next_level_evaluation, first.name)
		old = make_decision("District", "2024-04-01", [first.name]).items[0].certificate
		self.assertEqual(frappe.db.get_value("OCOP Product", product, "star_rating"), 3)

		upgrade = make_evaluation(product, "District", "2024-10-01")
		self.assertTrue(upgrade.is_upgrade)
		self.assertEqual((upgrade.current_star, upgrade.current_certificate), (3, old))
		score_all(upgrade, [66, 67, 68])  # still 3 stars: an upgrade must reach a higher band
		upgrade.reload()
		self.assertEqual(upgrade.result, "Không đạt")

		upgrade2 = make_evaluation(product, "District", "2024-10-02")
		score_all(upgrade2, [76, 75, 77])
		upgrade2.reload()
		self.assertEqual(upgrade2.result, "Đề nghị cấp trên")
		upgrade2.field_inspection_minutes, upgrade2.field_inspection_date = MINUTES, "2024-10-05"
		upgrade2.save()
		conclude(upgrade2)
		province = frappe.get_doc("OCOP Evaluation", make_next_level_evaluation(upgrade2.name))
		province.evaluation_date = "2024-11-01"
		province.council = make_council("Province").name
		province.save()
		score_all(province, [78, 80, 79])
		province.reload()
		conclude(province)
		new = make_decision("Province", "2024-12-01", [province.name]).items[0].certificate
		self.assertEqual(
			frappe.db.get_value("OCOP Certificate", old, ["status", "superseded_by"]), ("Thay thế", new)
		)
		self.assertEqual(frappe.db.get_value("OCOP Product", product, "star_rating"), 4)

	# ------------------------------------------------------------------ 1489: commune → province → ministry
	def test_1489_has_no_district_and_the_ministry_recognises_five_stars(self):
		product = make_product(GROUP_148)
		before = frappe.db.count("OCOP Evaluation")
		self.assertRaises(LevelNotInRuleSetError, make_evaluation, product, "District", "2025-09-01")
		self.assertEqual(frappe.db.count("OCOP Evaluation"), before)

		province = make_evaluation(product, "Province", "2025-09-01")
		self.assertEqual(province.rule_set, "148/QĐ-TTg sửa đổi bởi 1489/QĐ-TTg")
		self.assertEqual(province.criteria_set, f"148/QĐ-TTg - {GROUP_148}")  # same sheets as 148
		score_all(province, [100, 100, 98])
		province.reload()
		self.assertEqual((province.result, province.next_level), ("Đề nghị cấp trên", "National"))
		province.field_inspection_minutes, province.field_inspection_date = MINUTES, "2025-09-05"
		province.save()
		conclude(province)
		national = frappe.get_doc("OCOP Evaluation", make_next_level_evaluation(province.name))
		national.council = make_council("National").name
		national.save()
		score_all(national, [95, 96, 97])
		national.reload()
		self.assertEqual((national.result, national.star_rating), ("Đạt", 5))
		conclude(national)
		self.assertRaises(EvaluationNotPassedError, make_decision, "Province", today(), [national.name])
		decision = make_decision("National", today(), [national.name], unit=None)
		self.assertEqual(frappe.db.get_value("OCOP Certificate", decision.items[0].certificate, "star"), 5)

	def test_an_administrator_adds_a_rule_set_in_the_desk(self):
		frappe.get_doc(
			{
				"doctype": "OCOP Rule Set",
				"rule_set_code": "26/2026/QĐ-TTg (thử)",
				"effective_from": "2026-05-22",
				"criteria_rule_set": "148/QĐ-TTg",
				"level_rules": [
					{"level": "Commune", "forwards": 1, "forward_min_score": 0},
					{"level": "Province", "recognises_stars": "3,4", "forwards": 1, "forward_min_score": 95},
					{"level": "National", "recognises_stars": "5"},
				],
			}
		).insert()
		evaluation = make_evaluation(make_product(GROUP_148), "Province", "2026-06-01")
		self.assertEqual(evaluation.rule_set, "26/2026/QĐ-TTg (thử)")
		score_all(evaluation, [92, 93, 92])
		evaluation.reload()
		# 92 would go to the ministry under 1489; the new threshold of 95 keeps it at 4 stars
		self.assertEqual((evaluation.band_star, evaluation.star_rating, evaluation.result), (5, 4, "Đạt"))

	# ------------------------------------------------------------------ council rules
	def test_spread_over_ten_points_blocks_until_rescored(self):
		evaluation = make_evaluation(make_product(GROUP_1048), "District", "2021-06-01")
		sheets = score_all(evaluation, [60, 72, 65])
		evaluation.reload()
		self.assertEqual(evaluation.result, "Chờ chấm lại")
		self.assertFalse(evaluation.average_score or evaluation.star_rating)
		self.assertRaises(WorkflowActionNotAllowedError, conclude, evaluation)
		# the member re-scores: cancel and amend, the old sheet stays
		frappe.set_user(MEMBERS[1])
		old = frappe.get_doc("OCOP Score Sheet", sheets[1])
		old.cancel()
		amended = frappe.copy_doc(old)
		amended.docstatus, amended.amended_from = 0, old.name
		set_choices(amended, 64)
		amended.insert()
		amended.submit()
		frappe.set_user("Administrator")
		evaluation.reload()
		self.assertNotEqual(evaluation.result, "Chờ chấm lại")
		self.assertEqual(frappe.db.get_value("OCOP Score Sheet", old.name, "docstatus"), 2)

	def test_no_result_without_quorum(self):
		evaluation = make_evaluation(make_product(GROUP_1048), "District", "2021-06-01")
		score_all(evaluation, [70])
		evaluation.reload()
		self.assertEqual(
			(evaluation.result, evaluation.sheets_submitted, evaluation.quorum), ("Chưa đủ số phiếu", 1, 2)
		)
		self.assertRaises(WorkflowActionNotAllowedError, conclude, evaluation)
		# submitting it directly, skipping the workflow, is refused too
		self.assertRaises(WorkflowStateForcedError, evaluation.submit)
		# and server code that skips the workflow still meets the engine's own rule
		evaluation.reload()
		evaluation.flags.ignore_workflow_guard = True
		self.assertRaises(EvaluationIncompleteError, evaluation.submit)

	def test_knock_out_ends_the_evaluation(self):
		evaluation = make_evaluation(make_product(GROUP_1048), "District", "2021-06-01")
		evaluation.knockout_condition = "Không có giấy chứng nhận đủ điều kiện ATTP (hoặc tương đương)"
		evaluation.save()
		score_all(evaluation, [90, 91, 92])
		evaluation.reload()
		self.assertEqual(evaluation.result, "Không đạt")

	def test_score_sheet_rules(self):
		evaluation = make_evaluation(make_product(GROUP_1048), "District", "2021-06-01")
		frappe.set_user(MEMBERS[0])
		self.assertRaises(NotOwnScoreSheetError, make_sheet, evaluation, MEMBERS[1], 60)
		frappe.set_user("test.hd4@ocop.vn")
		self.assertRaises(NotCouncilMemberError, make_sheet, evaluation, "test.hd4@ocop.vn", 60)
		frappe.set_user(MEMBERS[0])
		sheet = make_sheet(evaluation, MEMBERS[0], 60)
		self.assertRaises(DuplicateScoreSheetError, make_sheet, evaluation, MEMBERS[0], 60)
		sheet.scores[0].option_no = 0
		sheet.save()
		self.assertRaises(ScoreSheetIncompleteError, sheet.submit)

	def test_total_is_computed_on_the_server(self):
		evaluation = make_evaluation(make_product(GROUP_1048), "District", "2021-06-01")
		frappe.set_user(MEMBERS[0])
		sheet = make_sheet(evaluation, MEMBERS[0], 60)
		for row in sheet.scores:
			row.points = 99  # ignored: the points come from the chosen option
		sheet.total_score = 1000
		sheet.save()
		options = {(o.criterion_code, o.option_no): o.points for o in criteria_doc(evaluation).options}
		self.assertEqual(
			sheet.total_score, sum(options[(r.criterion_code, r.option_no)] for r in sheet.scores)
		)

	def test_women_led_criterion_is_prefilled(self):
		product = make_product(GROUP_148, women_led=1)
		evaluation = make_evaluation(product, "District", "2024-03-01")
		frappe.set_user(MEMBERS[0])
		sheet = make_sheet(evaluation, MEMBERS[0], 50)
		row = next(r for r in sheet.scores if r.criterion_code == "3b")
		self.assertTrue(row.prefilled)
		self.assertEqual(row.points, 1)

	def test_minimum_criteria_cap_the_star(self):
		evaluation = make_evaluation(make_product(GROUP_148), "District", "2024-03-01")
		for user in MEMBERS:
			frappe.set_user(user)
			sheet = make_sheet(evaluation, user, 100)
			row = next(r for r in sheet.scores if r.criterion_code == "1c")  # ***** needs 3 points
			row.option_no = 2
			sheet.save()
			sheet.submit()
		frappe.set_user("Administrator")
		evaluation.reload()
		self.assertEqual((evaluation.band_star, evaluation.star_rating), (5, 4))

	# ------------------------------------------------------------------ after recognition
	def test_revocation_and_expiry(self):
		product, cert = recognised_product()
		revocation = frappe.get_doc(
			{
				"doctype": "OCOP Revocation Decision",
				"decision_no": f"TH-{frappe.generate_hash(length=6)}",
				"decision_date": today(),
				"issuing_unit": "33",
				"reason": "Vi phạm an toàn thực phẩm",
				"items": [{"certificate": cert}],
			}
		).insert()
		revocation.submit()
		self.assertEqual(frappe.db.get_value("OCOP Certificate", cert, "status"), "Thu hồi")
		self.assertEqual(frappe.db.get_value("OCOP Product", product, "star_rating"), 0)
		revocation.cancel()
		self.assertEqual(frappe.db.get_value("OCOP Certificate", cert, "status"), "Hiệu lực")
		self.assertEqual(frappe.db.get_value("OCOP Product", product, "star_rating"), 3)

		frappe.db.set_value("OCOP Certificate", cert, "valid_to", add_days(today(), 20))
		self.assertGreaterEqual(notify_expiring_certificates(), 1)
		self.assertTrue(frappe.db.get_value("OCOP Certificate", cert, "expiry_notified"))
		self.assertTrue(frappe.db.exists("Notification Log", {"document_name": cert}))

		frappe.db.set_value("OCOP Certificate", cert, "valid_to", add_days(today(), -1))
		mark_expired_certificates()
		self.assertEqual(frappe.db.get_value("OCOP Certificate", cert, "status"), "Hết hạn")
		self.assertEqual(frappe.db.get_value("OCOP Product", product, "star_rating"), 0)
		# a re-evaluation now, not an upgrade
		again = make_evaluation(product, "Province", today())
		self.assertEqual((again.is_re_evaluation, again.is_upgrade), (1, 0))

	def test_no_district_recognition_after_the_reform(self):
		"""A 2024 district result cannot be recognised by a district decision once districts are gone."""
		evaluation = make_evaluation(make_product(GROUP_148), "District", "2024-03-01")
		score_all(evaluation, [62, 63, 64])
		evaluation.reload()
		conclude(evaluation)
		before = frappe.db.count("OCOP Certificate")
		self.assertRaises(
			StarNotRecognisedAtLevelError, make_decision, "District", "2025-08-01", [evaluation.name]
		)
		self.assertEqual(frappe.db.count("OCOP Certificate"), before)

	def test_evaluations_and_certificates_are_scoped_to_the_officials_units(self):
		from ocop_app.factories import make_user

		_product, cert = recognised_product()
		evaluation = frappe.db.get_value("OCOP Certificate", cert, "evaluation")
		make_user("test.scope.a@ocop.vn", "OCOP Commune Officer", COMMUNE_A)
		make_user("test.scope.b@ocop.vn", "OCOP Commune Officer", "01-00583")
		frappe.set_user("test.scope.b@ocop.vn")
		self.assertEqual(frappe.get_list("OCOP Certificate", filters={"name": cert}), [])
		self.assertEqual(frappe.get_list("OCOP Evaluation", filters={"name": evaluation}), [])
		self.assertFalse(frappe.get_doc("OCOP Certificate", cert).has_permission("read"))
		frappe.set_user("test.scope.a@ocop.vn")
		self.assertEqual(frappe.get_list("OCOP Certificate", filters={"name": cert}, pluck="name"), [cert])
		self.assertTrue(frappe.get_doc("OCOP Evaluation", evaluation).has_permission("read"))

	def test_print_formats_render_in_vietnamese(self):
		_product, cert = recognised_product()
		evaluation = frappe.db.get_value("OCOP Certificate", cert, "evaluation")
		decision = frappe.db.get_value("OCOP Certificate", cert, "recognition_decision")
		sheet = frappe.get_all(
			"OCOP Score Sheet", filters={"evaluation": evaluation, "docstatus": 1}, pluck="name"
		)[0]
		for doctype, name, print_format, expected in (
			("OCOP Score Sheet", sheet, "Phiếu chấm OCOP", "TỔNG ĐIỂM"),
			("OCOP Evaluation", evaluation, "Tổng hợp kết quả đánh giá OCOP", "3 sao"),
			("OCOP Recognition Decision", decision, "Quyết định công nhận sản phẩm OCOP", "QUYẾT ĐỊNH"),
			("OCOP Certificate", cert, "Giấy chứng nhận sản phẩm OCOP", "data:image/png;base64,"),
		):
			with self.subTest(print_format=print_format):
				html = frappe.get_print(doctype, name, print_format=print_format)
				self.assertIn(expected, html)
				self.assertNotIn("{{", html)

	def test_decision_needs_a_passed_evaluation(self):
		evaluation = make_evaluation(make_product(GROUP_148), "District", "2024-03-01")
		self.assertRaises(
			EvaluationNotPassedError, make_decision, "District", "2024-04-01", [evaluation.name]
		)


class TestEvaluationIntegrity(FrappeTestCase):
	"""What the council scored against stays put; the quorum is the council's; history is kept."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for user in MEMBERS:
			make_member(user)
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_council_product_criteria_set_and_level_are_locked_once_scoring_starts(self):
		from ocop_app.ocop_app.doctype.ocop_evaluation.ocop_evaluation import ScoringStartedError

		evaluation = make_evaluation(make_product(GROUP_148), "District", "2024-03-01")
		evaluation.council = make_council("District").name  # no sheet yet: still free to change
		evaluation.save()
		frappe.set_user(MEMBERS[0])
		make_sheet(evaluation, MEMBERS[0], 60)  # a first sheet, not even submitted
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("OCOP Evaluation", evaluation.name, "scoring_started"), 1)
		other_set = frappe.get_all(
			"OCOP Criteria Set", filters={"name": ["!=", evaluation.criteria_set]}, pluck="name", limit=1
		)[0]
		for field, value in (
			("council", make_council("District").name),
			("product", make_product(GROUP_148)),
			("criteria_set", other_set),
			("evaluation_level", "Province"),
			("evaluation_date", "2021-03-01"),  # another rule set
		):
			with self.subTest(field=field):
				doc = frappe.get_doc("OCOP Evaluation", evaluation.name)
				doc.set(field, value)
				self.assertRaises(ScoringStartedError, doc.save)
		self.assertEqual(
			frappe.db.get_value("OCOP Evaluation", evaluation.name, ["council", "criteria_set"]),
			(evaluation.council, evaluation.criteria_set),
		)
		doc = frappe.get_doc("OCOP Evaluation", evaluation.name)
		doc.remarks = "Ghi chú của tổ thư ký"  # what the council did not score against may change
		doc.save()

	def test_quorum_counts_the_councils_members_not_the_sheets(self):
		from ocop_app.ocop_app.doctype.ocop_evaluation.ocop_evaluation import recompute

		evaluation = make_evaluation(make_product(GROUP_148), "District", "2024-03-01")
		score_all(evaluation, [62])  # one member of three
		evaluation.reload()
		self.assertEqual(
			(evaluation.sheets_submitted, evaluation.quorum, evaluation.result), (1, 2, "Chưa đủ số phiếu")
		)
		score_all_from(evaluation, MEMBERS[1:2], [63])
		evaluation.reload()
		self.assertEqual((evaluation.sheets_submitted, evaluation.result), (2, "Đạt"))
		# a member leaves the council: their sheet no longer counts toward the quorum
		council = frappe.get_doc("OCOP Council", evaluation.council)
		council.members = [m for m in council.members if m.user != MEMBERS[1]]
		council.save()
		recompute(evaluation.name)
		evaluation.reload()
		self.assertEqual(
			(evaluation.sheets_submitted, evaluation.quorum, evaluation.result), (1, 2, "Chưa đủ số phiếu")
		)

	def test_without_a_council_no_sheet_makes_a_quorum(self):
		evaluation = make_evaluation(make_product(GROUP_148), "District", "2024-03-01", council=False)
		frappe.set_user(MEMBERS[0])
		self.assertRaises(NotCouncilMemberError, make_sheet, evaluation, MEMBERS[0], 62)
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("OCOP Score Sheet", {"evaluation": evaluation.name}))
		evaluation.reload()
		self.assertEqual(evaluation.result, "Chưa đủ số phiếu")

	def test_records_past_their_first_step_are_cancelled_not_deleted(self):
		from ocop_app.workflow_guard import WorkflowRecordDeleteError, apply_action

		moved = make_evaluation(make_product(GROUP_148), "District", "2024-03-01")
		moved = apply_action(moved, "Chuyển hội đồng chấm")
		self.assertEqual(moved.workflow_state, "Hội đồng chấm")
		self.assertRaises(WorkflowRecordDeleteError, frappe.delete_doc, "OCOP Evaluation", moved.name)
		self.assertTrue(frappe.db.exists("OCOP Evaluation", moved.name))
		draft = make_evaluation(make_product(GROUP_148), "District", "2024-03-01")
		frappe.delete_doc("OCOP Evaluation", draft.name)  # still at its first step: may go
		self.assertFalse(frappe.db.exists("OCOP Evaluation", draft.name))


# ---------------------------------------------------------------------- factories
class CouncilTestCase(FrappeTestCase):
	"""Tests that need Hưng Yên's council members (MEMBERS), made and committed once per class."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for user in MEMBERS:
			make_member(user)
		frappe.db.commit()


def make_member(user: str) -> None:
	"""A council member of Hưng Yên province."""
	from ocop_app.factories import make_user

	make_user(user, "OCOP Council Member", "33")


def make_council(level: str, members=MEMBERS):
	return frappe.get_doc(
		{
			"doctype": "OCOP Council",
			"council_name": f"Hội đồng thử cấp {level}",
			"level": level,
			"administrative_unit": "33",
			"year": 2024,
			"members": [{"user": u, "council_role": "Thành viên"} for u in members],
		}
	).insert()


def make_product(group: str, **producer_values) -> str:
	producer = make_producer(**producer_values)
	return (
		frappe.get_doc(
			{
				"doctype": "OCOP Product",
				"product_name": "Sản phẩm đánh giá thử",
				"producer": producer.name,
				"product_group": group,
			}
		)
		.insert()
		.name
	)


def make_evaluation(product: str, level: str, date: str, council: bool = True):
	return frappe.get_doc(
		{
			"doctype": "OCOP Evaluation",
			"product": product,
			"evaluation_level": level,
			"evaluation_date": date,
			"council": make_council(level).name if council else None,
		}
	).insert()


def criteria_doc(evaluation):
	return frappe.get_doc("OCOP Criteria Set", evaluation.criteria_set)


def set_choices(sheet, target: float) -> None:
	"""Choose options, criterion by criterion, for a total as close to ``target`` as it gets."""
	from ocop_app.setup.demo import choose_options

	choose_options(sheet, target)


def make_sheet(evaluation, member: str, target: float):
	sheet = frappe.get_doc(
		{"doctype": "OCOP Score Sheet", "evaluation": evaluation.name, "council_member": member}
	)
	sheet.criteria_set = evaluation.criteria_set
	sheet.set_rows()
	set_choices(sheet, target)
	return sheet.insert()


def score_all(evaluation, targets) -> list[str]:
	return score_all_from(evaluation, MEMBERS, targets)


def score_all_from(evaluation, members, targets) -> list[str]:
	names = []
	for member, target in zip(members, targets, strict=False):
		frappe.set_user(member)
		sheet = make_sheet(evaluation, member, target)
		sheet.submit()
		names.append(sheet.name)
	frappe.set_user("Administrator")
	return names


def average(evaluation) -> float:
	totals = frappe.get_all(
		"OCOP Score Sheet", filters={"evaluation": evaluation.name, "docstatus": 1}, pluck="total_score"
	)
	from ocop_app.rules.scoring import round_average

	return round_average(totals)


def make_decision(level: str, date: str, evaluations: list[str], unit: str | None = "33"):
	doc = frappe.get_doc(
		{
			"doctype": "OCOP Recognition Decision",
			"decision_no": f"{frappe.generate_hash(length=6)}/QĐ-UBND",
			"decision_date": date,
			"level": level,
			"issuing_unit": unit,
			"items": [{"evaluation": e} for e in evaluations],
		}
	).insert()
	return issue_decision(doc)


def recognised_product() -> tuple[str, str]:
	product = make_product(GROUP_148)
	evaluation = make_evaluation(product, "District", add_months(today(), -20))
	evaluation.evaluation_date = "2024-06-01"
	evaluation.save()
	score_all(evaluation, [62, 63, 64])
	evaluation.reload()
	conclude(evaluation)
	decision = make_decision("District", "2024-07-01", [evaluation.name])
	return product, decision.items[0].certificate
