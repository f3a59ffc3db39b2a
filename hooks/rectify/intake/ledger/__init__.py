"""Rectification ledgers (整改台账) coming in: read any layout, convert to data, update data."""
