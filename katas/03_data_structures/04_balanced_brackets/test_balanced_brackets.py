"""Tests for the balanced-brackets kata.

Mistakes these tests catch: a stack that pops from the front (`pop(0)`, slow on 200 000 items), an
empty stack that is truthy or returns None from pop/peek instead of raising
IndexError, counting brackets instead of matching them (`([)]` passes), a
closer with nothing open crashing on the empty stack, text with unclosed
brackets reported as balanced, the latest instead of the earliest unclosed
bracket reported, brackets inside strings counted, escaped quotes ending a
string, an unterminated string ignored.
"""

import pytest
from balanced_brackets import Stack, first_error, is_balanced
from hypothesis import given
from hypothesis import strategies as st

PAIRS = {"(": ")", "[": "]", "{": "}"}

balanced_texts = st.recursive(
    st.text(alphabet="ab1 ,:", max_size=3),
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(sorted(PAIRS)), inner).map(lambda pair: pair[0] + pair[1] + PAIRS[pair[0]]),
        st.lists(inner, min_size=2, max_size=3).map("".join),
    ),
    max_leaves=12,
)


@pytest.mark.task(taskno=1)
def test_stack_is_last_in_first_out() -> None:
    stack: Stack[str] = Stack()
    stack.push("(")
    stack.push("[")
    assert stack.peek() == "[", "peek shows the item pushed last"
    assert len(stack) == 2, "peek must not remove anything"
    assert stack.pop() == "["
    assert stack.pop() == "("
    assert len(stack) == 0


@pytest.mark.task(taskno=1)
def test_empty_stack_is_falsy_and_refuses_pop_and_peek() -> None:
    stack: Stack[int] = Stack()
    assert not stack, "an empty stack is falsy (len 0)"
    with pytest.raises(IndexError, match=r"^pop from an empty stack$"):
        stack.pop()
    with pytest.raises(IndexError, match=r"^peek at an empty stack$"):
        stack.peek()
    stack.push(0)
    assert stack, "a stack holding a falsy item is still non-empty"


@pytest.mark.task(taskno=1)
@given(st.lists(st.one_of(st.integers(), st.none()), max_size=40))
def test_stack_matches_a_list_model(operations: list[int | None]) -> None:
    stack: Stack[int] = Stack()
    model: list[int] = []
    for operation in operations:
        if operation is None:
            if model:
                assert stack.pop() == model.pop()
        else:
            stack.push(operation)
            model.append(operation)
        assert len(stack) == len(model)


@pytest.mark.task(taskno=1)
@pytest.mark.timeout(3)
def test_stack_operations_are_constant_time() -> None:
    stack: Stack[int] = Stack()
    for number in range(200_000):
        stack.push(number)
    assert stack.peek() == 199_999
    for expected in range(199_999, -1, -1):
        assert stack.pop() == expected
    # a Timeout here means push or pop moves every item: work at the end of the list, where it is O(1)


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("text", ["", "no brackets", "()", "([]{})", '{"ids": [1, 2, 3]}', "f(a[0], {b: (c)})"])
def test_balanced_texts_are_balanced(text: str) -> None:
    assert is_balanced(text) is True, f"{text!r} is balanced"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("text", ["(", ")", "([)]", "(()", "())", "}{", "[1, 2"])
def test_unbalanced_texts_are_not(text: str) -> None:
    assert is_balanced(text) is False, f"{text!r} is not balanced: match each closer with the innermost opener"


@pytest.mark.task(taskno=2)
@given(balanced_texts)
def test_generated_balanced_text_is_balanced_and_breaks_without_any_bracket(text: str) -> None:
    assert is_balanced(text)
    for index, char in enumerate(text):
        if char in "()[]{}":
            broken = text[:index] + text[index + 1 :]
            assert not is_balanced(broken), f"{broken!r} lost one bracket, so it cannot be balanced"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": [1, 2}', 11),
        ("x = (1 + [2]", 4),
        ("((())", 0),
        ("([", 0),
        ('{"a": [1, (2', 0),
        ("a)", 1),
        ("([)]", 2),
        ("[]]", 2),
        ("{[()]}", None),
        ("", None),
    ],
)
def test_first_error_points_at_the_problem(text: str, expected: int | None) -> None:
    assert first_error(text) == expected, f"first_error({text!r}) should be {expected}"


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    "text",
    ['{"msg": "use ] and \\" freely"}', '["(", ")", "{"]', '"\\\\"', '{"path": "C:\\\\dir\\\\"}'],
    ids=["escaped-quote", "brackets-as-strings", "escaped-backslash", "trailing-backslashes"],
)
def test_brackets_inside_strings_are_ignored(text: str) -> None:
    assert is_balanced(text) is True, f"{text!r}: skip everything inside double-quoted strings"
    assert first_error(text) is None


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("text", "expected"),
    [('["unterminated]', 1), ('{"a": "b\\"}', 6), ('"ok" ]', 5), ('["x"', 0)],
    ids=["unterminated", "escaped-quote-does-not-close", "closer-after-string", "open-after-string"],
)
def test_first_error_with_strings(text: str, expected: int) -> None:
    assert first_error(text) == expected, f"first_error({text!r}) should be {expected}"
    assert is_balanced(text) is False
