# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt

from frappe.model.document import Document


class OCOPInspectionChecklistItem(Document):
	pass
