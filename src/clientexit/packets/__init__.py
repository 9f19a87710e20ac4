"""Documents to hand over: the client's handover packet and the claim bundle for a lawyer.

Both are built as a :class:`~clientexit.packets.document.Document` (a title and a list of
blocks), which one renderer writes as self-contained HTML and another as PDF (Typst, the
optional ``pdf`` extra). A report: it joins the handover checklist and the statement.
"""
