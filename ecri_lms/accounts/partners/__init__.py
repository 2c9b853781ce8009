"""Partner clusters of the consortium and their member organisations."""
