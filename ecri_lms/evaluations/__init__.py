"""Post-training evaluations of runs by their trainees (Kirkpatrick levels 1 and 2)."""
