package dev.peloton.core;

import java.util.SplittableRandom;

/** Random partition sets of a few ranges, for property tests. */
public final class RandomSets {

    private RandomSets() {
    }

    /** A random subset of {@code 0..size-1}: empty, everything, single indices or a few ranges. */
    public static PartitionSet of(SplittableRandom random, long size) {
        if (size == 0) {
            return PartitionSet.empty();
        }
        return switch (random.nextInt(6)) {
            case 0 -> PartitionSet.empty();
            case 1 -> PartitionSet.all(size);
            case 2 -> PartitionSet.of(random.nextLong(size));
            default -> {
                PartitionSet.Builder b = PartitionSet.builder();
                long at = random.nextLong(size);
                int ranges = 1 + random.nextInt(5);
                for (int i = 0; i < ranges && at < size; i++) {
                    long len = 1 + random.nextLong(Math.max(1, size / 4));
                    b.addRange(at, Math.min(size, at + len));
                    at += len + 1 + random.nextLong(Math.max(1, size / 4));
                }
                yield b.build();
            }
        };
    }
}
