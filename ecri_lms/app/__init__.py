"""The application shell: the factory, template helpers, the home page and health checks."""
