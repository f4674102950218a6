package dev.peloton.core.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.core.IOManager;
import dev.peloton.core.InputContext;
import dev.peloton.core.OutputContext;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetDependency;
import dev.peloton.core.engine.graph.AssetGraph;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IOManagerRegistryTest {

    /** Loads only strings, like a store of text files. */
    private static final IOManager TEXT_ONLY = new IOManager() {
        @Override
        public void store(OutputContext context, Object value) {
        }

        @Override
        public Object load(InputContext context) {
            return "";
        }

        @Override
        public boolean canLoad(Class<?> type) {
            return type == String.class;
        }
    };

    @Test
    void theDefaultIsAlwaysPresent() {
        assertThat(IOManagerRegistry.inMemory().get("default")).isInstanceOf(InMemoryIOManager.class);
        IOManagerRegistry registry = IOManagerRegistry.of(Map.of("text", TEXT_ONLY));
        assertThat(registry.names()).containsExactly("default", "text");
        assertThat(registry.defaultManager()).isInstanceOf(InMemoryIOManager.class);
        assertThat(IOManagerRegistry.of(Map.of("default", TEXT_ONLY)).defaultManager()).isSameAs(TEXT_ONLY);
        assertThat(IOManagerRegistry.inMemory().with("text", TEXT_ONLY).get("text")).isSameAs(TEXT_ONLY);
    }

    @Test
    void anUnknownNameIsAClearError() {
        assertThatThrownBy(() -> IOManagerRegistry.of(Map.of("text", TEXT_ONLY)).get("duckdb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No IO manager named 'duckdb' (registered: [default, text])");
        assertThatThrownBy(() -> IOManagerRegistry.of(Map.of(" ", TEXT_ONLY)))
                .hasMessageContaining("needs a name");
    }

    @Test
    void problemsNameUnregisteredManagersAndUnloadableParameters() {
        AssetGraph graph = AssetGraph.of(List.of(
                AssetDefinition.builder("notes").ioManager("text").build(),
                AssetDefinition.builder("counts").dependency(
                        AssetDependency.input(AssetKey.parse("notes"), "notes", Integer.class)).build(),
                AssetDefinition.builder("table").ioManager("duckdb").build()));
        List<String> problems = IOManagerRegistry.of(Map.of("text", TEXT_ONLY)).problems(graph);
        assertThat(problems).containsExactly(
                "Asset 'table' (table) uses IO manager 'duckdb', which is not registered (registered: [default, text])",
                "Asset 'counts' (counts) reads asset 'notes' as java.lang.Integer in parameter 'notes', but IO manager"
                        + " 'text' cannot load that type");
    }
}
