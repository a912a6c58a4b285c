// Small browser helpers the studio calls through JS interop.
window.studio = {
    theme: {
        get: () => localStorage.getItem("studio.theme"),
        set: (value) => localStorage.setItem("studio.theme", value),
    },
    // Copying is best effort: browsers refuse the clipboard without focus or permission, and the in-app clipboard still works.
    // The designer canvas's drawing area as it is laid out now (see WorkflowCanvas.FitToScreenAsync).
    canvasBounds: (canvas) => canvas.querySelector(".diagram-canvas")?.getBoundingClientRect() ?? null,
    clipboard: {
        write: (text) => navigator.clipboard?.writeText(text)?.catch(() => { }),
    },
    // Designer shortcuts work anywhere on the page, but never while the user types: keys in a text field or the code editor are theirs.
    shortcuts: {
        attach: (handler, combos) => {
            const wanted = new Set(combos);
            const listener = (e) => {
                const target = e.target instanceof Element ? e.target : null;
                if (target?.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], .monaco-editor, .mud-dialog-container")) return;
                const ctrl = e.ctrlKey || e.metaKey;
                const combo = (ctrl ? "ctrl+" : "") + (e.shiftKey ? "shift+" : "") + e.key.toLowerCase();
                if (e.altKey || !wanted.has(combo)) return;
                // Copying selected page text stays the browser's.
                if (combo === "ctrl+c" && !window.getSelection()?.isCollapsed) return;
                e.preventDefault();
                handler.invokeMethodAsync("OnShortcutKey", combo);
            };
            document.addEventListener("keydown", listener);
            return { detach: () => document.removeEventListener("keydown", listener) };
        },
    },
    // Dragging a handle sets a panel's height, kept in the browser for next time; the panel's sibling (the canvas) takes the rest.
    resizer: {
        attach: (handle, panel, key) => {
            const clamp = (height) => Math.round(Math.max(120, Math.min(height, panel.parentElement.clientHeight - 80)));
            const saved = Number(localStorage.getItem(key));
            if (saved > 0) panel.style.height = clamp(saved) + "px";
            let startY = 0, startHeight = 0;
            const move = (e) => { panel.style.height = clamp(startHeight + startY - e.clientY) + "px"; };
            const up = (e) => {
                handle.releasePointerCapture(e.pointerId);
                handle.removeEventListener("pointermove", move);
                handle.removeEventListener("pointerup", up);
                localStorage.setItem(key, String(Math.round(panel.getBoundingClientRect().height)));
            };
            const down = (e) => {
                e.preventDefault();
                startY = e.clientY;
                startHeight = panel.getBoundingClientRect().height;
                handle.setPointerCapture(e.pointerId);
                handle.addEventListener("pointermove", move);
                handle.addEventListener("pointerup", up);
            };
            handle.addEventListener("pointerdown", down);
            return { detach: () => handle.removeEventListener("pointerdown", down) };
        },
    },
    download: (fileName, text, mime) => {
        const url = URL.createObjectURL(new Blob([text], { type: mime }));
        const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
        document.body.appendChild(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(url);
    },
};
