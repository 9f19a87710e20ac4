"""Nothing clientexit stores may hold a credential: recognise a password, token or key."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

from clientexit._errors import UsageError
from clientexit.safe_text import CONTROL as CONTROL  # re-exported: importers check both

# (what it looks like, pattern). Kept to well-known shapes so ordinary notes pass.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a private key", re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----")),
    ("a GitHub token", re.compile(r"\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})")),
    ("a GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_-]{16,}")),
    ("an API secret key", re.compile(r"\b(sk|rk)[-_](live_|test_|proj-)?[A-Za-z0-9_-]{16,}")),
    ("an AWS access key", re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{30,}")),
    (
        "a web token (JWT)",
        re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+"),
    ),
    ("a password or key in a URL", re.compile(r"://[^/\s:@]+:[^/\s@]+@")),
    ("a one-time-password seed (otpauth link)", re.compile(r"(?i)\botpauth(?:-migration)?://")),
    # A base32 seed named as one: "2FA seed: JBSW Y3DP EHPK 3PXP", "TOTP secret JBSWY3DP...".
    (
        "a one-time-password seed (2FA/TOTP)",
        re.compile(
            r"(?i)\b(?:2fa|mfa|totp|otp|authenticator)[\ _-]*(?:seed|secret|key)s?\b"
            r"(?:\s*[:=]\s*|\s+(?:is|was)\s+|\s+)[\"']?"
            r"(?-i:[A-Z2-7]{4}(?: ?[A-Z2-7]{4}){3,})(?![A-Za-z0-9])"
        ),
    ),
    # AWS secret access keys are 40 characters of base64 named as AWS's, or following an AKIA id.
    (
        "an AWS secret key",
        re.compile(
            r"(?i)\b(?:aws|amazon|secret[\ _-]*access[\ _-]*key)\b[^\n]{0,60}?"
            r"(?<![A-Za-z0-9/+])(?-i:(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*[a-z])"
            r"(?=[A-Za-z0-9/+]*[0-9/+])[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
        ),
    ),
)
# A card's security code is never worth keeping, with or without the card: "CVV 123", "CVC: 0421".
_CVV = re.compile(
    r"(?i)(?<![A-Za-z0-9])(?:cvv2?|cvc2?|cvn|csc|security[\ -]code|güvenlik[\ -]kodu"
    r"|kartenprüfnummer|prüfnummer|cryptogramme|bezpečnostní[\ -]kód)"
    r"(?![A-Za-z0-9])\W{0,3}\d{3,4}(?!\d)"
)
_CVV_WORD = re.compile(
    r"(?i)(?<![A-Za-z0-9])(?:cvv2?|cvc2?|cvn|csc|security[\ -]code|güvenlik[\ -]kodu"
    r"|kartenprüfnummer|prüfnummer|cryptogramme)(?![A-Za-z0-9])"
)
# An expiry beside a card number: "exp 12/27", "valid thru 04/2028", "12 / 27".
_EXPIRY = re.compile(
    r"(?i)(?<![A-Za-z])(?:exp(?:iry|ires|iration|\.)?|expire[sd]?|valid[\ -](?:thru|through|until)"
    r"|gültig[\ -]bis|ablauf(?:datum)?|son[\ -]kullanma|platnost|caducidad|vence)(?![A-Za-z])"
    r"|(?<![\d/.])(?:0[1-9]|1[0-2])\s?/\s?(?:\d{2}|20\d{2})(?![\d/.])"
)
# Digits in groups separated by one space or dash: a card number is 13 to 19 of them.
_DIGIT_GROUPS = re.compile(r"(?<![\d-])\d+(?:[ -]\d+)*")
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])")


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _card_spans(text: str) -> list[tuple[int, int]]:
    """Where a Luhn-valid run of 13 to 19 digits (spaced or dashed) stands in ``text``."""
    spans = []
    for run in _DIGIT_GROUPS.finditer(text):
        if sum(c.isdigit() for c in run[0]) < 13:
            continue
        offset = run.start()
        groups = [(m.start() + offset, m.end() + offset) for m in re.finditer(r"\d+", run[0])]
        for first in range(len(groups)):
            digits = ""
            for last in range(first, len(groups)):
                if last > first and groups[last - 1][1] - groups[last - 1][0] < 3:
                    break  # groups of 3 to 6 digits, one shorter at most at the end
                digits += text[groups[last][0] : groups[last][1]]
                if len(digits) > 19:
                    break
                if len(digits) >= 13 and _luhn(digits):
                    spans.append((groups[first][0], groups[last][1]))
    return spans


def _card_with_code(text: str) -> bool:
    """A card number next to (40 characters either side) an expiry or a CVV/CVC."""
    for start, end in _card_spans(text):
        near = text[max(0, start - 40) : start] + " " + text[end : end + 40]
        if _EXPIRY.search(near) or _CVV_WORD.search(near):
            return True
    return False


def _iban_valid(candidate: str) -> bool:
    code = candidate.replace(" ", "")
    moved = code[4:] + code[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


def _iban_with_code(text: str) -> bool:
    return any(_iban_valid(m[0]) for m in _IBAN.finditer(text)) and bool(_CVV_WORD.search(text))


# "パスワードはnatsu2024", "密码：abc123": no space needs to stand between word and value.
_CJK = re.compile(
    r"(?:パスワード|暗証番号|密码|密碼|口令|비밀번호|암호)\s*(?:は|が|を|:|=|是|为|為|는|은)?\s*"
    r"[「『\"']?(?P<value>[^\s「」『』\"',;、。]+)"
)
# Characters that show nothing (zero-width spaces and joiners, soft hyphens, word joiners, BOM):
# "pass\u200bword" reads as "password". Letters spaced out one by one are read joined up.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u115f\u1160\u180e\u200b-\u200f\u2060-\u2064\u3164\ufeff\uffa0]"
)
_SPACED_OUT = re.compile(r"(?<!\w)(?:\w[ .·_-]){3,}\w(?!\w)")


def _readings(text: str) -> list[str]:
    """``text`` and the ways a reader would also read it: without invisible characters, with
    full-width and other compatibility forms as plain letters (NFKC: "ｐａｓｓ" is "pass"),
    and with letters spaced out one by one joined up ("p a s s w o r d")."""
    readings = [text]
    plain = text if text.isascii() else unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))
    if plain != text:
        readings.append(plain)
    joined = _SPACED_OUT.sub(lambda m: re.sub(r"[ .·_-]", "", m[0]), plain)
    if joined != plain:
        readings.append(joined)
    return readings


# "login admin / Sommer2024!": a user name, a slash, a password.
_LOGIN_SLASH = re.compile(
    r"(?i)\b(?:login|log-in|user(?:name)?|account|kullanıcı|uživatel)\b\s*[:=]?\s*"
    r"[^\s/]+\s*/\s*(?P<password>[^\s/]+)"
)

# The word for a password in the languages clientexit writes (English, Turkish, Czech: above)
# and their neighbours, with common inflections: German, French, Spanish, Portuguese, Italian,
# Polish, Slovak, Dutch, the Nordic languages, Hungarian, Romanian, the South Slavic and Cyrillic
# languages, Greek. Where the word also names something harmless ("clave", "code"), only a value
# that looks like a password counts (_LOOSE).
_FOREIGN = (
    r"passw[oö]rt(?:e|es|s)?|kennw[oö]rt(?:e|es|s)?|geheimzahl|zugangscode"
    r"|mot[\ -]+de[\ -]+passe|mdp|contrase[ñn]as?|clave|senhas?|palavra[\ -]passe"
    r"|has(?:ł|l)(?:o|a|em|u)|wachtwoord(?:en)?|l[öo]senord(?:et)?|adgangskode(?:n)?"
    r"|passord(?:et)?|salasana(?:n)?|jelsz[óo](?:t|ja|m)?|parol[aăe]|lozink[aeu]|geslo"
    r"|парол(?:ь|я|ем|и|ата)|κωδικ[όο]ς(?:\ πρόσβασης)?"
)
# A word naming a credential, then what it is: "password: x", "pw=x", "the password was x",
# "password for the admin is x", "PIN code 1234", "passcode 4411", "recovery codes: ...";
# Turkish şifre/parola ("wifi şifresi: x"), Czech heslo ("heslo k wifi je x") and _FOREIGN too.
_NAMED = re.compile(
    r"""(?ix)
    (?<![A-Za-z0-9])
    (?P<key>(?:pass(?:word|wd|[\ -]?phrase|code)?|pw|pwd|pin|secret|token|api[\ _-]?key
        |access[\ _-]?key|client[\ _-]?secret|private[\ _-]?key|credential
        |(?:recovery|backup)[\ _-]?code|(?:wi[\ -]?fi|wlan)[\ _-]?key)s?
        |[şs][iİı]fre(?:si|ler|leri|yi|m|miz)?|parola(?:sı|lar|ları|yı|m|mız)?
        |hesl(?:o|a|em|u)|{foreign})
    (?:[\ -]+(?:code|number|kod|kodu|kód|nummer|numarası|numara))?\b
    (?:
        (?:\s+(?:for|of|on|to|k|ke|pro|na|do|od)(?:\s+[^\s:=]+){1,3}?)?
        (?:\s*(?P<sep>[:=])\s*
          |\s+(?P<verb>(?:(?:is|was|are|were|will\s+be|has\s+been|had\s+been
                           |je|jsou|bylo|byla|bude|zní|ist|lautet|war|est|était|es|era|é|jest
                           |brzmi|był|är|var|er|on|oli|este|este|είναι|является|будет|это)
                         (?:\s+(?:now|still|currently|also|nyní|teď|stále))?
                         (?:\s+(?:(?:changed|set|reset|updated)\s+to
                                 |(?:změněno|nastaveno|resetováno)\s+na))?
                        |(?:changed|set|reset|updated)\s+to))
           (?:\s*[:=]\s*|\s+))
      | (?P<bare>\s+)
    )
    ["'“‘„«]?(?P<value>[^\s"',;”’“»]+)
    """.replace("{foreign}", _FOREIGN)
)
# Keywords that may stand right before the secret with nothing between ("passcode 4411").
_BARE = re.compile(
    r"(?i)pass(?:word|wd|phrase|code)s?|pws?|pwds?|pins?|(?:recovery|backup)[ _-]?codes?"
    r"|[şs][iİı]fre\w*|parola\w*|hesl\w+|" + _FOREIGN
)
# Keywords whose "key: value" counts only when the value looks like a password: the list of
# descriptive words below is English, and "backup codes: printed for the client" is a note.
_LOOSE_COLON = re.compile(
    r"(?i)(?:recovery|backup).*|[şs][iİı]fre\w*|parola\w*|hesl\w+|(?:"
    + _FOREIGN
    + r")(?:[\ -]+\w+)?"
)
# "pass" alone is mostly a verb ("pass the files on"): a secret only after a user name,
# as in "user admin pass S3cr3t!x9" or "login: admin, pass Gizli123".
_USER_BEFORE = re.compile(
    r"(?i)\b(?:user(?:name)?|login|kullanıcı(?:\s+adı)?|uživatel)\b\W*\S+\W*$"
)
# After "password:" these words describe where a secret is, they are not one.
_DESCRIPTIVE = frozenset(
    "stored in via see shared handed sent reset transferred rotated changed revoked removed "  # noqa: SIM905
    "deleted managed none n/a given moved kept set by the client's client owner at on with "
    "from not unchanged same pending requested available provided known "
    "the a an this that their our your my its his her "
    "1password bitwarden lastpass keepass dashlane".split()
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SYMBOL = re.compile(r"[^\w'’-]")


def _password_like(value: str) -> bool:
    """A value after "password is" that is not an ordinary word: digits, symbols, mIxEd case."""
    word = value.rstrip(".,;:!?)]}")
    if not word or word.casefold() in _DESCRIPTIVE or _DATE.fullmatch(word):
        return False
    if word.isdigit():
        return len(word) >= 4  # "PIN is 4 digits" is a description; "PIN 4411" is a PIN
    return (
        any(c.isdigit() for c in word)
        or bool(_SYMBOL.search(word))
        or any(c.isupper() for c in word[1:])
    )


_RUN = re.compile(r"[A-Za-z0-9+_=\-]{20,}")
_HEX = re.compile(r"[0-9a-f]{24,}|[0-9A-F]{24,}")
_PIECE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")


def entropy(text: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


# Identifiers that look random but are not secrets: a git commit id or sha256 digest, a UUID,
# and a payment provider's object id (pi_, in_, ch_, cus_...; a "pi_..._secret_..." is not one).
_NOT_A_SECRET = re.compile(
    r"[0-9a-f]{40}|[0-9a-f]{64}"
    r"|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|(?:pi|in|ch|cus|pm|py|re|po|sub|si|prod|price|evt|acct|txn|seti|ii|il|tr|src|ba|card"
    r"|inv|pay|cs_live|cs_test)_[A-Za-z0-9]{8,40}"
)


def _random_looking(run: str) -> bool:
    if _NOT_A_SECRET.fullmatch(run):
        return False
    # Words run together (NorthwindBakery2026, ops-team-archive) give long pieces; tokens do not.
    if _HEX.fullmatch(run) and not run.isdigit() and not run.isalpha():
        return True
    pieces = _PIECE.findall(run)
    if not pieces or sum(map(len, pieces)) / len(pieces) >= 3.5:
        return False
    has_digit = any(c.isdigit() for c in run)
    has_alpha = any(c.isalpha() for c in run)
    if has_digit and has_alpha:
        return entropy(run) >= 3.0
    return len(run) >= 24 and entropy(run) >= 3.8


_URL = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://\S+")


def find_secret(text: str, *, written_out: bool = True) -> str | None:
    """What kind of secret ``text`` seems to contain (e.g. "a GitHub token"), or None.

    ``written_out=False`` is for names: of the "password: ..."-style phrases only a key, a
    colon or equals sign and a password-like value count ("PIN 2024 Studio" is a name).
    Links are not searched for random-looking runs (a mail link's message id is not a key),
    but a password in a link, a known token shape or "?token=..." still counts. The text is also
    read as a person sees it (``_readings``): spaced out, with invisible or full-width letters.
    """
    for reading in _readings(text):
        kind = _find(reading, written_out)
        if kind is not None:
            return kind
    return None


def _find(text: str, written_out: bool) -> str | None:
    if _CVV.search(text) or _card_with_code(text):
        return "a payment card's number with its expiry or security code"
    if _iban_with_code(text):
        return "a bank account (IBAN) with a card security code"
    if any(_password_like(m["value"]) for m in _CJK.finditer(text)):
        return "a credential written out (a password word and its value)"
    for kind, pattern in _PATTERNS:
        if pattern.search(text):
            return kind
    if written_out and any(_password_like(m["password"]) for m in _LOGIN_SLASH.finditer(text)):
        return "a login and password (user / password)"
    if written_out and _login_at_host(text):
        return "a password before a host (user:password@host)"
    for match in _NAMED.finditer(text):
        if not written_out and not (match["sep"] and _password_like(match["value"])):
            continue
        if _named_secret(match):
            key = match["key"].lower().replace("\u0307", "")  # İ lowers to i + a dot
            joint = match["sep"] or (" " + " ".join(match["verb"].split()) if match["verb"] else "")
            return f"a credential written out ({key}{joint} ...)"
    for run in _RUN.findall(_URL.sub(" ", text)):
        if _random_looking(run.strip("-_=")):
            return "a long random-looking string (a token or key)"
    return None


def _named_secret(match: re.Match[str]) -> bool:
    value, key = match["value"], match["key"]
    if match["bare"] is not None and re.fullmatch(r"(?i)pass[\ -]?phrases?", key):
        # "pass phrase correct horse battery staple": a run of plain words is the secret.
        words = [value, *match.string[match.end() :].split()[:3]]
        return (
            value.casefold() not in _DESCRIPTIVE
            and len(words) == 4
            and all(word.isalpha() for word in words)
        ) or _password_like(value)
    if match["sep"] == "=":
        return True
    if match["sep"] == ":" and not _LOOSE_COLON.fullmatch(key):
        return value.rstrip(".,;:!?)").casefold() not in _DESCRIPTIVE
    if match["bare"] is not None:
        if key.casefold() == "pass":
            # Only the words just before: a search back to the start of a long text each time
            # made a text of many "pass ..." quadratic.
            before = max(0, match.start() - 80)
            return bool(
                _USER_BEFORE.search(match.string, before, match.start())
            ) and _password_like(value)
        if not _BARE.fullmatch(key):
            return False
    return _password_like(value)


# "admin:S3cr3t!x9@db.example.com": a login and password before a host, with no scheme.
_LOGIN_AT_HOST = re.compile(
    r"(?<![\w.%+:/-])(?P<user>[\w.%+-]+):(?P<password>[^\s/:@]+)@[\w-]+(?:\.[\w-]+)+"
)
_NOT_A_LOGIN = frozenset({"mailto", "tel", "sip", "sips", "xmpp", "im", "cc", "bcc", "to", "from"})


def _login_at_host(text: str) -> bool:
    return any(
        m["user"].casefold() not in _NOT_A_LOGIN and _password_like(m["password"])
        for m in _LOGIN_AT_HOST.finditer(text)
    )


# A field name that says what it holds: wifi_password, admin_pin, api_key, auth_token...
_CREDENTIAL_NAME = re.compile(
    r"pass(?:word|wd|code|phrase)|credential|apikey"
    r"|(?:^|_)(?:pw|pwd|pins?|secrets?|tokens?|otp|totp|heslo|hesla|şifre|sifre|parola)(?:_|$)"
    r"|_pass$"
    r"|(?:^|_)(?:api|private|access|secret|ssh|auth|license|licence)_?keys?(?:_|$)"
)
_HOW = (
    "Hand credentials over through a password manager (a shared vault item) or let the "
    "client set their own with a password reset; then note only where access lives now, "
    "e.g. 'admin moved to the client's vault, my login removed'."
)


def refuse_credential_name(key: str) -> str:
    """``key`` unchanged, unless the field's name says it holds a credential (UsageError)."""
    if _CREDENTIAL_NAME.search(key.lower()):
        raise UsageError(
            f"The field name {key!r} says it holds a credential (a password, PIN, token or key); "
            "clientexit never stores secrets, and nothing was saved.",
            _HOW,
        )
    return key


def refuse_secrets(text: str, what: str = "That note", *, written_out: bool = True) -> str:
    """``text`` unchanged, or a UsageError saying ``what`` seems to hold a secret (not repeated).

    Every free text clientexit stores passes through here: credentials are never stored, and
    neither are control characters (an ESC sequence would reach the terminal of whoever reads it).
    """
    if CONTROL.search(text):
        raise UsageError(
            f"{what} contains a control character (such as ESC), which clientexit does not "
            "store; nothing was saved.",
            "Type the text again without it.",
        )
    kind = find_secret(text, written_out=written_out)
    if kind is None:
        return text
    raise UsageError(
        f"{what} looks like it contains {kind}; clientexit never stores secrets, "
        "and nothing was saved.",
        _HOW,
    )
