"""The specialist's PDF summary: safe fetching, rendering, and one cached render per state."""
