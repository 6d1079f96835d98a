// A background import/export: the stored counts as a bar, reloaded while the job runs.
frappe.ui.form.on("OCOP Data Job", {
	refresh(frm) {
		const running = ["Đang chờ", "Đang chạy"].includes(frm.doc.status);
		frm.dashboard.show_progress(
			__("Tiến độ"),
			frm.doc.progress || 0,
			__("Đã xử lý {0}/{1} dòng; {2} dòng lỗi", [frm.doc.processed_rows || 0, frm.doc.total_rows || 0, frm.doc.failed_rows || 0])
		);
		if (running) {
			clearTimeout(frm.ocop_reload);
			frm.ocop_reload = setTimeout(() => frm.doc.name === cur_frm?.doc?.name && frm.reload_doc(), 3000);
		}
	},
});
