// The code panel's helpers around BlazorMonaco's editors, which are found by their element id.
// BlazorMonaco 3.0.0 has no marker API and Monaco's theme is global, so both live here.
// getText/setText are also what end-to-end tests use to read and edit the code like a user would
// (setText is one undoable edit, and raises the same change event as typing).
window.studio.codeEditor = (() => {
    const editor = (id) => window.blazorMonaco.editor.getEditor(id, true);
    const observers = new Map();
    let loading = null;

    const applyTheme = (element) => {
        const dark = element.closest(".studio-dark") !== null;
        monaco.editor.setTheme(dark ? "vs-dark" : "vs");
    };

    return {
        // Monaco is megabytes of script: pages without a code panel never fetch it.
        load: () => loading ??= new Promise((resolve, reject) => window.require(["vs/editor/editor.main"], () => resolve(), reject)),
        // Follows the studio's light/dark theme (the layout's studio-dark class) for as long as the editor lives.
        attach: (id) => {
            const element = document.getElementById(id);
            const themed = element?.closest(".studio-dark, .studio-light");
            if (!element) return;
            applyTheme(element);
            if (!themed) return;
            const observer = new MutationObserver(() => applyTheme(element));
            observer.observe(themed, { attributes: true, attributeFilter: ["class"] });
            observers.set(id, observer);
        },
        detach: (id) => {
            observers.get(id)?.disconnect();
            observers.delete(id);
        },
        // markers: [{ startLineNumber, startColumn, endLineNumber, endColumn, message }], 1-based. A marker
        // without a width underlines the word at its start, or the rest of the line.
        setMarkers: (id, markers) => {
            const model = editor(id)?.getModel();
            if (!model) return;
            monaco.editor.setModelMarkers(model, "studio", markers.map((marker) => {
                const start = model.validatePosition({ lineNumber: marker.startLineNumber, column: marker.startColumn });
                let end = model.validatePosition({ lineNumber: marker.endLineNumber, column: marker.endColumn });
                if (end.lineNumber === start.lineNumber && end.column <= start.column) {
                    const word = model.getWordAtPosition(start);
                    end = { lineNumber: start.lineNumber, column: word ? word.endColumn : model.getLineMaxColumn(start.lineNumber) };
                }
                return {
        // Monaco is megabytes of script: pages without a code panel never fetch it.
        load: () => loading ??= new Promise((resolve, reject) => window.require(["vs/editor/editor.main"], () => resolve(), reject)),
                    severity: monaco.MarkerSeverity.Error, message: marker.message,
                    startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column,
                };
            }));
        },
        goTo: (id, line, column) => {
            const target = editor(id);
            if (!target) return;
            target.setPosition({ lineNumber: line, column: column });
            target.revealPositionInCenter({ lineNumber: line, column: column });
            target.focus();
        },
        getText: (id) => editor(id)?.getValue() ?? null,
        setText: (id, text) => {
            const target = editor(id);
            target.executeEdits("studio", [{ range: target.getModel().getFullModelRange(), text: text }]);
        },
    };
})();
