package dev.peloton.runtime.cli;

import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.runtime.backfill.BackfillDaemon;
import dev.peloton.runtime.backfill.BackfillService;
import dev.peloton.runtime.engine.PelotonEngineAutoConfiguration;
import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.storage.RunStorage;
import dev.peloton.runtime.storage.StepStorage;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Command-line mode ({@code java -jar app.jar peloton ...}): the runner does nothing unless the first argument is
 * {@code peloton}, so it is present in every Peloton application. See {@code docs/cli.md}.
 */
@AutoConfiguration(after = PelotonEngineAutoConfiguration.class)
@ConditionalOnBean({AssetGraph.class, RunCoordinator.class, DataSource.class})
public class PelotonCliAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CliConsole pelotonCliConsole() {
        return CliConsole.system();
    }

    @Bean
    @ConditionalOnMissingBean
    PelotonCommandLineRunner pelotonCommandLineRunner(DataSource dataSource, AssetGraph graph,
            RunCoordinator coordinator, RunStorage runs, ObjectProvider<BackfillService> backfills,
            CliConsole console, ConfigurableApplicationContext context,
            @Value("${peloton.cli.exit:true}") boolean exitJvm) {
        BackfillService service = backfills.getIfAvailable(() -> new BackfillService(dataSource, graph, coordinator));
        BackfillDaemon daemon = new BackfillDaemon(dataSource, graph, coordinator, service, 500, null);
        CliCommands commands = new CliCommands(graph, coordinator, runs, new StepStorage(dataSource), service, daemon,
                console);
        return new PelotonCommandLineRunner(commands, console, context, exitJvm);
    }
}
