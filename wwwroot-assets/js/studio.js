// Small browser helpers the studio calls through JS interop.
window.studio = {
    theme: {
        get: () => localStorage.getItem("studio.theme"),
        set: (value) => localStorage.setItem("studio.theme", value),
    },
    // Copying is best effort: browsers refuse the clipboard without focus or permission, and the in-app clipboard still works.
    clipboard: {
        write: (text) => navigator.clipboard?.writeText(text)?.catch(() => { }),
    },
    // Puts the caret at a 1-based line and column of a text area and scrolls it into view (code panel problems).
    code: {
        goTo: (element, line, column) => {
            const lines = element.value.split("\n");
            const row = Math.min(Math.max(line, 1), lines.length);
            let offset = 0;
            for (let i = 0; i < row - 1; i++) offset += lines[i].length + 1;
            offset += Math.min(Math.max(column, 1), lines[row - 1].length + 1) - 1;
            element.focus();
            element.setSelectionRange(offset, offset);
            const lineHeight = parseFloat(getComputedStyle(element).lineHeight) || 16;
            element.scrollTop = Math.max(0, (row - 3) * lineHeight);
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
