package org.activelearning.examples;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The size of the terminal the CLI draws in: the {@code COLUMNS} and {@code LINES} environment
 * variables when set, else what the terminal reports (through JLine, which the progress bars
 * already use), else 80 x 24.
 *
 * @param columns character columns
 * @param lines lines
 */
record TerminalSize(int columns, int lines) {

    static final TerminalSize DEFAULT = new TerminalSize(80, 24);

    /** Detects the size as described above. */
    static TerminalSize detect() {
        int columns = envInt("COLUMNS");
        int lines = envInt("LINES");
        if (columns > 0 && lines > 0) {
            return new TerminalSize(columns, lines);
        }
        try (Terminal t = TerminalBuilder.builder().system(true).dumb(true).build()) {
            int c = columns > 0 ? columns : t.getWidth();
            int l = lines > 0 ? lines : t.getHeight();
            return new TerminalSize(c > 0 ? c : DEFAULT.columns, l > 0 ? l : DEFAULT.lines);
        } catch (java.io.IOException | RuntimeException e) {
            return new TerminalSize(columns > 0 ? columns : DEFAULT.columns, lines > 0 ? lines : DEFAULT.lines);
        }
    }

    /**
     * Whether the terminal can show 24-bit colour: not when {@code NO_COLOR} is set or {@code TERM}
     * is {@code dumb} or unset.
     */
    static boolean colorCapable() {
        return colorCapable(System.getenv());
    }

    /** {@link #colorCapable()} for the given environment. */
    static boolean colorCapable(java.util.Map<String, String> env) {
        String term = env.get("TERM");
        return env.get("NO_COLOR") == null && term != null && !term.isBlank() && !term.equals("dumb");
    }

    private static int envInt(String name) {
        try {
            String v = System.getenv(name);
            return v == null ? -1 : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
