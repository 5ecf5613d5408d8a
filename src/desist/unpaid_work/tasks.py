"""Unpaid work has no scheduled jobs yet: at-risk orders are computed on the hub page."""
