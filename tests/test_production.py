"""scripts/production.py: the supervisor and nginx configuration of production mode (nothing run)."""

import configparser
import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
	"ocop_production", Path(__file__).resolve().parents[1] / "scripts" / "production.py"
)
production = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(production)

BENCH = Path("/srv/bench")


def settings(**env) -> "production.Settings":
	return production.settings_from_env(env, BENCH)


def supervisor(s) -> configparser.ConfigParser:
	parser = configparser.ConfigParser(interpolation=None)
	parser.read_string(production.render_supervisor(s))
	return parser


def test_gunicorn_workers_default_to_twice_the_cores_plus_one():
	assert [production.default_gunicorn_workers(c) for c in (1, 2, 4, 0)] == [3, 5, 9, 3]
	s = settings()
	assert s.workers == production.default_gunicorn_workers(__import__("os").cpu_count() or 1)
	assert settings(OCOP_GUNICORN_WORKERS="7").workers == 7


def test_gunicorn_threads_make_gthread_workers():
	sync = supervisor(settings(OCOP_GUNICORN_WORKERS="2"))["program:web"]["command"]
	assert "-w 2 --max-requests" in sync and "gthread" not in sync
	threaded = supervisor(settings(OCOP_GUNICORN_WORKERS="2", OCOP_GUNICORN_THREADS="4"))["program:web"][
		"command"
	]
	assert "-w 2 --worker-class gthread --threads 4 --max-requests" in threaded
	with pytest.raises(ValueError, match="OCOP_GUNICORN_THREADS"):
		settings(OCOP_GUNICORN_THREADS="-1")


def test_ports_and_workers_come_from_the_environment():
	s = settings(
		OCOP_PORT="8130", OCOP_SOCKETIO_PORT="9130", OCOP_NGINX_PORT="8131", OCOP_BACKGROUND_WORKERS="3"
	)
	assert (s.port, s.socketio_port, s.nginx_port, s.background_workers) == (8130, 9130, 8131, 3)
	d = settings()
	assert (d.port, d.socketio_port, d.nginx_port, d.background_workers, d.site) == (
		8000,
		9000,
		80,
		1,
		"ocop.localhost",
	)
	with pytest.raises(ValueError, match="OCOP_PORT"):
		settings(OCOP_PORT="80a")


def test_supervisor_runs_the_whole_process_set_and_restarts_each():
	s = settings(OCOP_PORT="8130", OCOP_GUNICORN_WORKERS="5", OCOP_BACKGROUND_WORKERS="2")
	conf = supervisor(s)
	programs = {
		name.removeprefix("program:"): conf[name] for name in conf.sections() if name.startswith("program:")
	}
	assert set(programs) == set(production.PROGRAMS)
	assert conf["group:ocop"]["programs"].split(",") == list(production.PROGRAMS)
	for program in programs.values():
		assert program["autorestart"] == "true" and program["killasgroup"] == "true"
	assert "-b 127.0.0.1:8130 -w 5 " in programs["web"]["command"]
	assert programs["worker-short"]["command"].endswith("worker --queue short,default")
	assert programs["worker-long"]["command"].endswith("worker --queue long,default,short")
	assert programs["worker-long"]["numprocs"] == "2"
	assert programs["schedule"]["command"].endswith("frappe schedule")
	assert programs["socketio"]["environment"] == 'FRAPPE_SOCKETIO_PORT="9000"'  # not the bench's config
	assert programs["nginx"]["command"].endswith(f"-c {s.nginx_conf} -g 'daemon off;'")
	# its own socket and pid file in the bench: it runs beside any other supervisord
	assert conf["unix_http_server"]["file"] == str(BENCH / "config/pids/ocop-supervisor.sock")
	assert conf["supervisorctl"]["serverurl"] == "unix://" + str(BENCH / "config/pids/ocop-supervisor.sock")


def test_nginx_serves_assets_and_proxies_the_rest(tmp_path):
	s = production.settings_from_env(
		{"OCOP_PORT": "8130", "OCOP_SOCKETIO_PORT": "9130", "OCOP_NGINX_PORT": "8131"}, tmp_path
	)
	text = production.render_nginx(s)
	assert "listen 8131;" in text
	assert "server 127.0.0.1:8130 " in text and "server 127.0.0.1:9130 " in text
	assert f"root {tmp_path}/sites;" in text
	assert "location /assets {\n\t\t\ttry_files $uri =404;" in text
	# the client's address reaches the app's proxy check (README: X-Forwarded-For)
	assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in text
	assert text.count("{") == text.count("}")


def test_supervisord_starts_at_boot_under_systemd():
	s = settings()
	unit = configparser.ConfigParser(interpolation=None, strict=False)
	unit.optionxform = str  # systemd keys keep their case
	unit.read_string(production.render_boot_unit(s, "frappe"))
	service = unit["Service"]
	# in the foreground on the bench's own configuration: systemd follows it and starts it again
	assert service["ExecStart"].endswith(f"supervisord --nodaemon -c {s.conf}")
	assert service["ExecStop"].endswith(f"supervisorctl -c {s.conf} shutdown")
	assert (service["Type"], service["Restart"], service["User"]) == ("simple", "on-failure", "frappe")
	assert service["WorkingDirectory"] == str(BENCH)
	assert {"mariadb.service", "redis-server.service"} <= set(unit["Unit"]["After"].split())
	assert unit["Install"]["WantedBy"] == "multi-user.target"
	assert s.unit_name == "ocop-bench.service"


def test_without_systemd_a_cron_reboot_line_starts_it():
	s = settings()
	lines = [
		line for line in production.render_boot_cron(s, "frappe").splitlines() if not line.startswith("#")
	]
	assert lines == [f"@reboot frappe cd {BENCH} && {production.supervisord_command()} -c {s.conf}"]


def test_each_bench_gets_its_own_boot_entry_and_a_test_stack_none():
	assert (
		production.settings_from_env({}, Path("/home/a/frappe-bench")).unit_name
		== "ocop-frappe-bench.service"
	)
	assert production.settings_from_env({}, Path("/srv/bench.v15")).unit_name == "ocop-bench-v15.service"
	off = settings(OCOP_BOOT="0")
	assert not off.boot and settings().boot
	assert production.install_boot(off) == "off (OCOP_BOOT=0)"
