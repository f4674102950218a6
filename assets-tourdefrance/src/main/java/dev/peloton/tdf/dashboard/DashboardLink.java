package dev.peloton.tdf.dashboard;

import dev.peloton.ui.UiNavLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the race dashboard in the top bar of Peloton's UI, next to Assets, Lineage, Runs and the others. */
@Configuration(proxyBeanMethods = false)
class DashboardLink {

    @Bean
    UiNavLink raceDashboardLink() {
        return new UiNavLink("Race dashboard", "/tdf");
    }
}
