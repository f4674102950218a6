package dev.peloton.tdf.source;

import dev.peloton.tdf.generate.RacePoint;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The current row of a {@link RacePointCursor}, as primitives: what a bulk reader (the landing asset) copies on
 * without an object per row. Valid until the cursor moves on; {@link #toRacePoint()} makes a value that stays.
 * Nullable columns have a {@code has...} method; their value is 0 when null.
 */
public final class RacePointRow {

    static final int ALTITUDE = 1;
    static final int HEART_RATE = 1 << 1;
    static final int CADENCE = 1 << 2;
    static final int POWER = 1 << 3;
    static final int TEMPERATURE = 1 << 4;

    private final LocalDate raceDay;
    int stage;
    int bib;
    long stravaId;
    long epochSecond;
    double lat;
    double lon;
    double altitude;
    double distance;
    double speed;
    int heartRate;
    int cadence;
    int power;
    int temperature;
    boolean moving;
    /** One bit per nullable column that is null in this row. */
    int nulls;

    RacePointRow(LocalDate raceDay) {
        this.raceDay = raceDay;
    }

    public LocalDate raceDay() {
        return raceDay;
    }

    public int stage() {
        return stage;
    }

    public int bib() {
        return bib;
    }

    public long stravaId() {
        return stravaId;
    }

    /** The point's time in whole seconds since 1970-01-01T00:00Z. */
    public long epochSecond() {
        return epochSecond;
    }

    public double lat() {
        return lat;
    }

    public double lon() {
        return lon;
    }

    public boolean hasAltitude() {
        return (nulls & ALTITUDE) == 0;
    }

    public double altitude() {
        return altitude;
    }

    public double distance() {
        return distance;
    }

    public double speed() {
        return speed;
    }

    public boolean hasHeartRate() {
        return (nulls & HEART_RATE) == 0;
    }

    public int heartRate() {
        return heartRate;
    }

    public boolean hasCadence() {
        return (nulls & CADENCE) == 0;
    }

    public int cadence() {
        return cadence;
    }

    public boolean hasPower() {
        return (nulls & POWER) == 0;
    }

    public int power() {
        return power;
    }

    public boolean hasTemperature() {
        return (nulls & TEMPERATURE) == 0;
    }

    public int temperature() {
        return temperature;
    }

    public boolean moving() {
        return moving;
    }

    /** This row as a value. */
    public RacePoint toRacePoint() {
        return new RacePoint(raceDay, stage, bib, stravaId, Instant.ofEpochSecond(epochSecond), lat, lon,
                hasAltitude() ? altitude : null, distance, speed, hasHeartRate() ? heartRate : null,
                hasCadence() ? cadence : null, hasPower() ? power : null, hasTemperature() ? temperature : null,
                moving);
    }
}
