# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A province's support policy: amounts per support content and star, caps, from a date."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate


class SupportPolicyError(frappe.ValidationError):
	pass


class OCOPSupportPolicy(Document):
	def validate(self):
		if self.effective_to and getdate(self.effective_to) < getdate(self.effective_from):
			frappe.throw(_("Ngày hết hiệu lực không được trước ngày có hiệu lực."), SupportPolicyError)
		seen = set()
		for row in self.rows:
			key = (row.support_type, row.star or 0)
			if key in seen:
				frappe.throw(
					_("Dòng {0}: {1} cho {2} sao đã có ở dòng trước.").format(
						row.idx, row.support_type, row.star or 0
					),
					SupportPolicyError,
				)
			seen.add(key)


def get_policy_for(province: str | None, day) -> str | None:
	"""The policy of ``province`` in force on ``day`` (the latest to take effect)."""
	if not province:
		return None
	day = getdate(day)
	rows = frappe.get_all(
		"OCOP Support Policy",
		filters={"province": province, "effective_from": ["<=", day]},
		fields=["name", "effective_to"],
		order_by="effective_from desc",
	)
	return next((r.name for r in rows if not r.effective_to or getdate(r.effective_to) >= day), None)
