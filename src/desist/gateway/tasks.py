"""Background work for the gateway: none yet. A scheduled pull from the national record would
call ``services.import_bundles`` here (docs/gateway.md)."""
