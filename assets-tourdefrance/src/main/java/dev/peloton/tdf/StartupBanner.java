package dev.peloton.tdf;

import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.runtime.PelotonProperties;
import dev.peloton.ui.security.GeneratedAdminPassword;
import dev.peloton.ui.security.PelotonSecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Says, once the example is up, where to go next. */
@Component
class StartupBanner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

    private final AssetGraph graph;
    private final ExampleProperties example;
    private final PelotonProperties peloton;
    private final ObjectProvider<PelotonSecurityProperties> security;

    // Security is configured only in a web application: headless runs have none.
    StartupBanner(AssetGraph graph, ExampleProperties example, PelotonProperties peloton,
            ObjectProvider<PelotonSecurityProperties> security) {
        this.graph = graph;
        this.example = example;
        this.peloton = peloton;
        this.security = security;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (example.headless() || !(event.getApplicationContext() instanceof WebServerApplicationContext web)
                || web.getWebServer() == null) {
            return;
        }
        int port = web.getWebServer().getPort();
        String base = "http://localhost:" + port;
        String login;
        PelotonSecurityProperties security = this.security.getIfAvailable();
        if (security == null || !security.enabled()) {
            login = "security is off";
        } else if (security.users().isEmpty()) {
            login = "log in as 'admin' with the password in "
                    + peloton.dataDir().resolve(GeneratedAdminPassword.CLEAR_FILE).toAbsolutePath().normalize();
        } else {
            login = "log in with a user from peloton.security.users";
        }
        LOG.info("Peloton is ready: {} assets of the Tour de France example (scale '{}'). Open {} and {}; the race"
                + " dashboard is at {}/tdf; the REST API is at {}/api (HTTP Basic, same users).", graph.size(),
                example.scale(), base, login, base, base);
    }
}
