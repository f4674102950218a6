package dev.peloton.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionSetTest {

    @Test
    void encodesIndicesAsCanonicalRanges() {
        PartitionSet set = PartitionSet.of(5, 1, 2, 3, 9, 2, 10);
        assertThat(set.count()).isEqualTo(6);
        assertThat(set.rangeCount()).isEqualTo(3);
        assertThat(set.ranges()).containsExactly(new PartitionSet.LongRange(1, 4), new PartitionSet.LongRange(5, 6),
                new PartitionSet.LongRange(9, 11));
        assertThat(set).hasToString("{1..3, 5, 9..10}");
        assertThat(set.first()).isEqualTo(1);
        assertThat(set.last()).isEqualTo(10);
        assertThat(set.indices().toArray()).containsExactly(1, 2, 3, 5, 9, 10);
        assertThat(set).isEqualTo(PartitionSet.range(1, 4).union(PartitionSet.of(5, 9, 10)));
        assertThat(set.hashCode()).isEqualTo(PartitionSet.of(1, 2, 3, 5, 9, 10).hashCode());
    }

    @Test
    void builderMergesTouchingRangesAndRejectsDisorder() {
        PartitionSet set = PartitionSet.builder().addRange(0, 3).addRange(3, 5).addRange(4, 8).add(8).build();
        assertThat(set.ranges()).containsExactly(new PartitionSet.LongRange(0, 9));
        assertThatThrownBy(() -> PartitionSet.builder().add(5).add(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending order: 3 after 5");
        assertThatThrownBy(() -> PartitionSet.of(-1)).hasMessageContaining("got -1");
        assertThatThrownBy(() -> PartitionSet.range(-2, 4)).hasMessageContaining("got -2");
    }

    @Test
    void emptySetsBehave() {
        PartitionSet empty = PartitionSet.empty();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(PartitionSet.range(4, 4)).isEqualTo(empty);
        assertThat(PartitionSet.all(0)).isEqualTo(empty);
        assertThat(empty.union(PartitionSet.of(3))).isEqualTo(PartitionSet.of(3));
        assertThat(PartitionSet.of(3).minus(PartitionSet.of(3))).isEqualTo(empty);
        assertThat(empty.complement(3)).isEqualTo(PartitionSet.all(3));
        assertThatThrownBy(empty::first).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(empty::last).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void shiftDropsIndicesOutsideTheDefinition() {
        PartitionSet set = PartitionSet.of(0, 1, 5, 8, 9);
        assertThat(set.shift(-1, 10)).isEqualTo(PartitionSet.of(0, 4, 7, 8));
        assertThat(set.shift(2, 10)).isEqualTo(PartitionSet.of(2, 3, 7));
        assertThat(set.shift(20, 10)).isEqualTo(PartitionSet.empty());
    }

    @Test
    void mapMonotoneMapsRangeEnds() {
        PartitionSet days = PartitionSet.of(0, 1, 2, 3, 4, 5, 6, 7, 20);
        assertThat(days.mapMonotone(i -> i / 7)).isEqualTo(PartitionSet.of(0, 1, 2));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234, 98765, 20230701})
    void algebraMatchesATreeSet(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 200; round++) {
            int universe = 1 + random.nextInt(200);
            TreeSet<Long> a = randomTreeSet(random, universe);
            TreeSet<Long> b = randomTreeSet(random, universe);
            PartitionSet pa = fromTreeSet(a, random);
            PartitionSet pb = fromTreeSet(b, random);
            String where = "seed " + seed + " round " + round + ": a=" + a + " b=" + b;

            assertThat(pa.count()).as(where).isEqualTo(a.size());
            assertThat(pa.indices().boxed().toList()).as(where).containsExactlyElementsOf(a);
            assertThat(toTree(pa.union(pb))).as(where).isEqualTo(union(a, b));
            assertThat(toTree(pa.intersect(pb))).as(where).isEqualTo(intersect(a, b));
            assertThat(toTree(pa.minus(pb))).as(where).isEqualTo(minus(a, b));
            assertThat(toTree(pa.complement(universe))).as(where)
                    .isEqualTo(minus(range(0, universe), a));
            assertThat(pa.intersects(pb)).as(where).isEqualTo(!intersect(a, b).isEmpty());
            assertThat(pa.containsAll(pb)).as(where).isEqualTo(a.containsAll(b));
            for (long i = -1; i <= universe; i++) {
                if (i >= 0) {
                    assertThat(pa.contains(i)).as(where + " contains " + i).isEqualTo(a.contains(i));
                }
            }
            int offset = random.nextInt(21) - 10;
            TreeSet<Long> shifted = new TreeSet<>();
            a.forEach(i -> {
                if (i + offset >= 0 && i + offset < universe) {
                    shifted.add(i + offset);
                }
            });
            assertThat(toTree(pa.shift(offset, universe))).as(where + " shift " + offset).isEqualTo(shifted);
            if (!a.isEmpty()) {
                assertThat(pa.first()).as(where).isEqualTo(a.first());
                assertThat(pa.last()).as(where).isEqualTo(a.last());
            }
            // Canonical encoding: equal sets are equal objects, and no two ranges touch.
            assertThat(pa.union(pb)).as(where).isEqualTo(pb.union(pa));
            for (int r = 1; r < pa.rangeCount(); r++) {
                assertThat(pa.rangeStart(r)).as(where).isGreaterThan(pa.rangeEnd(r - 1));
            }
        }
    }

    private static TreeSet<Long> randomTreeSet(SplittableRandom random, int universe) {
        TreeSet<Long> set = new TreeSet<>();
        int style = random.nextInt(3);
        for (long i = 0; i < universe; i++) {
            boolean in = switch (style) {
                case 0 -> random.nextInt(4) == 0;
                case 1 -> random.nextInt(10) != 0;
                default -> (i / (1 + random.nextInt(5))) % 2 == 0;
            };
            if (in) {
                set.add(i);
            }
        }
        return set;
    }

    // Builds the set in one of three ways, so that all of them are exercised.
    private static PartitionSet fromTreeSet(TreeSet<Long> set, SplittableRandom random) {
        long[] indices = set.stream().mapToLong(Long::longValue).toArray();
        return switch (random.nextInt(3)) {
            case 0 -> PartitionSet.of(indices);
            case 1 -> {
                PartitionSet.Builder b = PartitionSet.builder();
                for (long i : indices) {
                    b.add(i);
                }
                yield b.build();
            }
            default -> {
                PartitionSet acc = PartitionSet.empty();
                for (long i : indices) {
                    acc = acc.union(PartitionSet.range(i, i + 1));
                }
                yield acc;
            }
        };
    }

    private static TreeSet<Long> toTree(PartitionSet set) {
        return set.indices().boxed().collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    private static TreeSet<Long> union(TreeSet<Long> a, TreeSet<Long> b) {
        TreeSet<Long> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static TreeSet<Long> intersect(TreeSet<Long> a, TreeSet<Long> b) {
        TreeSet<Long> out = new TreeSet<>(a);
        out.retainAll(b);
        return out;
    }

    private static TreeSet<Long> minus(TreeSet<Long> a, TreeSet<Long> b) {
        TreeSet<Long> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static TreeSet<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
}
