"""Matching tables (embeddings and index state)."""

from __future__ import annotations
