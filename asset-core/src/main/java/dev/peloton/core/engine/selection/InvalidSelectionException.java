package dev.peloton.core.engine.selection;

/**
 * An asset selection that does not parse, or names something the graph lacks. The message names the bad token
 * and its position, and shows the selection with a marker under the token.
 */
public class InvalidSelectionException extends IllegalArgumentException {

    private final String selection;
    private final int position;
    private final String token;

    /**
     * @param position 1-based column of the bad token in {@code selection}
     * @param token    the bad token as written ({@code ""} at the end of the text)
     */
    public InvalidSelectionException(String selection, int position, String token, String problem) {
        super(problem + " at position " + position + " of asset selection '" + selection + "'\n  " + selection
                + "\n  " + " ".repeat(Math.max(0, position - 1)) + "^".repeat(Math.max(1, token.length())));
        this.selection = selection;
        this.position = position;
        this.token = token;
    }

    public String selection() {
        return selection;
    }

    /** 1-based column of the bad token. */
    public int position() {
        return position;
    }

    public String token() {
        return token;
    }
}
