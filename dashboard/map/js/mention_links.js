// Article mentions choose their unit through the map, without a page load (see the module docstring). (mention_links.MentionLinks)
(function (options, map) {
    var doc;
    try { doc = window.parent.document; } catch (e) { return; }
    if (!doc || doc === document) { return; }
    var selector = options.selector;
    function onClick(ev) {
        var link = ev.target && ev.target.closest ? ev.target.closest(selector) : null;
        if (!link || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) { return; }
        var iso = new URL(link.href, doc.baseURI).searchParams.get(options.regionParam);
        var choose = window[options.chooseGlobal];
        if (!iso || typeof choose !== "function") { return; }  // the link works as before
        var reveal = window[options.revealGlobal];
        if (typeof reveal === "function") { reveal(iso, false, true); }  // before the map's click asks
        if (!choose(iso)) { return; }
        ev.preventDefault();
    }
    doc.addEventListener("click", onClick, true);
    window.addEventListener("pagehide", function () { doc.removeEventListener("click", onClick, true); });
})
