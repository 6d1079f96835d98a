"""Install and migrate steps: small, idempotent, each guarded so that it can run again.

They run as Administrator from bench (install, migrate, before_tests), never for an official:
their inserts use ignore_permissions for that reason alone."""

import csv
import json
import time
from pathlib import Path

import frappe
from frappe.utils import now_datetime
from frappe.utils.fixtures import sync_fixtures

from ocop_app.accounting.supplier import ensure_supplier_group
from ocop_app.setup.roles import (
	ensure_module_profiles,
	ensure_system_administrator,
	strip_system_manager_from_officials,
)
from ocop_app.setup.vn_conventions import apply_vn_conventions
from ocop_app.setup.workflows import install_workflows

DATA = Path(__file__).parent / "data"
UNIT_DOCTYPE = "OCOP Administrative Unit"


def before_install():
	# the DocTypes' permissions name the app's roles: they come first
	import_fixture("role")


def after_install():
	# frappe syncs the fixtures after this hook; the steps below (workflows, demo) need them now
	sync_fixtures("ocop_app")
	install_steps()


def after_migrate():
	"""Every step is idempotent and creates only what is missing, so all of them run again."""
	install_steps()


def install_steps():
	# before any other user: else frappe makes the first official created a System Manager
	ensure_system_administrator()
	ensure_supplier_group()
	seed_banks()
	seed_product_groups()
	seed_dossier_item_types()
	seed_support_types()
	seed_administrative_units()
	seed_rule_sets()
	seed_criteria_sets()
	seed_inspection_checklists()
	install_workflows()
	grant_administrator_permissions()
	ensure_accounting_dimensions()
	ensure_module_profiles()
	strip_system_manager_from_officials()
	apply_vn_conventions()


def ensure_accounting_dimensions():
	from ocop_app.accounting.claims import ensure_dimensions

	ensure_dimensions()


def before_tests():
	"""The test site has the app's own data (seeded on install); make sure it is all there."""
	from ocop_app.accounting.claims import ensure_company_for_tests
	from ocop_app.accounting.companies import setup_province_companies
	from ocop_app.setup.company import ensure_setup_complete

	frappe.clear_cache()
	ensure_setup_complete()
	install_steps()
	ensure_company_for_tests()
	setup_province_companies(["33", "01"])  # Hưng Yên and Hà Nội keep their own books
	frappe.db.commit()  # nosemgrep: tests run in their own transactions afterwards


# what an OCOP administrator reshapes in the desk, without code
ADMINISTRATOR_DOCTYPES = (
	"Workflow",
	"Workflow State",
	"Workflow Action Master",
	"User Permission",
	"Notification",
)


# what the coordination office's accountants read to book and pay claims in ERPNext
FINANCE_READ_DOCTYPES = (
	"Account", "Supplier", "Bank Account", "Bank", "Company", "Mode of Payment", "Cost Center",
	"Journal Entry", "Payment Entry", "GL Entry", "Fiscal Year",
)  # fmt: skip


def grant_administrator_permissions():
	from frappe.permissions import add_permission, update_permission_property

	for doctype in ADMINISTRATOR_DOCTYPES:
		if frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": "OCOP Administrator"}):
			continue
		add_permission(doctype, "OCOP Administrator", 0)
		for ptype in ("write", "create", "delete"):
			update_permission_property(doctype, "OCOP Administrator", 0, ptype, 1)
	for doctype in FINANCE_READ_DOCTYPES:
		if frappe.db.exists("DocType", doctype) and not frappe.db.exists(
			"Custom DocPerm", {"parent": doctype, "role": "OCOP Finance Officer"}
		):
			add_permission(doctype, "OCOP Finance Officer", 0)


def import_fixture(name: str) -> None:
	"""One of the app's fixture files (ocop_app/fixtures), imported as frappe's fixture sync does."""
	from frappe.core.doctype.data_import.data_import import import_doc

	import_doc(frappe.get_app_path("ocop_app", "fixtures", f"{name}.json"))


def seed_banks():
	with open(DATA / "banks.csv", encoding="utf-8") as f:
		for row in csv.DictReader(f):
			if frappe.db.exists("Bank", row["bank_name"]):
				continue
			frappe.get_doc(
				{
					"doctype": "Bank",
					"bank_name": row["bank_name"],
					"swift_number": row["swift"] or None,
					"ocop_vietqr_bin": row["vietqr_bin"],
					"ocop_full_name": row["full_name"],
				}
			).insert(ignore_permissions=True)


def seed_product_groups():
	data = json.loads((DATA / "product_groups.json").read_text(encoding="utf-8"))
	for group in data["groups"]:
		_insert_product_group(group["name"], group["code"], None, 1, data["legal_basis"])
		for i, name in enumerate(group["sets"], start=1):
			_insert_product_group(name, f"{group['code']}.{i}", group["name"], 0, data["legal_basis"])


def _insert_product_group(name, code, parent, is_group, legal_basis):
	if frappe.db.exists("OCOP Product Group", name):
		return
	frappe.get_doc(
		{
			"doctype": "OCOP Product Group",
			"group_name": name,
			"group_code": code,
			"parent_ocop_product_group": parent,
			"is_group": is_group,
			"legal_basis": legal_basis,
		}
	).insert(ignore_permissions=True)


def seed_support_types():
	for item in json.loads((DATA / "support_types.json").read_text(encoding="utf-8")):
		if not frappe.db.exists("OCOP Support Type", item["support_name"]):
			frappe.get_doc({"doctype": "OCOP Support Type", **item}).insert(ignore_permissions=True)


def seed_inspection_checklists():
	"""The post-recognition checklist, inserted only when missing: an administrator's edits stay."""
	for item in json.loads((DATA / "inspection_checklists.json").read_text(encoding="utf-8")):
		if not frappe.db.exists("OCOP Inspection Checklist", item["checklist_name"]):
			frappe.get_doc({"doctype": "OCOP Inspection Checklist", **item}).insert(ignore_permissions=True)


def seed_dossier_item_types():
	for item in json.loads((DATA / "dossier_item_types.json").read_text(encoding="utf-8")):
		if not frappe.db.exists("OCOP Dossier Item Type", item["item_name"]):
			frappe.get_doc({"doctype": "OCOP Dossier Item Type", **item}).insert(ignore_permissions=True)


UNIT_FIELDS = (
	"unit_name",
	"unit_code",
	"unit_type",
	"level",
	"parent_ocop_administrative_unit",
	"is_group",
	"is_legacy",
	"valid_from",
	"valid_to",
	"successor_unit",
	"full_name",
	"lft",
	"rgt",
)


def seed_administrative_units() -> dict:
	"""Both maps (2025 and pre-2025) in bulk; only the units missing from the site are written."""
	from ocop_app.permissions import SCOPE_CACHE
	from ocop_app.setup.admin_unit_data import build_unit_rows

	started = time.monotonic()
	rows, stats = build_unit_rows()
	existing = set(frappe.get_all(UNIT_DOCTYPE, pluck="name"))
	missing = [r for r in rows if r["name"] not in existing]
	if not missing:
		return {"inserted": 0, **stats}

	now, user = now_datetime(), frappe.session.user or "Administrator"
	fields = ["name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", *UNIT_FIELDS]
	values = [[r["name"], now, now, user, user, 0, 0, *(r.get(f) for f in UNIT_FIELDS)] for r in missing]
	frappe.db.bulk_insert(UNIT_DOCTYPE, fields, values, ignore_duplicates=True, chunk_size=5000)
	if existing:
		# units an administrator added sit among the seeded ones: renumber the whole tree
		from frappe.utils.nestedset import rebuild_tree

		rebuild_tree(UNIT_DOCTYPE)
	frappe.cache.delete_value("user_permissions")
	frappe.cache.delete_value(SCOPE_CACHE)  # the officials' scopes, legacy units merged in
	result = {"inserted": len(missing), "seconds": round(time.monotonic() - started, 1), **stats}
	print(f"OCOP administrative units: {result}")
	return result


DEFAULT_STAR_BANDS = (
	{"star": 5, "min_score": 90, "max_score": 100},
	{"star": 4, "min_score": 70, "max_score": 89.99},
	{"star": 3, "min_score": 50, "max_score": 69.99},
	{"star": 2, "min_score": 30, "max_score": 49.99},
	{"star": 1, "min_score": 0, "max_score": 29.99},
)


def seed_rule_sets():
	"""The rule sets of the domain notes, inserted only when missing: an administrator's edits stay."""
	rule_sets = json.loads((DATA / "rule_sets.json").read_text(encoding="utf-8"))
	pending = [r for r in rule_sets if not frappe.db.exists("OCOP Rule Set", r["rule_set_code"])]
	# a rule set may name another's criteria: insert those it depends on first
	pending.sort(key=lambda r: bool(r.get("criteria_rule_set")))
	for spec in pending:
		doc = frappe.get_doc({"doctype": "OCOP Rule Set", "star_bands": list(DEFAULT_STAR_BANDS), **spec})
		doc.insert(ignore_permissions=True)


def seed_criteria_sets():
	"""The real scoring sheets (shared/data/criteria), through the importer officials use."""
	from ocop_app.ocop_app.doctype.ocop_criteria_set.ocop_criteria_set import import_criteria_set, read_rows

	folder = DATA / "criteria"
	manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
	for filename, spec in manifest.items():
		if filename.startswith("_"):
			continue
		if not frappe.db.exists("OCOP Rule Set", spec["rule_set"]) or not frappe.db.exists(
			"OCOP Product Group", spec["product_group"]
		):
			continue
		if frappe.db.exists(
			"OCOP Criteria Set", {"rule_set": spec["rule_set"], "product_group": spec["product_group"]}
		):
			continue
		path = folder / filename
		import_criteria_set(
			read_rows(path.read_bytes(), filename),
			spec["rule_set"],
			spec["product_group"],
			source=manifest["_source"],
			knockouts=manifest["_knockouts"][spec["knockouts"]],
		)
