"""Letters: termination emails and follow-ups rendered from Jinja2 templates, and a tone check.

catalog  the letter types and what each one is for (data)
context  the values a template sees, built from profile + client record + assessment + CLI
render   the sandboxed Jinja2 environment, template lookup (user over built-in, language fallback)
draft    one call that drafts a letter and one that records it in the client's history
eml      an RFC 5322 draft (.eml) a mail client opens as unsent
tone     the blame/absolute-language check, its phrase list is data in templates/tone/<lang>.toml
"""
