"""Map images in parts: settings, layers, drawing, labels, legend, captions, layout, metadata (see render.py)."""
