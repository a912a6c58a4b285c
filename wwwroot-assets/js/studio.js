// Small browser helpers the studio calls through JS interop.
window.studio = {
    theme: {
        get: () => localStorage.getItem("studio.theme"),
        set: (value) => localStorage.setItem("studio.theme", value),
    },
};
