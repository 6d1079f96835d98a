"""Workflow states move only through workflow actions.

Frappe checks that a changed state is a permitted transition, but a user who may take a
transition can still write the state (or submit) through REST PUT, frappe.client.set_value or a
Data Import, skipping the action's conditions and side effects. Here every change of the state
field, and every submit or cancel, of an OCOP workflow DocType must come from
``apply_workflow`` (which frappe's desk calls); a state whose "allow edit" role the user lacks
locks the record. Trusted server code may set ``doc.flags.ignore_workflow_guard``.
"""

import frappe
import frappe.model.workflow
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import get_workflow, get_workflow_name

GUARDED_DOCTYPES = (
	"OCOP Product",
	"OCOP Evaluation",
	"OCOP Recognition Decision",
	"OCOP Subsidy Claim",
	"OCOP Inspection",
	"OCOP Periodic Report",
)


class WorkflowStateForcedError(frappe.ValidationError):
	pass


class WorkflowStateLockedError(frappe.ValidationError):
	pass


class WorkflowActionNotAllowedError(frappe.model.workflow.WorkflowTransitionError):
	pass


class WorkflowRecordDeleteError(frappe.ValidationError):
	pass


@frappe.whitelist(methods=["POST"])
def apply_workflow(doc, action: str):
	"""frappe.model.workflow.apply_workflow, marked as a workflow action (hooked over frappe's)."""
	return apply_action(doc, action)


def apply_action(doc, action: str):
	"""Take a workflow action; a refused one says, in Vietnamese, which actions are open now."""
	document = doc if isinstance(doc, Document) else frappe.get_doc(frappe.parse_json(doc))
	document.load_from_db()
	available = [t.action for t in frappe.model.workflow.get_transitions(document)]
	if action not in available:
		state = document.get(get_workflow(document.doctype).workflow_state_field)
		frappe.throw(
			_(
				"Không thể thực hiện {0} ở bước {1}: điều kiện chưa thỏa hoặc bạn không có vai trò phù hợp. {2}"
			).format(
				frappe.bold(action),
				frappe.bold(state),
				_("Thao tác được phép lúc này: {0}.").format(", ".join(available))
				if available
				else _("Bạn không có thao tác nào ở bước này."),
			),
			WorkflowActionNotAllowedError,
			title=_("Không thực hiện được thao tác"),
		)
	before_action = getattr(document, "before_workflow_action", None)
	if before_action:
		before_action(action)  # e.g. row locks the DocType takes before its own (subsidy claims)
	previous = frappe.flags.ocop_workflow_action
	frappe.flags.ocop_workflow_action = True
	try:
		return frappe.model.workflow.apply_workflow(document, action)
	finally:
		frappe.flags.ocop_workflow_action = previous


@frappe.whitelist(methods=["POST"])
def bulk_workflow_approval(docnames, doctype: str, action: str):
	"""The list view's bulk action (hooked over frappe's): each record is taken as a workflow action,
	as from its form, with frappe's own loop and log; fewer than 20 at once, up to 500 in the
	background, as frappe does."""
	names = frappe.parse_json(docnames)
	if len(names) < 20:
		return bulk_action(names, doctype, action)
	if len(names) > 500:
		frappe.throw(_("Mỗi lần chỉ thao tác hàng loạt được tối đa 500 hồ sơ."), title=_("Quá nhiều hồ sơ"))
	frappe.msgprint(
		_("Đang thực hiện {0} cho {1} hồ sơ ở chế độ nền.").format(action, len(names)), alert=True
	)
	frappe.enqueue(bulk_action, docnames=names, doctype=doctype, action=action, queue="short", timeout=1000)


def bulk_action(docnames: list[str], doctype: str, action: str) -> None:
	previous = frappe.flags.ocop_workflow_action
	frappe.flags.ocop_workflow_action = True  # frappe's apply_workflow checks each transition
	try:
		frappe.model.workflow._bulk_workflow_action(docnames, doctype, action)
	finally:
		frappe.flags.ocop_workflow_action = previous


def validate(doc, method=None) -> None:
	if doc.flags.ignore_workflow_guard or not get_workflow_name(doc.doctype):
		return
	workflow = get_workflow(doc.doctype)
	field = workflow.workflow_state_field
	in_action = bool(frappe.flags.ocop_workflow_action)
	before = doc.get_doc_before_save()
	first_state = workflow.states[0].state
	old_state = before.get(field) if before else None
	new_state = doc.get(field)

	if not in_action:
		forced = (
			(doc.is_new() and new_state and new_state != first_state)
			or (before is not None and new_state != old_state)
			or getattr(doc, "_action", None) in ("submit", "cancel")
		)
		if forced:
			frappe.throw(
				_("Trạng thái xử lý chỉ được thay đổi bằng các thao tác của quy trình ({0}).").format(
					frappe.bold(workflow.name)
				),
				WorkflowStateForcedError,
				title=_("Không được đổi trạng thái trực tiếp"),
			)
		if before is not None and not doc.flags.ignore_permissions:
			state = next((s for s in workflow.states if s.state == old_state), None)
			if state and state.allow_edit and state.allow_edit not in frappe.get_roles():
				frappe.throw(
					_("Hồ sơ đang ở bước {0}: chỉ vai trò {1} được sửa.").format(
						frappe.bold(old_state), frappe.bold(_(state.allow_edit))
					),
					WorkflowStateLockedError,
					title=_("Hồ sơ đang bị khóa"),
				)


def on_trash(doc, method=None) -> None:
	"""A record past its workflow's first step is kept: it is cancelled through the workflow, never
	deleted (frappe itself lets a cancelled record be deleted). Trusted server code (test clean-up)
	passes ``flags={"ignore_workflow_guard": True}`` to ``frappe.delete_doc``."""
	if doc.flags.ignore_workflow_guard or not get_workflow_name(doc.doctype):
		return
	workflow = get_workflow(doc.doctype)
	state = doc.get(workflow.workflow_state_field)
	if doc.docstatus == 0 and state in (None, "", workflow.states[0].state):
		return
	frappe.throw(
		_("{0} {1} đã qua bước {2} của quy trình nên không thể xóa; chỉ có thể hủy theo quy trình.").format(
			_(doc.doctype), frappe.bold(doc.name), frappe.bold(workflow.states[0].state)
		),
		WorkflowRecordDeleteError,
		title=_("Không được xóa"),
	)
