// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.query_reports["OCOP Evaluation Pipeline"] = {
	filters: [
		{ fieldname: "administrative_unit", label: __("Administrative Unit"), fieldtype: "Link", options: "OCOP Administrative Unit" },
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear() },
		{ fieldname: "rule_set", label: __("Rule Set"), fieldtype: "Link", options: "OCOP Rule Set" },
		{ fieldname: "product_group", label: __("Product Group"), fieldtype: "Link", options: "OCOP Product Group" },
		{ fieldname: "star", label: __("Star"), fieldtype: "Select", options: ["", "1", "2", "3", "4", "5"] },
	],
};
