frappe.ui.form.on("OCOP Periodic Report", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.docstatus === 0 && ["Dự thảo", "Trả lại"].includes(frm.doc.workflow_state || "Dự thảo")) {
			frm.add_custom_button(__("Cập nhật số liệu"), () => frm.call("refresh_figures").then(() => frm.reload_doc()));
		}
		frm.add_custom_button(__("Xuất Excel"), () =>
			window.open(
				"/api/method/ocop_app.ocop_app.doctype.ocop_periodic_report.ocop_periodic_report.export_xlsx?name=" +
					encodeURIComponent(frm.doc.name)
			)
		);
	},
});
