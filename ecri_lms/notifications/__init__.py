"""In-app notifications for every user, mirrored by e-mail where SMTP is configured."""
