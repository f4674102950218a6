package dev.peloton.core;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys added at run time (by a sensor, an asset, an API call), in the order they were added. Keys are never
 * removed, so indices are stable: a key keeps its index for the life of the definition. Adding is thread-safe
 * and adding an existing key does nothing; reads never block.
 *
 * <p>The name identifies the definition: two definitions with the same name are equal, so an application
 * should declare each name once and share that instance (the runtime stores its keys under the name).
 *
 * <p>A key may not be empty, longer than 255 characters, start or end with white space, or contain a control
 * character, {@code |} (it separates the dimensions of multi-dimensional keys), {@code ,} or {@code ..}.
 */
public final class DynamicPartitions implements PartitionsDefinition {

    /** The keys in order; entries below {@code size} never change once published. */
    private record Snapshot(String[] keys, int size) {
    }

    private final String name;
    private final Object addLock = new Object();
    private final ConcurrentHashMap<String, Integer> index = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot = new Snapshot(new String[16], 0);

    public DynamicPartitions(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A dynamic partitions definition needs a name");
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /**
     * Adds the keys that are new, in the given order, and returns the indices of those added (empty when all
     * existed). Every key is checked before any is added, so a bad key adds nothing.
     *
     * @throws IllegalArgumentException naming the first invalid key and what is wrong with it
     */
    public PartitionSet addKeys(Collection<String> keys) {
        for (String key : keys) {
            Optional<String> problem = PartitionKeys.problem(key);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("Cannot add " + (key == null ? "null" : "'" + key + "'")
                        + " to dynamic partitions '" + name + "': " + problem.get());
            }
        }
        synchronized (addLock) {
            Snapshot s = snapshot;
            String[] array = s.keys();
            int size = s.size();
            int first = size;
            Set<String> added = new HashSet<>();
            for (String key : keys) {
                if (index.containsKey(key) || !added.add(key)) {
                    continue;
                }
                if (size == array.length) {
                    array = Arrays.copyOf(array, array.length * 2);
                }
                array[size++] = key;
            }
            // Publish the keys before indexing them, so that a key indexOf finds is always below size().
            snapshot = new Snapshot(array, size);
            for (int i = first; i < size; i++) {
                index.put(array[i], i);
            }
            return PartitionSet.range(first, size);
        }
    }

    public PartitionSet addKeys(String... keys) {
        return addKeys(Arrays.asList(keys));
    }

    /** Adds one key; returns its index (its existing index when it was already there). */
    public long addKey(String key) {
        addKeys(List.of(Objects.requireNonNull(key, () -> "Cannot add null to dynamic partitions '" + name + "'")));
        return index.get(key);
    }

    /** The keys at the time of the call, in order. */
    public List<String> keys() {
        Snapshot s = snapshot;
        return List.of(Arrays.copyOf(s.keys(), s.size()));
    }

    @Override
    public long size() {
        return snapshot.size();
    }

    @Override
    public String keyAt(long i) {
        Snapshot s = snapshot;
        if (i < 0 || i >= s.size()) {
            throw new IndexOutOfBoundsException("Partition index " + i + " is outside 0.." + (s.size() - 1)
                    + " of dynamic partitions '" + name + "'");
        }
        return s.keys()[(int) i];
    }

    @Override
    public long indexOf(String key) {
        Integer i = key == null ? null : index.get(key);
        return i == null ? -1 : i;
    }

    @Override
    public Optional<String> invalidKeyReason(String key) {
        if (indexOf(key) >= 0) {
            return Optional.empty();
        }
        return Optional.of(PartitionKeys.problem(key).orElse("it has not been added"));
    }

    @Override
    public String describe() {
        Snapshot s = snapshot;
        int n = s.size();
        if (n == 0) {
            return "no keys yet in dynamic partitions '" + name + "' (keys are added at run time)";
        }
        if (n <= 12) {
            return n + (n == 1 ? " key" : " keys") + " of dynamic partitions '" + name + "' "
                    + Arrays.asList(Arrays.copyOf(s.keys(), n));
        }
        return n + " keys of dynamic partitions '" + name + "', from '" + s.keys()[0] + "' to '"
                + s.keys()[n - 1] + "' in the order added";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DynamicPartitions d && d.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "dynamic[" + name + "]";
    }
}
