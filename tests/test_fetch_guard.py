"""The SSRF guard: refused schemes, addresses and host spellings, before any request."""

from __future__ import annotations

import asyncio
import ipaddress
import shutil
import ssl
import subprocess
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from sourcetrace import _errors as errors
from sourcetrace._config import TraceConfig
from sourcetrace.fetch import AddressGuard, Fetcher, blocked_reason, parse_numeric_ipv4

pytestmark = pytest.mark.network


def _url(server: HTTPServer, path: str) -> str:
    """The server's URL by address (``url_for`` says "localhost", a name)."""
    return f"http://127.0.0.1:{server.port}{path}"


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("0177.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("169.254.43518", "169.254.169.254"),
        ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"),
        ("3232235521", "192.168.0.1"),
    ],
)
def test_guard_numeric_host_forms(host: str, expected: str) -> None:
    assert str(parse_numeric_ipv4(host)) == expected


@pytest.mark.parametrize("host", ["example.org", "1.2.3.4.5", "256.1.1.1", "09.1.1.1", "0x"])
def test_guard_not_numeric_hosts(host: str) -> None:
    # "0x" alone is hex zero for inet_aton; the others are names or invalid.
    if host == "0x":
        assert str(parse_numeric_ipv4(host)) == "0.0.0.0"
    else:
        assert parse_numeric_ipv4(host) is None


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd00:ec2::254",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::a00:1",
        "2002:7f00:1::",
        "::127.0.0.1",
    ],
)
def test_guard_blocks_internal_addresses(address: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"])
def test_guard_allows_public_addresses(address: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) is None


def test_guard_metadata_reason_is_named() -> None:
    assert blocked_reason(ipaddress.ip_address("169.254.169.254")) == "a cloud metadata address"
    reason = blocked_reason(ipaddress.ip_address("fd00:ec2::254"))
    assert reason == "a cloud metadata address"


def test_guard_allow_hosts_opens_names_and_networks() -> None:
    guard = AddressGuard(TraceConfig(allow_hosts=("10.0.0.0/8", "intranet.example")))
    guard.check_address("u", "any.example", ipaddress.ip_address("10.2.3.4"))
    guard.check_address("u", "intranet.example", ipaddress.ip_address("192.168.9.9"))
    guard.check_address("u", "x", ipaddress.ip_address("::ffff:10.0.0.7"))
    with pytest.raises(errors.BlockedURLError, match="allow_hosts"):
        guard.check_address("u", "other.example", ipaddress.ip_address("192.168.9.9"))


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/x",
        "file:///etc/passwd",
        "gopher://example.org/",
        "javascript:1",
        "http:///nohost",
        "http://[::1",
        "http://user@[fe80::1%25eth0]/",
    ],
)
def test_guard_refuses_bad_urls_before_any_request(url: str) -> None:
    async def main() -> None:
        async with Fetcher(TraceConfig()) as fetcher:
            await fetcher.fetch(url)

    with pytest.raises(errors.BlockedURLError):
        asyncio.run(main())


def _loopback_spellings(port: int) -> list[str]:
    return [
        f"http://127.0.0.1:{port}/",
        f"http://localhost:{port}/",
        f"http://2130706433:{port}/",
        f"http://0177.0.0.1:{port}/",
        f"http://0x7f.0.0.1:{port}/",
        f"http://127.1:{port}/",
        f"http://[::ffff:127.0.0.1]:{port}/",
        f"http://[::1]:{port}/",
        f"http://0.0.0.0:{port}/",
        f"http://127.0.0.1.:{port}/",
        f"http://LocalHost:{port}/",
    ]


def test_guard_default_mode_sends_zero_requests_to_loopback(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data("internal admin page")
    port = httpserver.port
    refused: list[str] = []

    async def main() -> None:
        async with Fetcher(TraceConfig()) as fetcher:
            for url in _loopback_spellings(port):
                with pytest.raises(errors.BlockedURLError) as info:
                    await fetcher.fetch(url)
                assert info.value.url == url
                assert info.value.attempts == 0
                refused.append(url)

    asyncio.run(main())
    assert len(refused) == len(_loopback_spellings(port))
    assert len(httpserver.log) == 0


def test_guard_message_says_how_to_allow(httpserver: HTTPServer) -> None:
    async def main() -> None:
        async with Fetcher(TraceConfig()) as fetcher:
            await fetcher.fetch(_url(httpserver, "/"))

    with pytest.raises(errors.BlockedURLError, match=r"loopback.*TraceConfig\.allow_hosts"):
        asyncio.run(main())


def test_guard_allow_list_opens_exactly_the_test_host(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data("hello", content_type="text/plain")
    config = TraceConfig(allow_hosts=("127.0.0.1",), respect_robots=False)

    async def main() -> bytes:
        async with Fetcher(config) as fetcher:
            return (await fetcher.fetch(_url(httpserver, "/"))).content

    assert asyncio.run(main()) == b"hello"


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/secret",
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[::ffff:10.0.0.1]/",
        "http://0xa9fea9fe/",
        "http://192.168.0.1:8080/admin",
        "file:///etc/passwd",
    ],
)
def test_guard_redirect_to_internal_address_is_refused(httpserver: HTTPServer, target: str) -> None:
    httpserver.expect_request("/go").respond_with_data("", status=302, headers={"Location": target})
    config = TraceConfig(allow_hosts=("127.0.0.1",), request_timeout=5, respect_robots=False)

    async def main() -> float:
        loop = asyncio.get_running_loop()
        start = loop.time()
        async with Fetcher(config) as fetcher:
            with pytest.raises(errors.BlockedURLError) as info:
                await fetcher.fetch(_url(httpserver, "/go"))
        assert info.value.attempts == 1  # the first hop only
        return loop.time() - start

    elapsed = asyncio.run(main())
    # Refused before connecting: a connection attempt to 10.0.0.1 would hang until timeout.
    assert elapsed < 1.0
    assert len(httpserver.log) == 1


def test_guard_borrowed_client_is_still_guarded(httpserver: HTTPServer) -> None:
    import httpx

    httpserver.expect_request("/").respond_with_data("x")

    async def main() -> None:
        async with httpx.AsyncClient() as client, Fetcher(TraceConfig(), client=client) as f:
            await f.fetch(_url(httpserver, "/"))

    with pytest.raises(errors.BlockedURLError):
        asyncio.run(main())
    assert len(httpserver.log) == 0


def test_guard_pinned_backend_refuses_internal_names() -> None:
    from sourcetrace.fetch._client import _GuardedBackend

    backend = _GuardedBackend(AddressGuard(TraceConfig()))

    async def main() -> None:
        await backend.connect_tcp("localhost", 80)

    with pytest.raises(errors.BlockedURLError, match="localhost"):
        asyncio.run(main())


def test_guard_connection_is_pinned_against_dns_rebinding(httpserver: HTTPServer) -> None:
    """The name answers a public address to the check, then loopback to the connect."""
    httpserver.expect_request("/").respond_with_data("internal", content_type="text/plain")
    answers = iter([["93.184.215.14"], ["127.0.0.1"]])
    asked: list[str] = []

    async def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    async def main() -> None:
        async with Fetcher(TraceConfig(respect_robots=False)) as fetcher:
            fetcher.guard.resolver = rebinding
            await fetcher.fetch(f"http://rebind.example:{httpserver.port}/")

    with pytest.raises(errors.BlockedURLError, match=r"127\.0\.0\.1"):
        asyncio.run(main())
    # Both look-ups happened (the check, then the connection), and no request got through.
    assert asked == ["rebind.example", "rebind.example"]
    assert len(httpserver.log) == 0


def test_guard_pinned_connection_keeps_the_host_header(httpserver: HTTPServer) -> None:
    port = httpserver.port
    httpserver.expect_request(
        "/page", headers={"Host": f"pinned.example:{port}"}
    ).respond_with_data("pinned", content_type="text/plain")

    async def fixed(host: str, port: int) -> list[str]:
        return ["127.0.0.1"] if host == "pinned.example" else []

    async def main() -> bytes:
        config = TraceConfig(allow_hosts=("pinned.example",), respect_robots=False)
        async with Fetcher(config) as fetcher:
            fetcher.guard.resolver = fixed
            return (await fetcher.fetch(f"http://pinned.example:{port}/page")).content

    # "pinned.example" exists in no real DNS: the connection went to the checked address.
    assert asyncio.run(main()) == b"pinned"


def _self_signed(directory: Path, host: str) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            f"/CN={host}",
            "-addext",
            f"subjectAltName=DNS:{host}",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_guard_pinned_tls_connection_keeps_sni_and_verifies_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sourcetrace.fetch import _client

    cert, key = _self_signed(tmp_path, "pinned.example")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    server_names: list[str | None] = []

    def record_name(sock: ssl.SSLObject, name: str | None, context: ssl.SSLContext) -> None:
        server_names.append(name)

    server_context.sni_callback = record_name
    client_context = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(_client, "_ssl_context", lambda: client_context)

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nsecure"
        )
        await writer.drain()
        writer.close()

    async def fixed(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    async def main() -> bytes:
        server = await asyncio.start_server(answer, "127.0.0.1", 0, ssl=server_context)
        port = server.sockets[0].getsockname()[1]
        config = TraceConfig(allow_hosts=("pinned.example",), respect_robots=False)
        try:
            async with Fetcher(config) as fetcher:
                fetcher.guard.resolver = fixed
                return (await fetcher.fetch(f"https://pinned.example:{port}/")).content
        finally:
            server.close()
            await server.wait_closed()

    # The connection went to 127.0.0.1, yet TLS named (and verified) pinned.example.
    assert asyncio.run(main()) == b"secure"
    assert server_names == ["pinned.example"]


def test_guard_host_allowed_by_name_needs_no_dns_with_a_mock_transport() -> None:
    import httpx

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text=f"mocked {request.url.path}")

    async def main(config: TraceConfig) -> bytes:
        async with Fetcher(config, transport=httpx.MockTransport(handler)) as fetcher:
            return (await fetcher.fetch("https://news.invalid/story")).content

    allowed = TraceConfig(allow_hosts=("news.invalid",), respect_robots=False)
    assert asyncio.run(main(allowed)) == b"mocked /story"
    # Not allowed by name: the guard must resolve it, and ".invalid" never resolves.
    with pytest.raises(errors.FetchError, match="cannot resolve"):
        asyncio.run(main(TraceConfig(respect_robots=False)))
