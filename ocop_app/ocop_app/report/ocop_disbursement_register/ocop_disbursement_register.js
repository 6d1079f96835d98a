// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.query_reports["OCOP Disbursement Register"] = {
	filters: [
		{ fieldname: "fund", label: __("Fund"), fieldtype: "Link", options: "OCOP Fund" },
		{ fieldname: "support_type", label: __("Support Content"), fieldtype: "Link", options: "OCOP Support Type" },
		{ fieldname: "fiscal_year", label: __("Fiscal Year"), fieldtype: "Int" },
		{ fieldname: "administrative_unit", label: __("Administrative Unit"), fieldtype: "Link", options: "OCOP Administrative Unit" },
		{ fieldname: "status", label: __("Status"), fieldtype: "Select", options: ["", "Đã duyệt", "Đã chi một phần", "Đã chi", "Đã hủy"] },
	],
};
