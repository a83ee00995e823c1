"""Language data shared by several stages: names and locale codes, digit tables, Thai word resources.

Nothing here loads at import time; each resource loads on first use and is kept for the process.
"""
