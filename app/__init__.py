"""The `stemwatch` command and `stemwatch up`: imports the ETL and the dashboard; nothing imports it."""
