package dev.peloton.tdf;

import dev.peloton.core.engine.graph.AssetGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    StartupBanner(AssetGraph graph, ExampleProperties example) {
        this.graph = graph;
        this.example = example;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (example.headless() || !(event.getApplicationContext() instanceof WebServerApplicationContext web)
                || web.getWebServer() == null) {
            return;
        }
        int port = web.getWebServer().getPort();
        String base = "http://localhost:" + port;
        LOG.info("Peloton is ready: {} assets of the Tour de France example (scale '{}'). Browse them at {}/api/assets;"
                        + " materialize all race days with: curl -X POST -H 'Content-Type: application/json' -d"
                        + " '{\"selection\":\"*\"}' {}/api/materialize", graph.size(), example.scale(), base, base);
    }
}
