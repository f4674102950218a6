package dev.peloton.tdf.generate;

/**
 * A rider's speciality. It sets the body size the rider is drawn with and how the rider rides the climbs.
 * Published averages: climbers about 178 cm / 64 kg, sprinters about 180 cm / 72 kg, the whole peloton
 * 180.9 cm / 68.8 kg; rouleurs are the rest, sized so that the peloton's means come out right.
 */
public enum RiderRole {
    CLIMBER("climber", 178.0, 64.0),
    SPRINTER("sprinter", 180.0, 72.0),
    ROULEUR("rouleur", 182.4, 69.9);

    private final String label;
    private final double meanHeightCm;
    private final double meanWeightKg;

    RiderRole(String label, double meanHeightCm, double meanWeightKg) {
        this.label = label;
        this.meanHeightCm = meanHeightCm;
        this.meanWeightKg = meanWeightKg;
    }

    /** The label written in the riders sheet. */
    public String label() {
        return label;
    }

    double meanHeightCm() {
        return meanHeightCm;
    }

    double meanWeightKg() {
        return meanWeightKg;
    }
}
