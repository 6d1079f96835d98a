#!/usr/bin/env python3
"""Production mode of scripts/start: Frappe's production process set, kept up by supervisor.

  scripts/start --production     bootstrap + site as scripts/start, then this: write the configs,
                                 start (or reload) supervisord, wait until nginx answers
  python3 scripts/production.py stop | status | check

Standard library only. ``render_*`` are pure (tested in tests/test_production.py); ``main`` writes
them to the bench's config/ and runs supervisord. Written from templates, not by ``bench setup
supervisor``/``bench setup nginx``: those need the bench CLI (absent when the bench was copied) and
write into /etc, where a second bench on the same machine (the development one) would collide.

Under supervisord (the Debian package; no systemd in a container, so supervisord runs on its own
configuration file, ``config/ocop-supervisord.conf``):
  web            gunicorn, OCOP_GUNICORN_WORKERS workers (default 2 x cores + 1), 127.0.0.1:OCOP_PORT;
                 OCOP_GUNICORN_THREADS=N (default 0: synchronous workers) runs gthread workers of N
                 threads each, as Frappe Cloud's benches can (frappe is thread-safe since v15)
  worker-short   ``frappe worker --queue short,default``  (OCOP_BACKGROUND_WORKERS processes, default 1)
  worker-long    ``frappe worker --queue long,default,short``
  schedule       frappe's scheduler (daily ``bench backup --with-files``: ocop_app.backups, daily_long)
  socketio       node apps/frappe/socketio.js on OCOP_SOCKETIO_PORT
  nginx          its own nginx.conf on OCOP_NGINX_PORT: the sites' assets and public files from disk,
                 /socket.io to socketio, everything else to gunicorn
Every program has ``autorestart=true``: a killed worker is started again within seconds.

At boot (``boot_unit``/``boot_cron``, written to config/ beside the rest): where systemd runs, a unit
``ocop-<bench folder>.service`` (supervisord in the foreground on this configuration, after MariaDB
and Redis) is installed in /etc/systemd/system and enabled, and supervisord is started through it;
without systemd, a cron ``@reboot`` line is installed in /etc/cron.d when cron is there (else it is
only written, with the command to install it). OCOP_BOOT=0 installs neither (a test stack).

Ports (OCOP_PORT 8000, OCOP_SOCKETIO_PORT 9000, OCOP_NGINX_PORT 80) can be moved so production runs
beside a development bench.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PROGRAMS = ("web", "worker-short", "worker-long", "schedule", "socketio", "nginx")


@dataclass
class Settings:
	bench: Path
	site: str
	port: int = 8000
	socketio_port: int = 9000
	nginx_port: int = 80
	gunicorn_workers: int = 0  # 0: 2 x cores + 1
	gunicorn_threads: int = 0  # 0: synchronous workers; N: gthread workers of N threads
	background_workers: int = 1
	boot: bool = True  # install the start at boot (systemd unit, else cron @reboot)

	@property
	def workers(self) -> int:
		return self.gunicorn_workers or default_gunicorn_workers(os.cpu_count() or 1)

	@property
	def conf(self) -> Path:
		return self.bench / "config" / "ocop-supervisord.conf"

	@property
	def nginx_conf(self) -> Path:
		return self.bench / "config" / "ocop-nginx.conf"

	@property
	def socket(self) -> Path:
		return self.bench / "config" / "pids" / "ocop-supervisor.sock"

	@property
	def pidfile(self) -> Path:
		return self.bench / "config" / "pids" / "ocop-supervisord.pid"

	@property
	def unit_name(self) -> str:
		"""One per bench, so a second bench on the machine gets its own (letters, digits, - and _
		only: cron skips /etc/cron.d files with a dot in their name)."""
		name = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in self.bench.name)
		return f"ocop-{name}.service"

	@property
	def unit_file(self) -> Path:
		return self.bench / "config" / "ocop-supervisord.service"

	@property
	def cron_file(self) -> Path:
		return self.bench / "config" / "ocop-boot.cron"


def default_gunicorn_workers(cores: int) -> int:
	"""gunicorn's own advice for synchronous workers: 2 x cores + 1."""
	return 2 * max(cores, 1) + 1


def gunicorn_threads(s: Settings) -> str:
	"""gunicorn's worker class options: none for synchronous workers, else gthread with N threads."""
	return f"--worker-class gthread --threads {s.gunicorn_threads} " if s.gunicorn_threads else ""


def settings_from_env(env: dict, bench: Path) -> Settings:
	def number(name: str, default: int) -> int:
		value = env.get(name, "").strip()
		if not value:
			return default
		if not value.isdigit() or int(value) < 0:
			raise ValueError(f"{name} must be a whole number, not {value!r}")
		return int(value)

	return Settings(
		bench=bench,
		site=env.get("OCOP_SITE") or "ocop.localhost",
		port=number("OCOP_PORT", 8000),
		socketio_port=number("OCOP_SOCKETIO_PORT", 9000),
		nginx_port=number("OCOP_NGINX_PORT", 80),
		gunicorn_workers=number("OCOP_GUNICORN_WORKERS", 0),
		gunicorn_threads=number("OCOP_GUNICORN_THREADS", 0),
		background_workers=max(number("OCOP_BACKGROUND_WORKERS", 1), 1),
		boot=env.get("OCOP_BOOT", "1").strip() != "0",
	)


def _program(
	name: str,
	command: str,
	directory: Path,
	logs: Path,
	numprocs: int = 1,
	stopwait: int = 40,
	environment: str = "",
) -> str:
	lines = [
		f"[program:{name}]",
		f"command={command}",
		f"directory={directory}",
		"autostart=true",
		"autorestart=true",
		"startsecs=2",
		f"stopwaitsecs={stopwait}",
		"stopasgroup=true",
		"killasgroup=true",  # a worker's work horse goes with it
		f"stdout_logfile={logs}/ocop-{name}.log",
		f"stderr_logfile={logs}/ocop-{name}.error.log",
	]
	if numprocs > 1:
		lines += [f"numprocs={numprocs}", "process_name=%(program_name)s-%(process_num)d"]
	if environment:
		lines.append(f"environment={environment}")
	return "\n".join(lines) + "\n"


def render_supervisor(s: Settings) -> str:
	"""A whole supervisord configuration (its own socket, pid and logs in the bench)."""
	bench, sites, logs = s.bench, s.bench / "sites", s.bench / "logs"
	python = f"{bench}/env/bin/python"
	frappe = f"{python} -m frappe.utils.bench_helper frappe"
	head = f"""; written by ocop_app scripts/start --production; do not edit (run it again instead)
[unix_http_server]
file={s.socket}
chmod=0700

[supervisord]
logfile={logs}/ocop-supervisord.log
pidfile={s.pidfile}
childlogdir={logs}

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://{s.socket}

"""
	programs = [
		_program(
			"web",
			f"{bench}/env/bin/gunicorn -b 127.0.0.1:{s.port} -w {s.workers} {gunicorn_threads(s)}--max-requests 5000 "
			"--max-requests-jitter 500 -t 120 --graceful-timeout 30 frappe.app:application --preload",
			sites,
			logs,
		),
		_program(
			"worker-short", f"{frappe} worker --queue short,default", sites, logs, s.background_workers, 360
		),
		_program(
			"worker-long",
			f"{frappe} worker --queue long,default,short",
			sites,
			logs,
			s.background_workers,
			1560,
		),
		_program("schedule", f"{frappe} schedule", sites, logs),
		_program(
			"socketio",
			f"{shutil.which('node') or 'node'} {bench}/apps/frappe/socketio.js",
			bench,
			logs,
			environment=f'FRAPPE_SOCKETIO_PORT="{s.socketio_port}"',  # read by frappe's node_utils.js
		),
		_program(
			"nginx", f"{shutil.which('nginx') or 'nginx'} -c {s.nginx_conf} -g 'daemon off;'", bench, logs
		),
	]
	group = f"[group:ocop]\nprograms={','.join(PROGRAMS)}\n"
	return head + "\n".join(programs) + "\n" + group


def render_nginx(s: Settings) -> str:
	"""nginx in front of gunicorn and socketio, serving the assets and public files from disk (the
	site is chosen by the Host header, as in `bench setup nginx` with DNS multitenancy)."""
	sites, logs = s.bench / "sites", s.bench / "logs"
	import pwd

	owner = pwd.getpwuid(s.bench.stat().st_uid).pw_name  # nginx's workers read the bench's files
	return f"""# written by ocop_app scripts/start --production; do not edit (run it again instead)
user {owner};
worker_processes auto;
pid {s.bench}/config/pids/ocop-nginx.pid;
error_log {logs}/ocop-nginx.error.log warn;
events {{ worker_connections 1024; }}

http {{
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log {logs}/ocop-nginx.access.log;
	sendfile on;
	client_max_body_size 50m;
	client_body_temp_path {s.bench}/config/pids/nginx-body;
	proxy_temp_path {s.bench}/config/pids/nginx-proxy;
	fastcgi_temp_path {s.bench}/config/pids/nginx-fastcgi;
	uwsgi_temp_path {s.bench}/config/pids/nginx-uwsgi;
	scgi_temp_path {s.bench}/config/pids/nginx-scgi;
	gzip on;
	gzip_types text/css application/javascript application/json image/svg+xml;

	upstream ocop-frappe {{ server 127.0.0.1:{s.port} fail_timeout=0; }}
	upstream ocop-socketio {{ server 127.0.0.1:{s.socketio_port} fail_timeout=0; }}

	server {{
		listen {s.nginx_port};
		server_name _;
		root {sites};
		set $site $host;
		if (!-d {sites}/$site) {{ set $site {s.site}; }}

		location /assets {{
			try_files $uri =404;
			add_header Cache-Control "max-age=31536000";
		}}
		location ~ ^/protected/(.*) {{
			internal;
			try_files /$site/$1 =404;
		}}
		location /socket.io {{
			proxy_http_version 1.1;
			proxy_set_header Upgrade $http_upgrade;
			proxy_set_header Connection "upgrade";
			proxy_set_header X-Frappe-Site-Name $site;
			proxy_set_header Origin $scheme://$http_host;
			proxy_set_header Host $host;
			proxy_pass http://ocop-socketio;
		}}
		location / {{
			rewrite ^(.+)/$ $1 permanent;
			rewrite ^(.+)/index\\.html$ $1 permanent;
			rewrite ^(.+)\\.html$ $1 permanent;
			location ~ ^/files/.*\\.(htm|html|svg|xml) {{
				add_header Content-disposition "attachment";
				try_files /$site/public/$uri @webserver;
			}}
			try_files /$site/public/$uri @webserver;
		}}
		location @webserver {{
			proxy_http_version 1.1;
			proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
			proxy_set_header X-Forwarded-Proto $scheme;
			proxy_set_header X-Frappe-Site-Name $site;
			proxy_set_header Host $host;
			proxy_set_header X-Use-X-Accel-Redirect True;
			proxy_read_timeout 120;
			proxy_redirect off;
			proxy_pass http://ocop-frappe;
		}}
	}}
}}
"""


def supervisord_command() -> str:
	return shutil.which("supervisord") or "/usr/bin/supervisord"


def bench_user(s: Settings) -> str:
	"""Who runs the processes at boot: the bench folder's owner (as scripts/start ran them)."""
	import pwd

	try:
		return pwd.getpwuid(s.bench.stat().st_uid).pw_name
	except (OSError, KeyError):
		return "root"


def render_boot_unit(s: Settings, user: str = "root") -> str:
	"""systemd unit: supervisord (in the foreground, so systemd follows it) on the bench's own
	configuration, once the network, MariaDB and Redis are up when they run here; restarted if it dies."""
	supervisorctl = shutil.which("supervisorctl") or "/usr/bin/supervisorctl"
	return f"""# written by ocop_app scripts/start --production; installed as /etc/systemd/system/{s.unit_name}
[Unit]
Description=OCOP production processes of the Frappe bench {s.bench} (supervisord)
After=network-online.target mariadb.service redis-server.service
Wants=network-online.target

[Service]
Type=simple
User={user}
WorkingDirectory={s.bench}
ExecStart={supervisord_command()} --nodaemon -c {s.conf}
ExecReload={supervisorctl} -c {s.conf} reload
ExecStop={supervisorctl} -c {s.conf} shutdown
Restart=on-failure
RestartSec=5
KillMode=mixed
TimeoutStopSec=120

[Install]
WantedBy=multi-user.target
"""


def render_boot_cron(s: Settings, user: str = "root") -> str:
	"""/etc/cron.d line for a machine without systemd: supervisord started once at boot."""
	return (
		f"# written by ocop_app scripts/start --production: the bench {s.bench} at boot\n"
		f"@reboot {user} cd {s.bench} && {supervisord_command()} -c {s.conf}\n"
	)


def systemd_running() -> bool:
	"""sd_booted(): systemd is the init system of this machine (not of a container without it)."""
	return Path("/run/systemd/system").is_dir() and shutil.which("systemctl") is not None


def install_boot(s: Settings) -> str:
	"""Install the start at boot; returns how (for the user and for ``check``)."""
	if not s.boot:
		return "off (OCOP_BOOT=0)"
	if systemd_running():
		target = Path("/etc/systemd/system") / s.unit_name
		write(target, s.unit_file.read_text())
		subprocess.run(["systemctl", "daemon-reload"], check=True)
		subprocess.run(["systemctl", "enable", s.unit_name], check=True, capture_output=True)
		return f"systemd: {target} (enabled)"
	cron_d = Path("/etc/cron.d")
	if shutil.which("cron") and cron_d.is_dir():
		target = cron_d / s.unit_name.removesuffix(".service")
		write(target, s.cron_file.read_text())
		target.chmod(0o644)
		return f"cron: {target} (@reboot)"
	return (
		f"not installed: no systemd and no cron here; on a server: apt-get install cron && "
		f"cp {s.cron_file} /etc/cron.d/{s.unit_name.removesuffix('.service')}"
	)


# ---------------------------------------------------------------------------------- running it
def say(message: str) -> None:
	print(f"\033[1m[ocop]\033[0m {message}", file=sys.stderr, flush=True)


def ctl(s: Settings, *args: str, check: bool = False) -> subprocess.CompletedProcess:
	return subprocess.run(
		["supervisorctl", "-c", str(s.conf), *args], capture_output=True, text=True, check=check
	)


def supervisord_running(s: Settings) -> bool:
	try:
		os.kill(int(s.pidfile.read_text().strip()), 0)
	except (OSError, ValueError):
		return False
	return ctl(s, "pid").returncode == 0


def ensure_packages() -> None:
	missing = [p for p, cmd in (("supervisor", "supervisord"), ("nginx", "nginx")) if not shutil.which(cmd)]
	if missing:
		say(f"apt-get install {' '.join(missing)}")
		env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
		subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)


def write(path: Path, text: str) -> bool:
	if path.exists() and path.read_text() == text:
		return False
	path.write_text(text)
	return True


def start(s: Settings) -> None:
	ensure_packages()
	(s.bench / "logs").mkdir(exist_ok=True)
	(s.bench / "config" / "pids").mkdir(parents=True, exist_ok=True)
	changed = write(s.conf, render_supervisor(s)) | write(s.nginx_conf, render_nginx(s))
	user = bench_user(s)
	write(s.unit_file, render_boot_unit(s, user))
	write(s.cron_file, render_boot_cron(s, user))
	test = subprocess.run(["nginx", "-t", "-c", str(s.nginx_conf)], capture_output=True, text=True)
	if test.returncode:
		raise SystemExit(f"nginx rejects {s.nginx_conf}:\n{test.stderr}")
	boot = install_boot(s)
	say(f"start at boot: {boot}")
	if supervisord_running(s):
		if changed:
			say("configuration changed: supervisord reloads it")
			ctl(s, "reread")
			ctl(s, "update")
		say("restarting the processes (new code)")
		ctl(s, "restart", "ocop:*")
	elif s.boot and systemd_running():
		say(f"starting supervisord through systemd ({s.unit_name})")
		subprocess.run(["systemctl", "start", s.unit_name], check=True)
	else:
		say(f"starting supervisord ({s.conf})")
		subprocess.run(["supervisord", "-c", str(s.conf)], check=True)
	wait_ready(s)


def stop(s: Settings) -> None:
	if supervisord_running(s):
		ctl(s, "shutdown")
		for _ in range(120):
			if not supervisord_running(s):
				break
			time.sleep(0.5)
	say("production processes stopped")


def get(url: str, site: str, timeout: float = 30) -> tuple[int, bytes]:
	request = urllib.request.Request(url, headers={"Host": site})
	try:
		with urllib.request.urlopen(request, timeout=timeout) as response:
			return response.status, response.read()
	except urllib.error.HTTPError as e:
		return e.code, e.read()


def wait_ready(s: Settings, seconds: int = 120) -> None:
	url = f"http://127.0.0.1:{s.nginx_port}/api/method/ping"
	deadline = time.monotonic() + seconds
	while time.monotonic() < deadline:
		try:
			if get(url, s.site, 10)[0] == 200:
				say(f"nginx answers on http://127.0.0.1:{s.nginx_port} ({s.workers} gunicorn workers)")
				return
		except OSError:
			pass
		time.sleep(1)  # waiting for gunicorn to boot behind nginx
	raise SystemExit(f"no answer from {url} within {seconds} s; see {s.bench}/logs/ocop-*.log")


def program_pids(s: Settings) -> dict[str, int]:
	"""``supervisorctl status``: name -> pid of each running program."""
	pids = {}
	for line in ctl(s, "status").stdout.splitlines():
		parts = line.split()
		if len(parts) >= 4 and parts[1] == "RUNNING" and parts[2] == "pid":
			pids[parts[0]] = int(parts[3].rstrip(","))
	return pids


def check(s: Settings) -> int:
	"""The running stack, from outside: nginx answers through gunicorn, serves an asset itself, and
	supervisor starts a killed worker again. Prints ``ok``/``not ok`` lines (TAP); returns failures."""
	results = []

	def outcome(name: str, passed: bool, detail: str = "") -> None:
		results.append(passed)
		print(f"{'ok' if passed else 'not ok'} {len(results)} - {name}{' # ' + detail if detail else ''}")

	base = f"http://127.0.0.1:{s.nginx_port}"
	status, body = get(f"{base}/api/method/ping", s.site)
	outcome("nginx -> gunicorn: /api/method/ping", status == 200 and b"pong" in body, str(status))
	assets = json.loads((s.bench / "sites" / "assets" / "assets.json").read_text())
	asset = next(iter(v for k, v in assets.items() if k.endswith(".css")))
	status, body = get(base + asset, s.site)
	outcome(f"nginx serves the built asset {asset}", status == 200 and len(body) > 100, str(status))
	status, _ = get(f"{base}/socket.io/?EIO=4&transport=polling", s.site)
	outcome("nginx -> socketio", status in (200, 400), str(status))
	before = program_pids(s)
	expected = {f"ocop:{p}" for p in ("web", "schedule", "socketio", "nginx")}
	outcome("every program RUNNING", expected <= set(before) and len(before) >= 6, ", ".join(sorted(before)))
	workers = sorted(n for n in before if n.startswith("ocop:worker-long"))
	if not workers:
		outcome("supervisor restarts a killed worker", False, "no worker-long running")
	else:
		name, pid = workers[0], before[workers[0]]
		os.kill(pid, signal.SIGKILL)
		deadline, after = time.monotonic() + 60, None
		while time.monotonic() < deadline:
			after = program_pids(s).get(name)
			if after and after != pid:
				break
			time.sleep(0.5)  # supervisor notices the exit and starts it again
		outcome(
			"supervisor restarts a killed worker", bool(after) and after != pid, f"{name}: {pid} -> {after}"
		)
	user = bench_user(s)
	unit = s.unit_file.read_text() if s.unit_file.exists() else ""
	outcome(
		"boot: the systemd unit runs supervisord on this configuration",
		unit == render_boot_unit(s, user)
		and f"--nodaemon -c {s.conf}" in unit
		and "WantedBy=multi-user.target" in unit,
		str(s.unit_file),
	)
	cron = s.cron_file.read_text() if s.cron_file.exists() else ""
	outcome(
		"boot: the cron @reboot line starts supervisord on this configuration",
		cron == render_boot_cron(s, user) and f"@reboot {user} " in cron,
		str(s.cron_file),
	)
	if systemd_running() and s.boot:
		enabled = subprocess.run(["systemctl", "is-enabled", s.unit_name], capture_output=True, text=True)
		outcome("boot: the unit is enabled", enabled.stdout.strip() == "enabled", enabled.stdout.strip())
	print(f"# pass {results.count(True)}\n# fail {results.count(False)}")
	return results.count(False)


def main(argv: list[str]) -> int:
	bench = Path(os.environ.get("FRAPPE_BENCH") or Path.home() / "frappe-bench")
	s = settings_from_env(os.environ, bench)
	command = argv[1] if len(argv) > 1 else "start"
	if command == "start":
		start(s)
	elif command == "stop":
		stop(s)
	elif command == "status":
		print(ctl(s, "status").stdout, end="")
	elif command == "check":
		return 1 if check(s) else 0
	else:
		raise SystemExit(f"unknown command {command!r} (start, stop, status, check)")
	return 0


if __name__ == "__main__":
	sys.exit(main(sys.argv))
