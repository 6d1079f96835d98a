"""Demo data for ocop.localhost: officials of each role scoped to real units, producers, products.

Run by the README's install command: ``bench --site ocop.localhost execute ocop_app.setup.demo.make_demo``.
Idempotent: existing users, producers (by tax id) and products (by name and producer) are kept.
Run as Administrator from bench, never for an official: its inserts use ignore_permissions for that
reason alone.
"""

import json
from pathlib import Path

import frappe

from ocop_app.rules.scoring import choose_for_target
from ocop_app.setup.company import ensure_setup_complete
from ocop_app.setup.roles import (
	SYSTEM_ADMINISTRATOR,
	ensure_module_profiles,
	ensure_system_administrator,
	module_profile_for,
	strip_system_manager,
)
from ocop_app.workflow_guard import apply_action

DEMO = Path(__file__).parent / "data" / "demo.json"
ROLE_WORKSPACES = {
	"OCOP Commune Officer": "OCOP Xã",
	"OCOP District Officer": "OCOP Tỉnh",
	"OCOP Province Officer": "OCOP Tỉnh",
	"OCOP Approver": "OCOP Tỉnh",
	"OCOP Ministry Officer": "OCOP Tỉnh",
	"OCOP Council Member": "OCOP Hội đồng",
	"OCOP Finance Officer": "OCOP Tài chính",
}


def make_demo():
	data = json.loads(DEMO.read_text(encoding="utf-8"))
	ensure_setup_complete()
	# the site's administrator exists before any official (who would otherwise get System Manager)
	ensure_system_administrator()
	ensure_module_profiles()
	set_password(SYSTEM_ADMINISTRATOR, data["password"])
	for user in data["users"]:
		make_user(user, data["password"])
	for producer in data["producers"]:
		make_producer(producer)
	for plan in data.get("annual_plans", []):
		if not frappe.db.exists(
			"OCOP Annual Plan", {"year": plan["year"], "administrative_unit": plan["administrative_unit"]}
		):
			frappe.get_doc({"doctype": "OCOP Annual Plan", **plan}).insert(ignore_permissions=True)
	for policy in data.get("support_policies", []):
		if not frappe.db.exists("OCOP Support Policy", policy["policy_name"]):
			frappe.get_doc({"doctype": "OCOP Support Policy", **policy}).insert(ignore_permissions=True)
	for fund in data.get("funds", []):
		if not frappe.db.exists(
			"OCOP Fund", {"fund_name": fund["fund_name"], "fiscal_year": fund["fiscal_year"]}
		):
			frappe.get_doc({"doctype": "OCOP Fund", **fund}).insert(ignore_permissions=True)
	for cycle in data.get("cycles", []):
		if not frappe.db.exists(
			"OCOP Cycle", {"year": cycle["year"], "administrative_unit": cycle["administrative_unit"]}
		):
			frappe.get_doc({"doctype": "OCOP Cycle", **cycle}).insert(ignore_permissions=True)
	for council in data.get("councils", []):
		make_council(council)
	for recognition in data.get("recognitions", []):
		make_recognition(recognition)
	for spec in data.get("portal_users", []):  # producers' website users (the producer portal)
		from ocop_app.factories import make_producer_user

		producer = frappe.db.get_value("OCOP Producer", {"tax_id": spec["producer_tax_id"]})
		make_producer_user(producer, spec["email"], data["password"], full_name=spec["full_name"])
	frappe.db.commit()
	print(f"OCOP demo: {len(data['users'])} users, {len(data['producers'])} producers")


def make_user(spec: dict, password: str) -> str:
	if not frappe.db.exists("User", spec["email"]):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": spec["email"],
				"first_name": spec["first_name"],
				"language": "vi",
				"default_workspace": ROLE_WORKSPACES.get(spec["role"], "OCOP"),
				"send_welcome_email": 0,
				"new_password": password,
				"roles": [{"role": spec["role"]}],
				"module_profile": module_profile_for([spec["role"]]),
			}
		)
		user.flags.ignore_password_policy = True
		user.insert(ignore_permissions=True)
	elif frappe.db.get_value("User", spec["email"], "first_name") != spec["first_name"]:
		frappe.db.set_value(
			"User",
			spec["email"],
			{"first_name": spec["first_name"], "last_name": None, "full_name": spec["first_name"]},
		)
	# an older demo site made its first official a System Manager; and each official gets their desk
	strip_system_manager(spec["email"])
	profile = module_profile_for([spec["role"]])
	if frappe.db.get_value("User", spec["email"], "module_profile") != profile:
		user = frappe.get_doc("User", spec["email"])
		user.module_profile = profile
		user.save(ignore_permissions=True)  # demo data, run by Administrator
	if spec.get("unit") and not frappe.db.exists(
		"User Permission",
		{"user": spec["email"], "allow": "OCOP Administrative Unit", "for_value": spec["unit"]},
	):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": spec["email"],
				"allow": "OCOP Administrative Unit",
				"for_value": spec["unit"],
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)
	return spec["email"]


def set_password(email: str, password: str) -> None:
	from frappe.utils.password import update_password

	update_password(email, password)


def make_producer(spec: dict) -> str:
	spec = dict(spec)
	products = spec.pop("products", [])
	bank = spec.pop("bank", None)
	name = frappe.db.get_value("OCOP Producer", {"tax_id": spec["tax_id"]})
	if not name:
		doc = frappe.get_doc({"doctype": "OCOP Producer", **spec, "bank_accounts": [bank] if bank else []})
		doc.insert(ignore_permissions=True)
		name = doc.name
	for product in products:
		if not frappe.db.exists("OCOP Product", {"producer": name, "product_name": product["product_name"]}):
			frappe.get_doc({"doctype": "OCOP Product", "producer": name, **product}).insert(
				ignore_permissions=True
			)
	return name


def make_council(spec: dict) -> str:
	name = frappe.db.get_value("OCOP Council", {"council_name": spec["council_name"]})
	if not name:
		name = frappe.get_doc({"doctype": "OCOP Council", **spec}).insert(ignore_permissions=True).name
	return name


def make_recognition(spec: dict) -> None:
	"""A product evaluated by the demo council (the members' sheets), recognised, certified."""
	product = frappe.db.get_value("OCOP Product", {"product_name": spec["product_name"]})
	if not product or frappe.db.exists("OCOP Recognition Decision", {"decision_no": spec["decision_no"]}):
		return
	council = frappe.db.get_value(
		"OCOP Council", {"level": spec["level"], "administrative_unit": spec["issuing_unit"]}
	)
	evaluation = frappe.get_doc(
		{
			"doctype": "OCOP Evaluation",
			"product": product,
			"evaluation_level": spec["level"],
			"evaluation_date": spec["evaluation_date"],
			"council": council,
			"field_inspection_minutes": "/files/bien-ban-kiem-tra-thuc-te.pdf",
			"field_inspection_date": spec["evaluation_date"],
		}
	).insert(ignore_permissions=True)
	members = [m.user for m in frappe.get_doc("OCOP Council", council).members]
	for member, target in zip(members, spec["targets"], strict=False):
		sheet = frappe.get_doc(
			{"doctype": "OCOP Score Sheet", "evaluation": evaluation.name, "council_member": member}
		)
		sheet.criteria_set = evaluation.criteria_set
		sheet.set_rows()
		choose_options(sheet, target)
		sheet.insert(ignore_permissions=True)
		sheet.submit()
	conclude(evaluation)
	decision = frappe.get_doc(
		{
			"doctype": "OCOP Recognition Decision",
			"decision_no": spec["decision_no"],
			"decision_date": spec["decision_date"],
			"level": spec["level"],
			"issuing_unit": spec["issuing_unit"],
			"signer": spec["signer"],
			"items": [{"evaluation": evaluation.name}],
		}
	).insert(ignore_permissions=True)
	issue_decision(decision)


# the shipped workflows' actions (ocop_app/ocop_app/workflow), as an official would take them
RESULT_ACTIONS = {
	"Đạt": "Trình UBND công nhận",
	"Không đạt": "Kết luận không đạt",
	"Đề nghị cấp trên": "Đề nghị cấp trên",
}


def conclude(evaluation):
	"""Take a scored evaluation through its workflow to the conclusion its result calls for."""
	evaluation.reload()
	if evaluation.workflow_state == "Tiếp nhận hồ sơ" and evaluation.council:
		evaluation = apply_action(evaluation, "Chuyển hội đồng chấm")
	return apply_action(evaluation, RESULT_ACTIONS.get(evaluation.result, evaluation.result or "—"))


def issue_decision(decision):
	apply_action(decision, "Trình ký")
	return apply_action(decision, "Ban hành")


def choose_options(sheet, target: float) -> None:
	"""Fill a sheet's unanswered rows with options adding up to about ``target``."""
	options: dict[str, list] = {}
	for o in frappe.get_cached_doc("OCOP Criteria Set", sheet.criteria_set).options:
		options.setdefault(o.criterion_code, []).append((o.option_no, o.points, o.min_star))
	chosen = choose_for_target(options, target)
	for row in sheet.scores:
		if not row.prefilled:
			row.option_no = chosen[row.criterion_code]
