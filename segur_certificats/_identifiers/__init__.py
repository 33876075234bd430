"""The identifiers' machinery: the phone numbers' fast path over phonenumbers' own metadata."""
