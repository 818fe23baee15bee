"""The interactive map: folium elements, the browser scripts they load, and the offline assets."""
