"""The client book: incidents, invoices, lifecycle, the portfolio view and churn figures.

Pure functions over client data as read by tomllib; nothing here imports typer or rich.
"""
