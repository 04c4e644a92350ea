"""Tests for password_policy.py, written in unittest style. Convert them to pytest style (see README.md).

They pass on the correct module and catch every bug the grader plants: keep it that way while you convert.
"""

# ruff: noqa: PT009, PT027  (unittest style on purpose: this is the file you convert)
import unittest

from password_policy import check_password, strength


class TestCheckPassword(unittest.TestCase):
    def setUp(self):
        self.good = "correct-horse-42"

    def test_good_password_has_no_problems(self):
        self.assertEqual(check_password(self.good), [])

    def test_lower_case_letters_count_as_letters(self):
        self.assertEqual(check_password("abcdefgh1234"), [])

    def test_length_limits(self):
        cases = [("a1" * 5 + "b", ["too short"]), ("a1" * 6, []), ("a1" * 64, []), ("a1" * 64 + "x", ["too long"])]
        for password, expected in cases:
            with self.subTest(password=password):
                self.assertEqual(check_password(password), expected)

    def test_letters_and_digits_are_both_needed(self):
        self.assertEqual(check_password("123456789012"), ["no letter"])
        self.assertEqual(check_password("abcdefghijkl"), ["no digit"])

    def test_username_is_found_in_any_case(self):
        for username in ["horse", "HORSE", "Horse"]:
            with self.subTest(username=username):
                self.assertIn("contains username", check_password(self.good, username=username))

    def test_other_username_is_fine(self):
        self.assertEqual(check_password(self.good, username="alice"), [])

    def test_common_passwords_are_rejected_in_any_case(self):
        for password in ["password1234", "Password1234", "PASSWORD1234"]:
            with self.subTest(password=password):
                self.assertEqual(check_password(password), ["common password"])

    def test_rejects_a_password_that_is_not_a_str(self):
        with self.assertRaises(TypeError):
            check_password(b"correct-horse-42")


class TestStrength(unittest.TestCase):
    def test_strength_table(self):
        cases = [
            ("short1", "weak"),
            ("correct-horse-42", "fair"),
            ("Correct-Horse-42", "strong"),
            ("CorrectHorse4242", "fair"),
            ("Correct-Horse-4", "fair"),
        ]
        for password, expected in cases:
            with self.subTest(password=password):
                self.assertEqual(strength(password), expected)


if __name__ == "__main__":
    unittest.main()
