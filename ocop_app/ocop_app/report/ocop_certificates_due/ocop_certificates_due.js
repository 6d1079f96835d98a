// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.query_reports["OCOP Certificates Due"] = {
	filters: [
		{ fieldname: "days", label: __("Days Left"), fieldtype: "Int", default: 90 },
		{ fieldname: "include_expired", label: __("Hết hạn"), fieldtype: "Check", default: 1 },
	],
};
