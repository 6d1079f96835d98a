# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The shipped workflows walked by the officials of each role, in and out of scope, in each era;
the state cannot be forced; administrators reshape the paths with records only."""

import frappe
import frappe.client
from frappe.utils.fixtures import sync_fixtures

from ocop_app.factories import (
	COMMUNE_A,
	LEGACY_COMMUNE,
	make_producer,
	make_user,
	remove_producer,
	remove_product,
)
from ocop_app.ocop_app.doctype.ocop_evaluation.ocop_evaluation import make_next_level_evaluation
from ocop_app.ocop_app.doctype.ocop_evaluation.test_ocop_evaluation import (
	GROUP_148,
	MEMBERS,
	CouncilTestCase,
	make_council,
	score_all,
)
from ocop_app.setup.workflows import install_workflows, restore_workflow
from ocop_app.workflow_guard import (
	WorkflowActionNotAllowedError,
	WorkflowStateForcedError,
	WorkflowStateLockedError,
	apply_action,
)

XA_A, XA_B = "wf.xa.a@ocop.vn", "wf.xa.b@ocop.vn"
HUYEN = "wf.huyen@ocop.vn"  # Huyện Đông Hưng, Thái Bình (legacy)
TINH, TINH_B = "wf.tinh@ocop.vn", "wf.tinh.b@ocop.vn"
UBND, UBND_B = "wf.ubnd@ocop.vn", "wf.ubnd.b@ocop.vn"
BO = "wf.bo@ocop.vn"
MINUTES = "/files/bien-ban-kiem-tra.pdf"

USERS = (
	(XA_A, "OCOP Commune Officer", COMMUNE_A),
	(XA_B, "OCOP Commune Officer", "01-00583"),
	(HUYEN, "OCOP District Officer", "L-34-340"),
	(TINH, "OCOP Province Officer", "33"),
	(TINH_B, "OCOP Province Officer", "01"),
	(UBND, "OCOP Approver", "33"),
	(UBND_B, "OCOP Approver", "01"),
	(BO, "OCOP Ministry Officer", None),
)


class TestWorkflows(CouncilTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for user, role, unit in USERS:
			make_user(user, role, unit)
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_cache()  # workflows and rule sets are read through caches: drop rolled-back edits

	def walk(self, doc, steps):
		"""Each step: (user, action, expected state or the error the action must raise)."""
		for user, action, expected in steps:
			with self.subTest(user=user, action=action):
				frappe.set_user(user)
				before = frappe.db.get_value(doc.doctype, doc.name, "workflow_state")
				if isinstance(expected, type) and issubclass(expected, Exception):
					self.assertRaises(
						expected, apply_action, doc.doctype and frappe.get_doc(doc.doctype, doc.name), action
					)
					frappe.set_user("Administrator")
					self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "workflow_state"), before)
				else:
					apply_action(frappe.get_doc(doc.doctype, doc.name), action)
					frappe.set_user("Administrator")
					self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "workflow_state"), expected)
		frappe.set_user("Administrator")
		doc.reload()
		return doc

	# ------------------------------------------------------------------ product registration
	def test_product_registration(self):
		product = new_product(COMMUNE_A)
		self.assertEqual(product.workflow_state, "Nháp")
		self.walk(
			product,
			[
				(XA_B, "Gửi hồ sơ", frappe.PermissionError),  # another commune
				(XA_A, "Gửi hồ sơ", "Chờ xã kiểm tra hồ sơ"),
				(XA_A, "Tiếp nhận", WorkflowActionNotAllowedError),  # dossier incomplete
				(XA_A, "Trả lại", WorkflowActionNotAllowedError),  # no reason given
			],
		)
		self.assertTrue(todo_for(XA_A, product))  # the commune officer acts next
		frappe.set_user(XA_A)
		product = frappe.get_doc("OCOP Product", product.name)
		product.return_reason = "Thiếu phiếu kiểm nghiệm"
		product.save()
		frappe.set_user("Administrator")
		self.walk(
			product, [(XA_A, "Trả lại", "Trả lại bổ sung"), (XA_A, "Gửi lại hồ sơ", "Chờ xã kiểm tra hồ sơ")]
		)
		self.assertIn("Thiếu phiếu kiểm nghiệm", timeline(product))
		frappe.set_user(XA_A)
		product = frappe.get_doc("OCOP Product", product.name)
		product.set("dossier_items", complete_dossier())
		product.save()
		frappe.set_user("Administrator")
		self.walk(product, [(XA_A, "Tiếp nhận", "Đã tiếp nhận")])

	# ------------------------------------------------------------------ evaluation, by era
	def test_1048_district_path(self):
		product = new_product(LEGACY_COMMUNE)  # recognised before the reform, in Huyện Đông Hưng
		evaluation = new_evaluation(product, "District", "2021-06-01")
		self.walk(
			evaluation,
			[
				(XA_B, "Chuyển hội đồng chấm", frappe.PermissionError),
				(TINH, "Chuyển hội đồng chấm", WorkflowActionNotAllowedError),  # not the district's officer
				(HUYEN, "Chuyển hội đồng chấm", "Hội đồng chấm"),
			],
		)
		self.assertTrue(todo_for(MEMBERS[0], evaluation))  # the council scores next
		score_all(evaluation, [60, 62, 58])
		self.assertTrue(todo_for(HUYEN, evaluation))  # the result opens the district's action
		self.walk(evaluation, [(HUYEN, "Đề nghị cấp trên", WorkflowActionNotAllowedError)])  # no minutes yet
		frappe.set_user(HUYEN)
		doc = frappe.get_doc("OCOP Evaluation", evaluation.name)
		doc.field_inspection_minutes, doc.field_inspection_date = MINUTES, "2021-06-10"
		doc.save()
		frappe.set_user("Administrator")
		self.walk(evaluation, [(HUYEN, "Đề nghị cấp trên", "Đề nghị cấp trên")])
		self.assertEqual(frappe.db.get_value("OCOP Evaluation", evaluation.name, "docstatus"), 1)

	def test_send_back_and_fail_paths(self):
		evaluation = new_evaluation(new_product(LEGACY_COMMUNE), "District", "2024-03-01")
		self.walk(evaluation, [(HUYEN, "Trả lại", WorkflowActionNotAllowedError)])  # a reason is required
		frappe.db.set_value("OCOP Evaluation", evaluation.name, "return_reason", "Thiếu phiếu kiểm nghiệm")
		self.walk(
			evaluation,
			[
				(HUYEN, "Trả lại", "Trả lại"),
				(XA_B, "Gửi lại hồ sơ", frappe.PermissionError),
				(HUYEN, "Gửi lại hồ sơ", "Tiếp nhận hồ sơ"),
				(HUYEN, "Chuyển hội đồng chấm", "Hội đồng chấm"),
			],
		)
		self.assertIn("Thiếu phiếu kiểm nghiệm", timeline(evaluation))
		score_all(evaluation, [40, 42, 41])
		self.walk(
			evaluation,
			[
				(HUYEN, "Trình UBND công nhận", WorkflowActionNotAllowedError),
				(HUYEN, "Kết luận không đạt", "Không đạt"),
			],
		)

	def test_decision_sent_back_then_issued_and_cancelled(self):
		decision = self.decision_ready_to_sign()
		self.walk(decision, [(UBND, "Trả lại", WorkflowActionNotAllowedError)])
		frappe.db.set_value("OCOP Recognition Decision", decision.name, "return_reason", "Sai số quyết định")
		self.walk(
			decision,
			[
				(UBND, "Trả lại", "Dự thảo"),
				(TINH, "Trình ký", "Trình ký"),
				(UBND, "Ban hành", "Ban hành"),
				(TINH, "Hủy quyết định", WorkflowActionNotAllowedError),
				(UBND, "Hủy quyết định", "Hủy"),
			],
		)
		product = frappe.db.get_value("OCOP Recognition Item", {"parent": decision.name}, "product")
		self.assertEqual(frappe.db.get_value("OCOP Product", product, "star_rating"), 0)

	def test_ministry_recognises_five_stars(self):
		evaluation = new_evaluation(new_product(COMMUNE_A), "National", "2025-11-01", minutes=True)
		self.walk(
			evaluation,
			[
				(TINH, "Chuyển hội đồng chấm", WorkflowActionNotAllowedError),
				(BO, "Chuyển hội đồng chấm", "Hội đồng chấm"),
			],
		)
		score_all(evaluation, [95, 96, 97])
		self.walk(evaluation, [(BO, "Trình UBND công nhận", "Trình UBND công nhận")])
		decision = new_decision("National", "2025-12-01", evaluation.name, None)
		self.walk(
			decision,
			[
				(
					TINH,
					"Trình ký",
					frappe.PermissionError,
				),  # a ministry decision is outside a province's scope
				(BO, "Trình ký", "Trình ký"),
				(UBND, "Ban hành", frappe.PermissionError),
				(BO, "Ban hành", "Ban hành"),
			],
		)

	def test_148_district_recognises_and_the_approver_signs(self):
		product = new_product(LEGACY_COMMUNE)
		evaluation = new_evaluation(product, "District", "2024-03-01")
		self.walk(evaluation, [(HUYEN, "Chuyển hội đồng chấm", "Hội đồng chấm")])
		score_all(evaluation, [62, 64, 63])
		self.assertTrue(todo_for(HUYEN, evaluation))  # the council's result opens the district's action
		self.walk(
			evaluation,
			[
				(HUYEN, "Đề nghị cấp trên", WorkflowActionNotAllowedError),  # 63 < 70: recognised here
				(HUYEN, "Trình UBND công nhận", "Trình UBND công nhận"),
			],
		)
		decision = new_decision("District", "2024-04-01", evaluation.name, "L-34-340")
		self.walk(
			decision,
			[
				(TINH, "Trình ký", WorkflowActionNotAllowedError),  # a district decision
				(HUYEN, "Trình ký", "Trình ký"),
				(UBND_B, "Ban hành", frappe.PermissionError),
				(HUYEN, "Ban hành", WorkflowActionNotAllowedError),
				(UBND, "Ban hành", "Ban hành"),
			],
		)
		self.assertEqual(frappe.db.get_value("OCOP Product", product.name, "star_rating"), 3)

	def test_1489_commune_checks_and_the_province_scores(self):
		product = new_product(COMMUNE_A)
		commune = new_evaluation(product, "Commune", "2025-09-01", council=False)
		self.assertEqual(commune.result, "Đề nghị cấp trên")
		self.walk(
			commune,
			[
				(XA_B, "Đề nghị cấp trên", frappe.PermissionError),
				(XA_A, "Đề nghị cấp trên", "Đề nghị cấp trên"),
			],
		)
		province = frappe.get_doc("OCOP Evaluation", make_next_level_evaluation(commune.name))
		province.evaluation_date, province.council = "2025-09-20", make_council("Province").name
		province.save()
		self.walk(
			province,
			[
				(TINH_B, "Chuyển hội đồng chấm", frappe.PermissionError),
				(TINH, "Chuyển hội đồng chấm", "Hội đồng chấm"),
			],
		)
		score_all(province, [78, 80, 79])
		self.walk(province, [(TINH, "Trình UBND công nhận", "Trình UBND công nhận")])
		decision = new_decision("Province", "2025-10-10", province.name, "33")
		self.walk(decision, [(TINH, "Trình ký", "Trình ký"), (UBND, "Ban hành", "Ban hành")])
		self.assertEqual(frappe.db.get_value("OCOP Product", product.name, "star_rating"), 4)

	# ------------------------------------------------------------------ the state cannot be forced
	def test_state_cannot_be_forced(self):
		product = new_product(COMMUNE_A)
		frappe.set_user(XA_A)
		# frappe.client.set_value (and REST PUT, which saves the same way)
		self.assertRaises(
			WorkflowStateForcedError,
			frappe.client.set_value,
			"OCOP Product",
			product.name,
			"workflow_state",
			"Đã tiếp nhận",
		)
		doc = frappe.get_doc("OCOP Product", product.name)
		doc.workflow_state = "Chờ xã kiểm tra hồ sơ"
		self.assertRaises(WorkflowStateForcedError, doc.save)
		# a Data Import row that arrives in a later state
		imported = frappe.get_doc(
			{
				"doctype": "OCOP Product",
				"product_name": "Nhập từ Excel",
				"producer": product.producer,
				"product_group": GROUP_148,
				"workflow_state": "Đã tiếp nhận",
			}
		)
		self.assertRaises(WorkflowStateForcedError, imported.insert)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("OCOP Product", product.name, "workflow_state"), "Nháp")

	def test_bulk_action_from_the_list_view(self):
		from ocop_app.workflow_guard import bulk_workflow_approval

		mine = [new_product(COMMUNE_A) for _ in range(2)]
		other = new_product("01-00583")  # commune B: outside XA_A's scope
		frappe.db.commit()  # frappe's bulk loop commits record by record
		try:
			frappe.set_user(XA_A)
			bulk_workflow_approval(
				frappe.as_json([p.name for p in (*mine, other)]), "OCOP Product", "Gửi hồ sơ"
			)
			frappe.set_user("Administrator")
			self.assertEqual(
				[frappe.db.get_value("OCOP Product", p.name, "workflow_state") for p in (*mine, other)],
				["Chờ xã kiểm tra hồ sơ", "Chờ xã kiểm tra hồ sơ", "Nháp"],
			)
			# each one went through the action: its timeline says so
			self.assertTrue(
				frappe.db.exists(
					"Comment",
					{"reference_name": mine[0].name, "comment_type": "Info", "content": ["like", "Nháp → %"]},
				)
			)
		finally:
			frappe.set_user("Administrator")
			for product in (*mine, other):
				remove_product_and_producer(product)
			frappe.db.commit()

	def test_stale_second_tab_is_refused(self):
		product = new_product(COMMUNE_A)
		frappe.set_user(XA_A)
		first_tab = frappe.get_doc("OCOP Product", product.name)
		second_tab = frappe.get_doc("OCOP Product", product.name)
		apply_action(first_tab, "Gửi hồ sơ")
		second_tab.description = "sửa từ tab cũ"
		self.assertRaises(frappe.TimestampMismatchError, second_tab.save)
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("OCOP Product", product.name, "workflow_state"), "Chờ xã kiểm tra hồ sơ"
		)

	def test_a_state_locks_the_record_for_other_roles(self):
		product = new_product(COMMUNE_A)
		self.walk(product, [(XA_A, "Gửi hồ sơ", "Chờ xã kiểm tra hồ sơ")])
		frappe.set_user(TINH)  # only the commune officer edits a dossier under check
		doc = frappe.get_doc("OCOP Product", product.name)
		doc.description = "sửa khi xã đang kiểm tra"
		self.assertRaises(WorkflowStateLockedError, doc.save)

	def test_council_member_acts_only_in_their_own_council(self):
		from ocop_app.permissions import council_member_may_act

		evaluation = new_evaluation(new_product(COMMUNE_A), "Province", "2025-09-01")
		self.assertTrue(council_member_may_act(evaluation, MEMBERS[0]))
		other = make_council("Province", members=("test.hd4@ocop.vn",))
		evaluation.db_set("council", other.name)
		self.assertFalse(council_member_may_act(evaluation, MEMBERS[0]))

	# ------------------------------------------------------------------ administrators, no code
	def test_administrator_adds_an_approval_step(self):
		workflow = frappe.get_doc("Workflow", "OCOP Quyết định công nhận")
		for name, doctype, field in (
			("Phó Chủ tịch UBND duyệt", "Workflow State", "workflow_state_name"),
			("Trình Phó Chủ tịch", "Workflow Action Master", "workflow_action_name"),
		):
			if not frappe.db.exists(doctype, name):
				frappe.get_doc({"doctype": doctype, field: name}).insert()
		workflow.append(
			"states", {"state": "Phó Chủ tịch UBND duyệt", "doc_status": "0", "allow_edit": "OCOP Approver"}
		)
		for t in workflow.transitions:
			if t.action == "Ban hành" and t.allowed == "OCOP Approver":
				t.state = "Phó Chủ tịch UBND duyệt"
		workflow.append(
			"transitions",
			{
				"state": "Trình ký",
				"action": "Trình Phó Chủ tịch",
				"next_state": "Phó Chủ tịch UBND duyệt",
				"allowed": "OCOP Approver",
				"allow_self_approval": 1,
			},
		)
		workflow.save()
		decision = self.decision_ready_to_sign()
		self.walk(
			decision,
			[
				(UBND, "Ban hành", WorkflowActionNotAllowedError),
				(UBND, "Trình Phó Chủ tịch", "Phó Chủ tịch UBND duyệt"),
				(UBND, "Ban hành", "Ban hành"),
			],
		)

	def test_administrator_moves_a_step_to_another_role(self):
		workflow = frappe.get_doc("Workflow", "OCOP Quyết định công nhận")
		for t in workflow.transitions:
			if t.action == "Trình ký" and t.allowed == "OCOP Province Officer":
				t.allowed = "OCOP Ministry Officer"
		workflow.save()
		evaluation = self.province_evaluation_passed()
		decision = new_decision("Province", "2025-10-10", evaluation.name, "33")
		self.walk(decision, [(TINH, "Trình ký", WorkflowActionNotAllowedError), (BO, "Trình ký", "Trình ký")])

	def test_administrator_changes_the_forwarding_threshold(self):
		product = new_product(LEGACY_COMMUNE)
		evaluation = new_evaluation(product, "District", "2024-03-01", minutes=True)
		self.walk(evaluation, [(HUYEN, "Chuyển hội đồng chấm", "Hội đồng chấm")])
		score_all(evaluation, [66, 67, 68])
		self.walk(evaluation, [(HUYEN, "Đề nghị cấp trên", WorkflowActionNotAllowedError)])
		rule_set = frappe.get_doc("OCOP Rule Set", "148/QĐ-TTg")
		next(r for r in rule_set.level_rules if r.level == "District").forward_min_score = 65
		rule_set.save()
		frappe.get_doc("OCOP Evaluation", evaluation.name).save()  # any save recomputes the result
		self.walk(evaluation, [(HUYEN, "Đề nghị cấp trên", "Đề nghị cấp trên")])

	def test_workflow_edits_survive_migrate_and_can_be_restored(self):
		# frappe's sync_fixtures commits after each fixture file (import_doc), and with it this test's
		# edit: the rollback of tearDown cannot undo it, so the shipped workflow is put back and
		# committed whatever happens (left edited, the next run's commune officer could not "Tiếp nhận")
		self.addCleanup(restore_committed, "OCOP Đăng ký sản phẩm")
		workflow = frappe.get_doc("Workflow", "OCOP Đăng ký sản phẩm")
		for t in workflow.transitions:
			if t.action == "Tiếp nhận":
				t.allowed = "OCOP District Officer"
		workflow.save()
		# what migrate does to workflows: frappe re-imports fixtures, ocop_app installs missing workflows
		# (the rest of after_migrate alters tables, which would commit this test's edits)
		sync_fixtures("ocop_app")
		install_workflows()
		allowed = frappe.db.get_value(
			"Workflow Transition", {"parent": "OCOP Đăng ký sản phẩm", "action": "Tiếp nhận"}, "allowed"
		)
		self.assertEqual(allowed, "OCOP District Officer")
		restore_workflow("OCOP Đăng ký sản phẩm")
		allowed = frappe.db.get_value(
			"Workflow Transition", {"parent": "OCOP Đăng ký sản phẩm", "action": "Tiếp nhận"}, "allowed"
		)
		self.assertEqual(allowed, "OCOP Commune Officer")

	def test_cycle_deadlines_flag_overdue_evaluations(self):
		from ocop_app.ocop_app.doctype.ocop_evaluation.ocop_evaluation import flag_overdue_evaluations
		from ocop_app.ocop_app.report.ocop_overdue_evaluations.ocop_overdue_evaluations import execute

		frappe.get_doc(
			{
				"doctype": "OCOP Cycle",
				"year": 2025,
				"administrative_unit": "33",
				"plan_reference": "27/KH-UBND",
				"stages": [{"stage": "Đánh giá cấp tỉnh", "level": "Province", "deadline": "2025-09-30"}],
			}
		).insert()
		evaluation = new_evaluation(new_product(COMMUNE_A), "Province", "2025-09-01")
		self.assertEqual(str(evaluation.deadline), "2025-09-30")
		self.assertTrue(evaluation.is_overdue)  # still open after the deadline
		frappe.db.set_value("OCOP Evaluation", evaluation.name, "is_overdue", 0)
		self.assertGreaterEqual(flag_overdue_evaluations(), 1)
		self.assertTrue(frappe.db.get_value("OCOP Evaluation", evaluation.name, "is_overdue"))
		frappe.set_user(TINH)
		self.assertIn(evaluation.name, [r.name for r in execute({})[1]])
		frappe.set_user(TINH_B)  # another province's officer does not see it
		self.assertNotIn(evaluation.name, [r.name for r in execute({})[1]])

	# ------------------------------------------------------------------ helpers
	def province_evaluation_passed(self):
		evaluation = new_evaluation(new_product(COMMUNE_A), "Province", "2025-09-20", minutes=True)
		self.walk(evaluation, [(TINH, "Chuyển hội đồng chấm", "Hội đồng chấm")])
		score_all(evaluation, [78, 80, 79])
		return self.walk(evaluation, [(TINH, "Trình UBND công nhận", "Trình UBND công nhận")])

	def decision_ready_to_sign(self):
		decision = new_decision("Province", "2025-10-10", self.province_evaluation_passed().name, "33")
		return self.walk(decision, [(TINH, "Trình ký", "Trình ký")])


def restore_committed(workflow: str) -> None:
	"""The workflow as ocop_app ships it, committed (after a test whose edit was committed)."""
	frappe.set_user("Administrator")
	restore_workflow(workflow)
	frappe.db.commit()
	frappe.clear_cache()


def remove_product_and_producer(product) -> None:
	remove_product(product.name)
	remove_producer(product.producer)


def new_product(unit: str):
	producer = make_producer()
	doc = frappe.get_doc(
		{
			"doctype": "OCOP Product",
			"product_name": "Sản phẩm quy trình",
			"producer": producer.name,
			"product_group": GROUP_148,
			"administrative_unit": unit,
		}
	)
	doc.flags.allow_legacy_unit = True
	return doc.insert()


def new_evaluation(product, level: str, date: str, council: bool = True, minutes: bool = False):
	return frappe.get_doc(
		{
			"doctype": "OCOP Evaluation",
			"product": product.name,
			"evaluation_level": level,
			"evaluation_date": date,
			"council": make_council(level).name if council else None,
			"field_inspection_minutes": MINUTES if minutes else None,
			"field_inspection_date": date if minutes else None,
		}
	).insert()


def new_decision(level: str, date: str, evaluation: str, unit: str):
	return frappe.get_doc(
		{
			"doctype": "OCOP Recognition Decision",
			"decision_no": f"{frappe.generate_hash(length=6)}/QĐ-UBND",
			"decision_date": date,
			"level": level,
			"issuing_unit": unit,
			"items": [{"evaluation": evaluation}],
		}
	).insert()


def complete_dossier() -> list[dict]:
	return [
		{"item_type": name, "attachment": f"/files/{i}.pdf", "is_checked": 1}
		for i, name in enumerate(
			frappe.get_all("OCOP Dossier Item Type", filters={"is_mandatory": 1}, pluck="name")
		)
	]


def todo_for(user: str, doc) -> bool:
	return bool(
		frappe.db.exists(
			"ToDo",
			{
				"allocated_to": user,
				"reference_type": doc.doctype,
				"reference_name": doc.name,
				"status": "Open",
			},
		)
	)


def timeline(doc) -> str:
	return " ".join(
		frappe.get_all(
			"Comment", filters={"reference_doctype": doc.doctype, "reference_name": doc.name}, pluck="content"
		)
	)
