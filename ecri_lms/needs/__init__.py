"""Training needs: surveys and imports in, Borich MWDS rankings, the comparative analysis and training plans out."""
