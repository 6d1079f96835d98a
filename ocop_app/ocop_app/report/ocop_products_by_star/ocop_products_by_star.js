// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.query_reports["OCOP Products by Star"] = {
	filters: [
		{ fieldname: "administrative_unit", label: __("Administrative Unit"), fieldtype: "Link", options: "OCOP Administrative Unit" },
		{ fieldname: "product_group", label: __("Product Group"), fieldtype: "Link", options: "OCOP Product Group" },
		{ fieldname: "rule_set", label: __("Rule Set"), fieldtype: "Link", options: "OCOP Rule Set" },
		{ fieldname: "star", label: __("Star"), fieldtype: "Select", options: ["", "3", "4", "5"] },
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
		{ fieldname: "as_on", label: __("Valid To"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
};
