package dev.peloton.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fixed list of partition keys, in the order given. */
public final class StaticPartitions implements PartitionsDefinition {

    private final List<String> keys;
    private final Map<String, Integer> index;

    public StaticPartitions(List<String> keys) {
        this.keys = List.copyOf(keys);
        if (this.keys.isEmpty()) {
            throw new IllegalArgumentException("A static partitions definition needs at least one key");
        }
        this.index = new HashMap<>(this.keys.size() * 2);
        for (int i = 0; i < this.keys.size(); i++) {
            String key = this.keys.get(i);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("Static partition key " + i + " is empty");
            }
            if (index.put(key, i) != null) {
                throw new IllegalArgumentException("Static partition key '" + key + "' is given twice");
            }
        }
    }

    public List<String> keys() {
        return keys;
    }

    @Override
    public long size() {
        return keys.size();
    }

    @Override
    public String keyAt(long i) {
        return keys.get(Math.toIntExact(i));
    }

    @Override
    public long indexOf(String key) {
        Integer i = key == null ? null : index.get(key);
        return i == null ? -1 : i;
    }

    @Override
    public Optional<String> invalidKeyReason(String key) {
        if (key == null) {
            return Optional.of("the key is null");
        }
        if (index.containsKey(key)) {
            return Optional.empty();
        }
        // The usual slips: case and stray spaces.
        for (String k : keys) {
            if (k.equalsIgnoreCase(key.strip())) {
                return Optional.of("keys are exact: did you mean '" + k + "'?");
            }
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        if (keys.size() <= 12) {
            return keys.size() + " static keys " + keys;
        }
        return keys.size() + " static keys from " + keys.get(0) + " to " + keys.get(keys.size() - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StaticPartitions s && s.keys.equals(keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    @Override
    public String toString() {
        return "static" + (keys.size() <= 5 ? keys.toString() : "[" + keys.size() + " keys]");
    }
}
