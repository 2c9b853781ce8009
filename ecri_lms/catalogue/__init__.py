"""The training catalogue: curriculum topics, courses, lessons, enrolment and materials."""
