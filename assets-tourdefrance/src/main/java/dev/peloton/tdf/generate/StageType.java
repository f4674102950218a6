package dev.peloton.tdf.generate;

import java.util.Arrays;

/** The organiser's stage types, with the labels {@code stages.csv} uses. */
public enum StageType {
    FLAT("flat"),
    HILLY("hilly"),
    MOUNTAIN("mountain"),
    TIME_TRIAL("time_trial");

    private final String label;

    StageType(String label) {
        this.label = label;
    }

    /** The label in {@code stages.csv}. */
    public String label() {
        return label;
    }

    /** Parses a {@code stages.csv} label; fails naming the valid labels. */
    public static StageType ofLabel(String label) {
        for (StageType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown stage type '" + label + "'; valid: "
                + Arrays.stream(values()).map(StageType::label).toList());
    }
}
