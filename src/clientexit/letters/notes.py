"""What the letter command says on stderr, in the language of the letter it drafted: the
cautions about the draft and the notes around it (English where a language has no wording)."""

from __future__ import annotations

# key -> language -> text with {placeholders} (str.format).
_NOTES: dict[str, dict[str, str]] = {
    "work_after_end": {
        "en": "Work due after the end date {end} is left out of the handover: {listed}; the "
        "letter says it is not part of it. To deliver it, give --end-date {latest} or later, or "
        "agree an earlier date for that work.",
        "tr": "Bitiş tarihi {end} sonrasına planlanan işler devrin dışında bırakıldı: {listed}; "
        "mektup bunların devrin kapsamında olmadığını söylüyor. Bu işleri teslim etmek için "
        "--end-date {latest} ya da daha sonraki bir tarih verin veya bu işler için daha erken "
        "bir tarih üzerinde anlaşın.",
        "cs": "Práce plánované po datu ukončení {end} zůstaly mimo předání: {listed}; dopis "
        "uvádí, že nejsou jeho součástí. Chcete-li je dodat, zadejte --end-date {latest} nebo "
        "pozdější, nebo se na nich dohodněte s dřívějším termínem.",
    },
    "work_item": {
        "en": "{what!r} (due {due})",
        "tr": "{what!r} (vade {due})",
        "cs": "{what!r} (termín {due})",
    },
    "early_follow_up": {
        "en": "A follow-up is meant for about a month after the end ({end}): send it around "
        "{check_in}.",
        "tr": "Hal hatır mektubu bitişten ({end}) yaklaşık bir ay sonrası içindir: {check_in} "
        "civarında gönderin.",
        "cs": "Dotaz po předání se posílá zhruba měsíc po skončení spolupráce ({end}): pošlete "
        "ho kolem {check_in}.",
    },
    "short_notice": {
        "en": "The end date {end} gives {days} days' notice, shorter than the {notice} days' "
        "notice period for {name} (earliest {earliest}). Check that the contract allows it "
        "(ending for cause may).",
        "tr": "{end} bitiş tarihi {days} günlük bildirim süresi veriyor; bu, {name} için geçerli "
        "{notice} günlük bildirim süresinden kısa (en erken {earliest}). Sözleşmenin buna izin "
        "verdiğini kontrol edin (haklı nedenle fesih izin verebilir).",
        "cs": "Datum ukončení {end} dává výpovědní lhůtu jen {days} d., kratší než sjednaných "
        "{notice} d. pro klienta {name} (nejdříve {earliest}). Ověřte, že to smlouva dovoluje "
        "(ukončení z vážného důvodu může).",
    },
    "abusive_apology": {
        "en": "The abusive letter leaves the apology out: short, with nothing to debate.",
        "tr": "Uygunsuz davranış mektubu özür içermez: kısa tutulur ve tartışmaya yer bırakmaz.",
        "cs": "Výpověď po nevhodném chování omluvu vynechává: je krátká a nedává prostor ke sporu.",
    },
    "warm_after_abuse": {
        "en": "The latest assessment{when} of {name} recommends the abusive letter: this "
        "{letter_type} letter is warm and invites a reply. After abusive conduct keep it short "
        "and factual: clientexit letter {slug} -t abusive.",
        "tr": "{name} için son değerlendirme{when} uygunsuz davranış mektubunu öneriyor: bu "
        "mektup ({letter_type}) sıcak bir dille yazılmış ve yanıt bekliyor. Uygunsuz davranıştan "
        "sonra kısa ve net kalın: clientexit letter {slug} -t abusive.",
        "cs": "Poslední posouzení{when} klienta {name} doporučuje krátkou věcnou výpověď: tento "
        "dopis ({letter_type}) je vřelý a vybízí k odpovědi. Po nevhodném chování buďte struční "
        "a věcní: clientexit letter {slug} -t abusive.",
    },
    "no_ending_now": {
        "en": "The latest assessment{when} of {name} says {verdict}: it recommends no ending "
        "letter now. Reassess first if things changed: clientexit assess {slug}.",
        "tr": '{name} için son değerlendirme{when} "{verdict}" diyor: şu an fesih mektubu '
        "önermiyor. Bir şey değiştiyse önce yeniden değerlendirin: clientexit assess {slug}.",
        "cs": "Poslední posouzení{when} klienta {name} zní „{verdict}“: ukončení spolupráce "
        "teď nedoporučuje. Pokud se něco změnilo, posuďte klienta znovu: clientexit assess "
        "{slug}.",
    },
    "money_overdue_one": {
        "en": "{name} still has 1 overdue invoice ({numbers}): this {letter_type} letter does "
        "not mention it. Settle the payment first (clientexit remind {slug}), or wait to send "
        "this until it is paid.",
        "tr": "{name} müşterisinin vadesi geçmiş bir faturası var ({numbers}): bu mektup bundan "
        "söz etmiyor. Önce ödemeyi halledin (clientexit remind {slug}) ya da mektubu ödeme "
        "yapılana kadar göndermeyin.",
        "cs": "Klient {name} má fakturu po splatnosti ({numbers}): tento dopis se o ní "
        "nezmiňuje. Nejdřív vyřešte platbu (clientexit remind {slug}), nebo dopis pošlete až po "
        "úhradě.",
    },
    "money_overdue_many": {
        "en": "{name} still has {count} overdue invoices ({numbers}): this {letter_type} letter "
        "does not mention them. Settle the payment first (clientexit remind {slug}), or wait to "
        "send this until it is paid.",
        "tr": "{name} müşterisinin vadesi geçmiş {count} faturası var ({numbers}): bu mektup "
        "bunlardan söz etmiyor. Önce ödemeyi halledin (clientexit remind {slug}) ya da mektubu "
        "ödeme yapılana kadar göndermeyin.",
        "cs": "Klient {name} má faktury po splatnosti ({numbers}): tento dopis se o nich "
        "nezmiňuje. Nejdřív vyřešte platbu (clientexit remind {slug}), nebo dopis pošlete až po "
        "úhradě.",
    },
    "verdict_keep": {"en": "keep", "tr": "sürdürün", "cs": "ponechat"},
    "verdict_repair": {"en": "repair", "tr": "düzeltin", "cs": "napravit"},
    "fill_in": {
        "en": "Fill in by hand: {blanks}.",
        "tr": "Elle doldurun: {blanks}.",
        "cs": "Doplňte ručně: {blanks}.",
    },
    "wrote": {"en": "Wrote {target}.", "tr": "{target} yazıldı.", "cs": "Zapsáno: {target}."},
    "send_after": {
        "en": "Review it, then send no earlier than {when}.",
        "tr": "Gözden geçirin, sonra en erken {when} tarihinde gönderin.",
        "cs": "Dopis si projděte a odešlete nejdříve {when}.",
    },
    "tone": {"en": "tone", "tr": "ton", "cs": "tón"},
    "tone_absolute": {"en": "absolute", "tr": "genelleme", "cs": "zobecnění"},
    "tone_blame": {"en": "blame", "tr": "suçlama", "cs": "obviňování"},
    "tone_condescension": {"en": "condescension", "tr": "küçümseme", "cs": "povýšenost"},
    "tone_heat": {"en": "heat", "tr": "öfke", "cs": "podrážděnost"},
    "tone_shouting": {"en": "shouting", "tr": "bağırma", "cs": "křik"},
}


def say(key: str, lang: str, **values: object) -> str:
    """The note ``key`` in ``lang`` (English where it has no wording), its values filled."""
    texts = _NOTES[key]
    return texts.get(lang, texts["en"]).format(**values)


def has(key: str) -> bool:
    """Whether there is a note ``key`` (a tone kind from a user's list may have none)."""
    return key in _NOTES
