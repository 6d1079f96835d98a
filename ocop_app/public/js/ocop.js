// Shared desk helpers of ocop_app.
frappe.provide("ocop");

// Import an Excel/CSV file in one of the app's templates; the file with an error column comes back.
ocop.import_dialog = function (kind, title) {
	const dialog = new frappe.ui.Dialog({
		title: title || __("Nhập từ Excel"),
		fields: [
			{
				fieldtype: "HTML",
				options: `<p><a href="/api/method/ocop_app.data_exchange.download_template?kind=${kind}">${__("Tải tệp mẫu")}</a></p>`,
			},
			{ fieldname: "file", label: __("Attachment"), fieldtype: "Attach", reqd: 1 },
			{ fieldname: "all_or_nothing", label: __("Chỉ ghi khi mọi dòng đều hợp lệ"), fieldtype: "Check" },
		],
		primary_action_label: __("Nhập"),
		primary_action(values) {
			frappe
				.call({
					method: "ocop_app.data_exchange.import_file",
					args: { kind, file_url: values.file, all_or_nothing: values.all_or_nothing ? 1 : 0 },
					freeze: true,
				})
				.then(({ message: r }) => {
					dialog.hide();
					if (r.queued) {
						// frappe shows the job's progress bar with the count; a notification comes at the end
						frappe.msgprint({
							title: __("Đang nhập ở chế độ nền"),
							message:
								__("Tệp có {0} dòng: đang nhập ở chế độ nền, thanh tiến độ hiện trên màn hình. Bạn có thể rời trang; khi xong, hệ thống gửi thông báo kèm tệp có cột Lỗi.", [r.rows]) +
								`<br><a href="/app/ocop-data-job/${r.job}">${__("Xem tiến độ đã lưu (có thể mở lại bất cứ lúc nào)")}</a>`,
							indicator: "blue",
						});
						return;
					}
					let html = __("Đã ghi {0}/{1} dòng.", [r.inserted, r.rows]);
					if (r.errors.length) {
						html += "<br>" + __("{0} dòng có lỗi", [r.errors.length]) + (r.all_or_nothing ? " — " + __("không ghi dòng nào") : "");
						html += `<br><a href="${r.error_file}">${__("Tải tệp có cột Lỗi")}</a>`;
					}
					if (r.note) html += `<br><span class="text-muted">${r.note}</span>`;
					frappe.msgprint({ title: __("Kết quả nhập"), message: html, indicator: r.errors.length ? "orange" : "green" });
					cur_list && cur_list.refresh();
				});
		},
	});
	dialog.show();
};
