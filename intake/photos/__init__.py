"""Client photos of each concern: cleaned on the way in, kept in the database."""
