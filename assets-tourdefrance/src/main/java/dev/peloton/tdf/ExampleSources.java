package dev.peloton.tdf;

import dev.peloton.tdf.generate.TdfGenerator;
import dev.peloton.tdf.source.GoogleSheetSource;
import dev.peloton.tdf.source.LocalSheetServer;
import dev.peloton.tdf.source.PostgresRaceSource;
import dev.peloton.tdf.source.StageRouteFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connectors the landing assets read through, one per kind of source. */
@Configuration(proxyBeanMethods = false)
public class ExampleSources {

    private static final Logger LOG = LoggerFactory.getLogger(ExampleSources.class);

    /** Connections of the race source, apart from Peloton's own. */
    @Bean(destroyMethod = "close")
    SourceConnections raceSourceConnections(ExampleData data, ExampleProperties example) {
        return new SourceConnections(data.dataSource(), example.sourceConnections());
    }

    /** The GPS points: table {@code tdf_source.race_points}, streamed one race day at a time with COPY. */
    @Bean
    PostgresRaceSource raceSource(SourceConnections connections) {
        return new PostgresRaceSource(connections.dataSource());
    }

    /** The stage route CSV drop folder. */
    @Bean
    StageRouteFolder stageRouteFolder(ExampleData data) {
        return new StageRouteFolder(TdfGenerator.routeFile(data.directory(), 1).getParent());
    }

    /** Serves the generated riders sheet as Google would, unless a real spreadsheet is configured. */
    @Bean(destroyMethod = "close")
    LocalSheetServer localSheetServer(ExampleData data, ExampleProperties example) {
        LocalSheetServer server = LocalSheetServer.ofGeneratedSheet(data.directory());
        if (example.sheet().isLocal()) {
            server.start(example.sheet().localPort());
            LOG.info("Serving the riders sheet at {} (spreadsheet id '{}')", server.baseUrl(), server.spreadsheetId());
        }
        return server;
    }

    @Bean
    GoogleSheetSource sheetSource(ExampleProperties example, ObjectProvider<LocalSheetServer> local) {
        ExampleProperties.Sheet sheet = example.sheet();
        if (sheet.isLocal()) {
            LocalSheetServer server = local.getObject();
            return new GoogleSheetSource(GoogleSheetSource.Config.local(server.baseUrl(), server.spreadsheetId()));
        }
        return new GoogleSheetSource(GoogleSheetSource.Config.google(sheet.spreadsheetId(), sheet.apiKey()));
    }
}
