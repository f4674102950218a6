package dev.peloton.core.engine.io;

import dev.peloton.core.AssetKey;
import dev.peloton.core.IOManager;
import dev.peloton.core.InputContext;
import dev.peloton.core.OutputContext;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps asset values in memory, per asset and partition key ({@code ""} for an unpartitioned asset). The default
 * IO manager of tests and of {@link IOManagerRegistry#inMemory()}; values are lost when the process ends.
 *
 * <p>Storing: a value for one partition is kept under its key. A value for several partitions (a range step) is
 * split when it is a {@code Map} whose keys are exactly those partition keys; any other value is kept, as it is,
 * under each of the keys.
 *
 * <p>Loading: a parameter typed {@code Map} (or any supertype of it) that reads a partitioned asset gets a
 * {@code Map} from partition key to value, in partition order; any other parameter gets the single value of the one
 * partition it reads. Loading a value never stored is an error that names the asset and the partition.
 */
public final class InMemoryIOManager implements IOManager {

    /** Stands for a stored {@code null}: the map cannot hold null values. */
    private static final Object NULL = new Object();

    private final Map<AssetKey, Map<String, Object>> values = new ConcurrentHashMap<>();

    @Override
    public void store(OutputContext context, Object value) {
        List<String> keys = context.partitionKeys();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("Cannot store a value of asset '" + context.asset()
                    + "' for no partition: the output context names no partition key");
        }
        Map<String, Object> byPartition = values.computeIfAbsent(context.asset(), k -> new ConcurrentHashMap<>());
        if (keys.size() > 1 && value instanceof Map<?, ?> map && map.size() == keys.size()
                && map.keySet().equals(new HashSet<>(keys))) {
            for (String key : keys) {
                byPartition.put(key, wrap(map.get(key)));
            }
            return;
        }
        Object wrapped = wrap(value);
        for (String key : keys) {
            byPartition.put(key, wrapped);
        }
    }

    @Override
    public Object load(InputContext context) {
        List<String> keys = context.partitionKeys();
        Class<?> type = boxed(context.type() == null ? Object.class : context.type());
        boolean wantsMap = Map.class.isAssignableFrom(type)
                || (type.isAssignableFrom(Map.class) && keys.size() != 1);
        if (wantsMap && (context.partitions() == null || context.partitions().isPartitioned())) {
            if (!type.isAssignableFrom(LinkedHashMap.class)) {
                throw new IllegalArgumentException("Asset '" + context.downstream() + "' reads asset '"
                        + context.asset() + "' as " + type.getName()
                        + ", which the in-memory IO manager cannot build: declare the parameter as Map<String, ?>");
            }
            Map<String, Object> out = new LinkedHashMap<>(keys.size() * 2);
            for (String key : keys) {
                out.put(key, get(context.asset(), key));
            }
            return Collections.unmodifiableMap(out);
        }
        if (keys.size() != 1) {
            throw new IllegalArgumentException("Asset '" + context.downstream() + "' reads " + keys.size()
                    + " partitions of asset '" + context.asset() + "' " + describe(keys) + " into a parameter of type "
                    + type.getName() + ", which holds one value: declare it as Map<String, ?> to get one value per"
                    + " partition key");
        }
        Object value = get(context.asset(), keys.get(0));
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException("The stored value of asset '" + context.asset() + "'"
                    + partitionWords(keys.get(0)) + " is a " + value.getClass().getName() + ", but asset '"
                    + context.downstream() + "' reads it as " + type.getName());
        }
        return value;
    }

    /** Whether a value (possibly {@code null}) is stored for the asset partition. */
    public boolean contains(AssetKey asset, String partitionKey) {
        Map<String, Object> byPartition = values.get(asset);
        return byPartition != null && byPartition.containsKey(partitionKey);
    }

    /**
     * The stored value of one asset partition ({@code ""} for an unpartitioned asset).
     *
     * @throws IllegalArgumentException naming the asset, the partition and the partitions stored, when missing
     */
    public Object get(AssetKey asset, String partitionKey) {
        Map<String, Object> byPartition = values.get(asset);
        Object value = byPartition == null ? null : byPartition.get(partitionKey);
        if (value == null) {
            String stored = byPartition == null || byPartition.isEmpty() ? "nothing is stored for that asset"
                    : "stored partitions: " + describe(new TreeSet<>(byPartition.keySet()));
            throw new IllegalArgumentException("No value of asset '" + asset + "'" + partitionWords(partitionKey)
                    + " in the in-memory IO manager (" + stored + "); materialize it first");
        }
        return value == NULL ? null : value;
    }

    /** A snapshot of the values of one asset by partition key ({@code null} values included). */
    public Map<String, Object> values(AssetKey asset) {
        Map<String, Object> byPartition = values.get(asset);
        if (byPartition == null) {
            return Map.of();
        }
        Map<String, Object> out = new HashMap<>(byPartition.size() * 2);
        byPartition.forEach((k, v) -> out.put(k, v == NULL ? null : v));
        return Collections.unmodifiableMap(out);
    }

    /** The assets with at least one stored value. */
    public Set<AssetKey> assets() {
        return Set.copyOf(values.keySet());
    }

    /** Forgets every stored value. */
    public void clear() {
        values.clear();
    }

    private static Object wrap(Object value) {
        return value == null ? NULL : value;
    }

    private static String partitionWords(String partitionKey) {
        return partitionKey.isEmpty() ? "" : " partition '" + partitionKey + "'";
    }

    private static String describe(java.util.Collection<String> keys) {
        if (keys.size() <= 10) {
            return keys.toString();
        }
        List<String> list = List.copyOf(keys);
        return "[" + list.get(0) + ", ..., " + list.get(list.size() - 1) + "] (" + keys.size() + " keys)";
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == float.class) {
            return Float.class;
        }
        if (type == short.class) {
            return Short.class;
        }
        if (type == byte.class) {
            return Byte.class;
        }
        if (type == char.class) {
            return Character.class;
        }
        return Void.class;
    }
}
