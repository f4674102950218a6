package dev.peloton.ui;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The top bar's extra links: every {@link UiNavLink} bean of the application, in their order. The layout reads
 * them from this bean ({@code pelotonUiNavigation}), so they show on every page that uses it, also on pages of
 * the application's own controllers.
 */
public class UiNavigation {

    private final List<UiNavLink> links;

    public UiNavigation(ObjectProvider<UiNavLink> links) {
        this.links = links.orderedStream().toList();
    }

    public List<UiNavLink> links() {
        return links;
    }
}
