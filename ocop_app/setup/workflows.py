"""The shipped workflows: created when missing, never overwritten, restorable on request.

Definitions live as data in ocop_app/ocop_app/workflow/*.json. They are not fixtures: migrate
re-imports fixtures over the site's records, and an administrator's edits to a workflow (a new
step, another role) must survive it. ``install_workflows`` runs on install, after every migrate
and in a patch, and only creates what is missing; ``restore_workflow`` puts a shipped definition
back when an administrator asks for it.
"""

import json
from pathlib import Path

import frappe
from frappe import _

FOLDER = Path(__file__).resolve().parents[1] / "ocop_app" / "workflow"
STATE_STYLES = {
	"Nháp": "",
	"Trả lại bổ sung": "Warning",
	"Trả lại": "Warning",
	"Đã tiếp nhận": "Success",
	"Đề nghị cấp trên": "Primary",
	"Trình UBND công nhận": "Info",
	"Không đạt": "Danger",
	"Ban hành": "Success",
	"Chờ kết luận": "Primary",
	"Đã kết luận": "Info",
	"Đã khắc phục": "Success",
	"Đã gửi": "Primary",
	"Hủy": "Inverse",
}


def definitions() -> dict[str, dict]:
	return {
		spec["workflow_name"]: spec
		for spec in (json.loads(p.read_text(encoding="utf-8")) for p in sorted(FOLDER.glob("*.json")))
	}


def install_workflows() -> list[str]:
	"""Create the shipped workflows that the site does not have (by name). Returns those created."""
	created = []
	for name, spec in definitions().items():
		if frappe.db.exists("Workflow", name):
			continue
		make_workflow(spec)
		created.append(name)
	return created


def make_workflow(spec: dict):
	ensure_masters(spec)
	doc = frappe.get_doc(spec)
	doc.insert(ignore_permissions=True)  # by an administrator
	return doc


def ensure_masters(spec: dict) -> None:
	for state in spec["states"]:
		if not frappe.db.exists("Workflow State", state["state"]):
			frappe.get_doc(
				{
					"doctype": "Workflow State",
					"workflow_state_name": state["state"],
					"style": STATE_STYLES.get(state["state"], ""),
				}
			).insert(ignore_permissions=True)  # by an administrator
	for transition in spec["transitions"]:
		if not frappe.db.exists("Workflow Action Master", transition["action"]):
			frappe.get_doc(
				{"doctype": "Workflow Action Master", "workflow_action_name": transition["action"]}
			).insert(ignore_permissions=True)  # by an administrator


@frappe.whitelist(methods=["POST"])
def restore_workflow(workflow: str) -> str:
	"""Desk action: replace a workflow with the definition shipped with ocop_app."""
	frappe.only_for(("System Manager", "OCOP Administrator"))
	spec = definitions().get(workflow)
	if not spec:
		frappe.throw(
			_("{0} không phải là quy trình do ứng dụng OCOP cung cấp.").format(frappe.bold(workflow))
		)
	if frappe.db.exists("Workflow", workflow):
		frappe.delete_doc("Workflow", workflow, ignore_permissions=True)  # by an administrator
	make_workflow(spec)
	frappe.msgprint(
		_("Đã khôi phục quy trình {0} như bản cài đặt.").format(frappe.bold(workflow)), alert=True
	)
	return workflow
