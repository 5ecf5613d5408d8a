"""Case audit and oversight over the JSON API (filled in below)."""
