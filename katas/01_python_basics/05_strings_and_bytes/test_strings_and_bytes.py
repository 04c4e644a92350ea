"""Tests for the strings-and-bytes kata.

Mistakes these tests catch: a header split at every `:` (so `localhost:8000`
loses its port); the name left in its original case, or the value keeping its
spaces or `\r\n`; a line without `:`, with an empty name or with a space in the
name accepted; a mask that shows the start instead of the end, changes the
length, shows part of a short secret, or shows everything when `visible=0`
(`secret[-0:]` is the whole string); a report padded to a fixed width, without
thousands separators, aligned to the widest number without its commas, or with
trailing spaces; a response whose Content-Length counts characters instead of
bytes, whose lines end in `\n` instead of `\r\n`, that misses the blank line
before the body, or that returns str instead of bytes.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strings_and_bytes import format_report, http_response, mask_secret, parse_header


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Content-Type:  text/html; charset=utf-8\r\n", ("content-type", "text/html; charset=utf-8")),
        ("Host: localhost:8000", ("host", "localhost:8000")),
        ("X-Request-ID:abc123", ("x-request-id", "abc123")),
        ("ACCEPT: */*\n", ("accept", "*/*")),
        ("Authorization: Bearer a:b:c", ("authorization", "Bearer a:b:c")),
        ("X-Empty:", ("x-empty", "")),
    ],
    ids=["spaces-and-crlf", "colon-in-value", "no-space", "upper-case", "colons-in-value", "empty-value"],
)
def test_parse_header_splits_name_and_value(line: str, expected: tuple[str, str]) -> None:
    assert parse_header(line) == expected, (
        f"parse_header({line!r}) should be {expected!r}: split at the first ':', lower-case the name, strip the value"
    )


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    "line",
    ["no colon here", ": value", "Bad Header: x", " Host: x", "Host\t: x", ""],
    ids=["no-colon", "empty-name", "space-in-name", "leading-space", "tab-in-name", "empty-line"],
)
def test_parse_header_rejects_a_malformed_line(line: str) -> None:
    with pytest.raises(ValueError, match="malformed header line") as caught:
        parse_header(line)
    assert str(caught.value) == f"malformed header line: {line!r}", "show the line with repr(), so spaces are visible"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("secret", "visible", "expected"),
    [
        ("sk_live_51HqLyjWDarjtT1zdp7dc", 4, "*************************p7dc"),
        ("abcdefghij", 2, "********ij"),
        ("abc", 1, "**c"),
        ("abcdefghi", 4, "*****fghi"),
        ("abcdefgh", 4, "********"),
        ("hunter2", 4, "*******"),
        ("", 4, ""),
    ],
    ids=["api-key", "visible-2", "visible-1", "just-long-enough", "exactly-double", "short", "empty"],
)
def test_mask_secret_shows_only_the_end_of_long_secrets(secret: str, visible: int, expected: str) -> None:
    assert mask_secret(secret, visible) == expected, f"mask_secret({secret!r}, {visible}) should be {expected!r}"


@pytest.mark.task(taskno=2)
def test_mask_secret_shows_four_characters_by_default() -> None:
    assert mask_secret("sk_live_51HqLyjWDarjtT1zdp7dc") == "*************************p7dc", "visible defaults to 4"


@pytest.mark.task(taskno=2)
def test_mask_secret_with_nothing_visible_hides_everything() -> None:
    assert mask_secret("abcdefgh", visible=0) == "********", (
        "visible=0 shows nothing: note that secret[-0:] is the whole string, since -0 == 0"
    )


@pytest.mark.task(taskno=2)
@given(st.text(alphabet="abcXYZ019_-", max_size=40), st.integers(min_value=0, max_value=8))
def test_mask_secret_keeps_the_length_and_never_leaks_much(secret: str, visible: int) -> None:
    masked = mask_secret(secret, visible)
    assert len(masked) == len(secret), "the mask is exactly as long as the secret"
    shown = len(masked) - masked.count("*")
    assert shown <= visible, f"at most {visible} characters may show, {shown} did: {masked!r}"
    assert shown < len(secret) or not secret, "never show a whole secret"


@pytest.mark.task(taskno=3)
def test_format_report_aligns_paths_and_hits() -> None:
    report = format_report([("/users", 1204), ("/orders/new", 17), ("/", 1000000)])
    expected = "/users           1,204\n/orders/new         17\n/            1,000,000"
    assert report == expected, (
        "paths padded to the longest path, two spaces, hits right-aligned with commas:\n"
        f"expected:\n{expected}\ngot:\n{report}"
    )


@pytest.mark.task(taskno=3)
def test_format_report_edge_cases() -> None:
    assert format_report([]) == "", "no rows, no report"
    assert format_report([("/health", 3)]) == "/health  3", "one row: nothing to pad, still two spaces between"
    lines = format_report([("/a", 5), ("/bbbb", 10)]).split("\n")
    assert lines == ["/a      5", "/bbbb  10"], (
        f"'/a' is padded to the width of '/bbbb', and 5 right-aligned under 10: {lines}"
    )


@pytest.mark.task(taskno=3)
@given(
    st.lists(
        st.tuples(st.text(alphabet="/abcxyz-", min_size=1, max_size=12), st.integers(min_value=0, max_value=10**9)),
        min_size=1,
        max_size=8,
    )
)
def test_format_report_lines_are_all_equally_wide(rows: list[tuple[str, int]]) -> None:
    lines = format_report(rows).split("\n")
    assert len(lines) == len(rows), "one line per row"
    assert len({len(line) for line in lines}) == 1, f"every line should be as wide as the others: {lines}"
    assert all(line == line.rstrip() for line in lines), "no trailing spaces"


@pytest.mark.task(taskno=4)
def test_http_response_is_bytes_with_crlf_lines() -> None:
    response = http_response(200, "OK", "hello")
    assert isinstance(response, bytes), f"a response goes over the wire as bytes, got {type(response).__name__}"
    assert response == (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n\r\nhello"
    ), "status line, two headers, an empty line, then the body; every line ends with \\r\\n"


@pytest.mark.task(taskno=4)
def test_http_response_content_length_counts_bytes() -> None:
    response = http_response(404, "Not Found", "héllo ✓")
    head, _, body = response.partition(b"\r\n\r\n")
    assert body == "héllo ✓".encode(), "the body is the text encoded as UTF-8"
    assert b"Content-Length: 10\r\n" in head + b"\r\n", (
        "'héllo ✓' is 7 characters but 10 bytes in UTF-8: Content-Length counts bytes, len(body.encode('utf-8'))"
    )
    assert head.startswith(b"HTTP/1.1 404 Not Found\r\n"), "the status line comes first"


@pytest.mark.task(taskno=4)
def test_http_response_with_an_empty_body() -> None:
    assert http_response(204, "No Content", "").endswith(b"Content-Length: 0\r\n\r\n"), (
        "an empty body still has its Content-Length (0) and the blank line"
    )
