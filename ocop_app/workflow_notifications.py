"""After a workflow action: record it on the timeline and tell the users who can act next.

Those users hold the role of a transition out of the new state whose condition holds, and have
the record's unit in their scope (User Permissions on the unit or one of its ancestors, or a
national role). Each gets a ToDo (closed when the record moves on) and a system notification.

The timeline comment is written with the action; the ToDos and notifications are written by a
background job after the action commits (one per recipient, each with its own hooks and realtime
message), so approving a record never waits on the fan-out. Tests run the job in the same call.
"""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow, get_workflow_name, is_transition_condition_satisfied

from ocop_app.permissions import NATIONAL_ROLES, SCOPED_DOCTYPES, UNIT_DOCTYPE


def on_change(doc, method=None) -> None:
	if not get_workflow_name(doc.doctype):
		return
	workflow = get_workflow(doc.doctype)
	field = workflow.workflow_state_field
	before = doc.get_doc_before_save()
	old_state, new_state = (before.get(field) if before else None), doc.get(field)
	if not new_state or old_state == new_state:
		return
	record_transition(doc, old_state, new_state)
	frappe.enqueue(
		tell_next_actors,
		queue="short",
		doctype=doc.doctype,
		name=doc.name,
		state=new_state,
		enqueue_after_commit=True,
		now=bool(frappe.flags.in_test or frappe.flags.in_install or frappe.flags.in_migrate),
	)


def tell_next_actors(doctype: str, name: str, state: str) -> None:
	"""Close the record's open ToDos and tell the next actors; nothing if it has moved on since."""
	if not frappe.db.exists(doctype, name):
		return
	doc = frappe.get_doc(doctype, name)
	workflow = get_workflow(doctype)
	if doc.get(workflow.workflow_state_field) != state:
		return
	close_open_todos(doc)
	notify_next_actors(doc, workflow, state)
	if doc.doctype == "OCOP Evaluation" and doc.docstatus == 0 and doc.get("council"):
		for user in frappe.get_all(
			"OCOP Council Member", filters={"parent": doc.council, "parenttype": "OCOP Council"}, pluck="user"
		):
			notify(doc, user, _("Chấm điểm"), state)


def notify_next_actors(doc, workflow=None, state: str | None = None) -> None:
	workflow = workflow or get_workflow(doc.doctype)
	state = state or doc.get(workflow.workflow_state_field)
	for user, action in next_actors(doc, workflow, state):
		notify(doc, user, action, state)


def record_transition(doc, old_state: str | None, new_state: str) -> None:
	reason = doc.get("return_reason")
	text = _("{0} → {1}").format(old_state or "—", new_state)
	if reason and new_state in ("Trả lại", "Trả lại bổ sung", "Dự thảo"):
		text += " — " + _("Lý do: {0}").format(reason)
	doc.add_comment("Info", text)


def close_open_todos(doc) -> None:
	for name in frappe.get_all(
		"ToDo",
		filters={"reference_type": doc.doctype, "reference_name": doc.name, "status": "Open"},
		pluck="name",
	):
		frappe.db.set_value("ToDo", name, "status", "Closed")


# what the next actor supplies before acting (a reason, the checked dossier, the inspection
# minutes): a transition that waits only for these is already theirs to take
ACTOR_SUPPLIED = {
	"return_reason": "…",
	"dossier_complete": 1,
	"field_inspection_minutes": "…",
	"field_inspection_date": "2000-01-01",
}


def next_actors(doc, workflow, state: str) -> list[tuple[str, str]]:
	"""(user, action) pairs for the transitions out of ``state`` the next actor can take."""
	supplied = frappe.get_doc(doc.as_dict())
	supplied.update({k: v for k, v in ACTOR_SUPPLIED.items() if not doc.get(k)})
	roles: dict[str, str] = {}
	for t in workflow.transitions:
		if t.state != state or t.allowed in roles:
			continue
		if is_transition_condition_satisfied(t, doc) or is_transition_condition_satisfied(t, supplied):
			roles[t.allowed] = t.action
	if not roles:
		return []
	holders = frappe.get_all(
		"Has Role",
		filters={"role": ["in", list(roles)], "parenttype": "User"},
		fields=["parent as user", "role"],
	)
	in_scope = users_in_scope(doc)
	seen, actors = set(), []
	for row in holders:
		if row.user in seen or row.user in ("Administrator", "Guest"):
			continue
		if in_scope is not None and row.user not in in_scope and not is_national(row.user):
			continue
		if not frappe.db.get_value("User", row.user, "enabled"):
			continue
		seen.add(row.user)
		actors.append((row.user, roles[row.role]))
	return actors


def users_in_scope(doc) -> set[str] | None:
	"""Users with a User Permission on the record's unit or an ancestor (None: not unit-scoped)."""
	field = SCOPED_DOCTYPES.get(doc.doctype)
	unit = doc.get(field) if field else None
	if not unit:
		return None
	lft, rgt = frappe.db.get_value(UNIT_DOCTYPE, unit, ["lft", "rgt"])
	units = frappe.get_all(UNIT_DOCTYPE, filters={"lft": ["<=", lft], "rgt": [">=", rgt]}, pluck="name")
	successor = frappe.db.get_value(UNIT_DOCTYPE, unit, "successor_unit")
	if successor:  # a legacy unit: the officials of the units that took it over
		s_lft, s_rgt = frappe.db.get_value(UNIT_DOCTYPE, successor, ["lft", "rgt"])
		units += frappe.get_all(
			UNIT_DOCTYPE, filters={"lft": ["<=", s_lft], "rgt": [">=", s_rgt]}, pluck="name"
		)
	return set(
		frappe.get_all(
			"User Permission", filters={"allow": UNIT_DOCTYPE, "for_value": ["in", units]}, pluck="user"
		)
	)


def is_national(user: str) -> bool:
	return bool(NATIONAL_ROLES.intersection(frappe.get_roles(user)))


def notify(doc, user: str, action: str, state: str) -> None:
	title = doc.get_title() or doc.name
	description = _("{0} {1} đang ở bước {2}: cần {3}.").format(_(doc.doctype), title, state, action)
	frappe.get_doc(
		{
			"doctype": "ToDo",
			"allocated_to": user,
			"reference_type": doc.doctype,
			"reference_name": doc.name,
			"description": description,
			"assigned_by": frappe.session.user,
		}
	).insert(ignore_permissions=True)  # the next actor's task on a record the actor has just changed
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Assignment",
			"document_type": doc.doctype,
			"document_name": doc.name,
			"subject": description,
			"from_user": frappe.session.user,
		}
	).insert(ignore_permissions=True)  # a notice to another user, about a record the sender has changed
