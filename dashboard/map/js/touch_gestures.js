// Two-finger map gestures on touch screens; one finger scrolls the page (see the module docstring). (touch_gestures.TouchGestures)
(function (options, map) {
    if (!window.matchMedia || !window.matchMedia(options.media).matches) { return; }
    map.dragging.disable();
    var box = map.getContainer(), timer = null;
    var hint = L.DomUtil.create("div", options.hintClass, box);
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = options.hint;
    function hide() { hint.classList.remove("cm-shown"); }
    box.addEventListener("touchmove", function (e) {
        if (e.touches.length !== 1) { hide(); return; }
        hint.classList.add("cm-shown");
        clearTimeout(timer);
        timer = setTimeout(hide, options.hintMs);
    }, {passive: true});
    box.addEventListener("touchstart", function (e) { if (e.touches.length > 1) { hide(); } },
                         {passive: true});
})
