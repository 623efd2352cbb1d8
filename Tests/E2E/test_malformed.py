"""Malformed and abusive requests get a 4xx answer, never a crash or a hang."""

from __future__ import annotations

import pytest

import byline_e2e as e2e


@pytest.fixture(scope="module")
def site(seeded_site):
    return seeded_site


CASES = {
    "garbage request line": b"GARBAGE\r\n\r\n",
    "TLS handshake on the plain port": b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + b"\x00" * 40,
    "one 200 KB header": b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n",
    "5000 headers": b"GET / HTTP/1.1\r\nHost: x\r\n"
    + b"".join(b"X-H%d: v\r\n" % i for i in range(5000))
    + b"\r\n",
    "100 KB request target": b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    "non-numeric Content-Length": b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    "bad HTTP version": b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_request_gets_4xx_and_server_survives(site, name):
    head, _ = e2e.raw_http("127.0.0.1", site.port, CASES[name], timeout=10)
    status = int(head.split(" ", 2)[1])
    assert 400 <= status < 500, f"{name}: {head!r}"
    health = site.get("/healthz")
    assert health.status == 200, f"server unhealthy after {name}: {health.describe()}"
