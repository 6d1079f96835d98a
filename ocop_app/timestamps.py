"""A document saved twice in one request, the first time at a whole second.

frappe 15 keeps ``modified`` in memory as the text ``now()`` made ("2026-12-02 10:24:16.000000" at a
whole second) and, before the next save of the same object, compares it as text with the database's
datetime ("2026-12-02 10:24:16"): once in a million, a document inserted, saved or ``db_set`` at a
whole second cannot be saved again by the code that holds it (TimestampMismatchError, "Document has
been modified after you have opened it", or "Value cannot be changed for Created On") — an approval that inserts and then submits, say. Written
the way the database gives it back, the two compare equal (hooks ``doc_events["*"]["on_change"]``,
which runs after every insert, save, submit and db_set)."""

WHOLE_SECOND = ".000000"


def keep_modified_comparable(doc, method=None) -> None:
	for field in ("modified", "creation"):  # creation too: frappe checks it is unchanged, as text
		value = doc.get(field)
		if isinstance(value, str) and value.endswith(WHOLE_SECOND):
			doc.set(field, value[: -len(WHOLE_SECOND)])
