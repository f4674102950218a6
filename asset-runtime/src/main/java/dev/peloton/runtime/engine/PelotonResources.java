package dev.peloton.runtime.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resources asset code can use, by name: beans annotated {@link PelotonResource} and beans named in
 * {@code peloton.resources.<name>=<bean name>}.
 */
public record PelotonResources(Map<String, Object> byName) {

    public PelotonResources {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }
}
