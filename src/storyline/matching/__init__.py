"""Cross-document matching: names, periods and events.

Pure functions over strings, dates and fact records. The extractors use them within one
article, ``resolve/`` and ``views/`` across articles; nothing here imports ``extract/``.
"""
