"""Milestone 4: limits per connection — message size, frame size, rate, rooms — and what happens past them.

Mistakes these tests catch: measuring size in characters (an emoji is 4 bytes), refusing a big
message by dropping the connection instead of answering, letting a huge frame through to the JSON
parser, a rate limit shared by every connection (one flooder silences everyone) or none at all,
a limit that refuses but still broadcasts, refusing a frame of exactly the limit, not counting
binary frames, a refusal that does not name its limit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

pytestmark = pytest.mark.task(taskno=4)
Token = Callable[[str], str]
MakeClient = Callable[..., TestClient]


def join(ws: Any, room: str = "lobby") -> None:
    ws.send_json({"type": "join", "room": room})
    assert ws.receive_json()["type"] == "joined"
    assert ws.receive_json()["type"] == "presence"


def test_a_message_over_the_size_limit_is_refused_and_the_socket_stays_open(
    make_client: MakeClient, token: Token
) -> None:
    client = make_client(max_message_bytes=10)
    with client.websocket_connect(f"/ws?token={token('ann')}") as ws:
        join(ws)
        ws.send_json({"type": "message", "room": "lobby", "text": "x" * 11})
        error = ws.receive_json()
        assert (error["type"], error["code"]) == ("error", "too_large"), error
        ws.send_json({"type": "message", "room": "lobby", "text": "x" * 10})
        assert ws.receive_json()["text"] == "x" * 10, "exactly the limit is allowed, and the socket still works"


def test_the_size_limit_counts_utf8_bytes(make_client: MakeClient, token: Token) -> None:
    client = make_client(max_message_bytes=10)
    with client.websocket_connect(f"/ws?token={token('ann')}") as ws:
        join(ws)
        ws.send_json({"type": "message", "room": "lobby", "text": "🙂🙂🙂"})  # 3 characters, 12 bytes
        assert ws.receive_json().get("code") == "too_large", "three emoji are 12 bytes: over a 10-byte limit"


def test_a_refused_message_is_neither_broadcast_nor_stored(make_client: MakeClient, token: Token) -> None:
    client = make_client(max_message_bytes=10)
    with client.websocket_connect(f"/ws?token={token('ann')}") as ann:
        join(ann)
        ann.send_json({"type": "message", "room": "lobby", "text": "far too long for this"})
        ann.receive_json()  # the error
    with client.websocket_connect(f"/ws?token={token('sam')}") as sam:
        sam.send_json({"type": "join", "room": "lobby"})
        assert sam.receive_json()["history"] == [], "a refused message must not reach the history"


def test_an_oversized_frame_closes_the_socket_with_1009(make_client: MakeClient, token: Token) -> None:
    client = make_client(max_message_bytes=100, max_frame_bytes=200)
    with client.websocket_connect(f"/ws?token={token('ann')}") as ws:
        join(ws)
        ws.send_text("x" * 201)
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 1009, (
        f"a frame over max_frame_bytes closes with 1009 (too big), not {closed.value.code}"
    )


def test_a_flood_is_rate_limited(make_client: MakeClient, token: Token) -> None:
    client = make_client(rate_burst=3, rate_per_second=0.01)
    with client.websocket_connect(f"/ws?token={token('ann')}") as ws:
        join(ws)  # 1 frame of the burst of 3
        for n in range(2):
            ws.send_json({"type": "message", "room": "lobby", "text": f"ok {n}"})
            assert ws.receive_json()["text"] == f"ok {n}"
        ws.send_json({"type": "message", "room": "lobby", "text": "one too many"})
        error = ws.receive_json()
        assert (error["type"], error["code"]) == ("error", "rate_limited"), f"the 4th frame of a burst of 3: {error}"
        assert "try again" in error["detail"], "say when the client may try again"


def test_the_rate_limit_is_per_connection(make_client: MakeClient, token: Token) -> None:
    client = make_client(rate_burst=2, rate_per_second=0.01)
    with client.websocket_connect(f"/ws?token={token('ann')}") as ann:
        join(ann)
        ann.send_json({"type": "message", "room": "lobby", "text": "ann 1"})
        ann.receive_json()
        ann.send_json({"type": "message", "room": "lobby", "text": "ann 2"})
        assert ann.receive_json()["code"] == "rate_limited"
        with client.websocket_connect(f"/ws?token={token('sam')}") as sam:
            join(sam)
            sam.send_json({"type": "message", "room": "lobby", "text": "sam 1"})
            assert sam.receive_json()["text"] == "sam 1", "ann's flood must not use up sam's allowance"


def test_a_connection_may_only_be_in_so_many_rooms(make_client: MakeClient, token: Token) -> None:
    client = make_client(max_rooms_per_connection=2, rate_burst=10)
    with client.websocket_connect(f"/ws?token={token('ann')}") as ws:
        join(ws, "one")
        join(ws, "two")
        ws.send_json({"type": "join", "room": "three"})
        assert ws.receive_json()["code"] == "too_many_rooms"


def test_a_refusal_names_the_limit(make_client: MakeClient, token: Token) -> None:
    client = make_client(max_message_bytes=10, max_rooms_per_connection=1)
    with client.websocket_connect(f"/ws?token={token('ann')}") as ws:
        join(ws)
        ws.send_json({"type": "message", "room": "lobby", "text": "x" * 11})
        assert ws.receive_json()["detail"] == "messages are limited to 10 bytes of UTF-8"
        ws.send_json({"type": "join", "room": "random"})
        assert ws.receive_json()["detail"] == "at most 1 rooms at once"


def test_the_1009_close_reason_names_the_limit(make_client: MakeClient, token: Token) -> None:
    client = make_client(max_message_bytes=100, max_frame_bytes=200)
    with client.websocket_connect(f"/ws?token={token('ann')}") as ws:
        ws.send_text("x" * 201)
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert (closed.value.code, closed.value.reason) == (1009, "frames are limited to 200 bytes")


def test_a_frame_of_exactly_the_limit_is_read(make_client: MakeClient, token: Token) -> None:
    client = make_client(max_message_bytes=100, max_frame_bytes=200)
    with client.websocket_connect(f"/ws?token={token('ann')}") as ws:
        frame = '{"type": "join", "room": "lobby"}'
        ws.send_text(frame.ljust(200))  # JSON may end in spaces: 200 bytes, exactly the limit
        assert ws.receive_json()["type"] == "joined", (
            "max_frame_bytes is the largest frame allowed, not the first refused"
        )


def test_the_frame_limit_counts_binary_frames_too(make_client: MakeClient, token: Token) -> None:
    client = make_client(max_message_bytes=100, max_frame_bytes=200)
    with client.websocket_connect(f"/ws?token={token('ann')}") as ws:
        ws.send_bytes(b"x" * 201)
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 1009, "a binary frame over max_frame_bytes closes with 1009 too: count its bytes"


def test_an_empty_frame_is_a_bad_request_even_under_a_tiny_frame_limit(make_client: MakeClient, token: Token) -> None:
    client = make_client(max_message_bytes=1, max_frame_bytes=2)
    with client.websocket_connect(f"/ws?token={token('ann')}") as ws:
        ws.send_text("")
        error = ws.receive_json()
        assert (error["type"], error["code"]) == ("error", "bad_request"), f"an empty frame is 0 bytes: {error}"
