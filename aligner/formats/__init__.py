"""File formats: one module per format, each writing (and reading back) the document model."""
