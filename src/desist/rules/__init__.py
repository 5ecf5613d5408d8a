"""The operating model as pure functions.

Everything in this package is plain Python: no Django, no I/O. Frozen dataclasses go in,
result dataclasses come out, and every result carries ``reasons`` naming the section of
``shared/domain/`` it implements, so each band, warning and rating can be explained on screen.
The same functions run per request, in the nightly batch and behind ``desist rules``.
A test fails if anything here imports Django.
"""
