"""VietQR (Napas, on EMVCo merchant-presented QR) payloads for bank transfers to producers.

The payload is a list of TLV fields (2-digit id, 2-digit length, value) ending in a CRC-16/CCITT
checksum, which banking apps read to fill in the transfer: the beneficiary bank's BIN, account
number, amount in VND and the transfer note.
"""

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
VND = "704"


def tlv(tag: str, value: str) -> str:
	if len(value) > 99:
		raise ValueError(f"field {tag} is longer than 99 characters")
	return f"{tag}{len(value):02d}{value}"


def crc16_ccitt(data: str) -> str:
	crc = 0xFFFF
	for byte in data.encode("utf-8"):
		crc ^= byte << 8
		for _ in range(8):
			crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
			crc &= 0xFFFF
	return f"{crc:04X}"


def payload(bin_code: str, account_number: str, amount: float | None = None, note: str = "") -> str:
	"""The VietQR string for a transfer of ``amount`` VND to ``account_number`` at bank ``bin_code``."""
	if not (bin_code.isdigit() and len(bin_code) == 6):
		raise ValueError("a VietQR bank BIN has 6 digits")
	beneficiary = tlv("00", bin_code) + tlv("01", account_number)
	merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_TO_ACCOUNT)
	fields = [
		tlv("00", "01"),
		tlv("01", "12" if amount else "11"),  # 12: one payment of this amount, 11: reusable
		tlv("38", merchant),
		tlv("53", VND),
	]
	if amount:
		fields.append(tlv("54", str(round(amount))))
	fields.append(tlv("58", "VN"))
	if note:
		fields.append(tlv("62", tlv("08", ascii_note(note)[:50])))
	body = "".join(fields) + "6304"
	return body + crc16_ccitt(body)


def ascii_note(note: str) -> str:
	"""Banks carry transfer notes without accents."""
	from ocop_app.rules.bank import fold_name

	return fold_name(note)
