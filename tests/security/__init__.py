"""Authorization policy matrix and confidentiality sentinel."""
