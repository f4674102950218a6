package dev.peloton.ui;

/**
 * A link an application adds to the UI's top bar, after Peloton's own (Assets, Lineage, Runs, Backfills,
 * Schedules). Declare one bean per link; {@link org.springframework.core.annotation.Order @Order} on the bean
 * method sets their order.
 *
 * <pre>
 * &#64;Bean
 * UiNavLink raceDashboardLink() {
 *     return new UiNavLink("Race dashboard", "/tdf");
 * }
 * </pre>
 *
 * @param label the text of the link
 * @param href  where it leads: a path of the application ({@code /tdf}) or an absolute {@code http(s)} URL
 */
public record UiNavLink(String label, String href) {

    public UiNavLink {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("UiNavLink label is missing (href '" + href + "')");
        }
        if (href == null || !(href.startsWith("/") || href.startsWith("http://") || href.startsWith("https://"))) {
            throw new IllegalArgumentException("UiNavLink '" + label + "' has href '" + href
                    + "': give a path starting with / or an http(s) URL");
        }
        label = label.strip();
    }
}
