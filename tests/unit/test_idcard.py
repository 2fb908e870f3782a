"""Chinese resident ID numbers (GB 11643): format, region, embedded birth date, ISO 7064 check digit."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.errors import Invalid
from registrations.idcard import (PROVINCES, birth_date_from_id, check_char, gender_from_id, is_valid_id_number,
                                  mask_id_number, normalize_id_number, validate_id_number)

TODAY = date(2025, 6, 18)
GB_EXAMPLE = "11010519491231002X"  # the example of GB 11643-1999: Beijing Chaoyang, 1949-12-31, a woman


def iso7064_mod11_2(digits: str) -> str:
    """The check character by the recursive method of ISO 7064, independent of the module's weights."""
    p = 0
    for d in digits:
        p = ((p + int(d)) * 2) % 11
    value = (12 - p) % 11
    return "X" if value == 10 else str(value)


def make_id(region: str = "220102", born: str = "19900501", seq: str = "123") -> str:
    first17 = region + born + seq
    return first17 + iso7064_mod11_2(first17)


def problem(value, **kwargs) -> tuple[str, str]:
    with pytest.raises(Invalid) as info:
        validate_id_number(value, **kwargs)
    (path, messages), = info.value.errors.items()
    assert len(messages) == 1
    messages[0].render()  # every placeholder is filled
    return path, messages[0].msgid


def test_the_standard_example_is_valid_and_its_check_digit_is_x():
    assert validate_id_number(GB_EXAMPLE, today=TODAY) == GB_EXAMPLE
    assert check_char(GB_EXAMPLE[:17]) == "X" == iso7064_mod11_2(GB_EXAMPLE[:17])


def test_numbers_built_with_the_independent_check_digit_validate():
    for region, born, seq in [("220102", "19900501", "123"), ("440305", "19851130", "002"),
                              ("650102", "20000229", "771"), ("810000", "19770707", "010")]:
        number = make_id(region, born, seq)
        assert validate_id_number(number, today=TODAY) == number


def test_lower_case_x_spaces_and_full_width_characters_are_normalised():
    assert validate_id_number("11010519491231002x", today=TODAY) == GB_EXAMPLE
    assert validate_id_number(" 110105 19491231 002X ", today=TODAY) == GB_EXAMPLE
    assert validate_id_number("１１０１０５１９４９１２３１００２ｘ", today=TODAY) == GB_EXAMPLE
    assert normalize_id_number(None) == ""


def test_a_wrong_check_digit_is_refused():
    wrong = GB_EXAMPLE[:17] + "1"
    path, msgid = problem(wrong, today=TODAY)
    assert path == "id_number" and "check digit" in msgid
    assert not is_valid_id_number(wrong, today=TODAY)


@pytest.mark.parametrize("value", ["11010519491231002", "11010519491231002XX", "1101051949123100AX",
                                   "110105491231002", "", "X10105194912310020"])
def test_wrong_format(value):
    assert "18 characters" in problem(value)[1]


@pytest.mark.parametrize("region", ["010105", "990105", "190105", "910105"])
def test_implausible_region(region):
    assert "region" in problem(make_id(region))[1]


def test_birth_date_must_be_real_past_and_after_1900():
    assert "not a real date" in problem(make_id(born="19900230"))[1]
    assert "not a real date" in problem(make_id(born="19901301"))[1]
    assert "in the future" in problem(make_id(born="20250619"), today=TODAY)[1]
    assert validate_id_number(make_id(born="20250618"), today=TODAY)
    assert "before 1900" in problem(make_id(born="18991231"))[1]


def test_non_text_is_refused_on_the_given_path_and_integers_are_read_as_text():
    assert problem(3.5, path="members.2.id_number") == ("members.2.id_number", "Must be text.")
    assert problem(True)[1] == "Must be text."
    number = make_id(seq="124")
    assert validate_id_number(int(number)) == number


def test_birth_date_and_sex_come_from_the_number():
    assert birth_date_from_id(GB_EXAMPLE) == date(1949, 12, 31)
    assert gender_from_id(GB_EXAMPLE) == "F"  # 17th digit 2: even
    assert gender_from_id(make_id(seq="123")) == "M"  # 3: odd
    assert gender_from_id("11010519491231002x") == "F"
    with pytest.raises(ValueError):
        birth_date_from_id(make_id(born="19900230"))
    with pytest.raises(ValueError):
        gender_from_id("1234")


def test_masking_hides_the_birth_date():
    assert mask_id_number(GB_EXAMPLE) == "110105********002X"
    assert mask_id_number("11010519491231002x") == "110105********002X"
    assert mask_id_number("1234567") == "***4567"
    assert mask_id_number("123") == "***"
    assert mask_id_number(None) == "" and mask_id_number("") == ""


DIGIT = st.sampled_from("0123456789")
BIRTH = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)


@st.composite
def id_numbers(draw) -> str:
    region = draw(st.sampled_from(sorted(PROVINCES))) + "".join(draw(st.lists(DIGIT, min_size=4, max_size=4)))
    seq = "".join(draw(st.lists(DIGIT, min_size=3, max_size=3)))
    return make_id(region, draw(BIRTH).strftime("%Y%m%d"), seq)


@given(id_numbers())
def test_any_well_formed_number_with_its_check_digit_is_valid(number):
    assert check_char(number[:17]) == number[17]
    assert validate_id_number(number.lower(), today=TODAY) == number
    assert mask_id_number(number)[6:14] == "*" * 8


@given(id_numbers(), st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
def test_any_single_digit_error_is_detected(number, position, shift):
    digit = str((int(number[position]) + shift) % 10)
    typo = number[:position] + digit + number[position + 1:]
    assert check_char(typo[:17]) != typo[17]
    assert not is_valid_id_number(typo, today=TODAY)


@given(id_numbers(), st.integers(min_value=0, max_value=15))
def test_any_swap_of_two_different_adjacent_digits_is_detected(number, position):
    a, b = number[position], number[position + 1]
    swapped = number[:position] + b + a + number[position + 2:]
    assert (a == b) or check_char(swapped[:17]) != swapped[17]
