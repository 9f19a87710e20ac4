"""Common ways of writing a credential are refused; ids that merely look random are not."""

from __future__ import annotations

import pytest

from clientexit.secretcheck import find_secret

AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

REFUSED = [
    "login admin / Sommer2024!",
    "Login: admin / Sommer2024!",
    "user ops-bot/Xk9!pq77",
    "wifi key: Gz7rT2pq",
    "WLAN key: sonnenschein",
    "Wi-Fi key = bluebird",
    f"AWS secret access key {AWS_SECRET}",
    f"aws key {AWS_SECRET}",
    f"secret access key was {AWS_SECRET}",
    "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SDWFubkBleGFtcGxlGgRBY21l",
    "2FA seed: JBSWY3DPEHPK3PXP",
    "TOTP secret JBSWY3DPEHPK3PXP",
    "MFA seed is JBSW Y3DP EHPK 3PXP",
    "authenticator key: JBSWY3DPEHPK3PXP",
]

ACCEPTED = [
    "fixed in commit 3f786850e387550fdab836ed7e6dc881de23001b",
    "ticket 123e4567-e89b-12d3-a456-426614174000",
    "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "paid via pi_3NqLkV2eZvKYlo2C1gXyZ9aB",
    "Stripe invoice in_1NqLkV2eZvKYlo2CabcdEFGH",
    "charge ch_3NqLkV2eZvKYlo2C0abcDEF1",
    "customer cus_NqLkV2eZvKYlo2",
    "2FA is on for every account",
    "the wifi key was handed to the office manager",
    "wifi key: in the client's vault",
    "login page / dashboard moved",
    "AWS account moved to the client's organisation",
]


@pytest.mark.parametrize("text", REFUSED)
def test_a_common_phrasing_of_a_secret_is_refused(text: str) -> None:
    assert find_secret(text) is not None


@pytest.mark.parametrize("text", ACCEPTED)
def test_an_id_or_a_note_about_access_is_accepted(text: str) -> None:
    assert find_secret(text) is None


def test_a_payment_client_secret_is_still_refused() -> None:
    # A PaymentIntent's client secret starts like its id but is a credential.
    assert find_secret("pi_3NqLkV2eZvKYlo2C1gXyZ9aB_secret_kT8aQ2rV7xYpLmN3bC4dE5fG") is not None


def test_a_hex_key_of_another_length_is_still_refused() -> None:
    assert find_secret("key 9f86d081884c7d659a2feaa0c55ad015") is not None
