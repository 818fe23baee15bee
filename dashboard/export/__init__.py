"""Exports: one registry of formats (images and data) shared by the command line and the page."""
