// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.query_reports["OCOP Producer Register"] = {
	filters: [
		{
			fieldname: "province",
			label: __("Province"),
			fieldtype: "Link",
			options: "OCOP Administrative Unit",
			get_query: () => ({ filters: { level: "Province" } }),
		},
		{
			fieldname: "administrative_unit",
			label: __("Commune / Ward"),
			fieldtype: "Link",
			options: "OCOP Administrative Unit",
			get_query: () => ({ filters: { level: "Commune" } }),
		},
		{
			fieldname: "legal_form",
			label: __("Legal Form"),
			fieldtype: "Select",
			options: ["", "Doanh nghiệp", "Hợp tác xã", "Tổ hợp tác", "Hộ kinh doanh"],
		},
		{ fieldname: "women_led", label: __("Woman Legal Representative"), fieldtype: "Check" },
		{ fieldname: "ethnic_minority_led", label: __("Ethnic Minority Legal Representative"), fieldtype: "Check" },
		{ fieldname: "product_group", label: __("Product Group"), fieldtype: "Link", options: "OCOP Product Group" },
		{ fieldname: "star", label: __("Best Star Rating"), fieldtype: "Select", options: ["", "3", "4", "5"] },
		{ fieldname: "year", label: __("Year Registered"), fieldtype: "Int" },
	],
};
