# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate
from frappe.utils.nestedset import NestedSet

from ocop_app.rules import admin_units
from ocop_app.units import refresh_record_provinces


class UnitHierarchyError(frappe.ValidationError):
	pass


class UnitValidityError(frappe.ValidationError):
	pass


class SuccessorUnitError(frappe.ValidationError):
	pass


class OCOPAdministrativeUnit(NestedSet):
	nsm_parent_field = "parent_ocop_administrative_unit"

	def autoname(self):
		self.set_level()
		parent_key = self.parent_ocop_administrative_unit if self.level != admin_units.PROVINCE else None
		self.name = admin_units.make_unit_key(bool(self.is_legacy), self.level, self.unit_code, parent_key)

	def validate(self):
		self.set_level()
		self.set_is_group()
		self.set_full_name()
		self.validate_parent()
		self.validate_validity()
		self.validate_successor()

	def set_level(self):
		"""The level follows from the unit type (Xã, Phường… are communes)."""
		self.level = admin_units.level_of_type(self.unit_type)

	def set_is_group(self):
		self.is_group = 0 if self.level == admin_units.COMMUNE else 1

	def set_full_name(self):
		parent_full = (
			frappe.db.get_value(self.doctype, self.parent_ocop_administrative_unit, "full_name")
			if self.parent_ocop_administrative_unit
			else None
		)
		self.full_name = f"{self.unit_name}, {parent_full}" if parent_full else self.unit_name

	def validate_parent(self):
		parent = self.parent_ocop_administrative_unit
		parent_level, parent_legacy = (
			frappe.db.get_value(self.doctype, parent, ["level", "is_legacy"]) if parent else (None, None)
		)
		error = admin_units.parent_level_error(bool(self.is_legacy), self.level, parent_level)
		if error == "no_districts_after_reform":
			frappe.throw(
				_(
					"Từ ngày 01/07/2025 không còn cấp huyện: đơn vị cấp huyện phải được đánh dấu là đơn vị cũ."
				),
				UnitHierarchyError,
				title=_("Sai cấp đơn vị hành chính"),
			)
		if error:
			expected = admin_units.PARENT_LEVEL[(bool(self.is_legacy), self.level)]
			msg = (
				_("Đơn vị cấp tỉnh không có đơn vị cấp trên.")
				if expected is None
				else _("Đơn vị cấp trên của {0} phải là đơn vị cấp {1}.").format(
					frappe.bold(self.unit_name), frappe.bold(_(expected))
				)
			)
			frappe.throw(msg, UnitHierarchyError, title=_("Sai cấp đơn vị hành chính"))
		if parent and bool(parent_legacy) != bool(self.is_legacy):
			frappe.throw(
				_("Đơn vị cũ và đơn vị hiện hành không được lồng vào nhau."),
				UnitHierarchyError,
				title=_("Sai cấp đơn vị hành chính"),
			)

	def validate_validity(self):
		if self.valid_from and self.valid_to and getdate(self.valid_to) < getdate(self.valid_from):
			frappe.throw(
				_("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực."),
				UnitValidityError,
				title=_("Sai thời hạn hiệu lực"),
			)
		if self.is_legacy and not self.valid_to:
			frappe.throw(
				_("Đơn vị cũ phải có ngày hết hiệu lực."), UnitValidityError, title=_("Sai thời hạn hiệu lực")
			)

	def validate_successor(self):
		if not self.successor_unit:
			return
		if self.successor_unit == self.name or frappe.db.get_value(
			self.doctype, self.successor_unit, "is_legacy"
		):
			frappe.throw(
				_("Đơn vị kế thừa phải là một đơn vị hiện hành khác."),
				SuccessorUnitError,
				title=_("Sai đơn vị kế thừa"),
			)

	def on_update(self):
		super().on_update()  # the tree's lft/rgt first: the province is read off them
		if self.has_value_changed("parent_ocop_administrative_unit"):
			refresh_record_provinces(self.name)  # moved under another province: its records follow
		self.clear_scope_cache()

	def on_trash(self):
		super().on_trash()
		self.clear_scope_cache()

	def after_rename(self, olddn, newdn, merge=False):
		super().after_rename(olddn, newdn, merge)
		if merge:
			refresh_record_provinces(newdn)  # the merged unit's records now sit in newdn's province
		self.clear_scope_cache()

	def clear_scope_cache(self):
		from ocop_app.permissions import clear_scope_cache

		frappe.cache.delete_value("user_permissions")
		clear_scope_cache()  # the officials' scopes, with the legacy units merged into their units


@frappe.whitelist()
def get_children(doctype: str, parent: str | None = None, is_root: bool = False, **filters):
	"""Tree view children, today's units first, then the legacy ones."""
	parent_field = "parent_ocop_administrative_unit"
	if is_root or not parent or parent == _("All OCOP Administrative Units"):
		parent = ""
	return frappe.get_list(
		"OCOP Administrative Unit",
		fields=["name as value", "full_name as title", "is_group as expandable", "is_legacy"],
		filters={parent_field: parent},
		order_by="is_legacy asc, unit_name asc",
	)
