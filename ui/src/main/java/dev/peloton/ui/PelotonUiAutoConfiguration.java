package dev.peloton.ui;

import dev.peloton.runtime.api.PelotonApiAutoConfiguration;
import dev.peloton.runtime.api.LineageService;
import dev.peloton.ui.lineage.LineageLayout;
import dev.peloton.ui.lineage.LineageWarmUp;
import dev.peloton.ui.security.PelotonSecurityConfiguration;
import dev.peloton.ui.web.AssetPages;
import dev.peloton.ui.web.AutomationPages;
import dev.peloton.ui.web.BackfillPages;
import dev.peloton.ui.web.LineagePage;
import dev.peloton.ui.web.LoginPage;
import dev.peloton.ui.web.MaterializationRows;
import dev.peloton.ui.web.RunPages;
import dev.peloton.ui.web.UiErrorResolver;
import dev.peloton.ui.web.UiModel;
import dev.peloton.runtime.storage.StepStorage;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The web UI and its security, in the application that runs Peloton: pages under {@code /}, login, roles.
 * Active in a servlet web application with Peloton's API services; it comes before Spring Boot's security
 * auto-configuration so that Boot's default user and filter chain stand aside.
 */
@AutoConfiguration(after = PelotonApiAutoConfiguration.class, beforeName = {
    "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(type = "dev.peloton.runtime.api.AssetService")
@Import({PelotonSecurityConfiguration.class, UiModel.class, LoginPage.class, AssetPages.class, RunPages.class,
    LineagePage.class, BackfillPages.class, AutomationPages.class})
public class PelotonUiAutoConfiguration {

    /** The top bar's links contributed by the application ({@link UiNavLink} beans); the layout reads this bean. */
    @Bean
    UiNavigation pelotonUiNavigation(ObjectProvider<UiNavLink> links) {
        return new UiNavigation(links);
    }

    @Bean
    UiErrorResolver pelotonUiErrorResolver() {
        return new UiErrorResolver();
    }

    @Bean
    @ConditionalOnMissingBean
    LineageLayout pelotonLineageLayout() {
        return new LineageLayout();
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "peloton.ui.lineage.warm-up", matchIfMissing = true)
    LineageWarmUp pelotonLineageWarmUp(LineageService lineage, LineageLayout layout) {
        return new LineageWarmUp(lineage, layout);
    }

    @Bean
    @ConditionalOnMissingBean
    MaterializationRows pelotonMaterializationRows(DataSource dataSource) {
        return new MaterializationRows(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    StepStorage pelotonUiStepStorage(DataSource dataSource) {
        return new StepStorage(dataSource);
    }
}
