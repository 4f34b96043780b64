"""Other ways to run the pipeline: watching inputs in rounds, and Ray for large corpora."""
