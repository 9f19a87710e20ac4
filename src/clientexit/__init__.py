"""clientexit: end a client relationship well."""

__version__ = "0.1.0"
