package dev.peloton.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document at /api/openapi.json lists every mapping of the API's controllers. */
class OpenApiDocumentTest extends ApiTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyControllerMappingIsInTheDocument() {
        Answer a = get("/api/openapi.json");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("openapi").stringValue()).startsWith("3.");
        JsonNode paths = a.json().get("paths");
        List<String> expected = new ArrayList<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod method) -> {
            if (!method.getBeanType().getPackageName().equals(AssetController.class.getPackageName())) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                // springdoc writes a capture-all {*path} as {path}
                String path = pattern.replace("{*", "{");
                for (RequestMethod m : info.getMethodsCondition().getMethods()) {
                    expected.add(m.name().toLowerCase(Locale.ROOT) + " " + path);
                }
            }
        });
        assertThat(expected).hasSize(27);
        assertThat(expected).contains("get /api/schedules", "get /api/sensors/{name}/ticks",
                "post /api/schedules/{name}/off", "post /api/sensors/{name}/on");
        for (String e : expected) {
            String[] parts = e.split(" ", 2);
            assertThat(paths.has(parts[1])).as("path %s in %s", parts[1], paths.propertyNames()).isTrue();
            assertThat(paths.get(parts[1]).has(parts[0])).as("%s", e).isTrue();
        }
        JsonNode materialize = paths.get("/api/materialize").get("post");
        assertThat(materialize.get("requestBody").toString()).contains("MaterializeRequest");
        assertThat(a.json().get("components").get("schemas").has("MaterializeRequest")).isTrue();
        assertThat(paths.get("/api/backfills").get("post").get("requestBody").toString())
                .contains("BackfillRequestBody");
        assertThat(a.json().get("components").get("schemas").has("BackfillRequestBody")).isTrue();
        assertThat(a.json().get("components").get("schemas").has("TickPageView")).isTrue();
        assertThat(paths.get("/api/schedules/{name}/ticks").get("get").get("parameters").toString())
                .contains("before", "limit");
    }
}
