"""The personal-data path: a person's download and erasure reach every area, so this sits above them all."""
