"""Rules of the public certificate check page that need no site: check codes and client addresses.

A certificate's public address carries a random check code besides its number, so that nobody can
list certificates by counting numbers: the page answers "not found" unless both match.

The client address used for the per-client rate limit is the TCP peer, unless that peer is one of
our own reverse proxies (nginx on the same host by default): then it is the right-most address in
X-Forwarded-For that is not a proxy of ours. Addresses a client writes into X-Forwarded-For itself
stand to the left of those our proxies add, so they are never taken.
"""

import hmac
import ipaddress
import secrets

# no 0/O, 1/I/L: people type the code from paper as well as scan it
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # 31**10 ≈ 2**49.5 codes per certificate
DEFAULT_TRUSTED_PROXIES = ("127.0.0.1", "::1")


def new_check_code() -> str:
	return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str | None) -> str:
	return "".join((code or "").split()).upper()[: CODE_LENGTH * 2]


def codes_match(given: str | None, stored: str | None) -> bool:
	"""Constant-time comparison; an empty stored code never matches (certificate not yet coded)."""
	if not stored:
		return False
	return hmac.compare_digest(normalise_code(given).encode(), normalise_code(stored).encode())


def _is_ip(value: str) -> bool:
	try:
		ipaddress.ip_address(value)
		return True
	except ValueError:
		return False


def _in(address: str, networks) -> bool:
	try:
		ip = ipaddress.ip_address(address)
	except ValueError:
		return False
	return any(ip in network for network in networks)


def client_address(
	peer: str | None, forwarded_for: str | None, trusted_proxies=DEFAULT_TRUSTED_PROXIES
) -> str:
	"""The address to rate-limit: the peer, or behind trusted proxies the first untrusted hop."""
	networks = [ipaddress.ip_network(p, strict=False) for p in trusted_proxies or ()]
	peer = (peer or "").strip() or "unknown"
	if not forwarded_for or not _in(peer, networks):
		return peer
	hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
	for hop in reversed(hops):
		if not _is_ip(hop):
			return peer  # a malformed header: do not let it choose the bucket
		if not _in(hop, networks):
			return hop
	return peer
