"""The floor: the least any Streamlit page showing these 27 units with folium and streamlit-folium can cost.

Nothing but ``st_folium`` of a tile-less ``folium.Map`` with the simplified boundary file as one
``folium.GeoJson`` (no tooltip, no article, no widgets), local Leaflet, ``returned_objects=[]``. It does not
import geopandas (plain ``json``). ``make bench`` measures it beside the two apps, so each target can be read
against what Streamlit + streamlit-folium cost before an app adds anything: its page open → polygons, app bytes
and server memory are below what an app with text and widgets can reach.
"""

import json
import os
from pathlib import Path

import folium
from streamlit_folium import st_folium

ROOT = Path(os.environ.get("CLAIMS_MAP_ROOT", Path(__file__).resolve().parent.parent))
units = json.loads((ROOT / "data" / "boundaries" / "ukraine_adm1_simplified.geojson").read_text(encoding="utf-8"))

m = folium.Map(location=[48.5, 31.5], zoom_start=6, tiles=None)
folium.GeoJson(units).add_to(m)
m.default_js = [("leaflet", "/app/static/leaflet/leaflet.js")]
m.default_css = [("leaflet_css", "/app/static/leaflet/leaflet.css")]
st_folium(m, height=520, use_container_width=True, returned_objects=[])
