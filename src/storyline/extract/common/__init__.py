"""What several extractor families share: numbers and number words (``numbers``), date
finding and resolution (``dates``), the article's entity mentions (``mentions``).

Nothing here registers an extractor, and nothing here imports a family package.
"""
