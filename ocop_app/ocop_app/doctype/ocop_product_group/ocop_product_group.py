# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt

from frappe.utils.nestedset import NestedSet


class OCOPProductGroup(NestedSet):
	nsm_parent_field = "parent_ocop_product_group"
