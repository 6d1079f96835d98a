"""Roles on a site: a dedicated system administrator, and a desk per OCOP role.

Frappe gives System Manager to a new desk user when no other enabled System Manager exists
(User.add_system_manager_role), so on a fresh site the first official created would get it. The
install creates the system administrator first (System Manager + OCOP Administrator); no official
ever holds System Manager. Each OCOP role has a Module Profile showing only the modules it uses.
"""

import frappe

from ocop_app.security_matrix import OCOP_ROLES, ROLES

SYSTEM_ADMINISTRATOR = "quantri.hethong@ocop.vn"


def ensure_system_administrator() -> str:
	"""The site's own administrator, made before any other user (idempotent)."""
	if not frappe.db.exists("User", SYSTEM_ADMINISTRATOR):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": SYSTEM_ADMINISTRATOR,
				"first_name": "Quản trị hệ thống",
				"language": "vi",
				"send_welcome_email": 0,
				"roles": [{"role": "System Manager"}, {"role": "OCOP Administrator"}],
			}
		)
		user.flags.ignore_password_policy = True
		user.insert(ignore_permissions=True)  # install step, run by Administrator
	return SYSTEM_ADMINISTRATOR


def ensure_module_profiles() -> None:
	"""One Module Profile per OCOP role (named as the role): every module blocked but the role's."""
	modules = frappe.get_all("Module Def", pluck="name")
	for role in OCOP_ROLES:
		blocked = sorted(set(modules) - set(ROLES[role]["modules"]))
		if frappe.db.exists("Module Profile", role):
			profile = frappe.get_doc("Module Profile", role)
			if sorted(r.module for r in profile.block_modules) == blocked:
				continue
			profile.set("block_modules", [])
		else:
			profile = frappe.new_doc("Module Profile")
			profile.module_profile_name = role
		for module in blocked:
			profile.append("block_modules", {"module": module})
		profile.save(ignore_permissions=True)  # install step, run by Administrator
		# frappe copies a profile's modules onto its users when they are saved
		for user in frappe.get_all("User", filters={"module_profile": role}, pluck="name"):
			frappe.get_doc("User", user).save(ignore_permissions=True)
	# officials made before the profiles existed (an older site) get theirs
	for user in frappe.get_all(
		"Has Role",
		filters={"parenttype": "User", "role": ["in", list(OCOP_ROLES)]},
		pluck="parent",
		distinct=True,
	):
		if user not in ("Administrator", "Guest") and not frappe.db.get_value("User", user, "module_profile"):
			doc = frappe.get_doc("User", user)
			if module_profile_for(r.role for r in doc.roles):
				doc.save(ignore_permissions=True)  # before_validate gives it the profile


def module_profile_for(roles) -> str | None:
	"""The Module Profile of a user's OCOP role (the first in OCOP_ROLES order they hold)."""
	held = set(roles)
	if "System Manager" in held:
		return None
	for role in OCOP_ROLES:
		if role in held and frappe.db.exists("Module Profile", role):
			return role
	return None


def assign_module_profile(user, method=None) -> None:
	"""User before_validate: an official without a Module Profile gets their role's."""
	if user.name in ("Administrator", "Guest") or user.module_profile:
		return
	user.module_profile = module_profile_for(r.role for r in user.roles)


def strip_system_manager(email: str) -> None:
	"""An official never holds System Manager (e.g. given it as a site's first user)."""
	if email == SYSTEM_ADMINISTRATOR or not frappe.db.exists(
		"Has Role", {"parent": email, "parenttype": "User", "role": "System Manager"}
	):
		return
	user = frappe.get_doc("User", email)
	user.remove_roles("System Manager")


# the OCOP roles that never go with System Manager (an OCOP Administrator may be the site's IT admin)
OFFICIAL_ROLES = frozenset(OCOP_ROLES) - {"OCOP Administrator"}


def keep_officials_out_of_system_manager(user, method=None) -> None:
	"""User validate (after frappe's own, which may add System Manager to a site's first desk user):
	an official holding an OCOP role never holds System Manager, however the user was made."""
	if user.name in ("Administrator", "Guest", SYSTEM_ADMINISTRATOR):
		return
	roles = {r.role for r in user.roles}
	if "System Manager" in roles and roles & OFFICIAL_ROLES:
		user.set("roles", [r for r in user.roles if r.role != "System Manager"])


def strip_system_manager_from_officials() -> None:
	"""Officials given System Manager before this rule existed (e.g. a site's first user) lose it."""
	for email in frappe.get_all(
		"Has Role",
		filters={"parenttype": "User", "role": "System Manager"},
		pluck="parent",
		distinct=True,
	):
		if email not in ("Administrator", SYSTEM_ADMINISTRATOR) and OFFICIAL_ROLES & set(
			frappe.get_roles(email)
		):
			strip_system_manager(email)
