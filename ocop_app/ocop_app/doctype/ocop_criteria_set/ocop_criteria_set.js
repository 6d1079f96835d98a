// Copyright (c) 2026, OCOP App contributors
// For license information, please see license.txt

frappe.ui.form.on("OCOP Criteria Set", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Xuất Excel"), () => {
				window.open(
					`/api/method/ocop_app.ocop_app.doctype.ocop_criteria_set.ocop_criteria_set.export_file?name=${encodeURIComponent(frm.doc.name)}&file_format=xlsx`
				);
			});
		}
		frm.add_custom_button(__("Nhập từ tệp Excel/CSV"), () => {
			const dialog = new frappe.ui.Dialog({
				title: __("Nhập phiếu chấm"),
				fields: [
					{ fieldname: "rule_set", label: __("Rule Set"), fieldtype: "Link", options: "OCOP Rule Set", reqd: 1, default: frm.doc.rule_set },
					{ fieldname: "product_group", label: __("Product Group"), fieldtype: "Link", options: "OCOP Product Group", reqd: 1, default: frm.doc.product_group },
					{ fieldname: "title", label: __("Title"), fieldtype: "Data" },
					{ fieldname: "file", label: __("Attachment"), fieldtype: "Attach", reqd: 1 },
				],
				primary_action_label: __("Nhập"),
				primary_action(values) {
					frappe.call({
						method: "ocop_app.ocop_app.doctype.ocop_criteria_set.ocop_criteria_set.import_file",
						args: { file_url: values.file, rule_set: values.rule_set, product_group: values.product_group, title: values.title },
						freeze: true,
					}).then((r) => {
						dialog.hide();
						frappe.set_route("Form", "OCOP Criteria Set", r.message);
					});
				},
			});
			dialog.show();
		});
	},
});
