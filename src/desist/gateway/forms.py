"""The gateway has no forms: imports run from the command line or the API (docs/gateway.md)."""
