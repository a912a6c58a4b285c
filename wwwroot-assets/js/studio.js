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
    download: (fileName, text, mime) => {
        const url = URL.createObjectURL(new Blob([text], { type: mime }));
        const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
        document.body.appendChild(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(url);
    },
};
