"""Reading filings into records, apart from the pipeline: SEC company facts (:mod:`.sec`,
with ``verify``, which compares them with the data) and HKEX PDF reports (:mod:`.report`).
They use the model, the store and the result models; nothing but the CLI imports them."""
