frappe.ui.form.on("OCOP Inspection", {
	refresh(frm) {
		if (frm.doc.docstatus === 1 && frm.doc.result === "Đề nghị thu hồi" && !frm.doc.revocation_decision) {
			frm.add_custom_button(__("Lập quyết định thu hồi"), () =>
				frappe.model.open_mapped_doc({
					method: "ocop_app.ocop_app.doctype.ocop_inspection.ocop_inspection.make_revocation_decision",
					frm,
				})
			);
		}
	},
});
