package dev.peloton.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Partitions over several named dimensions (Dagster allows two; here any number): a key combines one key of each
 * dimension, joined by {@code |} in the declared order ({@code 2023-07-04|pogacar}). Each dimension is a static,
 * time-window or dynamic definition.
 *
 * <p>The index is mixed radix, the first dimension most significant: the keys run through the last dimension
 * fastest. All partitions with a given key of the first dimension are one range of indices. Indices stay stable
 * while the sizes of the dimensions after the first stay fixed: declare a dimension that grows (dynamic,
 * open-ended time windows) first.
 */
public final class MultiPartitions implements PartitionsDefinition {

    /** Separates the dimension keys in a key. */
    public static final char SEPARATOR = '|';

    /** A named dimension. */
    public record Dimension(String name, PartitionsDefinition definition) {
    }

    private final List<Dimension> dimensions;
    private final Map<String, Integer> positions;

    private MultiPartitions(List<Dimension> dimensions) {
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("Multi-dimensional partitions need at least one dimension");
        }
        this.dimensions = List.copyOf(dimensions);
        this.positions = new HashMap<>();
        for (int i = 0; i < this.dimensions.size(); i++) {
            Dimension d = this.dimensions.get(i);
            checkDimension(d.name(), d.definition());
            if (positions.put(d.name(), i) != null) {
                throw new IllegalArgumentException("Dimension '" + d.name() + "' is declared twice");
            }
        }
        size();
    }

    static MultiPartitions of(SequencedMap<String, ? extends PartitionsDefinition> dimensions) {
        List<Dimension> list = new ArrayList<>(dimensions.size());
        dimensions.forEach((name, def) -> list.add(new Dimension(name, def)));
        return new MultiPartitions(list);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    public List<String> dimensionNames() {
        return dimensions.stream().map(Dimension::name).toList();
    }

    /** The position of dimension {@code name} in the declared order, or -1. */
    public int dimensionIndex(String name) {
        Integer i = name == null ? null : positions.get(name);
        return i == null ? -1 : i;
    }

    public Optional<Dimension> dimension(String name) {
        int i = dimensionIndex(name);
        return i < 0 ? Optional.empty() : Optional.of(dimensions.get(i));
    }

    /** The sizes of the dimensions now, in order: the radices of the index. */
    public long[] sizes() {
        long[] sizes = new long[dimensions.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = dimensions.get(i).definition().size();
        }
        return sizes;
    }

    @Override
    public long size() {
        return product(sizes(), 0, dimensions.size());
    }

    @Override
    public String keyAt(long index) {
        long[] sizes = sizes();
        long total = product(sizes, 0, sizes.length);
        if (index < 0 || index >= total) {
            throw new IndexOutOfBoundsException("Partition index " + index + " is outside 0.." + (total - 1)
                    + " of " + describe());
        }
        String[] parts = new String[sizes.length];
        long rest = index;
        for (int i = sizes.length - 1; i >= 0; i--) {
            parts[i] = dimensions.get(i).definition().keyAt(rest % sizes[i]);
            rest /= sizes[i];
        }
        return String.join(String.valueOf(SEPARATOR), parts);
    }

    @Override
    public long indexOf(String key) {
        String[] parts = split(key);
        if (parts == null) {
            return -1;
        }
        long[] sizes = sizes();
        long index = 0;
        for (int i = 0; i < parts.length; i++) {
            long digit = dimensions.get(i).definition().indexOf(parts[i]);
            if (digit < 0) {
                return -1;
            }
            index = index * sizes[i] + digit;
        }
        return index;
    }

    /** The key that combines the given dimension keys, in the declared order; each must be a key of its dimension. */
    public String key(String... dimensionKeys) {
        if (dimensionKeys.length != dimensions.size()) {
            throw new IllegalArgumentException("A key of " + describe() + " needs " + dimensions.size()
                    + " dimension keys (" + String.join(", ", dimensionNames()) + "), got " + dimensionKeys.length);
        }
        String key = String.join(String.valueOf(SEPARATOR), dimensionKeys);
        requireIndex(null, key);
        return key;
    }

    /** The key of dimension {@code dimension} in the multi-dimensional {@code key}. */
    public String dimensionKey(String key, String dimension) {
        int d = dimensionIndex(dimension);
        if (d < 0) {
            throw new IllegalArgumentException(noSuchDimension(dimension));
        }
        requireIndex(null, key);
        return split(key)[d];
    }

    @Override
    public Optional<String> invalidKeyReason(String key) {
        if (key == null) {
            return Optional.of("the key is null");
        }
        String[] parts = split(key);
        if (parts == null) {
            int count = key.split("\\" + SEPARATOR, -1).length;
            return Optional.of("it has " + count + (count == 1 ? " part" : " parts") + " but keys have "
                    + dimensions.size() + ", " + String.join(String.valueOf(SEPARATOR), dimensionNames()));
        }
        for (int i = 0; i < parts.length; i++) {
            PartitionsDefinition def = dimensions.get(i).definition();
            if (def.indexOf(parts[i]) < 0) {
                return Optional.of("dimension '" + dimensions.get(i).name() + "' has no key '" + parts[i] + "'"
                        + def.invalidKeyReason(parts[i]).map(r -> ": " + r).orElse(""));
            }
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(size()).append(" keys ").append(String.join(String.valueOf(SEPARATOR), dimensionNames()))
                .append(" combining ");
        for (int i = 0; i < dimensions.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(dimensions.get(i).name()).append(": ")
                    .append(dimensions.get(i).definition().describe());
        }
        return sb.toString();
    }

    /** The message for a dimension name that is not one of these dimensions. */
    public String noSuchDimension(String name) {
        return "'" + name + "' is not a dimension of " + this + ": its dimensions are " + dimensionNames();
    }

    /**
     * The product of {@code sizes[from..to-1]}: the number of indices one step of dimension {@code from - 1}
     * spans, when {@code to} is the number of dimensions.
     */
    public static long product(long[] sizes, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            try {
                p = Math.multiplyExact(p, sizes[i]);
            } catch (ArithmeticException e) {
                throw new IllegalStateException("Multi-dimensional partitions with dimension sizes "
                        + Arrays.toString(sizes) + " have more than " + Long.MAX_VALUE + " keys", e);
            }
        }
        return p;
    }

    private String[] split(String key) {
        if (key == null) {
            return null;
        }
        String[] parts = new String[dimensions.size()];
        int from = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            int at = key.indexOf(SEPARATOR, from);
            if (at < 0) {
                return null;
            }
            parts[i] = key.substring(from, at);
            from = at + 1;
        }
        if (key.indexOf(SEPARATOR, from) >= 0) {
            return null;
        }
        parts[parts.length - 1] = key.substring(from);
        return parts;
    }

    private static void checkDimension(String name, PartitionsDefinition def) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A dimension of multi-dimensional partitions has no name");
        }
        if (def == null) {
            throw new IllegalArgumentException("Dimension '" + name + "' has no partitions definition");
        }
        switch (def) {
            case Unpartitioned u -> throw new IllegalArgumentException("Dimension '" + name
                    + "' is unpartitioned: every dimension needs keys");
            case MultiPartitions m -> throw new IllegalArgumentException("Dimension '" + name
                    + "' is multi-dimensional itself: declare its dimensions " + m.dimensionNames() + " instead");
            case StaticPartitions s -> {
                for (String key : s.keys()) {
                    if (key.indexOf(SEPARATOR) >= 0) {
                        throw new IllegalArgumentException("Dimension '" + name + "' has the key '" + key
                                + "', which contains '" + SEPARATOR + "', the separator of dimension keys");
                    }
                }
            }
            case TimeWindowPartitions t -> {
                if (t.keyFormat().indexOf(SEPARATOR) >= 0) {
                    throw new IllegalArgumentException("Dimension '" + name + "' has the key format '"
                            + t.keyFormat() + "', which contains '" + SEPARATOR + "', the separator of dimension keys");
                }
            }
            case DynamicPartitions d -> {
                // Dynamic keys never contain the separator: adding one is refused.
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiPartitions m && m.dimensions.equals(dimensions);
    }

    @Override
    public int hashCode() {
        return dimensions.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("multi[");
        for (int i = 0; i < dimensions.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(dimensions.get(i).name()).append('=')
                    .append(dimensions.get(i).definition());
        }
        return sb.append(']').toString();
    }

    /** Declares dimensions in order. */
    public static final class Builder {
        private final LinkedHashMap<String, PartitionsDefinition> dimensions = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder dimension(String name, PartitionsDefinition definition) {
            if (dimensions.containsKey(name)) {
                throw new IllegalArgumentException("Dimension '" + name + "' is declared twice");
            }
            dimensions.put(name, definition);
            return this;
        }

        public MultiPartitions build() {
            return MultiPartitions.of(dimensions);
        }
    }
}
