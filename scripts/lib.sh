# Shared by scripts/start and scripts/test: use an existing Frappe 15 + ERPNext 15 bench.
# Nothing here builds a bench; see the README for what it must have.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="${FRAPPE_BENCH:-$HOME/frappe-bench}"
DB_ROOT_PASSWORD="${MARIADB_ROOT_PASSWORD:-root}"
ADMIN_PASSWORD="${OCOP_ADMIN_PASSWORD:-admin}"

say() { printf '\033[1m[ocop]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[ocop] %s\033[0m\n' "$*" >&2; exit 1; }

require_bench() {
	[ -x "$BENCH/env/bin/python" ] && [ -d "$BENCH/apps/frappe" ] && [ -d "$BENCH/apps/erpnext" ] && [ -d "$BENCH/sites" ] || {
		printf '[ocop] FAILURE: no Frappe 15 + ERPNext 15 bench at %s (need env/, sites/, apps/frappe, apps/erpnext).\n' "$BENCH" >&2
		printf '[ocop] Build one first (https://frappeframework.com/docs/user/en/installation), or set FRAPPE_BENCH.\n' >&2
		return 1
	}
}

# frappe's own CLI, as `bench` runs it, without needing the bench tool on PATH
frappe_cmd() { (cd "$BENCH/sites" && "$BENCH/env/bin/python" -m frappe.utils.bench_helper frappe "$@"); }

redis_port() { sed -n 's/^port \([0-9]*\).*/\1/p' "$BENCH/config/$1.conf" 2>/dev/null; }

start_services() {
	if ! mysqladmin ping -h 127.0.0.1 -uroot -p"$DB_ROOT_PASSWORD" --silent >/dev/null 2>&1; then
		say "starting MariaDB"
		if command -v service >/dev/null && service mariadb start >/dev/null 2>&1; then :; else
			(mysqld_safe >/dev/null 2>&1 &)
		fi
		for _ in $(seq 1 60); do
			mysqladmin ping -h 127.0.0.1 -uroot -p"$DB_ROOT_PASSWORD" --silent >/dev/null 2>&1 && break
			sleep 1
		done
		mysqladmin ping -h 127.0.0.1 -uroot -p"$DB_ROOT_PASSWORD" --silent >/dev/null 2>&1 || die "MariaDB did not start"
	fi
	for conf in redis_cache redis_queue; do
		local port
		port="$(redis_port "$conf")"
		[ -n "$port" ] || die "no $BENCH/config/$conf.conf (run 'bench setup redis' in the bench)"
		if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
			say "starting $conf on port $port"
			(cd "$BENCH/config" && redis-server "$conf.conf" --daemonize yes >/dev/null)
			for _ in $(seq 1 20); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
		fi
	done
}

# Put the checkout at $1 into the bench as apps/ocop_app (a symlink) and install its dependencies.
link_app() {
	local src="$1" app="$BENCH/apps/ocop_app"
	if [ -e "$app" ] && [ ! -L "$app" ]; then
		die "$app is a directory, not a link to a checkout: move it away first"
	fi
	ln -sfn "$src" "$app"
	grep -qx "ocop_app" "$BENCH/sites/apps.txt" || printf '\nocop_app\n' >>"$BENCH/sites/apps.txt"
	sed -i '/^$/d' "$BENCH/sites/apps.txt"
	local stamp="$BENCH/env/.ocop_app_deps" want
	want="$(sha1sum "$src/pyproject.toml" | cut -c1-40)"
	if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] \
		|| ! "$BENCH/env/bin/python" -c "import importlib.metadata as m; m.version('ocop_app')" 2>/dev/null; then
		say "installing ocop_app and its dependencies into the bench env"
		"$BENCH/env/bin/python" -m pip install --quiet --disable-pip-version-check -e "$app" || {
			say "FAILURE: pip could not install ocop_app into $BENCH/env"
			return 1
		}
		echo "$want" >"$stamp"
	fi
	# import ocop_app through the link, so that whichever checkout it points at is the one that runs
	local site_packages
	site_packages="$("$BENCH/env/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
	rm -f "$site_packages"/__editable__*ocop_app* "$site_packages"/_ocop_app*.pth
	echo "$app" >"$site_packages/ocop_app.pth"
	mkdir -p "$BENCH/sites/assets"
	ln -sfn "$app/ocop_app/public" "$BENCH/sites/assets/ocop_app"
}

# What a migrate depends on: the code of frappe, erpnext and ocop_app (the checkout's content, not its path).
site_fingerprint() {
	{
		git -C "$BENCH/apps/frappe" rev-parse HEAD 2>/dev/null
		git -C "$BENCH/apps/erpnext" rev-parse HEAD 2>/dev/null
		(
			cd "$REPO" || exit
			git ls-files -s -- ocop_app pyproject.toml && git diff HEAD -- ocop_app pyproject.toml
			git ls-files -o --exclude-standard -z -- ocop_app | xargs -0 -r sha1sum
		) 2>/dev/null | sha1sum
	} | sha1sum | cut -c1-16
}

site_config_value() {
	"$BENCH/env/bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' \
		"$BENCH/sites/$1/site_config.json" "$2" 2>/dev/null
}

# Create $1 with ERPNext and ocop_app, or migrate it if it exists and its code changed since.
ensure_site() {
	local site="$1"
	local apps
	# a creation that stopped half-way leaves a site without erpnext and without the mark of a
	# finished creation or migrate: only that is made again (never a site whose apps cannot be read)
	if [ -d "$BENCH/sites/$site" ] && [ -z "$(site_config_value "$site" ocop_migrated)" ] \
		&& apps="$(frappe_cmd --site "$site" list-apps 2>/dev/null)" && ! grep -q '^erpnext' <<<"$apps"; then
		say "$site is incomplete (an earlier creation stopped): dropping it to make it again"
		frappe_cmd drop-site "$site" --db-root-username root --db-root-password "$DB_ROOT_PASSWORD" --force --no-backup >&2 \
			|| rm -rf "$BENCH/sites/$site"
	fi
	if [ -d "$BENCH/sites/$site" ]; then
		if [ "$(site_fingerprint)" = "$(site_config_value "$site" ocop_migrated)" ]; then
			say "$site is up to date (same frappe, erpnext and ocop_app as its last migrate)"
		else
			say "migrating $site"
			frappe_cmd --site "$site" migrate >&2 || return 1
			frappe_cmd --site "$site" set-config ocop_migrated "$(site_fingerprint)" >/dev/null
		fi
	else
		say "creating $site (ERPNext + ocop_app; takes several minutes the first time)"
		frappe_cmd new-site "$site" --db-root-password "$DB_ROOT_PASSWORD" --admin-password "$ADMIN_PASSWORD" \
			--install-app erpnext --install-app ocop_app --db-root-username root >&2 || return 1
		frappe_cmd --site "$site" set-config ocop_migrated "$(site_fingerprint)" >/dev/null
	fi
	apps="$(frappe_cmd --site "$site" list-apps 2>/dev/null)"
	if ! grep -q '^ocop_app' <<<"$apps"; then
		frappe_cmd --site "$site" install-app ocop_app >&2 || return 1
	fi
	return 0
}
