"""``manage.py export_asyncapi``: one module per command, as Django requires."""
