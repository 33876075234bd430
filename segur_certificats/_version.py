"""The package's version, read by the build (pyproject.toml) and the JSON Schema's ``$id``."""

__version__ = "0.1.0"
