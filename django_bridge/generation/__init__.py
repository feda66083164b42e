"""Turning documented consumers into an AsyncAPI document: the generator, the names it gives
messages and types, message examples, and the sources the faces assemble a document from."""
