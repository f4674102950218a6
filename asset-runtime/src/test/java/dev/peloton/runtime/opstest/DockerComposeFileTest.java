package dev.peloton.runtime.opstest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's {@code docker-compose.yml} (no Docker engine is needed): PostgreSQL 17 and two nodes of the
 * example on one database and one lake, each with a health check, on ports 8080 and 8081. YAML merge keys are
 * resolved as Compose resolves them.
 */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String where) {
        assertThat(o).as(where).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @Test
    void twoNodesShareOneDatabaseAndOneLake() throws IOException {
        Map<String, Object> compose = map(new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml"))),
                "docker-compose.yml");
        Map<String, Object> services = map(compose.get("services"), "services");
        assertThat(services.keySet()).containsExactlyInAnyOrder("postgres", "peloton-1", "peloton-2");

        Map<String, Object> postgres = map(services.get("postgres"), "postgres");
        assertThat((String) postgres.get("image")).startsWith("postgres:17");
        assertThat(postgres).containsKey("healthcheck");

        String database = null;
        String lake = null;
        for (String node : List.of("peloton-1", "peloton-2")) {
            Map<String, Object> s = map(services.get(node), node);
            assertThat(s.get("build")).as(node + " is built from the root Dockerfile").isEqualTo(".");
            Map<String, Object> env = map(s.get("environment"), node + ".environment");
            String url = (String) env.get("SPRING_DATASOURCE_URL");
            assertThat(url).as(node).startsWith("jdbc:postgresql://postgres:5432/");
            database = database == null ? url : database;
            assertThat(url).as("both nodes use one database").isEqualTo(database);
            String root = (String) env.get("PELOTON_PARQUET_ROOT");
            assertThat(root).as(node).isNotBlank();
            lake = lake == null ? root : lake;
            assertThat(root).as("both nodes use one lake").isEqualTo(lake);
            assertThat((List<String>) s.get("volumes")).as(node).contains("lake:" + root);
            assertThat(map(map(s.get("depends_on"), node + ".depends_on").get("postgres"), node)
                    .get("condition")).isEqualTo("service_healthy");
            assertThat(map(s.get("healthcheck"), node + ".healthcheck").get("test").toString())
                    .contains("/actuator/health");
        }
        assertThat((List<String>) map(services.get("peloton-1"), "").get("ports")).containsExactly("8080:8080");
        assertThat((List<String>) map(services.get("peloton-2"), "").get("ports")).containsExactly("8081:8080");
        assertThat(map(compose.get("volumes"), "volumes")).containsKeys("lake", "pgdata");
    }

    @Test
    void theImageRunsTheExampleJarOnJava21() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:21-jre")
                .contains("COPY assets-tourdefrance/target/peloton-tourdefrance.jar")
                .contains("HEALTHCHECK").contains("EXPOSE 8080");
    }
}
