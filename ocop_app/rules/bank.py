"""Producers' bank accounts: what a bank transfer needs."""

import re
import unicodedata

ACCOUNT_NUMBER = re.compile(r"^[0-9A-Za-z]{4,19}$")


def normalise_account_number(value: str | None) -> str:
	return re.sub(r"[\s.\-]", "", value or "")


def is_valid_account_number(value: str | None) -> bool:
	"""Vietnamese bank account numbers are 4–19 letters or digits once spaces and dots are dropped."""
	return bool(ACCOUNT_NUMBER.match(normalise_account_number(value)))


def fold_name(value: str | None) -> str:
	"""Upper-case ASCII form of a name, as banks print beneficiaries: "Hợp tác xã Đồng Tâm" → "HOP TAC XA DONG TAM"."""
	text = unicodedata.normalize("NFD", (value or "").replace("Đ", "D").replace("đ", "d"))
	text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
	return re.sub(r"[^A-Z0-9]+", " ", text.upper()).strip()


def holder_matches(holder: str | None, *names: str | None) -> bool:
	"""A transfer's beneficiary name matches the producer (or its representative), accents aside."""
	folded = fold_name(holder)
	return bool(folded) and any(folded == fold_name(n) for n in names if n)
