"""The record of a long import or export (OCOP Data Job): status, total, processed and failed rows,
the error log and the result file.

The job's own transaction holds the rows it writes until its end (all or nothing, when asked), so the
record is written through a connection of its own and committed at once: another session (the
official's desk, after leaving the page and coming back) reads how far the job got while it runs.
The job's code never writes the record through frappe.db, so the two connections never wait on
each other's row locks.
"""

from contextlib import contextmanager

import frappe
from frappe.utils import now_datetime

DOCTYPE = "OCOP Data Job"
JOB_TYPES = {
	"producers": "Nhập chủ thể",
	"products": "Nhập sản phẩm",
	"recognitions": "Nhập kết quả công nhận",
	"export": "Xuất danh sách sản phẩm OCOP",
}
ERROR_LOG_ROWS = 200  # the first errors on the record; the error file has them all


@contextmanager
def own_connection():
	"""frappe.db is a connection of its own inside the block, committed at its end."""
	from frappe.database import get_db

	conf, main = frappe.local.conf, frappe.local.db
	side = get_db(
		host=conf.db_host,
		port=conf.db_port,
		user=conf.db_name,
		password=conf.db_password,
		cur_db_name=conf.db_name,
	)
	frappe.local.db = side
	try:
		yield side
		side.commit()
	except Exception:
		side.rollback()
		raise
	finally:
		frappe.local.db = main
		side.close()


def start_job(kind: str, total: int, file_name: str | None = None) -> str:
	"""The record of a job about to be queued, owned by the user starting it (committed at once)."""
	with own_connection():
		job = frappe.get_doc(
			{
				"doctype": DOCTYPE,
				"job_type": JOB_TYPES[kind],
				"status": "Đang chờ",
				"total_rows": total,
				"file_name": file_name,
			}
		)
		job.insert(ignore_permissions=True)  # the caller checked the user's right to the job; this is its log
	return job.name


def update_job(job: str | None, **values) -> None:
	"""Store the job's status or counts now (progress derived from processed/total)."""
	if not job:
		return
	with own_connection() as db:
		if "processed_rows" in values:
			total = values.get("total_rows") or db.get_value(DOCTYPE, job, "total_rows") or 0
			values["progress"] = min(100, values["processed_rows"] * 100 / total) if total else 100
		db.set_value(DOCTYPE, job, values)


def job_running(job: str | None) -> None:
	update_job(job, status="Đang chạy", started_at=now_datetime())


def finish_job(
	job: str | None, processed: int, inserted: int, failed: int, errors: list[str], result_file=None
) -> None:
	"""The job's end: the counts, the first errors and the file made (the error file, the export)."""
	log = "\n".join(errors[:ERROR_LOG_ROWS])
	if len(errors) > ERROR_LOG_ROWS:
		log += "\n…"
	update_job(
		job,
		status="Xong, có lỗi" if errors else "Xong",
		processed_rows=processed,
		inserted_rows=inserted,
		failed_rows=failed,
		error_log=log or None,
		result_file=result_file,
		finished_at=now_datetime(),
	)


def fail_job(job: str | None, error: Exception) -> None:
	from frappe.utils import strip_html

	update_job(job, status="Thất bại", error_log=strip_html(str(error)).strip(), finished_at=now_datetime())
