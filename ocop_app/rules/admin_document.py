"""The signature block and document number of an administrative document (Nghị định 30/2020/NĐ-CP,
Điều 8 and Phụ lục I): plain functions over what the issuing unit has configured.

- "TM." (thay mặt) signs for a collective body: ``TM. ỦY BAN NHÂN DÂN`` / ``CHỦ TỊCH``;
- "KT." (ký thay) is a deputy signing for the head: ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``;
- "TL.", "TUQ.", "Q." likewise put the authority before the signer's own title;
- no authority: the head signs under their own title (``CHỦ TỊCH``).

A unit that has configured nothing keeps the older behaviour: the decision's free-text signer
("Phó Chủ tịch Nguyễn Văn A") gives the title, a deputy signing "KT. CHỦ TỊCH".
"""

AUTHORITIES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
TITLES = ("phó chủ tịch", "chủ tịch")  # longest first: "phó chủ tịch" also ends in "chủ tịch"


def split_signer(text: str | None) -> tuple[str, str]:
	"""``"Phó Chủ tịch Nguyễn Văn A"`` → ``("PHÓ CHỦ TỊCH", "Nguyễn Văn A")``; a bare name has no title."""
	text = " ".join((text or "").split())
	for title in TITLES:
		if text.lower().startswith(title):
			return title.upper(), text[len(title) :].strip(" ,-:")
	return "", text


def signature_lines(
	authority: str | None = None,
	on_behalf_of: str | None = None,
	signer_title: str | None = None,
	signer: str | None = None,
) -> list[str]:
	"""The bold lines above the signature, e.g. ``["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]``."""
	authority = (authority or "").strip()
	on_behalf_of = (on_behalf_of or "").strip().upper()
	title = (signer_title or "").strip().upper()
	if authority and authority not in AUTHORITIES:
		raise ValueError(f"unknown signing authority {authority!r}")
	if not title:
		title = split_signer(signer)[0] or "CHỦ TỊCH"
		if not authority and title == "PHÓ CHỦ TỊCH":
			authority, on_behalf_of = "KT.", "CHỦ TỊCH"
	lines = [f"{authority} {on_behalf_of}"] if authority and on_behalf_of else []
	return [*lines, title]


def signer_name(signer: str | None, configured_name: str | None = None) -> str:
	"""The name under the signature: the decision's own signer if it names someone, else the unit's."""
	return split_signer(signer)[1] or (configured_name or "").strip()


def document_number(number: str | None, symbol: str | None = None) -> str:
	"""``"125"`` → ``"125/QĐ-UBND"`` (a number already carrying its symbol stays as it is)."""
	number = (number or "").strip()
	symbol = (symbol or "").strip() or "QĐ-UBND"
	if not number:
		return "\u00a0" * 8 + f"/{symbol}"
	return number if "/" in number else f"{number}/{symbol}"


def recipient_lines(text: str | None, defaults: list[str]) -> list[str]:
	"""The "Nơi nhận" list, one recipient a line, each "- …;" and the last "- Lưu: VT…"."""
	lines = [line.strip().lstrip("-").strip().rstrip(";.") for line in (text or "").splitlines()]
	lines = [line for line in lines if line] or list(defaults)
	if not any(line.lower().startswith("lưu") for line in lines):
		lines.append("Lưu: VT")
	return [f"- {line};" for line in lines[:-1]] + [f"- {lines[-1]}."]
