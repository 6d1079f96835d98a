// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.query_reports["OCOP Overdue Evaluations"] = {
	filters: [
		{
			fieldname: "evaluation_level",
			label: __("Evaluation Level"),
			fieldtype: "Select",
			options: ["", "Commune", "District", "Province", "National"],
		},
	],
};
