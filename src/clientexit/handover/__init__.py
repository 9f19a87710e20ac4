"""The handover: the offboarding checklist adapted to a client, its progress, and its reminders.

Pure core (no typer, no rich): checklist.build() is the entry point other features call.
"""
