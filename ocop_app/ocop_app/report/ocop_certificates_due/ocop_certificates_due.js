// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.query_reports["OCOP Certificates Due"] = {
	filters: [
		{ fieldname: "show", label: __("Status"), fieldtype: "Select", options: ["Sắp hết hạn", "Đã hết hạn", "Đã thu hồi"], default: "Sắp hết hạn" },
		{ fieldname: "days", label: __("Days Left"), fieldtype: "Int", default: 90, depends_on: "eval:doc.show=='Sắp hết hạn'" },
		{ fieldname: "include_expired", label: __("Hết hạn"), fieldtype: "Check", default: 1, depends_on: "eval:doc.show=='Sắp hết hạn'" },
		{ fieldname: "administrative_unit", label: __("Administrative Unit"), fieldtype: "Link", options: "OCOP Administrative Unit" },
		{ fieldname: "star", label: __("Star"), fieldtype: "Select", options: ["", "3", "4", "5"] },
		{ fieldname: "product_group", label: __("Product Group"), fieldtype: "Link", options: "OCOP Product Group" },
		{ fieldname: "rule_set", label: __("Rule Set"), fieldtype: "Link", options: "OCOP Rule Set" },
		{ fieldname: "year", label: __("Year Recognised"), fieldtype: "Int" },
	],
};
