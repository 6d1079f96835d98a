"""OCOP stamps (tem OCOP): serial numbers of a printed batch, and reading one back.

Pure Python (no frappe). A batch has a random code; its stamps are numbered 1..quantity and a
serial reads ``<batch code>-<number, 5 digits>``. A serial is genuine when its batch exists, for
that product, and the number is within the batch.
"""

import re

MAX_STAMPS_PER_BATCH = 1000
STAMPS_PER_SHEET = 24  # 4 columns x 6 rows on A4
SERIAL = re.compile(r"^([A-Z0-9]{8})-(\d{5})$")


def serial(batch_code: str, number: int) -> str:
	return f"{batch_code}-{number:05d}"


def serials(batch_code: str, quantity: int) -> list[str]:
	return [serial(batch_code, n) for n in range(1, quantity + 1)]


def parse_serial(text: str | None) -> tuple[str, int] | None:
	"""(batch code, number) of a well-formed serial, None for anything else."""
	match = SERIAL.match((text or "").strip().upper())
	if not match:
		return None
	return match.group(1), int(match.group(2))


def genuine(number: int, quantity: int) -> bool:
	return 1 <= number <= quantity


def sheets(items: list, per_sheet: int = STAMPS_PER_SHEET) -> list[list]:
	"""The stamps in pages of ``per_sheet``."""
	return [items[i : i + per_sheet] for i in range(0, len(items), per_sheet)]
