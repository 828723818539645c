"""Per-country address rules (data in address_rules.yaml)."""

from __future__ import annotations

import pytest

from shopcast.commerce.addresses import country_of_market, country_rules, validate_address
from shopcast.errors import InvalidInputError

KR = {"name": "김민지", "street": "테헤란로 123", "city": "서울", "country": "KR"}
US = {"name": "Ada", "street": "1 Market St", "city": "SF", "country": "us"}


@pytest.mark.parametrize("phone", ["010-1234-5678", "01012345678", "011-123-4567"])
def test_korean_phones_accepted(phone):
    assert validate_address({**KR, "postal_code": "06236", "phone": phone}).country == "KR"


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"postal_code": "0623", "phone": "010-1234-5678"}, "postal code '0623'"),
        ({"postal_code": "06236", "phone": "02-123"}, "phone '02-123'"),
    ],
)
def test_korean_address_errors_name_the_field(fields, problem):
    with pytest.raises(InvalidInputError, match=problem) as err:
        validate_address({**KR, **fields})
    assert "expected e.g." in str(err.value)


def test_us_zip_and_missing_fields():
    ok = validate_address({**US, "postal_code": "94103-1234", "phone": "415-555-0100"})
    assert ok.country == "US"
    with pytest.raises(InvalidInputError, match="postal code"):
        validate_address({**US, "postal_code": "9410", "phone": "415-555-0100"})
    with pytest.raises(InvalidInputError, match="Malformed address"):
        validate_address({**US, "postal_code": "94103"})  # no phone
    with pytest.raises(InvalidInputError, match="Cannot ship to country 'ZZ'"):
        validate_address({**US, "country": "ZZ", "postal_code": "1", "phone": "1"})


def test_every_rule_accepts_its_own_examples():
    import re

    for country, rules in country_rules().items():
        assert re.fullmatch(rules["phone"], rules["phone_example"]), country
        postal = rules["postal_example"].split(" or ")[0]
        assert re.fullmatch(rules["postal"], postal), country
    assert country_of_market("ko-KR") == "KR" and country_of_market("pt_BR") == "BR"
