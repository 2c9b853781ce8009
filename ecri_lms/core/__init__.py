"""What every page shares: navigation, the dashboard, health checks, security headers."""
