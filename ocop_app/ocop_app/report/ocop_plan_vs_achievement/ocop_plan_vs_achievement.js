// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.query_reports["OCOP Plan vs Achievement"] = {
	filters: [
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", reqd: 1, default: new Date().getFullYear() },
		{ fieldname: "administrative_unit", label: __("Administrative Unit"), fieldtype: "Link", options: "OCOP Administrative Unit" },
	],
};
