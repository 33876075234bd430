"""The business rules' machinery: the field rules' verdicts and their caches."""
