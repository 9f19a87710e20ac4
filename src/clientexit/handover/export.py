"""The checklist as plain data, for ``--json`` and for other features."""

from __future__ import annotations

from clientexit.handover.checklist import Checklist


def as_dict(checklist: Checklist) -> dict[str, object]:
    """The checklist as plain data for ``--json`` (dates stay dates; emit_json writes ISO)."""
    situation = checklist.situation
    return {
        "client": checklist.client,
        "lang": checklist.lang,
        "today": checklist.today,
        "end_decided": checklist.decided,
        "end_date": checklist.end_date if checklist.decided else None,
        "done": checklist.done_count,
        "total": len(checklist.items),
        "open": checklist.open_count,
        "next_due": checklist.next_due,
        "outstanding": {
            "amount": situation.outstanding_amount,
            "currency": situation.currency,
            "invoices": list(situation.outstanding_invoices),
        },
        "hostile": situation.hostile,
        "hostile_reason": situation.reason,
        "abusive": situation.abusive,
        "client_left": situation.client_left,
        "referral_fits": situation.referral_fits,
        "achieved": checklist.achieved,
        "key_dates": [{"id": k.id, "date": k.date, "title": k.title} for k in checklist.key_dates],
        "items": [
            {
                "id": i.id,
                "section": i.section,
                "section_title": i.section_title,
                "text": i.text,
                "detail": list(i.detail),
                "due": i.due,
                "done": i.done,
                "note": i.note,
                "overdue": i.overdue(checklist.today),
                "private": i.private,
                "to_client": i.to_client,
            }
            for i in checklist.items
        ],
    }
