package dev.peloton.tdf.source;

/**
 * Reading a Google Sheet tab failed: an HTTP error, a body that does not parse, or a missing column. The message
 * names the tab and the URL (with any API key masked).
 */
public final class SheetSourceException extends RuntimeException {

    private final String tab;
    private final String url;
    private final String column;
    private final int httpStatus;

    SheetSourceException(String tab, String url, String column, String message) {
        this(tab, url, column, 0, message, null);
    }

    SheetSourceException(String tab, String url, String column, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.tab = tab;
        this.url = url;
        this.column = column;
        this.httpStatus = httpStatus;
    }

    /** The tab. */
    public String tab() {
        return tab;
    }

    /** The URL, without secrets. */
    public String url() {
        return url;
    }

    /** The missing column, or null. */
    public String column() {
        return column;
    }

    /** The HTTP status when the server answered with an error, else 0. */
    public int httpStatus() {
        return httpStatus;
    }
}
