"""The baseline: the claims map a Python user would write in an afternoon.

It reads the full-resolution boundary file with geopandas, draws it with ``folium.GeoJson`` and a tooltip on a
default ``folium.Map`` (OpenStreetMap tiles), hands the map to ``st_folium`` with default arguments, shows the
article beside it, and finds excerpts by substring search. (``GeoDataFrame.explore()`` would do the same but
also needs mapclassify, which the dashboard does not install.)

Patched only to render offline, and nothing else:
- folium's default JS/CSS links (Leaflet, jQuery, Bootstrap, Font Awesome on CDNs) are replaced by the local
  Leaflet that the dashboard serves at /app/static/leaflet/ (streamlit-folium loads each default_js link in turn,
  so one unreachable CDN leaves the map blank). The benchmark runner starts this script from a folder whose
  ``static/`` is the dashboard's, with static serving on.
- the default OpenStreetMap tiles are left in; the benchmark's browser blocks every non-local request.
"""

from pathlib import Path

import folium
import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

ROOT = Path(__file__).resolve().parent.parent
if not (ROOT / "data").exists():  # started from the runner's temporary folder
    import os

    ROOT = Path(os.environ["CLAIMS_MAP_ROOT"])

st.set_page_config(layout="wide")
st.title("Kremlin Rules Out Returning Annexed Ukrainian Regions in Future Peace Talks")

gdf = gpd.read_file(ROOT / "data" / "boundaries" / "ukraine_adm1.geojson")
text = (ROOT / "seeds" / "mt-2025-02-27-kremlin-annexed-regions.txt").read_text(encoding="utf-8")

m = folium.Map(location=[48.5, 31.5], zoom_start=6)
folium.GeoJson(gdf[["name", "iso_3166_2", "geometry"]], tooltip=folium.GeoJsonTooltip(["name"])).add_to(m)
# Offline patch (see docstring): local Leaflet instead of the CDN links.
m.default_js = [("leaflet", "/app/static/leaflet/leaflet.js")]
m.default_css = [("leaflet_css", "/app/static/leaflet/leaflet.css")]

left, right = st.columns(2)
with left:
    out = st_folium(m, width=700, height=500)
with right:
    name = (out or {}).get("last_object_clicked_tooltip")
    if name:
        region = name.replace("name", "").strip()
        st.subheader(region)
        for sentence in text.replace("\n", " ").split(". "):
            if region in sentence:
                st.write(sentence.strip() + ".")
    st.text(text)
