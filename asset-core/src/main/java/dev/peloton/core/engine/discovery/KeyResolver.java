package dev.peloton.core.engine.discovery;

import dev.peloton.core.AssetKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parameter name into the upstream key it names, among the keys declared in one discovery: first the
 * asset with the same key prefix ({@code warehouse/x} for parameter {@code x} of an asset under
 * {@code warehouse}), then the key {@code x} itself, then the only declared key whose last segment is
 * {@code x}. A name matching nothing stays the key {@code x}, which graph validation reports as unknown.
 */
final class KeyResolver {

    /** The key, or why the name is ambiguous. */
    record Resolution(AssetKey key, String ambiguity) {
    }

    private final Set<AssetKey> declared;
    private final Map<String, List<AssetKey>> byLastSegment = new HashMap<>();

    KeyResolver(Set<AssetKey> declared) {
        this.declared = declared;
        for (AssetKey key : declared) {
            byLastSegment.computeIfAbsent(key.name(), k -> new ArrayList<>(1)).add(key);
        }
        byLastSegment.values().forEach(list -> list.sort(null));
    }

    /**
     * @param name   the parameter name, a valid key segment
     * @param prefix the key prefix of the asset that declares the parameter, or empty
     */
    Resolution resolve(String name, String prefix) {
        if (prefix != null && !prefix.isEmpty()) {
            AssetKey sibling = AssetKey.parse(prefix + "/" + name);
            if (declared.contains(sibling)) {
                return new Resolution(sibling, null);
            }
        }
        AssetKey exact = AssetKey.of(name);
        if (declared.contains(exact)) {
            return new Resolution(exact, null);
        }
        List<AssetKey> candidates = byLastSegment.getOrDefault(name, List.of());
        if (candidates.size() == 1) {
            return new Resolution(candidates.get(0), null);
        }
        if (candidates.size() > 1) {
            return new Resolution(null, "parameter '" + name + "' could name any of " + candidates
                    + "; name one with @In(\"...\")");
        }
        return new Resolution(exact, null);
    }
}
