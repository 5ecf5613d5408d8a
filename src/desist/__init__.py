"""Desist: case management for probation providers running a "resource follows risk" model."""

__version__ = "0.1.0"
