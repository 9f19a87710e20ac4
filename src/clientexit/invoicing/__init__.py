"""Invoices from the tools freelancers keep them in: one parser per export (Invoice Ninja,
FreshBooks, Stripe, Harvest, Fakturoid, hledger and Beancount journals) giving rows.Imported,
detect (format from content), merge (what an imported invoice changes in a client file, never
a hand edit without saying so), importer (one transaction over every client file)."""
