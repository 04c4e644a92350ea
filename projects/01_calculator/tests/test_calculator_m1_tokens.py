"""Milestone 1: the tokenizer.

Mistakes these tests catch: `**` read as two `*` (or `//` as two `/`),
columns counted from 0 or not at all, whitespace kept as tokens, decimals
split at the dot, names that cannot hold digits or underscores, no END
token, an unknown character skipped silently or reported without its column.
"""

import pytest
from calculator import CalcSyntaxError, Token, TokenKind, tokenize
from hypothesis import given
from hypothesis import strategies as st

K = TokenKind


def kinds(source: str) -> list[TokenKind]:
    return [token.kind for token in tokenize(source)]


@pytest.mark.task(taskno=1)
def test_tokenizes_a_simple_sum_with_columns() -> None:
    assert tokenize("12 + x") == [
        Token(K.NUMBER, "12", 1),
        Token(K.PLUS, "+", 4),
        Token(K.NAME, "x", 6),
        Token(K.END, "", 7),
    ], "each token keeps its exact text and the 1-based column of its first character; END closes the list"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("2**3", [K.NUMBER, K.DOUBLE_STAR, K.NUMBER, K.END]),
        ("7//2", [K.NUMBER, K.DOUBLE_SLASH, K.NUMBER, K.END]),
        ("2*-3", [K.NUMBER, K.STAR, K.MINUS, K.NUMBER, K.END]),
        ("2***3", [K.NUMBER, K.DOUBLE_STAR, K.STAR, K.NUMBER, K.END]),
        ("1/ /2", [K.NUMBER, K.SLASH, K.SLASH, K.NUMBER, K.END]),
        ("(a%b)=", [K.LPAREN, K.NAME, K.PERCENT, K.NAME, K.RPAREN, K.EQUALS, K.END]),
    ],
)
def test_reads_the_longest_operator_first(source: str, expected: list[TokenKind]) -> None:
    assert kinds(source) == expected, f"tokenize({source!r}): try `**` and `//` before `*` and `/`"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("number", ["0", "42", "3.25", "10.", ".5", "007"])
def test_reads_integers_and_decimals_as_one_number(number: str) -> None:
    assert tokenize(number) == [Token(K.NUMBER, number, 1), Token(K.END, "", len(number) + 1)]


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("name", ["x", "rate", "_tmp", "x2", "total_cost"])
def test_reads_names_with_letters_digits_and_underscores(name: str) -> None:
    assert tokenize(name)[0] == Token(K.NAME, name, 1)


@pytest.mark.task(taskno=1)
def test_skips_whitespace_but_counts_it_in_columns() -> None:
    tokens = tokenize("  1 \t*\t 2  ")
    assert [(t.kind, t.column) for t in tokens] == [(K.NUMBER, 3), (K.STAR, 6), (K.NUMBER, 9), (K.END, 12)]


@pytest.mark.task(taskno=1)
def test_empty_input_is_just_the_end() -> None:
    assert tokenize("") == [Token(K.END, "", 1)]


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("source", "column", "char"),
    [("1 $ 2", 3, "$"), ("2^3", 2, "^"), ("x = 3!", 6, "!"), ("1 + \u0663", 5, "\u0663"), ("\uff17", 1, "\uff17")],
    ids=["dollar", "caret", "bang", "arabic-indic-three", "fullwidth-seven"],
)
def test_rejects_an_unknown_character_with_its_column(source: str, column: int, char: str) -> None:
    error = _refusal(source, f"{char!r} is not a character the calculator knows")
    assert error.column == column, f"the error should point at {char!r}, column {column}"
    assert repr(char) in error.message, "the message should quote the character"


def _refusal(source: str, why: str) -> CalcSyntaxError:
    """The CalcSyntaxError that tokenize(source) raises; a failure that shows the tokens if it raises none."""
    try:
        tokens = tokenize(source)
    except CalcSyntaxError as error:
        return error
    pytest.fail(f"{why}, but it was read as tokens: {tokens}")


@pytest.mark.task(taskno=1)
def test_refuses_a_line_over_300_characters() -> None:
    assert len(tokenize("1" * 300)) == 2, "a line of exactly 300 characters is fine"
    with pytest.raises(CalcSyntaxError) as raised:
        tokenize("1" * 301)
    assert (raised.value.message, raised.value.column) == ("input too long (more than 300 characters)", 301), (
        "check the length before anything else: a hostile line of a million characters should cost nothing"
    )


pieces = st.sampled_from(["1", "23", "4.5", "x", "y_1", "+", "-", "*", "/", "//", "%", "**", "(", ")", "="])


@pytest.mark.task(taskno=1)
@given(st.lists(st.tuples(pieces, st.sampled_from([" ", "  ", "\t"])), max_size=12))
def test_columns_point_at_each_token_text(parts: list[tuple[str, str]]) -> None:
    source = "".join(text + gap for text, gap in parts)
    tokens = tokenize(source)
    assert [t.text for t in tokens[:-1]] == [text for text, _ in parts], "one token per piece, text unchanged"
    for token in tokens[:-1]:
        start = token.column - 1
        assert source[start : start + len(token.text)] == token.text, f"column of {token} is off"
    assert tokens[-1].kind is K.END
