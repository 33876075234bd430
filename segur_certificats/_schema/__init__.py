"""The JSON Schema's machinery: the patterns of its string values."""
