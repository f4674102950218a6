package dev.peloton.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built-in mapping, on random pairs of definitions, against a naive reference written one key at a time: the
 * set operations must give exactly the union of the per-key answers, in both directions.
 */
class PartitionMappingPropertyTest {

    /** The reference: the upstream keys one downstream key reads. */
    private record Case(String name, PartitionMapping mapping, PartitionsDefinition up, PartitionsDefinition down,
            Function<String, Set<String>> naive) {
    }

    private static final List<String> UNIVERSE = java.util.stream.IntStream.range(0, 30)
            .mapToObj(i -> String.format("k%02d", i)).toList();

    /** Zones without daylight saving, where every hour has a non-empty window. */
    private static final List<ZoneId> STEADY_ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Kolkata"),
            ZoneOffset.ofHours(-3), ZoneId.of("Asia/Tokyo"));

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17, 2023, 4242, 65537, 987654321})
    void everyMappingMatchesItsPerKeyReference(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rounds = 135;
        int nonTrivial = 0;
        for (int round = 0; round < rounds; round++) {
            Case c = randomCase(random, round % 9);
            nonTrivial += check(c, random, "seed " + seed + " round " + round + " " + c.name() + " ("
                    + c.mapping().describe() + ") up=" + c.up() + " down=" + c.down());
        }
        // Guards the test itself: most cases must map something, or it would prove little.
        assertThat(nonTrivial).as("seed " + seed + ": cases with a non-empty mapping").isGreaterThan(rounds / 2);
    }

    /** Checks one case; returns 1 when some set mapped to a non-empty set. */
    private static int check(Case c, SplittableRandom random, String where) {
        List<String> downKeys = c.down().keys(c.down().all());
        List<String> upKeys = c.up().keys(c.up().all());
        Map<String, Integer> upIndex = new HashMap<>();
        for (int i = 0; i < upKeys.size(); i++) {
            upIndex.put(upKeys.get(i), i);
        }
        List<Set<Long>> reads = new ArrayList<>(downKeys.size());
        for (String key : downKeys) {
            Set<Long> ups = new LinkedHashSet<>();
            for (String u : c.naive().apply(key)) {
                Integer i = upIndex.get(u);
                if (i != null) {
                    ups.add((long) i);
                }
            }
            reads.add(ups);
        }
        int nonEmpty = 0;
        for (int trial = 0; trial < 6; trial++) {
            PartitionSet down = RandomSets.of(random, downKeys.size());
            List<Long> expected = new ArrayList<>();
            down.indices().forEach(d -> expected.addAll(reads.get((int) d)));
            nonEmpty |= expected.isEmpty() ? 0 : 1;
            assertThat(c.mapping().upstreamOf(down, c.down(), c.up())).as(where + " upstreamOf " + down)
                    .isEqualTo(PartitionSet.of(expected.stream().mapToLong(Long::longValue).toArray()));

            PartitionSet up = RandomSets.of(random, upKeys.size());
            PartitionSet.Builder readers = PartitionSet.builder();
            for (int d = 0; d < downKeys.size(); d++) {
                if (reads.get(d).stream().anyMatch(up::contains)) {
                    readers.add(d);
                }
            }
            PartitionSet downstream = c.mapping().downstreamOf(up, c.up(), c.down());
            assertThat(downstream).as(where + " downstreamOf " + up).isEqualTo(readers.build());

            if (trial > 1) {
                continue;
            }
            // downstreamOf and upstreamOf agree: d reads from U exactly when d is downstream of U.
            PartitionSet.Builder consistent = PartitionSet.builder();
            for (long d = 0; d < downKeys.size(); d++) {
                if (c.mapping().upstreamOf(PartitionSet.of(d), c.down(), c.up()).intersects(up)) {
                    consistent.add(d);
                }
            }
            assertThat(downstream).as(where + " consistency for " + up).isEqualTo(consistent.build());
        }
        return nonEmpty;
    }

    private static Case randomCase(SplittableRandom random, int kind) {
        return switch (kind) {
            case 0 -> keyed(random, "identity", PartitionMappings.identity(), (up, k) -> up.contains(k) ? Set.of(k) : Set.of());
            case 1 -> {
                int offset = random.nextInt(7) - 4;
                yield keyed(random, "offset", PartitionMappings.offset(offset), (up, k) -> {
                    int i = up.indexOf(k);
                    return i < 0 || i + offset < 0 || i + offset >= up.size() ? Set.of() : Set.of(up.get(i + offset));
                });
            }
            case 2 -> {
                int size = random.nextInt(5);
                yield keyed(random, "window", PartitionMappings.window(size), (up, k) -> {
                    int i = up.indexOf(k);
                    return i < 0 ? Set.of() : new LinkedHashSet<>(up.subList(size == 0 ? 0 : Math.max(0, i - size + 1), i + 1));
                });
            }
            case 3 -> keyed(random, "all", PartitionMappings.all(), (up, k) -> new LinkedHashSet<>(up));
            case 4 -> keyed(random, "last", PartitionMappings.last(), (up, k) -> up.isEmpty() ? Set.of() : Set.of(up.getLast()));
            case 5 -> staticMap(random);
            case 6 -> dimension(random);
            case 7 -> timeWindow(random);
            default -> keyMapping(random);
        };
    }

    /** A mapping between definitions whose keys can be compared, with a reference over the upstream's key list. */
    private static Case keyed(SplittableRandom random, String name, PartitionMapping mapping,
            java.util.function.BiFunction<List<String>, String, Set<String>> reference) {
        PartitionsDefinition[] pair = keyedPair(random);
        List<String> upKeys = pair[0].keys(pair[0].all());
        return new Case(name, mapping, pair[0], pair[1], k -> reference.apply(upKeys, k));
    }

    /** Two definitions that may share keys: equal, time windows of one granularity, static, dynamic, multi. */
    private static PartitionsDefinition[] keyedPair(SplittableRandom random) {
        PartitionsDefinition a;
        PartitionsDefinition b;
        switch (random.nextInt(6)) {
            case 0 -> {
                a = RandomTimeWindows.next(random).definition();
                b = a;
            }
            case 1 -> {
                TimeWindowPartitions.Granularity g = TimeWindowPartitions.Granularity.values()[random.nextInt(4)];
                LocalDateTime base = LocalDateTime.of(2023, 1 + random.nextInt(12), 1 + random.nextInt(28), 0, 0);
                a = RandomTimeWindows.next(random, g, zone(random), shifted(random, g, base)).definition();
                b = RandomTimeWindows.next(random, g, zone(random), shifted(random, g, base)).definition();
            }
            case 2 -> {
                a = randomStatic(random, 1 + random.nextInt(12));
                b = randomStatic(random, 1 + random.nextInt(12));
            }
            case 3 -> {
                TimeWindowPartitions days = PartitionsDefinition.daily("2023-07-01", "2023-07-20");
                List<String> keys = new ArrayList<>(days.keys(days.all()).subList(random.nextInt(10), 20));
                keys.addAll(UNIVERSE.subList(0, random.nextInt(4)));
                Collections.shuffle(keys, new java.util.Random(random.nextLong()));
                a = days;
                b = PartitionsDefinition.staticKeys(keys.subList(0, 1 + random.nextInt(keys.size())));
            }
            case 4 -> {
                DynamicPartitions dynamic = PartitionsDefinition.dynamic("d" + random.nextLong());
                // Sometimes no key at all: the run-time state of a fresh dynamic definition.
                StaticPartitions source = randomStatic(random, 1 + random.nextInt(12));
                dynamic.addKeys(source.keys().subList(0, random.nextInt(source.keys().size() + 1)));
                a = dynamic;
                b = randomStatic(random, 1 + random.nextInt(12));
            }
            default -> {
                a = randomMulti(random);
                b = random.nextBoolean() ? a : randomMulti(random);
            }
        }
        return random.nextBoolean() ? new PartitionsDefinition[] {a, b} : new PartitionsDefinition[] {b, a};
    }

    private static Case staticMap(SplittableRandom random) {
        PartitionsDefinition[] pair = keyedPair(random);
        List<String> downKeys = pair[1].keys(pair[1].all());
        List<String> upKeys = pair[0].keys(pair[0].all());
        Map<String, List<String>> map = new LinkedHashMap<>();
        int entries = 1 + random.nextInt(8);
        for (int i = 0; i < entries; i++) {
            String down = downKeys.isEmpty() || random.nextInt(5) == 0 ? "unknown-" + i
                    : downKeys.get(random.nextInt(downKeys.size()));
            List<String> ups = new ArrayList<>();
            for (int j = random.nextInt(4); j > 0; j--) {
                ups.add(upKeys.isEmpty() || random.nextInt(5) == 0 ? "missing-" + j : upKeys.get(random.nextInt(upKeys.size())));
            }
            map.put(down, ups);
        }
        return new Case("staticMap", PartitionMappings.staticMap(map), pair[0], pair[1],
                k -> new LinkedHashSet<>(map.getOrDefault(k, List.of())));
    }

    private static Case dimension(SplittableRandom random) {
        MultiPartitions multi = randomMulti(random);
        MultiPartitions.Dimension dim = multi.dimensions().get(random.nextInt(multi.dimensions().size()));
        int position = multi.dimensionIndex(dim.name());
        PartitionsDefinition single = random.nextBoolean() ? dim.definition() : variant(random, dim.definition());
        PartitionsDefinition other;
        Function<String, String> otherProjection;
        if (random.nextInt(3) == 0) {
            // Both sides multi-dimensional, sharing the dimension.
            MultiPartitions m2 = PartitionsDefinition.multi().dimension("extra", randomStatic(random, 1 + random.nextInt(3)))
                    .dimension(dim.name(), single).build();
            other = m2;
            otherProjection = k -> k.split("\\|")[1];
        } else {
            other = single;
            otherProjection = k -> k;
        }
        Function<String, String> multiProjection = k -> k.split("\\|")[position];
        PartitionMapping mapping = PartitionMappings.dimension(dim.name());
        if (random.nextBoolean()) {
            List<String> upKeys = multi.keys(multi.all());
            return new Case("dimension", mapping, multi, other, k -> {
                String key = otherProjection.apply(k);
                Set<String> out = new LinkedHashSet<>();
                upKeys.stream().filter(u -> multiProjection.apply(u).equals(key)).forEach(out::add);
                return out;
            });
        }
        List<String> upKeys = other.keys(other.all());
        return new Case("dimension", mapping, other, multi, k -> {
            String key = multiProjection.apply(k);
            Set<String> out = new LinkedHashSet<>();
            upKeys.stream().filter(u -> otherProjection.apply(u).equals(key)).forEach(out::add);
            return out;
        });
    }

    private static Case timeWindow(SplittableRandom random) {
        TimeWindowPartitions.Granularity g1 = TimeWindowPartitions.Granularity.values()[random.nextInt(4)];
        TimeWindowPartitions.Granularity g2 = TimeWindowPartitions.Granularity.values()[random.nextInt(4)];
        ZoneId z1;
        ZoneId z2;
        if (random.nextBoolean()) {
            z1 = RandomTimeWindows.ZONES.get(random.nextInt(RandomTimeWindows.ZONES.size()));
            z2 = z1;
        } else {
            // Across zones windows compare as instants; an hour that daylight saving skips has an empty window,
            // read along with its neighbours (documented), so hourly definitions stay in steady zones here.
            boolean hourly = g1 == TimeWindowPartitions.Granularity.HOURLY || g2 == TimeWindowPartitions.Granularity.HOURLY;
            List<ZoneId> zones = hourly ? STEADY_ZONES : RandomTimeWindows.ZONES;
            z1 = zones.get(random.nextInt(zones.size()));
            z2 = zones.get(random.nextInt(zones.size()));
        }
        LocalDateTime base = LocalDateTime.of(2020 + random.nextInt(4), 1 + random.nextInt(12), 1 + random.nextInt(28), 0, 0);
        RandomTimeWindows up = RandomTimeWindows.next(random, g1, z1, shifted(random, g1, base));
        RandomTimeWindows down = RandomTimeWindows.next(random, g2, z2, shifted(random, g2, base));
        assertThat(up.definition().keys(up.definition().all())).containsExactlyElementsOf(up.naive().keys());
        assertThat(down.definition().keys(down.definition().all())).containsExactlyElementsOf(down.naive().keys());
        boolean local = z1.normalized().equals(z2.normalized());
        NaiveTimeWindows u = up.naive();
        NaiveTimeWindows d = down.naive();
        Map<String, Integer> downIndex = new HashMap<>();
        for (int i = 0; i < d.size(); i++) {
            downIndex.put(d.keys().get(i), i);
        }
        return new Case("timeWindow", PartitionMappings.timeWindow(), up.definition(), down.definition(), k -> {
            int i = downIndex.get(k);
            Set<String> out = new LinkedHashSet<>();
            for (int j = 0; j < u.size(); j++) {
                boolean overlap = local
                        ? d.starts().get(i).isBefore(u.ends().get(j)) && u.starts().get(j).isBefore(d.ends().get(i))
                        : d.startInstant(i).isBefore(u.endInstant(j)) && u.startInstant(j).isBefore(d.endInstant(i));
                if (overlap) {
                    out.add(u.keys().get(j));
                }
            }
            return out;
        });
    }

    private static Case keyMapping(SplittableRandom random) {
        PartitionsDefinition[] pair = keyedPair(random);
        List<String> upKeys = pair[0].keys(pair[0].all());
        List<String> downKeys = pair[1].keys(pair[1].all());
        Function<String, Set<String>> rule = k -> {
            if (upKeys.isEmpty()) {
                return Set.of();
            }
            int i = downKeys.indexOf(k);
            Set<String> out = new LinkedHashSet<>();
            out.add(upKeys.get(i * 7 % upKeys.size()));
            if (i % 3 == 0) {
                out.add(upKeys.get((i * 3 + 1) % upKeys.size()));
            }
            return out;
        };
        KeyMapping mapping = KeyMapping.of("every seventh", (k, down, up) -> rule.apply(k));
        return new Case("keyMapping", mapping, pair[0], pair[1], rule);
    }

    private static LocalDateTime shifted(SplittableRandom random, TimeWindowPartitions.Granularity g, LocalDateTime base) {
        int by = random.nextInt(9) - 4;
        return switch (g) {
            case HOURLY -> base.plusHours(by * 5L);
            case DAILY -> base.plusDays(by);
            case WEEKLY -> base.plusDays(by * 3L);
            case MONTHLY -> base.plusDays(by * 10L);
        };
    }

    private static ZoneId zone(SplittableRandom random) {
        return RandomTimeWindows.ZONES.get(random.nextInt(RandomTimeWindows.ZONES.size()));
    }

    private static StaticPartitions randomStatic(SplittableRandom random, int n) {
        List<String> keys = new ArrayList<>(UNIVERSE);
        Collections.shuffle(keys, new java.util.Random(random.nextLong()));
        return PartitionsDefinition.staticKeys(keys.subList(0, n));
    }

    private static MultiPartitions randomMulti(SplittableRandom random) {
        int dims = 2 + random.nextInt(2);
        MultiPartitions.Builder b = PartitionsDefinition.multi();
        for (int i = 0; i < dims; i++) {
            PartitionsDefinition def = switch (random.nextInt(3)) {
                case 0 -> PartitionsDefinition.daily("2023-07-0" + (1 + random.nextInt(4)), "2023-07-0" + (5 + random.nextInt(4)));
                case 1 -> {
                    DynamicPartitions d = PartitionsDefinition.dynamic("dim" + random.nextLong());
                    d.addKeys(randomStatic(random, 1 + random.nextInt(4)).keys());
                    yield d;
                }
                default -> randomStatic(random, 1 + random.nextInt(5));
            };
            b.dimension("d" + i, def);
        }
        return b.build();
    }

    /** A definition of the same kind with overlapping keys. */
    private static PartitionsDefinition variant(SplittableRandom random, PartitionsDefinition def) {
        return switch (def) {
            case TimeWindowPartitions t -> PartitionsDefinition.daily("2023-07-0" + (1 + random.nextInt(4)),
                    "2023-07-" + (10 + random.nextInt(5)));
            default -> randomStatic(random, 1 + random.nextInt(8));
        };
    }
}
