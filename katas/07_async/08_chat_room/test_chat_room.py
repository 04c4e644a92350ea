"""Tests for the WebSocket kata, through FastAPI's TestClient (real WebSocket frames, no network).

Mistakes these tests catch: not accepting the connection, echoing without the "echo: " prefix, one reply then
silence (no loop), a broadcast that skips the sender or reaches another room, accepting a blank or duplicate
name, the member list unsorted or stale, a crash when a member disconnects (sending to a closed socket), no
"left" notice, blank or over-long messages broadcast instead of answered with an error to the sender only.
"""

from collections.abc import Iterator

import pytest
from chat_room import Room, create_app
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect


@pytest.fixture
def client() -> Iterator[TestClient]:
    """A client for a fresh app; used as a context manager so every connection shares one event loop."""
    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.mark.task(taskno=1)
def test_echo_answers_every_message(client: TestClient) -> None:
    with client.websocket_connect("/ws/echo") as websocket:
        websocket.send_text("hello")
        assert websocket.receive_text() == "echo: hello"
        websocket.send_text("again")
        assert websocket.receive_text() == "echo: again", "keep receiving in a loop until the client disconnects"


@pytest.mark.task(taskno=2)
def test_room_keeps_names_unique_and_sorted() -> None:
    room = Room()
    room.join("bob", object())  # type: ignore[arg-type]
    room.join("alice", object())  # type: ignore[arg-type]
    assert room.names() == ["alice", "bob"]
    with pytest.raises(ValueError, match="already in this room"):
        room.join("bob", object())  # type: ignore[arg-type]


@pytest.mark.task(taskno=4)
def test_room_leave_is_safe_to_repeat() -> None:
    room = Room()
    room.join("bob", object())  # type: ignore[arg-type]
    room.leave("bob")
    room.leave("bob")  # a second disconnect notice must not crash the handler
    assert room.names() == []


@pytest.mark.task(taskno=2)
def test_joining_announces_the_member_list(client: TestClient) -> None:
    with client.websocket_connect("/ws/rooms/lobby?name=bob") as bob:
        assert bob.receive_json() == {"type": "joined", "name": "bob", "members": ["bob"]}
        with client.websocket_connect("/ws/rooms/lobby?name=alice") as alice:
            expected = {"type": "joined", "name": "alice", "members": ["alice", "bob"]}
            assert alice.receive_json() == expected, "the newcomer hears its own join, with the sorted member list"
            assert bob.receive_json() == expected, "everyone already in the room hears the join too"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("query", ["", "?name=", "?name=%20%20"])
def test_a_name_is_required(client: TestClient, query: str) -> None:
    with pytest.raises(WebSocketDisconnect) as closed, client.websocket_connect(f"/ws/rooms/lobby{query}"):
        pytest.fail("the connection was accepted: refuse it with close(code=1008) BEFORE accept()")
    assert closed.value.code == 1008, "close with 1008 (policy violation) before accepting"


@pytest.mark.task(taskno=2)
def test_a_name_is_unique_within_a_room(client: TestClient) -> None:
    with client.websocket_connect("/ws/rooms/lobby?name=alice") as alice:
        alice.receive_json()
        with pytest.raises(WebSocketDisconnect) as closed, client.websocket_connect("/ws/rooms/lobby?name=alice") as ws:
            ws.receive_json()
        assert closed.value.code == 1008
        with client.websocket_connect("/ws/rooms/garden?name=alice") as other_room:
            assert other_room.receive_json()["members"] == ["alice"], "the same name is fine in another room"


@pytest.mark.task(taskno=3)
def test_messages_reach_everyone_in_the_room_and_nobody_else(client: TestClient) -> None:
    with (
        client.websocket_connect("/ws/rooms/lobby?name=alice") as alice,
        client.websocket_connect("/ws/rooms/lobby?name=bob") as bob,
        client.websocket_connect("/ws/rooms/garden?name=carol") as carol,
    ):
        alice.receive_json()
        alice.receive_json()
        bob.receive_json()
        carol.receive_json()
        alice.send_json({"text": "  hi all "})
        expected = {"type": "message", "from": "alice", "text": "hi all"}
        assert bob.receive_json() == expected
        assert alice.receive_json() == expected, "the sender sees its own message too (it confirms delivery)"
        carol.send_json({"text": "anyone?"})
        assert carol.receive_json()["text"] == "anyone?", "carol's room is separate: she receives only her own"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("payload", [{"text": "   "}, {"text": "x" * 501}, {"nope": 1}, ["text"]])
def test_invalid_messages_get_an_error_for_the_sender_only(client: TestClient, payload: object) -> None:
    with (
        client.websocket_connect("/ws/rooms/lobby?name=alice") as alice,
        client.websocket_connect("/ws/rooms/lobby?name=bob") as bob,
    ):
        alice.receive_json()
        alice.receive_json()
        bob.receive_json()
        alice.send_json(payload)
        reply = alice.receive_json()
        assert reply["type"] == "error", f"answer {payload!r} with an error, not a broadcast (got {reply})"
        alice.send_json({"text": "ok"})
        assert bob.receive_json() == {"type": "message", "from": "alice", "text": "ok"}, "bob never saw the bad one"


@pytest.mark.task(taskno=3)
def test_a_message_of_exactly_500_characters_is_fine(client: TestClient) -> None:
    with client.websocket_connect("/ws/rooms/lobby?name=alice") as alice:
        alice.receive_json()
        alice.send_json({"text": "x" * 500})
        reply = alice.receive_json()
        assert reply.get("type") == "message", f"500 characters is the limit, not over it: got {reply}"


@pytest.mark.task(taskno=4)
def test_leaving_is_announced_and_the_room_keeps_working(client: TestClient) -> None:
    with client.websocket_connect("/ws/rooms/lobby?name=alice") as alice:
        alice.receive_json()
        with client.websocket_connect("/ws/rooms/lobby?name=bob") as bob:
            bob.receive_json()
            alice.receive_json()
        assert alice.receive_json() == {"type": "left", "name": "bob", "members": ["alice"]}
        alice.send_json({"text": "still here"})
        assert alice.receive_json()["text"] == "still here", "after bob left, broadcasting must skip him"
        with client.websocket_connect("/ws/rooms/lobby?name=bob") as bob_again:
            assert bob_again.receive_json()["members"] == ["alice", "bob"], "bob's name is free again once he left"
