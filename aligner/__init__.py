"""aligner: sentence segmentation, alignment, TMX and TEI for translations and comparable texts.

Importing the package loads no model: encoders, dictionaries and boundary models load on first use.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
