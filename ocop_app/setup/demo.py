"""Demo data for ocop.localhost: officials of each role scoped to real units, producers, products.

Run by the README's install command: ``bench --site ocop.localhost execute ocop_app.setup.demo.make_demo``.
Idempotent: existing users, producers (by tax id) and products (by name and producer) are kept.
"""

import json
from pathlib import Path

import frappe

from ocop_app.setup.company import ensure_setup_complete

DEMO = Path(__file__).parent / "data" / "demo.json"


def make_demo():
	data = json.loads(DEMO.read_text(encoding="utf-8"))
	ensure_setup_complete()
	for user in data["users"]:
		make_user(user, data["password"])
	for producer in data["producers"]:
		make_producer(producer)
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
				"default_workspace": "OCOP",
				"send_welcome_email": 0,
				"new_password": password,
				"roles": [{"role": spec["role"]}],
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
