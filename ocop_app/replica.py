# Copyright (c) 2026, OCOP App contributors
# For license information, please see license.txt
"""The read replica, used only while it answers.

With ``read_from_replica`` in the site config (``scripts/replica start`` sets it and
``replica_host`` / ``replica_db_port``), frappe's read-only path — ``@frappe.read_only()`` on
``frappe.desk.query_report.run`` (every report, national ones included), list reads, exports, and
here the national Excel export and the public certificate check — reads from the replica; writes
always go to the primary (the replica's site user may only SELECT, and the server is read-only).

When the replica does not answer, frappe would fail the read with a database error. Instead each
request and background job first makes sure the replica answers (a real connection, at most every
``ocop_replica_check_seconds``, 5 s unless set, per worker process); when it does not, that request
reads from the primary (``read_from_replica`` is turned off for the request only) and a warning is
logged. Reports stay available, only the load moves back to the primary. A replica that answers
but lags is still read: its data is as old as its lag (``scripts/replica status``).
"""

import time

import frappe

DEFAULT_CHECK_SECONDS = 5.0
CONNECT_TIMEOUT_SECONDS = 1

# (host, port) -> (time.monotonic() of the check, whether the replica answered), per worker process
_last_check: dict[tuple, tuple[float, bool]] = {}


def before_request() -> None:
	read_primary_if_replica_down()


def before_job(method=None, kwargs=None, transaction_type=None) -> None:
	read_primary_if_replica_down()


def read_primary_if_replica_down() -> None:
	conf = frappe.local.conf
	if not conf.get("read_from_replica"):
		return
	if not replica_answers(conf):
		# this request only (frappe.local.conf is read again for the next one): frappe.read_only()
		# then keeps the primary connection
		conf.read_from_replica = False


def replica_answers(conf) -> bool:
	where = (conf.get("replica_host"), conf.get("replica_db_port"))
	every = float(conf.get("ocop_replica_check_seconds", DEFAULT_CHECK_SECONDS))
	seen = _last_check.get(where)
	if seen and time.monotonic() - seen[0] < every:
		return seen[1]
	up = can_connect(conf)
	_last_check[where] = (time.monotonic(), up)
	if not up:
		frappe.logger("ocop_replica").warning(
			f"read replica {where[0]}:{where[1]} does not answer: reading from the primary"
		)
	return up


def can_connect(conf) -> bool:
	import pymysql

	user, password = conf.db_name, conf.db_password
	if conf.get("different_credentials_for_replica"):
		user, password = conf.replica_db_name, conf.replica_db_password
	try:
		connection = pymysql.connect(
			host=conf.get("replica_host") or "127.0.0.1",
			port=int(conf.get("replica_db_port") or 3306),
			user=user,
			password=password,
			database=conf.db_name,
			connect_timeout=CONNECT_TIMEOUT_SECONDS,
		)
	except pymysql.MySQLError:
		return False
	connection.close()
	return True
