# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The daily backup of production mode: what ``bench backup --with-files`` makes (database, public
and private files, site config), run by frappe's scheduler on the daily_long queue of a site whose
config has ``ocop_daily_backup`` (scripts/start --production sets it). Frappe keeps the backups of
the last ``keep_backups_for_hours`` hours (site config; frappe's default 24 h) in
sites/<site>/private/backups: copy them off the machine (docs/trien-khai.md)."""

import frappe


def daily_backup() -> None:
	if not frappe.conf.get("ocop_daily_backup"):
		return
	from frappe.utils.backups import new_backup

	backup = new_backup(ignore_files=False, force=True)
	frappe.logger("ocop_backup").info(
		{
			"database": backup.backup_path_db,
			"files": backup.backup_path_files,
			"private": backup.backup_path_private_files,
		}
	)
