#!/usr/bin/env python3
"""What scripts/start does before the app: the machine and the bench, each step only when missing.

Standard library only: it runs before any virtualenv exists. ``probe()`` reads the machine,
``plan()`` (pure, tested in tests/test_bootstrap.py) says which steps run, ``run()`` runs them.

The bench is built the standard way, ``bench init`` with frappe and ``bench get-app`` erpnext, from
repository URLs that environment variables may point elsewhere (a mirror or a local git directory):

  FRAPPE_REPO / FRAPPE_BRANCH      https://github.com/frappe/frappe       version-15
  ERPNEXT_REPO / ERPNEXT_BRANCH    https://github.com/frappe/erpnext      version-15
  AIR_DATEPICKER_REPO              a git directory of frappe/air-datepicker (the npm package frappe
                                   pins to a git host), or AIR_DATEPICKER_TARBALL: an npm tarball of it
  FRAPPE_BENCH                     where the bench goes (~/frappe-bench)
  MARIADB_ROOT_PASSWORD            set on MariaDB if it has none yet (root)
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

DEBIAN_PACKAGES = {
	# command or file that shows the package is there -> Debian package
	"mariadbd": "mariadb-server",
	"mysql": "mariadb-client",
	"redis-server": "redis-server",
	"wkhtmltopdf": "wkhtmltopdf",
	"git": "git",
	"curl": "curl",
	"cc": "build-essential",
	"pkg-config": "pkg-config",
	"/usr/include/mariadb/mysql.h": "libmariadb-dev",
	"node": "nodejs",
	"npm": "npm",
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf": "fonts-dejavu-core",
}
NODE_MIN = 18
YARN_VERSION = "1.22.22"
BENCH_CLI = "frappe-bench"
SETUPTOOLS = "<81"
MARIADB_CONF = Path("/etc/mysql/mariadb.conf.d/99-frappe.cnf")
MARIADB_CONF_TEXT = """# written by ocop_app scripts/start: the character set Frappe needs
[mysqld]
character-set-client-handshake = FALSE
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci

[mysql]
default-character-set = utf8mb4
"""

STEPS = {
	"apt": "cài gói hệ thống / system packages (apt)",
	"yarn": f"yarn {YARN_VERSION} (npm)",
	"mariadb-config": "cấu hình MariaDB utf8mb4 / MariaDB character set",
	"mariadb-start": "bật MariaDB / start MariaDB",
	"mariadb-password": "mật khẩu root MariaDB / MariaDB root password",
	"bench-cli": "frappe-bench (PyPI)",
	"bench-init": "bench init (frappe)",
	"erpnext": "bench get-app erpnext",
	"setuptools": f"setuptools{SETUPTOOLS} (pkg_resources) in the bench env",
}


@dataclass
class State:
	missing: list = field(default_factory=list)  # Debian packages not installed
	node_major: int = 0
	yarn_version: str = ""
	mariadb_conf: bool = False
	mariadb_up: bool = False
	root_login: bool = False
	bench_cli: bool = False
	frappe_app: bool = False
	erpnext_app: bool = False
	pkg_resources: bool = False  # frappe 15's google client imports it; setuptools 81+ dropped it


def plan(state: State) -> list[str]:
	"""The steps to run for this state, in order. Nothing runs twice on a built machine."""
	steps = []
	if state.missing or state.node_major < NODE_MIN:
		steps.append("apt")
	if not state.yarn_version.startswith("1.22"):
		steps.append("yarn")
	if not state.mariadb_conf:
		steps.append("mariadb-config")
	# a new configuration needs a (re)start; a stopped server needs a start
	if not state.mariadb_up or not state.mariadb_conf:
		steps.append("mariadb-start")
	if not state.root_login:
		steps.append("mariadb-password")
	if not state.frappe_app:
		if not state.bench_cli:
			steps.append("bench-cli")
		steps.append("bench-init")
	if not state.erpnext_app:
		if not state.bench_cli and "bench-cli" not in steps:
			steps.append("bench-cli")
		steps.append("erpnext")
	if not state.pkg_resources:
		steps.append("setuptools")
	return steps


# ---------------------------------------------------------------------------------------- machine


@dataclass
class Config:
	bench: Path
	tools: Path
	root_password: str
	frappe_repo: str
	frappe_branch: str
	erpnext_repo: str
	erpnext_branch: str
	air_datepicker_repo: str
	air_datepicker_tarball: str

	@classmethod
	def from_env(cls, env=os.environ):
		home = Path(env.get("HOME", "/root"))
		return cls(
			bench=Path(env.get("FRAPPE_BENCH") or home / "frappe-bench"),
			tools=Path(env.get("OCOP_TOOLS_DIR") or home / ".local" / "share" / "ocop_app"),
			root_password=env.get("MARIADB_ROOT_PASSWORD", "root"),
			frappe_repo=env.get("FRAPPE_REPO", "https://github.com/frappe/frappe"),
			frappe_branch=env.get("FRAPPE_BRANCH", "version-15"),
			erpnext_repo=env.get("ERPNEXT_REPO", "https://github.com/frappe/erpnext"),
			erpnext_branch=env.get("ERPNEXT_BRANCH", "version-15"),
			air_datepicker_repo=env.get("AIR_DATEPICKER_REPO", ""),
			air_datepicker_tarball=env.get("AIR_DATEPICKER_TARBALL", ""),
		)

	@property
	def bench_bin(self) -> Path:
		return self.tools / "bench-cli" / "bin"


def say(message: str) -> None:
	print(f"\033[1m[ocop]\033[0m {message}", file=sys.stderr, flush=True)


def quiet(*cmd, **kwargs) -> subprocess.CompletedProcess:
	return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


def has(thing: str) -> bool:
	return Path(thing).exists() if thing.startswith("/") else shutil.which(thing) is not None


def node_major() -> int:
	if not has("node"):
		return 0
	match = re.match(r"v(\d+)", quiet("node", "--version").stdout)
	return int(match.group(1)) if match else 0


def mysql_ok(password: str) -> bool:
	return (
		has("mysql")
		and quiet("mysql", "-h127.0.0.1", "-uroot", f"-p{password}", "-e", "select 1").returncode == 0
	)


def probe(config: Config) -> State:
	mysqladmin_ping = quiet("mysqladmin", "ping", "--silent") if has("mysqladmin") else None
	return State(
		missing=sorted({pkg for thing, pkg in DEBIAN_PACKAGES.items() if not has(thing)}),
		node_major=node_major(),
		yarn_version=quiet("yarn", "--version").stdout.strip() if has("yarn") else "",
		mariadb_conf=MARIADB_CONF.exists(),
		mariadb_up=bool(mysqladmin_ping and mysqladmin_ping.returncode == 0)
		or mysql_ok(config.root_password),
		root_login=mysql_ok(config.root_password),
		bench_cli=(config.bench_bin / "bench").exists(),
		frappe_app=(config.bench / "apps" / "frappe" / "frappe" / "__init__.py").exists()
		and (config.bench / "env" / "bin" / "python").exists(),
		erpnext_app=(config.bench / "apps" / "erpnext" / "erpnext" / "__init__.py").exists(),
		pkg_resources=(config.bench / "env" / "bin" / "python").exists()
		and quiet(str(config.bench / "env" / "bin" / "python"), "-c", "import pkg_resources").returncode == 0,
	)


def run_long(title: str, cmd, log: Path, **kwargs) -> None:
	"""Run cmd with its output in log, a progress line every 30 s; fail with the log's tail."""
	log.parent.mkdir(parents=True, exist_ok=True)
	started = time.monotonic()
	with open(log, "a") as out:
		out.write(f"\n$ {' '.join(map(str, cmd))}\n")
		out.flush()
		proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, **kwargs)
		done = threading.Event()

		def tick():
			while not done.wait(30):
				say(f"  … {title}: {int(time.monotonic() - started)} s (log: {log})")

		threading.Thread(target=tick, daemon=True).start()
		code = proc.wait()
		done.set()
	if code:
		tail = log.read_text(errors="replace").splitlines()[-25:]
		raise SystemExit(f"[ocop] FAILURE: {title} exited {code}; last lines of {log}:\n" + "\n".join(tail))
	say(f"  {title}: {int(time.monotonic() - started)} s")


def step_apt(config: Config, state: State) -> None:
	packages = list(state.missing)
	if state.node_major < NODE_MIN and "nodejs" not in packages:
		packages.append("nodejs")
	env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
	log = config.tools / "logs" / "apt.log"
	run_long("apt-get update", ["apt-get", "update"], log, env=env)
	run_long(
		"apt-get install", ["apt-get", "install", "-y", "--no-install-recommends", *packages], log, env=env
	)
	if node_major() < NODE_MIN:
		raise SystemExit(
			f"[ocop] FAILURE: Node {NODE_MIN}+ is needed; this machine's apt gives {node_major()}"
		)


def step_yarn(config: Config, state: State) -> None:
	run_long(
		"npm install -g yarn",
		["npm", "install", "-g", f"yarn@{YARN_VERSION}"],
		config.tools / "logs" / "npm.log",
	)


def step_mariadb_config(config: Config, state: State) -> None:
	MARIADB_CONF.parent.mkdir(parents=True, exist_ok=True)
	MARIADB_CONF.write_text(MARIADB_CONF_TEXT)


def step_mariadb_start(config: Config, state: State) -> None:
	action = "restart" if state.mariadb_up else "start"
	if not (has("service") and quiet("service", "mariadb", action).returncode == 0):
		if state.mariadb_up:
			quiet("mysqladmin", "shutdown")
		subprocess.Popen(
			["mysqld_safe"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
		)
	for _ in range(60):
		if quiet("mysqladmin", "ping", "--silent").returncode == 0 or mysql_ok(config.root_password):
			return
		time.sleep(1)
	raise SystemExit("[ocop] FAILURE: MariaDB did not start")


def step_mariadb_password(config: Config, state: State) -> None:
	# a fresh Debian MariaDB lets the system root in through its socket: keep that, add the password
	sql = (
		"ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password "
		f"USING PASSWORD('{config.root_password}') OR unix_socket; FLUSH PRIVILEGES;"
	)
	result = quiet("mysql", "-uroot", "-e", sql)
	if result.returncode or not mysql_ok(config.root_password):
		raise SystemExit(
			"[ocop] FAILURE: MariaDB's root user does not take MARIADB_ROOT_PASSWORD and could not be given it"
			f" ({result.stderr.strip()}). Set MARIADB_ROOT_PASSWORD to its password."
		)


def step_bench_cli(config: Config, state: State) -> None:
	venv = config.bench_bin.parent
	run_long(
		"python -m venv", [sys.executable, "-m", "venv", str(venv)], config.tools / "logs" / "bench-cli.log"
	)
	run_long(
		"pip install frappe-bench",
		[str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", BENCH_CLI],
		config.tools / "logs" / "bench-cli.log",
	)


def pinned_commit(config: Config) -> str:
	"""The air-datepicker commit frappe's yarn.lock pins, read from a local frappe repository."""
	source = Path(config.frappe_repo)
	if source.exists():
		lock = quiet("git", "-C", str(source), "show", f"{config.frappe_branch}:yarn.lock").stdout
		match = re.search(r'air-datepicker@[^\n]*\n(?:\s+[^\n]*\n)*?\s+resolved "[^"]*/([0-9a-f]{40})"', lock)
		if match:
			return match.group(1)
	if config.air_datepicker_repo:
		return quiet("git", "-C", config.air_datepicker_repo, "rev-parse", "HEAD").stdout.strip()
	return ""


def prepare_yarn_mirror(config: Config) -> None:
	"""Point yarn at a local air-datepicker: an offline mirror holding the tarball under the name of
	the commit frappe pins (yarn looks there before the network). Written beside the bench only."""
	if not (config.air_datepicker_repo or config.air_datepicker_tarball):
		return
	commit = pinned_commit(config)
	if not commit:
		raise SystemExit("[ocop] FAILURE: cannot tell which air-datepicker commit frappe pins")
	mirror = config.bench / ".yarn-offline-mirror"
	mirror.mkdir(parents=True, exist_ok=True)
	target = mirror / commit
	if config.air_datepicker_tarball:
		shutil.copyfile(config.air_datepicker_tarball, target)
	else:
		with tempfile.TemporaryDirectory() as tmp:
			tar = Path(tmp) / "package.tar"
			subprocess.run(
				[
					"git",
					"-C",
					config.air_datepicker_repo,
					"archive",
					"--prefix=package/",
					"-o",
					str(tar),
					commit,
				],
				check=True,
			)
			with tarfile.open(tar) as src, tarfile.open(target, "w:gz") as dst:
				for member in src.getmembers():
					dst.addfile(member, src.extractfile(member) if member.isfile() else None)
	(config.bench / ".yarnrc").write_text(f'yarn-offline-mirror "{mirror}"\n')
	say(f"  air-datepicker {commit[:10]} from the local source (yarn offline mirror)")


def bench_python(config: Config, code: str, log: Path, title: str, cwd: Path) -> None:
	"""bench's own init/get-app, called through its Python API: its CLI refuses to run as root."""
	env = {**os.environ, "PATH": f"{config.bench_bin}:{os.environ.get('PATH', '')}", "CI": "1"}
	run_long(title, [str(config.bench_bin / "python"), "-c", code], log, env=env, cwd=str(cwd))


# what bench's CLI sets up before a command: its log level and file, run from the bench's folder
PRELUDE = (
	"import os, bench.cli; bench.cli.from_command_line = True\n"
	"from bench.utils import setup_logging; setup_logging()\n"
)


def step_bench_init(config: Config, state: State) -> None:
	config.bench.mkdir(parents=True, exist_ok=True)
	prepare_yarn_mirror(config)
	code = (
		PRELUDE + "from bench.utils.system import init\n"
		f"init({str(config.bench)!r}, frappe_path={config.frappe_repo!r}, frappe_branch={config.frappe_branch!r},"
		f" python={sys.executable!r}, no_backups=True)\n"
	)
	bench_python(
		config,
		code,
		config.bench / "logs" / "ocop-bench-init.log",
		"bench init (frappe, assets)",
		cwd=config.bench.parent,
	)


def step_erpnext(config: Config, state: State) -> None:
	code = (
		PRELUDE + "from bench.app import get_app\n"
		f"get_app({config.erpnext_repo!r}, branch={config.erpnext_branch!r}, bench_path='.')\n"
	)
	bench_python(
		config,
		code,
		config.bench / "logs" / "ocop-get-app-erpnext.log",
		"bench get-app erpnext",
		cwd=config.bench,
	)


ROOT_STEPS = ("apt", "yarn", "mariadb-config", "mariadb-start", "mariadb-password")


def step_setuptools(config: Config, state: State) -> None:
	run_long(
		"pip install setuptools",
		[
			str(config.bench / "env" / "bin" / "python"),
			"-m",
			"pip",
			"install",
			"--quiet",
			f"setuptools{SETUPTOOLS}",
		],
		config.bench / "logs" / "ocop-setuptools.log",
	)


RUNNERS = {
	"apt": step_apt,
	"yarn": step_yarn,
	"mariadb-config": step_mariadb_config,
	"mariadb-start": step_mariadb_start,
	"mariadb-password": step_mariadb_password,
	"bench-cli": step_bench_cli,
	"bench-init": step_bench_init,
	"erpnext": step_erpnext,
	"setuptools": step_setuptools,
}


def run(config: Config) -> list[str]:
	state = probe(config)
	steps = plan(state)
	if not steps:
		say(f"máy và bench đã sẵn sàng / machine and bench ready ({config.bench})")
	for number, step in enumerate(steps, 1):
		say(f"[{number}/{len(steps)}] {STEPS[step]}")
		if os.geteuid() != 0 and step in ROOT_STEPS:
			raise SystemExit(f"[ocop] FAILURE: '{step}' needs root: run scripts/start with sudo once")
		RUNNERS[step](config, state)
	return steps


if __name__ == "__main__":
	if sys.argv[1:] == ["plan"]:
		print(json.dumps(plan(probe(Config.from_env()))))
	else:
		run(Config.from_env())
