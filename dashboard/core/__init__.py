"""Core helpers every layer may use: where files live, the one error type, GeoDataFrame building, text made safe."""
