"""No scheduled jobs: coverage and results are computed when read."""
