// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.query_reports["OCOP Fund Usage"] = {
	filters: [
		{ fieldname: "fiscal_year", label: __("Fiscal Year"), fieldtype: "Int" },
		{ fieldname: "funding_source", label: __("Funding Source"), fieldtype: "Select", options: ["", "Trung ương", "Tỉnh", "Huyện, xã", "Lồng ghép"] },
	],
};
