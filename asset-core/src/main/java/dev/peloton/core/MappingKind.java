package dev.peloton.core;

/** The built-in partition mappings that {@link In} can name. */
public enum MappingKind {
    /** Infer from the two partitions definitions, as Dagster does. */
    DEFAULT,
    /** The same partition key upstream. */
    IDENTITY,
    /** Every upstream partition. */
    ALL,
    /** The last upstream partition. */
    LAST,
    /** The partition {@link In#offset()} places away in the ordered keys. */
    OFFSET,
    /** The window of upstream partitions up to and including this key ({@link In#window()} wide, or all). */
    WINDOW,
    /** Projects a multi-dimensional key on {@link In#dimension()}. */
    DIMENSION,
    /** A mapping declared with {@link Mapping}: a static key map or a custom {@link PartitionMapping}. */
    NAMED
}
