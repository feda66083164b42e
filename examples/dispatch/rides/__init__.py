"""The rides app: the Dispatch and Notifications consumers, their payloads and auth."""
