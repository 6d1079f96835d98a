from ocop_app.rules.public_check import (
	CODE_ALPHABET,
	CODE_LENGTH,
	client_address,
	codes_match,
	new_check_code,
)


def test_codes_are_random_and_typeable():
	codes = {new_check_code() for _ in range(200)}
	assert len(codes) == 200
	assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)


def test_codes_match_ignoring_case_and_spaces_only():
	assert codes_match("abcde 23456", "ABCDE23456")
	assert not codes_match("ABCDE23457", "ABCDE23456")
	assert not codes_match("", "ABCDE23456")
	assert not codes_match(None, "ABCDE23456")
	assert not codes_match("", "")  # a certificate without a code is never shown
	assert not codes_match("ABCDE23456" * 50, "ABCDE23456")


def test_a_direct_client_is_its_peer_whatever_it_claims():
	assert client_address("198.51.100.4", "1.2.3.4") == "198.51.100.4"
	assert client_address("198.51.100.4", None) == "198.51.100.4"


def test_behind_our_proxy_the_last_untrusted_hop_counts():
	# nginx (proxy_add_x_forwarded_for) appends the address it saw after what the client wrote
	assert client_address("127.0.0.1", "6.6.6.6, 203.0.113.9") == "203.0.113.9"
	assert client_address("127.0.0.1", "203.0.113.9") == "203.0.113.9"
	assert client_address("127.0.0.1", None) == "127.0.0.1"
	# two proxies of ours (load balancer on 10.0.0.0/8, then nginx)
	assert client_address("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.5", ["127.0.0.1", "10.0.0.0/8"]) == (
		"203.0.113.9"
	)


def test_a_malformed_header_falls_back_to_the_peer():
	assert client_address("127.0.0.1", "<img src=x>") == "127.0.0.1"
	assert client_address("127.0.0.1", "203.0.113.9, nonsense") == "127.0.0.1"
	assert client_address("", "203.0.113.9") == "unknown"
