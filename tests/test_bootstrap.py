"""scripts/bootstrap.py: which steps run on which state of the machine (no machine touched)."""

import importlib.util
from dataclasses import replace
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
	"ocop_bootstrap", Path(__file__).resolve().parents[1] / "scripts" / "bootstrap.py"
)
bootstrap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bootstrap)

BUILT = bootstrap.State(
	missing=[],
	node_major=20,
	yarn_version="1.22.22",
	mariadb_conf=True,
	mariadb_up=True,
	root_login=True,
	bench_cli=True,
	frappe_app=True,
	erpnext_app=True,
	pkg_resources=True,
)


def test_a_bare_machine_runs_every_step_in_order():
	assert bootstrap.plan(bootstrap.State()) == [
		"apt",
		"yarn",
		"mariadb-config",
		"mariadb-start",
		"mariadb-password",
		"bench-cli",
		"bench-init",
		"erpnext",
		"setuptools",
	]


def test_a_built_machine_runs_nothing():
	assert bootstrap.plan(BUILT) == []


@pytest.mark.parametrize(
	"change, steps",
	[
		({"missing": ["wkhtmltopdf"]}, ["apt"]),
		({"node_major": 16}, ["apt"]),
		({"yarn_version": "4.1.0"}, ["yarn"]),
		({"yarn_version": ""}, ["yarn"]),
		({"mariadb_up": False}, ["mariadb-start"]),
		# a new character-set file needs the server restarted to take effect
		({"mariadb_conf": False}, ["mariadb-config", "mariadb-start"]),
		({"root_login": False}, ["mariadb-password"]),
		# an existing bench needs no bench CLI: apps are only fetched when missing
		({"bench_cli": False}, []),
		({"erpnext_app": False}, ["erpnext"]),
		({"erpnext_app": False, "bench_cli": False}, ["bench-cli", "erpnext"]),
		({"frappe_app": False, "erpnext_app": False}, ["bench-init", "erpnext"]),
		(
			{"frappe_app": False, "erpnext_app": False, "bench_cli": False},
			["bench-cli", "bench-init", "erpnext"],
		),
		({"pkg_resources": False}, ["setuptools"]),
	],
)
def test_only_what_is_missing_runs(change, steps):
	assert bootstrap.plan(replace(BUILT, **change)) == steps


def test_every_planned_step_has_a_runner_and_a_title():
	steps = bootstrap.plan(bootstrap.State())
	assert set(steps) == set(bootstrap.RUNNERS) == set(bootstrap.STEPS)


def test_sources_default_to_upstream_version_15_and_follow_the_environment(tmp_path):
	default = bootstrap.Config.from_env({"HOME": str(tmp_path)})
	assert default.frappe_repo == "https://github.com/frappe/frappe"
	assert default.erpnext_repo == "https://github.com/frappe/erpnext"
	assert (default.frappe_branch, default.erpnext_branch) == ("version-15", "version-15")
	assert default.bench == tmp_path / "frappe-bench"
	local = bootstrap.Config.from_env(
		{
			"HOME": str(tmp_path),
			"FRAPPE_REPO": "/src/frappe",
			"FRAPPE_BRANCH": "v15.41.0",
			"ERPNEXT_REPO": "/src/erpnext",
			"FRAPPE_BENCH": "/opt/b",
			"AIR_DATEPICKER_REPO": "/src/air-datepicker",
		}
	)
	assert (local.frappe_repo, local.frappe_branch, local.erpnext_repo) == (
		"/src/frappe",
		"v15.41.0",
		"/src/erpnext",
	)
	assert local.bench == Path("/opt/b")
	assert local.air_datepicker_repo == "/src/air-datepicker"


def test_the_pinned_air_datepicker_commit_is_read_from_frappes_yarn_lock(tmp_path):
	import subprocess

	repo = tmp_path / "frappe"
	repo.mkdir()
	sha = "ed37b94d95c68d8544357e330be0c89d044a3eea"
	(repo / "yarn.lock").write_text(
		'ace-builds@^1.4.8:\n  version "1.4.8"\n  resolved "https://registry.yarnpkg.com/ace-builds/-/ace-builds-1.4.8.tgz"\n\n'
		f'"air-datepicker@github:frappe/air-datepicker":\n  version "2.2.3"\n'
		f'  resolved "https://codeload.github.com/frappe/air-datepicker/tar.gz/{sha}"\n'
	)
	git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
	subprocess.run([*git, "init", "-q", "-b", "version-15"], check=True)
	subprocess.run([*git, "add", "yarn.lock"], check=True)
	subprocess.run([*git, "commit", "-qm", "lock"], check=True)
	config = bootstrap.Config.from_env({"HOME": str(tmp_path), "FRAPPE_REPO": str(repo)})
	assert bootstrap.pinned_commit(config) == sha
