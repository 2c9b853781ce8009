"""The gradebook: per course run, each trainee's quiz grades, essays, attendance and completion."""
