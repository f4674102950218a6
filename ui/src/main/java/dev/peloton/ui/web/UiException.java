package dev.peloton.ui.web;

import org.springframework.http.HttpStatus;

/** A mistake in what a page was asked for, shown on the error page with its status, a title and the details. */
public class UiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String title;

    public UiException(HttpStatus status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    public static UiException badRequest(String title, String message) {
        return new UiException(HttpStatus.BAD_REQUEST, title, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
