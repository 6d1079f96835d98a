# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""A long import or export run in the background (ocop_app.data_jobs): its status and counts, so an
official who left the page sees how far it got. Read only; its owner's, or any for a national role."""

from frappe.model.document import Document


class OCOPDataJob(Document):
	pass
