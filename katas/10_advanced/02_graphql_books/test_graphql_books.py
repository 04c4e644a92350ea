"""Tests for the GraphQL kata: each test executes a query against the schema, as a client would send it.

Mistakes these tests catch: books not sorted by year, `publishedAfter` inclusive instead of strictly after, an
unknown id raising instead of giving null, a mutation that accepts a blank title, an ancient year or an unknown
author, a rejected book stored anyway, fetching authors one by one (N+1: one store call per book), a DataLoader
shared between requests (stale data, cache across users), authors returned in the wrong order for their ids.
"""

import asyncio
from typing import Any

import pytest
from graphql_books import AuthorRow, Store, make_context, sample_store, schema


@pytest.fixture
def store() -> Store:
    """Three authors and four books, fresh for each test."""
    return sample_store()


def run(store: Store, query: str, **variables: Any) -> dict[str, Any]:
    """Execute `query` as one request and return its data; fail with the GraphQL errors if there are any."""
    result = asyncio.run(schema.execute(query, variable_values=variables, context_value=make_context(store)))
    assert result.errors is None, f"the query failed: {[error.message for error in result.errors]}"
    assert result.data is not None
    return result.data


def errors_of(store: Store, query: str, **variables: Any) -> list[str]:
    result = asyncio.run(schema.execute(query, variable_values=variables, context_value=make_context(store)))
    return [error.message for error in result.errors or []]


AUTHORS = ["Ursula K. Le Guin", "Ted Chiang", "N. K. Jemisin"]
ADD_BOOK = """
mutation Add($title: String!, $year: Int!, $authorId: ID!) {
  addBook(book: {title: $title, year: $year, authorId: $authorId}) { id title year author { name } }
}
"""


@pytest.mark.task(taskno=1)
def test_books_lists_every_book_oldest_first(store: Store) -> None:
    data = run(store, "{ books { id title year } }")
    assert [book["year"] for book in data["books"]] == [1968, 1974, 2002, 2015]
    assert data["books"][0] == {"id": "1", "title": "A Wizard of Earthsea", "year": 1968}


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(("after", "titles"), [(2002, ["The Fifth Season"]), (2015, []), (1900, 4)])
def test_books_published_after_is_strictly_after(store: Store, after: int, titles: list[str] | int) -> None:
    data = run(store, "query($after: Int) { books(publishedAfter: $after) { title } }", after=after)
    found = [book["title"] for book in data["books"]]
    assert (len(found) if isinstance(titles, int) else found) == titles, f"books published after {after}"


@pytest.mark.task(taskno=1)
def test_book_by_id_and_null_for_an_unknown_id(store: Store) -> None:
    assert run(store, '{ book(id: "3") { title } }') == {"book": {"title": "Stories of Your Life and Others"}}
    assert run(store, '{ book(id: "99") { title } }') == {"book": None}, "an unknown id is null, not an error"


@pytest.mark.task(taskno=2)
def test_add_book_stores_it_and_returns_it(store: Store) -> None:
    data = run(store, ADD_BOOK, title="  Exhalation ", year=2019, authorId="2")
    assert data["addBook"] == {"id": "5", "title": "Exhalation", "year": 2019, "author": {"name": "Ted Chiang"}}, (
        "strip the spaces around the title; the new book's author must resolve"
    )
    assert run(store, "{ books { title } }")["books"][-1] == {"title": "Exhalation"}


@pytest.mark.task(taskno=2)
def test_the_first_book_of_an_empty_store_gets_id_1() -> None:
    store = Store(authors={1: AuthorRow(1, "Octavia E. Butler")})
    assert run(store, ADD_BOOK, title="Kindred", year=1979, authorId="1")["addBook"]["id"] == "1"


@pytest.mark.task(taskno=2)
def test_a_book_from_1450_is_old_enough(store: Store) -> None:
    data = run(store, ADD_BOOK, title="Gutenberg's fragment", year=1450, authorId="1")
    assert data["addBook"]["year"] == 1450, f"1450 itself is allowed (1450 or later), got {data}"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("title", "year", "author_id", "message"),
    [
        ("  ", 2019, "2", "blank"),
        ("Exhalation", 1200, "2", "1450"),
        ("Exhalation", 2019, "42", "no author with id 42"),
        (
            "Exhalation",
            2019,
            "\u0663",
            "no author with id \u0663",
        ),  # an Arabic-Indic 3: a digit to isdigit(), not an id
        ("Exhalation", 2019, "\u00b2", "no author with id \u00b2"),  # superscript 2: isdigit() but int() fails
        ("Exhalation", 2019, "abc", "no author with id abc"),
    ],
    ids=["blank-title", "too-old", "unknown-author", "arabic-indic-digit", "superscript-digit", "not-a-number"],
)
def test_add_book_rejects_invalid_input(store: Store, title: str, year: int, author_id: str, message: str) -> None:
    errors = errors_of(store, ADD_BOOK, title=title, year=year, authorId=author_id)
    assert any(message in error for error in errors), f"expected an error mentioning {message!r}, got {errors}"
    assert len(store.books) == 4, "a rejected book must not be stored"


@pytest.mark.task(taskno=3)
def test_each_book_has_its_author(store: Store) -> None:
    data = run(store, "{ books { title author { id name } } }")
    le_guin, chiang, jemisin = ({"id": str(i), "name": name} for i, name in enumerate(AUTHORS, start=1))
    assert data["books"] == [
        {"title": "A Wizard of Earthsea", "author": le_guin},
        {"title": "The Dispossessed", "author": le_guin},
        {"title": "Stories of Your Life and Others", "author": chiang},
        {"title": "The Fifth Season", "author": jemisin},
    ]


@pytest.mark.task(taskno=3)
def test_authors_of_all_books_are_loaded_in_one_batch(store: Store) -> None:
    run(store, "{ books { title author { name } } }")
    assert len(store.author_batches) == 1, (
        f"the store was asked {len(store.author_batches)} times ({store.author_batches}): that is the N+1 problem. "
        "Load authors through info.context.author_loader so one request makes one batch"
    )
    assert sorted(store.author_batches[0]) == [1, 2, 3], "each author id once: the DataLoader deduplicates keys"


@pytest.mark.task(taskno=3)
def test_each_request_gets_its_own_loader(store: Store) -> None:
    run(store, "{ books { author { name } } }")
    store.authors[2] = AuthorRow(2, "Ted Chiang (renamed)")
    data = run(store, '{ book(id: "3") { author { name } } }')
    assert data["book"]["author"]["name"] == "Ted Chiang (renamed)", "a loader's cache must not outlive its request"
    assert len(store.author_batches) == 2
